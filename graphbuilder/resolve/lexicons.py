"""Loading the linking and coreference lexicons of ``ontology/lexicon/``.

The files and their columns are described in ``ontology/lexicon/linking-lexicons.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graphbuilder.datafiles import read_csv_rows
from graphbuilder.paths import lexicon_dir


@dataclass(frozen=True)
class LinkingLexicons:
    """The word lists entity linking and coreference read.

    Attributes
    ----------
    label_classes : dict[str, tuple[str, bool]]
        spaCy NER label -> (vocabulary class, keep names of it the KB lacks).
    demonym_heads : frozenset[str]
        Nouns after which a demonym stands for its state ("troops", "government").
    descriptions : dict[str, str]
        Description noun -> class it refers to ("organization" -> "Organization").
    pronouns : dict[str, tuple[str, ...]]
        Pronoun -> classes it may refer to.
    event_nouns : frozenset[str]
        Nouns that make an event with an organization or place modifier ("summit").
    place_prepositions : frozenset[str]
        Locative prepositions that, leading a model name ("Near Palmyra"), make it a place.
    person_titles : frozenset[str]
        Honorifics and rank abbreviations ("Gen.", "Mr.") that make the next name a person's.
    rank_prefixes : frozenset[str]
        Service and grade words before a rank abbreviation ("Staff Sgt.", "Navy Capt.").
    surname_articles : frozenset[str]
        Articles of surnames ("al-Abadi") also dropped when the surname is cited alone.
    generic_heads : frozenset[str]
        Generic heads of institutions ("government", "armed forces"): a model name made of
        one alone is no name.
    event_heads : frozenset[str]
        Agreement nouns ("treaty", "framework"): a model name ending in one is an Event.
    place_heads : frozenset[str]
        Generic parts of toponyms ("province", "river", "forest"): a model name ending in one
        is a place.
    settlement_nouns : frozenset[str]
        Nouns of "the town of X" ("town", "village"): the name after them is a place.
    kinship_nouns : frozenset[str]
        Kin after a possessive ("X's wife"): X is a person.
    act_nouns : frozenset[str]
        Nouns of acts and attitudes a state performs or takes: the acts, agreements and
        measures of ``target_nouns.csv`` (CAMEO) and the noun cues of ``stance_cues.csv``. A
        demonym before one stands for its state, the act's agent ("French mediation",
        "Chinese criticism of", "Israeli policies").
    name_prefixes : frozenset[str]
        Forms of address, titles of rank by birth or religion and the title "President",
        written before a person's name as part of how the text names them ("Ms. Carpenter",
        "Prince Norodom Sihanouk", "President Lincoln"): a person's name mention spans them.
    animate_verbs, animate_nouns : frozenset[str]
        Verbs and nouns whose patient is a person ("shoot", "assassinate"; "assassination",
        "killer"): a name in that role is a person (:func:`graphbuilder.resolve.context.
        animate_patient`).
    """

    label_classes: dict[str, tuple[str, bool]]
    demonym_heads: frozenset[str]
    descriptions: dict[str, str]
    pronouns: dict[str, tuple[str, ...]]
    event_nouns: frozenset[str]
    place_prepositions: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    surname_articles: frozenset[str] = frozenset()
    rank_prefixes: frozenset[str] = frozenset()
    generic_heads: frozenset[str] = frozenset()
    event_heads: frozenset[str] = frozenset()
    place_heads: frozenset[str] = frozenset()
    settlement_nouns: frozenset[str] = frozenset()
    kinship_nouns: frozenset[str] = frozenset()
    act_nouns: frozenset[str] = frozenset()
    name_prefixes: frozenset[str] = frozenset()
    animate_verbs: frozenset[str] = frozenset()
    animate_nouns: frozenset[str] = frozenset()


def _rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    return [row for _, row in read_csv_rows(path, required)[1] if row.get(required[0])]


def load_linking_lexicons(directory: str | None = None) -> LinkingLexicons:
    """Load the linking lexicons from ``directory``, cached per folder.

    Parameters
    ----------
    directory : str, optional
        Folder holding the CSV files named in ``linking-lexicons.md``; default
        :func:`graphbuilder.paths.lexicon_dir` (``--lexicons``, ``$GRAPHBUILDER_LEXICONS``,
        else ``ontology/lexicon``).

    Returns
    -------
    LinkingLexicons

    Raises
    ------
    KnowledgeBaseError
        A file is missing, unreadable or lacks a column (the message names it).
    """
    return _load_linking_lexicons(str(lexicon_dir(directory).resolve()))


@lru_cache(maxsize=4)
def _load_linking_lexicons(directory: str) -> LinkingLexicons:
    base = Path(directory)
    labels = {
        r["spacy_label"].strip(): (r["entity_class"].strip(), r["keep_unlinked"].strip() == "yes")
        for r in _rows(base / "entity_labels.csv", ("spacy_label", "entity_class", "keep_unlinked"))
    }
    heads = frozenset(
        r["head"].strip().lower() for r in _rows(base / "demonym_heads.csv", ("head",))
    )
    descriptions = {
        r["noun"].strip().lower(): r["entity_class"].strip()
        for r in _rows(base / "descriptions.csv", ("noun", "entity_class"))
    }
    pronouns = {
        r["pronoun"].strip().lower(): tuple(r["entity_class"].strip().split("|"))
        for r in _rows(base / "pronouns.csv", ("pronoun", "entity_class"))
    }
    events = frozenset(
        r["noun"].strip().lower() for r in _rows(base / "event_nouns.csv", ("noun",))
    )
    context: dict[str, set[str]] = {}
    for r in _rows(base / "name_context.csv", ("word", "kind")):
        context.setdefault(r["kind"].strip(), set()).add(r["word"].strip().lower())
    return LinkingLexicons(
        labels,
        heads,
        descriptions,
        pronouns,
        events,
        frozenset(context.get("place_preposition", ())),
        frozenset(context.get("person_title", ())),
        frozenset(context.get("surname_article", ())),
        frozenset(context.get("rank_prefix", ())),
        frozenset(context.get("generic_head", ())),
        frozenset(context.get("event_head", ())),
        frozenset(context.get("place_head", ())),
        frozenset(context.get("settlement_noun", ())),
        frozenset(context.get("kinship_noun", ())),
        _act_nouns(base),
        frozenset(context.get("name_prefix", ())),
        frozenset(context.get("animate_patient_verb", ())),
        frozenset(context.get("animate_patient_noun", ())),
    )


#: nouns of saying: what a statement holds is words, read by the quote and saying rules, not an
#: act of the state before it (the same nouns ``scripts/lexicon/gen_stance_cues.py`` keeps out
#: of stance patterns)
SAYING_NOUNS = frozenset(
    {"claim", "statement", "comment", "remark", "report", "declaration", "communique"}
)


def _act_nouns(base: Path) -> frozenset[str]:
    """The nouns of ``target_nouns.csv`` and the NOUN rows of ``stance_cues.csv`` in ``base``
    (single words only; a file that is absent gives none), minus :data:`SAYING_NOUNS`."""
    words: set[str] = set()
    if (base / "target_nouns.csv").is_file():
        _, rows = read_csv_rows(base / "target_nouns.csv", ("noun",), comments=True)
        words |= {r["noun"].strip().lower() for _, r in rows if r["noun"]}
    if (base / "stance_cues.csv").is_file():
        _, rows = read_csv_rows(base / "stance_cues.csv", ("cue", "pos"), comments=True)
        words |= {
            r["cue"].strip().lower()
            for _, r in rows
            if r["pos"] == "NOUN" and r["cue"] and " " not in r["cue"].strip()
        }
    return frozenset(words - SAYING_NOUNS)
