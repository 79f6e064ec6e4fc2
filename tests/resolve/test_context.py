"""Ambiguous names resolved by context (graphbuilder.resolve.context), each reading with its
control, on the real pipeline."""

from __future__ import annotations

import pytest

from tests.helpers import run

pytestmark = pytest.mark.slow


def _reading(doc, surface: str) -> tuple[str, str, str | None]:
    """(class, label, KB id) of the last name mention written ``surface``."""
    found = None
    for m in doc._.gb_mentions:
        if m.kind == "name" and m.text == surface:
            e = doc._.gb_entities[m.entity]
            found = (e.cls, e.label, e.kb_id)
    assert found is not None, (surface, [m.text for m in doc._.gb_mentions])
    return found


@pytest.mark.parametrize(
    "text, kb_id",
    [
        ("Georgia's governor signed the bill in Atlanta.", "place/us-ga"),
        ("Georgia Gov. Brian Kemp signed the bill.", "place/us-ga"),
        ("Georgia's president signed the bill in Tbilisi.", "country/GEO"),
        ("The President of Georgia met the EU envoy.", "country/GEO"),
        (
            "Protests spread across Georgia after the vote.",
            "country/GEO",
        ),  # no cue: the sovereign state first
    ],
)
def test_georgia_state_or_country(linker_nlp, text, kb_id):
    assert _reading(run(linker_nlp, text), "Georgia")[2] == kb_id


def test_georgia_from_the_documents_other_places(linker_nlp):
    text = "Storms hit Savannah and Atlanta overnight. Georgia declared an emergency."
    assert _reading(run(linker_nlp, text), "Georgia")[2] == "place/us-ga"


def test_surname_that_is_a_city_is_the_person_named_before(linker_nlp):
    doc = run(
        linker_nlp,
        "Robert F. Kennedy Jr. criticised the agency. Kennedy had slammed WHO for its response.",
    )
    cls, label, _ = _reading(doc, "Kennedy")
    assert (cls, label) == ("Person", "Robert F. Kennedy Jr.")
    assert "place/kennedy" not in doc._.gb_entities


def test_city_named_like_a_surname_stays_a_city_among_its_country(linker_nlp):
    doc = run(linker_nlp, "Flooding cut off Kennedy, a town near Bogotá in Colombia.")
    assert _reading(doc, "Kennedy")[2] == "place/kennedy"


def test_title_before_a_city_name_reads_a_person_even_among_its_country(linker_nlp):
    # a US city's name after "President", in a text naming US places: the person
    doc = run(linker_nlp, "Crowds in Boston and Chicago cheered President Lincoln in 1861.")
    assert _reading(doc, "President Lincoln")[0] == "Person"  # the name mention spans the prefix
    # control: without the title the city of the document's country stays
    doc = run(linker_nlp, "Crowds in Boston and Chicago cheered in Lincoln in 1861.")
    assert _reading(doc, "Lincoln")[2] == "place/lincoln"


@pytest.mark.parametrize(
    "text",
    [
        "In Boston and Chicago crowds heard that an actor had shot Lincoln.",
        "In Boston and Chicago crowds mourned after Lincoln was assassinated.",
        "In Boston and Chicago crowds marked the anniversary of Lincoln's assassination.",
    ],
)
def test_the_patient_of_a_killing_is_a_person_not_the_city(linker_nlp, text):
    # a US city's name in a text naming US places, in a role only a person has
    assert _reading(run(linker_nlp, text), "Lincoln")[0] == "Person"


def test_a_city_in_a_role_any_place_has_stays_the_city(linker_nlp):
    # control: "visited" takes places; the city of the document's country stays
    doc = run(linker_nlp, "After Boston and Chicago, the senator visited Lincoln in May.")
    assert _reading(doc, "Lincoln")[2] == "place/lincoln"


def test_person_reading_of_a_far_city_name_without_a_full_name(linker_nlp):
    doc = run(linker_nlp, "Kennedy had slammed WHO in a video address to the Assembly.")
    assert _reading(doc, "Kennedy")[0] == "Person"


@pytest.mark.parametrize(
    "text, surface, label",
    [
        (
            "Kim Jong Un watched the test. Kim said the missile could reach Guam.",
            "Kim",
            "Kim Jong Un",
        ),
        ("Lee Jae-myung met the envoy. Lee said the talks would go on.", "Lee", "Lee Jae-myung"),
    ],
)
def test_family_name_alone_is_the_person_named_before(linker_nlp, text, surface, label):
    doc = run(linker_nlp, text, date="2024-03-01")
    assert _reading(doc, surface)[:2] == ("Person", label)


def test_family_name_alone_without_a_full_name_stays_unlinked(linker_nlp):
    doc = run(linker_nlp, "Lee said the talks would go on.", date="2024-03-01")
    assert _reading(doc, "Lee") == ("Person", "Lee", None)


@pytest.mark.parametrize(
    "text, reading",
    [
        ("The talks were held in Washington on Monday.", "place/washington-d-c"),
        ("Washington imposed new sanctions on Moscow.", "place/washington-d-c"),  # the seat
        ("George Washington led the army. Washington later became president.", None),
        ("Washington State Gov. Jay Inslee declared an emergency.", "place/us-wa"),
    ],
)
def test_washington_city_government_person_or_state(linker_nlp, text, reading):
    doc = run(linker_nlp, text)
    surface = "Washington State" if "State" in text else "Washington"
    cls, label, kb_id = _reading(doc, surface)
    assert kb_id == reading
    if reading is None:
        assert (cls, label) == ("Person", "George Washington")


def test_surname_in_the_headline_before_the_full_name(linker_nlp):
    doc = run(
        linker_nlp,
        "Tinubu reacts after Obasanjo resolved Ethiopian conflict\n\n"
        "Bola Tinubu has hailed former President Olusegun Obasanjo for his efforts.",
    )
    assert _reading(doc, "Obasanjo")[:2] == ("Person", "Olusegun Obasanjo")


def test_meeting_between_two_people_is_an_event(linker_nlp):
    doc = run(
        linker_nlp,
        "China protested a Wednesday meeting between House Speaker Kevin McCarthy and Taiwanese "
        "President Tsai Ing-wen in California. Tsai thanked him.",
    )
    events = [e for e in doc._.gb_entities.values() if e.cls == "Event"]
    assert [e.label for e in events] == ["McCarthy-Tsai meeting"]
    assert "Tsai-McCarthy meeting" in events[0].aliases
