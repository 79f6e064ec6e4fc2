"""Build Docs by hand for the extraction tests: the plain spaCy parse plus entity mentions set
as the linker and the coreference would set them (``doc.ents``, ``gb_token_entity``,
``gb_entities``, ``gb_author``)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graphbuilder.nlp.extensions import register_extensions
from graphbuilder.records import Article, Entity


def make_doc(
    nlp, text: str, mentions: list[tuple[str, str, str]], author: str | None = None
) -> Doc:
    """Parse ``text`` and map every whole-word occurrence of each ``(surface, key, cls)``.

    Longer surfaces win where they overlap; ``surface`` may be a pronoun or a title
    ("he", "the President of Kazakhstan"), mapped as the coreference would.
    """
    register_extensions()
    doc = nlp(text)
    spans = []
    taken: set[int] = set()
    for surface, key, cls in sorted(mentions, key=lambda m: -len(m[0])):
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
            span = doc.char_span(m.start(), m.end(), label=cls, alignment_mode="expand")
            if span is None or any(t.i in taken for t in span):
                continue
            taken.update(t.i for t in span)
            spans.append((span, key))
    register_extensions()
    doc.ents = [s for s, _ in sorted(spans, key=lambda x: x[0].start)]
    token_entity: dict[int, str] = {}
    for span, key in spans:
        for e in doc.ents:
            if e.start == span.start and e.end == span.end:
                e._.gb_entity = key
        for t in span:
            token_entity[t.i] = key
    doc._.gb_token_entity = token_entity
    entities = {}
    for surface, key, cls in mentions:
        ent = entities.setdefault(key, Entity(key=key, cls=cls, label=surface))
        ent.aliases.add(surface)
    if author:
        entities.setdefault(author, Entity(key=author, cls="Person", label=author))
    doc._.gb_entities = entities
    doc._.gb_author = author
    doc._.gb_article = Article(source="test.txt", text=text, sha256="0" * 64)
    return doc
