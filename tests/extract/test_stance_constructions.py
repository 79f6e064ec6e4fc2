"""Stance constructions of issue 12, read with the real pipeline on sentences written for the
tests: holder, target, type, polarity and attribution, with negated and hedged forms."""

from __future__ import annotations

import pytest

from tests.helpers import run, stance_rows


def _stances(nlp, text):
    doc = run(nlp, text, date="2024-01-01")
    return stance_rows(doc), doc


def _found(nlp, text):
    """(holder, target, type, polarity) of the stances read from ``text``."""
    return [s[:4] for s in _stances(nlp, text)[0]]


CASES = [
    # capitals stand for their states when they hold or receive a stance
    ("Ankara condemned Athens on Monday.", ("Turkey", "Greece", "Condemnation", "Negative")),
    (
        "Tokyo imposed new sanctions on Pyongyang.",
        ("Japan", "North Korea", "Opposition", "Negative"),
    ),
    # appeals: call on / urge X to stop -> criticism of X; to act -> proposal to X
    (
        "Austria called on Serbia to withdraw its police.",
        ("Austria", "Serbia", "Criticism", "Negative"),
    ),
    ("Norway urged Chile not to expand the mine.", ("Norway", "Chile", "Criticism", "Negative")),
    ("Canada urged Mexico to join the talks.", ("Canada", "Mexico", "Proposal", "Positive")),
    # object and purpose infinitives, infinitives on nouns
    (
        "Peru moved a resolution to condemn Bolivia.",
        ("Peru", "Bolivia", "Condemnation", "Negative"),
    ),
    ("Ghana became the first state to support Togo.", ("Ghana", "Togo", "Support", "Positive")),
    (
        "Hungary announced its decision to withdraw from the treaty.",
        ("Hungary", "treaty", "Refusal", "Negative"),
    ),
    # noun predicates: in support of, in favour of, light verbs with their preposition
    ("Kenya spoke up in support of Uganda.", ("Kenya", "Uganda", "Support", "Positive")),
    ("Chile voted in favour of Peru.", ("Chile", "Peru", "Support", "Positive")),
    ("Egypt gave its backing to Sudan.", ("Egypt", "Sudan", "Support", "Positive")),
    # adjective predicate, CAMEO-derived verbs, multiword verbs
    ("Sweden was sharply critical of Hungary.", ("Sweden", "Hungary", "Criticism", "Negative")),
    ("Poland lambasted Belarus.", ("Poland", "Belarus", "Criticism", "Negative")),
    ("Italy sided with Spain.", ("Italy", "Spain", "Support", "Positive")),
    ("Latvia voted against Russia.", ("Latvia", "Russia", "Opposition", "Negative")),
    # passive with a conjoined by-agent
    ("Nepal was praised by India and China.", ("India", "Nepal", "Praise", "Positive")),
    # a target that is an act becomes an event
    ("Israel rejected the ceasefire plan.", ("Israel", "ceasefire plan", "Opposition", "Negative")),
    # an embedded cue of the other polarity is read by its governor
    ("France opposed ratifying the treaty.", ("France", "treaty", "Opposition", "Negative")),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_construction(nlp, text, expected):
    stances, _ = _stances(nlp, text)
    assert expected in [s[:4] for s in stances], stances
    assert all(s[4] == "ReportedSpeech" for s in stances if s[:4] == expected)


NEGATED = [
    "Austria did not call on Serbia to withdraw its police.",
    "Sweden was not critical of Hungary.",
    "Kenya did not speak up in support of Uganda.",
    "Hungary refused to lambaste Belarus.",
]


@pytest.mark.parametrize("text", NEGATED)
def test_negated_forms_state_no_positive_or_original_stance(nlp, text):
    stances, _ = _stances(nlp, text)
    originals = {c[1][2:4] for c in CASES}
    # a negated criticism is no stance; a negated support is at most an opposition
    assert not [
        s for s in stances if s[2:4] in originals and s[3] == "Negative" and "critic" in text
    ]
    for s in stances:
        assert (s[2], s[3]) not in {("Support", "Positive"), ("Criticism", "Negative")}, s


@pytest.mark.parametrize(
    ("plain", "hedged"),
    [
        ("Tokyo condemned Pyongyang.", "Tokyo may condemn Pyongyang."),
        ("Poland lambasted Belarus.", "Poland reportedly lambasted Belarus."),
    ],
)
def test_hedged_forms_lower_confidence(nlp, plain, hedged):
    (p, *_), _ = _stances(nlp, plain)
    (h, *_), _ = _stances(nlp, hedged)
    assert p[:4] == h[:4]
    assert h[5] < p[5]


@pytest.mark.parametrize(
    "text",
    [
        "Leaders met in Beijing on Monday.",
        "The summit was held in Ankara.",
        "Putin criticized the plan in Moscow.",
    ],
)
def test_place_reading_control(nlp, text):
    """A capital that holds or receives no stance stays a place, and no state is added."""
    stances, doc = _stances(nlp, text)
    classes = {e.label: e.cls for e in doc._.gb_entities.values()}
    assert "Country" not in classes.values(), classes
    assert all(s[1] not in ("China", "Turkey", "Russia") for s in stances)


def test_confidence_factor_of_cameo_cues(nlp):
    """A curated cue keeps the agent confidence; a CAMEO block cue is scaled by its factor."""
    (curated, *_), _ = _stances(nlp, "Poland criticized Belarus.")
    (derived, *_), _ = _stances(nlp, "Poland lambasted Belarus.")
    assert curated[5] == pytest.approx(0.85)
    assert derived[5] < curated[5]


MORE = [
    # conjoined sides of a conflict or cooperation: each toward the other
    ("Peru and Chile have fought two wars.", ("Chile", "Peru", "Opposition", "Negative")),
    # each conjoined speaker holds a reported stance
    (
        "Spain, Italy and Greece said Turkey's latest demand raises serious doubts.",
        ("Greece", "Turkey", "Concern", "Negative"),
    ),
    # a possessor read through its entity modifier
    (
        "The NATO members' concerns over Belarus grew.",
        ("NATO", "Belarus", "Concern", "Negative"),
    ),
    # adjectives of readiness: their complement is the stance, refused when negated
    ("Spain is ready to support Portugal.", ("Spain", "Portugal", "Support", "Positive")),
    ("Spain is not ready to support Portugal.", ("Spain", "Portugal", "Refusal", "Negative")),
    ("Spain was unwilling to back Portugal.", ("Spain", "Portugal", "Refusal", "Negative")),
    # a cue inside a refusal noun is read by the noun
    (
        "Serbia's refusal to recognise Kosovo angered Albania.",
        ("Serbia", "Kosovo", "Refusal", "Negative"),
    ),
    # a diplomatic protest noun under a light verb, its target on the verb
    ("India made strong demarches to Nepal.", ("India", "Nepal", "Criticism", "Negative")),
]


@pytest.mark.parametrize(("text", "expected"), MORE, ids=[c[0][:40] for c in MORE])
def test_more_constructions(nlp, text, expected):
    stances, _ = _stances(nlp, text)
    assert expected in [s[:4] for s in stances], stances


def test_reciprocal_only_without_another_target(nlp):
    stances, _ = _stances(nlp, "Peru and Chile oppose the plan.")
    assert {s[:2] for s in stances} == {("Peru", "plan"), ("Chile", "plan")}


def test_definite_description_and_demonstrative_refer_to_the_event_named_before(nlp):
    text = (
        "Ghana and Togo signed the Accra peace agreement on Monday. "
        "Nigeria welcomed the landmark agreement. Benin firmly opposes this."
    )
    stances, doc = _stances(nlp, text)
    targets = {s[0]: s[1] for s in stances}
    assert targets["Nigeria"] == targets["Benin"]
    events = [e for e in doc._.gb_entities.values() if e.cls == "Event"]
    assert len(events) == 1, events


def test_event_label_keeps_hyphenated_modifiers_and_an_alias_without_adjectives(nlp):
    stances, doc = _stances(nlp, "Japan called for a full peace treaty and the six-party talks.")
    labels = {e.label: e for e in doc._.gb_entities.values() if e.cls == "Event"}
    assert "full peace treaty" in labels
    assert "peace treaty" in labels["full peace treaty"].aliases


def test_what_an_appeal_asks_is_not_the_addressees_stance(nlp):
    stances, _ = _stances(nlp, "Brazil urged France to support the Mercosur agreement.")
    assert ("Brazil", "France", "Proposal", "Positive") in [s[:4] for s in stances]
    assert not [s for s in stances if s[0] == "France"], stances


def test_statement_participle_is_the_issuers_stance(nlp):
    assert ("Norway", "Belarus", "Condemnation", "Negative") in _found(
        nlp, "Norway issued a statement condemning Belarus."
    )


def test_no_stance_toward_the_holders_own_state(nlp):
    text = "Israeli Prime Minister Benjamin Netanyahu hailed an Israel-Egypt deal."
    stances, _ = _stances(nlp, text)
    assert not [s for s in stances if s[:2] == ("Benjamin Netanyahu", "Israel")], stances


def test_optimism_about_an_act_is_support(nlp):
    assert ("Kenya", "ceasefire plan", "Support", "Positive") in _found(
        nlp, "Kenya expressed optimism about the ceasefire plan."
    )


def test_pronoun_of_a_reported_clause_is_the_reporter(nlp):
    text = (
        "Vladimir Putin spoke on Monday. The plan stalled after Viktor Orban said he would not "
        "back the proposal."
    )
    stances, _ = _stances(nlp, text)
    assert [s[:2] for s in stances if s[1] == "proposal"] == [("Viktor Orbán", "proposal")]


def test_the_cues_own_preposition_names_the_target(nlp):
    stances, _ = _stances(nlp, "Trump withdrew the US from the WHO.")
    assert ("Donald Trump", "World Health Organization", "Refusal", "Negative") in [
        s[:4] for s in stances
    ]


def test_subject_climbs_from_a_noun_clause(nlp):
    stances, _ = _stances(nlp, "Mali began a process of withdrawing from ECOWAS.")
    assert [s[:3] for s in stances][:1] == [
        ("Mali", "Economic Community of West African States", "Refusal")
    ]


def test_conjoined_passive_borrows_the_first_verbs_subject(nlp):
    stances, _ = _stances(nlp, "Ghana was criticized by Togo and was praised by Benin.")
    got = [s[:4] for s in stances]
    assert ("Togo", "Ghana", "Criticism", "Negative") in got
    assert ("Benin", "Ghana", "Praise", "Positive") in got


def test_threat_by_an_institution_is_its_states(nlp):
    stances, _ = _stances(
        nlp, "The Azerbaijani parliament threatened to break relations with Russia."
    )
    assert ("Azerbaijan", "Russia", "Opposition", "Negative") in [s[:4] for s in stances]


def test_quote_target_from_said_of(nlp):
    text = (
        '"We reject any interference in our internal affairs," Russian Foreign Ministry '
        "spokeswoman Maria Zakharova said of the NATO communique."
    )
    stances, _ = _stances(nlp, text)
    got = [s for s in stances if s[1] == "NATO"]
    assert got and got[0][2:5] == ("Opposition", "Negative", "DirectQuote"), stances


def test_an_evaluation_in_a_quote_judges_what_it_is_said_of(nlp):
    text = '"This is irresponsible," Chilean President Gabriel Boric said of Peru\'s decision.'
    stances, _ = _stances(nlp, text)
    assert ("Gabriel Boric", "Peru", "Criticism", "Negative", "DirectQuote") in [
        s[:5] for s in stances
    ]
    negated = '"This is not irresponsible," Chilean President Gabriel Boric said of Peru\'s plan.'
    assert _found(nlp, negated) == []


# negated and hedged forms of the constructions above: a negated cue gives no stance of its
# own type and polarity; a hedged one gives the same stance with a lower confidence
VARIANTS = [
    (
        "Ankara condemned Athens on Monday.",
        "Ankara did not condemn Athens.",
        "Ankara may condemn Athens.",
    ),
    (
        "Austria called on Serbia to withdraw its police.",
        "Austria did not call on Serbia to withdraw its police.",
        "Austria reportedly called on Serbia to withdraw its police.",
    ),
    (
        "Peru moved a resolution to condemn Bolivia.",
        "Peru did not move a resolution to condemn Bolivia.",
        "Peru may move a resolution to condemn Bolivia.",
    ),
    (
        "Ghana became the first state to support Togo.",
        "Ghana refused to support Togo.",
        "Ghana apparently became the first state to support Togo.",
    ),
    (
        "Italy sided with Spain.",
        "Italy never sided with Spain.",
        "Italy reportedly sided with Spain.",
    ),
    (
        "Nepal was praised by India and China.",
        "Nepal was not praised by India and China.",
        "Nepal was reportedly praised by India and China.",
    ),
    (
        "Israel rejected the ceasefire plan.",
        "Israel did not reject the ceasefire plan.",
        "Israel may reject the ceasefire plan.",
    ),
    (
        "Kenya expressed optimism about the ceasefire plan.",
        "Kenya expressed no optimism about the ceasefire plan.",
        "Kenya reportedly expressed optimism about the ceasefire plan.",
    ),
]


@pytest.mark.parametrize(
    ("plain", "negated", "hedged"), VARIANTS, ids=[v[0][:30] for v in VARIANTS]
)
def test_negated_and_hedged_variants(nlp, plain, negated, hedged):
    base, _ = _stances(nlp, plain)
    assert base, plain
    b = base[0]
    neg, _ = _stances(nlp, negated)
    assert not [s for s in neg if s[:4] == b[:4]], neg
    hed, _ = _stances(nlp, hedged)
    same = [s for s in hed if s[:4] == b[:4]]
    assert same and same[0][5] < b[5], (hed, b)


def test_impersonal_necessity_in_reported_speech_is_a_proposal(nlp):
    text = "Brazil and Chile argued that it was important to seek a dialogue with Venezuela."
    stances, _ = _stances(nlp, text)
    got = {s[:4] for s in stances}
    assert ("Brazil", "Venezuela", "Proposal", "Positive") in got
    assert ("Chile", "Venezuela", "Proposal", "Positive") in got


def test_object_pronoun_is_not_its_clauses_subject(nlp):
    text = "Emmanuel Macron told Olaf Scholz that he plans to welcome him in Paris."
    assert ("Emmanuel Macron", "Olaf Scholz", "Support", "Positive") in _found(nlp, text)


def test_sending_aid_is_support_sending_troops_is_not(nlp):
    assert ("Japan", "Nepal", "Support", "Positive") in _found(nlp, "Japan sent aid to Nepal.")
    troops, _ = _stances(nlp, "Russia sent troops to Georgia.")
    assert not [s for s in troops if s[2] == "Support"], troops


def test_apology_and_welcome(nlp):
    assert ("Argentina", "Brazil", "Cooperation", "Positive") in _found(
        nlp, "Argentina apologized to Brazil."
    )
    assert ("France", "Senegal", "Support", "Positive") in _found(
        nlp, "France gave a warm welcome to Senegal."
    )


def test_seeking_to_join_is_support(nlp):
    assert ("Ukraine", "European Union", "Support", "Positive") in _found(
        nlp, "Ukraine applied to join the European Union."
    )
    plain, _ = _stances(nlp, "Ukraine joined the talks.")
    assert not [s for s in plain if s[2] == "Support"], plain


def test_plural_pronoun_stands_for_the_conjoined_set(nlp):
    text = "Norway and Denmark met on Monday. Their bid to join NATO was welcomed."
    stances, doc = _stances(nlp, text)
    got = {s[:3] for s in stances}
    holders = {s[0] for s in stances if s[2] == "Support"}
    assert {"Norway", "Denmark"} <= holders, got
    they = next(t for t in doc if t.lower_ == "their")
    assert len(doc._.gb_token_group[they.i]) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The EU member states backed Ukraine.",
            ("European Union", "Ukraine", "Support", "Positive"),
        ),
        (
            "The heads of state of the SCO member countries praised China.",
            ("Shanghai Cooperation Organisation", "China", "Praise", "Positive"),
        ),
        (
            "The CSTO summit's declaration condemned Israel.",
            ("CSTO summit", "Israel", "Condemnation", "Negative"),
        ),
    ],
)
def test_collective_holders(nlp, text, expected):
    stances, _ = _stances(nlp, text)
    assert expected in [s[:4] for s in stances], stances


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The fighting between Sudan and Chad continued.",
            ("Sudan", "Chad", "Opposition", "Negative"),
        ),
        (
            "Kenya was appalled by the attack by Somalia.",
            ("Kenya", "Somalia", "Criticism", "Negative"),
        ),
        ("Norway is working with Iceland.", ("Norway", "Iceland", "Cooperation", "Positive")),
        ("Chile was grateful for Peru's help.", ("Chile", "Peru", "Praise", "Positive")),
    ],
)
def test_reciprocal_nouns_and_predicates_of_feeling(nlp, text, expected):
    stances, _ = _stances(nlp, text)
    assert expected in [s[:4] for s in stances], stances


