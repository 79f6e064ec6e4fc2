"""Loaders for the extraction lexicons in ``ontology/lexicon/`` (data, not code).

- ``stance_cues.csv``: stance cues with their ``gb:stanceType``, polarity and frame.
- ``modality.csv``: negation, cessation, volitional modals, refusal verbs, hedges, conditionals.
- ``reporting_verbs.csv``: verbs of saying (speakers of quotes, reported speech).
- ``relation_cues.csv``: title nouns, membership nouns, organ nouns, verbs placing events.

Each loader reads one CSV (``#`` lines are comments) and returns a frozen, indexed object; the
spaCy components load them once at initialisation and pass them to the pure extractors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graphbuilder.datafiles import read_csv_rows
from graphbuilder.errors import KnowledgeBaseError
from graphbuilder.paths import lexicon_dir
from graphbuilder.records import NEGATIVE_STANCE_TYPES, POSITIVE_STANCE_TYPES

FRAMES = (
    "agent",
    "evaluative",
    "threat",
    "commitment",
    "deontic",
    "experiencer",
    "measure",
    "role",
    "reciprocal",
    "harm",
)
CUE_POS = ("VERB", "NOUN", "ADJ")
MODALITY_KINDS = (
    "negation",
    "cessation",
    "volitional",
    "refusal",
    "hedge",
    "conditional",
    "halt",
    "appeal",
    "readiness",
    "seeking",
    "protection",
    "receiving",
    "labeling",
)
RELATION_CUE_KINDS = (
    "leader",
    "local_leader",
    "official",
    "affiliation",
    "based",
    "body",
    "member",
    "join",
    "employ",
    "lead",
    "leave",
    "organ",
    "held",
    "inclusion",
    "composition",
)


def _read_rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Read a commented CSV; return ``(line number, row)`` pairs.

    Raises
    ------
    KnowledgeBaseError
        When the file is missing, empty or lacks a required column.
    """
    rows = read_csv_rows(path, required, comments=True)[1]
    if not rows:
        raise KnowledgeBaseError(f"{path}: empty lexicon")
    return rows


@dataclass(frozen=True, slots=True)
class StanceCue:
    """One stance cue: ``lemmas[0]`` ... are the words; ``pos`` the part of speech of the head."""

    cue: str
    lemmas: tuple[str, ...]
    pos: str
    stance_type: str
    polarity: str
    frame: str
    source: str = ""
    confidence: float = 1.0  # factor on the stance's confidence, in (0, 1]


@dataclass(frozen=True)
class StanceLexicon:
    """Stance cues indexed by the lemma of any of their words.

    Attributes
    ----------
    cues : tuple of StanceCue
    by_lemma : dict[str, tuple[StanceCue, ...]]
        Every cue, under each of its lemmas (lower case).
    """

    cues: tuple[StanceCue, ...]
    by_lemma: dict[str, tuple[StanceCue, ...]] = field(default_factory=dict)

    def candidates(self, lemma: str) -> tuple[StanceCue, ...]:
        """Cues with ``lemma`` among their words (longest first)."""
        return self.by_lemma.get(lemma.lower(), ())


