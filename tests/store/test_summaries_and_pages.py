"""Issue 15: derived stance summaries kept right, and named queries read page by page.

Real Oxigraph stores (in memory and on disk) and the real RDF mapping of the example
documents (``graphbuilder.rdf.example``) and of the synthetic records of the benchmark.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import graphbuilder as gb
from graphbuilder.errors import QueryError
from graphbuilder.rdf.iris import graph_iri, summary_graph_iri
from graphbuilder.rdf.mapping import (
    dataset_to_graph,
    records_to_dataset,
    stance_summary_graph,
    with_stance_summaries,
)
from graphbuilder.rdf.namespaces import GB
from graphbuilder.rdf.validate import validate_graph
from graphbuilder.store.oxigraph import (
    from_ox,
    load_file_into_store,
    load_into_store,
    open_store,
    rebuild_union_graph,
)
from graphbuilder.store.protocol import DocumentInfo, OxigraphSink
from graphbuilder.store.query import run_named_query, run_query, with_limit

_COUNTS = """
SELECT ?h ?t ?pol (COUNT(DISTINCT ?st) AS ?n) WHERE {
  ?st a gb:Stance ; gb:holder ?h ; gb:target ?t ; gb:polarity ?pol .
} GROUP BY ?h ?t ?pol"""
_SUMMARIES = """
SELECT ?h ?t ?pol ?n WHERE {
  ?s a gb:StanceSummary ; gb:summaryHolder ?h ; gb:summaryTarget ?t ; gb:summaryPolarity ?pol ;
     gb:stanceCount ?n ; gb:derived true .
}"""


def _table(store, sparql) -> Counter:
    rows = run_query(store, sparql).rows
    return Counter(tuple(t.value for t in row) for row in rows)


def _default_graph(store) -> Graph:
    g = Graph()
    for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return g


def test_summaries_count_the_stances_of_every_holder_target_and_polarity(example_dataset):
    store = open_store()
    load_into_store(store, example_dataset)
    summaries = _table(store, _SUMMARIES)
    assert summaries == _table(store, _COUNTS)
    # Tokayev's two positive stances toward the UN (support and proposal) are one summary of 2
    assert max(int(row[3]) for row in summaries) == 2
    assert len(summaries) == 5
    # the same triples as the rdflib computation of graph.trig / graph.ttl
    computed = stance_summary_graph(dataset_to_graph(example_dataset))
    in_store = Graph()
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(str(summary_graph_iri()))):
        in_store.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    # 8 triples per summary, a gb:summarizedStance per stance (6), and one gb:opposingSummary:
    # Tokayev's positive and negative stances toward the UN
    assert len(computed) == 5 * 8 + 6 + 1 and isomorphic(computed, in_store)
    (link,) = computed.subject_objects(GB.opposingSummary)
    assert [computed.value(s, GB.summaryPolarity) for s in link] == [GB.Positive, GB.Negative]
    assert computed.value(link[0], GB.summaryHolder) == computed.value(link[1], GB.summaryHolder)


def test_summaries_pass_the_shapes_and_are_no_stances(example_dataset):
    ds = with_stance_summaries(records_to_dataset(*_example_records()))
    report = validate_graph(ds)
    assert report.conforms, report.text
    union = dataset_to_graph(ds)
    stances = set(union.subjects(None, GB.Stance))
    summaries = set(union.subjects(None, GB.StanceSummary))
    assert len(summaries) == 5 and not stances & summaries
    assert all(union.value(s, GB.derived).toPython() is True for s in summaries)


def _example_records():
    from graphbuilder.rdf.example import example_records

    return example_records()


def test_sink_keeps_summaries_right_as_documents_change(tmp_path, example):
    docs, ents = example
    sink = OxigraphSink(tmp_path / "kg", batch=1)

    def write(records):
        ds = records_to_dataset(records, ents)
        for rec in records:
            art = rec.article
            info = DocumentInfo(art.doc_id, art.sha256, art.source)
            sink.replace_document(art.doc_id, ds.graph(graph_iri(art.doc_id)), info)
        sink.flush()

    def check(records):
        want = stance_summary_graph(dataset_to_graph(records_to_dataset(records, ents)))
        union = _default_graph(sink.store)
        got = Graph()
        for t in union:
            if (t[0], None, GB.StanceSummary) in union:
                got.add(t)
        assert len(want) and isomorphic(want, got)
        assert _table(sink.store, _SUMMARIES) == _table(sink.store, _COUNTS)

    try:
        write(docs)
        check(docs)
        # the second document again, without its first stance: its pair loses one (or all)
        edited = replace(docs[1], stances=docs[1].stances[1:])
        write([edited])
        check([docs[0], edited])
        # the first document removed: the pairs only it held lose their summaries
        sink.remove_document(docs[0].article.doc_id)
        sink.flush()
        check([edited])
    finally:
        sink.close()


def test_sink_links_opposing_summaries_one_document_at_a_time(tmp_path, example):
    # Tokayev's positive and negative stances toward the UN are in two documents: writing
    # or removing one of them changes one summary, and the link from the positive one
    docs, ents = example
    sink = OxigraphSink(tmp_path / "kg", batch=1)
    summaries = ox.NamedNode(str(summary_graph_iri()))

    def links() -> int:
        link = ox.NamedNode(str(GB.opposingSummary))
        union = sum(1 for _ in sink.store.quads_for_pattern(None, link, None, ox.DefaultGraph()))
        named = sum(1 for _ in sink.store.quads_for_pattern(None, link, None, summaries))
        assert union == named
        return union

    def check(records) -> None:
        want = stance_summary_graph(dataset_to_graph(records_to_dataset(records, ents)))
        got = Graph()
        for q in sink.store.quads_for_pattern(None, None, None, summaries):
            got.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        assert isomorphic(want, got)

    try:
        for order in (docs, docs[::-1]):
            seen = []
            for rec in order:
                art = rec.article
                ds = records_to_dataset([rec], ents)
                info = DocumentInfo(art.doc_id, art.sha256, art.source)
                sink.replace_document(art.doc_id, ds.graph(graph_iri(art.doc_id)), info)
                sink.flush()
                seen.append(rec)
                check(seen)
            assert links() == 1
            for rec in order:
                sink.remove_document(rec.article.doc_id)
                sink.flush()
                seen.remove(rec)
                check(seen)
                assert links() == 0
    finally:
        sink.close()


def test_a_store_of_an_older_build_gets_its_summaries(tmp_path, example_dataset):
    flat = dataset_to_graph(example_dataset)  # graph.ttl of an older build: no summaries
    path = tmp_path / "graph.ttl"
    flat.serialize(path, format="turtle")
    store = open_store()
    load_file_into_store(store, path)
    assert _table(store, _SUMMARIES) == _table(store, _COUNTS)


def test_union_only_load_answers_alike(tmp_path, graph_files):
    full, union = open_store(), open_store()
    load_file_into_store(full, graph_files["trig"])
    load_file_into_store(union, graph_files["trig"], union=True)
    assert next(union.named_graphs(), None) is None
    assert {q.triple for q in union} == {
        q.triple for q in full.quads_for_pattern(None, None, None, ox.DefaultGraph())
    }
    for name, params in [("stances-of", {"entity": "Tokayev"}), ("stance-summary", {})]:
        a, b = run_named_query(full, name, params), run_named_query(union, name, params)
        assert a.rows == b.rows and a.rows, name


@pytest.fixture(scope="module")
def synthetic():
    from benchmarks.run import _quads, synthetic_records

    records, entities = synthetic_records(300)
    store = ox.Store()
    store.extend(list(_quads(records, entities)))
    rebuild_union_graph(store)
    return store


def test_pages_make_up_the_whole_answer(synthetic):
    whole = run_named_query(synthetic, "stances-of", {"entity": "Person 0"})
    assert len(whole.rows) > 100
    pages, offset = [], 0
    while True:
        page = run_named_query(
            synthetic, "stances-of", {"entity": "Person 0"}, limit=50, offset=offset
        )
        assert len(page.rows) <= 50
        pages.extend(page.rows)
        if len(page.rows) < 50:
            break
        offset += 50
    assert Counter(map(str, pages)) == Counter(map(str, whole.rows))
    # the whole answer is sorted as the query's ORDER BY of before would sort it
    ordered = run_query(
        synthetic,
        "SELECT ?targetLabel ?polarity ?stanceType ?document ?stance WHERE { "
        "?stance a gb:Stance ; gb:holder ?e ; gb:target ?t ; gb:polarity ?polarity ; "
        "gb:stanceType ?stanceType ; gb:evidence ?ev ; prov:wasDerivedFrom ?document . "
        "?e rdfs:label 'Person 0'@en . ?t rdfs:label ?targetLabel } "
        "ORDER BY ?targetLabel ?polarity ?stanceType ?document ?stance",
    )
    assert whole.values("stance") == ordered.values("stance")


def test_summary_counts_match_the_stances_on_a_synthetic_graph(synthetic):
    result = run_named_query(synthetic, "stance-summary", {"holder": "Person 0"})
    got = {(r[2].value, r[4].value): int(r[5].value) for r in result.rows}
    counts = run_query(
        synthetic,
        "SELECT ?t ?pol (COUNT(DISTINCT ?st) AS ?n) WHERE { ?h rdfs:label 'Person 0'@en . "
        "?st a gb:Stance ; gb:holder ?h ; gb:target ?t ; gb:polarity ?pol } GROUP BY ?t ?pol",
    )
    assert got == {(t.value, p.value): int(n.value) for t, p, n in counts.rows}
    assert result.values("stances") == sorted(result.values("stances"), key=int, reverse=True)
    # every summary of the whole graph, page by page
    listing = run_named_query(synthetic, "stance-summary", limit=100)
    assert len(listing.rows) == 100


def test_limit_and_offset_checks():
    assert with_limit("SELECT * WHERE { ?s ?p ?o }", None, 10).endswith("\nOFFSET 10")
    with pytest.raises(QueryError, match="its own LIMIT"):
        with_limit("SELECT * WHERE { ?s ?p ?o } LIMIT 3", 10)
    with pytest.raises(QueryError, match="0 or more"):
        with_limit("SELECT * WHERE { ?s ?p ?o }", -1)
    with pytest.raises(QueryError, match="apply to SELECT"):
        run_query(ox.Store(), "ASK { ?s ?p ?o }", limit=1)


def test_api_pages_and_limit(example_dataset):
    whole = gb.query(example_dataset, "stances-toward", target="the U.N.")
    assert len(whole) == 3
    assert len(gb.query(example_dataset, "stances-toward", target="the U.N.", limit=2)) == 2
    pages = list(gb.query_pages(example_dataset, "stances-toward", page_size=2, target="UN"))
    assert [len(p) for p in pages] == [2, 1]
    assert Counter(str(sorted(r.items())) for p in pages for r in p) == Counter(
        str(sorted(r.items())) for r in whole
    )
    with pytest.raises(QueryError, match="at least 1"):
        next(gb.query_pages(example_dataset, "stances-of", page_size=0, entity="UN"))


def test_cli_limit_and_offset(graph_files, capsys):
    from graphbuilder.cli import main

    def cli(*argv):
        with pytest.raises(SystemExit) as exc:
            main(list(argv))
        assert exc.value.code == 0
        return json.loads(capsys.readouterr().out)["results"]["bindings"]

    trig = str(graph_files["trig"])
    whole = cli("query", trig, "--name", "stance-summary", "--format", "json")
    assert len(whole) == 5 and whole[0]["stances"]["value"] == "2"
    first = cli("query", trig, "--name", "stance-summary", "--limit", "3", "--format", "json")
    rest = cli("query", trig, "--name", "stance-summary", "--offset", "3", "--format", "json")
    assert len(first) == 3 and len(rest) == 2
    key = json.dumps
    assert sorted(map(key, first + rest)) == sorted(map(key, whole))
