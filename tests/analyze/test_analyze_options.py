"""The options: --fold-people (dated, from the text and the knowledge base), --exclude-author,
--no-kb."""

from __future__ import annotations

import pytest
from rdflib import Literal

from graphbuilder.analyze import AnalysisOptions, run_analysis
from graphbuilder.analyze.load import load_records
from graphbuilder.rdf.namespaces import GB, RDF
from graphbuilder.records import Relation
from tests.analyze.stancegraph import doc, entity, read_csv, related, said, write_graph

TOKAYEV, NAZARBAYEV = "person/kassym-jomart-tokayev", "person/nursultan-nazarbayev"
KAZ, UN, AMINA, RUR = "country/KAZ", "Organization:un", "Person:amina", "Country:ruritania"
ENTS = {
    e.key: e
    for e in (
        # linked to the knowledge base as the builder links them (Tokayev: president of
        # Kazakhstan since 2019-03-20; Nazarbayev: 1990-04-24 to 2019-03-20)
        entity(TOKAYEV, "Kassym-Jomart Tokayev", "Person", kb_id=TOKAYEV),
        entity(NAZARBAYEV, "Nursultan Nazarbayev", "Person", kb_id=NAZARBAYEV),
        entity(KAZ, "Kazakhstan", "Country", qid="Q232", kb_id=KAZ),
        entity(UN, "United Nations", "Organization"),
        entity(AMINA, "Amina Bello", "Person"),  # not in the knowledge base
        entity(RUR, "Ruritania", "Country"),
    )
}