def load_stance_lexicon(path: str | Path | None = None) -> StanceLexicon:
    """Load the stance cue lexicon.

    Parameters
    ----------
    path : str or Path, optional
        A CSV with columns ``cue, pos, stance_type, polarity, frame`` and optional
        ``confidence`` (a factor in (0, 1], default 1) and ``source``; defaults to
        ``ontology/lexicon/stance_cues.csv``.

    Returns
    -------
    StanceLexicon

    Raises
    ------
    KnowledgeBaseError
        A missing file or column, or a row with an unknown pos, frame, type or polarity
        (the message names the file and the line).

    Examples
    --------
    >>> lex = load_stance_lexicon()
    >>> [c.stance_type for c in lex.candidates("condemn")]
    ['Condemnation']
    """
    path = Path(path) if path else lexicon_dir() / "stance_cues.csv"
    cues: list[StanceCue] = []
    for n, row in _read_rows(path, ("cue", "pos", "stance_type", "polarity", "frame")):
        stype, pol, frame, pos = row["stance_type"], row["polarity"], row["frame"], row["pos"]
        if pos not in CUE_POS:
            raise KnowledgeBaseError(f"{path}:{n}: unknown pos {pos!r}")
        if frame not in FRAMES:
            raise KnowledgeBaseError(f"{path}:{n}: unknown frame {frame!r}")
        if (
            pol == "Positive"
            and stype not in POSITIVE_STANCE_TYPES
            or (pol == "Negative" and stype not in NEGATIVE_STANCE_TYPES)
            or pol not in ("Positive", "Negative")
        ):
            raise KnowledgeBaseError(f"{path}:{n}: stance type {stype!r} / polarity {pol!r}")
        lemmas = tuple(row["cue"].lower().split())
        if not lemmas:
            raise KnowledgeBaseError(f"{path}:{n}: empty cue")
        try:
            weight = float(row.get("confidence") or 1.0)
        except ValueError:
            raise KnowledgeBaseError(
                f"{path}:{n}: confidence {row['confidence']!r} is no number"
            ) from None
        if not 0.0 < weight <= 1.0:
            raise KnowledgeBaseError(f"{path}:{n}: confidence {weight} outside (0, 1]")
        cues.append(
            StanceCue(row["cue"], lemmas, pos, stype, pol, frame, row.get("source", ""), weight)
        )
    index: dict[str, list[StanceCue]] = {}
    for cue in cues:
        for lemma in set(cue.lemmas):
            index.setdefault(lemma, []).append(cue)
    by_lemma = {k: tuple(sorted(v, key=lambda c: -len(c.lemmas))) for k, v in index.items()}
    return StanceLexicon(tuple(cues), by_lemma)


@dataclass(frozen=True)
class ModalityLexicon:
    """Negation and modality cues: ``kind -> {lemma: weight}``."""

    kinds: dict[str, dict[str, float]]

    def has(self, kind: str, lemma: str) -> bool:
        """Whether ``lemma`` (lower case) is a cue of ``kind``."""
        return lemma.lower() in self.kinds.get(kind, {})

    def weight(self, kind: str, lemma: str) -> float:
        """The confidence factor of a hedge or conditional cue (1.0 when absent)."""
        return self.kinds.get(kind, {}).get(lemma.lower(), 1.0)


def load_modality_lexicon(path: str | Path | None = None) -> ModalityLexicon:
    """Load ``ontology/lexicon/modality.csv`` (columns ``cue, kind, weight, source``).

    Raises
    ------
    KnowledgeBaseError
        A missing file or column, an unknown kind or a weight outside (0, 1].
    """
    path = Path(path) if path else lexicon_dir() / "modality.csv"
    kinds: dict[str, dict[str, float]] = {k: {} for k in MODALITY_KINDS}
    for n, row in _read_rows(path, ("cue", "kind", "weight")):
        if row["kind"] not in MODALITY_KINDS:
            raise KnowledgeBaseError(f"{path}:{n}: unknown kind {row['kind']!r}")
        try:
            weight = float(row["weight"] or 1)
        except ValueError:
            raise KnowledgeBaseError(
                f"{path}:{n}: weight {row['weight']!r} is not a number"
            ) from None
        if not 0 < weight <= 1:
            raise KnowledgeBaseError(f"{path}:{n}: weight {weight} outside (0, 1]")
        kinds[row["kind"]][row["cue"].lower()] = weight
    return ModalityLexicon(kinds)


def load_reporting_verbs(path: str | Path | None = None) -> frozenset[str]:
    """Load the lemmas of ``ontology/lexicon/reporting_verbs.csv`` (column ``cue``); also reads
    any one-column cue list of the same shape (``light_verbs.csv``).

    Raises
    ------
    KnowledgeBaseError
        A missing file or column.
    """
    return _one_column(path, "reporting_verbs.csv", "cue")


