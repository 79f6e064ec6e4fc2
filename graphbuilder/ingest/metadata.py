"""Metadata of a plain-text page: title, author, date and place from its header lines.

A page saved as text usually starts with a header before the first paragraph of prose::

    Central Asia. Only the CSTO will save        <- title (short, no final period)
    Ainur Kurmanov.                              <- byline (a bare name, or "By X")
    17.05.2022 01:36                             <- date and time
    (Moscow time), Almaty                        <- time zone and place
    Views: 4970                                  <- counter (clutter)
    Author column, Armed forces, CSTO, Russia    <- tag list

The header ends at the first prose line (see :func:`graphbuilder.ingest.text.is_prose`) or
after :data:`HEADER_MAX_LINES` lines. Wire-style datelines ("MOSCOW, May 16 (Reuters) -")
at the start of the first paragraph give the place when the header does not.

Dates are read with :mod:`datetime` from these forms (English month names from
:mod:`calendar`): ``2022-05-17``, ``17.05.2022`` (day first), ``05/17/2022`` (month first
unless the first number is above 12), ``May 17, 2022``, ``17 May 2022``; the output is ISO
``YYYY-MM-DD``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from graphbuilder.ingest.text import SENTENCE_END, is_prose, word_count

#: Most lines read as the header of a page.
HEADER_MAX_LINES = 15
#: Most lines between the title and the byline or date that mark the text as a page.
TITLE_LOOKAHEAD = 6

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    name.lower(): i for i, name in enumerate(calendar.month_abbr) if name
}
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAYS = [d.lower() for d in (*calendar.day_name, *calendar.day_abbr)]

_DATE_RES = (
    re.compile(
        r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
        r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
    ),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\d)"),
    re.compile(r"(?<!\d)(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?!\d)"),
    re.compile(
        rf"\b(?P<mon>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})\.?,?\s+(?P<y>\d{{4}})(?!\d)",
        re.IGNORECASE,
    ),
)
_TIME_RE = re.compile(
    r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?!\d)|"
    r"\b(?:GMT|UTC|MSK|CET|CEST|EET|EEST|BST|EST|EDT|PST|PDT|ALMT)\b(?:\s*[+-]\d{1,2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
_TZ_PAREN_RE = re.compile(r"\([^()]*\btime\b[^()]*\)", re.IGNORECASE)
_DATE_WORDS_RE = re.compile(
    r"\b(?:published|updated|posted|last|modified|on|at|date|time|"
    + "|".join(_WEEKDAYS)
    + r")\b:?",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(
    r"^(?:by|author|authors|written by|text by|text|story by|автор)\s*[:\-–—]?\s+(?P<name>.+?)"
    r"(?:\s*(?:[,|/;(]|\s[-–—]\s).*)?$",
    re.IGNORECASE,
)
_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2})"
    r"(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"
    r"(?:,? (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8}))?"
    r"(?:\s*\((?P<agency>[A-Za-z][\w .&-]{0,30})\))?\s*[-–—]+\s"
)


@dataclass(slots=True)
class Header:
    """What the header of a page holds; ``drop`` are indices of metadata lines."""

    title: str | None = None
    title_index: int | None = None
    author: str | None = None
    date: str | None = None
    place: str | None = None
    end: int = 0
    drop: set[int] = field(default_factory=set)


def parse_date(text: str) -> tuple[str, re.Match[str]] | None:
    """Find the first date in ``text``.

    Parameters
    ----------
    text : str
        A line or a string holding a date.

    Returns
    -------
    (str, re.Match) or None
        The ISO date ``YYYY-MM-DD`` and the match (for its span), or None when no valid
        calendar date is found.

    Examples
    --------
    >>> parse_date("17.05.2022 01:36")[0]
    '2022-05-17'
    >>> parse_date("Published May 17, 2022")[0]
    '2022-05-17'
    >>> parse_date("17 May 2022")[0]
    '2022-05-17'
    >>> parse_date("no date here") is None
    True
    """
    best = None
    for rx in _DATE_RES:
        for m in rx.finditer(text):
            g = m.groupdict()
            y = int(g["y"])
            if "mon" in g and g.get("mon"):
                mo = _MONTHS[g["mon"].lower().rstrip(".")]
                d = int(g["d"])
            elif g.get("a"):
                a, b = int(g["a"]), int(g["b"])
                mo, d = (b, a) if a > 12 else (a, b)
            else:
                mo, d = int(g["m"]), int(g["d"])
            try:
                iso = dt.date(y, mo, d).isoformat()
            except ValueError:
                continue
            if best is None or m.start() < best[1].start():
                best = (iso, m)
            break
    return best


def _name_like(text: str) -> bool:
    """2-4 capitalised words (initials and hyphenated or apostrophe names allowed)."""
    toks = text.split()
    if not 2 <= len(toks) <= 4:
        return False
    for tok in toks:
        core = tok.replace("-", "").replace("'", "").replace("’", "").rstrip(".")
        if not core or not core.isalpha() or not tok[0].isupper():
            return False
        if len(core) > 1 and core.isupper() and len(toks) > 1 and len(core) > 3:
            return False
    return True


def parse_byline(line: str) -> str | None:
    """Return the author's name if ``line`` is a byline, else None.

    Examples
    --------
    >>> parse_byline("Ainur Kurmanov.")
    'Ainur Kurmanov'
    >>> parse_byline("By Jane Q. Doe, Reuters")
    'Jane Q. Doe'
    >>> parse_byline("Central Asia. Only the CSTO will save") is None
    True
    """
    line = line.strip()
    m = _BYLINE_RE.match(line)
    if m:
        name = m.group("name").strip().rstrip(".").strip()
        name = re.split(r"\s+(?:and|&)\s+", name)[0]
        return name if _name_like(name) else None
    cand = line.rstrip(".").strip()
    if line.count(".") <= 1 + sum(1 for t in cand.split() if len(t) == 2 and t.endswith(".")):
        return cand if _name_like(cand) else None
    return None


def _place_words(rest: str) -> str | None:
    rest = re.sub(r"^[\W_]+|[\W_]+$", "", rest)
    if not rest:
        return None
    toks = rest.split()
    if 1 <= len(toks) <= 3 and all(t[0].isupper() and t.replace("-", "").isalpha() for t in toks):
        return rest
    return None


def parse_date_line(line: str) -> tuple[str | None, str | None] | None:
    """Read a header line that is a date (and time, time zone, place) and nothing else.

    Returns
    -------
    (date, place) or None
        ``date`` ISO or None, ``place`` or None; None when the line is not a date/place line.

    Examples
    --------
    >>> parse_date_line("17.05.2022 01:36")
    ('2022-05-17', None)
    >>> parse_date_line("(Moscow time), Almaty")
    (None, 'Almaty')
    >>> parse_date_line("Updated: Tuesday, 17 May 2022, 10:05 GMT")
    ('2022-05-17', None)
    """
    found = parse_date(line)
    rest = line
    iso = None
    if found:
        iso, m = found
        rest = line[: m.start()] + " " + line[m.end() :]
    had_tz = bool(_TZ_PAREN_RE.search(rest))
    rest = _TZ_PAREN_RE.sub(" ", rest)
    rest = _TIME_RE.sub(" ", rest)
    rest = _DATE_WORDS_RE.sub(" ", rest)
    stripped = re.sub(r"[\W_]+", " ", rest).strip()
    if not stripped:
        return (iso, None) if (iso or had_tz) else None
    place = _place_words(rest)
    if place and (iso or had_tz):
        return iso, place
    return None


def parse_dateline(paragraph: str) -> str | None:
    """Place from a wire-style dateline at the start of a paragraph.

    Examples
    --------
    >>> parse_dateline("MOSCOW, May 16 (Reuters) - Russia said ...")
    'Moscow'
    >>> parse_dateline("ALMATY, Kazakhstan — Protests ...")
    'Almaty'
    >>> parse_dateline("NATO said on Monday ...") is None
    True
    """
    m = _DATELINE_RE.match(paragraph)
    if not m:
        return None
    place = m.group("place")
    if len(place.replace(" ", "")) < 3:
        return None
    return place.title()


def _is_tag_list(line: str) -> bool:
    """A comma list of at least 3 short items (1-4 words), no final sentence punctuation."""
    if line[-1] in SENTENCE_END or line.count(",") < 2:
        return False
    items = [i.strip() for i in line.split(",")]
    if any(not i for i in items):
        return False
    if any(re.search(r"\b(and|or|but)\b", i) for i in items):
        return False
    return all(1 <= word_count(i) <= 4 for i in items)


def _title_shaped(line: str) -> bool:
    """A headline: 2-25 words, at most 250 characters, no final period, comma or colon."""
    return 2 <= word_count(line) <= 25 and len(line) <= 250 and line[-1] not in ".,;:"


def analyse_header(lines: list[str], skip: set[int] | frozenset[int] = frozenset()) -> Header:
    """Find title, byline, date and place among the first lines of a page.

    Rules, in order:

    1. The header ends at the first prose line of at least 12 words, or after
       :data:`HEADER_MAX_LINES` lines.
    2. Date lines (:func:`parse_date_line`) and explicit bylines ("By X", "Author: X") are
       metadata; a bare name ("Ainur Kurmanov.") is a byline only when a date line is at
       most two lines away and it is not the first line of the page (a Title-Case headline
       looks like a name).
    3. The title is the first headline-shaped line among the :data:`TITLE_LOOKAHEAD` lines
       before the first metadata line; header lines before the title are navigation.
    4. Once a title, byline or date is found, comma lists of short items in the header
       ("Author column, Armed forces, CSTO, Russia") are tag lists.

    Parameters
    ----------
    lines : list of str
        The non-blank lines of the page, squeezed (see :func:`text.blocks`).
    skip : set of int
        Indices of lines already known to be clutter (never title or metadata).

    Returns
    -------
    Header
        Metadata, the index of the title line (kept in the text), the indices of the
        header lines to drop from the text (metadata, tags, navigation before the title),
        and ``end`` (index of the first body line).
    """
    h = Header()
    end = min(len(lines), HEADER_MAX_LINES)
    for i in range(end):
        if i not in skip and is_prose(lines[i], min_words=12):
            end = i
            break
    h.end = end
    cand = [i for i in range(end) if i not in skip]
    meta: dict[int, str] = {}
    dates: list[int] = []
    for i in cand:
        parsed = parse_date_line(lines[i])
        if parsed is not None:
            iso, place = parsed
            if iso and h.date is None:
                h.date = iso
            if place and h.place is None:
                h.place = place
            meta[i] = "date"
            dates.append(i)
    for i in cand:
        if i not in meta and _BYLINE_RE.match(lines[i]) and (name := parse_byline(lines[i])):
            h.author, meta[i] = name, "author"
            break
    if h.author is None:
        for n, i in enumerate(cand):
            if n == 0 or i in meta:
                continue
            near = any(abs(cand.index(d) - n) <= 2 for d in dates)
            if near and (name := parse_byline(lines[i])):
                h.author, meta[i] = name, "author"
                break
    if meta:
        first_meta = min(meta)
        for i in cand:
            if first_meta - TITLE_LOOKAHEAD <= i < first_meta and _title_shaped(lines[i]):
                h.title, h.title_index = lines[i], i
                break
    if h.title_index is not None:
        for i in cand:
            if i < h.title_index:
                meta[i] = "navigation"
    if meta:
        for i in cand:
            if i not in meta and i != h.title_index and _is_tag_list(lines[i]):
                meta[i] = "tags"
    h.drop = set(meta)
    return h


def page_metadata(page) -> dict[str, str | None]:
    """Title, author, date and place of a page already split by
    :func:`graphbuilder.ingest.clean.classify_lines` (what
    :func:`graphbuilder.ingest.clean.extract_metadata` returns).

    Parameters
    ----------
    page : graphbuilder.ingest.clean.Page

    Returns
    -------
    dict
        Keys ``title``, ``author``, ``date``, ``place`` (None where the page lacks one).
    """
    h = page.header
    place = h.place
    if place is None:
        for _, _, line in page.kept[:4]:
            if (place := parse_dateline(line)) is not None:
                break
    return {"title": h.title, "author": h.author, "date": h.date, "place": place}
