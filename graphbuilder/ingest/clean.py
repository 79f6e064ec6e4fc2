"""Separate the article from page clutter in plain text.

Two kinds of evidence, applied line by line:

1. **Cues** (data, ``ontology/lexicon/clutter.csv``): regular expressions for view counters,
   subscribe and follow-us boxes, share buttons, "Read also" inserts, comment policies,
   cookie notices, typo-report widgets ("If you find an error ... Ctrl + Enter"), tag lines,
   copyright lines, ad labels, photo credits, calendar widgets. A ``tail`` cue (a typo-report
   widget, "Tags:", "Related articles", "Comments") past the middle of the page ends the
   article: it and everything after it is dropped.
2. **Structure**: the header's metadata lines (byline, date, place, tag list; see
   :mod:`graphbuilder.ingest.metadata`); lines that are mostly digits (calendar rows, counters;
   more than 50 % digits among non-space characters, at most 12 words); lines that are
   mostly names of social platforms (``social_platforms.csv``: at least 2 names covering at
   least half of the words); and the run of short non-prose lines after the last prose
   paragraph (menus, widget buttons, sign-offs).

The title is kept as the first paragraph (it carries meaning, e.g. "Central Asia. Only
the CSTO will save"). Image captions that are a lone name stay as their own paragraph.
Paragraphs are joined by a blank line (``"\\n\\n"``) so that spaCy does not glue a caption or
a heading into the next sentence; lines of one block are joined by a space only when the
block is hard-wrapped prose. Every kept paragraph is a run of input text in input order
(whitespace squeezed), so article sentences stay intact and in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graphbuilder.ingest.cues import ClutterCue, load_clutter_cues, load_platform_pattern
from graphbuilder.ingest.metadata import Header, analyse_header, page_metadata
from graphbuilder.ingest.text import (
    SENTENCE_END,
    blocks,
    digit_share,
    is_prose,
    join_paragraphs,
    normalize_chars,
    strip_bullet,
    word_count,
)

#: Share of the page (in characters) a ``tail`` cue must lie past to cut the rest.
TAIL_MIN_POSITION = 0.5
#: A digit-heavy line: share of digits above this, and at most this many words.
DIGIT_SHARE = 0.5
DIGIT_LINE_MAX_WORDS = 12
#: A platform-list line: at least this many platform names covering this share of words.
PLATFORM_MIN_NAMES = 2
PLATFORM_MIN_SHARE = 0.5
#: A hard-wrapped line: at least this long and not ending a sentence.
WRAP_MIN_CHARS = 40


def match_cue(line: str, cues: tuple[ClutterCue, ...]) -> ClutterCue | None:
    """Return the first cue that matches a squeezed ``line`` (None if none)."""
    probe = strip_bullet(line)
    if not probe:
        return None
    n = word_count(line)
    for cue in cues:
        if cue.max_words is not None and n > cue.max_words:
            continue
        if cue.pattern.search(probe):
            return cue
    return None


def _platform_list(line: str) -> bool:
    rx = load_platform_pattern()
    names = rx.findall(line)
    if len(names) < PLATFORM_MIN_NAMES:
        return False
    covered = sum(len(name.split()) for name in names)
    return covered / max(word_count(line), 1) >= PLATFORM_MIN_SHARE


def _digit_line(line: str) -> bool:
    """Calendar rows, counters (dates too: the header is read before this rule applies)."""
    return digit_share(line) > DIGIT_SHARE and word_count(line) <= DIGIT_LINE_MAX_WORDS


def _structural_clutter(line: str) -> bool:
    if not any(c.isalnum() for c in line):
        return True  # separators, lone bullets and punctuation
    return _platform_list(line)


@dataclass(frozen=True, slots=True)
class Page:
    """A page split into lines: its header (metadata) and the kept article lines.

    ``kept`` holds ``(line index, block index, line)`` of each kept line in input order,
    lines whitespace-squeezed.
    """

    header: Header
    kept: list[tuple[int, int, str]]


def classify_lines(text: str, *, cues_path: Path | None = None) -> Page:
    """Read the header of a page and decide which lines are article and which clutter.

    Parameters
    ----------
    text : str
        Decoded page text.
    cues_path : pathlib.Path, optional
        Another cue file in the ``clutter.csv`` format.

    Returns
    -------
    Page
    """
    cues = load_clutter_cues(cues_path)
    lines: list[tuple[int, str]] = []
    for b, block in enumerate(blocks(normalize_chars(text))):
        lines.extend((b, line) for line in block)
    if not lines:
        return Page(Header(), [])
    found = [match_cue(line, cues) for _, line in lines]
    clutter = {i for i, cue in enumerate(found) if cue is not None}
    clutter |= {i for i, (_, line) in enumerate(lines) if _structural_clutter(line)}
    header = analyse_header([line for _, line in lines], skip=clutter)
    clutter |= {i for i, (_, line) in enumerate(lines) if _digit_line(line)}
    total = sum(len(line) + 1 for _, line in lines)
    keep = [i not in clutter and i not in header.drop for i in range(len(lines))]
    pos = 0
    for i, (_, line) in enumerate(lines):
        start, pos = pos, pos + len(line) + 1
        cue = found[i]
        if cue is not None and cue.scope == "tail" and start >= TAIL_MIN_POSITION * total:
            keep[i:] = [False] * (len(lines) - i)
            break
    prose = [i for i, (_, line) in enumerate(lines) if keep[i] and is_prose(line)]
    if prose:
        keep[prose[-1] + 1 :] = [False] * (len(lines) - prose[-1] - 1)
    kept = [(i, b, line) for i, (b, line) in enumerate(lines) if keep[i]]
    return Page(header, kept)


def clean_text(text: str, *, cues_path: Path | None = None) -> str:
    """Return the article of a plain-text page without page clutter.

    Parameters
    ----------
    text : str
        Decoded page text (any Unicode; line breaks of any kind).
    cues_path : pathlib.Path, optional
        Another cue file in the ``clutter.csv`` format.

    Returns
    -------
    str
        Paragraphs separated by ``"\\n\\n"``, each a run of input text in input order with
        whitespace squeezed; the title (when the page has one) is the first paragraph. Empty
        when nothing but clutter is left.

    Raises
    ------
    KnowledgeBaseError
        When the cue file is malformed.

    Examples
    --------
    >>> clean_text("Talks resume\\nBy Jane Doe\\n17 May 2022\\nViews: 12\\n\\n"
    ...            "The talks resumed in Geneva on Monday after a pause of two months.\\n\\n"
    ...            "Share on Facebook\\n\\nSubscribe to our newsletter")
    'Talks resume\\n\\nThe talks resumed in Geneva on Monday after a pause of two months.'
    """
    return page_text(classify_lines(text, cues_path=cues_path))


def page_text(page: Page) -> str:
    """Return the article text of a classified page (what :func:`clean_text` returns).

    Parameters
    ----------
    page : Page
        From :func:`classify_lines`.

    Returns
    -------
    str
        The kept lines as paragraphs separated by ``"\\n\\n"``; hard-wrapped prose lines
        of one block joined by a space.
    """
    paragraphs: list[str] = []
    prev: tuple[int, int, str] | None = None
    for i, b, line in page.kept:
        wrapped = (
            prev is not None
            and prev[0] == i - 1
            and prev[1] == b
            and len(prev[2]) >= WRAP_MIN_CHARS
            and prev[2][-1] not in SENTENCE_END
        )
        if wrapped:
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        prev = (i, b, line)
    return join_paragraphs(paragraphs)


def extract_metadata(raw_text: str) -> dict[str, str | None]:
    """Read title, author, date and place from a plain-text page.

    Parameters
    ----------
    raw_text : str
        The decoded text of the page (before cleaning).

    Returns
    -------
    dict
        Keys ``title``, ``author``, ``date`` (ISO ``YYYY-MM-DD``), ``place``; a value is None
        where the page does not give it.

    Examples
    --------
    >>> extract_metadata("Talks resume\\n\\nBy Jane Doe\\n17 May 2022\\n\\nThe talks resumed.")
    {'title': 'Talks resume', 'author': 'Jane Doe', 'date': '2022-05-17', 'place': None}
    """
    return page_metadata(classify_lines(raw_text))
