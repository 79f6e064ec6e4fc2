"""Shifts and contradictions, with their sentences, through the command and the API."""

from __future__ import annotations

import pytest

from graphbuilder.analyze import run_analysis
from graphbuilder.analyze.load import load_records
from graphbuilder.analyze.records import StanceRecord
from graphbuilder.analyze.timeline import contradictions, period_of, shifts
from tests.analyze.stancegraph import doc, entity, read_csv, said, write_graph

SUPPORT_2022 = "Ruritania said it fully supports the Northern Alliance and its plan."
CRITICISM_2024 = "Ruritania sharply criticised the Northern Alliance for its new tariffs."
PRAISE_2024 = "Ruritania praised the Northern Alliance at the March summit."

ENTS = {
    e.key: e
    for e in (
        entity("Country:ruritania", "Ruritania"),
        entity("Organization:northern alliance", "Northern Alliance", "Organization"),
        entity("Country:freedonia", "Freedonia"),
    )
}
R, N, F = "Country:ruritania", "Organization:northern alliance", "Country:freedonia"


@pytest.fixture(scope="module")
def shift_graph(tmp_path_factory):
    docs = [
        doc("2022-support", "2022-06-01", [said(R, N, "Support", SUPPORT_2022)], ENTS),
        doc("2024-criticism", "2024-02-10", [said(R, N, "Criticism", CRITICISM_2024)], ENTS),
        doc(
            "2024-praise", "2024-03-20", [said(R, N, "Praise", PRAISE_2024, confidence=0.4)], ENTS
        ),  # fmt: skip
        # one document both ways: no contradiction (same document), and no shift (one year)
        doc(
            "freedonia",
            "2023-01-05",
            [
                said(F, N, "Support", "Freedonia supports the Northern Alliance."),
                said(F, N, "Opposition", "Freedonia opposes the Northern Alliance's tariffs."),
            ],
            ENTS,
        ),  # fmt: skip
    ]
    return write_graph(tmp_path_factory.mktemp("shift") / "graph.ttl", docs, ENTS)


def test_support_in_2022_then_criticism_in_2024_is_a_shift_with_both_sentences(
    shift_graph, tmp_path, run_cli
):
    out = tmp_path / "out"
    code, _, err = run_cli("analyze", shift_graph, "-o", out)
    assert code == 0, err
    rows = read_csv(out / "shifts.csv")
    assert len(rows) == 1
    row = rows[0]
    assert (row["holder_label"], row["target_label"]) == ("Ruritania", "Northern Alliance")
    assert (row["earlier_period"], row["earlier_polarity"], row["earlier_date"]) == (
        "2022", "Positive", "2022-06-01")  # fmt: skip
    assert row["earlier_evidence"] == SUPPORT_2022
    # 2024: criticism 0.9 against praise 0.4, net -0.5; the evidence is the criticism
    assert (row["later_period"], row["later_polarity"], row["later_net"]) == (
        "2024", "Negative", "-0.5")  # fmt: skip
    assert row["later_evidence"] == CRITICISM_2024 and row["later_date"] == "2024-02-10"
    page = (out / "report.html").read_text(encoding="utf-8")
    assert SUPPORT_2022 in page and CRITICISM_2024 in page


def test_contradictions_pair_documents_not_stances(shift_graph, tmp_path, run_cli):
    out = tmp_path / "out"
    assert run_cli("analyze", shift_graph, "-o", out)[0] == 0
    rows = read_csv(out / "contradictions.csv")
    # the 2022 support is nearest to the 2024 criticism; the 2024 praise is nearest to it too
    pairs = {(r["positive_evidence"], r["negative_evidence"]) for r in rows}
    assert pairs == {(SUPPORT_2022, CRITICISM_2024), (PRAISE_2024, CRITICISM_2024)}
    assert all(r["holder_label"] == "Ruritania" for r in rows)  # Freedonia: one document
    assert {r["positive_type"] for r in rows} == {"Support", "Praise"}
    assert {r["negative_document"] for r in rows} == {rows[0]["negative_document"]}


def test_quarterly_periods_find_the_same_shift_and_the_praise(shift_graph):
    from graphbuilder.analyze import AnalysisOptions

    a = run_analysis(load_records(shift_graph), AnalysisOptions(period="quarter", shuffles=0))
    seen = [(s.earlier_period, s.later_period) for s in a.shifts]
    # 2022-Q2 +, 2023-Q1 (Freedonia's pair only), 2024-Q1: criticism and praise, net -0.5
    assert seen == [("2022-Q2", "2024-Q1")]
    a = run_analysis(load_records(shift_graph), AnalysisOptions(period="month", shuffles=0))
    assert [(s.earlier_period, s.later_period) for s in a.shifts] == [
        ("2022-06", "2024-02"), ("2024-02", "2024-03")]  # fmt: skip


def _stance(iri, polarity, doc_, date, confidence=0.9):
    return StanceRecord(iri, "h", "t", polarity, confidence=confidence, document=doc_, date=date)


def test_undated_stances_contradict_but_do_not_shift():
    stances = [_stance("s1", 1, "d1", None), _stance("s2", -1, "d2", None)]
    assert shifts(stances) == []
    (c,) = contradictions(stances)
    assert (c.positive.iri, c.negative.iri) == ("s1", "s2")


def test_many_documents_give_rows_per_document_not_per_pair_of_stances():
    stances = [_stance(f"p{i}", 1, f"dp{i}", f"2020-01-{i + 1:02d}") for i in range(20)]
    stances += [_stance(f"n{i}", -1, f"dn{i}", f"2021-01-{i + 1:02d}") for i in range(20)]
    found = contradictions(stances)
    assert 20 <= len(found) <= 40
    docs = {c.positive.document for c in found} | {c.negative.document for c in found}
    assert len(docs) == 40  # every document appears


def test_period_of():
    assert [period_of("2024-11-30", p) for p in ("year", "quarter", "month")] == [
        "2024", "2024-Q4", "2024-11"]  # fmt: skip
    with pytest.raises(ValueError):
        period_of("2024-11-30", "week")