def test_psych_verbs_the_one_who_feels_holds_the_stance(nlp):
    assert ("Chile", "Peru", "Criticism", "Negative") in _found(nlp, "Chile was outraged by Peru.")
    negated, _ = _stances(nlp, "Chile was not outraged by Peru.")
    assert not negated


def test_support_against_a_third_is_opposition_to_it(nlp):
    stances, _ = _stances(nlp, "Poland backed Ukraine against Russia.")
    got = [s[:4] for s in stances]
    assert ("Poland", "Ukraine", "Support", "Positive") in got
    assert ("Poland", "Russia", "Opposition", "Negative") in got


def test_a_date_preposition_is_no_cue_preposition(nlp):
    stances, _ = _stances(nlp, "Ghana called the Togo plan a mistake in a statement on Saturday.")
    assert not [s for s in stances if s[2] == "Proposal"], stances


def test_the_court_refers_to_the_court_named_before(nlp):
    text = "Few states joined the ICC. Russia does not recognize the authority of the court."
    stances, _ = _stances(nlp, text)
    assert ("Russia", "International Criminal Court", "Opposition", "Negative") in [
        s[:4] for s in stances
    ]


def test_indictment_is_condemnation(nlp):
    stances, _ = _stances(nlp, "The ICC surprised the world by indicting Putin.")
    assert ("International Criminal Court", "Vladimir Putin", "Condemnation", "Negative") in [
        s[:4] for s in stances
    ]


