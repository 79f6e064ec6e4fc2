"""Plain records the analysis works on, read once from the graph (:mod:`.load`).

Every later step (folding, the signed network, blocs, shifts, contradictions, tables, figures)
takes these records, never the RDF graph: the graph is queried once, and the analysis can be
tested on records built by hand. IRIs are kept as plain strings.

Units: ``polarity`` is +1 (``gb:Positive``) or -1 (``gb:Negative``); ``confidence`` is the
stance's ``gb:confidence`` in [0, 1]; ``date`` is the ISO date (``YYYY-MM-DD``) of the
document's ``schema:datePublished`` (a date-time is cut to its date), or None.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Actor", "Document", "StanceRecord", "OfficeRecord", "GraphRecords"]


@dataclass(frozen=True, slots=True)
class Actor:
    """An entity that holds or receives stances (or that a person's stances are folded onto).

    Attributes
    ----------
    iri : str
        The entity's IRI (``gbr:Q232``, ``gbr:person-...``).
    label : str
        Its ``rdfs:label`` (the IRI's last segment where it has none).
    cls : str
        One of ``Person``, ``Country``, ``Organization``, ``Location``, ``Event`` (``Entity``
        where the graph gives none of them).
    kb_entry : str or None
        The IRI of its ``gb:kbEntry`` (a knowledge-base entry), where linked.
    qid : str or None
        Its Wikidata item (``Q232``) from ``owl:sameAs``, where known.
    """

    iri: str
    label: str
    cls: str
    kb_entry: str | None = None
    qid: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A ``gb:Document``: title, date, author and where it was read from."""

    iri: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class StanceRecord:
    """One ``gb:Stance`` with its provenance.

    Attributes
    ----------
    iri : str
        The stance's IRI.
    holder, target : str
        IRIs of the entities as the analysis counts them (after ``--fold-people``, the state
        or organization a person led or served on the document's date).
    polarity : int
        +1 or -1.
    stance_type : str
        Local name of ``gb:stanceType`` (``Support``, ``Criticism`` ...), or ``""``.
    attribution : str
        Local name of ``gb:attribution`` (``DirectQuote``, ``ReportedSpeech``,
        ``AuthorOpinion``), or ``""``.
    confidence : float
        ``gb:confidence`` in [0, 1] (1.0 where the graph gives none).
    document : str or None
        IRI of the ``gb:Document`` of ``prov:wasDerivedFrom``.
    date : str or None
        ISO date of that document.
    evidence : str
        The sentence (``gb:evidence``).
    char_start : int or None
        Offset of that sentence in the document's cleaned text, in characters.
    from_kb : bool
        ``gb:fromKnowledgeBase true`` (a knowledge-base fact, not read from text).
    original_holder, original_target : str
        The IRIs the graph gives, before any folding.
    """

    iri: str
    holder: str
    target: str
    polarity: int
    stance_type: str = ""
    attribution: str = ""
    confidence: float = 1.0
    document: str | None = None
    date: str | None = None
    evidence: str = ""
    char_start: int | None = None
    from_kb: bool = False
    original_holder: str = ""
    original_target: str = ""

    @property
    def weight(self) -> float:
        """``polarity * confidence``: the stance's contribution to an edge weight."""
        return self.polarity * self.confidence


@dataclass(frozen=True, slots=True)
class OfficeRecord:
    """A reified ``gb:leaderOf`` / ``gb:officialOf`` statement of the graph.

    Attributes
    ----------
    person, org : str
        IRIs of the subject (a person) and the object (a state or organization).
    relation : str
        ``leaderOf`` or ``officialOf``.
    document : str or None
        The document it was read from (None for a knowledge-base fact).
    date : str or None
        That document's ISO date.
    from_kb : bool
        A knowledge-base fact (``gb:fromKnowledgeBase true``).
    """

    person: str
    org: str
    relation: str
    document: str | None = None
    date: str | None = None
    from_kb: bool = False


@dataclass(slots=True)
class GraphRecords:
    """Everything the analysis reads from one graph.

    Attributes
    ----------
    stances : list of StanceRecord
        Sorted by (date, document, offset, IRI); undated stances last.
    actors : dict of str to Actor
        Every holder and target, and every state or organization of ``offices``.
    documents : dict of str to Document
    offices : list of OfficeRecord
    source : str
        The graph file read (for captions and error messages).
    """

    stances: list[StanceRecord] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    offices: list[OfficeRecord] = field(default_factory=list)
    source: str = ""
