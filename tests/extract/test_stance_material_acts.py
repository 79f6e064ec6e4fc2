"""Material political acts read as stances (issue 12, PLOVER categories COERCE, ASSAULT,
SANCTION, CONCEDE): measures imposed on or lifted in a place or people, arrests, detention and
assassination, with negated, refused and hedged forms. Sentences written for the tests."""

from __future__ import annotations

import pytest

from tests.helpers import run, stance_rows


def _found(nlp, text):
    """(holder, target, type, polarity, confidence) of the stances read from ``text``."""
    return [(*r[:4], r[5]) for r in stance_rows(run(nlp, text, date="2024-01-01"))]


def _four(nlp, text):
    return [s[:4] for s in _found(nlp, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CAMEO 172 impose administrative sanctions: the place or people it falls on
        (
            "Peru imposed a curfew in Bolivia after the riots.",
            ("Peru", "Bolivia", "Opposition", "Negative"),
        ),
        (
            "Ethiopia extended the state of emergency in Somalia.",
            ("Ethiopia", "Somalia", "Opposition", "Negative"),
        ),
        # CAMEO 081 / 085 easing them: a conciliatory act toward X
        (
            "Kenya lifted the curfew in Uganda on Friday.",
            ("Kenya", "Uganda", "Cooperation", "Positive"),
        ),
        (
            "Canada eased its sanctions on Venezuela.",
            ("Canada", "Venezuela", "Cooperation", "Positive"),
        ),
        # CAMEO 162 halting aid
        (
            "Norway halted its economic aid to Nicaragua.",
            ("Norway", "Nicaragua", "Opposition", "Negative"),
        ),
        # CAMEO 173 arrest / detain, 186 assassinate: material hostile acts
        (
            "Egyptian police arrested the opposition leader Ayman Nour.",
            ("Egypt", "Ayman Nour", "Opposition", "Negative"),
        ),
        (
            "Hamas militants tried to assassinate Mahmoud Abbas.",
            ("Hamas", "Mahmoud Abbas", "Opposition", "Negative"),
        ),
    ],
)
def test_material_acts(nlp, text, expected):
    assert expected in _four(nlp, text)


def test_refusing_to_lift_a_measure_is_refusal(nlp):
    found = _four(nlp, "Chile refused to lift the ban on Argentina.")
    assert ("Chile", "Argentina", "Refusal", "Negative") in found
    assert not any(s[2] == "Cooperation" for s in found)


def test_a_measure_not_imposed_is_no_opposition(nlp):
    found = _four(nlp, "Peru did not impose a curfew in Bolivia.")
    assert not any(s[:2] == ("Peru", "Bolivia") and s[3] == "Negative" for s in found)


def test_a_hedged_measure_has_lower_confidence(nlp):
    plain = [s for s in _found(nlp, "Peru imposed a curfew in Bolivia.") if s[1] == "Bolivia"]
    hedged = [s for s in _found(nlp, "Peru may impose a curfew in Bolivia.") if s[1] == "Bolivia"]
    assert plain and hedged
    assert hedged[0][2:4] == ("Opposition", "Negative")
    assert hedged[0][4] < plain[0][4]


def test_a_date_after_the_measure_is_no_target(nlp):
    found = _four(nlp, "Kenya lifted the curfew on Friday.")
    assert not found


def test_an_arrest_not_made_is_no_opposition(nlp):
    found = _four(nlp, "Egyptian police did not arrest the opposition leader Ayman Nour.")
    assert not any(s[:2] == ("Egypt", "Ayman Nour") and s[3] == "Negative" for s in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # aid nouns (CAMEO 07) through light verbs, a noun-phrase dative, aspectual "continue"
        ("Sweden gave Tanzania millions of dollars in aid.", ("Sweden", "Tanzania", "Support")),
        ("Norway promised to continue its aid to Malawi.", ("Norway", "Malawi", "Support")),
        # a mediator cooperates with each side (CAMEO 045); hosting talks (CAMEO 043)
        (
            "Qatar launched a mediation effort between Chad and Sudan.",
            ("Qatar", "Chad", "Cooperation"),
        ),
        (
            "Qatar launched a mediation effort between Chad and Sudan.",
            ("Qatar", "Sudan", "Cooperation"),
        ),
        ("Egypt hosted talks between Israel and Hamas.", ("Egypt", "Hamas", "Cooperation")),
        # threats: the subject of the condition, the recipient of the threatened act
        (
            "Iran threatened to leave the talks unless France lifts its sanctions.",
            ("Iran", "France", "Opposition"),
        ),
        ("Iran threatened to fire missiles at Israel.", ("Iran", "Israel", "Opposition")),
        (
            "Vladimir Putin's Wagner group threatened to deliver heavy blows to Mali.",
            ("Wagner Group", "Mali", "Opposition"),
        ),
    ],
)
def test_act_nouns_and_threats(nlp, text, expected):
    assert expected in [s[:3] for s in _four(nlp, text)]


