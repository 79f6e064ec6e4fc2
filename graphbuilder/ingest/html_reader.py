"""HTML pages: main text and metadata with trafilatura (no network).

trafilatura drops navigation, scripts, styles, comments and most boilerplate and reads the
title, author and date from ``<meta>``, JSON-LD and the markup (dates via htmldate). The
extracted text then goes through :func:`graphbuilder.ingest.clean.clean_text` like plain
text, which removes the share bars, subscribe boxes and credits trafilatura keeps.
"""

from __future__ import annotations

import logging
import re

from graphbuilder.errors import InputError
from graphbuilder.ingest.clean import clean_text
from graphbuilder.ingest.metadata import parse_date, parse_dateline
from graphbuilder.ingest.text import join_paragraphs, normalize_chars, squeeze

_HAS_BODY = re.compile(r"<body[\s>]", re.IGNORECASE)
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "blockquote")


def _extract(html: str):
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
    )


def _visible_text(html: str) -> str:
    """All visible text, one line per block element, without script/style/template."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(
        root, "script", "style", "noscript", "template", "head", etree.Comment, with_tail=False
    )
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    return root.text_content()


def read_html(html: str, name: str) -> dict[str, str | None]:
    """Extract the article of an HTML page.

    Parameters
    ----------
    html : str
        The decoded page.
    name : str
        The file name, for messages.

    Returns
    -------
    dict
        ``text`` (cleaned, paragraphs separated by ``"\\n\\n"``, the title first), ``title``,
        ``author``, ``date`` (ISO ``YYYY-MM-DD``), ``place``, ``url`` (from the page's
        canonical link, where given), ``publisher`` (the site name: ``og:site_name`` or the
        JSON-LD publisher, trafilatura's ``sitename``); missing values are None.

    Raises
    ------
    InputError
        ``"<name>: no article text found in the HTML page"`` when nothing is left.
    """
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    doc = _extract(html)
    if not (getattr(doc, "text", None) or "").strip() and not _HAS_BODY.search(html):
        doc = _extract(f"<html><body>{html}</body></html>")  # a bare fragment
    text = getattr(doc, "text", None) or ""
    if not text.strip():
        text = _visible_text(html)
    # trafilatura puts one paragraph per line; make each a paragraph of its own.
    text = join_paragraphs([squeeze(line) for line in normalize_chars(text).split("\n")])
    body = clean_text(text)
    if not body.strip():
        raise InputError(f"{name}: no article text found in the HTML page")
    title = squeeze(normalize_chars(getattr(doc, "title", None) or "")) or None
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    date = getattr(doc, "date", None)
    if date:
        found = parse_date(date)
        date = found[0] if found else None
    author = getattr(doc, "author", None) or None
    place = None
    for para in body.split("\n\n")[:3]:
        if (place := parse_dateline(para)) is not None:
            break
    return {
        "text": body,
        "title": title,
        "author": squeeze(author) if author else None,
        "date": date,
        "place": place,
        "url": getattr(doc, "url", None) or None,
        "publisher": squeeze(sitename) if (sitename := getattr(doc, "sitename", None)) else None,
    }
