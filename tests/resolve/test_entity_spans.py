"""The model's entities and the KB ruler's matches: pipeline order, overwrite behaviour, and
the sentences of issue 13 (real spaCy pipeline)."""

from __future__ import annotations

import pytest

from graphbuilder.resolve.spans import KB_SPANS_KEY, MODEL_SPANS_KEY
from tests.helpers import entity_labels, run

pytestmark = pytest.mark.slow


def _names(doc) -> dict[str, tuple[str, str, str | None]]:
    """surface of each name mention -> (class, canonical label, KB id)."""
    out = {}
    for m in doc._.gb_mentions:
        if m.kind == "name":
            e = doc._.gb_entities[m.entity]
            out[m.text] = (e.cls, e.label, e.kb_id)
    return out


def test_pipeline_order_ruler_after_ner_writes_spans_only(linker_nlp):
    names = linker_nlp.pipe_names
    assert names[names.index("ner") :] == ["ner", "gb_kb_ruler", "gb_entity_spans", "gb_linker"]
    ruler = linker_nlp.get_pipe("gb_kb_ruler")
    assert type(ruler).__name__ == "SpanRuler"
    assert ruler.key == KB_SPANS_KEY and not ruler.annotate_ents


def test_ruler_never_overwrites_model_entities(linker_nlp):
    text = "Boston University's Michael D. Papagiannis said the signal was weak."
    with linker_nlp.select_pipes(disable=["gb_entity_spans", "gb_linker"]):
        doc = linker_nlp(text)
    model = [(e.text, e.label_) for e in doc.ents]
    assert ("Boston University's", "ORG") in model  # the model's entities untouched
    assert any(s.text == "Boston" and s.id_ == "place/boston" for s in doc.spans[KB_SPANS_KEY])
    doc = linker_nlp.get_pipe("gb_entity_spans")(doc)
    assert [(e.text, e.label_) for e in doc.spans[MODEL_SPANS_KEY]] == model
    ents = {e.text: (e.label_, e.ent_id_) for e in doc.ents}
    assert ents["Boston University"] == ("ORG", "")  # the longer model name wins
    assert "Boston" not in ents


def test_kb_match_wins_a_tie_and_a_model_span_that_adds_only_a_title(linker_nlp):
    with linker_nlp.select_pipes(disable=["gb_linker"]):
        doc = linker_nlp("Chinese Foreign Ministry spokesperson Wang Wenbin spoke. Belarus agreed.")
    ents = {e.text: (e.label_, e.ent_id_) for e in doc.ents}
    assert ents["Belarus"][1] == "country/BLR"  # the model may call it ORG: the KB id wins


def test_kim_dae_jung_is_a_person(linker_nlp):
    doc = run(
        linker_nlp,
        "Kim Dae-jung, head of South Korea's leading opposition party, was detained on a court "
        "warrant Wednesday for questioning.",
    )
    assert entity_labels(doc).get("Kim Dae-jung") == "Person"
    assert entity_labels(doc).get("South Korea") == "Country"


def test_boston_university_is_not_the_city(linker_nlp):
    doc = run(linker_nlp, "Boston University's Michael D. Papagiannis said the signal was weak.")
    labels = entity_labels(doc)
    assert labels.get("Boston University") == "Organization"
    assert labels.get("Michael D. Papagiannis") == "Person"
    assert "Boston" not in labels


def test_vladimir_of_putins_name_is_no_city(linker_nlp):
    doc = run(linker_nlp, "Russian President Vladimir V. Putin met Xi Jinping.", date="2024-03-01")
    assert "place/vladimir" not in doc._.gb_entities
    assert _names(doc)["Vladimir V. Putin"][2] == "person/vladimir-putin"
    assert _names(doc)["Xi Jinping"][2] == "person/xi-jinping"


def test_country_glued_to_a_name_after_a_title_is_split(linker_nlp):
    doc = run(linker_nlp, "Earlier, US Ambassador to the UN Nikki Haley called for sanctions.")
    names = _names(doc)
    assert names["Nikki Haley"][0] == "Person"
    assert names["UN"][2] == "org/un"


