"""The seed article: metadata from its header, and the article separated from page clutter."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from graphbuilder.ingest import clean_text, extract_metadata, read_article
from graphbuilder.ingest.text import squeeze


@pytest.fixture(scope="module")
def article(seed_article: Path):
    return read_article(seed_article)


@pytest.fixture(scope="module")
def forbidden(seed_gold: Path) -> list[str]:
    return json.loads(seed_gold.read_text(encoding="utf-8"))["forbidden_names"]


def _body_lines(raw: str) -> list[str]:
    """The article's paragraphs in the raw file: from the first to the last body paragraph."""
    lines = [squeeze(line) for line in raw.splitlines() if squeeze(line)]
    first = next(i for i, line in enumerate(lines) if line.startswith("The anniversary summit"))
    last = next(i for i, line in enumerate(lines) if line.startswith("This tone, set by"))
    return [line for line in lines[first : last + 1] if not line.startswith("Subscribe to")]


def _absent(name: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is None


def test_seed_metadata(article):
    assert article.title == "Central Asia. Only the CSTO will save"
    assert article.author == "Ainur Kurmanov"
    assert article.date == "2022-05-17"
    assert article.place == "Almaty"


def test_seed_source_and_digest(article, seed_article: Path):
    assert article.sha256 == hashlib.sha256(seed_article.read_bytes()).hexdigest()
    assert article.source == str(seed_article.absolute())
    assert len(article.doc_id) == 16


def test_seed_text_starts_with_title_then_first_paragraph(article):
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Central Asia. Only the CSTO will save"
    assert paragraphs[1].startswith("The anniversary summit of the CSTO, held in Moscow on May 16")
    assert paragraphs[-1] == (
        "This tone, set by Vladimir Putin, is the only true one in preserving the core of "
        "unification and modernization of the CSTO into a strong defensive association aimed "
        "at countering the West and NATO."
    )


def test_seed_every_article_paragraph_kept_in_order(article, seed_article: Path):
    body = _body_lines(seed_article.read_text(encoding="utf-8"))
    paragraphs = article.text.split("\n\n")
    assert paragraphs[1:] == body
    assert len(body) == 34


def test_seed_captions_are_paragraphs_of_their_own(article):
    paragraphs = article.text.split("\n\n")
    for caption in ("Tokayev", "Zhaparov", "Rahmon"):
        assert caption in paragraphs


def test_seed_forbidden_names_absent(article, forbidden):
    assert len(forbidden) == 18
    present = [name for name in forbidden if not _absent(name, article.text)]
    assert present == []


@pytest.mark.parametrize(
    "clutter",
    ["Views", "Subscribe", "Ctrl + Enter", "Tags:", "Roskomnadzor", "May 2024", "Thank you"],
)
def test_seed_clutter_absent(article, clutter):
    assert clutter not in article.text


def test_seed_clutter_removed_without_the_tail_markers(seed_article: Path, forbidden):
    """The line cues alone remove the comment rules and calendar (no tail cut)."""
    raw = seed_article.read_text(encoding="utf-8")
    raw = "\n".join(
        line
        for line in raw.splitlines()
        if "If you find an error" not in line and "Tags:" not in line
    )
    text = clean_text(raw)
    assert [name for name in forbidden if not _absent(name, text)] == []
    assert text.endswith("aimed at countering the West and NATO.")


def test_seed_extract_metadata_from_raw_text(seed_article: Path):
    meta = extract_metadata(seed_article.read_text(encoding="utf-8"))
    assert meta == {
        "title": "Central Asia. Only the CSTO will save",
        "author": "Ainur Kurmanov",
        "date": "2022-05-17",
        "place": "Almaty",
    }