def test_a_place_in_an_acts_name_is_no_target(nlp):
    assert ("France", "Black Sea plan", "Criticism", "Negative") in _found(
        nlp, "France criticized the Black Sea plan."
    )


def test_stressing_the_importance_of_an_act_is_support(nlp):
    assert ("Turkey", "grain deal", "Support", "Positive") in _found(
        nlp, "Turkey stressed the importance of the grain deal."
    )


def test_protection_opposes_the_danger_it_protects_from(nlp):
    stances, _ = _stances(nlp, "Kenya vowed to defend Uganda from Sudan's militias.")
    got = [s[:4] for s in stances]
    assert ("Kenya", "Uganda", "Support", "Positive") in got
    assert ("Kenya", "Sudan", "Opposition", "Negative") in got
    assert ("Kenya", "Sudan", "Support", "Positive") not in got
    # the danger alone, with an object that names no entity
    stances, _ = _stances(nlp, "Chile works to protect the people from Bolivia's army.")
    got = [s[:4] for s in stances]
    assert ("Chile", "Bolivia", "Opposition", "Negative") in got
    assert not [s for s in got if s[3] == "Positive"], got


def test_provision_with_a_support_noun_supports_the_receiver(nlp):
    stances, _ = _stances(nlp, "Japan provided Taiwan with diplomatic backing.")
    assert ("Japan", "Taiwan", "Support", "Positive") in [s[:4] for s in stances]
    assert ("Norway", "Chile", "Support", "Positive") in _found(
        nlp, "Norway provided humanitarian support to Chile."
    )


