"""Unnamed groups as actors (:mod:`graphbuilder.resolve.groups`), on sentences written for the
tests, through the real pipeline: a group noun after a state's demonym is a group entity
affiliated with that state, kept only when a stance uses it."""

from __future__ import annotations

from graphbuilder.rdf.mapping import dataset_to_graph, records_to_dataset
from graphbuilder.rdf.namespaces import GB
from graphbuilder.rdf.validate import validate_graph
from tests.helpers import run


def _groups(doc):
    return {e.label: e for e in doc._.gb_entities.values() if e.subclass == "SocialGroup"}


def _stances(doc):
    ents = doc._.gb_entities
    return {(ents[s.holder].label, ents[s.target].label, s.polarity) for s in doc._.gb_stances}


def test_group_holder_is_an_entity_affiliated_with_its_state(nlp):
    doc = run(nlp, "Afghan insurgents condemned Pakistan for the raids.", date="2024-01-01")
    groups = _groups(doc)
    assert set(groups) == {"Afghan insurgents"}
    assert groups["Afghan insurgents"].cls == "Organization"
    assert ("Afghan insurgents", "Pakistan", "Negative") in _stances(doc)
    rels = {(r.subject, r.predicate, r.object) for r in doc._.gb_relations}
    assert (groups["Afghan insurgents"].key, "affiliatedWith", "country/AFG") in rels


def test_group_target(nlp):
    doc = run(nlp, "Norway praised Sudanese farmers for the harvest.", date="2024-01-01")
    assert ("Norway", "Sudanese farmers", "Positive") in _stances(doc)


def test_group_label_starts_at_the_demonym(nlp):
    doc = run(nlp, "Angry Greek dock workers denounced Germany.", date="2024-01-01")
    assert set(_groups(doc)) == {"Greek dock workers"}


def test_group_without_a_stance_is_no_entity(nlp):
    doc = run(nlp, "Syrian refugees arrived in Lebanon on Monday.", date="2024-01-01")
    assert _groups(doc) == {}
    assert "Syria" not in {e.label for e in doc._.gb_entities.values()}


def test_a_state_noun_after_the_demonym_stays_the_state(nlp):
    # control: "Afghan troops" are Afghanistan's (demonym_heads.csv), not a group
    doc = run(nlp, "Afghan troops condemned Pakistan for the raids.", date="2024-01-01")
    assert _groups(doc) == {}
    assert ("Afghanistan", "Pakistan", "Negative") in _stances(doc)


def test_negated_group_stance(nlp):
    doc = run(nlp, "Afghan insurgents did not condemn Pakistan.", date="2024-01-01")
    assert ("Afghan insurgents", "Pakistan", "Negative") not in _stances(doc)


def test_group_in_rdf_conforms_to_the_shapes(nlp):
    from rdflib import RDF

    from graphbuilder.nlp.run import records_from_doc

    doc = run(nlp, "Afghan insurgents condemned Pakistan for the raids.", date="2024-01-01")
    rec = records_from_doc(doc)
    g = dataset_to_graph(records_to_dataset([rec], rec.entities))
    groups = set(g.subjects(GB.affiliatedWith, None))
    assert len(groups) == 1
    node = groups.pop()
    assert (node, RDF.type, GB.SocialGroup) in g and (node, RDF.type, GB.Organization) in g
    assert validate_graph(g).conforms


def test_they_after_a_group_is_the_group(nlp):
    doc = run(nlp, "Greek dock workers said they would sue Germany in court.", date="2024-01-01")
    assert ("Greek dock workers", "Germany", "Negative") in _stances(doc)


def test_they_two_sentences_after_a_group_is_unresolved(nlp):
    # control: the group is out of the pronoun's window (its sentence and the one before)
    text = (
        "Greek dock workers walked out on Monday. The port stayed closed all week. "
        "They condemned Germany."
    )
    doc = run(nlp, text, date="2024-01-01")
    assert not any(h == "Greek dock workers" for h, _, _ in _stances(doc))


def test_untagged_demonym_before_a_state_noun_is_the_state(nlp):
    doc = run(nlp, "Ghanaian authorities condemned Liberia.", date="2024-01-01")
    assert ("Ghana", "Liberia", "Negative") in _stances(doc)


def test_demonym_before_another_noun_is_not_the_state(nlp):
    # control: "Ghanaian music" names no state
    doc = run(nlp, "Ghanaian music was praised by Liberia.", date="2024-01-01")
    assert "Ghana" not in {e.label for e in doc._.gb_entities.values()}


def test_group_in_a_place_is_a_holder_located_there(nlp):
    doc = run(nlp, "Protesters in Lyon denounced Germany on Sunday.", date="2024-01-01")
    groups = _groups(doc)
    assert set(groups) == {"Protesters in Lyon"}
    assert ("Protesters in Lyon", "Germany", "Negative") in _stances(doc)
    rels = {(r.subject, r.predicate, doc._.gb_entities[r.object].label) for r in doc._.gb_relations}
    assert (groups["Protesters in Lyon"].key, "locatedIn", "Lyon") in rels


def test_group_in_a_country_is_affiliated_with_it(nlp):
    doc = run(nlp, "Students in Chile condemned Peru.", date="2024-01-01")
    groups = _groups(doc)
    assert ("Students in Chile", "Peru", "Negative") in _stances(doc)
    rels = {(r.subject, r.predicate, r.object) for r in doc._.gb_relations}
    assert (groups["Students in Chile"].key, "affiliatedWith", "country/CHL") in rels


def test_negated_stance_of_a_group_in_a_place(nlp):
    doc = run(nlp, "Students in Chile did not condemn Peru.", date="2024-01-01")
    assert _groups(doc) == {}


def test_group_in_a_place_as_an_object_keeps_the_place_reading(nlp):
    # control: as a target, "the rebels in X" is read as before, no group is made
    doc = run(nlp, "Norway supports the rebels in Darfur.", date="2024-01-01")
    assert _groups(doc) == {}


def test_state_noun_in_a_place_is_no_group(nlp):
    # control: "troops in Mali" may be anyone's troops; no group, and not Mali
    doc = run(nlp, "Troops in Mali condemned the rebels.", date="2024-01-01")
    assert _groups(doc) == {}


def test_group_from_an_organization_is_a_member_of_it(nlp):
    doc = run(nlp, "Activists from the Labour Party condemned Israel.", date="2024-01-01")
    groups = _groups(doc)
    assert set(groups) == {"Activists from the Labour Party"}
    assert ("Activists from the Labour Party", "Israel", "Negative") in _stances(doc)
    rels = {(r.subject, r.predicate, doc._.gb_entities[r.object].label) for r in doc._.gb_relations}
    assert (groups["Activists from the Labour Party"].key, "memberOf", "Labour Party") in rels


def test_negated_stance_of_a_group_from_an_organization(nlp):
    doc = run(nlp, "Supporters of the Labour Party did not criticize Israel.", date="2024-01-01")
    assert _groups(doc) == {}


def test_religious_group_without_a_state(nlp):
    doc = run(nlp, "Kenya condemned Sunni militants for the raid.", date="2024-01-01")
    groups = _groups(doc)
    assert set(groups) == {"Sunni militants"}
    assert ("Kenya", "Sunni militants", "Negative") in _stances(doc)
    assert not [r for r in doc._.gb_relations if r.subject == groups["Sunni militants"].key]


def test_religious_group_without_a_stance_is_no_entity(nlp):
    doc = run(nlp, "Christian farmers arrived in Nairobi on Monday.", date="2024-01-01")
    assert _groups(doc) == {}
