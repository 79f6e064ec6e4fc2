"""What analyze writes: the report and tables, safely, the same bytes every time, and one-line
errors that leave nothing half-written."""

from __future__ import annotations

import re

from graphbuilder.analyze import REPORT, analyze
from graphbuilder.analyze.tables import TABLES
from tests.analyze.stancegraph import doc, entity, read_csv, said, write_graph

HOSTILE = 'He said </script><script>window.__pwned = 1</script> & "quoted" <b>bold</b>.'


def test_report_and_six_tables_written(blocs_graph, tmp_path):
    out = tmp_path / "new" / "folder"  # created, parents too
    summary = analyze(blocs_graph, out)
    assert [p.name for p in summary.files] == [REPORT, *TABLES]
    page = (out / REPORT).read_text(encoding="utf-8")
    assert page.count("<svg") == 4  # network, heat map, timeline, top lists
    assert len(re.findall(r"<figcaption>", page)) == 4
    assert "<script" not in page  # no script at all, and a policy that forbids loading
    assert "default-src 'none'" in page
    for anchor in re.findall(r'href="#([^"]+)"', page):
        assert f'id="{anchor}"' in page, anchor  # every link inside the page lands
    stances = read_csv(out / "stances.csv")
    assert len(stances) == 17  # 6 inside the blocs, 8 across, 3 on the mixed edge
    assert all(r["evidence"] and r["document"] and r["date"] for r in stances)


def test_same_graph_same_bytes(blocs_graph, tmp_path):
    analyze(blocs_graph, tmp_path / "a")
    analyze(blocs_graph, tmp_path / "b")
    for name in (REPORT, *TABLES):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_article_text_is_escaped(tmp_path):
    ents = {
        "Country:x": entity("Country:x", "X <img src=x onerror=alert(1)>"),
        "Country:y": entity("Country:y", "Y"),
    }
    docs = [
        doc("a", "2020-01-01", [said("Country:x", "Country:y", "Support", HOSTILE)], ents),
        doc("b", "2021-01-01", [said("Country:x", "Country:y", "Criticism", "X hit Y.")], ents),
    ]
    out = tmp_path / "out"
    analyze(write_graph(tmp_path / "graph.ttl", docs, ents), out)
    page = (out / REPORT).read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "<b>bold" not in page
    assert "&lt;/script&gt;&lt;script&gt;" in page
    assert read_csv(out / "shifts.csv")[0]["earlier_evidence"] == HOSTILE


def test_links_to_the_view_beside_the_graph(blocs_graph, tmp_path):
    view = blocs_graph.parent / "graph.html"
    view.write_text("<html></html>", encoding="utf-8")
    try:
        out = tmp_path / "out"
        analyze(blocs_graph, out)
        page = (out / REPORT).read_text(encoding="utf-8")
        hrefs = re.findall(r'href="([^"#]*graph\.html)#node=([^"]+)"', page)
        assert hrefs and all(h.endswith("/graph.html") or h == "graph.html" for h, _ in hrefs)
        assert (out / hrefs[0][0]).resolve() == view.resolve()
        assert all(n.startswith("https%3A%2F%2Fw3id.org%2Fgraphbuilder%2Fresource%2F")
                   for _, n in hrefs)  # fmt: skip
    finally:
        view.unlink()


def test_refuses_to_overwrite_a_foreign_report(blocs_graph, tmp_path, run_cli):
    out = tmp_path / "out"
    out.mkdir()
    (out / REPORT).write_text("<html>my notes</html>", encoding="utf-8")
    code, _, err = run_cli("analyze", blocs_graph, "-o", out)
    assert code == 5
    assert err.strip().count("\n") == 0 and "report.html" in err and "--force" in err
    assert sorted(p.name for p in out.iterdir()) == [REPORT]  # nothing written
    assert run_cli("analyze", blocs_graph, "-o", out, "--force")[0] == 0
    assert run_cli("analyze", blocs_graph, "-o", out)[0] == 0  # ours now: overwritten


def test_refuses_to_overwrite_a_foreign_table(blocs_graph, tmp_path, run_cli):
    out = tmp_path / "out"
    out.mkdir()
    (out / "actors.csv").write_text("name,score\nme,1\n", encoding="utf-8")
    code, _, err = run_cli("analyze", blocs_graph, "-o", out)
    assert code == 5 and "actors.csv" in err
    assert (out / "actors.csv").read_text(encoding="utf-8") == "name,score\nme,1\n"


def test_bad_inputs_are_one_line_errors(tmp_path, run_cli):
    missing = tmp_path / "none.ttl"
    code, _, err = run_cli("analyze", missing, "-o", tmp_path / "out")
    assert code == 3 and f"{missing}: no such graph file" in err
    code, _, err = run_cli("analyze", tmp_path, "-o", tmp_path / "out")
    assert code == 3 and "is a folder" in err
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    code, _, err = run_cli("analyze", bad, "-o", tmp_path / "out")
    assert code == 3 and "bad.ttl" in err
    code, _, err = run_cli("analyze", bad, "-o", tmp_path / "out", "--period", "week")
    assert code == 2 and "--period" in err
    afile = tmp_path / "file"
    afile.write_text("x", encoding="utf-8")
    code, _, err = run_cli("analyze", bad, "-o", afile)
    assert code == 5 and "not a folder" in err
    assert not (tmp_path / "out").exists()


def test_a_graph_without_stances_gives_an_empty_report(tmp_path):
    from rdflib import Graph

    path = tmp_path / "empty.ttl"
    Graph().serialize(path, format="turtle")
    summary = analyze(path, tmp_path / "out")
    assert summary.partition.frustration == 0
    assert read_csv(tmp_path / "out" / "stances.csv") == []
    assert "No stance between two actors" in (tmp_path / "out" / REPORT).read_text("utf-8")


def test_trig_and_turtle_give_the_same_tables(tmp_path):
    from tests.analyze.stancegraph import blocs_documents

    docs, ents = blocs_documents()
    ttl = write_graph(tmp_path / "g.ttl", docs, ents)
    trig = write_graph(tmp_path / "g.trig", docs, ents)
    analyze(ttl, tmp_path / "a")
    analyze(trig, tmp_path / "b")
    for name in TABLES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_an_oxigraph_store_gives_the_same_tables(tmp_path):
    from graphbuilder.store.oxigraph import load_file_into_store, open_store
    from tests.analyze.stancegraph import blocs_documents

    docs, ents = blocs_documents()
    trig = write_graph(tmp_path / "g.trig", docs, ents)
    store = open_store(tmp_path / "store")
    load_file_into_store(store, trig)
    store.flush()
    del store
    analyze(trig, tmp_path / "a")
    analyze(f"oxigraph:{tmp_path / 'store'}", tmp_path / "b")
    for name in TABLES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