def test_what_an_appeal_asks_for_is_the_appealers_stance(nlp):
    stances, _ = _stances(nlp, "Peru urged Brazil to support Bolivia.")
    got = [s[:4] for s in stances]
    assert ("Peru", "Brazil", "Proposal", "Positive") in got
    assert ("Peru", "Bolivia", "Support", "Positive") in got
    assert ("Brazil", "Bolivia", "Support", "Positive") not in got
    confidence = {s[:4]: s[5] for s in stances}
    assert confidence[("Peru", "Bolivia", "Support", "Positive")] < 0.8  # one inference more
    stances, _ = _stances(nlp, "Ghana called on the UN to condemn Togo.")
    assert ("Ghana", "Togo", "Condemnation", "Negative") in [s[:4] for s in stances]
    # an appeal not to act criticises the addressee; the act asked against is nobody's stance
    stances, _ = _stances(nlp, "Peru urged Brazil not to support Bolivia.")
    got = [s[:4] for s in stances]
    assert ("Peru", "Brazil", "Criticism", "Negative") in got
    assert not [s for s in got if s[1] == "Bolivia"], got


def test_a_capital_named_as_a_location_stays_the_place(nlp):
    stances, _ = _stances(nlp, "Chile threatened to ban voting in Lima.")
    got = [s[:4] for s in stances]
    assert ("Chile", "Lima", "Opposition", "Negative") in got
    assert not [s for s in got if s[1] == "Peru"], got
    stances, _ = _stances(nlp, "Santiago threatened Lima.")  # control: the actor reading
    assert ("Chile", "Peru", "Opposition", "Negative") in [s[:4] for s in stances]


