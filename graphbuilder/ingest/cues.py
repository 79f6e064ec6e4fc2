"""Load the page-clutter cues of ``ontology/lexicon/clutter.csv`` and the platform names.

``clutter.csv`` columns
    ``kind`` (what the cue finds: views, subscribe, share, comment_policy, calendar, ...),
    ``scope`` (``line``: drop the matching line; ``tail``: the line ends the article, so when
    it lies in the second half of the page the rest of the page is dropped too),
    ``max_words`` (the cue applies only to lines of at most that many words, empty = any;
    this keeps a cue from eating a long article sentence), ``pattern`` (a Python regular
    expression, matched case-insensitively with :func:`re.search` against the line without
    leading bullets and quotes), ``note``, ``source``.

``social_platforms.csv`` columns
    ``name``, ``note``, ``source``: names of social networks and messengers, used to spot
    follow-us lines that are mostly lists of platforms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graphbuilder.datafiles import read_csv_rows
from graphbuilder.errors import KnowledgeBaseError
from graphbuilder.paths import lexicon_dir

SCOPES = ("line", "tail")


@dataclass(frozen=True, slots=True)
class ClutterCue:
    """One row of ``clutter.csv``, compiled."""

    kind: str
    scope: str
    max_words: int | None
    pattern: re.Pattern[str]
    row: int


def clutter_file() -> Path:
    """Return ``clutter.csv`` of the lexicon folder in effect (``paths.lexicon_dir()``)."""
    return lexicon_dir() / "clutter.csv"


def platforms_file() -> Path:
    """Return ``social_platforms.csv`` of the lexicon folder in effect."""
    return lexicon_dir() / "social_platforms.csv"


def _read_rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    return read_csv_rows(path, required, strip=False)[1]  # regular expressions: kept as written


def load_clutter_cues(path: Path | None = None) -> tuple[ClutterCue, ...]:
    """Read and compile the clutter cues.

    Parameters
    ----------
    path : pathlib.Path, optional
        A cue file in the ``clutter.csv`` format; default :func:`clutter_file`.

    Returns
    -------
    tuple of ClutterCue
        In file order.

    Raises
    ------
    KnowledgeBaseError
        When the file is missing, lacks a column, or a row has an unknown scope, a bad
        ``max_words`` or a pattern that does not compile (names the file and the row).
    """
    return _load_clutter_cues(Path(path or clutter_file()))


@lru_cache(maxsize=4)
def _load_clutter_cues(path: Path) -> tuple[ClutterCue, ...]:
    cues = []
    for n, row in _read_rows(path, ("kind", "scope", "max_words", "pattern")):
        scope = (row.get("scope") or "").strip()
        if scope not in SCOPES:
            raise KnowledgeBaseError(f"{path}: row {n}: scope {scope!r} is not one of {SCOPES}")
        mw = (row.get("max_words") or "").strip()
        try:
            max_words = int(mw) if mw else None
        except ValueError:
            raise KnowledgeBaseError(f"{path}: row {n}: max_words {mw!r} is not a number") from None
        try:
            pattern = re.compile(row["pattern"], re.IGNORECASE)
        except re.error as err:
            raise KnowledgeBaseError(f"{path}: row {n}: bad pattern ({err})") from None
        cues.append(ClutterCue(row["kind"].strip(), scope, max_words, pattern, n))
    return tuple(cues)


def load_platform_pattern(path: Path | None = None) -> re.Pattern[str]:
    """Return one regex matching any platform name of ``social_platforms.csv`` (whole words).

    Raises
    ------
    KnowledgeBaseError
        When the file is missing or lacks the ``name`` column.
    """
    return _load_platform_pattern(Path(path or platforms_file()))


@lru_cache(maxsize=4)
def _load_platform_pattern(path: Path) -> re.Pattern[str]:
    names = sorted(
        {row["name"].strip() for _, row in _read_rows(path, ("name",)) if row["name"].strip()},
        key=len,
        reverse=True,
    )
    if not names:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
