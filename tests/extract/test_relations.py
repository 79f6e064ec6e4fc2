"""Relations read from titles, membership, organs and places."""

from __future__ import annotations

from graphbuilder.extract.relations import extract_relations

M = [
    ("Kyrgyzstan", "country/KGZ", "Country"),
    ("Kazakhstan", "country/KAZ", "Country"),
    ("Tajikistan", "country/TJK", "Country"),
    ("Republic of Kazakhstan", "country/KAZ", "Country"),
    ("Sadyr Japarov", "person/japarov", "Person"),
    ("Sultan Kamaletdinov", "person/kamaletdinov", "Person"),
    ("the President of Kazakhstan", "person/tokayev", "Person"),
    ("Ruslan Zhaksylykov", "person/zhaksylykov", "Person"),
    ("CSTO", "org/csto", "Organization"),
    ("the organization", "org/csto", "Organization"),
    ("UN Security Council", "org/unsc", "Organization"),
    ("UN", "org/un", "Organization"),
    ("summit", "event/summit", "Event"),
    ("Moscow", "place/moscow", "Location"),
]


def _triples(doc, lexicons):
    return {(r.subject, r.predicate, r.object) for r in extract_relations(doc, lexicons)}


def test_title_apposition(build, lexicons):
    doc = build("The President of Kyrgyzstan Sadyr Japarov congratulated his colleagues.", M)
    assert _triples(doc, lexicons) == {("person/japarov", "leaderOf", "country/KGZ")}


def test_title_mention_resolved_to_person(build, lexicons):
    doc = build("“We will act,” said the President of Kazakhstan.", M)
    assert _triples(doc, lexicons) == {("person/tokayev", "leaderOf", "country/KAZ")}


def test_possessive_minister(build, lexicons):
    doc = build("Kazakhstan's defense minister Ruslan Zhaksylykov arrived.", M)
    assert _triples(doc, lexicons) == {("person/zhaksylykov", "officialOf", "country/KAZ")}


def test_head_of_a_body_is_official(build, lexicons):
    text = (
        "In May, the head of the military department of the Republic of Kazakhstan, "
        "Sultan Kamaletdinov, announced it."
    )
    assert _triples(build(text, M), lexicons) == {
        ("person/kamaletdinov", "officialOf", "country/KAZ")
    }


def test_members_meaning(build, lexicons):
    doc = build("He said some CSTO members, meaning Kazakhstan, are closing their airspace.", M)
    assert _triples(doc, lexicons) == {("country/KAZ", "memberOf", "org/csto")}


def test_join_and_negated_join(build, lexicons):
    assert _triples(build("Kazakhstan joined the CSTO.", M), lexicons) == {
        ("country/KAZ", "memberOf", "org/csto")
    }
    assert _triples(build("Kazakhstan did not join the CSTO.", M), lexicons) == set()


def test_a_negated_or_hedged_membership_is_no_membership(build, lexicons):
    member = ("country/TJK", "memberOf", "org/csto")
    assert member in _triples(build("Tajikistan is a member of the CSTO.", M), lexicons)
    for text in (
        "Tajikistan is not a member of the CSTO.",
        "Tajikistan is no longer a member of the CSTO.",
        "Tajikistan may become a member of the CSTO.",
        "Tajikistan is no member of the CSTO.",
    ):
        assert member not in _triples(build(text, M), lexicons), text


def test_organ_part_of(build, lexicons):
    doc = build("It needs a resolution of the UN Security Council.", M)
    assert _triples(doc, lexicons) == {("org/unsc", "partOf", "org/un")}


def test_event_held_in(build, lexicons):
    doc = build("The summit, held in Moscow on May 16, is important.", M)
    rels = extract_relations(doc, lexicons)
    assert [(r.subject, r.predicate, r.object) for r in rels] == [
        ("event/summit", "locatedIn", "place/moscow")
    ]
    r = rels[0]
    assert r.origin == "text" and 0 < r.confidence <= 1
    assert doc.text[r.evidence.char_start : r.evidence.char_end] == r.evidence.text


