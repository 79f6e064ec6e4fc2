"""Wikidata items of the KB: every country, organization and 2024 leader has a sourced QID.

``ontology/kb/wikidata.csv`` (written by ``scripts/kb/gen_wikidata_qids.py`` from public
files) links KB rows to Wikidata; ``ontology/kb/sources/wikidata_missing.csv`` lists, with a
reason, the rows for which no public file here gives the item. Real data files, no mocks.
"""

from __future__ import annotations

import csv
import re

import pytest

from graphbuilder.errors import KnowledgeBaseError
from graphbuilder.paths import kb_dir
from graphbuilder.resolve.kb import KnowledgeBase, load_kb

ON = "2024-01-01"
# "<owner>/<repo>@<commit> <path> line <n>": the file a reader opens to check the QID.
SOURCE = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{12} \S+ line [1-9]\d*$")


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def _rows(name):
    with (kb_dir() / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def required_ids(kb):
    """Rows that must have a QID: every country and organization row, and every person who
    was head of state, head of government or foreign minister on 2024-01-01."""
    ids = {r["id"] for name in ("countries.csv", "organizations.csv") for r in _rows(name)}
    for term in kb.terms:
        if term.in_force(ON) and (
            {"head_of_state", "head_of_government"} & set(term.roles)
            or term.office == "foreign_minister"
        ):
            ids.add(term.person)
    return ids


def test_required_rows_have_a_qid_or_a_reasoned_exclusion(kb):
    excluded = {r["id"]: r for r in _rows("sources/wikidata_missing.csv")}
    assert all(r["reason"].strip() for r in excluded.values())
    required = required_ids(kb)
    assert len(required) > 450
    missing = sorted(i for i in required if not kb.entries[i].qid and i not in excluded)
    assert missing == [], f"{len(missing)} KB rows without a Wikidata QID: {missing}"
    # An exclusion is dropped once a source gives the item (the list stays honest).
    stale = sorted(i for i in excluded if i in kb.entries and kb.entries[i].qid)
    assert stale == [], f"excluded rows that now have a QID: {stale}"
    assert sorted(set(excluded) - required) == []


def test_leaders_in_office_are_linked(kb):
    heads = {
        t.person
        for t in kb.terms
        if t.in_force(ON) and {"head_of_state", "head_of_government"} & set(t.roles)
    }
    linked = {p for p in heads if kb.entries[p].qid}
    assert len(heads) > 200
    assert len(linked) / len(heads) > 0.97
    assert kb.entries["person/kassym-jomart-tokayev"].qid == "Q200881"
    assert kb.entries["person/viktor-orban"].qid == "Q57641"
    assert kb.entries["person/olaf-scholz"].qid == "Q61053"
    assert kb.by_qid("Q200881").id == "person/kassym-jomart-tokayev"


def test_every_link_names_its_file_and_line(kb):
    rows = _rows("wikidata.csv")
    assert len(rows) > 1000
    for row in rows:
        assert SOURCE.match(row["source"]), row
        entry = kb.entries[row["id"]]
        assert entry.qid == row["qid"]
        assert entry.qid_source == row["source"]
    # The sourced item replaced a QID typed in by hand (the CSTO had the Asian Development
    # Bank's item; both files agree on the CSTO's).
    assert kb.entries["org/csto"].qid == "Q318693"
    assert "supraverden" in kb.entries["org/csto"].qid_source


def test_link_file_sets_replaces_and_rejects(tmp_path):
    (tmp_path / "people.csv").write_text(
        "id,cls,label,qid,source\nperson/a,Person,A,Q1,test\nperson/b,Person,B,,test\n",
        encoding="utf-8",
    )
    links = tmp_path / "wikidata.csv"
    links.write_text(
        "id,qid,source\nperson/a,Q2,x/y@0123456789ab f.csv line 3\nperson/b,Q1,x/y@0 f line 4\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load(tmp_path)
    assert kb.entries["person/a"].qid == "Q2"
    assert kb.entries["person/a"].qid_source == "x/y@0123456789ab f.csv line 3"
    assert kb.by_qid("Q1").id == "person/b"
    links.write_text("id,qid,source\nperson/c,Q3,somewhere\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"wikidata\.csv:2: unknown entity id"):
        KnowledgeBase.load(tmp_path)
    links.write_text("id,qid,source\nperson/b,Q1,somewhere\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"wikidata\.csv:2: Q1 is already the QID"):
        KnowledgeBase.load(tmp_path)
