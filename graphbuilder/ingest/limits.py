"""Limits of the input side, in one place, and the record of a skipped input.

The CLI exposes the limits as options (``--max-bytes``, ``--max-documents``); the messages
that refuse an input name the option that raises the limit.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Largest document read, in bytes (10 MiB). A news article is 5-100 KB; a larger file is
#: almost always a dump, a log or a binary by mistake.
DEFAULT_MAX_BYTES: int = 10 * 1024 * 1024

#: Most documents one build reads from the given files and folders (the README's table gives
#: this default; a test keeps the two equal).
DEFAULT_MAX_DOCUMENTS: int = 100_000

#: Longest article text (characters, after decoding and removing page clutter) given to the
#: language model: spaCy's ``Language.max_length`` default, past which spaCy refuses a text
#: (error E088: the parser and NER need about 1 GB of memory per 100,000 characters). A file
#: under ``DEFAULT_MAX_BYTES`` can still hold more text than this (a dump, a whole book).
DEFAULT_MAX_CHARS: int = 1_000_000

#: The command-line options that raise the limits (named in error messages).
MAX_BYTES_OPTION: str = "--max-bytes"
MAX_DOCUMENTS_OPTION: str = "--max-documents"

#: File name suffixes read as documents (lower case), and the reader each one uses.
SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that was skipped, with the reason (reported, not fatal).

    Attributes
    ----------
    path : str
        The file or folder, as reached from the given input.
    message : str
        One line: what is wrong, e.g. ``"unsupported file type '.pdf'"``.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def format_size(n_bytes: int) -> str:
    """Return a byte count as a short human string (``"50.0 MB"``; 1 MB = 1024**2 bytes).

    Examples
    --------
    >>> format_size(10 * 1024 * 1024)
    '10.0 MB'
    >>> format_size(512)
    '512 bytes'
    """
    if n_bytes < 1024:
        return f"{n_bytes} bytes"
    if n_bytes < 1024**2:
        return f"{n_bytes / 1024:.1f} KB"
    if n_bytes < 1024**3:
        return f"{n_bytes / 1024**2:.1f} MB"
    return f"{n_bytes / 1024**3:.1f} GB"
