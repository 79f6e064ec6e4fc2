"""A demonym before a noun of an act stands for its state; acronyms defined in parentheses with
letters out of the name's word order (:mod:`graphbuilder.resolve.linking`), on sentences
written for the tests, through the real pipeline."""

from __future__ import annotations

from tests.helpers import run


def _labels(doc):
    return {e.label for e in doc._.gb_entities.values()}


def _stances(doc):
    ents = doc._.gb_entities
    return {(ents[s.holder].label, ents[s.target].label, s.polarity) for s in doc._.gb_stances}


def test_demonym_before_an_act_noun_is_the_acts_agent(nlp):
    text = "Norway welcomed Brazilian mediation between the two parties."
    doc = run(nlp, text, date="2024-01-01")
    assert "Brazil" in _labels(doc)
    assert ("Norway", "Brazil", "Positive") in _stances(doc)


def test_demonym_before_a_noun_cue_holds_the_stance(nlp):
    doc = run(nlp, "Mexican support for Cuba worried Washington.", date="2024-01-01")
    assert ("Mexico", "Cuba", "Positive") in _stances(doc)


def test_negated_act_toward_a_demonym_owner(nlp):
    doc = run(nlp, "Norway did not welcome Brazilian mediation.", date="2024-01-01")
    assert ("Norway", "Brazil", "Positive") not in _stances(doc)


def test_demonym_before_other_nouns_names_no_state(nlp):
    # control: a language, a cuisine or a statement of saying is no act of the state
    doc = run(nlp, "Norway praised Brazilian cuisine and Portuguese music.", date="2024-01-01")
    assert not {"Brazil", "Portugal"} & _labels(doc)


def test_acronym_of_a_translated_name_is_the_name(nlp):
    text = (
        "The Revolutionary Armed Forces of Colombia (FARC) rejected the plan. "
        "Ecuador later criticized the FARC."
    )
    doc = run(nlp, text, date="2024-01-01")
    farc = [e for e in doc._.gb_entities.values() if e.label.startswith("Revolutionary")]
    assert len(farc) == 1
    assert ("Ecuador", farc[0].label, "Negative") in _stances(doc)
    assert "FARC" not in _labels(doc)


def test_acronym_with_a_function_word_letter(nlp):
    text = "The Union of Farmers of Orania (UFOO) condemned Kenya. Uganda praised the UFOO."
    doc = run(nlp, text, date="2024-01-01")
    assert "UFOO" not in _labels(doc)
    assert ("Uganda", "Union of Farmers of Orania", "Positive") in _stances(doc)


def test_acronym_with_other_letters_is_not_the_name(nlp):
    # control: "(UNICEF)" after another organization's name defines no acronym of it
    text = "The United Nations Development Programme (UNICEF) praised Kenya."
    doc = run(nlp, text, date="2024-01-01")
    assert "UNICEF" in _labels(doc)
