"""Stances read from the parse: negation, passive, quotes, author opinion, pronouns."""

from __future__ import annotations

import pytest

from graphbuilder.extract.stances import extract_stances

M = [
    ("NATO", "org/nato", "Organization"),
    # the linker reads "Moscow" as the state where it acts (capital -> country metonymy)
    ("Moscow", "country/RUS", "Country"),
    ("France", "country/FRA", "Country"),
    ("Germany", "country/DEU", "Country"),
    ("Mali", "country/MLI", "Country"),
    ("Poland", "country/POL", "Country"),
    ("Russia", "country/RUS", "Country"),
    ("Turkey", "country/TUR", "Country"),
    ("Sweden", "country/SWE", "Country"),
    ("Hungary", "country/HUN", "Country"),
    ("Kazakhstan", "country/KAZ", "Country"),
    ("Tokayev", "person/tokayev", "Person"),
    ("Putin", "person/putin", "Person"),
    ("the UN", "org/un", "Organization"),
    ("UN", "org/un", "Organization"),
    ("the plan", "event/plan", "Event"),
]


def _one(stances):
    assert len(stances) == 1, stances
    return stances[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("France did not support NATO.", ("country/FRA", "org/nato", "Opposition", "Negative")),
        (
            "Germany would not send troops to Mali.",
            ("country/DEU", "country/MLI", "Refusal", "Negative"),
        ),
        ("Poland never backed the plan.", ("country/POL", "event/plan", "Opposition", "Negative")),
        ("Hungary refused to support NATO.", ("country/HUN", "org/nato", "Refusal", "Negative")),
    ],
)
def test_negation_flips_or_refuses(build, lexicons, text, expected):
    s = _one(extract_stances(build(text, M), lexicons))
    assert (s.holder, s.target, s.stance_type, s.polarity) == expected


@pytest.mark.parametrize(
    "text", ["Turkey no longer opposes Sweden.", "Hungary refused to condemn Russia."]
)
def test_negation_drops(build, lexicons, text):
    assert extract_stances(build(text, M), lexicons) == []


def test_negated_stance_has_lower_confidence(build, lexicons):
    plain = _one(extract_stances(build("France supports NATO.", M), lexicons))
    flipped = _one(extract_stances(build("France did not support NATO.", M), lexicons))
    assert flipped.confidence < plain.confidence


def test_hedged_and_conditional_lower_confidence(build, lexicons):
    plain = _one(extract_stances(build("Russia supports NATO.", M), lexicons))
    hedged = _one(extract_stances(build("Russia may support NATO.", M), lexicons))
    cond = _one(extract_stances(build("If France backs NATO, the plan fails.", M), lexicons))
    assert hedged.confidence < plain.confidence
    assert cond.confidence < plain.confidence


def test_passive_by_agent_is_holder(build, lexicons):
    s = _one(extract_stances(build("NATO was criticized by Moscow.", M), lexicons))
    assert (s.holder, s.target, s.stance_type) == ("country/RUS", "org/nato", "Criticism")
    # the author reports Moscow's criticism: not the author's own opinion
    assert s.attribution == "ReportedSpeech"


def test_quote_with_speaker_after(build, lexicons):
    doc = build("“We strongly condemn NATO,” said Tokayev.", M)
    s = _one(extract_stances(doc, lexicons))
    assert (s.holder, s.target, s.stance_type) == ("person/tokayev", "org/nato", "Condemnation")
    assert s.attribution == "DirectQuote"
    assert s.evidence.text == doc.text
    assert (s.evidence.char_start, s.evidence.char_end) == (0, len(doc.text))


def test_quote_with_speaker_in_next_paragraph(build, lexicons):
    text = "Officials met in May.\n\n“We condemn NATO.”\n\nTokayev said this in Astana."
    s = _one(extract_stances(build(text, M), lexicons))
    assert (s.holder, s.attribution) == ("person/tokayev", "DirectQuote")
    assert text[s.evidence.char_start : s.evidence.char_end] == s.evidence.text


