"""Issue 14, the Python API: ``graphbuilder.build_graph``, ``query`` and ``to_networkx``.

The README's example runs as written; ``build_graph`` gives the graph ``graphbuilder build``
writes, and writes nothing; ``query`` and ``to_networkx`` read the hand-made example dataset
(``graphbuilder.rdf.example``).
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import graphbuilder as gb
from graphbuilder.errors import InputError, QueryError

PROJECT = Path(__file__).resolve().parent.parent
GB = "https://w3id.org/graphbuilder/ontology#"


def readme_example() -> str:
    """The first ``python`` block of the README's "Python API" section."""
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Python API\n") :]
    section = section[: section.index("\n## ", 1)]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


# ------------------------------------------------------------------------------ build_graph
@pytest.mark.slow
def test_readme_example_runs(monkeypatch):
    monkeypatch.chdir(PROJECT)  # the example reads examples/
    namespace: dict = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(readme_example(), "README.md", "exec"), namespace)
    printed = out.getvalue()
    assert isinstance(namespace["ds"], Dataset)
    assert "Vladimir Putin -> NATO" in printed
    assert "Recep Tayyip Erdoğan -> European Union" in printed  # the text given as a string
    assert namespace["putin"] and all(str(row["targetLabel"]) for row in namespace["putin"])
    assert namespace["stances"] >= 8
    assert isinstance(namespace["g"], nx.MultiDiGraph)
    assert "takes part in" in printed
    frame = namespace["view"]._repr_html_()
    assert frame.startswith('<iframe srcdoc="') and "Vladimir Putin" in frame


@pytest.mark.slow
def test_build_graph_is_the_graph_build_writes_and_writes_nothing(nlp, tmp_path, monkeypatch):
    from graphbuilder.build import build

    out = tmp_path / "out"
    build([PROJECT / "examples"], out, nlp=nlp, view=False)
    written = Dataset()
    written.parse(out / "graph.trig", format="trig")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    ds = gb.build_graph(PROJECT / "examples", nlp=nlp)
    assert list(elsewhere.iterdir()) == []

    names = {g.identifier for g in ds.graphs() if len(g)}
    assert names == {g.identifier for g in written.graphs() if len(g)}
    for name in names:
        assert isomorphic(ds.graph(name), written.graph(name)), name


def test_build_graph_refuses_bad_input_in_one_line(tmp_path):
    with pytest.raises(InputError, match=r"^nope/missing\.txt: no such file or folder"):
        gb.build_graph(["A text about nothing in particular.", "nope/missing.txt"])
    with pytest.raises(InputError, match=r"empty document"):
        gb.build_graph("   ")
    with pytest.raises(InputError, match=r"^int: not a text or a path"):
        gb.build_graph([3])
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.txt: empty document"):
        gb.build_graph(empty)
    with pytest.raises(InputError, match=r"no document to build"):
        gb.build_graph([])


# ------------------------------------------------------------------------------ query
def test_query_named_with_parameters(example_dataset):
    rows = gb.query(example_dataset, "who-criticizes-whom")
    pairs = {(str(r["holderLabel"]), str(r["targetLabel"])) for r in rows}
    assert ("Nikol Pashinyan", "Collective Security Treaty Organization") in pairs
    only = gb.query(example_dataset, "who-criticizes-whom", holder="Pashinyan")
    assert {str(r["holderLabel"]) for r in only} == {"Nikol Pashinyan"}
    assert isinstance(only[0]["holder"], URIRef)
    assert only[0]["count"] == Literal(2)


def test_query_sparql_ask_construct_and_files(example_dataset, tmp_path):
    from graphbuilder.rdf.io import write_dataset

    [row] = gb.query(example_dataset, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a gb:Stance }")
    assert row["n"].toPython() == 6
    assert gb.query(example_dataset, "ASK { ?s a gb:Stance }") is True
    built = gb.query(example_dataset, "CONSTRUCT { ?s a gb:Stance } WHERE { ?s a gb:Stance }")
    assert isinstance(built, Graph) and len(built) == 6
    path = write_dataset(example_dataset, tmp_path / "graph.trig")
    assert gb.query(path, "who-criticizes-whom") == gb.query(example_dataset, "who-criticizes-whom")


def test_query_errors_are_query_errors(example_dataset):
    with pytest.raises(QueryError, match="no-such-query"):
        gb.query(example_dataset, "no-such-query")
    with pytest.raises(QueryError, match="refused"):
        gb.query(example_dataset, "DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError):
        gb.query(example_dataset, "stances-of")  # its entity parameter is required
    with pytest.raises(QueryError, match="not a graph"):
        gb.query(42, "who-criticizes-whom")


# ------------------------------------------------------------------------------ to_networkx
def test_to_networkx_entities_relations_and_stances(example_dataset):
    g = gb.to_networkx(example_dataset)
    labels = {d["label"]: n for n, d in g.nodes(data=True)}
    un = g.nodes[labels["United Nations"]]
    assert un["cls"] == "Organization" and un["wikidata"] == "Q1065"
    assert set(un) == {"label", "cls", "aliases", "mentions", "documents", "wikidata"}
    pashinyan, csto = labels["Nikol Pashinyan"], labels["Collective Security Treaty Organization"]
    stances = [d for d in g.get_edge_data(pashinyan, csto).values() if d["kind"] == "stance"]
    assert len(stances) == 2
    assert {d["type"] for d in stances} == {"Criticism"}
    assert {d["polarity"] for d in stances} == {"negative"}
    assert all(d["evidence"][0]["text"] and d["documents"] for d in stances)
    leader = g.get_edge_data(pashinyan, labels["Armenia"])
    assert list(leader) == ["relation:leaderOf"]
    assert not {"color", "width", "x", "smooth"} & set(leader["relation:leaderOf"])
    # a Dataset and its union graph give the same multigraph
    union = Graph()
    for s, p, o, _ in example_dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert nx.utils.graphs_equal(g, gb.to_networkx(union))


def test_import_graphbuilder_loads_nothing():
    import subprocess
    import sys

    code = (
        "import sys, graphbuilder; "
        "print(sorted(m for m in ('spacy', 'rdflib', 'graphbuilder.api') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT
    )
    assert out.stdout.strip() == "[]"
    assert set(gb.__all__) == {
        "__version__",
        "build_graph",
        "query",
        "query_pages",
        "show",
        "to_networkx",
    }
