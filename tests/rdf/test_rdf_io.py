"""Graph files: atomic deterministic writes, one-line errors, round trips in every format."""

from __future__ import annotations

import os

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, XSD

from graphbuilder.errors import GraphFileError, OutputError
from graphbuilder.rdf.example import HOSTILE_TEXT
from graphbuilder.rdf.io import (
    load_dataset,
    load_graph,
    serialize_graph,
    write_dataset,
    write_graph,
    write_turtle,
)
from graphbuilder.rdf.iris import entity_iri
from graphbuilder.rdf.mapping import records_to_dataset
from graphbuilder.rdf.namespaces import GB, GBR, bind_prefixes

HOSTILE = [
    HOSTILE_TEXT,
    'a "quoted" word',
    "triple \"\"\" quotes '''",
    "back\\slash \\n not newline \\",
    "line\nbreak\r\ncrlf\ttab",
    "emoji 😀🇰🇿 and RTL \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "U.S.",
    "ends with dot.",
    "Georgia (country)",
    "slash/and#hash",
    "",
    " leading and trailing ",
]


def _hostile_graph() -> Graph:
    g = bind_prefixes(Graph())
    for i, text in enumerate(HOSTILE):
        node = entity_iri(text)
        g.add((node, RDFS.label, Literal(text, lang="en")))
        g.add((node, GB.evidence, Literal(text)))
        g.add((node, GB.charStart, Literal(i)))
        g.add((node, GB.confidence, Literal("0.125", datatype=XSD.decimal)))
    # an IRI with parentheses and a trailing dot, as other tools mint them
    g.add((GBR["Georgia_(country)"], RDFS.label, Literal("Georgia", lang="en")))
    g.add((GBR["U.S."], RDFS.label, Literal("U.S.", lang="en")))
    return g


@pytest.mark.parametrize("ext", [".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf"])
def test_round_trip_hostile_literals(tmp_path, ext):
    g = _hostile_graph()
    path = write_graph(g, tmp_path / f"g{ext}")
    back = load_graph(path)
    assert isomorphic(back, g)
    conf = {o for o in back.objects(None, GB.confidence)}
    assert conf == {Literal("0.125", datatype=XSD.decimal)}
    assert {o.datatype for o in back.objects(None, GB.charStart)} == {XSD.integer}


@pytest.mark.parametrize(
    "ext,fmt",
    [
        (".ttl", ox.RdfFormat.TURTLE),
        (".nt", ox.RdfFormat.N_TRIPLES),
        (".nq", ox.RdfFormat.N_QUADS),
        (".trig", ox.RdfFormat.TRIG),
        (".jsonld", ox.RdfFormat.JSON_LD),
        (".rdf", ox.RdfFormat.RDF_XML),
    ],
)
def test_output_parses_in_oxigraph(tmp_path, ext, fmt):
    g = _hostile_graph()
    path = write_graph(g, tmp_path / f"g{ext}")
    quads = list(ox.parse(path=str(path), format=fmt))
    assert len(quads) == len(g)
    values = {q.object.value for q in quads if q.predicate.value == str(GB.evidence)}
    assert values == set(HOSTILE)


def test_parenthesis_key_not_an_unparseable_prefixed_name(example_graph):
    text = serialize_graph(example_graph, "turtle").decode()
    assert "Georgia (country)" in text  # only as a literal
    node = entity_iri("Country:georgia (country)")
    assert "(" not in str(node)
    list(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE))


def test_turtle_is_deterministic_and_atomic(tmp_path, example):
    docs, ents = example
    a = write_turtle(records_to_dataset(docs, ents), tmp_path / "a.ttl")
    b = write_turtle(records_to_dataset(list(reversed(docs)), ents), tmp_path / "b.ttl")
    assert a.read_bytes() == b.read_bytes()
    assert sorted(os.listdir(tmp_path)) == ["a.ttl", "b.ttl"]  # no temp files left


def test_dataset_round_trip_keeps_named_graphs(tmp_path, example_dataset):
    for ext in (".trig", ".nq"):
        path = write_dataset(example_dataset, tmp_path / f"d{ext}")
        back = load_dataset(path)
        names = {g.identifier for g in back.graphs() if len(g)}
        expected = {g.identifier for g in example_dataset.graphs() if len(g)}
        assert names == expected
        for name in names:
            assert isomorphic(back.graph(name), example_dataset.graph(name))
    a = serialize_graph(example_dataset, "nquads")
    assert a == serialize_graph(example_dataset, "nquads")


def test_jsonld_keeps_number_datatypes(example_graph):
    data = serialize_graph(example_graph, "json-ld")
    back = Graph().parse(data=data, format="json-ld")
    assert isomorphic(back, example_graph)
    dts = {o.datatype for o in back.objects(None, GB.confidence)}
    assert dts == {XSD.decimal}
    assert b'"@context"' in data and b'"gb": "https://w3id.org/graphbuilder/ontology#"' in data


def test_errors_name_the_file(tmp_path):
    with pytest.raises(GraphFileError, match="missing.ttl: no such graph file"):
        load_graph(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(GraphFileError, match="bad.ttl: not valid turtle"):
        load_graph(bad)
    with pytest.raises(GraphFileError, match="unknown graph file extension"):
        load_graph(tmp_path / "g.docx")
    with pytest.raises(OutputError, match="does not exist"):
        write_turtle(Graph(), tmp_path / "nope" / "g.ttl")
    with pytest.raises(GraphFileError):
        write_dataset(Dataset(), tmp_path / "d.ttl")


def test_load_graph_merges_quads(tmp_path, example_dataset, example_graph):
    path = write_dataset(example_dataset, tmp_path / "d.trig")
    assert isomorphic(load_graph(path), example_graph)
    assert isinstance(URIRef(str(GBR.Q232)), URIRef)
