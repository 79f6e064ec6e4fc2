"""records_to_dataset: one named graph per document, provenance on every fact."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from graphbuilder.rdf.example import HOSTILE_TEXT
from graphbuilder.rdf.iris import document_iri, entity_iri, graph_iri
from graphbuilder.rdf.mapping import records_to_dataset
from graphbuilder.rdf.namespaces import GB, GBR, SCHEMA, WD
from graphbuilder.records import Evidence, Relation, Stance

TOKAYEV = GBR.Q380719
KAZ = GBR.Q232
UN = GBR.Q1065
CSTO = GBR.Q170481


def _ids(example):
    docs, _ = example
    return [d.article.doc_id for d in docs]


def test_one_named_graph_per_document(example, example_dataset):
    d1, d2 = _ids(example)
    names = {g.identifier for g in example_dataset.graphs() if len(g)}
    assert names == {graph_iri(d1), graph_iri(d2)}
    g1 = example_dataset.graph(graph_iri(d1))
    assert (TOKAYEV, GB.leaderOf, KAZ) in g1
    assert (GBR.Q813, GB.memberOf, CSTO) not in g1
    assert (GBR.Q813, GB.memberOf, CSTO) in example_dataset.graph(graph_iri(d2))


def test_document_node(example, example_graph):
    d1, d2 = _ids(example)
    doc = document_iri(d1)
    g = example_graph
    assert (doc, RDF.type, GB.Document) in g
    assert g.value(doc, SCHEMA.name) == Literal('CSTO summit: "allies" at odds')
    assert g.value(doc, SCHEMA.datePublished) == Literal("2022-11-23", datatype=XSD.date)
    assert g.value(doc, SCHEMA.author) == entity_iri("Person:jane o'doe")
    assert str(g.value(doc, GB.sha256)) == example[0][0].article.sha256
    assert g.value(doc, GB.sourcePath) == Literal("/corpus/summit.txt")
    doc2 = document_iri(d2)
    assert g.value(doc2, SCHEMA.datePublished).datatype == XSD.dateTime
    assert str(g.value(doc2, SCHEMA.url)) == "https://example.org/news/2"


def test_entities_have_one_class_and_one_label(example_graph):
    g = example_graph
    main = {GB.Person, GB.Country, GB.Organization, GB.Location, GB.Event}
    entities = set(g.subjects(GB.mentionedIn, None))
    assert len(entities) == 11
    for e in entities:
        assert len(set(g.objects(e, RDF.type)) & main) == 1, e
        labels = list(g.objects(e, RDFS.label))
        assert len(labels) == 1 and labels[0].language == "en"
    assert set(g.objects(CSTO, RDF.type)) == {GB.Organization, GB.IntergovernmentalOrganization}
    assert (UN, OWL.sameAs, WD.Q1065) in g
    assert Literal("U.N.", lang="en") in set(g.objects(UN, SKOS.altLabel))
    assert g.value(UN, RDFS.label) == Literal("United Nations", lang="en")


def test_relations_reified_with_provenance(example, example_graph):
    d1, _ = _ids(example)
    g = example_graph
    st = next(
        s for s in g.subjects(RDF.subject, TOKAYEV) if g.value(s, RDF.predicate) == GB.leaderOf
    )
    assert g.value(st, RDF.type) == RDF.Statement
    assert g.value(st, RDF.object) == KAZ
    assert g.value(st, PROV.wasDerivedFrom) == document_iri(d1)
    assert g.value(st, GB.charStart) == Literal(0)
    assert g.value(st, GB.charStart).datatype == XSD.integer
    conf = g.value(st, GB.confidence)
    assert conf.datatype == XSD.decimal and conf.toPython() == Decimal("0.950")
    text = example[0][0].article.text
    start, end = int(g.value(st, GB.charStart)), int(g.value(st, GB.charEnd))
    assert text[start:end] == str(g.value(st, GB.evidence))


def test_kb_relations_marked_and_filterable(example_graph):
    g = example_graph
    kb = [s for s in g.subjects(GB.fromKnowledgeBase, Literal(True))]
    assert len(kb) == 1
    assert g.value(kb[0], RDF.subject) == KAZ
    src = g.value(kb[0], PROV.wasDerivedFrom)
    assert (src, RDF.type, GB.KnowledgeBaseEntry) in g
    assert g.value(kb[0], GB.evidence) is None
    rows = g.query(
        """SELECT ?s WHERE { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate gb:memberOf .
           FILTER NOT EXISTS { ?st gb:fromKnowledgeBase true } }""",
        initNs={"gb": GB._NS, "rdf": RDF},
    )
    assert {r[0] for r in rows} == {GBR.Q813}


def test_stances(example, example_graph):
    g = example_graph
    stances = set(g.subjects(RDF.type, GB.Stance))
    assert len(stances) == 6
    hostile = next(s for s in stances if g.value(s, GB.attribution) == GB.DirectQuote)
    assert str(g.value(hostile, GB.evidence)) == HOSTILE_TEXT
    assert g.value(hostile, GB.confidence) == Literal("0.667", datatype=XSD.decimal)
    author = next(s for s in stances if g.value(s, GB.attribution) == GB.AuthorOpinion)
    assert g.value(author, GB.holder) == entity_iri("Person:jane o'doe")
    assert g.value(author, GB.target) == UN
    assert g.value(author, GB.polarity) == GB.Negative
    assert g.value(author, GB.stanceType) == GB.Criticism
    assert str(g.value(author, GB.topic)) == "the region"
    for s in stances:
        assert g.value(s, PROV.wasDerivedFrom) is not None


def test_same_input_same_triples(example):
    docs, ents = example
    a = records_to_dataset(docs, ents)
    b = records_to_dataset(list(reversed(docs)), ents)
    assert set(a.quads((None, None, None, None))) == set(b.quads((None, None, None, None)))


def test_bad_records_raise(example):
    docs, ents = example
    d = docs[0]
    ev = Evidence("x", 0, 1)
    bad = [
        Relation("person/tokayev", "leads", "country/KAZ", 1.0, ev),
        Relation("person/nobody", "leaderOf", "country/KAZ", 1.0, ev),
    ]
    for rel in bad:
        rec = type(d)(article=d.article, entities=d.entities, relations=[rel])
        with pytest.raises(ValueError):
            records_to_dataset([rec], ents)
    wrong_polarity = Stance(
        "person/tokayev", "org/UN", "Positive", "Criticism", "ReportedSpeech", ev
    )
    rec = type(d)(article=d.article, entities=d.entities, stances=[wrong_polarity])
    with pytest.raises(ValueError, match="implies polarity Negative"):
        records_to_dataset([rec], ents)