def test_saying_that_x_broke_a_norm_criticises_x(nlp):
    stances, _ = _stances(nlp, "Chile said Peru violated the border treaty.")
    assert ("Chile", "Peru", "Criticism", "Negative") in [s[:4] for s in stances]
    stances, _ = _stances(nlp, '"Bolivia is abusing its seat on the council," Peru said.')
    assert [s[:5] for s in stances] == [("Peru", "Bolivia", "Criticism", "Negative", "DirectQuote")]
    negated, _ = _stances(nlp, "Chile said Peru did not violate the border treaty.")
    assert not negated


def test_object_shifted_behind_an_as_phrase(nlp):
    stances, _ = _stances(nlp, "Kenya dismissed as absurd Uganda's complaints.")
    assert ("Kenya", "Uganda", "Criticism", "Negative") in [s[:4] for s in stances]
    assert ("Norway", "Iceland", "Praise", "Positive") in _found(
        nlp, "Norway praised as courageous the decision of Iceland."
    )


def test_a_stance_received_is_the_givers(nlp):
    stances, _ = _stances(nlp, "Chile received strong support from Peru.")
    assert [s[:4] for s in stances] == [("Peru", "Chile", "Support", "Positive")]
    stances, _ = _stances(nlp, "Kenya won the backing of Uganda.")
    assert [s[:4] for s in stances] == [("Uganda", "Kenya", "Support", "Positive")]
    negated, _ = _stances(nlp, "Chile did not receive support from Peru.")
    assert not negated


def test_a_from_phrase_holds_a_stance_noun(nlp):
    stances, _ = _stances(
        nlp, "The talks ended after a threat of sanctions from Peru against Chile."
    )
    assert ("Peru", "Chile", "Opposition", "Negative") in [s[:4] for s in stances]
    # a withdrawal from X is about X
    assert ("Hungary", "treaty", "Refusal", "Negative") in _found(
        nlp, "Hungary announced its withdrawal from the treaty."
    )


def test_a_necessary_act_against_x_opposes_x(nlp):
    stances, _ = _stances(nlp, '"It is necessary to punish Bolivia for the raid," Peru said.')
    assert ("Peru", "Bolivia", "Opposition", "Negative") in [s[:4] for s in stances]
    assert ("Peru", "Bolivia", "Proposal", "Positive") in _found(
        nlp, '"It is necessary to help Bolivia after the flood," Peru said.'
    )


