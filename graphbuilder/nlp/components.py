"""graphbuilder's spaCy pipeline components.

Each component is registered with ``@Language.factory``; its ``__call__`` computes with the
plain functions of ``resolve`` and ``extract`` and writes the result onto the Doc extensions
of :mod:`graphbuilder.nlp.extensions`. Data files (KB, lexicons) are loaded once, when the
component is created.

Order in the pipeline (see :func:`graphbuilder.nlp.pipeline.load_pipeline`)::

    tok2vec tagger gb_paragraph_breaks parser attribute_ruler lemmatizer ner gb_kb_ruler
    gb_entity_spans gb_linker gb_extractor

``gb_kb_ruler`` is a spaCy ``span_ruler`` with the KB's names placed after ``ner``: it writes
every KB match to ``doc.spans["gb_kb"]`` and leaves ``doc.ents`` alone, so the model's
entities are never cut by the ruler. ``gb_entity_spans`` then chooses among both
(:func:`graphbuilder.resolve.spans.merge_name_spans`: the longest span that is a name wins,
the KB match on a tie) and keeps the model's own entities in ``doc.spans["gb_model"]``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from graphbuilder.extract.lexicon import load_lexicons
from graphbuilder.extract.relations import extract_relations
from graphbuilder.extract.stances import read_stances
from graphbuilder.nlp.extensions import register_extensions
from graphbuilder.records import Relation
from graphbuilder.resolve.coref import resolve_descriptions, resolve_pronouns, resolve_titles
from graphbuilder.resolve.kb import load_kb
from graphbuilder.resolve.lexicons import load_linking_lexicons
from graphbuilder.resolve.linking import (
    LinkState,
    finish,
    link_article_metadata,
    link_events,
    link_names,
    seat_states,
)
from graphbuilder.resolve.spans import (
    KB_SPANS_KEY,
    MODEL_SPANS_KEY,
    SpanWords,
    merge_name_spans,
)


def mark_paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line (a whitespace token holding ``"\\n\\n"``).

    Ingest separates paragraphs, captions and the title with blank lines; without this the
    parser glues a lone caption ("Tokayev") or the title into the next sentence.
    """
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif "\n\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("gb_paragraph_breaks", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """The ``gb_paragraph_breaks`` component (placed before the parser)."""
    return mark_paragraph_breaks(doc)


class EntitySpans:
    """Chooses ``doc.ents`` from the model's entities and the KB matches (``gb_entity_spans``).

    Reads ``doc.ents`` (the model's) and ``doc.spans["gb_kb"]`` (the KB ruler's); writes the
    model's entities to ``doc.spans["gb_model"]`` and the merged spans to ``doc.ents``.
    """

    def __init__(self, kb_dir: str | None = None, lexicon_dir: str | None = None) -> None:
        kb = load_kb(kb_dir)
        lex = load_linking_lexicons(lexicon_dir)
        self.words = SpanWords(
            not_name=kb.title_words()
            | lex.person_titles
            | lex.rank_prefixes
            | lex.place_prepositions,
            titles=kb.title_words(),
            heads=lex.generic_heads | lex.event_heads,
            surname_ids=frozenset(
                e.id
                for e in kb.entries.values()
                if e.cls == "Person" or (e.cls == "Location" and e.subclass == "City")
            ),
        )

    def __call__(self, doc: Doc) -> Doc:
        model = list(doc.ents)
        doc.spans[MODEL_SPANS_KEY] = model
        kb = list(doc.spans[KB_SPANS_KEY]) if KB_SPANS_KEY in doc.spans else []
        doc.ents = merge_name_spans(doc, model, kb, self.words)
        return doc


@Language.factory(
    "gb_entity_spans",
    default_config={"kb_dir": None, "lexicon_dir": None},
    requires=["doc.ents", "token.tag", "token.pos"],
    assigns=["doc.ents", "doc.spans"],
)
def make_entity_spans(nlp: Language, name: str, kb_dir: str | None, lexicon_dir: str | None):
    """Create the ``gb_entity_spans`` component (model and KB spans merged)."""
    return EntitySpans(kb_dir=kb_dir, lexicon_dir=lexicon_dir)


class EntityLinker:
    """Links mentions to entities and resolves coreference (``gb_linker``).

    Reads ``doc.ents`` (KB ruler + NER) and ``doc._.gb_article``; writes ``doc._.gb_entities``,
    ``doc._.gb_mentions``, ``doc._.gb_token_entity``, ``doc._.gb_author``, the title-derived
    ``doc._.gb_relations`` and ``ent._.gb_entity``; replaces ``doc.ents`` with the linked names.
    """

    def __init__(self, kb_dir: str | None = None, lexicon_dir: str | None = None) -> None:
        register_extensions()
        self.kb = load_kb(kb_dir, lexicon_dir)
        self.lex = load_linking_lexicons(lexicon_dir)

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.gb_article
        state = LinkState(doc=doc, kb=self.kb, lex=self.lex, date=article.date if article else None)
        link_names(state)
        link_events(state)
        relations = resolve_titles(state)
        resolve_descriptions(state)
        resolve_pronouns(state)
        author = None
        if article is not None:
            author = link_article_metadata(state, article.author, article.place)
        finish(state, article.doc_id if article else None)
        doc._.gb_author = author
        doc._.gb_relations = relations
        doc._.gb_seats = seat_states(state)
        return doc


@Language.factory(
    "gb_linker",
    default_config={"kb_dir": None, "lexicon_dir": None},
    requires=["doc.ents", "token.dep", "token.lemma"],
    assigns=[
        "doc.ents",
        "doc._.gb_entities",
        "doc._.gb_mentions",
        "doc._.gb_token_entity",
        "doc._.gb_author",
        "doc._.gb_relations",
        "doc._.gb_seats",
    ],
)
def make_entity_linker(nlp: Language, name: str, kb_dir: str | None, lexicon_dir: str | None):
    """Create the ``gb_linker`` component (entity linking + coreference)."""
    return EntityLinker(kb_dir=kb_dir, lexicon_dir=lexicon_dir)


class Extractor:
    """Reads relations and stances off the parse (``gb_extractor``).

    Appends to ``doc._.gb_relations`` and sets ``doc._.gb_stances``; the events minted for
    stance targets that name no entity join ``doc._.gb_entities`` and ``doc._.gb_mentions``.
    """

    def __init__(self, lexicon_dir: str | None = None) -> None:
        register_extensions()
        self.lexicons = load_lexicons(lexicon_dir)

    def __call__(self, doc: Doc) -> Doc:
        relations = list(doc._.gb_relations or [])
        relations.extend(extract_relations(doc, self.lexicons))
        reading = read_stances(doc, self.lexicons)
        relations.extend(reading.relations)
        doc._.gb_relations = unique_relations(relations)
        doc._.gb_stances = reading.stances
        if reading.events:
            doc._.gb_entities = {**(doc._.gb_entities or {}), **reading.events}
            doc._.gb_mentions = [*(doc._.gb_mentions or []), *reading.mentions]
        return doc


def unique_relations(relations: list[Relation]) -> list[Relation]:
    """One relation per (subject, predicate, object, evidence sentence): the most confident.

    Titles are read both by coreference (the title's holder) and by the relation extractor;
    the same fact from the same sentence is kept once, in first-seen order.
    """
    best: dict[tuple, Relation] = {}
    for rel in relations:
        where = rel.evidence.char_start if rel.evidence else None
        key = (rel.subject, rel.predicate, rel.object, rel.origin, where)
        if key not in best or rel.confidence > best[key].confidence:
            best[key] = rel
    return list(best.values())


@Language.factory(
    "gb_extractor",
    default_config={"lexicon_dir": None},
    requires=["doc._.gb_entities", "doc._.gb_token_entity", "doc._.gb_seats"],
    assigns=["doc._.gb_relations", "doc._.gb_stances", "doc._.gb_entities", "doc._.gb_mentions"],
)
def make_extractor(nlp: Language, name: str, lexicon_dir: str | None):
    """Create the ``gb_extractor`` component (relations and stances)."""
    return Extractor(lexicon_dir=lexicon_dir)
