"""Batch builds (issue 7): worker processes give the same records; record files round-trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuilder.build import DocumentProgress, build, extract_documents
from graphbuilder.commands.build import _PlainProgress
from graphbuilder.outputs import read_record_file, records_to_dict

pytestmark = pytest.mark.slow

TEXTS = {
    f"doc-{i}.txt": (
        f"Report {i}\n\nKassym-Jomart Tokayev, the President of Kazakhstan, met Vladimir Putin "
        f"in Moscow. Belarus criticized NATO in statement {i}. Armenia is a member of the CSTO."
    )
    for i in range(5)
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("batch")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    return sorted(folder.iterdir())


def test_two_workers_give_the_records_of_one_process(nlp, corpus):
    events: list[DocumentProgress] = []
    one, problems_one = extract_documents(corpus, nlp=nlp)
    two, problems_two = extract_documents(corpus, n_process=2, progress=events.append)
    assert len(one) == len(two) == 5
    assert [records_to_dict(r) for r in one] == [records_to_dict(r) for r in two]
    assert problems_one == problems_two and "empty" in problems_one[0]
    assert sorted(e.index for e in events) == list(range(1, 7))
    assert sum(1 for e in events if e.problem) == 1


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_pool_workers_forked_or_spawned_give_the_same_records(nlp, corpus, start_method):
    from graphbuilder.build import ProcessPool

    one, _ = extract_documents(corpus, nlp=nlp)
    pool = ProcessPool(2, start_method=start_method, chunk=2)
    two, problems = extract_documents(corpus, executor=pool)
    assert [records_to_dict(r) for r in one] == [records_to_dict(r) for r in two]
    assert len(problems) == 1 and "empty" in problems[0]


def test_record_files_round_trip_and_progress_lines(nlp, corpus, tmp_path, capsys):
    reporter = _PlainProgress()
    summary = build(corpus, tmp_path, nlp=nlp, view=False, progress=reporter)
    reporter.close()
    assert (summary.documents, summary.added, len(summary.skipped)) == (5, 5, 1)
    err = capsys.readouterr().err
    assert err.count("entities,") == 5 and "empty.txt: skipped" in err
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    for doc in manifest["documents"]:
        payload = read_record_file(tmp_path / "records" / f"{doc['doc_id']}.json")
        rec = payload["records"]
        assert rec.article.sha256 == doc["sha256"]
        assert rec.entities and rec.relations
    again = build(corpus, tmp_path, nlp=nlp, view=False, progress=reporter)
    reporter.close()
    assert (again.added, again.unchanged, again.rewritten) == (0, 5, 0)
    assert "5 documents already built, reused" in capsys.readouterr().err


def test_store_build_answers_like_graph_ttl(nlp, corpus, tmp_path):
    from collections import Counter

    from graphbuilder.store.oxigraph import load_file_into_store, open_store
    from graphbuilder.store.query import list_named_queries, run_named_query, run_query

    kg = tmp_path / "kg"
    in_store = build(corpus, tmp_path / "s", nlp=nlp, view=False, store=f"oxigraph:{kg}")
    folder = build(corpus, tmp_path / "f", nlp=nlp, view=False)
    assert in_store.triples == folder.triples > 0
    flat = open_store()
    load_file_into_store(flat, tmp_path / "f" / "graph.ttl")
    store = open_store(kg, read_only=True)
    docs = sorted(json.loads((tmp_path / "f" / "manifest.json").read_text())["documents"],
                  key=lambda d: d["source"])  # fmt: skip
    params = {
        "stances-of": {"entity": "Belarus"},
        "stances-toward": {"target": "NATO"},
        "document-diff": {"old": docs[0]["doc_id"], "new": docs[1]["doc_id"]},
    }

    def rows(result) -> Counter:
        return Counter(tuple(None if t is None else str(t) for t in row) for row in result.rows)

    for q in list_named_queries():
        want = rows(run_named_query(flat, q.name, params.get(q.name)))
        assert rows(run_named_query(store, q.name, params.get(q.name))) == want, q.name
    labels = "SELECT ?e ?label WHERE { ?e rdfs:label ?label }"
    assert rows(run_query(store, labels)) == rows(run_query(flat, labels))
