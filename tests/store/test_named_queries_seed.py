"""Every named query on the seed article's graph returns the rows a person expects (issue 5).

The graph is built by the real pipeline from ``../shared/corpus/csto-summit-2022.txt`` and
queried both in memory and in an on-disk Oxigraph store; both give the same rows.
"""

from __future__ import annotations

from collections import Counter

import pytest

from graphbuilder.build import build
from graphbuilder.store.oxigraph import load_file_into_store, open_store
from graphbuilder.store.query import run_named_query

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def stores(nlp, seed_article, tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-queries")
    build([seed_article], out, nlp=nlp, view=False)
    memory = open_store(None)
    load_file_into_store(memory, out / "graph.ttl")
    disk = open_store(out / "oxigraph")
    load_file_into_store(disk, out / "graph.ttl")
    return memory, disk


def _rows(store, name, **params):
    result = run_named_query(store, name, params)
    return [
        dict(zip(result.variables, (t.value if t else None for t in row), strict=True))
        for row in result.rows
    ]


def _both(stores, name, **params):
    memory, disk = stores
    rows = _rows(memory, name, **params)
    assert Counter(map(lambda r: tuple(sorted(r.items())), rows)) == Counter(
        map(lambda r: tuple(sorted(r.items())), _rows(disk, name, **params))
    ), name
    return rows


def _local(iri: str | None) -> str | None:
    return iri.rsplit("#", 1)[-1] if iri else iri


def test_leaders_of_kazakhstan(stores):
    rows = _both(stores, "leaders-of", country="Kazakhstan")
    assert {r["leaderLabel"] for r in rows} == {"Kassym-Jomart Tokayev"}
    assert {r["origin"] for r in rows} == {"kb", "text"}
    assert any("the President of Kazakhstan" in (r["evidence"] or "") for r in rows)


def test_members_of_the_csto(stores):
    rows = _both(stores, "members-of", organization="CSTO")
    assert {"Kazakhstan", "Kyrgyzstan", "Tajikistan"} <= {r["memberLabel"] for r in rows}


def test_stances_of_tokayev(stores):
    rows = _both(stores, "stances-of", entity="Tokayev")
    found = {(r["targetLabel"], _local(r["stanceType"])) for r in rows}
    assert ("Afghanistan", "Concern") in found
    assert ("United Nations", "Proposal") in found
    assert all(r["attribution"].endswith("DirectQuote") for r in rows)


def test_stances_toward_the_un(stores):
    rows = _both(stores, "stances-toward", target="UN")
    found = {(r["holderLabel"], _local(r["stanceType"])) for r in rows}
    assert ("Ainur Kurmanov", "Criticism") in found
    assert ("Kassym-Jomart Tokayev", "Proposal") in found
    assert any("outlived its usefulness" in r["evidence"] for r in rows)


def test_who_criticizes_whom(stores):
    rows = _both(stores, "who-criticizes-whom")
    pairs = {(r["holderLabel"], r["targetLabel"]) for r in rows}
    assert ("Alexander Lukashenko", "Kazakhstan") in pairs
    assert ("Emomali Rahmon", "Taliban") in pairs
    assert ("Ainur Kurmanov", "United Nations") in pairs


def test_relation_evidence_by_surname(stores):
    rows = _both(stores, "relation-evidence", subject="Kamaletdinov")
    assert {(_local(r["predicate"]), r["objectLabel"]) for r in rows} == {
        ("officialOf", "Kazakhstan")
    }
    assert "head of the military department" in rows[0]["evidence"]


def test_entities_by_documents(stores):
    rows = _both(stores, "entities-by-documents")
    labels = {r["label"] for r in rows}
    assert {"Kassym-Jomart Tokayev", "CSTO summit", "Moscow", "Taliban"} <= labels
    assert {r["documents"] for r in rows} == {"1"}


def test_no_contradictions_and_no_difference_of_a_document_with_itself(stores):
    assert _both(stores, "contradictions") == []
    title = "Central Asia. Only the CSTO will save"
    assert _both(stores, "document-diff", old=title, new=title) == []
