"""Definite descriptions of actors resolved by head match: "the regime", "the government".

"Assad's brutal regime ... We will keep up the pressure on the regime": a definite noun phrase
with no modifier of its own whose head noun is one of ``ontology/lexicon/head_match_nouns.csv``
(nouns that name a political actor: regime, government, junta ...) refers to the latest
earlier phrase, within :data:`WINDOW` sentences, with the same head noun that names an entity
("the Iraqi government") or belongs to one ("Assad's regime",
"the Assad regime", "the Syrian regime"). Without such a phrase it stays unresolved (no
guessing from the nearest entity of a class, which is what ``descriptions.csv`` does for
"the organization").

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

from graphbuilder.datafiles import read_csv_rows
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
    return _nouns(str(lexicon_dir().resolve()))


@lru_cache(maxsize=4)
def _nouns(directory: str) -> frozenset[str]:
    path = Path(directory) / "head_match_nouns.csv"
    if not path.is_file():
        return frozenset()
    _, rows = read_csv_rows(path, ("noun",))
    return frozenset(r["noun"].lower() for _, r in rows if r["noun"])


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
