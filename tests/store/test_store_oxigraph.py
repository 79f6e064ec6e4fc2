"""Oxigraph stores written by graphbuilder: literals read back whole; queries see each triple once.

A store keeps one named graph per document and, as its default graph, their deduplicated
union; queries read that default graph, so they give the rows of ``graph.ttl`` (the union of
the same documents), not one copy per document that holds a triple.
"""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
from rdflib import XSD, Graph, Literal, URIRef

from graphbuilder.rdf.io import write_turtle
from graphbuilder.rdf.iris import graph_iri
from graphbuilder.rdf.mapping import records_to_dataset
from graphbuilder.store.oxigraph import (
    from_ox,
    has_default_graph,
    load_file_into_store,
    open_store,
    reads_union,
    store_to_dataset,
    to_ox,
)
from graphbuilder.store.protocol import DocumentInfo, OxigraphSink
from graphbuilder.store.query import list_named_queries, run_named_query, run_query

LITERALS = [
    Literal("Moscow", lang="en"),
    Literal("Москва", lang="ru"),
    Literal("0.85", datatype=XSD.decimal),
    Literal("17", datatype=XSD.integer),
    Literal("2022-11-23", datatype=XSD.date),
    Literal("2022-11-23T10:00:00Z", datatype=XSD.dateTime),
    Literal('a plain string with "quotes" and\nnewline'),
    Literal("true", datatype=XSD.boolean),
]


def test_literals_round_trip_through_a_disk_store(tmp_path):
    s, p = URIRef("https://example.org/s"), URIRef("https://example.org/p")
    graph = Graph()
    for lit in LITERALS:
        graph.add((s, p, lit))
    store = open_store(tmp_path / "kg")
    store.extend(ox.Quad(to_ox(a), to_ox(b), to_ox(c), ox.DefaultGraph()) for a, b, c in graph)
    store.flush()
    back = {from_ox(q.object) for q in store}
    assert back == set(LITERALS)
    by_value = {str(lit): lit for lit in back}
    assert by_value["Moscow"].language == "en"
    assert (
        by_value["0.85"].datatype == XSD.decimal
        and by_value["0.85"].toPython() == 0.85
        or (str(by_value["0.85"].toPython()) == "0.85")
    )
    assert by_value["17"].datatype == XSD.integer and by_value["17"].toPython() == 17
    assert by_value["2022-11-23"].datatype == XSD.date
    plain = by_value['a plain string with "quotes" and\nnewline']
    assert plain.datatype is None and plain.language is None
    ds = store_to_dataset(store)
    assert set(ds.default_graph.objects(s, p)) == set(LITERALS)


def _rows(result) -> Counter:
    return Counter(tuple(None if t is None else str(t) for t in row) for row in result.rows)


def _cases(docs) -> dict[str, dict[str, str]]:
    d1, d2 = (d.article.doc_id for d in docs)
    return {
        "leaders-of": {},
        "members-of": {"organization": "CSTO"},
        "stances-of": {"entity": "Tokayev"},
        "stances-toward": {"target": "the U.N."},
        "who-criticizes-whom": {},
        "relation-evidence": {},
        "entities-by-documents": {},
        "contradictions": {},
        "document-diff": {"old": d1, "new": d2},
        "stance-summary": {"holder": "Tokayev"},
    }


def test_sink_store_answers_like_graph_ttl(tmp_path, example):
    docs, ents = example
    ds = records_to_dataset(docs, ents)
    sink = OxigraphSink(tmp_path / "kg")
    try:
        for rec in docs:
            art = rec.article
            info = DocumentInfo(art.doc_id, art.sha256, art.source)
            sink.replace_document(art.doc_id, ds.graph(graph_iri(art.doc_id)), info)
        triples = sink.flush()
    finally:
        sink.close()
    ttl = write_turtle(ds, tmp_path / "graph.ttl")
    flat = open_store()
    load_file_into_store(flat, ttl)
    assert triples == len(flat)
    store = open_store(tmp_path / "kg", read_only=True)
    assert has_default_graph(store) and not reads_union(store)
    # triples held by both document graphs (entities' types and labels) are in the default
    # graph, once; the union of Oxigraph would give them twice
    graphs: dict = {}
    for q in store:
        graphs.setdefault(q.triple, set()).add(q.graph_name)
    shared = [t for t, names in graphs.items() if len(names) == 3]
    assert len(shared) > 10
    assert all(ox.DefaultGraph() in graphs[t] for t in shared)
    assert len(graphs) == triples
    union = store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", use_default_graph_as_union=True)
    assert int(next(union)["n"].value) > 2 * triples  # default + named, duplicates
    cases = _cases(docs)
    assert set(cases) == {q.name for q in list_named_queries()}
    for name, params in cases.items():
        want = _rows(run_named_query(flat, name, params))
        got = _rows(run_named_query(store, name, params))
        assert got == want, name
        assert want, name
    # without DISTINCT too: each label once, as in graph.ttl
    labels = "SELECT ?e ?label WHERE { ?e rdfs:label ?label }"
    assert _rows(run_query(store, labels)) == _rows(run_query(flat, labels))


def test_trig_file_loads_with_its_union(tmp_path, example_dataset, graph_files):
    store = open_store()
    load_file_into_store(store, graph_files["trig"])
    flat = open_store()
    load_file_into_store(flat, graph_files["ttl"])
    default = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert default == {q.triple for q in flat}
    # the two documents' graphs, and the derived stance summaries computed over their union
    names = sorted(g.value.rsplit("/", 1)[-1] for g in store.named_graphs())
    assert len(names) == 3 and names[-1] == "stance-summaries"
