"""graphbuilder's spaCy pipeline components.

Each component is registered with ``@Language.factory`` (and through the ``spacy_factories``
entry points of ``pyproject.toml``, so ``spacy.load`` of a saved pipeline finds them in a
fresh process); its ``__call__`` computes with the plain functions of ``resolve`` and
``extract`` and writes the result onto the Doc extensions of
:mod:`graphbuilder.nlp.extensions`. All of them run inside ``nlp.pipe``
(:func:`graphbuilder.nlp.run.process_articles`).

Order in the pipeline (see :func:`graphbuilder.nlp.pipeline.load_pipeline`)::

    gb_article tok2vec tagger gb_paragraph_breaks parser attribute_ruler lemmatizer ner
    gb_kb_ruler gb_entity_spans gb_linker gb_extractor

``gb_kb_ruler`` is a spaCy ``span_ruler`` with the KB's names placed after ``ner``: it writes
every KB match to ``doc.spans["gb_kb"]`` and leaves ``doc.ents`` alone, so the model's
entities are never cut by the ruler. ``gb_entity_spans`` then chooses among both
(:func:`graphbuilder.resolve.spans.merge_name_spans`: the longest span that is a name wins,
the KB match on a tie) and keeps the model's own entities in ``doc.spans["gb_model"]``.

Data and settings
-----------------
The KB and lexicon folders are factory settings (``kb_dir``, ``lexicon_dir`` in the
component's ``[components.<name>]`` config; ``None`` means the folders in effect,
:func:`graphbuilder.paths.kb_dir` / :func:`graphbuilder.paths.lexicon_dir`). The data are read
from them by the component's ``initialize`` (which ``load_pipeline`` calls with the one KB it
loaded, and which ``nlp.initialize`` calls with the ``[initialize.components.<name>]``
settings); ``from_disk`` (run by ``spacy.load``) initializes from the configured folders, and
a component never initialized does so on its first Doc. While a component runs, its folders
are the ones in effect (:func:`graphbuilder.paths.use_data`), so no loader on its path reads
another folder (the default one) instead. A pipeline saved with ``nlp.to_disk`` therefore
references the KB and lexicon folders by the (absolute) paths in its ``config.cfg``: the data
files are not copied; the KB's names are, in the ruler's ``gb_kb_ruler/patterns.jsonl``.

Requirements
------------
``requires``/``assigns`` name what each component reads and writes, so
``nlp.analyze_pipes()`` checks the order. One thing is not declared: ``token.pos``, which the
components read too, is set by the English pipelines' ``attribute_ruler`` (from
``token.tag``), whose factory declares no ``assigns``; the components list ``token.tag``.
"""

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Self

from spacy.language import Language
from spacy.tokens import Doc

from graphbuilder import paths
from graphbuilder.extract.holders import resolve_first_person
from graphbuilder.extract.lexicon import ExtractionLexicons, load_lexicons
from graphbuilder.extract.quotes import find_quotes
from graphbuilder.extract.relations import extract_relations
from graphbuilder.extract.stances import read_stances
from graphbuilder.nlp.extensions import register_extensions
from graphbuilder.records import Article, Relation
from graphbuilder.resolve.coref import resolve_descriptions, resolve_pronouns, resolve_titles
from graphbuilder.resolve.groups import link_groups, prune_groups
from graphbuilder.resolve.headmatch import (
    resolve_head_matches,
    resolve_plural_descriptions,
    resolve_title_matches,
)
from graphbuilder.resolve.kb import SPACY_LABELS, KnowledgeBase, load_kb
from graphbuilder.resolve.lexicons import LinkingLexicons, load_linking_lexicons
from graphbuilder.resolve.linking import (
    LinkState,
    finish,
    link_article_metadata,
    link_events,
    link_names,
    link_publisher,
    seat_states,
)
from graphbuilder.resolve.spans import (
    KB_SPANS_KEY,
    MODEL_SPANS_KEY,
    SpanWords,
    merge_name_spans,
    with_dateline_places,
)

