"""Named and ad-hoc SPARQL queries on real Oxigraph stores (in memory and on disk)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from graphbuilder.errors import GraphFileError, QueryError
from graphbuilder.rdf.iris import document_iri, graph_iri
from graphbuilder.rdf.namespaces import GBR
from graphbuilder.store.oxigraph import (
    load_file_into_store,
    open_store,
    replace_document_graph,
    store_to_dataset,
)
from graphbuilder.store.query import (
    bind_params,
    format_result,
    inject_values,
    list_named_queries,
    load_named_query,
    resolve_entity,
    run_named_query,
    run_query,
)


def _doc_ids(example):
    return [d.article.doc_id for d in example[0]]


def _cases(example):
    d1, d2 = _doc_ids(example)
    return {
        "leaders-of": {"country": "kazakhstan"},
        "members-of": {"organization": "CSTO"},
        "stances-of": {"entity": "Tokayev"},
        "stances-toward": {"target": "the U.N."},
        "who-criticizes-whom": {},
        "relation-evidence": {},
        "entities-by-documents": {"document": d2},
        "contradictions": {},
        "document-diff": {"old": d1, "new": d2},
        "stance-summary": {"target": "the U.N."},
    }


def test_every_named_query_is_listed_with_header():
    queries = {q.name: q for q in list_named_queries()}
    assert set(queries) >= {
        "leaders-of", "members-of", "stances-of", "stances-toward", "who-criticizes-whom",
        "relation-evidence", "entities-by-documents", "contradictions", "document-diff",
    }  # fmt: skip
    for q in queries.values():
        assert q.description, q.name
    assert [p.name for p in queries["document-diff"].params] == ["old", "new"]


def test_same_answers_in_memory_and_on_disk(example, memory_store, disk_store):
    for name, params in _cases(example).items():
        a = run_named_query(memory_store, name, params)
        b = run_named_query(disk_store, name, params)
        assert a.variables == b.variables, name
        assert a.rows == b.rows, name
        assert a.rows, f"{name} returned nothing"


def test_leaders_and_members(memory_store):
    r = run_named_query(memory_store, "leaders-of", {"country": "KAZAKHSTAN"})
    assert r.values("leaderLabel") == ["Kassym-Jomart Tokayev"]
    assert r.values("origin") == ["text"]
    r = run_named_query(memory_store, "members-of", {"organization": "csto"})
    assert sorted(zip(r.values("memberLabel"), r.values("origin"), strict=True)) == [
        ("Kazakhstan", "kb"),
        ("Kyrgyzstan", "text"),
    ]
    r = run_named_query(memory_store, "leaders-of")  # optional parameter left out
    assert sorted(r.values("countryLabel")) == ["Armenia", "Kazakhstan"]


def test_stances_and_criticism(memory_store):
    r = run_named_query(memory_store, "stances-toward", {"target": "the U.N."})
    assert sorted(r.values("holderLabel")) == [
        "Jane O'Doe", "Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev",
    ]  # fmt: skip
    r = run_named_query(memory_store, "who-criticizes-whom", {"holder": "Nikol Pashinyan"})
    assert r.values("count") == ["2"]
    assert r.values("strongestEvidence") == ["Pashinyan again criticized the CSTO."]
    r = run_named_query(memory_store, "contradictions")
    assert r.values("holderLabel") == ["Kassym-Jomart Tokayev"]
    assert r.values("positiveEvidence") == ["Tokayev proposed that the UN send observers."]


def test_document_diff_and_entities(example, memory_store):
    d1, d2 = _doc_ids(example)
    r = run_named_query(memory_store, "document-diff", {"old": d1, "new": d2})
    rows = set(
        zip(r.values("change"), r.values("subjectLabel"), r.values("objectLabel"), strict=True)
    )
    assert ("added", "Kyrgyzstan", "Collective Security Treaty Organization") in rows
    assert ("removed", "Kassym-Jomart Tokayev", "Kazakhstan") in rows
    assert not any(s == "Nikol Pashinyan" and o.startswith("Collective") for _, s, o in rows)
    assert len(rows) == 7
    r = run_named_query(memory_store, "entities-by-documents", {"document": "Second thoughts"})
    assert len(r.rows) == 7
    assert set(r.values("document")) == {str(document_iri(d2))}


def test_parameters_resolve_by_label_alias_and_iri(memory_store):
    assert resolve_entity(memory_store, "U.N.") == ox.NamedNode(str(GBR.Q1065))
    assert resolve_entity(memory_store, "  united   NATIONS ") == ox.NamedNode(str(GBR.Q1065))
    assert resolve_entity(memory_store, "gbr:Q232").value == str(GBR.Q232)
    assert resolve_entity(memory_store, "wd:Q232").value == str(GBR.Q232)
    assert resolve_entity(memory_store, "georgia (country)").value.startswith(str(GBR))


@pytest.mark.parametrize(
    "value",
    ['Kazakhstan" } DROP ALL #', "?x", "} UNION { ?s ?p ?o }", "<http://evil> } #", "'"],
)
def test_hostile_parameters_are_inert(memory_store, value):
    before = len(memory_store)
    with pytest.raises(QueryError):
        run_named_query(memory_store, "leaders-of", {"country": value})
    # as a literal value it is bound as one RDF term, whatever it contains
    q = "SELECT ?v ?s WHERE { ?s rdfs:label ?v }"
    r = run_query(memory_store, q, bindings={"v": ox.Literal(value)})
    assert r.rows == []
    assert len(memory_store) == before
    assert f"VALUES (?v) {{ ({ox.Literal(value)}) }}" in inject_values(q, {"v": ox.Literal(value)})


def test_query_errors_are_one_line(memory_store):
    cases = [
        (lambda: run_query(memory_store, "SELEC ?x WHERE {}"), "syntax error"),
        (lambda: run_named_query(memory_store, "no-such"), "unknown named query"),
        (lambda: run_named_query(memory_store, "stances-of"), "needs --param entity"),
        (
            lambda: run_named_query(memory_store, "stances-of", {"entity": "UN", "x": "1"}),
            "has no parameter 'x'",
        ),
        (
            lambda: run_named_query(memory_store, "stances-of", {"entity": "Atlantis"}),
            "no entity with the label or alias 'Atlantis'",
        ),
        (lambda: run_query(memory_store, "DELETE WHERE { ?s ?p ?o }"), "refused"),
    ]
    for call, words in cases:
        with pytest.raises(QueryError, match=words) as exc:
            call()
        assert "\n" not in str(exc.value)
    assert len(memory_store) > 0


def test_update_only_when_allowed(memory_store):
    r = run_query(
        memory_store,
        "PREFIX ex: <http://ex/>\n# c\nINSERT DATA { ex:a ex:b ex:c }",
        allow_update=True,
    )
    assert r.kind == "update"
    assert run_query(memory_store, "ASK { <http://ex/a> ?p ?o }").boolean is True


def test_timeout():
    store = open_store()
    n = ox.NamedNode("http://ex/p")
    store.extend([ox.Quad(ox.NamedNode(f"http://ex/{i}"), n, ox.Literal(i)) for i in range(110)])
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
    with pytest.raises(QueryError, match="timed out after 0.01 s"):
        run_query(store, slow, timeout=0.01)


def test_optional_after_values(memory_store):
    q = """SELECT DISTINCT ?e ?alias WHERE {
      VALUES ?e { gbr:Q1065 gbr:Q399 }
      OPTIONAL { ?e skos:altLabel ?alias }
    } ORDER BY ?e ?alias"""
    r = run_query(memory_store, q)
    got = list(zip(r.values("e"), r.values("alias"), strict=True))
    assert got == [(str(GBR.Q1065), "U.N."), (str(GBR.Q1065), "UN"), (str(GBR.Q399), None)]


def test_result_formats_are_standard(memory_store):
    r = run_named_query(memory_store, "leaders-of", {"country": "Kazakhstan"})
    data = format_result(r, "json")
    doc = json.loads(data)
    assert doc["head"]["vars"][0] == "leader"
    parsed = list(ox.parse_query_results(data.encode(), ox.QueryResultsFormat.JSON))
    assert parsed[0]["leader"].value == str(GBR.Q380719)
    assert parsed[0]["confidence"].datatype.value.endswith("#decimal")
    csv_text = format_result(r, "csv")
    assert csv_text.startswith("leader,leaderLabel,")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[1][1] == "Kassym-Jomart Tokayev" and len(rows) == 2
    tsv = format_result(r, "tsv")
    assert list(ox.parse_query_results(tsv.encode(), ox.QueryResultsFormat.TSV))
    table = format_result(r, "table")
    assert "gbr:Q380719" in table and "(1 row)" in table
    ask = run_query(memory_store, "ASK { ?s gb:leaderOf ?o }")
    assert json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}
    con = run_query(memory_store, "CONSTRUCT { ?s gb:leaderOf ?o } WHERE { ?s gb:leaderOf ?o }")
    assert len(list(ox.parse(format_result(con, "table").encode(), ox.RdfFormat.TURTLE))) == 2
    desc = run_query(memory_store, "DESCRIBE gbr:Q232")
    assert desc.kind == "graph" and desc.triples


def test_replace_document_graph(example, memory_store, example_dataset):
    d1, d2 = _doc_ids(example)
    from rdflib import Graph

    replace_document_graph(memory_store, d2, Graph())
    r = run_named_query(memory_store, "members-of", {"organization": "CSTO"})
    assert r.values("memberLabel") == ["Kazakhstan"]
    replace_document_graph(memory_store, d2, example_dataset.graph(graph_iri(d2)))
    r = run_named_query(memory_store, "members-of", {"organization": "CSTO"})
    assert sorted(r.values("memberLabel")) == ["Kazakhstan", "Kyrgyzstan"]
    ds = store_to_dataset(memory_store)
    assert len(ds.graph(graph_iri(d2))) == len(example_dataset.graph(graph_iri(d2)))


def test_load_errors_name_the_file(tmp_path):
    store = open_store()
    with pytest.raises(GraphFileError, match="nope.ttl: no such graph file"):
        load_file_into_store(store, tmp_path / "nope.ttl")
    bad = tmp_path / "bad.nt"
    bad.write_text("<a> <b> <c> .\n", encoding="utf-8")
    with pytest.raises(GraphFileError, match="bad.nt: not valid nt"):
        load_file_into_store(store, bad)


def test_bind_params_named_query_header(memory_store):
    q = load_named_query("who-criticizes-whom")
    values = bind_params(memory_store, q, {"target": "UN"})
    assert list(values) == ["target"]
    assert values["target"].value == str(GBR.Q1065)
