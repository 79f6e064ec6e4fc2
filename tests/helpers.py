"""Small helpers for tests that run the real pipeline on a sentence or two."""

from __future__ import annotations

import hashlib

from graphbuilder.nlp.run import process_articles
from graphbuilder.records import Article


def make_article(text: str, *, date: str | None = None, author: str | None = None) -> Article:
    """An Article of ``text`` as ingest would make it (sha256 of the UTF-8 text)."""
    return Article(
        source="test.txt",
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        date=date,
        author=author,
    )


def run(nlp, text: str, *, date: str | None = None, author: str | None = None):
    """Run the full pipeline on ``text``; return the processed Doc."""
    [(_, doc)] = list(process_articles(nlp, [make_article(text, date=date, author=author)]))
    return doc


def entity_labels(doc) -> dict[str, str]:
    """label -> class of the document's entities."""
    return {e.label: e.cls for e in doc._.gb_entities.values()}


def key_of(doc, surface: str) -> str | None:
    """Entity key of the first mention whose text is ``surface``."""
    for m in doc._.gb_mentions:
        if m.text == surface:
            return m.entity
    return None


def stance_rows(doc) -> list[tuple]:
    """(holder label, target label, type, polarity, attribution, confidence) of each stance of
    ``doc``, labels from ``doc._.gb_entities`` (the key where the entity is unknown)."""
    ents = doc._.gb_entities

    def label(key: str) -> str:
        return ents[key].label if key in ents else key

    return [
        (label(s.holder), label(s.target), s.stance_type, s.polarity, s.attribution, s.confidence)
        for s in doc._.gb_stances
    ]
