"""The one module that names RDF namespaces.

Every other module takes its terms from here: ``GB.leaderOf``, ``GBR``, ``WD`` ... The prefixes
are those of the RDF contract (``shared/spec/vocabulary.md``). :class:`GB` is an rdflib
:class:`~rdflib.namespace.DefinedNamespace` with ``_fail = True``: a misspelled term
(``GB.leaderof``) raises :class:`AttributeError` at once. A test checks that the terms listed
here are exactly those defined in ``ontology/graphbuilder.ttl``.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "GB",
    "GBR",
    "WD",
    "PROV",
    "SKOS",
    "SCHEMA",
    "RDF",
    "RDFS",
    "OWL",
    "XSD",
    "GB_IRI",
    "GBR_IRI",
    "PREFIXES",
    "bind_prefixes",
    "ONTOLOGY_IRI",
]

GB_IRI = "https://w3id.org/graphbuilder/ontology#"
GBR_IRI = "https://w3id.org/graphbuilder/resource/"
WD_IRI = "http://www.wikidata.org/entity/"
SCHEMA_IRI = "https://schema.org/"
ONTOLOGY_IRI = URIRef("https://w3id.org/graphbuilder/ontology")


class GB(DefinedNamespace):
    """The graphbuilder ontology (``gb:``), as defined in ``ontology/graphbuilder.ttl``."""

    _fail = True
    _NS = Namespace(GB_IRI)

    # classes
    Entity: URIRef
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    Location: URIRef
    Event: URIRef
    # entity subclasses (ontology/kb/subclasses.csv, scripts/gen_ontology_subclasses.py)
    SovereignState: URIRef
    Territory: URIRef
    HistoricalState: URIRef
    IntergovernmentalOrganization: URIRef
    Organ: URIRef
    SpecializedAgency: URIRef
    Agency: URIRef
    Court: URIRef
    Mission: URIRef
    Forum: URIRef
    GovernmentBody: URIRef
    ArmedForces: URIRef
    ArmedGroup: URIRef
    PoliticalParty: URIRef
    PoliticalOrganization: URIRef
    NonGovernmentalOrganization: URIRef
    Media: URIRef
    Company: URIRef
    SocialGroup: URIRef
    City: URIRef
    Region: URIRef
    GeopoliticalRegion: URIRef
    Continent: URIRef
    WaterBody: URIRef
    War: URIRef
    Conflict: URIRef
    Protest: URIRef
    Attack: URIRef
    Genocide: URIRef
    Crisis: URIRef
    Annexation: URIRef
    Capture: URIRef
    Dissolution: URIRef
    Withdrawal: URIRef
    Commemoration: URIRef
    Conference: URIRef
    Document: URIRef
    Stance: URIRef
    Polarity: URIRef
    StanceType: URIRef
    Attribution: URIRef
    KnowledgeBaseEntry: URIRef
    StanceSummary: URIRef
    # relations
    leaderOf: URIRef
    officialOf: URIRef
    memberOf: URIRef
    partOf: URIRef
    locatedIn: URIRef
    involves: URIRef
    affiliatedWith: URIRef
    mentionedIn: URIRef
    # stances
    holder: URIRef
    target: URIRef
    polarity: URIRef
    stanceType: URIRef
    topic: URIRef
    attribution: URIRef
    cue: URIRef
    impliedPolarity: URIRef
    # derived stance summaries
    summaryHolder: URIRef
    summaryTarget: URIRef
    summaryPolarity: URIRef
    stanceCount: URIRef
    maxConfidence: URIRef
    strongestEvidence: URIRef
    summarizedStance: URIRef
    opposingSummary: URIRef
    derived: URIRef
    Positive: URIRef
    Negative: URIRef
    Support: URIRef
    Proposal: URIRef
    Cooperation: URIRef
    Praise: URIRef
    Opposition: URIRef
    Criticism: URIRef
    Condemnation: URIRef
    Refusal: URIRef
    Concern: URIRef
    DirectQuote: URIRef
    ReportedSpeech: URIRef
    AuthorOpinion: URIRef
    # provenance and documents
    evidence: URIRef
    charStart: URIRef
    charEnd: URIRef
    confidence: URIRef
    fromKnowledgeBase: URIRef
    kbEntry: URIRef
    kbId: URIRef
    mentionCount: URIRef
    sha256: URIRef
    sourcePath: URIRef


GBR = Namespace(GBR_IRI)
WD = Namespace(WD_IRI)
SCHEMA = Namespace(SCHEMA_IRI)

#: prefix -> namespace IRI, for graphs, SPARQL queries and JSON-LD contexts.
PREFIXES: dict[str, str] = {
    "gb": GB_IRI,
    "gbr": GBR_IRI,
    "wd": WD_IRI,
    "prov": str(PROV),
    "skos": str(SKOS),
    "schema": SCHEMA_IRI,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the vocabulary prefixes on ``graph`` (replacing rdflib's own ``schema:`` binding).

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        The graph to bind the prefixes on; changed in place.

    Returns
    -------
    rdflib.Graph
        The same graph, for chaining.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = bind_prefixes(Graph())
    >>> dict(g.namespaces())["gb"]
    rdflib.term.URIRef('https://w3id.org/graphbuilder/ontology#')
    """
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, Namespace(iri), override=True, replace=True)
    return graph
