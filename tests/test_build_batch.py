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


def test_record_files_round_trip_and_progress_lines(nlp, corpus, tmp_path, capsys):
    reporter = _PlainProgress()
    summary = build(corpus, tmp_path, nlp=nlp, view=False, progress=reporter)
    reporter.close()
    assert (summary.documents, summary.added, len(summary.skipped)) == (5, 5, 1)
    err = capsys.readouterr().err
    assert err.count("entities,") == 5 and "skipped:" in err
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