#: What the components after the parser read of the parse (``token.pos`` too, see above).
_PARSE = ["doc.sents", "token.dep", "token.head", "token.lemma", "token.tag"]
# what the linker writes and the extractor reads
_LINKED = [
    "doc._.gb_entities",
    "doc._.gb_mentions",
    "doc._.gb_token_entity",
    "doc._.gb_token_group",
    "doc._.gb_author",
    "doc._.gb_publisher",
    "doc._.gb_relations",
    "doc._.gb_seats",
]


def article_of_text(text: str) -> Article:
    """The :class:`~graphbuilder.records.Article` of a bare text: no source or metadata, the
    SHA-256 of its UTF-8 bytes (so ``doc_id`` is stable for the same text)."""
    return Article(source="", text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


class ArticleMetadata:
    """Makes sure ``doc._.gb_article`` is set (``gb_article``, the first component).

    The caller sets the ingested article on the Doc before the pipeline runs
    (:func:`graphbuilder.nlp.run.process_articles`); a Doc made from a bare text
    (``nlp(text)``) gets :func:`article_of_text`.
    """

    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        if doc._.gb_article is None:
            doc._.gb_article = article_of_text(doc.text)
        return doc


@Language.factory("gb_article", requires=[], assigns=["doc._.gb_article"])
def make_article_metadata(nlp: Language, name: str) -> ArticleMetadata:
    """Create the ``gb_article`` component (the article's metadata on the Doc)."""
    return ArticleMetadata()


class _FolderComponent:
    """A component whose data are read from the KB and lexicon folders of its config.

    Parameters
    ----------
    name : str
        The component's name in the pipeline.
    kb_dir, lexicon_dir : str, optional
        The folders (factory config); None: those in effect when it is initialized.
    """

    #: Whether the component reads the KB (else only the lexicons).
    reads_kb = True

    def __init__(self, name: str, kb_dir: str | None, lexicon_dir: str | None) -> None:
        register_extensions()
        self.name = name
        self.kb_dir = kb_dir
        self.lexicon_dir = lexicon_dir
        self.data_dirs: tuple[str | None, str] | None = None

    @property
    def is_initialized(self) -> bool:
        """Whether the data are loaded."""
        return self.data_dirs is not None

    def initialize(
        self,
        get_examples: Callable[[], Iterable] | None = None,
        *,
        nlp: Language | None = None,
        kb: KnowledgeBase | None = None,
    ) -> None:
        """Read the component's data from its folders (spaCy's ``initialize``).

        Parameters
        ----------
        get_examples : callable, optional
            Unused (nothing is trained).
        nlp : Language, optional
            Unused.
        kb : KnowledgeBase, optional
            The KB of the configured folders, already loaded (``load_pipeline`` loads it once
            for all components); default: loaded here from them.

        Raises
        ------
        KnowledgeBaseError
            A folder is missing or holds a malformed file.
        """
        dirs = (
            str(paths.kb_dir(self.kb_dir).resolve()) if self.reads_kb else None,
            str(paths.lexicon_dir(self.lexicon_dir).resolve()),
        )
        self._load(dirs, kb)
        self.data_dirs = dirs

    def _load(self, dirs: tuple[str | None, str], kb: KnowledgeBase | None) -> None:
        """Read the data from the absolute (KB, lexicon) folders ``dirs``."""
        raise NotImplementedError

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Self:
        """Initialize from the configured folders (``spacy.load``; nothing of the component is
        written to the pipeline's folder: the config names the folders)."""
        self.initialize()
        return self

    def __call__(self, doc: Doc) -> Doc:
        if self.data_dirs is None:
            self.initialize()
        with paths.use_data(*self.data_dirs):
            return self.process(doc)

    def process(self, doc: Doc) -> Doc:
        """Annotate one Doc (the folders of the component in effect)."""
        raise NotImplementedError


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


@Language.factory("gb_paragraph_breaks", requires=[], assigns=["token.is_sent_start"])
def make_paragraph_breaks(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Create the ``gb_paragraph_breaks`` component (placed before the parser; reads only the
    tokens' text and whitespace)."""
    return mark_paragraph_breaks


class EntitySpans(_FolderComponent):
    """Chooses ``doc.ents`` from the model's entities and the KB matches (``gb_entity_spans``).

    Reads ``doc.ents`` (the model's) and ``doc.spans["gb_kb"]`` (the KB ruler's); writes the
    model's entities to ``doc.spans["gb_model"]`` and the merged spans to ``doc.ents``.
    """

    def _load(self, dirs: tuple[str, str], kb: KnowledgeBase | None) -> None:
        kb = kb if kb is not None else load_kb(*dirs)
        lex = load_linking_lexicons(dirs[1])
        self.kb = kb
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

    def process(self, doc: Doc) -> Doc:
        model = list(doc.ents)
        doc.spans[MODEL_SPANS_KEY] = model
        kb = list(doc.spans[KB_SPANS_KEY]) if KB_SPANS_KEY in doc.spans else []
        names, kb = with_dateline_places(doc, model, kb, self._place_of)
        doc.ents = merge_name_spans(doc, names, kb, self.words)
        return doc

    def _place_of(self, name: str) -> tuple[str, str] | None:
        """The KB id and spaCy label of the one place or country ``name`` names, if any."""
        places = [e for e in self.kb.lookup(name) if e.cls in ("Location", "Country")]
        if len({e.id for e in places}) != 1:
            return None
        return places[0].id, SPACY_LABELS[places[0].cls]


@Language.factory(
    "gb_entity_spans",
    default_config={"kb_dir": None, "lexicon_dir": None},
    requires=["doc.ents", "doc.spans", "doc.sents", "token.tag"],
    assigns=["doc.ents", "doc.spans", "token.ent_iob", "token.ent_type"],
)
def make_entity_spans(
    nlp: Language, name: str, kb_dir: str | None, lexicon_dir: str | None
) -> EntitySpans:
    """Create the ``gb_entity_spans`` component (model and KB spans merged)."""
    return EntitySpans(name, kb_dir, lexicon_dir)


class EntityLinker(_FolderComponent):
    """Links mentions to entities and resolves coreference (``gb_linker``).

    Reads ``doc.ents`` (KB ruler + NER), the parse and ``doc._.gb_article``; writes
    ``doc._.gb_entities``, ``doc._.gb_mentions``, ``doc._.gb_token_entity``,
    ``doc._.gb_token_group``, ``doc._.gb_author``, ``doc._.gb_publisher``, ``doc._.gb_seats``,
    the title-derived ``doc._.gb_relations`` and ``ent._.gb_entity``; replaces ``doc.ents``
    with the linked names.
    """

    kb: KnowledgeBase
    lex: LinkingLexicons

    def _load(self, dirs: tuple[str, str], kb: KnowledgeBase | None) -> None:
        self.kb = kb if kb is not None else load_kb(*dirs)
        self.lex = load_linking_lexicons(dirs[1])

    def process(self, doc: Doc) -> Doc:
        article = doc._.gb_article
        state = LinkState(doc=doc, kb=self.kb, lex=self.lex, date=article.date if article else None)
        link_names(state)
        link_events(state)
        groups = link_groups(state)
        relations = resolve_titles(state) + groups
        resolve_descriptions(state)
        resolve_head_matches(state)
        resolve_title_matches(state)
        resolve_plural_descriptions(state)
        resolve_pronouns(state)
        author = publisher = None
        if article is not None:
            author = link_article_metadata(state, article.author, article.place)
            publisher = link_publisher(state, article.publisher)
        finish(state, article.doc_id if article else None)
        doc._.gb_author = author
        doc._.gb_publisher = publisher
        doc._.gb_relations = relations
        doc._.gb_seats = seat_states(state)
        return doc


@Language.factory(
    "gb_linker",
    default_config={"kb_dir": None, "lexicon_dir": None},
    requires=["doc.ents", "doc.spans", *_PARSE, "doc._.gb_article"],
    assigns=["doc.ents", "span._.gb_entity", *_LINKED],
)
def make_entity_linker(
    nlp: Language, name: str, kb_dir: str | None, lexicon_dir: str | None
) -> EntityLinker:
    """Create the ``gb_linker`` component (entity linking + coreference)."""
    return EntityLinker(name, kb_dir, lexicon_dir)


class Extractor(_FolderComponent):
    """Reads relations and stances off the parse (``gb_extractor``).

    Appends to ``doc._.gb_relations`` and sets ``doc._.gb_stances``; the events minted for
    stance targets that name no entity join ``doc._.gb_entities`` and ``doc._.gb_mentions``.
    First-person pronouns are resolved to the speaker, author or publisher first
    (:func:`graphbuilder.extract.holders.resolve_first_person`, after the quotes are found),
    so relations and stances read them as mentions; the unnamed groups of the linker
    (:mod:`graphbuilder.resolve.groups`) that no stance uses are dropped at the end.
    """

    lexicons: ExtractionLexicons
    reads_kb = False

    def _load(self, dirs: tuple[str | None, str], kb: KnowledgeBase | None) -> None:
        self.lexicons = load_lexicons(dirs[1])

    def process(self, doc: Doc) -> Doc:
        quotes = find_quotes(doc, self.lexicons.reporting)
        resolve_first_person(doc, quotes)
        relations = list(doc._.gb_relations or [])
        relations.extend(extract_relations(doc, self.lexicons))
        reading = read_stances(doc, self.lexicons, quotes)
        relations.extend(reading.relations)
        doc._.gb_stances = reading.stances
        if reading.events:
            doc._.gb_entities = {**(doc._.gb_entities or {}), **reading.events}
            doc._.gb_mentions = [*(doc._.gb_mentions or []), *reading.mentions]
        # unnamed groups ("Afghan rebels") stay only where a stance uses them
        doc._.gb_relations = prune_groups(doc, reading.stances, unique_relations(relations))
        return doc


def unique_relations(relations: list[Relation]) -> list[Relation]:
    """One relation per (subject, predicate, object, evidence sentence): the most confident.

    Titles are read both by coreference (the title's holder) and by the relation extractor;
    the same fact from the same sentence is kept once, in first-seen order. An ``officialOf``
    read from a sentence that also gives the same pair ``leaderOf`` ("Justin Trudeau, Canada's
    prime minister") is the same office said less exactly, and is dropped.
    """
    leads = {
        (r.subject, r.object, r.evidence.char_start if r.evidence else None)
        for r in relations
        if r.predicate == "leaderOf"
    }
    best: dict[tuple, Relation] = {}
    for rel in relations:
        where = rel.evidence.char_start if rel.evidence else None
        if rel.predicate == "officialOf" and (rel.subject, rel.object, where) in leads:
            continue
        key = (rel.subject, rel.predicate, rel.object, rel.origin, where)
        if key not in best or rel.confidence > best[key].confidence:
            best[key] = rel
    return list(best.values())


@Language.factory(
    "gb_extractor",
    default_config={"lexicon_dir": None},
    requires=["doc.ents", *_PARSE, "token.ent_type", "doc._.gb_article", *_LINKED],
    assigns=[
        "doc._.gb_relations",
        "doc._.gb_stances",
        "doc._.gb_entities",
        "doc._.gb_mentions",
        "doc._.gb_token_entity",
    ],
)
def make_extractor(nlp: Language, name: str, lexicon_dir: str | None) -> Extractor:
    """Create the ``gb_extractor`` component (relations and stances)."""
    return Extractor(name, None, lexicon_dir)