def test_refused_hosting_is_refusal(nlp):
    found = _four(nlp, "Egypt refused to host talks between Israel and Hamas.")
    assert ("Egypt", "Hamas", "Refusal", "Negative") in found
    assert not any(s[2] == "Cooperation" for s in found)


def test_aid_not_continued_is_no_support(nlp):
    found = _four(nlp, "Norway did not continue its aid to Malawi.")
    assert not any(s[3] == "Positive" for s in found)


def test_a_hedged_threat_has_lower_confidence(nlp):
    plain = [
        s for s in _found(nlp, "Iran threatened to fire missiles at Israel.") if s[1] == "Israel"
    ]
    hedged = [
        s for s in _found(nlp, "Iran may threaten to fire missiles at Israel.") if s[1] == "Israel"
    ]
    assert plain and hedged and hedged[0][4] < plain[0][4]


def test_a_threat_on_a_condition_of_the_speaker_has_no_such_target(nlp):
    found = _four(nlp, "Iran threatened to leave the talks if it is attacked.")
    assert all(s[0] != s[1] for s in found)
    assert not any(s[1] == "Iran" for s in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a request noun belongs to whoever asks ("a demand from X")
        ("Chile rejected a demand from Bolivia.", ("Chile", "Bolivia", "Opposition", "Negative")),
        # commitment cues of yielding: a stance only when negated or refused
        (
            "Chile refused to respond to a demand from Bolivia.",
            ("Chile", "Bolivia", "Refusal", "Negative"),
        ),
        (
            "Chile did not comply with the demands of Bolivia.",
            ("Chile", "Bolivia", "Refusal", "Negative"),
        ),
        # CAMEO 072 arms, 064 intelligence sharing
        ("Iran sent arms to Yemen.", ("Iran", "Yemen", "Support", "Positive")),
        (
            "Jordan shared intelligence with Egypt.",
            ("Jordan", "Egypt", "Cooperation", "Positive"),
        ),
    ],
)
def test_requests_arms_and_information(nlp, text, expected):
    assert expected in _four(nlp, text)


def test_responding_to_a_demand_is_no_stance(nlp):
    assert not _four(nlp, "Chile responded to a demand from Bolivia.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CAMEO 19 fight: bombing, shelling, raids on what belongs to X
        (
            "Russian jets bombed rebel positions held by Shamil Basayev.",
            ("Russia", "Shamil Basayev", "Opposition", "Negative"),
        ),
        (
            "Israel shelled Hezbollah positions in southern Lebanon.",
            ("Israel", "Hezbollah", "Opposition", "Negative"),
        ),
    ],
)
def test_armed_attacks(nlp, text, expected):
    assert expected in _four(nlp, text)


def test_an_attack_not_made_is_no_stance(nlp):
    found = _four(nlp, "Israel did not shell Hezbollah positions in southern Lebanon.")
    assert not any(s[:2] == ("Israel", "Hezbollah") and s[3] == "Negative" for s in found)


def test_closing_a_border_with_x_opposes_x(nlp):
    assert ("Russia", "Georgia", "Opposition", "Negative") in _four(
        nlp, "Russia closed its border with Georgia after the clashes."
    )
    assert ("Kenya", "Somalia", "Cooperation", "Positive") in _four(
        nlp, "Kenya reopened its border with Somalia."
    )
    assert not _four(nlp, "Kenya did not close its border with Somalia.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CAMEO 042 visit: a visit to a capital is a visit to its state
        (
            "Narendra Modi visited Tokyo on Monday.",
            ("Narendra Modi", "Japan", "Cooperation", "Positive"),
        ),
        # CAMEO 16: stopping a positive act toward X opposes X
        (
            "Japan suspended its cooperation with Russia.",
            ("Japan", "Russia", "Opposition", "Negative"),
        ),
        (
            "Austria may halt its mediation efforts among Bosnia's parties.",
            ("Austria", "Bosnia and Herzegovina", "Opposition", "Negative"),
        ),
        # summoning an ambassador is a diplomatic protest
        (
            "Poland summoned the Belarusian ambassador Alexander Lukashevich.",
            ("Poland", "Alexander Lukashevich", "Criticism", "Negative"),
        ),
    ],
)
def test_contacts_halts_and_protests(nlp, text, expected):
    assert expected in _four(nlp, text)


