"""IRIs are deterministic, distinct and valid for any Unicode input."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from graphbuilder.rdf.iris import (
    document_iri,
    entity_iri,
    graph_iri,
    kb_entry_iri,
    slugify,
    stance_iri,
    statement_iri,
)
from graphbuilder.rdf.namespaces import GBR_IRI, bind_prefixes

_IRI_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_/:.#")


def _round_trips(iri: URIRef) -> None:
    assert set(str(iri)) <= _IRI_SAFE, iri
    g = bind_prefixes(Graph())
    g.add((iri, RDFS.label, Literal("x")))
    for fmt, ox_fmt in (
        ("nt", ox.RdfFormat.N_TRIPLES),
        ("longturtle", ox.RdfFormat.TURTLE),
        ("turtle", ox.RdfFormat.TURTLE),
    ):
        data = g.serialize(format=fmt, encoding="utf-8")
        back = Graph().parse(data=data, format="nt" if fmt == "nt" else "turtle")
        assert set(back) == set(g)
        triples = list(ox.parse(data, format=ox_fmt))
        assert triples[0].subject.value == str(iri)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80), st.one_of(st.none(), st.text(max_size=12)))
def test_entity_iri_valid_for_any_text(key, qid):
    iri = entity_iri(key, qid)
    assert str(iri).startswith(GBR_IRI)
    assert iri == entity_iri(key, qid)
    _round_trips(iri)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40), st.integers(0, 10**6))
def test_other_iris_valid_for_any_text(a, b, n):
    for iri in (
        document_iri(a),
        graph_iri(a),
        kb_entry_iri(a),
        stance_iri(a, b, "Criticism", "Negative", a, n, n + 1),
        statement_iri(a, "leaderOf", b, a, n, n + 1),
    ):
        _round_trips(iri)


def test_qid_iris_and_slugs():
    assert str(entity_iri("country/KAZ", "Q232")) == GBR_IRI + "Q232"
    assert str(entity_iri("country/KAZ", "not a qid")).startswith(GBR_IRI + "country-kaz-")
    assert slugify("Zürich / Genève") == "zurich-geneve"
    assert slugify("U.S.") == "u-s"
    assert slugify("") == "x"


def test_keys_that_slug_alike_stay_apart():
    keys = ["Georgia (country)", "Georgia country", "georgia-country", "GEORGIA (COUNTRY)"]
    iris = {entity_iri(k) for k in keys}
    assert len(iris) == len(keys)


def test_document_iri_keeps_plain_ids():
    assert str(document_iri("0123456789abcdef")) == GBR_IRI + "document/0123456789abcdef"
    assert graph_iri("0123456789abcdef") != document_iri("0123456789abcdef")
    assert "/../" not in str(document_iri("../etc/passwd"))


def test_stance_iri_is_content_hash():
    a = stance_iri("h", "t", "Criticism", "Negative", "d", 0, 10)
    assert a == stance_iri("h", "t", "Criticism", "Negative", "d", 0, 10)
    assert a != stance_iri("h", "t", "Criticism", "Negative", "d", 0, 11)
    assert a != stance_iri("t", "h", "Criticism", "Negative", "d", 0, 10)
