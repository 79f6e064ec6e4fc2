"""The one module that maps records to RDF.

:func:`records_to_dataset` turns the :class:`~graphbuilder.records.DocumentRecords` of one or
more documents into an rdflib :class:`~rdflib.Dataset` with one named graph per document
(:func:`graphbuilder.rdf.iris.graph_iri`) holding every triple derived from that document:

* the ``gb:Document`` node (``schema:name``, ``schema:author``, ``schema:datePublished``,
  ``schema:url`` or ``gb:sourcePath``, ``gb:sha256``);
* each entity the document mentions or its facts refer to: ``rdf:type`` exactly one of the five
  entity classes, plus its finer class (e.g. ``gb:IntergovernmentalOrganization``) as a second
  ``rdf:type`` when the ontology makes it a subclass of that class (the shapes count only the
  five classes, so a subclass is allowed); one ``rdfs:label``\\@en (the canonical label of the
  global ``entities``), ``skos:altLabel``\\@en, ``owl:sameAs wd:Q…``, ``gb:kbEntry``,
  ``gb:mentionedIn``;
* each relation as a direct triple and its reification (``rdf:Statement``) with provenance:
  read from text -> ``prov:wasDerivedFrom`` the document, ``gb:evidence``, ``gb:charStart``,
  ``gb:charEnd``, ``gb:confidence``; knowledge-base facts -> ``prov:wasDerivedFrom`` the
  ``gb:KnowledgeBaseEntry`` and ``gb:fromKnowledgeBase true``, so one filter drops them::

      FILTER NOT EXISTS { ?statement gb:fromKnowledgeBase true }

* each stance as a ``gb:Stance`` with holder, target, polarity, type, attribution, topic, cue
  and the same provenance.

Derived stance summaries (issue 15): one ``gb:StanceSummary`` per (holder, target, polarity)
of the whole graph, with ``gb:stanceCount`` (how many distinct stances), a
``gb:summarizedStance`` link to each of them and ``gb:derived true``, and
``gb:opposingSummary`` from the positive summary of a holder and target to the negative one
when both exist, in the named graph ``gbr:graph/stance-summaries``. They are computed from
the union of the document graphs whenever it is written: :func:`with_stance_summaries` for an
rdflib Dataset (``graph.trig``, ``graph.ttl``), :func:`stance_summary_update` for a store (all
of them, or only the holder-target pairs a batch of documents touched, both polarities, so an
incremental build keeps them right). Both mint the same IRIs
(:func:`graphbuilder.rdf.iris.stance_summary_iri`).

Numbers: offsets are ``xsd:integer``; confidences ``xsd:decimal`` rounded to 3 places.
The stance-type -> polarity rule is read from the ontology (``gb:impliedPolarity``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from graphbuilder.rdf.io import union_graph
from graphbuilder.rdf.iris import (
    SUMMARY_IRI_SPARQL,
    document_iri,
    entity_iri,
    graph_iri,
    kb_entry_iri,
    stance_iri,
    stance_summary_iri,
    statement_iri,
    summary_graph_iri,
)
from graphbuilder.rdf.namespaces import GB, SCHEMA, WD, bind_prefixes
from graphbuilder.rdf.ontology import entity_classes, implied_polarity, main_class_of
from graphbuilder.records import DocumentRecords, Entity, Relation, Stance

__all__ = [
    "records_to_dataset",
    "dataset_to_graph",
    "document_graph",
    "confidence_literal",
    "date_literal",
    "entity_node",
    "stance_pairs",
    "stance_summary_graph",
    "with_stance_summaries",
    "stance_summary_update",
    "stance_pairs_query",
]

log = logging.getLogger(__name__)

# the five relations of the vocabulary, gb:involves (a minted event -> an entity in it) and
# gb:affiliatedWith (an unnamed group -> the state of its demonym, resolve.groups)
_RELATIONS = (
    "leaderOf",
    "officialOf",
    "memberOf",
    "partOf",
    "locatedIn",
    "involves",
    "affiliatedWith",
)
_ATTRIBUTIONS = ("DirectQuote", "ReportedSpeech", "AuthorOpinion")
_QUANTUM = Decimal("0.001")


def confidence_literal(value: float) -> Literal:
    """Return a confidence as an ``xsd:decimal`` literal rounded to 3 decimal places.

    Parameters
    ----------
    value : float
        Confidence in [0, 1] (not clamped: the SHACL shapes report values outside).

    Returns
    -------
    rdflib.Literal

    Examples
    --------
    >>> str(confidence_literal(0.81234))
    '0.812'
    """
    dec = Decimal(repr(float(value))).quantize(_QUANTUM, rounding=ROUND_HALF_EVEN)
    return Literal(format(dec, "f"), datatype=XSD.decimal)


def date_literal(text: str | None) -> Literal | None:
    """Return an ISO 8601 date or date-time as an ``xsd:date`` / ``xsd:dateTime`` literal.

    Parameters
    ----------
    text : str or None
        ``"2022-11-23"`` or ``"2022-11-23T10:00:00+03:00"``.

    Returns
    -------
    rdflib.Literal or None
        None when ``text`` is empty or not ISO 8601 (a warning is logged).

    Examples
    --------
    >>> date_literal("2022-11-23").datatype == XSD.date
    True
    """
    if not text:
        return None
    text = text.strip()
    try:
        if len(text) == 10:
            return Literal(date.fromisoformat(text).isoformat(), datatype=XSD.date)
        return Literal(datetime.fromisoformat(text).isoformat(), datatype=XSD.dateTime)
    except ValueError:
        log.warning("date %r is not ISO 8601; schema:datePublished left out", text)
        return None


def _gb(local: str, allowed: Iterable[str], what: str) -> URIRef:
    if local not in allowed:
        raise ValueError(f"unknown {what} {local!r}; expected one of {sorted(allowed)}")
    return getattr(GB, local)


def entity_node(entity: Entity) -> URIRef:
    """Return the IRI of an entity record (QID-based when linked to Wikidata)."""
    return entity_iri(entity.key, entity.qid)


class _Builder:
    """Collect triples per document graph, and the entities each graph must describe."""

    def __init__(self, ds: Dataset, entities: dict[str, Entity]):
        self.ds = ds
        self.entities = entities
        self.graphs: dict[str, Graph] = {}
        # doc_id -> {entity key: (mentioned?, document-level Entity or None)}
        self.described: dict[str, dict[str, tuple[bool, Entity | None]]] = {}
        self.polarity_of = implied_polarity()
        self.classes = entity_classes()

    def graph(self, doc_id: str) -> Graph:
        if doc_id not in self.graphs:
            self.graphs[doc_id] = self.ds.graph(graph_iri(doc_id))
        return self.graphs[doc_id]

    def lookup(self, key: str, local: dict[str, Entity]) -> Entity:
        ent = self.entities.get(key) or local.get(key)
        if ent is None:
            raise ValueError(f"entity key {key!r} is referenced but not in the entities given")
        return ent

    def refer(self, doc_id: str, key: str, local: dict[str, Entity], mentioned: bool) -> URIRef:
        ent = self.lookup(key, local)
        seen = self.described.setdefault(doc_id, {})
        old_mentioned, old_local = seen.get(key, (False, None))
        seen[key] = (old_mentioned or mentioned, old_local or local.get(key))
        return entity_node(ent)

    # ------------------------------------------------------------------ documents
    def add_document(self, rec: DocumentRecords) -> URIRef:
        art = rec.article
        g = self.graph(art.doc_id)
        doc = document_iri(art.doc_id)
        g.add((doc, RDF.type, GB.Document))
        g.add((doc, GB.sha256, Literal(art.sha256)))
        if art.title:
            g.add((doc, SCHEMA.name, Literal(art.title)))
        when = date_literal(art.date)
        if when is not None:
            g.add((doc, SCHEMA.datePublished, when))
        url = art.url or (art.source if art.source.startswith(("http://", "https://")) else None)
        if url:
            g.add((doc, SCHEMA.url, Literal(url, datatype=XSD.anyURI)))
        if art.source and art.source != url:
            g.add((doc, GB.sourcePath, Literal(art.source)))
        if rec.author:
            g.add((doc, SCHEMA.author, self.refer(art.doc_id, rec.author, rec.entities, True)))
        return doc

    # ------------------------------------------------------------------ relations
    def add_relation(self, rec: DocumentRecords, rel: Relation) -> None:
        pred = _gb(rel.predicate, _RELATIONS, "relation")
        doc_id = rel.doc_id or rec.article.doc_id
        g = self.graph(doc_id)
        s = self.refer(doc_id, rel.subject, rec.entities, rel.origin != "kb")
        o = self.refer(doc_id, rel.object, rec.entities, rel.origin != "kb")
        g.add((s, pred, o))
        ev = rel.evidence
        if rel.origin == "kb":
            kb_id = rel.kb_entry or "unknown"
            if rel.kb_entry is None:
                log.warning("knowledge-base relation %s has no kb_entry", rel)
            source_node = kb_entry_iri(kb_id)
            st = statement_iri(rel.subject, rel.predicate, rel.object, f"kb:{kb_id}")
            g.add((source_node, RDF.type, GB.KnowledgeBaseEntry))
            g.add((source_node, GB.kbId, Literal(kb_id)))
            g.add((st, GB.fromKnowledgeBase, Literal(True)))
        else:
            source_node = document_iri(doc_id)
            st = statement_iri(
                rel.subject,
                rel.predicate,
                rel.object,
                doc_id,
                ev.char_start if ev else None,
                ev.char_end if ev else None,
            )
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, pred))
        g.add((st, RDF.object, o))
        g.add((st, PROV.wasDerivedFrom, source_node))
        g.add((st, GB.confidence, confidence_literal(rel.confidence)))
        if ev is not None:
            self._evidence(g, st, ev.text, ev.char_start, ev.char_end)

    @staticmethod
    def _evidence(g: Graph, node: URIRef, text: str, start: int, end: int) -> None:
        g.add((node, GB.evidence, Literal(text)))
        g.add((node, GB.charStart, Literal(int(start))))
        g.add((node, GB.charEnd, Literal(int(end))))

    # ------------------------------------------------------------------ stances
    def add_stance(self, rec: DocumentRecords, stance: Stance) -> None:
        stype = _gb(stance.stance_type, self.polarity_of, "stance type")
        polarity = _gb(stance.polarity, set(self.polarity_of.values()), "polarity")
        if self.polarity_of[stance.stance_type] != stance.polarity:
            raise ValueError(
                f"stance type {stance.stance_type} implies polarity "
                f"{self.polarity_of[stance.stance_type]}, not {stance.polarity}: {stance}"
            )
        attribution = _gb(stance.attribution, _ATTRIBUTIONS, "attribution")
        doc_id = stance.doc_id or rec.article.doc_id
        g = self.graph(doc_id)
        ev = stance.evidence
        node = stance_iri(
            stance.holder,
            stance.target,
            stance.stance_type,
            stance.polarity,
            doc_id,
            ev.char_start,
            ev.char_end,
        )
        g.add((node, RDF.type, GB.Stance))
        g.add((node, GB.holder, self.refer(doc_id, stance.holder, rec.entities, True)))
        g.add((node, GB.target, self.refer(doc_id, stance.target, rec.entities, True)))
        g.add((node, GB.polarity, polarity))
        g.add((node, GB.stanceType, stype))
        g.add((node, GB.attribution, attribution))
        if stance.topic:
            g.add((node, GB.topic, Literal(stance.topic)))
        if stance.cue:
            g.add((node, GB.cue, Literal(stance.cue)))
        g.add((node, PROV.wasDerivedFrom, document_iri(doc_id)))
        g.add((node, GB.confidence, confidence_literal(stance.confidence)))
        self._evidence(g, node, ev.text, ev.char_start, ev.char_end)

    # ------------------------------------------------------------------ entities
    def describe_entities(self) -> None:
        for doc_id, seen in self.described.items():
            g = self.graph(doc_id)
            doc = document_iri(doc_id)
            for key, (mentioned, local) in seen.items():
                ent = self.lookup(key, {key: local} if local else {})
                node = entity_node(ent)
                if ent.cls not in self.classes:
                    raise ValueError(
                        f"entity {key!r} has class {ent.cls!r}; expected one of {self.classes}"
                    )
                g.add((node, RDF.type, getattr(GB, ent.cls)))
                if ent.subclass and ent.subclass != ent.cls:
                    if main_class_of(ent.subclass) == ent.cls:
                        g.add((node, RDF.type, getattr(GB, ent.subclass)))
                    else:
                        log.warning(
                            "entity %r: %r is not a subclass of %r in the ontology; left out",
                            key,
                            ent.subclass,
                            ent.cls,
                        )
                g.add((node, RDFS.label, Literal(ent.label, lang="en")))
                if ent.qid:
                    g.add((node, OWL.sameAs, WD[ent.qid.strip()]))
                if ent.kb_id:
                    g.add((node, GB.kbEntry, kb_entry_iri(ent.kb_id)))
                if not mentioned:
                    continue
                g.add((node, GB.mentionedIn, doc))
                alt = set(ent.aliases)
                if local is not None:
                    alt |= set(local.aliases) | {local.label}
                alt.discard(ent.label)
                for name in alt:
                    if name and name.strip():
                        g.add((node, SKOS.altLabel, Literal(name, lang="en")))


def records_to_dataset(docs: list[DocumentRecords], entities: dict[str, Entity]) -> Dataset:
    """Map the records of documents to an RDF dataset, one named graph per document.

    Parameters
    ----------
    docs : list of DocumentRecords
        The records of each document (entity keys already merged across documents).
    entities : dict of str to Entity
        The global, merged entities by key: their ``label`` is the canonical ``rdfs:label``;
        keys missing here are looked up in each document's own ``entities``.

    Returns
    -------
    rdflib.Dataset
        Named graphs ``gbr:graph/<doc_id>``; the default graph is empty. Prefixes bound.

    Raises
    ------
    ValueError
        When a record refers to an entity key found in neither ``entities`` nor the
        document's entities, or uses a class, relation, stance type, polarity or attribution
        the ontology does not define, or a stance type with the wrong polarity.

    Examples
    --------
    >>> from graphbuilder.records import Article, DocumentRecords
    >>> art = Article(source="/tmp/a.txt", text="Hello.", sha256="ab" * 32)
    >>> ds = records_to_dataset([DocumentRecords(article=art)], {})
    >>> len(ds.graph(graph_iri(art.doc_id)))
    3
    """
    ds = Dataset()
    bind_prefixes(ds)
    builder = _Builder(ds, entities)
    for rec in docs:
        builder.add_document(rec)
        for key in rec.entities:
            builder.refer(rec.article.doc_id, key, rec.entities, True)
        for mention in rec.mentions:
            if mention.entity in entities or mention.entity in rec.entities:
                builder.refer(rec.article.doc_id, mention.entity, rec.entities, True)
        for rel in rec.relations:
            builder.add_relation(rec, rel)
        for stance in rec.stances:
            builder.add_stance(rec, stance)
    builder.describe_entities()
    return ds


def document_graph(ds: Dataset, doc_id: str) -> Graph:
    """Return the named graph of one document of a dataset (empty if absent)."""
    return ds.graph(graph_iri(doc_id))


def dataset_to_graph(ds: Dataset) -> Graph:
    """Return the union of all graphs of a dataset as one plain Graph (prefixes bound).

    Parameters
    ----------
    ds : rdflib.Dataset

    Returns
    -------
    rdflib.Graph
        Every triple of every graph (default and named) once
        (:func:`graphbuilder.rdf.io.union_graph`).
    """
    return union_graph(ds)


# ---------------------------------------------------------------------- stance summaries

Pair = tuple[str, str, str]


def stance_pairs(graph: Graph) -> set[Pair]:
    """Return the (holder, target, polarity) IRIs of the ``gb:Stance`` resources of a graph.

    Parameters
    ----------
    graph : rdflib.Graph
        A document's graph, or any graph.

    Returns
    -------
    set of tuple of str
        One ``(holder, target, polarity)`` per distinct combination.
    """
    return set(_stance_combinations(graph))


def _stance_combinations(graph: Graph, with_stance: bool = False) -> Iterable:
    """One ``(holder, target, polarity)`` per stance of ``graph`` (and per combination of a
    stance with several holders or targets); ``(stance, pair)`` with ``with_stance``."""
    for st in set(graph.subjects(RDF.type, GB.Stance)):
        for h in graph.objects(st, GB.holder):
            for t in graph.objects(st, GB.target):
                for pol in graph.objects(st, GB.polarity):
                    pair = (str(h), str(t), str(pol))
                    yield (st, pair) if with_stance else pair


def _summary_triples(
    g: Graph, node: URIRef, pair: Pair, stances: set, strongest: tuple | None
) -> None:
    h, t, pol = (URIRef(x) for x in pair)
    g.add((node, RDF.type, GB.StanceSummary))
    g.add((node, GB.summaryHolder, h))
    g.add((node, GB.summaryTarget, t))
    g.add((node, GB.summaryPolarity, pol))
    g.add((node, GB.stanceCount, Literal(len(stances))))
    g.add((node, GB.derived, Literal(True)))
    for stance in stances:
        g.add((node, GB.summarizedStance, stance))
    if strongest is not None:
        # in the canonical form an Oxigraph store keeps (0.900 -> 0.9, 1.000 -> 1), as
        # stance_summary_update writes it there
        canonical = format(Decimal(str(strongest[2])).normalize(), "f")
        g.add((node, GB.maxConfidence, Literal(canonical, datatype=XSD.decimal)))
        g.add((node, GB.strongestEvidence, strongest[3]))


def _strength(graph: Graph, stance: object) -> Iterable[tuple]:
    """``(-confidence, evidence, confidence literal, evidence literal)`` per pair of a
    stance's confidence and evidence: the least is its strongest evidence (see
    :func:`stance_summary_graph`)."""
    for c in graph.objects(stance, GB.confidence):
        try:
            value = Decimal(str(c))
        except InvalidOperation:
            continue
        for ev in graph.objects(stance, GB.evidence):
            yield (-round(value * 1000), str(ev), c, ev)


def stance_summary_graph(graph: Graph) -> Graph:
    """Compute the derived stance summaries of a graph (the union of the document graphs).

    Parameters
    ----------
    graph : rdflib.Graph
        The union: every ``gb:Stance`` once.

    Returns
    -------
    rdflib.Graph
        Per (holder, target, polarity) of the stances: a ``gb:StanceSummary``
        (:func:`graphbuilder.rdf.iris.stance_summary_iri`) with ``gb:summaryHolder``,
        ``gb:summaryTarget``, ``gb:summaryPolarity``, ``gb:stanceCount`` (distinct stances,
        ``xsd:integer``), ``gb:derived true``, and, where its stances have a confidence and
        an evidence, ``gb:maxConfidence`` (the highest ``gb:confidence``) and
        ``gb:strongestEvidence`` (the ``gb:evidence`` of a stance of that confidence, the
        first in code-point order: the answer of ``who-criticizes-whom`` before it read the
        summaries, ``tests/store/data/reference-who-criticizes-whom.rq``), one
        ``gb:summarizedStance`` per stance it counts, and, from the ``gb:Positive`` summary
        of a holder and target to the ``gb:Negative`` one when both exist,
        ``gb:opposingSummary`` (the ``contradictions`` named query starts from these); the
        same triples as :func:`stance_summary_update` writes in a store.

    Examples
    --------
    >>> from rdflib import Graph
    >>> gb = "@prefix gb: <https://w3id.org/graphbuilder/ontology#> ."
    >>> g = Graph().parse(format="turtle", data=gb + '''
    ... <urn:s1> a gb:Stance ; gb:holder <urn:a> ; gb:target <urn:b> ; gb:polarity gb:Negative .
    ... <urn:s2> a gb:Stance ; gb:holder <urn:a> ; gb:target <urn:b> ; gb:polarity gb:Negative .
    ... ''')
    >>> [int(n) for n in stance_summary_graph(g).objects(None, GB.stanceCount)]
    [2]
    """
    stances: dict[Pair, set] = {}
    strongest: dict[Pair, tuple] = {}
    for stance, pair in _stance_combinations(graph, with_stance=True):
        stances.setdefault(pair, set()).add(stance)
        for key in _strength(graph, stance):
            if pair not in strongest or key[:2] < strongest[pair][:2]:
                strongest[pair] = key
    out = Graph()
    bind_prefixes(out)
    for pair, counted in stances.items():
        _summary_triples(out, stance_summary_iri(*pair), pair, counted, strongest.get(pair))
    for h, t, pol in stances:
        if pol == str(GB.Positive) and (h, t, str(GB.Negative)) in stances:
            out.add(
                (
                    stance_summary_iri(h, t, pol),
                    GB.opposingSummary,
                    stance_summary_iri(h, t, str(GB.Negative)),
                )
            )
    return out


def with_stance_summaries(ds: Dataset) -> Dataset:
    """Replace the summary graph of a dataset with the summaries of its other graphs.

    Parameters
    ----------
    ds : rdflib.Dataset
        The document graphs (and maybe an older summary graph); changed in place.

    Returns
    -------
    rdflib.Dataset
        The same dataset, its named graph ``gbr:graph/stance-summaries`` holding
        :func:`stance_summary_graph` of the union of the other graphs (absent when there
        is no stance).
    """
    name = summary_graph_iri()
    ds.remove_graph(ds.graph(name))
    union = Graph()
    for g in ds.graphs():
        if g.identifier != name:
            for triple in g.triples((None, RDF.type, GB.Stance)):
                union.add(triple)
            for p in (GB.holder, GB.target, GB.polarity, GB.confidence, GB.evidence):
                for triple in g.triples((None, p, None)):
                    union.add(triple)
    summaries = stance_summary_graph(union)
    if len(summaries):
        target = ds.graph(name)
        for triple in summaries:
            target.add(triple)
    return ds


def _expand(sparql: str) -> str:
    """``gb:name`` -> the full IRI (an update may be joined to others: no PREFIX lines)."""
    return re.sub(r"\bgb:(\w+)", lambda m: f"<{GB[m.group(1)]}>", sparql)


def _values(pairs: Iterable[Pair]) -> str:
    rows = " ".join(f"(<{h}> <{t}> <{pol}>)" for h, t, pol in sorted(pairs))
    return f"VALUES (?h ?t ?pol) {{ {rows} }}"


def _both_polarities(pairs: Iterable[Pair]) -> set[Pair]:
    """The pairs and, for each holder and target, its summaries of both polarities: the
    ``gb:opposingSummary`` link of a holder and target depends on both."""
    out = set()
    for h, t, pol in pairs:
        out |= {(h, t, pol), (h, t, str(GB.Positive)), (h, t, str(GB.Negative))}
    return out


def stance_summary_update(pairs: Iterable[Pair] | None = None, *, named: bool = True) -> str:
    """SPARQL update that recomputes stance summaries in a store from its default graph.

    The store's default graph must be the union of its document graphs (each stance once,
    as :mod:`graphbuilder.store.oxigraph` keeps it). Run in the same update (transaction) as
    the change of the document graphs, the summaries are never stale to a reader.

    Parameters
    ----------
    pairs : iterable of (holder, target, polarity) IRIs, or None
        Only these summaries (the pairs the changed documents held before and after the
        change, :func:`stance_pairs`; a pair left without stances loses its summary), and
        those of the other polarity of the same holder and target (their
        ``gb:opposingSummary`` link); None for all of them.
    named : bool
        Keep them in the named graph ``gbr:graph/stance-summaries`` and in the default graph
        (its union); False: in the default graph only (a store without named graphs).

    Returns
    -------
    str
        The update (operations joined by ``;``); empty for an empty ``pairs``. It writes the
        triples of :func:`stance_summary_graph`.
    """
    graph = f"<{summary_graph_iri()}>"

    def written(body: str) -> str:
        return f"GRAPH {graph} {{ {body} }} {body}" if named else body

    body = (
        "?sum a gb:StanceSummary ; gb:summaryHolder ?h ; gb:summaryTarget ?t ; "
        "gb:summaryPolarity ?pol ; gb:stanceCount ?n ; gb:derived true ; "
        "gb:maxConfidence ?max ; gb:strongestEvidence ?strongest ."
    )
    drop = f"GRAPH {graph} {{ ?sum ?p ?o }} ?sum ?p ?o" if named else "?sum ?p ?o"
    stances = "?st gb:holder ?h ; gb:target ?t ; gb:polarity ?pol ; a gb:Stance ."
    if pairs is None:
        parts = [f"DROP SILENT GRAPH {graph}"] if named else []
        parts.append("DELETE { ?sum ?p ?o } WHERE { ?sum a gb:StanceSummary ; ?p ?o }")
        values = ""
    else:
        pairs = _both_polarities(pairs)
        if not pairs:
            return ""
        values = _values(pairs)
        parts = [
            f"DELETE {{ {drop} }} WHERE {{ {values} BIND ({SUMMARY_IRI_SPARQL} AS ?sum) "
            "?sum ?p ?o }"
        ]
        if named:  # a summary the default graph lacks (a store being repaired)
            parts.append(
                f"DELETE {{ GRAPH {graph} {{ ?sum ?p ?o }} }} WHERE {{ {values} "
                f"BIND ({SUMMARY_IRI_SPARQL} AS ?sum) GRAPH {graph} {{ ?sum ?p ?o }} }}"
            )
    # the strongest evidence: the least key "inverted confidence in thousandths, evidence"
    # (confidences have 3 decimals, graphbuilder.rdf.mapping.confidence_literal); the
    # template's triples of an unbound ?max or ?strongest are not written
    strength = (
        "OPTIONAL { ?st gb:confidence ?c0 } OPTIONAL { ?st gb:evidence ?ev } "
        "BIND (IF(BOUND(?ev), ?c0, ?none) AS ?c) "
        f'BIND (CONCAT(STR(2000000000 - <{XSD.integer}>(ROUND(?c * 1000))), " ", ?ev) '
        "AS ?key)"
    )
    parts.append(
        f"INSERT {{ {written(body)} }} WHERE {{ {{ SELECT ?h ?t ?pol (COUNT(DISTINCT ?st) "
        "AS ?n) (MAX(?c) AS ?max) (MIN(?key) AS ?least) "
        f"WHERE {{ {values} {stances} {strength} }} GROUP BY ?h ?t ?pol }} "
        f"BIND ({SUMMARY_IRI_SPARQL} AS ?sum) BIND (SUBSTR(?least, 12) AS ?strongest) }}"
    )
    # each stance a summary counts, and the positive summary of a holder and target to the
    # negative one (both just written, read back from the default graph; the negative one's
    # IRI minted and asked for: joined as a pattern, Oxigraph read all the summaries for each
    # positive one, 2.8 s in memory at 390k triples against 0.1 s)
    parts.append(
        f"INSERT {{ {written('?sum gb:summarizedStance ?st .')} }} WHERE {{ {values} "
        f"{stances} BIND ({SUMMARY_IRI_SPARQL} AS ?sum) }}"
    )
    opposing = "?sum gb:summaryPolarity gb:Positive ; gb:summaryHolder ?h ; gb:summaryTarget ?t ."
    negative = SUMMARY_IRI_SPARQL.replace("?pol", f"<{GB.Negative}>")
    parts.append(
        f"INSERT {{ {written('?sum gb:opposingSummary ?neg .')} }} WHERE {{ {values} "
        + (f"BIND ({SUMMARY_IRI_SPARQL} AS ?sum) " if values else "")
        + f"{opposing} BIND ({negative} AS ?neg) FILTER EXISTS {{ ?neg a gb:StanceSummary }} }}"
    )
    return _expand(" ;\n".join(parts))


def stance_pairs_query(graphs: Iterable[str]) -> str:
    """SPARQL query for the (holder, target, polarity) of the stances in some named graphs.

    Parameters
    ----------
    graphs : iterable of str
        Named-graph IRIs (documents' graphs).

    Returns
    -------
    str
        ``SELECT DISTINCT ?h ?t ?pol``: the pairs to refresh before those graphs change.
    """
    names = " ".join(f"<{g}>" for g in sorted(set(graphs)))
    return _expand(
        f"SELECT DISTINCT ?h ?t ?pol WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ "
        "?st gb:holder ?h ; gb:target ?t ; gb:polarity ?pol ; a gb:Stance } }"
    )
