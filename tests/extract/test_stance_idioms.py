"""Stance idioms and argument readings of government statements (issue 12, the re3d misses):
"stand shoulder to shoulder with", "apply pressure on", "at the hands of", a content clause
("welcomed the news that X ..."), each conjunct of "between X and Y" a side of its own.
Sentences written for the tests, each with a negated or control form."""

from __future__ import annotations

import pytest

from tests.helpers import run, stance_rows


def _found(nlp, text, **kw):
    """(holder, target, type, polarity) labels of the stances read from ``text``."""
    return [r[:4] for r in stance_rows(run(nlp, text, date="2024-01-01", **kw))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Canada stood shoulder to shoulder with Ukraine.", ("Canada", "Ukraine")),
        (
            "Poland continues to stand shoulder to shoulder with the people of Lithuania.",
            ("Poland", "Lithuania"),
        ),
    ],
)
def test_standing_shoulder_to_shoulder_with_x_supports_x(nlp, text, expected):
    assert (*expected, "Support", "Positive") in _found(nlp, text)


def test_shoulder_to_shoulder_negated_or_without_with_is_no_support(nlp):
    negated = _found(nlp, "Canada did not stand shoulder to shoulder with Ukraine.")
    assert ("Canada", "Ukraine", "Support", "Positive") not in negated
    assert (
        _found(nlp, "Soldiers of Canada stood shoulder to shoulder in the rain near Ukraine.") == []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany exerted pressure on Hungary to lift its veto.", ("Germany", "Hungary")),
        ("Sweden applied strong pressure to Serbia.", ("Sweden", "Serbia")),
        ("Japan put pressure on North Korea.", ("Japan", "North Korea")),
    ],
)
def test_pressure_on_x_opposes_x(nlp, text, expected):
    assert (*expected, "Opposition", "Negative") in _found(nlp, text)


def test_pressure_not_put_or_only_received_is_no_opposition(nlp):
    assert _found(nlp, "Germany did not put pressure on Hungary.") == []
    # the pressure a state comes under names no one it is put on
    assert _found(nlp, "Hungary came under pressure from Germany.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thousands of Kenyans were killed at the hands of al-Shabaab.", ("al-Shabaab", "Kenya")),
        ("Chad suffered greatly at the hands of Libya.", ("Libya", "Chad")),
        (
            "Serbia recalled Bosnia's suffering at the hands of NATO.",
            ("NATO", "Bosnia and Herzegovina"),
        ),
    ],
)
def test_harm_at_the_hands_of_x_is_xs_hostility_toward_the_sufferer(nlp, text, expected):
    assert (*expected, "Opposition", "Negative") in _found(nlp, text)


def test_other_hands_phrases_give_no_stance(nlp):
    assert _found(nlp, "The decision is now in the hands of Kenya.") == []
    assert _found(nlp, "The files fell into the hands of Uganda.") == []


def test_the_subject_of_a_content_clause_is_the_target(nlp):
    found = _found(nlp, "Kenya welcomed the news that Uganda had joined the talks in Nairobi.")
    assert ("Kenya", "Uganda", "Support", "Positive") in found
    assert not [s for s in found if s[1] == "Nairobi"], found


def test_a_relative_clause_on_the_noun_is_no_content_clause(nlp):
    found = _found(nlp, "Kenya welcomed the news that came from Uganda.")
    assert not [s for s in found if s[:2] == ("Kenya", "Uganda")], found


def test_each_conjunct_of_between_is_a_side(nlp):
    found = _found(
        nlp, "Cooperation between Kenya's government and the Ugandan authorities deepened."
    )
    assert ("Kenya", "Uganda", "Cooperation", "Positive") in found
    assert ("Uganda", "Kenya", "Cooperation", "Positive") in found


def test_between_with_one_side_only_gives_no_stance(nlp):
    assert _found(nlp, "Cooperation within the Kenyan government deepened.") == []


def test_a_place_naming_a_governing_body_holds_its_stance(nlp):
    found = _found(nlp, "The Donetsk authorities condemned Kyiv.")
    assert ("Donetsk", "Ukraine", "Condemnation", "Negative") in found
    found = _found(
        nlp, "Cooperation between the Iraqi government and the Kurdistan regional government grew."
    )
    assert ("Kurdistan", "Iraq", "Cooperation", "Positive") in found


def test_a_place_alone_or_its_residents_hold_no_stance(nlp):
    assert _found(nlp, "Donetsk condemned Kyiv.") == []
    assert _found(nlp, "Residents of Donetsk condemned Kyiv.") == []


def test_who_echoes_a_call_holds_it_too(nlp):
    found = _found(nlp, "Japan echoed Australia's call for sanctions against Iran.")
    assert ("Australia", "sanctions", "Proposal", "Positive") in found
    assert ("Japan", "sanctions", "Proposal", "Positive") in found


def test_a_call_only_noted_or_not_echoed_is_not_the_verbs_subjects(nlp):
    for text in (
        "Japan noted Australia's call for sanctions against Iran.",
        "Japan did not echo Australia's call for sanctions against Iran.",
    ):
        assert not [s for s in _found(nlp, text) if s[0] == "Japan"], text


def test_a_stance_toward_an_act_in_a_state_is_not_toward_the_state(nlp):
    found = _found(nlp, "Kenya condemned the bomb attacks in Somalia.")
    assert ("Kenya", "bomb attacks", "Condemnation", "Negative") in found
    assert not [s for s in found if s[1] == "Somalia"], found


def test_the_owner_of_an_act_in_a_state_stays_the_target(nlp):
    # control: the act's owner is named, so the stance is toward it
    found = _found(nlp, "Kenya condemned Somalia's attacks in Ethiopia.")
    assert ("Kenya", "Somalia", "Condemnation", "Negative") in found
