"""Helpers over the dependency parse shared by the extractors: entities of noun phrases, agents,
objects, owners, evidence. Token-level; no I/O.

Entities are read only through ``doc._.gb_token_entity`` (the linker's and the coreference's
token -> entity map), reached along dependency arcs, never by nearness in the raw text.
Dependency labels are spaCy's English (ClearNLP) labels.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from graphbuilder.datafiles import read_csv_rows
from graphbuilder.nlp.extensions import entity_of_token, group_of_token
from graphbuilder.paths import lexicon_dir
from graphbuilder.records import Evidence

SUBJ = ("nsubj", "csubj")
PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
OBJ = ("dobj", "obj", "dative", "attr", "oprd")
CLAUSE = ("relcl", "advcl", "ccomp", "parataxis", "csubj", "csubjpass")
RELATIVE = ("who", "whom", "which", "that", "whose")
FIRST_PERSON = ("i", "we", "me", "us", "my", "our")


def inclusion_words() -> tuple[str, ...]:
    """The lemmas that introduce members of a set named before ("X members, meaning Y"): the
    ``inclusion`` cues of ``relation_cues.csv`` in the lexicon folder in effect
    (:func:`graphbuilder.paths.lexicon_dir`)."""
    return _inclusion_words(str(lexicon_dir()))


@lru_cache(maxsize=4)
def _inclusion_words(directory: str) -> tuple[str, ...]:
    from graphbuilder.extract.lexicon import load_relation_cues

    cues = load_relation_cues(Path(directory) / "relation_cues.csv")
    return tuple(sorted(cues.kinds["inclusion"]))


def owner_phrases() -> frozenset[tuple[str, str]]:
    """(noun, preposition) pairs whose prepositional phrase names the entity the noun belongs
    to ("the junta *in* Niamey", "a spokesman *for* the Kremlin"): ``owner_phrases.csv`` in the
    lexicon folder in effect (empty when the folder has no such file)."""
    return _owner_phrases(str(lexicon_dir()))


@lru_cache(maxsize=4)
def _owner_phrases(directory: str) -> frozenset[tuple[str, str]]:
    path = Path(directory) / "owner_phrases.csv"
    if not path.is_file():
        return frozenset()
    _, rows = read_csv_rows(path, ("noun", "prep"))
    return frozenset((r["noun"].lower(), r["prep"].lower()) for _, r in rows if r["noun"])


def _phrase_owner(tok: Token) -> list[str]:
    """The entity an owner phrase of ``tok`` names (:func:`owner_phrases`): for "in", a country,
    or a seat of government (``doc._.gb_seats``) standing for its state ("the regime in
    Damascus"); for other prepositions, any actor ("a spokesman for the Kremlin")."""
    pairs = owner_phrases()
    doc = tok.doc
    seats = doc._.gb_seats or {}
    out: list[str] = []
    for c in tok.children:
        if c.dep_ != "prep" or not (
            (tok.lemma_.lower(), c.lower_) in pairs or (tok.lower_, c.lower_) in pairs
        ):
            continue
        for g in c.children:
            key = entity(g) if g.dep_ == "pobj" else None
            if not key:
                continue
            cls = entity_class(doc, key)
            if key in seats and cls == "Location":
                out.append(seats[key].key)
            elif cls == "Country" or (c.lower_ != "in" and cls in ("Organization", "Person")):
                out.append(key)
    return out


def entity(tok: Token) -> str | None:
    """Entity key of one token (None when it is in no resolved mention)."""
    return entity_of_token(tok.doc, tok.i)


def entity_class(doc: Doc, key: str | None) -> str | None:
    """``Entity.cls`` of ``key`` in ``doc._.gb_entities`` (None when unknown)."""
    ents = doc._.gb_entities or {}
    ent = ents.get(key) if key else None
    return ent.cls if ent is not None else None


# words before an office title that say it is no longer held, or is the deputy's: "former
# Russian President Dmitry Medvedev", "the late King", "deputy president of South Africa X"
PAST_TITLE_WORDS = frozenset({"former", "ex", "late", "erstwhile", "onetime", "one-time"})
DEPUTY_TITLE_WORDS = frozenset({"deputy", "vice", "assistant"})


def is_city(doc: Doc, key: str) -> bool:
    """Whether entity ``key`` of ``doc`` is a city (a Location of KB subclass ``City``): an
    event named with it or held in it takes place there ("the G7 Hiroshima summit", "talks in
    Jeddah"), where a state or a sea in an act's name is what the act is about."""
    ent = (doc._.gb_entities or {}).get(key)
    return ent is not None and ent.cls == "Location" and ent.subclass == "City"


def title_status(doc: Doc, start: int) -> str | None:
    """``"former"`` or ``"deputy"`` when a word of :data:`PAST_TITLE_WORDS` or
    :data:`DEPUTY_TITLE_WORDS` stands before the office title starting at token ``start``,
    across the title's own premodifiers ("former Kenyan President", "ex-Prime Minister");
    else None."""
    found: set[str] = set()
    for k in range(start - 1, max(start - 5, -1), -1):
        if doc[k].is_punct and doc[k].text != "-":
            break
        word = doc[k].lower_.rstrip("-")
        if word in PAST_TITLE_WORDS:
            return "former"  # "former deputy president": no office now, deputy or not
        if word in DEPUTY_TITLE_WORDS:
            found.add("deputy")
        elif doc[k].pos_ not in ("ADJ", "PROPN", "PART", "DET") and doc[k].text != "-":
            break
    return "deputy" if found else None


def evidence_of(sent: Span) -> Evidence:
    """The sentence as :class:`Evidence`: its text, stripped, with char offsets in ``doc.text``."""
    text = sent.text
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    start = sent.start_char + lead
    end = sent.start_char + trail
    return Evidence(text[lead:trail], start, end)  # (Doc.text is rebuilt on every access)


def uniq(keys: Iterable[str | None]) -> list[str]:
    """Keys in first-seen order, without None or repeats."""
    out: list[str] = []
    for k in keys:
        if k and k not in out:
            out.append(k)
    return out


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens co-ordinated with it ("the West and NATO")."""
    return [tok, *tok.conjuncts]


def antecedent(tok: Token) -> Token:
    """For a relative pronoun subject/object of a relative clause, the noun it stands for."""
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def apposition_head(tok: Token) -> Token | None:
    """The noun that ``tok`` is an apposition of, if any.

    A labelled ``appos`` arc, or a noun phrase set off by a comma right after an entity mention
    that the parser attached elsewhere ("the UN, a structure that ..."; the small English model
    often labels it ``npadvmod``).
    """
    if tok.dep_ == "appos":
        return tok.head
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ("npadvmod", "conj", "dep", "attr"):
        return None
    left = tok.left_edge.i
    doc = tok.doc
    if left >= 2 and doc[left - 1].text == "," and entity(doc[left - 2]):
        return doc[left - 2]
    return None


def np_entities(tok: Token, inclusion: Iterable[str] = (), follow_conj: bool = True) -> list[str]:
    """Entities a noun phrase headed by ``tok`` names.

    The head's own entity; else its apposition ("the head of ..., Sultan Kamaletdinov"); else
    members named through an inclusion word ("some members, meaning Kazakhstan"); then the same
    for each conjunct.

    Parameters
    ----------
    tok : Token
        Head of the noun phrase.
    inclusion : iterable of str
        Lemmas introducing members of the phrase ("mean", "include", "namely").
    follow_conj : bool
        Also read the conjuncts ("A and B").
    """
    inclusion = tuple(inclusion)
    heads = conjuncts(tok) if follow_conj else [tok]
    out: list[str | None] = []
    for h in heads:
        h = antecedent(h)
        key = entity(h)
        if key:
            out.extend(group_of_token(h.doc, h.i) or [key])  # "they": each of the set
            continue
        app = apposition_head(h)
        if app is not None and entity(app):
            out.append(entity(app))
            continue
        found = False
        for c in h.children:
            if c.dep_ == "appos" and entity(c):
                out.extend(entity(x) for x in conjuncts(c))
                found = True
        if found:
            continue
        for c in h.children:
            if c.dep_ in ("acl", "prep", "advmod") and c.lemma_.lower() in inclusion:
                for g in c.children:
                    if g.dep_ in ("dobj", "pobj", "attr"):
                        out.extend(entity(x) for x in conjuncts(g))
    return uniq(out)


def owner_entities(tok: Token, depth: int = 2) -> list[str]:
    """Entities a non-entity noun belongs to: its possessor ("Kazakhstan's position"), its
    of-phrase ("the position of the President"; through ``depth`` nested of-phrases and their
    owners: "the heads of state of the SCO member countries"), the by-agent of a participle on
    it ("this tone, set by Vladimir Putin"), an entity compound ("the Taliban government") or
    an owner phrase (:func:`owner_phrases`: "the junta in Niamey", "a spokesman for X")."""
    out: list[str | None] = []
    for c in tok.children:
        if c.dep_ == "poss":
            for x in conjuncts(c):
                out.extend(group_of_token(x.doc, x.i) or [entity(x)])
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    found = np_entities(g)
                    if not found and depth > 0 and g.pos_ == "NOUN":
                        found = owner_entities(g, depth - 1)
                    out.extend(found)
        if c.dep_ == "prep" and c.lower_ == "by" and tok.pos_ == "NOUN":
            for g in c.children:  # "the attack by Assad's regime": the act's agent
                if g.dep_ == "pobj":
                    out.extend(np_entities(g) or owner_entities(g, 0))
        if c.dep_ == "acl" and c.tag_ == "VBN":
            for g in c.children:
                if g.dep_ == "agent":
                    for p in g.children:
                        if p.dep_ == "pobj":
                            out.extend(np_entities(p))
    if not out:
        for c in tok.children:
            if c.dep_ in ("compound", "nmod", "amod") and entity(c):
                out.extend(entity(x) for x in conjuncts(c))  # "Finland or Sweden NATO bids"
    if not out and tok.pos_ == "NOUN":
        out.extend(_phrase_owner(tok))  # "the junta in Niamey", "a spokesman for the Kremlin"
    if not out:
        for c in tok.children:  # "the EU member states", "a US-Saudi statement"
            if c.dep_ in ("compound", "amod") and not entity(c):
                out.extend(
                    entity(g) for g in c.children if g.dep_ in ("compound", "nmod") and entity(g)
                )
    return uniq(out)


def is_passive(verb: Token) -> bool:
    """Whether ``verb`` is in the passive voice (a passive subject or auxiliary)."""
    return any(c.dep_ in (*PASSIVE_SUBJ, "auxpass") for c in verb.children)


def by_agent(verb: Token) -> Token | None:
    """The head noun of the by-phrase of a passive verb."""
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def subject(verb: Token) -> Token | None:
    """The grammatical subject of ``verb``, climbing infinitives, conjuncts and relative
    clauses ("X refused to condemn", "X met Y and praised Z", "X, who criticized ..."); the
    object of an object-control verb ("urged X to withdraw" -> X); the clause of a purpose
    infinitive ("X moved a motion to condemn Y"), of a by-gerund ("X responded by imposing"),
    of a participial adjunct ("X left the talks, accusing Y of ...")
    and of an infinitive on a noun ("X became the first member to support Y", "X announced its
    decision to withdraw").

    Source of the rules: the control and purpose-clause analyses of English grammar, read in
    spaCy's ClearNLP-style labels (xcomp, advcl, acl, pcomp).
    """
    seen = 0
    v = verb
    while v is not None and seen < 6:
        seen += 1
        subjects = [c for c in v.children if c.dep_ in SUBJ or c.dep_ in PASSIVE_SUBJ]
        if subjects:
            # two subjects are a mis-parsed apposition ("The candidate of X, Bola Tinubu has
            # hailed"): the one next to the verb is the name
            return antecedent(subjects[-1])
        if v.head == v:
            return None
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
        if v.dep_ == "xcomp":
            # object control: "urged X to withdraw", "called on X to withdraw" -> X
            obj = [c for c in v.head.children if c.dep_ in ("dobj",)]
            obj += [
                g
                for c in v.head.children
                if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                for g in c.children
                if g.dep_ == "pobj"
            ]
            if obj and infinitive:
                return antecedent(obj[0])
            v = v.head
            continue
        if v.dep_ in ("conj", "acomp"):  # "X met Y and praised Z"; "X is ready to support"
            v = v.head
            continue
        if v.dep_ == "attr" and v.tag_ == "VBG" and v.head.lemma_ == "be":
            v = v.head  # a progressive parsed as an attribute: "X is mediating between ..."
            continue
        if v.dep_ == "advcl" and infinitive:  # purpose: "moved a motion to condemn X"
            v = v.head
            continue
        if v.dep_ == "advcl" and v.tag_ == "VBG":
            # a free participial adjunct is controlled by the main clause's subject: "X froze
            # its participation, accusing Y of ..." (a past participle, "Backed by Y, X ...",
            # is passive and left alone)
            v = v.head
            continue
        if v.dep_ == "pcomp" and v.head.dep_ == "prep":  # "by imposing sanctions on X"
            governing = v.head.head
            obj = [c for c in governing.children if c.dep_ == "dobj"]
            if v.head.lower_ in ("of", "for") and obj and governing.pos_ == "VERB":
                # object control: "accused X of failing to ...", "blamed X for blocking ..."
                return antecedent(obj[0])
            v = governing
            continue
        if v.pos_ == "NOUN" and v.dep_ in ("dobj", "attr", "oprd") and v != verb:
            v = v.head  # "began a process of withdrawing": the clause the noun is object of
            continue
        if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN"):
            # "protesters demanding X": the noun acts; "a statement condemning X": whoever
            # issued the statement (the subject of the clause the noun belongs to)
            noun = v.head
            if entity(noun) or noun.pos_ == "PROPN":
                return noun
            owner = [c for c in noun.children if c.dep_ == "poss"]
            if owner:
                return antecedent(owner[0])
            if noun.dep_ in ("dobj", "pobj") and noun.head != noun:
                v = noun.head if noun.dep_ == "dobj" else noun.head.head
                continue
            return noun
        if v.dep_ == "acl" and infinitive and v.head.pos_ in ("NOUN", "PROPN", "ADJ"):
            # "its decision to withdraw" -> its owner; "the first member to support X" and
            # "a motion to condemn X" -> the subject of the clause the noun belongs to
            noun = v.head
            owner = [c for c in noun.children if c.dep_ == "poss"]
            if owner:
                return antecedent(owner[0])
            if noun.dep_ in ("attr", "oprd", "dobj", "pobj") and noun.head != noun:
                v = noun.head if noun.dep_ != "pobj" else noun.head.head
                continue
            return None
        if v.dep_ == "relcl" and infinitive and v.head.dep_ in ("dobj", "attr", "oprd"):
            v = v.head.head  # "moved a resolution to condemn X" parsed as a relative clause
            continue
        if v.dep_ == "relcl":
            return v.head
        return None
    return None


def agent_token(verb: Token) -> Token | None:
    """The agent of ``verb``: the by-phrase of a passive, else the subject of an active verb."""
    if is_passive(verb):
        return by_agent(verb)
    return subject(verb)


def _infinitive_clause(tok: Token) -> bool:
    """True for a noun's infinitive clause ("plan *to displace* X": acl with a "to") or active
    participle clause ("a resolution *condemning* X": acl VBG): the act the noun proposes."""
    if tok.dep_ != "acl":
        return False
    return tok.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def search_entities(
    roots: Iterable[Token],
    max_depth: int = 6,
    nearest: bool = True,
    infinitives: bool = True,
    pronouns: bool = True,
    skip_preps: tuple[str, ...] = (),
) -> list[str]:
    """Entities inside the phrases under ``roots``, breadth first, without entering clauses.

    Parameters
    ----------
    roots : iterable of Token
        Phrase heads to start from (depth 0).
    max_depth : int
        How many dependency arcs down to look.
    nearest : bool
        Return only the entities met at the smallest depth (with their conjuncts); else all.
    infinitives : bool
        Whether to enter a noun's infinitive or active participle clause ("a plan to displace
        X", "a resolution condemning X"); a passive participle clause ("an agreement adopted
        by X") is entered in any case.
    pronouns : bool
        Whether a pronoun below the roots counts ("the attack on *its* embassy": with False,
        the pronoun's entity is not taken; the search goes on below it).
    skip_preps : tuple of str
        Prepositions of the roots not entered ("the attack *on X*": with ``("on",)``, X is
        not searched).

    Returns
    -------
    list of str
        Entity keys in order of depth, then of text.
    """
    roots = list(roots)
    frontier = [(r, 0) for r in roots]
    found: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    while frontier:
        tok, depth = frontier.pop(0)
        if tok.i in seen or depth > max_depth:
            continue
        seen.add(tok.i)
        key = entity(tok) if pronouns or depth == 0 or tok.pos_ != "PRON" else None
        if key is None and depth == 0:
            app_keys = np_entities(tok, inclusion_words(), follow_conj=False)
            key = app_keys[0] if app_keys else None
        if key:
            found.append((depth, tok.i, key))
        for c in tok.children:
            if c.dep_ in CLAUSE or (not infinitives and _infinitive_clause(c)):
                continue
            if depth == 0 and c.dep_ == "prep" and c.lower_ in skip_preps:
                continue
            if c.dep_ in ("punct", "cc", "det", "case", "neg", "aux"):
                continue
            frontier.append((c, depth + 1))
    if not found:
        return []
    if nearest:
        best = min(d for d, _, _ in found)
        doc = roots[0].doc
        top = [i for d, i, _ in found if d == best]
        near = {i for t in top for i in [t, *(c.i for c in doc[t].conjuncts)]}
        return uniq(k for d, i, k in sorted(found) if d == best or i in near)
    return uniq(k for _, _, k in sorted(found, key=lambda x: (x[0], x[1])))
