"""Definite descriptions of actors resolved by head match: "the regime", "the government".

"Assad's brutal regime ... We will keep up the pressure on the regime": a definite noun phrase
with no modifier of its own whose head noun is one of ``ontology/lexicon/head_match_nouns.csv``
(nouns that name a political actor: regime, government, junta ...) refers to the latest
earlier phrase, within :data:`WINDOW` sentences, with the same head noun that names an entity
("the Iraqi government") or belongs to one ("Assad's regime",
"the Assad regime", "the Syrian regime"). Without such a phrase it stays unresolved (no
guessing from the nearest entity of a class, which is what ``descriptions.csv`` does for
"the organization").

A plural description with a number or "both" ("the two countries", "both sides") is the
latest conjoined set of that many entities before it (:func:`resolve_plural_descriptions`,
nouns and classes in ``set_nouns.csv``).

A bare office title ("The Foreign Secretary said:") is, the same way, the person the document
named with that title before ("Foreign Secretary Boris Johnson welcomes ...":
:func:`resolve_title_matches`).

This is the strict head match sieve of Lee et al. (2013), *Deterministic coreference
resolution based on entity-centric, precision-ranked rules* (Computational Linguistics
39(4)): a mention whose head matches an earlier mention's head, and that adds no modifier of
its own, corefers with it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from graphbuilder.datafiles import lexicon_words, read_csv_rows
from graphbuilder.nlp.extensions import sentence_index
from graphbuilder.paths import lexicon_dir
from graphbuilder.resolve.linking import LinkState

WINDOW = 5  # sentences back, as for the definite descriptions of resolve.coref
_DEFINITE = ("the", "this", "that")
_OWN = ("poss", "amod", "compound", "nmod", "prep", "acl", "relcl", "appos", "nummod")
ACTOR_CLASSES = ("Person", "Country", "Organization")


def head_match_nouns() -> frozenset[str]:
    """The nouns of ``head_match_nouns.csv`` in the lexicon folder in effect (empty when the
    folder has no such file)."""
    return lexicon_words("head_match_nouns.csv")


def _entity_of_phrase(state: LinkState, head: Token) -> str | None:
    """The actor an earlier phrase headed by ``head`` names or belongs to."""
    key = state.token_entity.get(head.i)
    if key is None:
        for c in head.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < head.i:
                key = state.token_entity.get(c.i)
                if key is not None:
                    break
    if key is None:
        for c in head.children:  # "the government of Iraq"
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj" and state.token_entity.get(g.i):
                        key = state.token_entity[g.i]
    if key is not None and state.entities[key].cls in ACTOR_CLASSES:
        return key
    return None


def resolve_head_matches(state: LinkState) -> None:
    """Resolve "the regime", "the government" ... to the entity of the latest earlier phrase
    with the same head (see the module notes); each becomes a ``description`` mention.

    Parameters
    ----------
    state : LinkState
        After names, titles and the other descriptions are linked.
    """
    nouns = head_match_nouns()
    if not nouns:
        return
    doc = state.doc
    heads: dict[str, list[Token]] = {}
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma not in nouns or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        earlier = heads.setdefault(lemma, [])
        det = [c for c in tok.children if c.dep_ == "det" and c.lower_ in _DEFINITE]
        bare = det and not any(c.dep_ in _OWN for c in tok.children)
        bare = bare and tok.tag_ == "NN"  # "the Coalition": a name of its own, not a description
        if bare and tok.i not in state.token_entity:
            here = sentence_index(doc, tok.i)
            for prev in reversed(earlier):
                if here - sentence_index(doc, prev.i) > WINDOW:
                    break
                key = _entity_of_phrase(state, prev)
                if key is not None:
                    state.add_mention(key, det[0].i, tok.i + 1, "description")
                    break
        earlier.append(tok)


def resolve_title_matches(state: LinkState) -> None:
    """Resolve a bare office title ("The Foreign Secretary said:") to the person the document
    named with that same title before ("Foreign Secretary Boris Johnson welcomes ..."); each
    becomes a ``title`` mention. Strict head match as above, over the whole document before
    the title (an office names one holder through an article), for titles that
    :func:`graphbuilder.resolve.coref.resolve_titles` left unresolved (no state or
    organization beside them).

    Parameters
    ----------
    state : LinkState
        After :func:`graphbuilder.resolve.coref.resolve_titles`.
    """
    doc = state.doc
    titled: list[tuple[int, tuple[str, ...], str]] = []  # (end token, title words, person)
    for m in state.mentions:
        if m.kind != "title" or state.entities[m.entity].cls != "Person":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        words = tuple(t.lower_ for t in span if t.lower_ not in _DEFINITE)
        if words:
            titled.append((span.end, words, m.entity))
    if not titled:
        return
    titled.sort()
    for i in range(len(doc)):
        if i in state.token_entity:
            continue
        for end, words, person in reversed(titled):
            if end > i:
                continue
            n = len(words)
            toks = doc[i : i + n]
            if len(toks) < n or tuple(t.lower_ for t in toks) != words:
                continue
            if any(t.i in state.token_entity for t in toks):
                continue
            nxt = doc[i + n] if i + n < len(doc) else None
            if nxt is not None and (nxt.lower_ == "of" or nxt.pos_ == "PROPN"):
                continue  # "Foreign Secretary of ..." / "Foreign Secretary James Cleverly"
            start = i - 1 if i > 0 and doc[i - 1].lower_ in _DEFINITE else i
            state.add_mention(person, start, i + n, "title")
            break


_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
SET_WINDOW = 3  # sentences back for a plural description's conjoined antecedent


def set_nouns() -> dict[str, tuple[str, ...]]:
    """Noun -> classes of ``set_nouns.csv`` in the lexicon folder in effect (empty when the
    folder has no such file)."""
    return _set_nouns(str(lexicon_dir().resolve()))


@lru_cache(maxsize=4)
def _set_nouns(directory: str) -> dict[str, tuple[str, ...]]:
    path = Path(directory) / "set_nouns.csv"
    if not path.is_file():
        return {}
    _, rows = read_csv_rows(path, ("noun", "entity_class"))
    return {r["noun"].lower(): tuple(r["entity_class"].split("|")) for _, r in rows if r["noun"]}


def _set_size(tok: Token) -> int | None:
    """How many a plural description counts: "the two countries" -> 2, "both sides" -> 2."""
    size = None
    definite = False
    for c in tok.children:
        if c.dep_ == "nummod" and c.lower_ in _NUMBERS:
            size = _NUMBERS[c.lower_]
        elif c.dep_ in ("det", "predet") and c.lower_ == "both":
            size, definite = 2, True
        elif c.dep_ == "det" and c.lower_ in ("the", "these", "those"):
            definite = True
    return size if definite else None


def _conjoined_sets(state: LinkState, start: int, end: int, classes: tuple[str, ...]):
    """(token index, keys) of the conjoined noun phrases in tokens ``[start, end)`` whose
    members are entities of ``classes`` ("Kazakhstan and Uzbekistan")."""
    doc = state.doc
    out = []
    for t in doc[start:end]:
        if t.dep_ == "conj" or not t.conjuncts:
            continue
        keys: list[str] = []
        for m in (t, *t.conjuncts):
            key = state.token_entity.get(m.i)
            if key and state.entities[key].cls in classes and key not in keys:
                keys.append(key)
        if len(keys) >= 2:
            out.append((t.i, keys))
    return out


def resolve_plural_descriptions(state: LinkState) -> None:
    """Resolve "the two countries", "both sides", "the three leaders" to the latest conjoined
    set of that many entities of the noun's class (``set_nouns.csv``) in the
    :data:`SET_WINDOW` sentences before (not its own: "X and Y urged both parties to ..." are
    not the parties); each member gets a ``description`` mention and the head
    token stands for the set (``doc._.gb_token_group``), as a plural pronoun does.

    Parameters
    ----------
    state : LinkState
        After names and titles are linked.
    """
    nouns = set_nouns()
    if not nouns:
        return
    doc = state.doc
    for tok in doc:
        classes = nouns.get(tok.lemma_.lower())
        if not classes or tok.tag_ != "NNS" or tok.i in state.token_entity:
            continue
        size = _set_size(tok)
        if size is None:
            continue
        here = sentence_index(doc, tok.i)
        first = next(
            (s.start for k, s in enumerate(doc.sents) if k == max(0, here - SET_WINDOW)), 0
        )
        # the antecedent in an earlier sentence: in its own clause a conjoined subject is not
        # what the description stands for ("X and Y urge both parties to ..."; binding)
        own_start = tok.sent.start
        sets = [(i, keys) for i, keys in _conjoined_sets(state, first, own_start, classes)]
        sets = [(i, keys) for i, keys in sets if len(keys) == size]
        if not sets:
            continue
        keys = sets[-1][1]
        start = tok.left_edge.i
        for key in keys:
            state.add_mention(key, start, tok.i + 1, "description")
        for i in range(start, tok.i + 1):
            state.token_entity[i] = keys[0]
        state.token_group[tok.i] = keys
