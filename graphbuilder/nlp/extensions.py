"""The one module that registers graphbuilder's ``Doc``/``Span`` extensions.

Call :func:`register_extensions` once before running the pipeline (``load_pipeline`` and
every ``gb_*`` component does); nothing is registered at import time.

Every value is a record of :mod:`graphbuilder.records`, a str, an int or a dict/list of them,
keyed by entity key or token index (tokens are the same after a round trip through bytes):
the codecs of :mod:`graphbuilder.nlp.codec` write the records as plain, JSON-serialisable
maps, so the values survive ``DocBin(store_user_data=True)``. Read back from bytes, a list
value is a tuple (msgpack does not tell them apart).

Doc extensions
--------------
``doc._.gb_article`` : Article or None
    The ingested article the Doc was made from (metadata, source, sha256): set by the caller
    on the Doc before the pipeline runs (:func:`graphbuilder.nlp.run.process_articles`), else
    by the ``gb_article`` component from the Doc's text.
``doc._.gb_entities`` : dict[str, Entity]
    The entities of this document by key.
``doc._.gb_mentions`` : list[Mention]
    Every mention (names, titles, demonyms, pronouns, descriptions), in text order.
``doc._.gb_token_entity`` : dict[int, str]
    Token index -> entity key, for every token inside a resolved mention (names, titles,
    demonyms, pronouns, descriptions). The extractors reach entities through the parse and this
    map, never by nearness in the raw text.
``doc._.gb_token_group`` : dict[int, list[str]]
    Token index -> the entity keys of a plural pronoun ("they", "their") that stands for a
    conjoined set ("France and Germany ... they"); its first key is also in
    ``gb_token_entity``.
``doc._.gb_author`` : str or None
    Entity key of the article's author (holder of the author's own opinions).
``doc._.gb_publisher`` : str or None
    Entity key of the article's publisher (``Article.publisher``): the first person of an
    institution's own statement (:mod:`graphbuilder.extract.holders`).
``doc._.gb_relations`` : list[Relation]
``doc._.gb_stances`` : list[Stance]
``doc._.gb_seats`` : dict[str, Entity]
    Entity key of each capital the document mentions -> the entity of the state whose
    government sits there (KB ``seats.csv``); the stance extractor reads a capital that holds or
    receives a stance as that state ("Beijing condemned ..."), and nothing else does.

Span extensions
---------------
``span._.gb_entity`` : str or None
    Entity key of a mention span (set on ``doc.ents`` members by the linker).
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from graphbuilder.nlp.codec import plain, register_codecs

DOC_EXTENSIONS = {
    "gb_article": None,
    "gb_entities": None,
    "gb_mentions": None,
    "gb_token_entity": None,
    "gb_token_group": None,
    "gb_author": None,
    "gb_publisher": None,
    "gb_relations": None,
    "gb_stances": None,
    "gb_seats": None,
}


def register_extensions() -> None:
    """Register the extensions above on ``Doc`` and ``Span`` (idempotent), and the msgpack
    codecs of their records (:mod:`graphbuilder.nlp.codec`), so a Doc keeps them through
    ``Doc.to_bytes``, ``DocBin(store_user_data=True)`` and ``nlp.pipe(n_process=2)``."""
    register_codecs()
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Span.has_extension("gb_entity"):
        Span.set_extension("gb_entity", default=None)


def doc_extensions(doc: Doc) -> dict:
    """Every ``doc._.gb_*`` value of a Doc and the ``span._.gb_entity`` of its entities, as
    JSON-serialisable data (:func:`graphbuilder.nlp.codec.plain`), to compare or inspect Docs
    across processes.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A processed Doc (the extensions registered).

    Returns
    -------
    dict
        ``{"gb_article": ..., "gb_entities": ..., ..., "ents": [[start_char, end_char, label,
        entity id, gb_entity], ...]}``; character offsets into ``doc.text``.
    """
    out = {name: plain(getattr(doc._, name)) for name in DOC_EXTENSIONS}
    out["ents"] = [[e.start_char, e.end_char, e.label_, e.ent_id_, e._.gb_entity] for e in doc.ents]
    return out


_TOKEN_ENTITY_KEY = ("._.", "gb_token_entity", None, None)


def entity_of_token(doc: Doc, i: int) -> str | None:
    """Return the entity key of token ``i`` of ``doc`` (None when it is in no mention).

    Reads the value of ``doc._.gb_token_entity`` where spaCy keeps it (``doc.user_data``),
    without building the ``doc._`` accessor: the extractors call this for most tokens of
    every sentence (tens of thousands of calls per few thousand words).
    """
    mapping = doc.user_data.get(_TOKEN_ENTITY_KEY)
    return mapping.get(i) if mapping else None


_TOKEN_GROUP_KEY = ("._.", "gb_token_group", None, None)


def group_of_token(doc: Doc, i: int) -> list[str]:
    """The entity keys of token ``i`` when it is a plural pronoun standing for several
    entities (``doc._.gb_token_group``), else an empty list."""
    mapping = doc.user_data.get(_TOKEN_GROUP_KEY)
    return list(mapping.get(i, ())) if mapping else []


def sentence_index(doc: Doc, token_i: int) -> int:
    """Index of the sentence holding token ``token_i`` (0 without sentence boundaries); the
    sentence starts are computed once per Doc and kept in ``doc.user_data``."""
    starts = doc.user_data.get("gb_sentence_starts")
    if starts is None:
        if not doc.has_annotation("SENT_START"):
            return 0
        starts = [sent.start for sent in doc.sents]
        doc.user_data["gb_sentence_starts"] = starts
    return bisect_right(starts, token_i) - 1
