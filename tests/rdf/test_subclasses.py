"""The KB's entity subclasses and the ontology agree (scripts/gen_ontology_subclasses.py)."""

from __future__ import annotations

import csv

from rdflib import RDFS, URIRef

from graphbuilder.paths import kb_dir
from graphbuilder.rdf.namespaces import GB, GB_IRI
from graphbuilder.rdf.ontology import load_ontology, main_class_of


def test_every_kb_subclass_is_an_ontology_class_under_its_parent():
    ontology = load_ontology()
    with (kb_dir() / "subclasses.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 20
    for row in rows:
        node = URIRef(GB_IRI + row["subclass"])
        assert (node, RDFS.subClassOf, URIRef(GB_IRI + row["parent"])) in ontology, row
        assert main_class_of(row["subclass"]) == row["parent"]
        assert getattr(GB, row["subclass"]) == node
