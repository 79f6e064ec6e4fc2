"""Reading the project's CSV data files (knowledge base, lexicons): one reader for all.

Every data file is UTF-8 CSV with a header row. Blank rows are skipped, and with
``comments=True`` so are lines starting with ``#``. A fault names the file and the line.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path

from graphbuilder.errors import KnowledgeBaseError


def read_csv_rows(
    path: Path,
    required: tuple[str, ...] = (),
    *,
    comments: bool = False,
    strip: bool = True,
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Read a CSV data file.

    Parameters
    ----------
    path : pathlib.Path
    required : tuple of str
        Columns the header must have.
    comments : bool
        Skip lines starting with ``#`` (lexicons that carry notes).
    strip : bool
        Strip white space around values (False for files of regular expressions).

    Returns
    -------
    header : list of str
        The column names, stripped.
    rows : list of (int, dict)
        ``(line number, {column: value})`` for every non-blank row, values ``""`` where empty.

    Raises
    ------
    KnowledgeBaseError
        The file cannot be read, is not UTF-8, is malformed CSV, lacks a required column, or
        has a row with more fields than the header (the message names the file and line).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise KnowledgeBaseError(f"{path}: not UTF-8 ({err.reason})") from None
    except OSError as err:
        raise KnowledgeBaseError(f"{path}: cannot read ({err.strerror or err})") from None
    lines = text.splitlines(keepends=True)
    numbered = [
        (n, line) for n, line in enumerate(lines, 1) if not (comments and line.startswith("#"))
    ]
    reader = csv.DictReader(io.StringIO("".join(line for _, line in numbered)))
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
        reader.fieldnames = header
        missing = [c for c in required if c not in header]
        if missing:
            raise KnowledgeBaseError(f"{path}: missing column(s) {', '.join(missing)}")
        rows = []
        for row in reader:
            line = numbered[reader.line_num - 1][0] if reader.line_num <= len(numbered) else 0
            if None in row:
                raise KnowledgeBaseError(
                    f"{path}:{line}: more fields than the header's {len(header)}"
                )
            if not any((v or "").strip() for v in row.values()):
                continue
            rows.append(
                (line, {k: ((v or "").strip() if strip else (v or "")) for k, v in row.items()})
            )
    except csv.Error as err:
        raise KnowledgeBaseError(f"{path}: malformed CSV ({err})") from None
    return header, rows


def lexicon_words(
    name: str,
    column: str = "noun",
    *,
    where: tuple[str, frozenset[str]] | None = None,
    comments: bool = False,
) -> frozenset[str]:
    """The lower-cased values of one column of a word list in the lexicon folder in effect.

    Parameters
    ----------
    name : str
        The file name in the lexicon folder (``"group_nouns.csv"``).
    column : str
        The column whose non-empty values are returned.
    where : (str, frozenset of str), optional
        Keep only the rows whose value in that column is one of those (``("sector",
        frozenset({"religion"}))``).
    comments : bool
        Skip lines starting with ``#``.

    Returns
    -------
    frozenset of str
        Empty when the folder has no such file. Read once per folder and arguments.

    Raises
    ------
    KnowledgeBaseError
        As :func:`read_csv_rows` (the file lacks ``column`` or ``where``'s column, or is
        malformed).

    Examples
    --------
    >>> "regime" in lexicon_words("head_match_nouns.csv")
    True
    """
    from graphbuilder.paths import lexicon_dir

    return _lexicon_words(str(lexicon_dir().resolve()), name, column, where, comments)


@lru_cache(maxsize=64)
def _lexicon_words(directory, name, column, where, comments) -> frozenset[str]:
    path = Path(directory) / name
    if not path.is_file():
        return frozenset()
    required = (column,) if where is None else (column, where[0])
    _, rows = read_csv_rows(path, required, comments=comments)
    return frozenset(
        r[column].lower()
        for _, r in rows
        if r[column] and (where is None or r[where[0]] in where[1])
    )
