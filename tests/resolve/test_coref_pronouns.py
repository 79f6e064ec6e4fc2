"""Pronoun coreference of :mod:`graphbuilder.resolve.coref` on sentences written for the tests,
through the real pipeline: "it"/"its" take the subject of their clause or of a clause above it
before the closest name; a plural pronoun with no conjoined set or unnamed group takes the
actor a plural phrase's modifier names."""

from __future__ import annotations

import pytest

from tests.helpers import run


def _pronoun_targets(doc) -> dict[str, set[str]]:
    ents = doc._.gb_entities
    out: dict[str, set[str]] = {}
    for m in doc._.gb_mentions:
        if m.kind == "pronoun":
            out.setdefault(m.text.lower(), set()).add(ents[m.entity].label)
    return out


@pytest.mark.parametrize(
    ("text", "pronoun", "antecedent"),
    [
        # the subject of the governing clause, not the place named in between
        ("China told the delegates in Beijing that it would not accept the plan.", "it", "China"),
        # bound by the subject of its infinitive clause
        ("Britain pressed for Russia to use its influence on Syria.", "its", "Russia"),
        ("After talks in Ankara, Turkey said its army would stay in the region.", "its", "Turkey"),
        # the actor the modifier of the latest plural phrase names
        (
            "Iraqi forces retook Tikrit in March. They then moved north toward Mosul.",
            "they",
            "Iraq",
        ),
        # the subject's plural phrase before the object's
        (
            "Russian officials met Chinese diplomats in Moscow. They discussed trade.",
            "they",
            "Russia",
        ),
    ],
)
def test_pronoun_antecedent(nlp, text, pronoun, antecedent):
    assert _pronoun_targets(run(nlp, text))[pronoun] == {antecedent}


def test_an_object_it_is_not_its_own_clause_subject(nlp):
    # binding principle B: "requested it" cannot be the subject "France"; recency decides
    doc = run(nlp, "France welcomed the UN mission and requested it to monitor the vote.")
    assert "France" not in _pronoun_targets(doc).get("it", set())


def test_they_after_a_singular_phrase_is_unresolved(nlp):
    # control: number agreement; "the Iraqi army" is singular, no plural phrase names an actor
    doc = run(nlp, "The Iraqi army retook Tikrit in March. They then moved north toward Mosul.")
    assert "they" not in _pronoun_targets(doc)