def test_quoted_name_keeps_its_quotes_and_generic_heads_are_no_names(linker_nlp):
    doc = run(
        linker_nlp,
        'A name with quotes, the Party of "National Unity", won. The Armed Forces said nothing.',
    )
    labels = entity_labels(doc)
    assert labels.get('Party of "National Unity"') == "Organization"
    assert "Party" not in labels and "Armed Forces" not in labels


def test_acronym_defined_in_parentheses_is_the_same_entity(linker_nlp):
    doc = run(
        linker_nlp,
        "The candidate of the All Progressives Congress (APC) won. The APC celebrated.",
    )
    orgs = [e for e in doc._.gb_entities.values() if e.cls == "Organization"]
    assert [o.label for o in orgs] == ["All Progressives Congress"]
    assert "APC" in orgs[0].aliases


def test_invented_cabinet_keeps_every_person_and_organization(linker_nlp, base_nlp):
    text = (
        "The new cabinet of Veridonia was sworn in on Monday. Prime Minister Aldo Verkamp named "
        "Mirela Szandor as foreign minister and Tobiah Quennel as defence minister. Szandor, a "
        "former head of the Veridonian Grain Board, promised closer ties with the Halvard "
        "Institute. Quennel leads the Progressive Farmers Union, which joined the coalition "
        "last year."
    )
    labels = entity_labels(run(linker_nlp, text))
    classes = {"PERSON": "Person", "ORG": "Organization"}
    model = {
        e.text.removeprefix("the "): classes[e.label_]
        for e in base_nlp(text).ents
        if e.label_ in classes
    }
    assert len(model) >= 5  # what plain spaCy finds, each kept with its class
    for name, cls in model.items():
        assert labels.get(name) == cls, (name, labels)
    people = [name for name, cls in labels.items() if cls == "Person"]
    assert "Szandor" not in people  # the surname is the person named before


def test_headline_keeps_kb_names(linker_nlp):
    doc = run(linker_nlp, "Turkey Backs Sweden's NATO Bid After Talks With Finland\n\nMore soon.")
    labels = entity_labels(doc)
    assert labels.get("Turkey") == "Country"
    assert labels.get("Sweden") == "Country"
    assert labels.get("NATO") == "Organization"


def test_acronym_of_a_name_named_in_the_document(linker_nlp):
    doc = run(
        linker_nlp,
        "The Democratic Unionist Party are still reading the text. The DUP will decide later.",
    )
    orgs = [e for e in doc._.gb_entities.values() if e.cls == "Organization"]
    assert [o.label for o in orgs] == ["Democratic Unionist Party"]


def test_title_words_and_hyphenated_words_are_cut_from_model_names(linker_nlp):
    doc = run(
        linker_nlp,
        "On Thursday, Philippine Foreign Secretary Teodoro Locsin Jr. filed a protest. "
        "Tit-for-tat diplomatic expulsions have occurred.",
    )
    labels = entity_labels(doc)
    assert labels.get("Philippines") == "Country"  # "Philippine" of "Philippine Foreign"
    assert "Philippine Foreign" not in labels and "Tit" not in labels


def test_plural_demonym_stands_for_the_state(linker_nlp):
    doc = run(linker_nlp, "Qureshi also asked Pakistanis to not expect any support.")
    assert "Pakistanis" not in entity_labels(doc)


def test_agreement_name_is_an_event_and_an_organizations_mission_an_organization(linker_nlp):
    doc = run(
        linker_nlp,
        "Sunak struck a joyful tone when unveiling the details of the Windsor Framework. "
        "Russia criticized the EU’s Armenia border mission.",
    )
    labels = entity_labels(doc)
    assert labels.get("Windsor Framework") == "Event"
    assert labels.get("EU mission") == "Organization"


def test_editorial_brackets_are_split_off_names(linker_nlp):
    doc = run(linker_nlp, "There are even pro-[Kurdistan Workers' Party] terrorists there.")
    assert "org/pkk" in doc._.gb_entities
