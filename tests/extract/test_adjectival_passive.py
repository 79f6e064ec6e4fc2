"""Adjective cues on participles parsed as passives ("X is opposed to Y"), on sentences written
for the tests, through the real pipeline: the passive subject holds the stance."""

from __future__ import annotations

import pytest

from tests.helpers import run


def _stances(nlp, text):
    doc = run(nlp, text, date="2024-01-01")
    ents = doc._.gb_entities
    return {
        (ents[s.holder].label, ents[s.target].label, s.stance_type, s.polarity)
        for s in doc._.gb_stances
    }


@pytest.mark.parametrize(
    "text",
    [
        "Chile is opposed to the plan of Peru.",
        "Chile is strongly opposed to Peruvian mediation.",
        "Chile, which is opposed to the Peruvian proposal, met Bolivia.",
    ],
)
def test_opposed_to_is_the_subjects_opposition(nlp, text):
    assert ("Chile", "Peru", "Opposition", "Negative") in _stances(nlp, text)


@pytest.mark.parametrize(
    "text",
    ["Chile is not opposed to the plan of Peru.", "Chile was never opposed to Peruvian mediation."],
)
def test_negated_opposed_to_states_no_opposition(nlp, text):
    assert not {s for s in _stances(nlp, text) if s[:2] == ("Chile", "Peru")}


def test_true_passive_keeps_its_by_agent(nlp):
    # control: "was opposed by Y" is Y's opposition, the subject is what is opposed
    got = _stances(nlp, "The plan of Peru was opposed by Chile.")
    assert ("Chile", "Peru", "Opposition", "Negative") in got
    assert not {s for s in got if s[0] == "Peru"}
