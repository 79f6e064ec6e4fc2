"""Plain records passed between the stages of the data flow.

``ingest`` makes an :class:`Article`; the spaCy components put :class:`Mention`,
:class:`Entity`, :class:`Relation` and :class:`Stance` records on the ``Doc``;
``resolve.merge`` merges the :class:`DocumentRecords` of many documents; ``rdf.mapping`` turns
them into triples. Records hold only plain data (str, int, float, tuples), so they pickle for
worker processes and compare by value in tests.

Units: every ``start``/``end``/``char_start``/``char_end`` is a character offset into
``Article.text`` (the cleaned text), end exclusive. ``confidence`` is a float in [0, 1].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityClass = Literal["Person", "Country", "Organization", "Location", "Event"]
ENTITY_CLASSES: tuple[str, ...] = ("Person", "Country", "Organization", "Location", "Event")

RelationType = Literal["leaderOf", "officialOf", "memberOf", "partOf", "locatedIn"]
RELATION_TYPES: tuple[str, ...] = ("leaderOf", "officialOf", "memberOf", "partOf", "locatedIn")

Polarity = Literal["Positive", "Negative"]
StanceType = Literal[
    "Support",
    "Proposal",
    "Cooperation",
    "Praise",
    "Opposition",
    "Criticism",
    "Condemnation",
    "Refusal",
    "Concern",
]
POSITIVE_STANCE_TYPES: tuple[str, ...] = ("Support", "Proposal", "Cooperation", "Praise")
NEGATIVE_STANCE_TYPES: tuple[str, ...] = (
    "Opposition",
    "Criticism",
    "Condemnation",
    "Refusal",
    "Concern",
)
Attribution = Literal["DirectQuote", "ReportedSpeech", "AuthorOpinion"]


@dataclass(frozen=True, slots=True)
class Article:
    """One input document after ingest.

    Attributes
    ----------
    source : str
        The path (as given on the command line, made absolute) or URL it was read from.
    text : str
        The cleaned article text: page clutter removed. All offsets refer to this string.
    sha256 : str
        Hex SHA-256 digest of the raw input bytes (identifies the document).
    title, author, date, place, url : str or None
        Metadata where the page gives them; ``date`` is ISO 8601 (``YYYY-MM-DD`` or a
        date-time).
    publisher : str or None
        The site or institution that published the page (an HTML page's ``og:site_name`` or
        JSON-LD publisher, as trafilatura reads them; a Markdown front matter's ``publisher``
        or ``site``): the holder of the first person in an institution's own statement.
    """

    source: str
    text: str
    sha256: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    place: str | None = None
    url: str | None = None
    publisher: str | None = None

    @property
    def doc_id(self) -> str:
        """Stable document id: the first 16 hex digits of ``sha256``."""
        return self.sha256[:16]


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text that refers to an entity.

    ``kind`` says how it was found: ``"name"`` (a name or alias), ``"title"`` (an office,
    "the President of Kazakhstan"), ``"demonym"`` ("Russian troops"), ``"pronoun"`` ("he"),
    ``"description"`` ("the organization"), ``"group"`` (an unnamed group: "demonstrators in
    Baghdad"), ``"author"`` (the byline).
    """

    text: str
    start: int
    end: int
    entity: str
    kind: str = "name"
    sentence: int = 0


@dataclass(slots=True)
class Entity:
    """One real thing (person, state, organization, place, event).

    Attributes
    ----------
    key : str
        Stable identity: the knowledge-base id (e.g. ``"country/KAZ"``) when linked, else
        ``"<Class>:<normalised name>"``. The RDF IRI is minted from it in ``rdf.iris``.
    cls : str
        One of :data:`ENTITY_CLASSES`.
    label : str
        The canonical name.
    aliases : set of str
        Every other surface form seen for it.
    qid : str or None
        Wikidata item id (``"Q232"``) where known.
    kb_id : str or None
        The knowledge-base entry it is linked to.
    subclass : str or None
        A finer ontology class (e.g. ``"IntergovernmentalOrganization"``), if any.
    documents : set of str
        ``Article.doc_id`` of the documents it is mentioned in.
    mentions : int
        Number of mentions over those documents.
    """

    key: str
    cls: str
    label: str
    aliases: set[str] = field(default_factory=set)
    qid: str | None = None
    kb_id: str | None = None
    subclass: str | None = None
    documents: set[str] = field(default_factory=set)
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a relation or stance was read: the sentence and its character span."""

    text: str
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation triple between two entities (``subject predicate object``).

    ``origin`` is ``"text"`` when read from a sentence (``evidence`` set) or ``"kb"`` when it is
    a background fact from the knowledge-base entry ``kb_entry`` (``evidence`` is None).
    """

    subject: str
    predicate: str
    object: str
    confidence: float = 1.0
    evidence: Evidence | None = None
    origin: str = "text"
    kb_entry: str | None = None
    doc_id: str | None = None


@dataclass(frozen=True, slots=True)
class Stance:
    """A stance: ``holder`` (entity key) is ``polarity`` toward ``target`` (entity key).

    ``cue`` is the lexicon cue that fired (lemma or phrase), ``topic`` a short free text of what
    exactly is supported or opposed, ``attribution`` who says so (see the vocabulary).
    """

    holder: str
    target: str
    polarity: str
    stance_type: str
    attribution: str
    evidence: Evidence
    confidence: float = 0.8
    cue: str = ""
    topic: str | None = None
    doc_id: str | None = None


@dataclass(slots=True)
class DocumentRecords:
    """Everything extracted from one document, ready to merge and map to RDF."""

    article: Article
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    author: str | None = None  # entity key of the author, where known