def test_an_event_target_named_in_a_city_is_located_there(nlp):
    doc = run(nlp, "Chile criticized the talks in Lima.", date="2024-01-01")
    ents = doc._.gb_entities
    rels = {(ents[r.subject].label, r.predicate, ents[r.object].label) for r in doc._.gb_relations}
    assert ("talks", "locatedIn", "Lima") in rels
    doc = run(nlp, "Chile criticized the sanctions on Peru.", date="2024-01-01")
    assert not [r for r in doc._.gb_relations if r.predicate == "locatedIn"]


def test_a_reciprocal_object_gives_each_side_the_stance_toward_the_other(nlp):
    found = set(_found(nlp, "Kyrgyzstan and Tajikistan accused each other of shelling villages."))
    assert found == {
        ("Kyrgyzstan", "Tajikistan", "Criticism", "Negative"),
        ("Tajikistan", "Kyrgyzstan", "Criticism", "Negative"),
    }
    praised = set(_found(nlp, "Ilham Aliyev and Nikol Pashinyan praised one another."))
    assert ("Nikol Pashinyan", "Ilham Aliyev", "Praise", "Positive") in praised
    assert _found(nlp, "India and Pakistan did not criticize each other.") == []
    # control: a named object is the target of both holders, not a reciprocal stance
    third = set(_found(nlp, "Kyrgyzstan and Tajikistan accused Russia of shelling villages."))
    assert ("Kyrgyzstan", "Tajikistan", "Criticism", "Negative") not in third
    assert ("Tajikistan", "Russia", "Criticism", "Negative") in third


def test_a_plan_to_act_on_x_is_the_target_not_x(nlp):
    found = _found(nlp, "Chile and Peru rejected any plan to deport Bolivians from Arica.")
    assert ("Chile", "plan", "Opposition", "Negative") in found
    assert not any(t == "Bolivia" for _, t, _, _ in found)
    # control: the author of a participle clause is whose act it is
    adopted = _found(nlp, "Japan rejected a text adopted by the members of ASEAN.")
    assert ("Japan", "Association of Southeast Asian Nations", "Opposition", "Negative") in adopted


def test_a_participial_adjunct_is_held_by_the_main_clauses_subject(nlp):
    found = _found(nlp, "Ecuador left the talks, criticizing Colombia for its silence.")
    assert ("Ecuador", "Colombia", "Criticism", "Negative") in found
    assert _found(nlp, "Ecuador left the talks, not criticizing Colombia.") == []


def test_accused_of_doing_is_done_by_the_accused(nlp):
    found = _found(nlp, "Ecuador accused Colombia of attacking Peru.")
    assert ("Ecuador", "Colombia", "Criticism", "Negative") in found
    assert ("Ecuador", "Peru", "Opposition", "Negative") not in found
    # control: a by-gerund is done by the subject
    by = _found(nlp, "Ecuador responded by imposing sanctions on Colombia.")
    assert ("Ecuador", "Colombia", "Opposition", "Negative") in by


def test_a_stance_toward_an_act_is_not_toward_its_patient(nlp):
    found = _found(nlp, "Ghana condemned the attack on Togo.")
    assert ("Ghana", "attack", "Condemnation", "Negative") in found
    assert not any(t == "Togo" for _, t, _, _ in found)
    # the holder's own thing inside the act ("its embassy") does not cancel the stance
    own = _found(nlp, "Ghana strongly condemns the attack on its embassy in Lome.")
    assert ("Ghana", "attack", "Condemnation", "Negative") in own
    # control: the act's owner is the target
    owner = _found(nlp, "Ghana condemned Togo's attack on Benin.")
    assert ("Ghana", "Togo", "Condemnation", "Negative") in owner


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # copular subject, apposition, name modifier, possessor and entity modifier as target
        ("Bhutan is a staunch supporter of Nepal.", ("Bhutan", "Nepal", "Support", "Positive")),
        (
            "Laos, a fierce critic of Thailand, left the talks.",
            ("Laos", "Thailand", "Criticism", "Negative"),
        ),
        (
            "Moldova, Romania's closest ally, voted.",
            ("Moldova", "Romania", "Cooperation", "Positive"),
        ),
        ("Fiji is an opponent of Tonga.", ("Fiji", "Tonga", "Opposition", "Negative")),
        ("Malta became a Tunisia ally.", ("Malta", "Tunisia", "Cooperation", "Positive")),
    ],
)
def test_a_role_noun_names_its_holder(nlp, text, expected):
    assert expected in _found(nlp, text)


def test_a_role_noun_negated_or_without_holder_gives_no_stance(nlp):
    # "not an ally" is not an opponent; a role with no named holder names no holder
    assert _found(nlp, "Fiji is not an ally of Tonga.") == []
    assert _found(nlp, "Critics of Tonga met in a hotel.") == []


