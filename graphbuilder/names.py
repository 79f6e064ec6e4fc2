"""Name normalisation: the one rule every comparison of names uses.

The rule is that of the gold scorer (``../shared/gold/README.md``, rule 1): case-folded, a
leading "the" dropped, a trailing "'s" dropped, punctuation and hyphens turned into spaces,
spaces collapsed. The knowledge base's lookups, the relation extractor's name index and the
scorer all call :func:`normalize_name`, so a name that matches in one matches in all.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'"})
_SPACES = re.compile(r"\s+")


def _punct_to_spaces(text: str, keep: str = "") -> str:
    return "".join(
        " " if unicodedata.category(ch).startswith("P") and ch not in keep else ch for ch in text
    )


def normalize_name(name: str) -> str:
    """Normalise a name for matching (rule 1 of ``shared/gold/README.md``).

    Case-folded, a leading "the" dropped, a trailing "'s" (or "’s") dropped, punctuation
    (every Unicode ``P*`` character, hyphens included) turned into spaces, spaces collapsed.
    The string is first put in Unicode NFC so composed and decomposed letters compare equal.

    Parameters
    ----------
    name : str
        A surface form (a gold name, an ``rdfs:label`` or ``skos:altLabel``).

    Returns
    -------
    str
        The normalised key; ``""`` for a name made only of punctuation and spaces.

    Examples
    --------
    >>> normalize_name("The Kassym-Jomart Tokayev’s")
    'kassym jomart tokayev'
    >>> normalize_name("the West")
    'west'
    """
    text = unicodedata.normalize("NFC", name).casefold().translate(_APOSTROPHES)
    # Other punctuation first, so "Kazakhstan's." still ends in "'s"; then the apostrophes.
    text = _SPACES.sub(" ", _punct_to_spaces(text, keep="'")).strip()
    if text.endswith("'s"):
        text = text[:-2]
    text = _SPACES.sub(" ", _punct_to_spaces(text)).strip()
    if text.startswith("the "):
        text = text[4:]
    return text
