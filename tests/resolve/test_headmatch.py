"""Head-match coreference of actor descriptions (:mod:`graphbuilder.resolve.headmatch`), on
sentences written for the tests, through the real pipeline."""

from __future__ import annotations

from tests.helpers import run


def _stances(doc):
    ents = doc._.gb_entities
    return {(ents[s.holder].label, ents[s.target].label, s.polarity) for s in doc._.gb_stances}


def test_the_regime_is_the_earlier_regime_of_a_named_actor(nlp):
    text = (
        "Canada imposed sanctions on Lukashenko's regime in March. "
        "Norway then condemned the regime for the arrests."
    )
    doc = run(nlp, text, date="2024-01-01")
    assert ("Norway", "Alexander Lukashenko", "Negative") in _stances(doc)


def test_the_government_is_the_earlier_government_of_a_state(nlp):
    text = "The Peruvian government met Chile on Monday. Bolivia praised the government."
    doc = run(nlp, text, date="2024-01-01")
    assert ("Bolivia", "Peru", "Positive") in _stances(doc)


def test_the_government_without_an_earlier_government_is_unresolved(nlp):
    # control: no phrase with the same head before it, so no guess from a nearby state
    doc = run(nlp, "Peru met Chile on Monday. Bolivia praised the government.", date="2024-01-01")
    assert not any(h == "Bolivia" for h, _, _ in _stances(doc))


def test_a_description_with_its_own_modifier_is_not_a_head_match(nlp):
    # "the new government" adds a modifier: it may be another government
    text = "The Peruvian government met Chile on Monday. Bolivia praised the new government."
    doc = run(nlp, text, date="2024-01-01")
    assert ("Bolivia", "Peru", "Positive") not in _stances(doc)


def test_negated_stance_toward_the_regime(nlp):
    text = (
        "Canada imposed sanctions on Lukashenko's regime in March. "
        "Norway did not condemn the regime."
    )
    doc = run(nlp, text, date="2024-01-01")
    assert ("Norway", "Alexander Lukashenko", "Negative") not in _stances(doc)


def test_a_bare_title_is_the_person_named_with_it_before(nlp):
    text = (
        "Foreign Secretary James Cleverly arrived in Kyiv on Monday.\n\n"
        "The Foreign Secretary said:\n\nI strongly condemn Russia for the strikes on the city."
    )
    doc = run(nlp, text, date="2023-06-01")
    assert ("James Cleverly", "Russia", "Negative") in _stances(doc)
    titles = [m.text for m in doc._.gb_mentions if m.kind == "title"]
    assert "The Foreign Secretary" in titles


def test_a_bare_title_before_any_holder_is_unresolved(nlp):
    # control: no earlier mention with that title
    text = "The Foreign Secretary said:\n\nI strongly condemn Russia for the strikes on the city."
    doc = run(nlp, text, date="2023-06-01")
    assert "The Foreign Secretary" not in [m.text for m in doc._.gb_mentions]


def test_the_two_countries_are_the_conjoined_pair_before(nlp):
    text = "Mongolia and Nepal signed a trade pact on Monday. The two countries criticized India."
    found = _stances(run(nlp, text, date="2024-01-01"))
    assert {("Mongolia", "India", "Negative"), ("Nepal", "India", "Negative")} <= found


def test_both_sides_are_the_conjoined_pair_before(nlp):
    text = "Envoys of Mongolia and Nepal met on Monday. Both sides condemned India."
    found = _stances(run(nlp, text, date="2024-01-01"))
    assert {("Mongolia", "India", "Negative"), ("Nepal", "India", "Negative")} <= found


def test_the_two_countries_need_a_set_of_two(nlp):
    # control: three states named before, "the two countries" is left unresolved
    text = "Mongolia, Nepal and Bhutan met on Monday. The two countries criticized India."
    found = _stances(run(nlp, text, date="2024-01-01"))
    assert not any(t == "India" for _, t, _ in found)


def test_a_set_in_the_same_clause_is_not_the_antecedent(nlp):
    # control: "Mongolia and Nepal urged both parties" are not the parties
    doc = run(nlp, "Mongolia and Nepal urged both parties to stop the fighting.", date="2024-01-01")
    assert not any(m.text == "both parties" for m in doc._.gb_mentions)


def test_the_coalition_is_the_coalition_named_before(nlp):
    text = (
        "The Western Coalition for Sahel Security met in Dakar on Monday. "
        "On Friday, Mali criticized the coalition."
    )
    doc = run(nlp, text, date="2024-01-01")
    assert ("Mali", "Western Coalition for Sahel Security", "Negative") in _stances(doc)


def test_the_party_is_the_party_named_before(nlp):
    text = (
        "The Kurdistan Workers' Party attacked a base in March. "
        "Sweden condemned the party for the attack."
    )
    doc = run(nlp, text, date="2024-01-01")
    assert ("Sweden", "Kurdistan Workers' Party", "Negative") in _stances(doc)


def test_the_party_without_an_earlier_party_is_unresolved(nlp):
    # control: no phrase headed by "party" before it, so no guess from the organization named
    text = "NATO attacked a base in March. Sweden condemned the party for the attack."
    doc = run(nlp, text, date="2024-01-01")
    assert not any(h == "Sweden" and t == "NATO" for h, t, _ in _stances(doc))
