"""One exception hierarchy with actionable one-line messages.

Every error the user can cause (bad input file, bad query, bad graph, bad option) is a
:class:`GraphbuilderError`; the CLI prints ``error: <message>`` on one line and exits non-zero,
with a traceback only under ``--debug``.
"""

from __future__ import annotations


class GraphbuilderError(Exception):
    """Base class: a fault the user can act on. ``str(err)`` is a one-line message."""

    exit_code = 1


class InputError(GraphbuilderError):
    """A document cannot be read or is not an article (empty, binary, undecodable, too large).

    The message names the file and the fault, e.g. ``"notes.txt: empty document"``.
    """

    exit_code = 2


class GraphFileError(GraphbuilderError):
    """A graph file does not exist or does not parse as RDF."""

    exit_code = 3


class QueryError(GraphbuilderError):
    """A SPARQL query is malformed, unknown, lacks a parameter, is refused, or timed out."""

    exit_code = 4


class OutputError(GraphbuilderError):
    """An output location is unsafe or would overwrite a file graphbuilder did not write."""

    exit_code = 5


class ValidationError(GraphbuilderError):
    """A graph violates the SHACL shapes of ``ontology/shapes.ttl``."""

    exit_code = 6


class KnowledgeBaseError(GraphbuilderError):
    """A knowledge-base or lexicon data file is malformed (names the file and the row)."""

    exit_code = 7


class StoreError(GraphbuilderError):
    """A store (Oxigraph on disk, a SPARQL server) cannot be opened, read or written."""

    exit_code = 8


class LockedError(GraphbuilderError):
    """An output folder or store is locked by another writer and ``--no-wait`` was given.

    The message names the holder (pid, host, command, since when), from the lock's record.
    """

    exit_code = 9
