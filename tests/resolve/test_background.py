"""KB background facts: only between entities the document mentions in one sentence."""

from __future__ import annotations

from graphbuilder.records import Entity, Mention
from graphbuilder.resolve.background import background_relations
from graphbuilder.resolve.kb import load_kb


def _entities(*ids: str) -> dict[str, Entity]:
    kb = load_kb()
    return {
        i: Entity(key=i, cls=kb.entries[i].cls, label=kb.entries[i].label, kb_id=i) for i in ids
    }


def test_facts_only_between_entities_of_one_sentence():
    kb = load_kb()
    entities = _entities("country/TUR", "org/nato", "country/KAZ", "org/csto")
    mentions = [
        Mention("Turkey", 0, 6, "country/TUR", sentence=0),
        Mention("NATO", 100, 104, "org/nato", sentence=3),
        Mention("Kazakhstan", 200, 210, "country/KAZ", sentence=5),
        Mention("CSTO", 220, 224, "org/csto", sentence=5),
    ]
    facts = {
        (r.subject, r.predicate, r.object)
        for r in background_relations(entities, kb, "2022-05-17", mentions)
    }
    assert ("country/KAZ", "memberOf", "org/csto") in facts
    assert ("country/TUR", "memberOf", "org/nato") not in facts
    every = background_relations(entities, kb, "2022-05-17")
    assert ("country/TUR", "memberOf", "org/nato") in {
        (r.subject, r.predicate, r.object) for r in every
    }
    assert all(r.origin == "kb" and r.kb_entry and r.evidence is None for r in every)


def test_office_holder_on_the_articles_date():
    kb = load_kb()
    entities = _entities("person/nursultan-nazarbayev", "country/KAZ")
    mentions = [
        Mention("Nazarbayev", 0, 10, "person/nursultan-nazarbayev", sentence=1),
        Mention("Kazakhstan", 20, 30, "country/KAZ", sentence=1),
    ]
    then = background_relations(entities, kb, "2015-01-01", mentions)
    now = background_relations(entities, kb, "2022-05-17", mentions)
    assert [(r.predicate, r.object) for r in then] == [("leaderOf", "country/KAZ")]
    assert now == []


def test_memberships_on_the_articles_date():
    kb = load_kb()
    entities = _entities("country/FIN", "org/nato", "country/GBR", "org/eu")

    def facts(day):
        return {(r.subject, r.object) for r in background_relations(entities, kb, day)}

    assert ("country/FIN", "org/nato") not in facts("2022-05-16")  # before it joined
    assert ("country/FIN", "org/nato") in facts("2024-01-01")
    assert ("country/GBR", "org/eu") in facts("2015-06-01")  # a past membership, in force then
    assert ("country/GBR", "org/eu") not in facts("2022-01-01")
