"""Resolution across documents: one entity per real thing over the corpus (issue 3, item 5)."""

from __future__ import annotations

import pytest

from graphbuilder.nlp.run import process_articles, records_from_doc
from graphbuilder.resolve.merge import merge_documents
from tests.helpers import make_article

pytestmark = pytest.mark.slow


def _records(nlp, *texts):
    articles = [make_article(t, date="2022-05-17") for t in texts]
    return [records_from_doc(doc) for _, doc in process_articles(nlp, articles)]


def test_one_node_per_real_thing_across_documents(linker_nlp):
    docs = _records(
        linker_nlp,
        "Ainur Kurmanov wrote the column. Sadyr Japarov spoke in Bishkek.",
        "Zhaparov later said that Kurmanov had left for Almaty.",
    )
    entities, merged = merge_documents(docs)
    people = sorted(e.label for e in entities.values() if e.cls == "Person")
    assert people == ["Ainur Kurmanov", "Sadyr Japarov"]
    japarov = next(e for e in entities.values() if e.label == "Sadyr Japarov")
    assert "Zhaparov" in japarov.aliases and len(japarov.documents) == 2
    kurmanov = next(e for e in entities.values() if e.label == "Ainur Kurmanov")
    assert "Kurmanov" in kurmanov.aliases and len(kurmanov.documents) == 2
    # every record now points at the merged keys
    keys = {m.entity for rec in merged for m in rec.mentions}
    assert keys <= set(entities)


def test_a_surname_shared_by_two_people_is_not_merged(linker_nlp):
    docs = _records(
        linker_nlp,
        "Ainur Kurmanov wrote the column.",
        "Marat Kurmanov answered him.",
        "Kurmanov replied again.",
    )
    entities, _ = merge_documents(docs)
    labels = sorted(e.label for e in entities.values() if e.cls == "Person")
    assert labels == ["Ainur Kurmanov", "Kurmanov", "Marat Kurmanov"]
