"""The namespace module and the ontology file define the same gb: terms."""

from __future__ import annotations

import re

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS

from graphbuilder.rdf.namespaces import GB, GB_IRI, PREFIXES, bind_prefixes
from graphbuilder.rdf.ontology import (
    entity_classes,
    implied_polarity,
    load_ontology,
    main_class_of,
)
from graphbuilder.records import (
    ENTITY_CLASSES,
    NEGATIVE_STANCE_TYPES,
    POSITIVE_STANCE_TYPES,
    RELATION_TYPES,
)


def _defined_in_ontology() -> set[str]:
    g = load_ontology()
    return {str(s)[len(GB_IRI) :] for s in g.subjects(RDF.type, None) if str(s).startswith(GB_IRI)}


def _module_terms() -> list[URIRef]:
    return [getattr(GB, name) for name in GB.__annotations__]


def test_namespace_and_ontology_define_the_same_terms():
    in_module = {str(t)[len(GB_IRI) :] for t in _module_terms()}
    assert in_module == _defined_in_ontology()


def test_every_term_has_label_and_comment():
    g = load_ontology()
    for t in _module_terms():
        assert g.value(t, RDFS.label) is not None, t
        assert g.value(t, RDFS.comment) is not None, t


def test_misspelled_term_fails():
    with pytest.raises(AttributeError):
        GB.leaderof  # noqa: B018


def test_vocabulary_contract_terms_defined(shared_dir):
    text = (shared_dir / "spec" / "vocabulary.md").read_text(encoding="utf-8")
    terms = set(re.findall(r"`gb:([A-Za-z]+)`", text))
    assert len(terms) > 30
    assert terms <= _defined_in_ontology()
    for prefix, iri in re.findall(r"\| `(\w+):`\s*\| `([^`]+)`", text):
        assert PREFIXES[prefix] == iri


def test_records_vocabularies_match_ontology():
    assert set(entity_classes()) == set(ENTITY_CLASSES)
    pol = implied_polarity()
    assert {k for k, v in pol.items() if v == "Positive"} == set(POSITIVE_STANCE_TYPES)
    assert {k for k, v in pol.items() if v == "Negative"} == set(NEGATIVE_STANCE_TYPES)
    g = load_ontology()
    for rel in RELATION_TYPES:
        assert (URIRef(GB_IRI + rel), RDF.type, OWL.ObjectProperty) in g


def test_subclasses_fall_under_their_entity_class():
    assert main_class_of("IntergovernmentalOrganization") == "Organization"
    assert main_class_of("City") == "Location"
    assert main_class_of("Country") == "Country"
    assert main_class_of("Stance") is None


def test_bind_prefixes_uses_contract_iris():
    from rdflib import Graph

    ns = dict(bind_prefixes(Graph()).namespaces())
    assert str(ns["schema"]) == "https://schema.org/"
    assert str(ns["gbr"]) == "https://w3id.org/graphbuilder/resource/"
