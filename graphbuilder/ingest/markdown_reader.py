"""Markdown documents: light markup stripping with markdown-it-py.

Headings, emphasis, code marks and list markers are dropped; a link keeps its text, an
image is dropped; block elements (paragraphs, headings, list items, quotes) become
paragraphs. A YAML front matter block (``---`` lines) gives ``title``, ``author`` and
``date`` and is not part of the text; otherwise the first level-1 heading is the title.
The result then goes through :func:`graphbuilder.ingest.clean.clean_text`.
"""

from __future__ import annotations

import re

from graphbuilder.ingest.clean import classify_lines, page_text
from graphbuilder.ingest.metadata import page_metadata, parse_date, parse_dateline
from graphbuilder.ingest.text import normalize_chars, squeeze

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FM_FIELD = re.compile(
    r"^(?P<key>title|author|date|place|location|publisher|site_name|site)\s*:\s*(?P<value>.+)$",
    re.M,
)


def markdown_paragraphs(markdown: str) -> tuple[list[str], str | None]:
    """Return the plain paragraphs of a Markdown text and its first level-1 heading."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    paragraphs: list[str] = []
    h1 = None
    in_h1 = False
    for tok in md.parse(markdown):
        if tok.type == "heading_open":
            in_h1 = tok.tag == "h1"
        elif tok.type == "inline":
            parts = []
            for child in tok.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            text = squeeze("".join(parts))
            if text:
                paragraphs.append(text)
                if in_h1 and h1 is None:
                    h1 = text
            in_h1 = False
        elif tok.type in ("code_block", "fence", "html_block"):
            continue  # code and raw HTML are not article prose
    return paragraphs, h1


def read_markdown(markdown: str, name: str) -> dict[str, str | None]:
    """Extract text and metadata from a Markdown document.

    Parameters
    ----------
    markdown : str
        The decoded document.
    name : str
        The file name (unused; for symmetry with the other readers).

    Returns
    -------
    dict
        ``text`` (paragraphs separated by ``"\\n\\n"``), ``title``, ``author``, ``date``,
        ``place``, ``publisher`` (front matter ``publisher``, ``site`` or ``site_name``);
        missing values are None.

    Examples
    --------
    >>> r = read_markdown("# Talks resume\\n\\nThe **talks** resumed in [Geneva](x).", "a.md")
    >>> r["title"], r["text"]
    ('Talks resume', 'Talks resume\\n\\nThe talks resumed in Geneva.')
    """
    markdown = normalize_chars(markdown)
    meta: dict[str, str | None] = {
        "title": None,
        "author": None,
        "date": None,
        "place": None,
        "publisher": None,
    }
    fm = _FRONT_MATTER.match(markdown)
    if fm:
        for m in _FM_FIELD.finditer(fm.group("body")):
            key = {"location": "place", "site": "publisher", "site_name": "publisher"}.get(
                m.group("key").lower(), m.group("key").lower()
            )
            meta[key] = squeeze(m.group("value").strip().strip("\"'")) or None
        markdown = markdown[fm.end() :]
    paragraphs, h1 = markdown_paragraphs(markdown)
    plain = "\n\n".join(paragraphs)
    page = classify_lines(plain)  # once for the metadata and the text
    found = page_metadata(page)
    for key, value in found.items():
        if meta.get(key) is None:
            meta[key] = value
    if meta["title"] is None:
        meta["title"] = h1
    if meta["date"]:
        parsed = parse_date(meta["date"])
        meta["date"] = parsed[0] if parsed else None
    text = page_text(page)
    if meta["place"] is None:
        for para in text.split("\n\n")[:3]:
            if (place := parse_dateline(para)) is not None:
                meta["place"] = place
                break
    return {"text": text, **meta, "url": None}