def load_target_nouns(path: str | Path | None = None) -> frozenset[str]:
    """Load the nouns of ``ontology/lexicon/target_nouns.csv`` (column ``noun``, lower case):
    heads of the stance targets for which an event is minted
    (:mod:`graphbuilder.extract.targets`).

    Raises
    ------
    KnowledgeBaseError
        A missing file or column.
    """
    return _one_column(path, "target_nouns.csv", "noun")


def _one_column(path: str | Path | None, default: str, column: str) -> frozenset[str]:
    """The lower-case values of ``column`` of a word list (``default`` in the lexicon folder
    when ``path`` is None)."""
    path = Path(path) if path else lexicon_dir() / default
    return frozenset(row[column].lower() for _, row in _read_rows(path, (column,)) if row[column])


@dataclass(frozen=True)
class RelationCues:
    """Relation cues: ``kind -> set of cue strings`` (lower case, possibly multiword)."""

    kinds: dict[str, frozenset[str]]

    def has(self, kind: str, words: str) -> bool:
        """Whether ``words`` (lower case, space separated) is a cue of ``kind``."""
        return words.lower() in self.kinds.get(kind, frozenset())


def load_relation_cues(path: str | Path | None = None) -> RelationCues:
    """Load ``ontology/lexicon/relation_cues.csv`` (columns ``cue, kind, source``).

    Raises
    ------
    KnowledgeBaseError
        A missing file or column, or an unknown kind.
    """
    path = Path(path) if path else lexicon_dir() / "relation_cues.csv"
    kinds: dict[str, set[str]] = {k: set() for k in RELATION_CUE_KINDS}
    for n, row in _read_rows(path, ("cue", "kind")):
        if row["kind"] not in RELATION_CUE_KINDS:
            raise KnowledgeBaseError(f"{path}:{n}: unknown kind {row['kind']!r}")
        kinds[row["kind"]].add(row["cue"].lower())
    return RelationCues({k: frozenset(v) for k, v in kinds.items()})


@dataclass(frozen=True)
class ExtractionLexicons:
    """All the lexicons the extractors read, loaded together."""

    stances: StanceLexicon
    modality: ModalityLexicon
    reporting: frozenset[str]
    relations: RelationCues
    light: frozenset[str] = frozenset()
    #: nouns of acts, agreements and measures a minted event can be headed by
    #: (``target_nouns.csv``, column ``noun``)
    target_nouns: frozenset[str] = frozenset()


def load_lexicons(directory: str | Path | None = None) -> ExtractionLexicons:
    """Load every extraction lexicon from ``directory``.

    Parameters
    ----------
    directory : str or Path, optional
        Default :func:`graphbuilder.paths.lexicon_dir` (``--lexicons``,
        ``$GRAPHBUILDER_LEXICONS``, else ``ontology/lexicon/``).

    Returns
    -------
    ExtractionLexicons

    Raises
    ------
    KnowledgeBaseError
        As the single loaders.
    """
    d = lexicon_dir(directory)
    return ExtractionLexicons(
        load_stance_lexicon(d / "stance_cues.csv"),
        load_modality_lexicon(d / "modality.csv"),
        load_reporting_verbs(d / "reporting_verbs.csv"),
        load_relation_cues(d / "relation_cues.csv"),
        load_reporting_verbs(d / "light_verbs.csv"),
        load_target_nouns(d / "target_nouns.csv"),
    )


def default_lexicons() -> ExtractionLexicons:
    """The lexicons of the folder in effect (:func:`graphbuilder.paths.lexicon_dir`: the one
    selected for the build, ``$GRAPHBUILDER_LEXICONS``, else ``ontology/lexicon/``), loaded
    once per folder and process."""
    return _lexicons_of(str(lexicon_dir()))


@lru_cache(maxsize=4)
def _lexicons_of(directory: str) -> ExtractionLexicons:
    return load_lexicons(directory)
