"""The graph -> view data step and the written page, without a browser."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import synthetic_graph
from rdflib import Graph, Literal, URIRef

from graphbuilder.errors import GraphFileError, OutputError
from graphbuilder.rdf.namespaces import GB, GBR
from graphbuilder.view import render_file, render_graph
from graphbuilder.view.model import view_data

DATA = Path(__file__).parent / "data"
SEED_LIKE = DATA / "seed-like.ttl"
RELATIONS = "gb:leaderOf gb:officialOf gb:memberOf gb:partOf gb:locatedIn"
PREFIXES = """PREFIX gb: <https://w3id.org/graphbuilder/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def expected_counts(graph: Graph) -> tuple[int, int]:
    """Entities and edges counted independently of the view (SPARQL over graph + ontology)."""
    from graphbuilder.paths import ontology_dir

    g = Graph()
    for t in graph:
        g.add(t)
    g.parse(ontology_dir() / "graphbuilder.ttl")
    nodes = g.query(
        PREFIXES
        + """SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
          { ?e a/rdfs:subClassOf* ?k . VALUES ?k { gb:Person gb:Country gb:Organization
            gb:Location gb:Event } }
          UNION { ?s a gb:Stance ; gb:holder|gb:target ?e } }"""
    )
    relations = g.query(
        PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o . VALUES ?p {{ {RELATIONS} }} }}"
    )
    stances = g.query(PREFIXES + "SELECT (COUNT(?s) AS ?n) WHERE { ?s a gb:Stance }")
    n_nodes = int(next(iter(nodes))[0])
    n_edges = int(next(iter(relations))[0]) + int(next(iter(stances))[0])
    return n_nodes, n_edges


@pytest.fixture(scope="module")
def seed_graph() -> Graph:
    return Graph().parse(SEED_LIKE)


def test_counts_classes_and_kb_facts(seed_graph):
    data = view_data(seed_graph)
    assert (len(data.nodes), len(data.edges)) == expected_counts(seed_graph) == (37, 51)
    by_label = {n["label"]: n for n in data.nodes}
    assert by_label["Collective Security Treaty Organization"]["cls"] == "Organization"
    assert by_label["Moscow"]["cls"] == "Location"  # gb:City, a subclass
    assert by_label["Kazakhstan"]["wd"] == "Q232"
    assert "Zhaparov" in by_label["Sadyr Japarov"]["aliases"]
    tokayev = by_label["Kassym-Jomart Tokayev"]
    assert tokayev["mentions"] == 6 and tokayev["docs"] == [0]
    kz, csto = str(GBR.Q232), str(GBR["org-csto"])
    member = [e for e in data.edges if (e["from"], e["to"], e["type"]) == (kz, csto, "memberOf")]
    assert len(member) == 1 and member[0]["kb"] is False  # also read from the article
    assert member[0]["evidence"][0]["text"].startswith("This also applies")
    rahmon = [e for e in data.edges if e["label"] == "leader of" and e["from"].endswith("rahmon")]
    assert rahmon[0]["kb"] is True
    assert sum(e["kb"] for e in data.edges) == 29  # 16 memberOf, 3 partOf, 6 locatedIn, 4 leaderOf


def test_several_edges_between_one_pair_all_kept_and_bent_apart(seed_graph):
    data = view_data(seed_graph)
    un = str(GBR.Q1065)
    pair = [e for e in data.edges if e["to"] == un and e["from"].endswith("kurmanov")]
    assert sorted(e["type"] for e in pair) == ["Criticism", "Opposition"]
    assert all(e["dashes"] for e in pair)  # the author's own opinion
    assert len({json.dumps(e["smooth"], sort_keys=True) for e in pair}) == 2