def _graph_docs():
    return [
        doc("2015", "2015-05-01", [
            said(NAZARBAYEV, UN, "Support", "Nazarbayev backed the UN in 2015."),
            said(TOKAYEV, UN, "Criticism", "Tokayev, then a diplomat, criticised the UN."),
        ], ENTS),
        doc("2022", "2022-05-01", [
            said(TOKAYEV, UN, "Support", "Tokayev backed the UN in 2022."),
            said(NAZARBAYEV, UN, "Criticism", "Nazarbayev, retired, criticised the UN in 2022."),
            said(UN, TOKAYEV, "Praise", "The UN praised Tokayev."),
        ], ENTS),
        doc("2022-text", "2022-06-01", [
            related(TOKAYEV, "leaderOf", KAZ, "Kazakhstan's president Tokayev spoke."),
            said(TOKAYEV, UN, "Proposal", "Tokayev proposed a UN hub in Almaty."),
        ], ENTS),
        # Amina leads Ruritania according to articles of 2020 and 2023
        doc("amina-2020", "2020-01-01",
            [related(AMINA, "leaderOf", RUR, "Ruritania's president Amina Bello arrived.")], ENTS),
        doc("amina-2023", "2023-01-01",
            [related(AMINA, "leaderOf", RUR, "President Amina Bello of Ruritania spoke.")], ENTS),
        doc("amina-2021", "2021-06-01",
            [said(AMINA, UN, "Praise", "Amina Bello praised the UN.")], ENTS),
        doc("amina-2025", "2025-06-01",
            [said(AMINA, UN, "Criticism", "Amina Bello criticised the UN.")], ENTS),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def fold_graph(tmp_path_factory):
    return write_graph(tmp_path_factory.mktemp("fold") / "graph.ttl", _graph_docs(), ENTS)


def _holders(out) -> dict[str, str]:
    return {r["evidence"]: r["holder_label"] for r in read_csv(out / "stances.csv")}


def test_fold_people_moves_a_leaders_stances_onto_their_state_on_the_documents_date(
    fold_graph, tmp_path, run_cli
):
    out = tmp_path / "fold"
    code, _, err = run_cli("analyze", fold_graph, "-o", out, "--fold-people")
    assert code == 0, err
    holder = _holders(out)
    assert holder["Nazarbayev backed the UN in 2015."] == "Kazakhstan"  # president then
    assert holder["Tokayev, then a diplomat, criticised the UN."] == "Kassym-Jomart Tokayev"
    assert holder["Tokayev backed the UN in 2022."] == "Kazakhstan"  # president since 2019
    assert holder["Nazarbayev, retired, criticised the UN in 2022."] == "Nursultan Nazarbayev"
    # read from articles of 2020 and 2023: holds in 2021, not in 2025
    assert holder["Amina Bello praised the UN."] == "Ruritania"
    assert holder["Amina Bello criticised the UN."] == "Amina Bello"
    rows = {r["evidence"]: r for r in read_csv(out / "stances.csv")}
    praise = rows["The UN praised Tokayev."]
    assert praise["target_label"] == "Kazakhstan"  # received stances fold too
    assert praise["graph_target"] != praise["target"]
    matrix = {
        (r["holder_label"], r["target_label"]): r for r in read_csv(out / "stance-matrix.csv")
    }
    kaz = matrix[("Kazakhstan", "United Nations")]
    assert (kaz["positive"], kaz["negative"]) == ("3", "0")  # 2015, 2022, 2022 proposal
    assert "Kassym-Jomart Tokayev" in (out / "report.html").read_text(encoding="utf-8")


def test_without_fold_people_people_speak_for_themselves(fold_graph, tmp_path, run_cli):
    out = tmp_path / "plain"
    assert run_cli("analyze", fold_graph, "-o", out)[0] == 0
    rows = read_csv(out / "stances.csv")
    assert all(r["holder"] == r["graph_holder"] for r in rows)
    assert "Kazakhstan" not in {r["holder_label"] for r in rows}


def test_fold_people_without_the_knowledge_base_uses_the_text_only(fold_graph, tmp_path, run_cli):
    out = tmp_path / "nokb"
    assert run_cli("analyze", fold_graph, "-o", out, "--fold-people", "--no-kb")[0] == 0
    holder = _holders(out)
    assert holder["Tokayev proposed a UN hub in Almaty."] == "Kazakhstan"  # same document
    # the 2022 article that does not say he leads Kazakhstan: no knowledge base, no fold...
    # except by the text span: the one 2022-06-01 article covers 2022-06-01 only
    assert holder["Tokayev backed the UN in 2022."] == "Kassym-Jomart Tokayev"
    assert holder["Nazarbayev backed the UN in 2015."] == "Nursultan Nazarbayev"
    assert holder["Amina Bello praised the UN."] == "Ruritania"


def test_knowledge_base_statements_of_the_graph_without_a_term_fold_on_every_date(tmp_path):
    docs = _graph_docs()
    docs[-1].relations.append(Relation(AMINA, "leaderOf", RUR, origin="kb", kb_entry="x/amina"))
    path = write_graph(tmp_path / "graph.ttl", docs, ENTS)
    records = load_records(path)
    a = run_analysis(records, AnalysisOptions(fold_people=True, shuffles=0))
    by_text = {s.evidence: a.label(s.holder) for s in a.stances}
    assert by_text["Amina Bello criticised the UN."] == "Ruritania"
    assert a.folded["knowledge base, undated"] == 1
    b = run_analysis(records, AnalysisOptions(fold_people=True, use_kb=False, shuffles=0))
    assert {s.evidence: b.label(s.holder) for s in b.stances}[
        "Amina Bello criticised the UN."] == "Amina Bello"  # fmt: skip


def test_exclude_author_leaves_out_the_authors_opinions(tmp_path, run_cli):
    ents = dict(ENTS)
    ents["Person:jane roe"] = entity("Person:jane roe", "Jane Roe", "Person")
    docs = [
        doc("column", "2023-02-02", [
            said("Person:jane roe", UN, "Criticism", "The UN has failed, I think.",
                 attribution="AuthorOpinion"),
            said(RUR, UN, "Support", "Ruritania supports the UN."),
        ], ents, author="Person:jane roe"),
    ]  # fmt: skip
    path = write_graph(tmp_path / "graph.ttl", docs, ents)
    out = tmp_path / "out"
    assert run_cli("analyze", path, "-o", out)[0] == 0
    assert len(read_csv(out / "stances.csv")) == 2
    code, _, err = run_cli("analyze", path, "-o", out, "--exclude-author")
    assert code == 0, err
    rows = read_csv(out / "stances.csv")
    assert [r["evidence"] for r in rows] == ["Ruritania supports the UN."]
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "1 stances (author&#39;s opinion)" in page or "1 stances (author's opinion)" in page


def test_no_kb_leaves_out_knowledge_base_stances(fold_graph, tmp_path, run_cli):
    from rdflib import Graph

    g = Graph().parse(fold_graph)
    stance = sorted(g.subjects(RDF.type, GB.Stance))[0]
    g.add((stance, GB.fromKnowledgeBase, Literal(True)))
    path = tmp_path / "graph.nt"
    g.serialize(destination=str(path), format="nt", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("analyze", path, "-o", out)[0] == 0
    every = {r["stance"] for r in read_csv(out / "stances.csv")}
    assert str(stance) in every
    assert run_cli("analyze", path, "-o", out, "--no-kb")[0] == 0
    kept = {r["stance"] for r in read_csv(out / "stances.csv")}
    assert kept == every - {str(stance)}
