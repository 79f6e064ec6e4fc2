"""Reading documents: discovery of inputs, decoding, readers (text, Markdown, HTML), and the
separation of the article from page clutter, with the page's metadata.

Public API
----------
discover(inputs, *, max_documents=None) -> (paths, problems)
read_article(path, *, max_bytes=DEFAULT_MAX_BYTES) -> Article
article_from_text(text, *, source=None) -> Article
clean_text(text) -> str
extract_metadata(raw_text) -> dict
InputProblem, DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, DEFAULT_MAX_DOCUMENTS (from :mod:`.limits`)
"""

from __future__ import annotations

from graphbuilder.ingest.clean import clean_text, extract_metadata
from graphbuilder.ingest.discover import discover
from graphbuilder.ingest.limits import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_DOCUMENTS,
    InputProblem,
)
from graphbuilder.ingest.reader import article_from_text, read_article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CHARS",
    "DEFAULT_MAX_DOCUMENTS",
    "InputProblem",
    "article_from_text",
    "clean_text",
    "discover",
    "extract_metadata",
    "read_article",
]
