"""Export: every RDF format round-trips hostile literals; GraphML and CSV for network tools."""

from __future__ import annotations

import csv

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from graphbuilder.errors import OutputError
from graphbuilder.rdf.example import HOSTILE_TEXT
from graphbuilder.rdf.export import export_graph, prefixed, to_networkx
from graphbuilder.rdf.io import load_dataset, load_graph, write_dataset
from graphbuilder.rdf.namespaces import GB, GBR


@pytest.fixture()
def trig(tmp_path, example_dataset):
    return write_dataset(example_dataset, tmp_path / "graph.trig")


@pytest.mark.parametrize(
    "fmt,ext", [("turtle", ".ttl"), ("ntriples", ".nt"), ("nquads", ".nq"), ("jsonld", ".jsonld")]
)
def test_rdf_formats_round_trip(tmp_path, trig, example_graph, fmt, ext):
    (path,) = export_graph(trig, fmt, tmp_path / f"out{ext}")
    back = load_graph(path)
    assert isomorphic(back, example_graph)
    assert HOSTILE_TEXT in {str(o) for o in back.objects(None, GB.evidence)}
    assert {o.datatype for o in back.objects(None, GB.confidence)} == {XSD.decimal}
    assert {o.datatype for o in back.objects(None, GB.charStart)} == {XSD.integer}
    label = back.value(GBR.Q1065, GB.mentionedIn)
    assert label is not None


def test_nquads_keeps_named_graphs(tmp_path, trig, example_dataset):
    (path,) = export_graph(trig, "nquads", tmp_path / "out.nq")
    back = load_dataset(path)
    assert {g.identifier for g in back.graphs() if len(g)} == {
        g.identifier for g in example_dataset.graphs() if len(g)
    }


def test_jsonld_context_and_numbers(trig):
    data = export_graph(trig, "jsonld")
    assert b'"gbr": "https://w3id.org/graphbuilder/resource/"' in data
    assert b'"@type": "xsd:decimal"' in data
    back = Graph().parse(data=data, format="json-ld")
    assert Literal("0.667", datatype=XSD.decimal) in set(back.objects(None, GB.confidence))


def test_graphml_for_gephi(tmp_path, trig):
    (path,) = export_graph(trig, "graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(path)
    un = g.nodes[str(GBR.Q1065)]
    assert un["label"] == "United Nations"
    assert un["class"] == "gb:IntergovernmentalOrganization gb:Organization"
    assert un["owl:sameAs"] == "wd:Q1065"
    stances = [d for _, d in g.nodes(data=True) if d.get("class") == "gb:Stance"]
    assert len(stances) == 6
    assert {type(d["gb:confidence"]) for d in stances} == {float}
    assert HOSTILE_TEXT in {d["gb:evidence"] for d in stances}
    preds = {d["predicate"] for _, _, d in g.edges(data=True)}
    assert {"gb:leaderOf", "gb:memberOf", "gb:holder", "gb:target", "rdf:subject"} <= preds
    assert "gb:Negative" not in g  # vocabulary terms are attributes, not nodes
    assert export_graph(trig, "graphml") == path.read_bytes()  # deterministic


def test_csv_nodes_and_edges(tmp_path, trig):
    paths = export_graph(trig, "csv", tmp_path / "kg.csv")
    assert [p.name for p in paths] == ["kg_nodes.csv", "kg_edges.csv"]
    with open(paths[0], newline="", encoding="utf-8") as fh:
        nodes = {r["id"]: r for r in csv.DictReader(fh)}
    assert nodes[str(GBR.Q232)]["label"] == "Kazakhstan"
    assert nodes[str(GBR.Q232)]["class"] == "gb:Country"
    with open(paths[1], newline="", encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    assert {"source": str(GBR.Q380719), "target": str(GBR.Q232), "predicate": "gb:leaderOf"} in (
        edges
    )
    with pytest.raises(OutputError, match="give -o FILE"):
        export_graph(trig, "csv")
    with pytest.raises(OutputError, match="unknown export format"):
        export_graph(trig, "xlsx")


def test_to_networkx_of_dataset(example_dataset):
    g = to_networkx(example_dataset)
    assert isinstance(example_dataset, Dataset)
    assert g.nodes[str(GBR.Q232)]["label"] == "Kazakhstan"
    assert prefixed(GBR.Q232) == "gbr:Q232"


def test_export_command(tmp_path, trig, capsys):
    from graphbuilder.cli import main

    out = tmp_path / "x.nt"
    with pytest.raises(SystemExit) as exc:
        main(["export", str(trig), "--format", "ntriples", "-o", str(out)])
    assert exc.value.code == 0
    assert len(load_graph(out)) > 100
    with pytest.raises(SystemExit) as exc:
        main(["export", str(tmp_path / "missing.ttl"), "--format", "graphml"])
    assert exc.value.code == 3
    assert "missing.ttl: no such graph file" in capsys.readouterr().err