def test_a_governing_body_in_a_state_or_its_seat_stands_for_the_state(nlp):
    found = _found(nlp, "The junta in Niamey condemned the decision.")
    assert [(h, p) for h, _, _, p in found] == [("Niger", "Negative")]
    assert ("Chad", "Libya", "Condemnation", "Negative") in _found(
        nlp, "Chad condemned the regime in Tripoli."
    )
    # control: other nouns "in" a state are not the state's
    assert _found(nlp, "The troops in Ukraine condemned the decision.") == []
    # a name before the noun is read first; a spokesman for X speaks for X
    us = _found(nlp, "US officials in Hanoi welcomed the agreement.")
    assert [h for h, _, _, _ in us] == ["United States"]
    spokesman = _found(nlp, "A spokesman for NATO condemned the decision.")
    assert [(h, p) for h, _, _, p in spokesman] == [("NATO", "Negative")]


def test_a_draft_that_acts_on_x_is_the_target_not_x(nlp):
    found = _found(nlp, "Peru vetoed a draft resolution condemning Chile.")
    assert ("Peru", "draft resolution", "Refusal", "Negative") in found
    assert not any(t == "Chile" for _, t, _, _ in found)


def test_a_progressive_parsed_as_an_attribute_keeps_its_subject(nlp):
    found = _found(nlp, "Qatar is mediating between Hamas and Israel.")
    assert ("Qatar", "Hamas", "Cooperation", "Positive") in found
    # a mediation not made is no hostility
    assert _found(nlp, "Oman is not mediating between Yemen and Eritrea.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CAMEO 161 diplomatic acts: the other state is read from the envoy's from-phrase too
        ("Gabon recalled its ambassador from Cameroon.", ("Gabon", "Cameroon", "Opposition")),
        ("Kuwait cut ties with Iraq.", ("Kuwait", "Iraq", "Opposition")),
        ("Nepal broke off relations with Bhutan.", ("Nepal", "Bhutan", "Opposition")),
        # trade measures; a demonym before goods, banks, oil stands for the state
        ("Brazil imposed tariffs on Argentine goods.", ("Brazil", "Argentina", "Opposition")),
        ("Norway sanctioned Belarusian banks.", ("Norway", "Belarus", "Opposition")),
    ],
)
def test_diplomatic_and_trade_measures_oppose_the_other_state(nlp, text, expected):
    assert (*expected, "Negative") in _found(nlp, text)


def test_recalled_as_a_verb_of_saying_and_an_unrelated_tie_give_no_stance(nlp):
    assert _found(nlp, "Gabon recalled that Cameroon had signed the treaty.") == []
    assert _found(nlp, "Gabon did not recall its ambassador from Cameroon.") == []


def test_a_reaction_drawn_from_x_is_xs_stance_toward_the_subject(nlp):
    assert ("Peru", "plan", "Criticism", "Negative") in _found(
        nlp, "The plan drew sharp criticism from Peru."
    )
    assert ("Peru", "Chile", "Condemnation", "Negative") in _found(
        nlp, "Chile's decision sparked condemnation from Peru."
    )
    # negated: no reaction, no stance
    assert _found(nlp, "The plan did not draw criticism from Peru.") == []


def test_brokering_between_sides_is_cooperation_with_each(nlp):
    found = _found(nlp, "Ghana brokered a truce between Togo and Benin.")
    assert ("Ghana", "Togo", "Cooperation", "Positive") in found
    assert ("Ghana", "Benin", "Cooperation", "Positive") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a small clause of a verb of labeling: the labeler judges the labeled
        ("Chile called the visit a provocation.", ("Chile", "visit", "Criticism", "Negative")),
        ("Peru described the tariffs as illegal.", ("Peru", "tariffs", "Criticism", "Negative")),
        ("Lima called Santiago's claims absurd.", ("Peru", "Chile", "Criticism", "Negative")),
        # an evaluative noun or adjective predicated in reported speech: the speaker's
        (
            "Ghana said the raid was a violation of its sovereignty.",
            ("Ghana", "raid", "Criticism", "Negative"),
        ),
        (
            "Ghana said Togo's actions were unacceptable.",
            ("Ghana", "Togo", "Criticism", "Negative"),
        ),
        ("Kenya said the summit was productive.", ("Kenya", "summit", "Praise", "Positive")),
    ],
)
def test_a_judgement_predicated_of_x_is_a_stance_toward_x(nlp, text, expected):
    assert expected in _found(nlp, text)


def test_a_judgement_negated_or_by_an_unnamed_labeler_gives_no_stance(nlp):
    assert _found(nlp, "Chile did not call the visit a provocation.") == []
    assert _found(nlp, "Critics called the visit a provocation.") == []
    # an attribute mints no event: "a historic summit" judges no named thing
    found = _found(nlp, "Chile hosted a historic summit.")
    assert not any(stype == "Praise" for _, _, stype, _ in found)


def test_stopping_participation_in_a_bloc_opposes_it(nlp):
    found = _found(nlp, "Moldova froze its participation in the CIS.")
    assert [(h, stype, p) for h, _, stype, p in found] == [("Moldova", "Opposition", "Negative")]
    # control: taking part is a commitment, no stance of itself (as "join")
    assert _found(nlp, "Moldova's participation in the CIS is limited.") == []


