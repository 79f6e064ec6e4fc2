"""A person's name mention spans the forms of address, titles of rank by birth or religion and
"President" written before it ("Ms. Carpenter", "President Lincoln"), as the person spans of
CoNLL04 and re3d are annotated; the entity keeps the bare name as label, coreference still
reads the title. Real spaCy pipeline; sentences written for these tests, with controls."""

from __future__ import annotations

import pytest

from tests.helpers import run

pytestmark = pytest.mark.slow


def _names(nlp, text: str) -> dict[str, str]:
    """Mention text -> entity label of the person name mentions."""
    doc = run(nlp, text)
    out = {}
    for m in doc._.gb_mentions:
        entity = doc._.gb_entities[m.entity]
        if m.kind == "name" and entity.cls == "Person":
            assert text[m.start : m.end] == m.text
            out[m.text] = entity.label
    return out


@pytest.mark.parametrize(
    ("text", "mention", "label"),
    [
        ("Ms. Harwick told the court she was innocent.", "Ms. Harwick", "Harwick"),
        ("The letter was signed by Dr. Elena Marsh.", "Dr. Elena Marsh", "Elena Marsh"),
        (
            "Crowds cheered Prince Albrecht Stolberg in the square.",
            "Prince Albrecht Stolberg",
            "Albrecht Stolberg",
        ),
        (
            "The sermon of the Rev. Thomas Oakley drew hundreds.",
            "Rev. Thomas Oakley",
            "Thomas Oakley",
        ),
        (
            "President Marta Lindqvist opened the session.",
            "President Marta Lindqvist",
            "Marta Lindqvist",
        ),
    ],
)
def test_prefix_is_part_of_the_mention(nlp, text, mention, label):
    assert _names(nlp, text).get(mention) == label


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # offices other than President, ranks and occupations stay outside the name
        ("Gov. Daniel Brooke vetoed the bill.", "Daniel Brooke"),
        ("Judge Helen Carver dismissed the case.", "Helen Carver"),
        # "Vice President" is a different office: nothing is widened
        ("Vice President Omar Castell flew to Lima.", "Omar Castell"),
        # a lower-case word is no prefix
        ("The new president Omar Castell flew to Lima.", "Omar Castell"),
    ],
)
def test_other_titles_stay_outside(nlp, text, mention):
    assert mention in _names(nlp, text)


def test_title_still_gives_the_office(nlp):
    doc = run(nlp, "President Emmanuel Macron of France met the press.")
    names = {m.text for m in doc._.gb_mentions if m.kind == "name"}
    assert "President Emmanuel Macron" in names
    leads = [r for r in doc._.gb_relations if r.predicate == "leaderOf"]
    assert any(r.object == "country/FRA" for r in leads), leads


def test_prefix_after_an_abbreviation_that_ends_a_sentence(nlp):
    # "N.M." closes the previous sentence: it is no part of a title before "Ms."
    names = _names(nlp, "She was raised in Grants, N.M. Ms. Calico, then 19, vanished.")
    assert names.get("Ms. Calico") == "Calico"


def test_no_prefix_before_an_institution(nlp):
    # an institution's name after a title word is widened by nothing
    doc = run(nlp, "Queen Mary University opened a campus.")
    assert not any(m.text.startswith("Queen Mary") for m in doc._.gb_mentions)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # a model "place" or "organization" led by a title of rank by birth is a person
        ("Sihanouk's son, Prince Norodom Ranariddh, spoke.", "Prince Norodom Ranariddh"),
        ("Britain's Duchess of York visited Manila.", "Duchess of York"),
    ],
)
def test_title_led_model_name_is_a_person(nlp, text, surface):
    doc = run(nlp, text)
    found = [doc._.gb_entities[m.entity].cls for m in doc._.gb_mentions if m.text == surface]
    assert found == ["Person"]