def test_reported_speech(build, lexicons):
    doc = build("Tokayev announced that Kazakhstan would not send troops to Mali.", M)
    s = _one(extract_stances(doc, lexicons))
    assert (s.holder, s.target, s.stance_type) == ("country/KAZ", "country/MLI", "Refusal")
    assert s.attribution == "ReportedSpeech"


def test_author_opinion(build, lexicons):
    doc = build("This tone, set by Putin, is the only true one.", M, author="person/author")
    s = _one(extract_stances(doc, lexicons))
    assert (s.holder, s.target, s.stance_type, s.polarity) == (
        "person/author",
        "person/putin",
        "Praise",
        "Positive",
    )
    assert s.attribution == "AuthorOpinion"


def test_author_opinion_evaluative_predicate(build, lexicons):
    doc = build("Kazakhstan's position raises big questions.", M, author="person/author")
    s = _one(extract_stances(doc, lexicons))
    assert (s.holder, s.target, s.stance_type) == ("person/author", "country/KAZ", "Criticism")


def test_no_author_no_author_opinion(build, lexicons):
    assert extract_stances(build("Kazakhstan's position raises big questions.", M), lexicons) == []


def test_pronoun_target_resolved(build, lexicons):
    text = "NATO met in May. Tokayev criticized it."
    doc = build(text, M)
    it = next(t for t in doc if t.lower_ == "it")
    doc._.gb_token_entity = {**doc._.gb_token_entity, it.i: "org/nato"}
    s = _one(extract_stances(doc, lexicons))
    assert (s.holder, s.target, s.stance_type) == ("person/tokayev", "org/nato", "Criticism")


def test_two_sentences_both_kept(build, lexicons):
    text = "Kazakhstan criticized NATO in May. Later, Kazakhstan criticized NATO again."
    stances = extract_stances(build(text, M), lexicons)
    assert [(s.holder, s.target) for s in stances] == [("country/KAZ", "org/nato")] * 2
    assert stances[0].evidence.char_start == 0
    assert stances[1].evidence.text == "Later, Kazakhstan criticized NATO again."


def test_target_through_apposition_meaning(build, lexicons):
    text = "Putin complained that some NATO members, meaning Poland, are closing their airspace."
    s = _one(extract_stances(build(text, M), lexicons))
    assert (s.holder, s.target, s.stance_type) == ("person/putin", "country/POL", "Criticism")


def test_threat_is_speakers_concern(build, lexicons):
    text = (
        "“The activity of armed groups in Mali continues to threaten our security,” said Tokayev."
    )
    s = _one(extract_stances(build(text, M), lexicons))
    assert (s.holder, s.target, s.stance_type) == ("person/tokayev", "country/MLI", "Concern")


def test_relations_noun_with_evaluation(build, lexicons):
    s = _one(extract_stances(build("Hungary is in difficult relations with Sweden.", M), lexicons))
    assert (s.holder, s.target, s.stance_type) == ("country/HUN", "country/SWE", "Opposition")


def test_no_stance_toward_a_thing_that_is_no_act(build, lexicons):
    assert extract_stances(build("France supports the idea.", M), lexicons) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Turkey lodged a formal protest with Sweden on Friday.",
            ("country/TUR", "country/SWE", "Criticism", "Negative"),
        ),
        (
            "Poland protested against the plan.",
            ("country/POL", "event/plan", "Criticism", "Negative"),
        ),
        (
            "Hungary imposed new sanctions on Mali.",
            ("country/HUN", "country/MLI", "Opposition", "Negative"),
        ),
        (
            "France signed an agreement with Germany.",
            ("country/FRA", "country/DEU", "Cooperation", "Positive"),
        ),
    ],
)
def test_protest_sanction_and_agreement_cues(build, lexicons, text, expected):
    st = _one(extract_stances(build(text, M), lexicons))
    assert (st.holder, st.target, st.stance_type, st.polarity) == expected
