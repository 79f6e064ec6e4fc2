"""Wire datelines and US state abbreviations (issue 13): the place of "DAYTON, Ohio (AP) _" is
a place inside its state, and "Ocala, Fla." links the state (real spaCy pipeline, sentences
written for these tests)."""

from __future__ import annotations

import pytest

from graphbuilder.resolve.spans import dateline_places
from tests.helpers import run

pytestmark = pytest.mark.slow


def _names(doc) -> dict[str, tuple[str, str | None]]:
    """surface of each name mention -> (class, KB id)."""
    out = {}
    for m in doc._.gb_mentions:
        if m.kind == "name":
            e = doc._.gb_entities[m.entity]
            out[m.text] = (e.cls, e.kb_id)
    return out


def _located(doc) -> set[tuple[str, str]]:
    ents = doc._.gb_entities
    return {
        (ents[r.subject].label, ents[r.object].label)
        for r in doc._.gb_relations
        if r.predicate == "locatedIn" and r.origin == "text"
    }


def test_state_abbreviation_links_the_state(nlp):
    doc = run(nlp, "The ferry company, based in Tampa, Fla., hired 40 workers.")
    assert _names(doc)["Fla."] == ("Location", "place/us-fl")
    assert ("Tampa", "Florida") in _located(doc)


def test_state_abbreviation_after_a_party_letter(nlp):
    doc = run(nlp, "Rep. Dana Whitfield, D-Tenn., voted against the measure.")
    names = _names(doc)
    assert names["Dana Whitfield"][0] == "Person"
    assert not any(kb == "place/us-tn" and cls != "Location" for cls, kb in names.values())


def test_abbreviation_is_an_alias_only_with_its_period(nlp):
    # control: "Miss" without the period is an honorific, not Mississippi
    doc = run(nlp, "Miss Harlow thanked the jury in Jackson, Miss., on Friday.")
    names = _names(doc)
    assert names["Miss."] == ("Location", "place/us-ms")
    assert not any(kb == "place/us-ms" for text, (_, kb) in names.items() if text != "Miss.")


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("DUNMORE, Pa. (AP) _ The council met on Monday.", ["DUNMORE"]),
        ("HELSINKI, Finland (AP)", ["HELSINKI"]),
        ("PORT LOUIS (Reuters) - Officials said the port reopened.", ["PORT LOUIS"]),
        ("(Text) Vaduz, Liechtenstein, March 3 (ATS) -- The bank said.", ["Vaduz"]),
        # controls: an acronym in parentheses, a headline, a capitalised sentence start
        ("The WTO (World Trade Organization) ruled on Monday.", []),
        ("GOVERNMENT FALLS AFTER VOTE", []),
        ("Helsinki, the capital, was quiet on Monday.", []),
    ],
)
def test_dateline_places(base_nlp, text, places):
    doc = base_nlp(text)
    assert [doc[a:b].text for a, b in dateline_places(doc)] == places


def test_dateline_place_in_capitals_is_a_place_in_its_state(nlp):
    doc = run(nlp, "DUNMORE, Pa. (AP) _ The borough council met on Monday.")
    assert _names(doc)["DUNMORE"] == ("Location", None)
    assert ("DUNMORE", "Pennsylvania") in _located(doc)


def test_dateline_place_the_kb_knows_is_linked(nlp):
    doc = run(nlp, "HELSINKI, Finland (AP) _ Talks resumed on Monday.")
    assert _names(doc)["HELSINKI"] == ("Location", "place/helsinki")
    assert ("Helsinki", "Finland") in _located(doc)