def test_a_leader_is_not_also_read_as_an_official_of_the_same_state(nlp):
    from tests.helpers import run

    doc = run(nlp, "Gabriel Boric, Chile's president, denied the claims.", date="2024-01-01")
    rels = {(r.predicate, r.object) for r in doc._.gb_relations}
    assert ("leaderOf", "country/CHL") in rels
    assert ("officialOf", "country/CHL") not in rels


def test_a_bid_to_join_is_no_membership(nlp):
    from tests.helpers import run

    doc = run(nlp, "Bosnia submitted its bid to join NATO.", date="2024-01-01")
    assert not [r for r in doc._.gb_relations if r.predicate == "memberOf" and r.origin == "text"]
    doc = run(nlp, "Montenegro joined NATO in 2017.", date="2024-01-01")
    assert ("country/MNE", "memberOf", "org/nato") in {
        (r.subject, r.predicate, r.object) for r in doc._.gb_relations
    }


def test_an_event_named_with_a_city_or_in_it_is_located_there(nlp):
    from tests.helpers import run

    for text in ("The G20 Lima summit ended.", "The G20 summit in Lima ended."):
        doc = run(nlp, text, date="2024-01-01")
        ents = doc._.gb_entities
        rels = {(ents[r.subject].cls, r.predicate, r.object) for r in doc._.gb_relations}
        assert ("Event", "locatedIn", "place/lima") in rels, rels
    assert "G20 summit" in {e.label for e in ents.values()}  # the G20's summit, held there
    # a state in an act's name is what it is about, not where it is
    doc = run(nlp, "Russia began a special operation in Ukraine.", date="2024-01-01")
    assert not [r for r in doc._.gb_relations if r.predicate == "locatedIn"]


def test_a_deputy_is_an_official_and_a_former_holder_nothing(nlp):
    from tests.helpers import run

    doc = run(nlp, "The deputy president of Kenya, Rigathi Gachagua, spoke.", date="2023-01-01")
    rels = {(r.predicate, r.object) for r in doc._.gb_relations}
    assert ("officialOf", "country/KEN") in rels and ("leaderOf", "country/KEN") not in rels
    doc = run(nlp, "Former Kenyan President Uhuru Kenyatta spoke.", date="2023-01-01")
    assert not [r for r in doc._.gb_relations if r.origin == "text"]


def test_verbs_of_leading_and_a_candidate_of_a_party(nlp):
    from tests.helpers import run

    doc = run(
        nlp, "Rigathi Gachagua, who commands the Rapid Support Forces, spoke.", date="2024-01-01"
    )
    ents = doc._.gb_entities
    rels = {(ents[r.subject].label, r.predicate, ents[r.object].label) for r in doc._.gb_relations}
    assert ("Rigathi Gachagua", "leaderOf", "Rapid Support Forces") in rels
    doc = run(nlp, "Rigathi Gachagua hopes to lead the Rapid Support Forces.", date="2024-01-01")
    assert not [r for r in doc._.gb_relations if r.predicate == "leaderOf"]
    text = "The presidential candidate of the Orange Democratic Movement, Raila Odinga has spoken."
    doc = run(nlp, text, date="2024-01-01")
    ents = doc._.gb_entities
    rels = {(ents[r.subject].label, r.predicate, ents[r.object].label) for r in doc._.gb_relations}
    assert ("Raila Odinga", "memberOf", "Orange Democratic Movement") in rels, rels


def test_a_verb_of_composition_names_the_members_of_an_organization(nlp):
    from tests.helpers import run

    def members(text):
        doc = run(nlp, text, date="2024-01-01")
        return {(r.subject, r.object) for r in doc._.gb_relations if r.predicate == "memberOf"}

    found = members("The Andean Community, which includes Peru and Bolivia, met in Lima.")
    org = [o for _, o in found]
    assert {s for s, _ in found} == {"country/PER", "country/BOL"} and len(set(org)) == 1
    assert members("The CSTO consists of Armenia and Belarus.") >= {
        ("country/ARM", "org/csto"),
        ("country/BLR", "org/csto"),
    }
    # negated, or a subject that is no organization: no membership
    assert ("country/UZB", "org/csto") not in members("The CSTO no longer includes Uzbekistan.")
    assert members("The agreement includes Peru and Bolivia.") == set()
