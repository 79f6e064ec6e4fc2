"""Pronoun coreference of :mod:`graphbuilder.resolve.coref` for "it"/"its": the subject of the
pronoun's clause or of a clause above it comes before the closest name, on sentences written
for the tests, through the real pipeline."""

from __future__ import annotations

from tests.helpers import run


def _pronoun_targets(doc) -> dict[str, set[str]]:
    ents = doc._.gb_entities
    out: dict[str, set[str]] = {}
    for m in doc._.gb_mentions:
        if m.kind == "pronoun":
            out.setdefault(m.text.lower(), set()).add(ents[m.entity].label)
    return out


def test_its_is_the_subject_of_the_governing_clause_not_the_closest_place(nlp):
    doc = run(nlp, "China told the delegates in Beijing that it would not accept the plan.")
    assert _pronoun_targets(doc)["it"] == {"China"}


def test_its_in_an_infinitive_is_bound_by_that_clause_subject(nlp):
    doc = run(nlp, "Britain pressed for Russia to use its influence on Syria.")
    assert _pronoun_targets(doc)["its"] == {"Russia"}


def test_its_after_a_place_phrase_is_the_subject(nlp):
    doc = run(nlp, "After talks in Ankara, Turkey said its army would stay in the region.")
    assert _pronoun_targets(doc)["its"] == {"Turkey"}


def test_an_object_it_is_not_its_own_clause_subject(nlp):
    # binding principle B: "requested it" cannot be the subject "France"; recency decides
    doc = run(nlp, "France welcomed the UN mission and requested it to monitor the vote.")
    assert "France" not in _pronoun_targets(doc).get("it", set())


def test_they_after_a_plural_phrase_is_the_actor_its_modifier_names(nlp):
    doc = run(nlp, "Iraqi forces retook Tikrit in March. They then moved north toward Mosul.")
    assert _pronoun_targets(doc)["they"] == {"Iraq"}


def test_they_prefers_the_subject_plural_phrase(nlp):
    doc = run(nlp, "Russian officials met Chinese diplomats in Moscow. They discussed trade.")
    assert _pronoun_targets(doc)["they"] == {"Russia"}


def test_they_after_a_singular_phrase_is_unresolved(nlp):
    # control: number agreement; "the Iraqi army" is singular, no plural phrase names an actor
    doc = run(nlp, "The Iraqi army retook Tikrit in March. They then moved north toward Mosul.")
    assert "they" not in _pronoun_targets(doc)
