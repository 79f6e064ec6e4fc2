"""Issue 15: the named-query benchmark in reduced form (100,000 triples), correctness only.

The synthetic graph of ``benchmarks/run.py`` (``synthetic_records``, mapped by the real RDF
mapping) at 100k distinct triples, in memory and on disk as ``build --store`` writes it. Every
named query runs with its parameters set as an analyst sets them (and unset where optional);
the answers must be the same in memory and on disk, and the queries rewritten for speed
(parameters bound before the joins) must answer exactly as their first, slower forms, kept
in ``tests/store/data/reference-*.rq``. Times are not asserted (``benchmarks/run.py --only
queries`` measures them).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuilder.store.oxigraph import rebuild_union_graph
from graphbuilder.store.query import (
    bind_params,
    list_named_queries,
    parse_named_query,
    run_named_query,
    run_query,
)

DATA = Path(__file__).parent / "data"
DOCUMENTS = 1245  # 100,002 distinct triples


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    from benchmarks.run import _quads, synthetic_records

    records, entities = synthetic_records(DOCUMENTS)
    quads = list(_quads(records, entities))
    memory = ox.Store()
    memory.extend(quads)
    rebuild_union_graph(memory)
    disk = ox.Store(str(tmp_path_factory.mktemp("scale") / "kg"))
    disk.bulk_extend(quads)
    rebuild_union_graph(disk)
    disk.flush()
    return {"memory": memory, "disk": disk}, [r.article.doc_id for r in records[:2]]


def _typical(store: ox.Store, cls: str) -> str:
    from benchmarks.run import _median_entity

    return _median_entity(store, cls)


def _cases(store: ox.Store, docs: list[str]):
    """(query, params) pairs: each query with its parameters set, and with none where it can."""
    from benchmarks.run import TYPICAL_CLASSES, TYPICAL_PARAMS

    typical = {cls: _typical(store, cls) for cls in TYPICAL_CLASSES}
    for q in list_named_queries():
        full = {}
        for p in q.params:
            if p.kind == "entity":
                full[p.name] = typical[TYPICAL_PARAMS.get(p.name, "Person")]
            elif p.kind == "document":
                full[p.name] = docs[0] if p.name == "old" else docs[1]
        yield q, full
        required = {p.name: full[p.name] for p in q.params if not p.optional}
        if required != full:
            yield q, required
        for p in q.params:  # one optional parameter at a time
            if p.optional:
                yield q, {**required, p.name: full[p.name]}


def _rows(result) -> list[tuple]:
    return sorted(tuple("" if t is None else str(t) for t in row) for row in result.rows)


def test_the_graph_has_100k_triples(stores):
    (both, _) = stores
    n = sum(1 for _ in both["memory"].quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert n >= 100_000


def test_named_queries_answer_alike_in_memory_and_on_disk(stores):
    both, docs = stores
    answered = 0
    for q, params in _cases(both["memory"], docs):
        memory = _rows(run_named_query(both["memory"], q.name, params))
        assert memory == _rows(run_named_query(both["disk"], q.name, params)), (q.name, params)
        answered += bool(memory)
    assert answered >= 10  # most cases find something


@pytest.mark.parametrize(
    "name",
    [
        "contradictions",
        "document-diff",
        "entities-by-documents",
        "relation-evidence",
        "who-criticizes-whom",
        "members-of",
        "leaders-of",
    ],
)
def test_rewritten_queries_answer_as_their_first_forms(stores, name):
    both, docs = stores
    store = both["disk"]
    path = DATA / f"reference-{name}.rq"
    reference = parse_named_query(path.read_text(encoding="utf-8"), path)
    seen, found = 0, 0
    for q, params in _cases(store, docs):
        if q.name != name:
            continue
        fast = run_named_query(store, name, params)
        slow = run_query(store, reference.text, bindings=bind_params(store, reference, params))
        assert fast.variables == slow.variables
        assert _rows(fast) == _rows(slow), params
        seen += 1
        found = max(found, len(fast.rows))
    assert seen >= 1
    if name == "contradictions":  # many holders both positive and negative toward a target
        assert found > 1000


def test_document_parameter_by_id_is_one_lookup(stores):
    both, docs = stores
    from graphbuilder.store.query import resolve_document

    doc = resolve_document(both["memory"], docs[0])
    assert doc.value.endswith(f"/document/{docs[0]}")
    assert resolve_document(both["memory"], docs[0] + "0000") == doc  # a longer sha256 prefix


def test_summaries_count_the_stances_at_100k(stores):
    both, _ = stores
    counts = (
        "SELECT ?h ?t ?pol (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st a gb:Stance ; gb:holder ?h ; "
        "gb:target ?t ; gb:polarity ?pol } GROUP BY ?h ?t ?pol"
    )
    want = sorted(tuple(t.value for t in row) for row in run_query(both["disk"], counts).rows)
    assert len(want) > 2000
    for store in both.values():
        summary = run_named_query(store, "stance-summary")
        # holder, target, polarity, count
        got = sorted((r[0].value, r[2].value, r[4].value, r[5].value) for r in summary.rows)
        assert got == want


def test_summaries_keep_the_strongest_evidence_at_100k(stores):
    both, _ = stores
    # the most confident stance of each pair, and the least evidence among those: read from
    # the stances here, from the derived summaries by who-criticizes-whom
    strongest = (
        "SELECT ?h ?t ?pol ?max (MIN(?ev) AS ?evidence) WHERE { "
        "{ SELECT ?h ?t ?pol (MAX(?c) AS ?max) WHERE { ?st a gb:Stance ; gb:holder ?h ; "
        "gb:target ?t ; gb:polarity ?pol ; gb:confidence ?c ; gb:evidence ?e } "
        "GROUP BY ?h ?t ?pol } "
        "?s2 a gb:Stance ; gb:holder ?h ; gb:target ?t ; gb:polarity ?pol ; gb:confidence ?c2 ; "
        "gb:evidence ?ev FILTER (?c2 = ?max) } GROUP BY ?h ?t ?pol ?max"
    )
    want = sorted(tuple(t.value for t in row) for row in run_query(both["disk"], strongest).rows)
    summaries = (
        "SELECT ?h ?t ?pol ?max ?ev WHERE { ?s a gb:StanceSummary ; gb:summaryHolder ?h ; "
        "gb:summaryTarget ?t ; gb:summaryPolarity ?pol ; gb:maxConfidence ?max ; "
        "gb:strongestEvidence ?ev }"
    )
    assert len(want) > 2000
    for store in both.values():
        got = sorted(tuple(t.value for t in row) for row in run_query(store, summaries).rows)
        assert got == want
    negative = [row for row in want if row[2].endswith("#Negative")]
    listed = run_named_query(both["memory"], "who-criticizes-whom")
    assert len(listed.rows) == len(negative) > 1000


@pytest.mark.parametrize(
    "name,params",
    [
        ("stances-of", {"entity": "Person 0"}),
        ("stances-toward", {"target": "Country 0"}),
        ("stance-summary", {"holder": "Person 0"}),
        ("entities-by-documents", {}),
        ("who-criticizes-whom", {}),
        ("contradictions", {"holder": "Person 0"}),
    ],
)
def test_first_page_and_the_pages_of_a_hub(stores, name, params):
    both, _ = stores
    for store in both.values():
        whole = run_named_query(store, name, params)
        assert len(whole.rows) > 200, name
        pages, offset = [], 0
        while True:
            page = run_named_query(store, name, params, limit=100, offset=offset)
            pages += page.rows
            if len(page.rows) < 100:
                break
            offset += 100
        assert sorted(map(str, pages)) == sorted(map(str, whole.rows))
