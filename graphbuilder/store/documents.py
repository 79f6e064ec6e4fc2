"""What a sink reports about each document graph it holds (:class:`DocumentInfo`).

A module of its own so that every sink (:mod:`graphbuilder.store.protocol`,
:mod:`graphbuilder.store.sparql_server`) can import it without importing the others.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DocumentInfo"]


@dataclass(frozen=True)
class DocumentInfo:
    """A document whose graph a sink holds: ``doc_id``, ``sha256`` of the raw input, source."""

    doc_id: str
    sha256: str
    source: str | None = None