@pytest.mark.parametrize(
    ("text", "stype"),
    [
        ("Chile and Peru held talks in Quito.", "Cooperation"),
        ("Chile and Peru signed a trade agreement.", "Cooperation"),
        ("Chile and Peru are at odds over fishing rights.", "Opposition"),
        ("Tensions between Chile and Peru escalated.", "Opposition"),
    ],
)
def test_a_relation_held_by_sides_named_together_is_each_toward_the_other(nlp, text, stype):
    found = _found(nlp, text)
    assert ("Chile", "Peru", stype) in [s[:3] for s in found]
    assert ("Peru", "Chile", stype) in [s[:3] for s in found]


def test_a_relation_noun_under_a_verb_of_its_own_or_negated_is_not_reciprocal(nlp):
    # "hailed the agreement": praise of the agreement, not the hailers' cooperation
    found = _found(nlp, "Chile and Peru hailed the trade agreement.")
    assert not any(t in ("Chile", "Peru") for _, t, _, _ in found)
    assert _found(nlp, "Chile and Peru did not sign a trade agreement.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chad launched an attack on Libya.", ("Chad", "Libya", "Opposition", "Negative")),
        ("Chad carried out airstrikes on Libya.", ("Chad", "Libya", "Opposition", "Negative")),
        ("Chad's raid on Niger failed.", ("Chad", "Niger", "Opposition", "Negative")),
        ("Chad lodged a complaint with Sudan.", ("Chad", "Sudan", "Criticism", "Negative")),
    ],
)
def test_an_attack_or_complaint_noun_is_its_agents_stance(nlp, text, expected):
    assert expected in _found(nlp, text)


def test_an_attack_noun_under_a_verb_of_its_own_names_no_agent(nlp):
    # the condemner is not the attacker; a negated attack is none
    found = _found(nlp, "Chad condemned the attack on Libya.")
    assert not any(s[:3] == ("Chad", "Libya", "Opposition") for s in found)
    assert _found(nlp, "Chad did not launch an attack on Libya.") == []


def test_a_clause_on_a_noun_with_an_unnamed_agent_is_not_the_speakers(nlp):
    # "the Republican plan to negotiate with X": the Republicans', unnamed
    found = _found(nlp, "Peru said the Republican plan to negotiate with Chile was naive.")
    assert not any(s[:2] == ("Peru", "Chile") for s in found)
    # control: with no agent on the noun, the speaker's reading stays
    plain = _found(nlp, "Peru said the plan to negotiate with Chile was wise.")
    assert ("Peru", "Chile", "Cooperation", "Positive") in plain


def test_a_cue_preposition_is_never_read_in_its_subject(nlp):
    # "its stance on X ... called it a matter" is no "call on X"
    found = _found(
        nlp, "Peru, its stance on the Chile issue unchanged, called it a bilateral matter."
    )
    assert not any(stype == "Proposal" for _, _, stype, _ in found)


def test_a_side_in_the_agents_own_phrase_is_no_target(nlp):
    found = _found(nlp, "The Republic of Chile and Peru urge both parties to join the talks.")
    assert not any(s[:2] in (("Chile", "Peru"), ("Peru", "Chile")) for s in found)


def test_an_appeal_to_quell_an_act_is_no_proposal_toward_it(nlp):
    found = _found(nlp, "Kenya urged global support to quell the fighting.")
    assert not any(stype == "Proposal" for _, _, stype, _ in found)
    # control: an appeal to curb addressed to X criticises X
    assert ("Kenya", "Somalia", "Criticism", "Negative") in _found(
        nlp, "Kenya urged Somalia to curb the violence."
    )


def test_a_threatened_measure_targets_the_one_it_falls_on(nlp):
    assert ("Chad", "Sudan", "Opposition", "Negative") in _found(
        nlp, "Chad threatened sanctions against Sudan."
    )
    # a described group names no entity: the place it acted in is not the target
    found = _found(
        nlp, "Chad threatened sanctions against those responsible for the violence in Sudan."
    )
    assert not any(t == "Sudan" for _, t, _, _ in found)


def test_a_necessary_thing_is_what_is_proposed(nlp):
    found = _found(nlp, '"New talks are necessary to end the war with Chad," Kallas said.')
    assert [(t, stype) for _, t, stype, _ in found] == [("New talks", "Proposal")]
    # control: an impersonal necessity reads the proposed act's entities
    assert ("Kaja Kallas", "Chad", "Opposition", "Negative") in _found(
        nlp, '"It is necessary to punish Chad," Kallas said.'
    )


def test_urging_that_x_not_act_criticises_x(nlp):
    assert ("Peru", "Chile", "Criticism", "Negative") in _found(
        nlp, "Peru urged that Chile not expand the mine."
    )
    # control: urging the parties to end a fight names no addressee entity
    assert _found(nlp, "Peru urged the parties to end the fighting in Chile.") == []