def test_page_is_self_contained_and_writes_nothing_else(tmp_path, monkeypatch, seed_graph):
    work, out_dir = tmp_path / "cwd", tmp_path / "out"
    work.mkdir()
    out_dir.mkdir()
    monkeypatch.chdir(work)
    stats = render_graph(seed_graph, out_dir / "seed.html", title="CSTO summit")
    assert (stats.nodes, stats.edges) == (37, 51)
    assert os.listdir(work) == [] and os.listdir(out_dir) == ["seed.html"]
    html = (out_dir / "seed.html").read_text(encoding="utf-8")
    assert not re.search(r"""<[^>]*\s(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert not re.search(r"""url\(\s*["']?(https?:)?//""", html, re.I)
    markup = re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S)
    assert "<link" not in markup and "<iframe" not in markup and "<img" not in markup
    assert len(re.findall(r"^<script", html, re.M)) == 6  # 4 JSON blocks, vis-network, page


def test_article_text_is_escaped_in_the_page(tmp_path):
    g = Graph().parse(SEED_LIKE)
    stance = GBR["stance/s13"]
    g.remove((stance, GB.evidence, None))
    g.add((stance, GB.evidence, Literal("</script><script>alert(1)</script><!-- & \u2028")))
    out = tmp_path / "x.html"
    render_graph(g, out)
    html = out.read_text(encoding="utf-8")
    assert "alert(1)" in html
    assert "<script>alert" not in html and "</script><script>alert" not in html
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in html
    assert "\u2028" not in html


def test_same_graph_same_bytes(tmp_path, seed_graph):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    render_graph(seed_graph, a, title="t")
    render_graph(seed_graph, b, title="t")
    assert a.read_bytes() == b.read_bytes()


def test_output_errors(tmp_path, seed_graph):
    with pytest.raises(OutputError, match="html"):
        render_graph(seed_graph, tmp_path / "graph.ttl")
    with pytest.raises(OutputError, match="does not exist"):
        render_graph(seed_graph, tmp_path / "missing" / "g.html")
    foreign = tmp_path / "notes.html"
    foreign.write_text("<p>mine</p>", encoding="utf-8")
    with pytest.raises(OutputError, match="not written by graphbuilder"):
        render_graph(seed_graph, foreign)
    assert foreign.read_text(encoding="utf-8") == "<p>mine</p>"
    own = tmp_path / "own.html"
    render_graph(seed_graph, own)
    render_graph(Graph(), own)  # a page it wrote is replaced
    assert '"gb-nodes">[]<' in own.read_text(encoding="utf-8")
    with pytest.raises(GraphFileError, match="no such graph file"):
        render_file(tmp_path / "nope.ttl", tmp_path / "nope.html")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<", encoding="utf-8")
    with pytest.raises(GraphFileError, match="bad.ttl"):
        render_file(bad)
    assert not (tmp_path / "bad.html").exists()


def test_render_file_formats_and_default_output(tmp_path, seed_graph):
    nq = tmp_path / "graph.nq"
    from graphbuilder.rdf.io import write_graph

    write_graph(seed_graph, tmp_path / "graph.nt")
    stats = render_file(tmp_path / "graph.nt")
    assert stats.path == tmp_path / "graph.html" and (stats.nodes, stats.edges) == (37, 51)
    from rdflib import Dataset

    ds = Dataset()
    named = ds.graph(URIRef("urn:g:1"))
    for t in seed_graph:
        named.add(t)
    ds.serialize(nq, format="nquads")
    assert render_file(nq, tmp_path / "q.html").edges == 51


def test_any_graph_is_drawn(tmp_path):
    """A CONSTRUCT result of other terms: every resource-to-resource triple is an edge."""
    g = Graph().parse(
        data="""@prefix ex: <urn:ex:> .
        ex:a ex:knows ex:b . ex:b ex:knows ex:c . ex:a ex:name "A" .""",
        format="turtle",
    )
    stats = render_graph(g, tmp_path / "any.html")
    assert (stats.nodes, stats.edges) == (3, 2)


def test_cli_under_a_non_utf8_locale(tmp_path):
    g = Graph().parse(SEED_LIKE)
    g.add((GBR["person-tokayev"], GB.topic, Literal("x")))  # harmless extra triple
    g.set((GBR.Q232, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Қазақстан ☃")))
    src = tmp_path / "g.ttl"
    g.serialize(src, format="turtle", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONUTF8"))}
    env.update(LC_ALL="C", LANG="C", PYTHONIOENCODING="ascii", PYTHONUTF8="0")
    proc = subprocess.run(
        [sys.executable, "-m", "graphbuilder.cli", "view", str(src), "--title", "Résumé ☃"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode("ascii", "replace")
    html = (tmp_path / "g.html").read_bytes().decode("utf-8")
    assert "<title>Résumé ☃</title>" in html
    assert sorted(os.listdir(tmp_path)) == ["g.html", "g.ttl"]


def test_large_graph_is_fast_in_python(tmp_path):
    g = synthetic_graph(2000, 3000)
    start = time.perf_counter()
    stats = render_graph(g, tmp_path / "big.html")
    elapsed = time.perf_counter() - start
    assert (stats.nodes, stats.edges) == (2000, 3000)
    assert elapsed < 5.0, f"rendering 2,000 nodes took {elapsed:.1f} s"
