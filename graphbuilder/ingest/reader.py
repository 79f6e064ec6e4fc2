"""Read one document into an :class:`~graphbuilder.records.Article`."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from graphbuilder.errors import InputError
from graphbuilder.ingest.clean import classify_lines, page_text
from graphbuilder.ingest.decode import decode_bytes
from graphbuilder.ingest.limits import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    MAX_BYTES_OPTION,
    SUPPORTED_SUFFIXES,
    format_size,
)
from graphbuilder.ingest.metadata import page_metadata
from graphbuilder.records import Article

_LOOKS_HTML = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>])", re.I)


#: A plain text or Markdown file is refused before cleaning when it holds more than this many
#: times ``max_chars`` characters: page clutter is a few lines, never three quarters of a text.
_CLUTTER_SHARE = 4


def _os_fault(err: OSError) -> str:
    return (err.strerror or str(err)).lower()


def read_article(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS
) -> Article:
    """Read a document (plain text, Markdown or HTML) and separate the article from clutter.

    Parameters
    ----------
    path : pathlib.Path
        The file. The reader is chosen by suffix (``.txt``, ``.md``, ``.html``/``.htm``; see
        :data:`~graphbuilder.ingest.limits.SUPPORTED_SUFFIXES`); a text file whose content
        starts like an HTML page (``<!DOCTYPE html``, ``<html``) is read as HTML.
    max_bytes : int
        Largest file size accepted, in bytes (default 10 MiB).
    max_chars : int
        Longest article text accepted, in characters after removing clutter (default
        1,000,000, spaCy's ``max_length``: the model refuses longer texts).

    Returns
    -------
    Article
        ``text`` is the cleaned article (title as the first paragraph where the page has
        one; paragraphs separated by ``"\\n\\n"``); ``sha256`` the digest of the raw bytes;
        ``source`` the absolute path; ``title``, ``author``, ``date`` (ISO), ``place``,
        ``url`` where the page gives them.

    Raises
    ------
    InputError
        One line ``"<file>: <fault>"`` for a missing or unreadable file, a folder, a file
        over ``max_bytes``, an empty or whitespace-only document, a binary file (NUL bytes
        or a known signature such as PDF or PNG), text in an encoding that cannot be
        recognised, a page with no article text left after removing clutter, or an article
        text over ``max_chars``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("Talks resume\\nBy Jane Doe\\n17 May 2022\\n\\nThe talks resumed.")
    >>> a = read_article(p)
    >>> a.title, a.author, a.date, a.text
    ('Talks resume', 'Jane Doe', '2022-05-17', 'Talks resume\\n\\nThe talks resumed.')
    """
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as err:
        raise InputError(f"{name}: cannot read ({_os_fault(err)})") from None
    if path.is_dir():
        raise InputError(f"{name}: is a folder, not a document")
    if size > max_bytes:
        raise InputError(
            f"{name}: file too large ({format_size(size)}, limit {format_size(max_bytes)}); "
            f"raise the limit with {MAX_BYTES_OPTION}"
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as err:
        raise InputError(f"{name}: cannot read ({_os_fault(err)})") from None
    if len(data) > max_bytes:  # grew while reading, or a special file
        raise InputError(
            f"{name}: file too large (over the {format_size(max_bytes)} limit); "
            f"raise the limit with {MAX_BYTES_OPTION}"
        )
    if not data:
        raise InputError(f"{name}: empty document (0 bytes)")
    sha256 = hashlib.sha256(data).hexdigest()
    text = decode_bytes(data, name)
    kind = SUPPORTED_SUFFIXES.get(path.suffix.lower(), "text")
    return _article(text, kind, name, str(path.absolute()), sha256, max_chars)


def article_from_text(
    text: str, *, source: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Article:
    """Make an :class:`~graphbuilder.records.Article` of a text held in memory.

    The text is read as a plain-text page (an HTML page when it starts like one), exactly as
    :func:`read_article` reads a ``.txt`` file: header metadata, clutter removed.

    Parameters
    ----------
    text : str
        The page.
    source : str, optional
        What the graph names as its source (``gb:sourcePath``); default
        ``text:<first 16 hex digits of the sha256>``.
    max_chars : int
        Longest article text accepted, in characters after removing clutter.

    Returns
    -------
    Article
        ``sha256`` is the digest of the UTF-8 encoded text.

    Raises
    ------
    InputError
        ``"<source>: <fault>"`` for an empty text, one with no article left after removing
        clutter, or one over ``max_chars``.

    Examples
    --------
    >>> a = article_from_text("Talks resume\\nBy Jane Doe\\n17 May 2022\\n\\nThe talks resumed.")
    >>> a.source, a.title, a.date
    ('text:4773bfc5ff57c6a2', 'Talks resume', '2022-05-17')
    """
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    name = source or f"text:{sha256[:16]}"
    return _article(text, "text", name, name, sha256, max_chars)


def _article(text: str, kind: str, name: str, source: str, sha256: str, max_chars: int) -> Article:
    """The article of a decoded page: ``kind`` is the reader of its suffix."""
    if not text.strip() or not any(c.isalnum() for c in text):
        raise InputError(f"{name}: empty document (only whitespace or punctuation)")
    if kind != "html" and _LOOKS_HTML.match(text):
        kind = "html"
    if kind != "html" and len(text) > _CLUTTER_SHARE * max_chars:
        # cleaning a huge plain text takes minutes and cannot bring it under the limit
        raise InputError(
            f"{name}: article text too long ({len(text):,} characters, limit {max_chars:,}, "
            "the language model's); split it into smaller documents"
        )
    if kind == "html":
        from graphbuilder.ingest.html_reader import read_html

        found = read_html(text, name)
    elif kind == "markdown":
        from graphbuilder.ingest.markdown_reader import read_markdown

        found = read_markdown(text, name)
    else:
        page = classify_lines(text)  # once: the header gives the metadata, the rest the text
        found = {**page_metadata(page), "text": page_text(page), "url": None}
    body = found["text"] or ""
    if not body.strip():
        raise InputError(f"{name}: no article text left after removing page clutter")
    if len(body) > max_chars:
        raise InputError(
            f"{name}: article text too long ({len(body):,} characters, limit {max_chars:,}, "
            "the language model's); split it into smaller documents"
        )
    return Article(
        source=source,
        text=body,
        sha256=sha256,
        title=found.get("title"),
        author=found.get("author"),
        date=found.get("date"),
        place=found.get("place"),
        url=found.get("url"),
        publisher=found.get("publisher"),
    )