def test_a_visit_not_made_is_no_stance_but_a_refused_one_is(nlp):
    assert not _four(nlp, "Narendra Modi did not visit Tokyo.")
    assert ("Narendra Modi", "Japan", "Refusal", "Negative") in _four(
        nlp, "Narendra Modi refused to visit Tokyo."
    )


def test_cooperation_not_suspended_is_no_stance(nlp):
    found = _four(nlp, "Japan did not suspend its cooperation with Russia.")
    assert not any(s[3] == "Negative" for s in found)


def test_aid_released_is_support(nlp):
    assert ("Japan", "Sudan", "Support", "Positive") in _four(nlp, "Japan released aid to Sudan.")


def test_partitives_easing_measures_and_demands_from_groups(nlp):
    assert ("Japan", "Sudan", "Opposition", "Negative") in _four(
        nlp, "Japan halted part of its aid to Sudan."
    )
    assert ("Kenya", "Uganda", "Cooperation", "Positive") in _four(
        nlp, "Kenya eased the emergency measures in Uganda."
    )
    assert not any(
        s[3] == "Positive"
        for s in _four(nlp, "Kenya did not ease the emergency measures in Uganda.")
    )


def test_conceding_to_demands_and_opening_fire(nlp):
    assert ("Angola", "UNITA", "Cooperation", "Positive") in [
        (a, "UNITA" if "unita" in b.lower() else b, c, d)
        for a, b, c, d in _four(
            nlp, "Angola conceded to demands from UNITA to overhaul the courts."
        )
    ]
    found = _four(nlp, "Indian troops opened fire on positions held by Lashkar-e-Taiba.")
    assert any(s[0] == "India" and s[2:] == ("Opposition", "Negative") for s in found)
    assert not _four(nlp, "Indian troops did not open fire on Lashkar-e-Taiba.")


def test_overthrow_opposes_the_government_overthrown(nlp):
    doc = run(nlp, "Bolivian rebels tried to overthrow the government of Chile.", date="2024-01-01")
    ents = doc._.gb_entities
    got = {(ents[s.target].label, s.stance_type, s.polarity) for s in doc._.gb_stances}
    assert ("Chile", "Opposition", "Negative") in got


def test_not_overthrowing_is_no_opposition(nlp):
    doc = run(nlp, "Peru did not try to overthrow the government of Chile.", date="2024-01-01")
    assert not [s for s in doc._.gb_stances if s.polarity == "Negative"]


def test_demonym_before_officers_is_the_state(nlp):
    doc = run(nlp, "Peru granted asylum to two Bolivian army officers.", date="2024-01-01")
    ents = doc._.gb_entities
    got = {(ents[s.holder].label, ents[s.target].label, s.polarity) for s in doc._.gb_stances}
    assert ("Peru", "Bolivia", "Positive") in got


def test_beat_up_is_an_assault(nlp):
    doc = run(nlp, "Ugandan police beat up Kenyan protesters.", date="2024-01-01")
    ents = doc._.gb_entities
    got = {(ents[s.holder].label, ents[s.target].label, s.polarity) for s in doc._.gb_stances}
    assert ("Uganda", "Kenyan protesters", "Negative") in got


def test_negated_beat_up_and_bare_beat_are_no_stance(nlp):
    assert not run(nlp, "Ugandan police did not beat up Kenyan protesters.")._.gb_stances
    # control: the bare verb of winning
    assert not run(nlp, "Kenya beat Uganda in the final on Sunday.")._.gb_stances


def test_hostile_act_targets_the_object_of_its_purpose(nlp):
    doc = run(nlp, "Kenyan police opened fire to disperse Ugandan farmers.", date="2024-01-01")
    ents = doc._.gb_entities
    got = {(ents[s.holder].label, ents[s.target].label, s.polarity) for s in doc._.gb_stances}
    assert ("Kenya", "Ugandan farmers", "Negative") in got


def test_purpose_of_protecting_is_no_hostile_target(nlp):
    # control: "to protect Y" names whom the act is for; negated: no stance
    doc = run(nlp, "Kenyan troops opened fire to protect Ugandan farmers.", date="2024-01-01")
    assert not [s for s in doc._.gb_stances if s.polarity == "Negative"]
    doc = run(nlp, "Kenyan police did not open fire to disperse Ugandan farmers.")
    assert not doc._.gb_stances
