"""SHACL shapes: the example graph conforms; each kind of fault is reported readably."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD

from graphbuilder.errors import ValidationError
from graphbuilder.rdf.iris import document_iri
from graphbuilder.rdf.namespaces import GB, GBR
from graphbuilder.rdf.validate import check_graph, validate_graph

UN = GBR.Q1065


def _copy(g: Graph) -> Graph:
    out = Graph()
    for t in g:
        out.add(t)
    return out


def _a_stance(g: Graph):
    return sorted(g.subjects(RDF.type, GB.Stance))[0]


def test_example_graph_conforms(example_dataset):
    report = validate_graph(example_dataset)
    assert report.conforms, report.text()
    assert report.violations == []
    check_graph(example_dataset)  # does not raise


def _faults(example_graph, example):
    doc1 = document_iri(example[0][0].article.doc_id)
    return {
        "no label": lambda g: g.remove((UN, RDFS.label, None)),
        "two labels": lambda g: g.add((UN, RDFS.label, Literal("UNO", lang="en"))),
        "two classes": lambda g: g.add((UN, RDF.type, GB.Country)),
        "confidence > 1": lambda g: g.set(
            (_a_stance(g), GB.confidence, Literal("1.5", datatype=XSD.decimal))
        ),
        "confidence not decimal": lambda g: g.set((_a_stance(g), GB.confidence, Literal(0.5))),
        "start >= end": lambda g: g.set((_a_stance(g), GB.charStart, Literal(10**6))),
        "negative offset": lambda g: g.set((_a_stance(g), GB.charStart, Literal(-1))),
        "stance without holder": lambda g: g.remove((_a_stance(g), GB.holder, None)),
        "stance without evidence": lambda g: g.remove((_a_stance(g), GB.evidence, None)),
        "no sha256": lambda g: g.remove((doc1, GB.sha256, None)),
        "unreified relation": lambda g: g.add((UN, GB.partOf, GBR.Q170481)),
    }


@pytest.mark.parametrize(
    "fault,path,words",
    [
        ("no label", "rdfs:label", "exactly one rdfs:label"),
        ("two labels", "rdfs:label", "exactly one rdfs:label"),
        ("two classes", "rdf:type", "exactly one of gb:Person"),
        ("confidence > 1", "gb:confidence", "in [0, 1]"),
        ("confidence not decimal", "gb:confidence", "xsd:decimal"),
        ("start >= end", "gb:charStart", "must be less than gb:charEnd"),
        ("negative offset", "gb:charStart", "non-negative"),
        ("stance without holder", "gb:holder", "gb:holder"),
        ("stance without evidence", "gb:evidence", "gb:evidence"),
        ("no sha256", "gb:sha256", "gb:sha256"),
        ("unreified relation", "", "no reified rdf:Statement"),
    ],
)
def test_each_fault_is_reported(example_graph, example, fault, path, words):
    g = _copy(example_graph)
    _faults(example_graph, example)[fault](g)
    report = validate_graph(g)
    assert not report.conforms
    hits = [v for v in report.violations if words in v.message]
    assert hits, report.text()
    assert hits[0].path == path
    assert hits[0].focus.startswith(("gbr:", "<https://w3id.org/graphbuilder/resource/"))
    with pytest.raises(ValidationError, match="violates the SHACL shapes"):
        check_graph(g)


def test_class_of_relation_ends_is_a_warning(example_graph):
    g = _copy(example_graph)
    g.add((GBR.Q232, GB.leaderOf, UN))  # a country as leader: disputable, not fatal
    st = GBR["statement/test"]
    for p, o in (
        (RDF.type, RDF.Statement),
        (RDF.subject, GBR.Q232),
        (RDF.predicate, GB.leaderOf),
        (RDF.object, UN),
        (GB.fromKnowledgeBase, Literal(True)),
    ):
        g.add((st, p, o))
    g.add((st, GB.confidence, Literal("1.0", datatype=XSD.decimal)))
    kb = GBR["kb/test"]
    g.add((kb, RDF.type, GB.KnowledgeBaseEntry))
    from rdflib.namespace import PROV

    g.add((st, PROV.wasDerivedFrom, kb))
    report = validate_graph(g)
    assert report.conforms, report.text()
    assert any("should be a gb:Person" in w.message for w in report.warnings)
    assert "warning" in report.text()


def _cli(argv, capsys):
    from graphbuilder.cli import main

    with pytest.raises(SystemExit) as exc:
        main(argv)
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


def test_validate_command(tmp_path, example_dataset, capsys):
    from graphbuilder.rdf.io import load_graph, write_turtle

    good = write_turtle(example_dataset, tmp_path / "good.ttl")
    code, out, _ = _cli(["validate", str(good)], capsys)
    assert code == 0 and "conforms" in out
    g = load_graph(good)
    g.remove((GBR.Q1065, RDFS.label, None))
    bad = write_turtle(g, tmp_path / "bad.ttl")
    code, out, err = _cli(["validate", str(bad)], capsys)
    assert code == 6
    assert "gbr:Q1065 rdfs:label: an entity needs exactly one rdfs:label" in out
    assert err.strip() == f"error: {bad}: 1 SHACL violation(s)"
    code, _, err = _cli(["validate", str(tmp_path / "missing.ttl")], capsys)
    assert code == 3 and "missing.ttl: no such graph file" in err
