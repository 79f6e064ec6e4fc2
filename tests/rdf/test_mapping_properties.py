"""Property tests of the RDF mapping over arbitrary Unicode (hypothesis): records whose every
text field is arbitrary text map to a graph that conforms to the SHACL shapes, serialises to
Turtle and N-Quads, and parses back to the same triples."""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graphbuilder.rdf.io import serialize_graph
from graphbuilder.rdf.mapping import dataset_to_graph, records_to_dataset
from graphbuilder.rdf.validate import validate_graph
from graphbuilder.records import (
    ENTITY_CLASSES,
    NEGATIVE_STANCE_TYPES,
    POSITIVE_STANCE_TYPES,
    RELATION_TYPES,
    Article,
    DocumentRecords,
    Entity,
    Evidence,
    Mention,
    Relation,
    Stance,
)

# any Unicode, surrogates excluded (they cannot be encoded as UTF-8, so no file holds them)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
SHORT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@st.composite
def records(draw) -> tuple[DocumentRecords, dict[str, Entity]]:
    """One document with 2-4 entities of arbitrary keys, labels and aliases, a relation, a
    stance and a mention, all pointing into an arbitrary text."""
    body = draw(TEXT)
    title = draw(st.none() | TEXT)
    text = (title + "\n\n" if title else "") + body
    article = Article(
        source=draw(TEXT),
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=title,
        author=draw(st.none() | TEXT),
        date=draw(st.none() | st.dates().map(lambda d: d.isoformat()) | SHORT),
        place=draw(st.none() | TEXT),
        url=draw(st.none() | TEXT),
    )
    keys = draw(st.lists(TEXT, min_size=2, max_size=4, unique=True))
    # merged entities: one entity per Wikidata item
    qids = draw(
        st.lists(st.integers(1, 10**9), min_size=len(keys), max_size=len(keys), unique=True)
    )
    entities = {}
    for key, number in zip(keys, qids, strict=True):
        qid = draw(st.none() | st.just(f"Q{number}"))
        entities[key] = Entity(
            key=key,
            cls=draw(st.sampled_from(ENTITY_CLASSES)),
            label=draw(TEXT),
            aliases=set(draw(st.lists(TEXT, max_size=3))),
            qid=qid,
            kb_id=key if qid else None,
            documents={article.doc_id},
            mentions=1,
        )
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    evidence = Evidence(text[start:end], start, end)
    a, b = keys[0], keys[1]
    polarity = draw(st.sampled_from(("Positive", "Negative")))
    types = POSITIVE_STANCE_TYPES if polarity == "Positive" else NEGATIVE_STANCE_TYPES
    rec = DocumentRecords(
        article=article,
        entities=entities,
        mentions=[Mention(text[start:end], start, end, a)],
        relations=[
            Relation(
                a,
                draw(st.sampled_from(RELATION_TYPES)),
                b,
                confidence=draw(st.floats(0, 1)),
                evidence=evidence,
                doc_id=article.doc_id,
            )
        ],
        stances=[
            Stance(
                holder=a,
                target=b,
                polarity=polarity,
                stance_type=draw(st.sampled_from(types)),
                attribution=draw(
                    st.sampled_from(("DirectQuote", "ReportedSpeech", "AuthorOpinion"))
                ),
                evidence=evidence,
                confidence=draw(st.floats(0, 1)),
                cue=draw(SHORT),
                topic=draw(st.none() | TEXT),
                doc_id=article.doc_id,
            )
        ],
    )
    return rec, entities


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_mapping_of_arbitrary_unicode_round_trips(example):
    rec, entities = example
    ds = records_to_dataset([rec], entities)
    graph = dataset_to_graph(ds)
    assert len(graph) > 0
    # Turtle: rdflib reads back the same triples, and so does Oxigraph (a second parser)
    turtle = serialize_graph(graph, "turtle")
    back = Graph().parse(data=turtle.decode("utf-8"), format="turtle")
    assert isomorphic(back, graph)
    assert len(list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))) == len(graph)
    # N-Quads keeps the document's named graph
    nquads = serialize_graph(ds, "nquads")
    again = Dataset()
    again.parse(data=nquads.decode("utf-8"), format="nquads")
    assert len(again) == len(ds) and {len(g) for g in again.graphs() if len(g)} == {len(graph)}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_mapping_of_arbitrary_unicode_conforms_to_the_shapes(example):
    rec, entities = example
    report = validate_graph(dataset_to_graph(records_to_dataset([rec], entities)))
    assert report.conforms, report.violations[:3]
