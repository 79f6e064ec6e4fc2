"""Unnamed groups named by where they are ("refugees in Lebanon", "civilians in Gaza"): a
population noun (CAMEO sectors civilians and refugees) with an "in" phrase naming a state or
place is a group entity of no state, kept only when a stance uses it. Sentences written for
the tests, through the real pipeline."""

from __future__ import annotations

from tests.helpers import run


def _groups(doc):
    return {e.label: e for e in doc._.gb_entities.values() if e.subclass == "SocialGroup"}


def _stances(doc):
    ents = doc._.gb_entities
    return {
        (ents[s.holder].label, ents[s.target].label, s.stance_type, s.polarity)
        for s in doc._.gb_stances
    }


def test_a_located_group_is_a_target_and_its_place_keeps_its_own_mention(nlp):
    doc = run(nlp, "Egypt sent aid to refugees in Lebanon.", date="2024-01-01")
    assert set(_groups(doc)) == {"refugees in Lebanon"}
    assert ("Egypt", "refugees in Lebanon", "Support", "Positive") in _stances(doc)
    assert "Lebanon" in {m.text for m in doc._.gb_mentions if m.entity == "country/LBN"}
    # the group is where it is, not of that state
    assert not [r for r in doc._.gb_relations if r.predicate == "affiliatedWith"]


def test_a_located_group_suffers_at_the_hands_of_x(nlp):
    doc = run(nlp, "Villagers in Mali suffered at the hands of Wagner.", date="2024-01-01")
    assert {s[1] for s in _stances(doc)} == {"Villagers in Mali"}


def test_a_located_group_without_a_stance_is_no_entity(nlp):
    doc = run(nlp, "Refugees in Lebanon waited for the rain to stop.", date="2024-01-01")
    assert _groups(doc) == {}


def test_places_and_bodies_in_a_place_are_no_group(nlp):
    # control: "towns" and "companies" name no population; the places stay the targets
    doc = run(nlp, "Kenya supported the liberation of towns in Somalia.", date="2024-01-01")
    assert _groups(doc) == {}
    doc = run(nlp, "Kenya sanctioned companies in Somalia.", date="2024-01-01")
    assert _groups(doc) == {}


def test_the_town_is_a_description_of_the_place_named_before(nlp):
    # "town" and "village" are descriptions of a place (descriptions.csv), like "the city"
    doc = run(nlp, "Troops entered Aleppo on Monday. Kenya praised the town.", date="2024-01-01")
    assert ("the town", "place/aleppo") in {(m.text, m.entity) for m in doc._.gb_mentions}
    doc = run(nlp, "Troops entered Aleppo on Monday. Kenya praised the plan.", date="2024-01-01")
    assert "place/aleppo" not in {s.target for s in doc._.gb_stances}
