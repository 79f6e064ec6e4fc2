"""Character-level normalisation and line/paragraph helpers shared by the readers.

All readers end with plain text made of paragraphs separated by one blank line
(``"\\n\\n"``), each paragraph on one line with single spaces. Blank lines between
paragraphs keep spaCy from gluing a caption or a heading into the next sentence.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that act as line breaks (str.splitlines treats them so); normalised to "\n".
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

#: Characters that end a sentence or a quoted sentence.
SENTENCE_END = ".!?…\"'”’»)]"


def normalize_chars(text: str) -> str:
    """Normalise line breaks and drop invisible characters.

    Line separators (CR, CRLF, VT, FF, U+2028 ...) become ``"\\n"``; tabs become spaces;
    control characters (Unicode category Cc), format characters (Cf: BOM, zero-width
    space, soft hyphen) and lone surrogates (Cs) are removed. Text is NFC-composed.

    Parameters
    ----------
    text : str
        Decoded text.

    Returns
    -------
    str
        The same text without invisible characters.

    Examples
    --------
    >>> normalize_chars("\\ufeffa\\r\\nb\\u200bc")
    'a\\nbc'
    """
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    out = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs"):
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def squeeze(line: str) -> str:
    """Collapse every run of whitespace (NBSP included) into one space and strip the ends."""
    return " ".join(line.split())


def strip_bullet(line: str) -> str:
    """Return ``line`` without leading bullets, dashes, quotes and spaces (for cue matching)."""
    return re.sub(r"^[\W_]+", "", line)


def word_count(line: str) -> int:
    """Number of whitespace-separated tokens containing at least one letter or digit."""
    return sum(1 for tok in line.split() if any(c.isalnum() for c in tok))


def is_prose(line: str, *, min_words: int = 8) -> bool:
    """Whether a line reads like article prose: enough words, ends like a sentence.

    Parameters
    ----------
    line : str
        One squeezed line.
    min_words : int
        Fewest words (default 8; a short final sentence such as "He declined to comment."
        counts when it has at least 4 words and a final period).

    Returns
    -------
    bool
    """
    if not line or line[-1] not in SENTENCE_END:
        return False
    n = word_count(line)
    return n >= min_words or (n >= 4 and line.endswith((".", "!", "?", '"', "”", "»")))


def digit_share(line: str) -> float:
    """Share of digits among the non-space characters of ``line`` (0 for an empty line)."""
    chars = [c for c in line if not c.isspace()]
    if not chars:
        return 0.0
    return sum(c.isdigit() for c in chars) / len(chars)


def blocks(text: str) -> list[list[str]]:
    """Split normalised text into blocks (runs of non-blank lines), each line squeezed."""
    out: list[list[str]] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = squeeze(raw)
        if line:
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def join_paragraphs(paragraphs: list[str]) -> str:
    """Join paragraphs with one blank line (``"\\n\\n"``)."""
    return "\n\n".join(p for p in paragraphs if p)
