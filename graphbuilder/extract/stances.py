"""Stances read from the dependency parse with the cue lexicon ``ontology/lexicon/stance_cues.csv``.

For every token that heads a cue (a lemma, or lemmas standing together as head and dependent:
"call for", "raise question", "difficult relation"), the cue's frame says where holder and
target are:

- ``agent``: holder is the agent (subject of an active verb, by-agent of a passive one, the
  possessor or governing subject of a noun cue, the speaker for "I"/"we" inside a quote);
  target is the entity of the object, the passive subject, a prepositional object or the
  subject of a complement clause ("complained that some members, meaning X, ...").
  An infinitive or gerund with no subject ("aimed at countering NATO") is held by whoever
  speaks: the quote's speaker, the reporter, else the author.
- ``evaluative``: the cue judges what it is said of ("the rotten UN", "X's position raises
  questions", "This tone, set by Putin, is the only true one", "the UN, a structure that has
  outlived its usefulness"); the holder is whoever speaks.
- ``threat``: an entity subject threatens its object; a non-entity subject ("the activity of
  armed groups in Afghanistan threatens our security") is the speaker's Concern about the
  entities inside it.
- ``commitment``: "send", "join" ...: a stance (Refusal) only when negated or refused, and
  Support when sought ("their bid to join NATO", "applied to join the EU").
- ``deontic``: "it is necessary / important to ...": the speaker's Proposal about the entities
  of the proposed action, only inside a quote or reported speech.
- ``experiencer``: psych verbs ("X was appalled by Y", "Y outraged X"): the one who feels holds
  the stance toward the cause.
- ``role``: an agent noun names its holder by the stance it holds ("X is a critic of Y",
  "X, a staunch supporter of Y", "Kremlin critic X", "Belarus, Russia's closest ally"): the
  holder is the phrase the noun is predicated of (copular subject), in apposition to, or a
  modifier of (the name it precedes); the target is its of/for-phrase, possessor or entity
  modifier (:func:`_role_reading`).
- ``reciprocal``: a relation noun ("talks", "agreement", "tensions", "rift") held by sides
  named together ("X and Y held talks", "tensions between X and Y"): each toward the other.
- ``measure``: a measure imposed, lifted or withheld (CAMEO 081 085 162 163 172: "imposed a
  curfew in X", "lifted sanctions on X", "halted aid to X", "closed its border with X"): as
  ``agent``, with the target read first from where or on whom the measure falls
  (:func:`_measure_targets`).

Material acts (PLOVER COERCE, ASSAULT, FIGHT, SANCTION: arrest, detain, kidnap, bomb, shell,
halt aid) are gb:Opposition, and acts of conciliation or contact (PLOVER CONCEDE, CONSULT:
lift a curfew, visit, host, mediate) gb:Cooperation: the vocabulary's existing types, mapped in
``ontology/lexicon/sources/cameo_stance_map.csv`` (their tests:
``tests/extract/test_stance_material_acts.py``). Stopping a positive act ("suspended its
cooperation with X") opposes its target (:func:`_halting_verb`); a threat targets the subject
of its condition ("unless X withdraws") and the recipient of the threatened act.

Beyond the frames (each rule has its tests in ``tests/extract/test_stance_constructions.py``):

- a capital that holds or receives a stance stands for its state (:func:`as_actor`,
  ``doc._.gb_seats`` from the KB's ``seats.csv``), unless the sentence names it only as a
  location ("to ban voting in East Jerusalem");
- a target that is an act ("the ceasefire plan") becomes an event
  (:mod:`graphbuilder.extract.targets`); no stance toward the holder's own state;
- appeals: "urged / called on X to stop / not to ..." is Criticism of X; what an appeal asks is
  not the addressee's stance but the appealer's ("urged the EC to support the PLO": support of
  the PLO by the one who urged); a cue under a cue of the other polarity is read by that cue;
- verbs of protection (modality kind ``protection``): "defended X from Y" supports X and
  opposes Y; a noun cue given "with" a light verb goes to its object ("provided X with
  support");
- a stance noun received (modality kind ``receiving``: "X received support from Y", "won the
  backing of Y") is the giver's toward the receiver; otherwise a noun cue's from-phrase holds
  it when nothing else does ("a threat of sanctions from X against Y");
- an object shifted behind an "as" phrase is the verb's object ("dismissed as absurd X's
  comments"); a necessary act that is itself a negative cue opposes its object ("it is
  necessary to punish X");
- conjoined sides of a fight or cooperation, and nouns with "between", stand toward each
  other (each conjunct of "between" a side with its own owner: "cooperation between the
  Iraqi government and the Kurdish authorities"); support "against" a third side is
  Opposition to it;
- who echoes or repeats another's stance noun holds it too ("X echoed Y's call for Z",
  ``ECHO_VERBS``);
- a place named as the modifier of a governing body's noun holds a stance ("the Donetsk
  authorities condemned X", :func:`_governed_places`); a place alone holds none;
- ``harm``: "at the hands of X" is X's hostile act toward the one who suffers it
  (:func:`_harm_reading`);
- what a noun's content clause says its subject did is about that subject ("welcomed the news
  that X had retaken the city": X, :func:`_content_clause_subject`);
- conjoined speakers of reported speech each hold the stance; a quote with no target takes the
  one of "said of / about X".

Negation, refusal and hedges are applied by :mod:`graphbuilder.extract.negation`.
Attribution: ``DirectQuote`` inside a quote, ``ReportedSpeech`` inside the complement of a verb
of saying ("X announced that ...") or after "according to X", else ``AuthorOpinion`` (the
author's own account; the holder is the author where the author is the one judging).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from graphbuilder.extract import lexicon as _lexicon
from graphbuilder.extract.lexicon import (
    ExtractionLexicons,
    StanceCue,
    StanceLexicon,
    default_lexicons,
)
from graphbuilder.extract.negation import apply_modality, modality_of
from graphbuilder.extract.quotes import Quote, find_quotes, quote_of_token
from graphbuilder.extract.syntax import (
    FIRST_PERSON,
    OBJ,
    PASSIVE_SUBJ,
    agent_token,
    antecedent,
    apposition_head,
    by_agent,
    conjuncts,
    entity,
    entity_class,
    evidence_of,
    inclusion_words,
    is_passive,
    np_entities,
    owner_entities,
    owner_phrases,
    search_entities,
    subject,
    uniq,
)
from graphbuilder.extract.targets import PENDING, EventMint, phrase_targets
from graphbuilder.records import Entity, Mention, Relation, Stance

HOLDER_CLASSES = ("Person", "Country", "Organization", "Event")  # Event: "the summit declared"
TARGET_PREPS = (
    "to",
    "for",
    "with",
    "against",
    "about",
    "over",
    "toward",
    "towards",
    "from",
    "into",
    "regarding",
    "concerning",
)
NOUN_TARGET_PREPS = (
    "for",
    "to",
    "with",
    "against",
    "about",
    "over",
    "toward",
    "towards",
    "from",
    "of",
    "on",
    "at",
    "regarding",
    "concerning",
)
GENERIC_HEADS = ("one", "thing", "way", "choice", "step", "position", "line", "approach")

# confidence of a stance before modality factors, by how holder and target were read
CONF_AGENT = 0.85  # explicit entity agent of a verb cue
CONF_NOUN = 0.7  # holder of a noun cue
CONF_FALLBACK = 0.6  # holder taken from the speaker/author (no explicit agent)
CONF_EVALUATIVE = 0.65
SAID_OF_PREPS = ("of", "about", "regarding", "concerning")  # "said of X", "told reporters about X"
# prepositions of an act's patient ("the attack on X", "sanctions against X"): a stance toward
# the act is no stance toward its patient
PATIENT_PREPS = ("on", "against", "upon")
RECIPROCAL_PRONOUNS = frozenset({"each other", "one another"})
RECIPROCAL_TYPES = ("Opposition", "Cooperation")  # the relation holds between the two sides
# objects that name the interaction itself ("fought two wars", "held talks"): CAMEO's &FIGHT
# and &NEGOTIATION noun synsets (CAMEO.2.0.txt)
INTERACTION_NOUNS = frozenset(
    {"war", "battle", "fight", "clash", "conflict", "talk", "talks", "negotiation", "dialogue"}
)
DESCRIBED_GROUP_PRONOUNS = frozenset({"those", "anyone", "anybody", "whoever", "everyone"})
AGAINST_FACTOR = 0.9  # the opponent of a supported side ("backed X against Y")
SEEK_FACTOR = 0.85  # a commitment sought, not yet made
CLIMB_FACTOR = 0.9  # agent not a dependent of the cue verb (see syntax.subject)
SUBJ_DEPS = ("nsubj", "nsubjpass", "pobj")  # a subject of a governing verb, or a by-agent
# prepositions of place: a capital in their object is where something happens, not an actor
LOCATIVE_PREPS = ("in", "at", "near", "inside", "outside", "within", "throughout", "around")
PROTECTION_PREPS = ("from", "against")  # the danger of a verb of protection (modality.csv)
APPEAL_FACTOR = 0.85  # an appeal read for the appealer or as criticism: one inference more
# verbs of repeating another's words (CAMEO.2.0.txt block REPEAT [010]: echo, repeat; its
# patterns "ECHO + CALLS [051]", "REPEAT APPEAL [020]": repeating a call or appeal is making
# it and endorsing it): their agent holds the stance noun they take as object too
ECHO_VERBS = frozenset({"echo", "repeat"})
# noun cues whose "from" phrase is what they are about ("withdrawal from", "fear from"), not
# who holds them
FROM_IS_TARGET_TYPES = ("Refusal", "Concern")


@dataclass(frozen=True, slots=True)
class _Context:
    attribution: str
    speaker: str | None  # the quote's speaker, the reporter or the author
    co_speakers: tuple[str, ...] = ()  # the others of a conjoined subject of saying


def _pos_ok(tok: Token, pos: str) -> bool:
    if pos == "VERB":
        return tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ != "aux")
    if pos == "NOUN":
        return tok.pos_ in ("NOUN",)
    return (
        tok.pos_ == "ADJ"
        or (tok.tag_ == "VBN" and tok.dep_ in ("acomp", "amod"))
        or _adjectival_passive(tok)
    )


def _adjectival_passive(tok: Token) -> bool:
    """Whether ``tok`` is a participle parsed as a passive with no by-agent, which an
    adjective cue reads as the adjectival passive it is ("Israel is opposed to the plan", an
    adjective with its complement; Wasow 1977, "Transformations and the lexicon"): its passive
    subject holds the stance, the cue's preposition names the target."""
    return tok.tag_ == "VBN" and is_passive(tok) and by_agent(tok) is None


def match_cue(tok: Token, lex: ExtractionLexicons) -> StanceCue | None:
    """The longest cue headed by ``tok``: its lemma is the cue's head word (the first, or the
    last of a noun cue with its modifier first), its part of speech matches and the cue's other
    words are its dependents (or dependents of those)."""
    if tok.is_space or tok.is_punct:
        return None
    lemma = tok.lemma_.lower()
    near: set[str] | None = None  # lemmas of the dependents, read once for all candidates
    near_deep: set[str] | None = None  # and of theirs, for cues of four words
    for cue in lex.stances.candidates(lemma):
        if not _pos_ok(tok, cue.pos):
            continue
        if len(cue.lemmas) > 1 and lemma != cue.lemmas[0]:
            # the cue's head word comes first ("call on", "issue ultimatum"), except in a noun
            # with its modifier first ("difficult relation")
            if not (cue.pos == "NOUN" and lemma == cue.lemmas[-1]):
                continue
        others = list(cue.lemmas)
        others.remove(lemma)
        if others:
            if near is None:
                near = {c.lemma_.lower() for c in tok.children if not _temporal_prep(c)}
                # the cue's words two arcs down are in its complements, never in its subject
                # ("its stance on X ... called it Y" is no "call on")
                near |= {
                    g.lemma_.lower()
                    for c in tok.children
                    if c.dep_ not in ("nsubj", "nsubjpass", "csubj")
                    for g in c.children
                    if not _temporal_prep(g)  # "to disperse X on Monday night": no "on" cue
                }
                if (
                    tok.pos_ == "NOUN"
                    and tok.dep_ == "dobj"
                    and tok.head.lemma_.lower() in lex.light
                ):
                    # "staged rallies in X against Y": the parse hangs the noun's preposition
                    # on the light verb
                    near |= {c.lower_ for c in tok.head.children if c.dep_ == "prep" and c != tok}
            if len(others) >= 3 and near_deep is None:
                # "impose a state of emergency": the cue's last word three arcs down
                near_deep = near | {
                    h.lemma_.lower() for c in tok.children for g in c.children for h in g.children
                }
            if not all(o in (near_deep if len(others) >= 3 else near) for o in others):
                continue
        return cue
    return None


# names of days and months (the standard library's calendar) and common nouns of time: the
# linker keeps only linked names in doc.ents, so the model's DATE label may be gone
TIME_WORDS = frozenset(
    w.lower()
    for w in (*calendar.day_name, *calendar.month_name, *calendar.day_abbr, *calendar.month_abbr)
    if w
) | frozenset({"day", "week", "month", "year", "night", "morning", "evening", "weekend", "time"})


def _temporal_prep(tok: Token) -> bool:
    """A preposition whose object is a date or a time ("called X ... on Saturday"): it cannot
    be the preposition of a cue such as "call on"."""
    if tok.dep_ != "prep":
        return False
    return any(
        g.dep_ == "pobj"
        and (g.lower_ in TIME_WORDS or g.like_num or g.ent_type_ in ("DATE", "TIME"))
        for g in tok.children
    )


def _context(tok: Token, qindex: dict[int, Quote], lex: ExtractionLexicons) -> _Context:
    doc = tok.doc
    q = qindex.get(tok.i)
    if q is not None:
        return _Context("DirectQuote", q.speaker)
    path = [tok, *tok.ancestors]
    for a in path:
        if a.dep_ in ("ccomp", "xcomp") and a.head != a and a.i not in qindex:
            verb = a.head
            if verb.lemma_.lower() in lex.reporting and a.dep_ == "ccomp":
                rep = agent_token(verb)
                keys = []
                if rep is not None:
                    keys = np_entities(rep, inclusion_words()) or owner_entities(rep)
                if keys:
                    return _Context("ReportedSpeech", keys[0], tuple(keys[1:]))
    for t in tok.sent:
        if t.lower_ == "according" and t.i not in qindex:
            for p in t.children:
                for g in p.children:
                    if g.dep_ == "pobj" and np_entities(g):
                        return _Context("ReportedSpeech", np_entities(g)[0])
    return _Context("AuthorOpinion", doc._.gb_author)


def _first_person(tok: Token | None) -> bool:
    return tok is not None and tok.lower_ in FIRST_PERSON


def as_actor(doc: Doc, key: str, sent: Span | None = None) -> str:
    """The actor a holder or target key stands for: a capital (a Location of
    ``doc._.gb_seats``) stands for its state ("Beijing condemned ..."); any other key for itself.
    With ``sent``, a capital named there only as the object of a locative preposition ("to ban
    voting in East Jerusalem", "the summit in Beijing") stays the place."""
    seats = doc._.gb_seats or {}
    if key in seats and entity_class(doc, key) == "Location":
        if sent is not None and _only_located(sent, key):
            return key
        return seats[key].key
    return key


def _only_located(sent: Span, key: str) -> bool:
    """Whether every mention of ``key`` in ``sent`` is the object of a locative preposition."""
    heads = [
        t
        for t in sent
        if entity(t) == key and not (t.head != t and entity(t.head) == key)  # the mention's head
    ]
    return bool(heads) and all(t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS for t in heads)


def _holders_of_np(tok: Token, owners: bool = True) -> list[str]:
    keys = np_entities(tok, inclusion_words()) or (owner_entities(tok) if owners else [])
    keys = uniq(as_actor(tok.doc, k) for k in keys)
    return [
        k
        for k in keys
        if entity_class(tok.doc, k) in (*HOLDER_CLASSES, None) or k in _governed_places(tok.sent)
    ]


def prep_objects(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    """The objects of ``tok``'s prepositions among ``preps`` ("against X", "said of X")."""
    return [
        g
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _phrase_keys(roots: list[Token], mint: EventMint | None) -> list[str]:
    """Targets of the phrases under ``roots``: what each phrase names or belongs to
    (:func:`graphbuilder.extract.targets.phrase_targets`), else the nearest entities inside
    (unless those are only places and the phrase names an act: then the act)."""
    keys: list[str] = []
    agreements: list[str] = []
    # a described group ("those responsible for the violence in X", "anyone who ...") is no
    # entity of the phrase: X is where it acted, not who it is
    roots = [r for r in roots if entity(r) or r.lower_ not in DESCRIBED_GROUP_PRONOUNS]
    if not roots:
        return []
    for r in roots:
        told = _content_clause_subject(r)
        if told:
            keys += told
            continue
        found, how = phrase_targets(r, mint, inclusion_words())
        keys += found
        if how == "agreement":
            agreements += found
    keys = uniq(keys)
    if agreements and len(agreements) == len(keys):
        return agreements  # the named agreement itself, not the parties in its name
    named = [k for k in keys if not k.startswith(PENDING)]
    if named:
        return named
    # with an act to fall back on, a pronoun deep in the phrase is not its target: "condemns
    # the attack on its embassy" (its own embassy) is about the attack
    found = search_entities(roots, pronouns=not keys)
    if keys and found and all(entity_class(roots[0].doc, k) == "Location" for k in found):
        # "the Black Sea plan", "the talks in Lima": the act, not the place in or of it
        return keys
    if keys and found and not search_entities(roots, infinitives=False):
        # "rejected any plan to displace Palestinians": the plan, not whom it would act on
        return keys
    if keys and found and not search_entities(roots, skip_preps=PATIENT_PREPS + LOCATIVE_PREPS):
        # "condemned the attack on Sudan": the attack, not the one it was made on; "condemned
        # the bomb attacks in Syria": nor the state it was made in
        return keys
    return found or keys


def _content_clause_subject(tok: Token) -> list[str]:
    """The entities of the subject of a noun's content clause: "welcomed the news that the
    Government of X has retaken the city", "the report that X had withdrawn" (a clause marked
    by the conjunction "that", not a relative clause). What is welcomed or deplored is what the
    clause says its subject did: the subject is the target (the noun complement clause of
    Huddleston & Pullum 2002, *The Cambridge Grammar of the English Language*, ch. 11, 7.2).

    Parameters
    ----------
    tok : Token
        A noun phrase head (the object or prepositional object of a cue).

    Returns
    -------
    list of str
        Entity keys of the clause's subject (its own entities or its owner's); empty when the
        noun has no such clause or the subject names no entity.
    """
    if tok.pos_ != "NOUN":
        return []
    for c in tok.children:
        if c.dep_ not in ("acl", "ccomp") or c.pos_ not in ("VERB", "AUX"):
            continue
        if not any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            continue
        subj = subject(c)
        if subj is not None and subj.head == c:
            keys = np_entities(subj, inclusion_words()) or owner_entities(subj)
            if keys:
                return keys
    return []


def _verb_targets(
    verb: Token,
    cue: StanceCue,
    mint: EventMint | None = None,
    skip_preps: tuple[str, ...] = (),
) -> tuple[list[str], Token | None]:
    """Targets of a verb cue and the phrase they were read from; the objects of the
    prepositions in ``skip_preps`` are never targets ("defended X from Y": Y is the danger)."""
    cue_preps = [
        c for c in verb.children if c.dep_ == "prep" and c.lower_ in cue.lemmas[1:] and c.children
    ]
    if len(cue.lemmas) > 2:
        # "shared intelligence with X": the cue's preposition on the cue's own object
        cue_preps += [
            c
            for o in verb.children
            if o.dep_ in OBJ and o.lemma_.lower() in cue.lemmas[1:]
            for c in o.children
            if c.dep_ == "prep" and c.lower_ in cue.lemmas[1:] and c.children
        ]
    if len(cue.lemmas) > 3:
        # "stand shoulder to shoulder with X": the cue's last preposition, wherever the parse
        # hangs it among the cue's words (up to three arcs down)
        last = cue.lemmas[-1]
        below = [g for c in verb.children for g in (c, *c.children)]
        below += [h for g in below for h in g.children]
        cue_preps = [t for t in below if t.dep_ == "prep" and t.lower_ == last] + cue_preps
    for p in cue_preps:  # "withdrew the US from the agency": the cue's own preposition first
        pobjs = [g for g in p.children if g.dep_ in ("pobj", "pcomp")]
        keys = _phrase_keys(pobjs, mint) if pobjs else []
        if keys:
            return keys, pobjs[0]
    objs = [c for c in verb.children if c.dep_ in OBJ]
    if is_passive(verb):
        own = [c for c in verb.children if c.dep_ in PASSIVE_SUBJ]
        if not own and verb.dep_ == "conj":  # "X was unveiled and was hailed by Y"
            own = [c for c in verb.head.children if c.dep_ in PASSIVE_SUBJ]
        objs += own
    if not objs and not is_passive(verb):
        # "dismissed as absurd Canada's comments": the object shifted behind an "as" phrase
        # (heavy-NP shift) is parsed inside it
        shifted = prep_objects(verb, ("as",))
        objs = [g for o in shifted for g in (o, *(c for c in o.children if c.dep_ == "appos"))]
    extra = set(cue.lemmas[1:]) if len(cue.lemmas) > 1 else set()
    cue_objs = [o for o in objs if o.lemma_.lower() in extra]
    objs = [o for o in objs if o.lemma_.lower() not in extra]
    if objs:
        keys = _phrase_keys(objs, mint)
        if skip_preps:  # "protect the people from X's army": X is the danger, not the object
            dangers = [g for o in objs for g in prep_objects(o, skip_preps)]
            danger = set(search_entities(dangers, nearest=False))
            keys = [k for k in keys if k not in danger]
        if keys:
            return keys, objs[0]
    # "critical of X", "appalled by X", "alarmed at X"
    own_preps = TARGET_PREPS + (("of", "by", "at") if cue.pos == "ADJ" else ())
    own_preps = tuple(p for p in own_preps if p not in skip_preps)
    obj_preps = tuple(p for p in TARGET_PREPS if p not in skip_preps)
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in own_preps]
    for obj in objs + cue_objs:  # "raise questions about X", "recalled its envoy from X"
        preps += [c for c in obj.children if c.dep_ == "prep" and c.lower_ in obj_preps]
    pobjs = [g for p in preps for g in p.children if g.dep_ in ("pobj", "pcomp")]
    if pobjs:
        keys = _phrase_keys(pobjs, mint)
        if keys:
            return keys, pobjs[0]
    for c in verb.children:
        if c.dep_ == "ccomp":
            subj = subject(c)
            if subj is not None:
                keys = np_entities(subj, inclusion_words()) or _phrase_keys([subj], mint)
                if keys:
                    return keys, subj
    for c in verb.children:  # "opposed ratifying the deal", "agreed to send troops to Y"
        if c.dep_ == "xcomp" and not any(g.dep_ in ("nsubj",) for g in c.children):
            keys, phrase = _verb_targets(c, cue, mint, skip_preps)
            if keys:
                return keys, phrase
    if cue_objs:  # "issued an ultimatum", "Taipei's decision": whose the cue's object is
        keys = [k for k in phrase_targets(cue_objs[0], None, inclusion_words())[0]]
        keys = [k for k in keys if not k.startswith(PENDING)]
        if keys:
            return keys, cue_objs[0]
        # "stressed the importance of the grain deal": what the cue's object is of
        ofs = prep_objects(cue_objs[0], ("of", "for"))
        keys = _phrase_keys(ofs, mint) if ofs else []
        if keys:
            return keys, ofs[0]
    return [], None


def _noun_holder_and_targets(
    tok: Token,
    light: frozenset[str] = frozenset(),
    mint: EventMint | None = None,
    cue: StanceCue | None = None,
) -> tuple[list[str], list[str]]:
    """Holders and targets of a noun cue: the noun's own possessor or entity modifier, else the
    agent of the governing light verb, else its of-phrase, else (for a ``cue`` that expresses a
    stance, not a Refusal or Concern, and has no "from" of its own) its from-phrase ("support
    from Poland", "a threat of sanctions from Biden against X")."""
    holders: list[str] = []
    for c in tok.children:
        if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and entity(c)):
            holders += [entity(x) for x in [c, *c.conjuncts] if entity(x)]
        if c.dep_ == "poss" and not entity(c):
            # "the G7 nations' concerns": the possessor's own entity modifier
            holders += [k for k in owner_entities(c) if entity_class(tok.doc, k) in HOLDER_CLASSES]
    own = bool(holders)
    light_verb: Token | None = None
    if not holders:
        # climb to the governing verb: "X expressed concern over Y", "X is in tense relations
        # with Y", "X voiced support for Y"
        up = tok
        for _ in range(4):
            if up.dep_ == "pobj":
                up = up.head.head
            elif up.dep_ in ("dobj", "attr", "nsubjpass", "conj") and up.head != up:
                up = up.head
            else:
                break
            if up.pos_ in ("VERB", "AUX"):
                if up.lemma_.lower() not in light and up.dep_ == "xcomp":
                    up = up.head  # "is, to put it mildly, in difficult relations with"
                if up.lemma_.lower() not in light:
                    break
                light_verb = up
                ag = agent_token(up)
                if ag is not None:
                    holders = _holders_of_np(ag)
                break
    own_preps = NOUN_TARGET_PREPS + (tuple(cue.lemmas[1:]) if cue is not None else ())
    # the cue's own preposition counts too ("participation in X")
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in own_preps]
    manner = tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.pos_ == "VERB"
    if manner and not own:
        # "X spoke up in support of Y", "X voted in favour of Y": the verb's agent holds the
        # stance and the of-phrase is its target
        gov = tok.head.head
        ag = agent_token(gov)
        negated = any(c.dep_ == "neg" for c in gov.children)
        holders = _holders_of_np(ag) if ag is not None and not negated else []
        own = bool(holders)
    if not own:
        # "the support of Russia": the of-phrase names the holder when nothing else does
        of = [p for p in preps if p.lower_ == "of"]
        if of and not holders:
            holders = uniq(
                k for p in of for g in p.children if g.dep_ == "pobj" for k in np_entities(g)
            )
            preps = [p for p in preps if p.lower_ != "of"]
        source = [p for p in preps if p.lower_ == "from"]
        expressed = cue is not None and cue.stance_type not in FROM_IS_TARGET_TYPES
        if source and not holders and expressed and "from" not in cue.lemmas:
            holders = uniq(
                k for p in source for g in p.children if g.dep_ == "pobj" for k in np_entities(g)
            )
            if holders:
                preps = [p for p in preps if p.lower_ != "from"]
    if light_verb is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in light:
        light_verb = tok.head
    if not preps and light_verb is not None and (tok.dep_ == "dobj" or tok.dep_ == "pobj"):
        # "gave his backing to X", "lodged a protest with X", "provided tons of aid to X": the
        # parse hangs the preposition on the light verb
        preps = [
            c
            for c in light_verb.children
            if c.dep_ in ("prep", "dative") and c.lower_ in NOUN_TARGET_PREPS and c != tok.head
        ]
    roots = [
        g for p in preps if not _temporal_prep(p) for g in p.children if g.dep_ in ("pobj", "pcomp")
    ]
    if light_verb is not None and not own:
        roots = _dative_objects(light_verb) + roots  # "gave the Ivory Coast millions in aid"
    roots += [c for c in tok.children if c.dep_ == "acl"]  # "threats emanating from X"
    if (
        not roots
        and light_verb is not None
        and tok.dep_ == "pobj"
        and tok.head.lower_ == "with"
        and tok.head.head == light_verb
    ):
        # "provided the government of Iraq with support": the light verb's object receives it
        roots = [c for c in light_verb.children if c.dep_ == "dobj"]
    targets = _phrase_keys(roots, mint) if roots else []
    return uniq(holders), targets


# nouns that name an undertaking of the act their modifier names ("a mediation mission", "an aid
# programme", "a protest campaign"): the modifier's act is read through them
UNDERTAKINGS = frozenset(
    {"effort", "mission", "programme", "program", "package", "initiative", "campaign", "bid"}
)


def _dative_objects(verb: Token) -> list[Token]:
    """The noun-phrase datives of a light verb ("gave the Ivory Coast millions of aid"): the
    receiver, where the parse has no preposition."""
    return [c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN")]


def _between_sides(tok: Token) -> list[Token]:
    """The phrases of "between X and Y" or "among X" on ``tok`` ("a mediation mission between
    X and Y", "mediation efforts among X's republics")."""
    return prep_objects(tok, ("between", "among"))


# cues of contact (CAMEO 042 visit, 043 host, 045 mediate) whose plain negation states no
# stance: a visit or a mediation not made is no hostility
UNMARKED_WHEN_NOT = frozenset({"visit", "host", "mediate", "mediate between"})
HALT_FACTOR = 0.85  # a stance read from the act stopped, one inference more
# verbs of stopping (modality kind "halt") that do not stop what they take: "released aid"
# gives it
NOT_HALTING = frozenset({"release"})
# quantity heads of a partitive object ("part of its aid")
PARTITIVES = frozenset({"part", "some", "most", "much", "half", "all", "portion", "share"})


def _halting_verb(tok: Token, cue: StanceCue, lex: ExtractionLexicons) -> Token | None:
    """The verb of stopping (modality kind ``halt``: halt, suspend, stop, end, withdraw ...)
    whose object is the positive act noun ``tok`` or the undertaking it modifies ("suspended
    its aid", "halt mediation efforts"); None when there is none. Source: CAMEO 16 reduce
    relations (161 break relations, 162 reduce aid, 164 halt negotiations, 165 halt
    mediation; PLOVER SANCTION)."""
    if cue.polarity != "Positive":
        return None
    noun = tok
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in UNDERTAKINGS:
        noun = tok.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in PARTITIVES:
        noun = noun.head.head  # "suspended part of its aid programme"
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB":
        return None
    lemma = verb.lemma_.lower()
    if not lex.modality.has("halt", lemma) or lemma in NOT_HALTING:
        return None
    return verb


def _act_noun_reading(
    tok: Token,
    cue: StanceCue,
    lex: ExtractionLexicons,
    mint: EventMint | None,
    holders: list[str],
    targets: list[str],
) -> tuple[list[str], list[str]]:
    """Holders and targets of a noun cue of an act that the noun itself does not give.

    - a cue noun that modifies a noun of :data:`UNDERTAKINGS` ("a mediation mission", "an aid
      programme") is read through the noun it modifies: that noun's possessor, light verb and
      prepositions;
    - a cue of cooperation or support with "between X and Y" (on the noun, or on the noun it
      modifies: "X's mediation between A and B", "launched a mediation effort between A and B")
      is the holder's stance toward each side (CAMEO 045 mediate: the mediator cooperates with
      both parties).

    Parameters
    ----------
    tok : Token
        The cue noun.
    cue : StanceCue
    lex : ExtractionLexicons
    mint : EventMint, optional
    holders, targets : list of str
        What :func:`_noun_holder_and_targets` read.

    Returns
    -------
    tuple of (list of str, list of str)
    """
    phrase = tok
    head = tok.head
    if tok.dep_ == "compound" and head.pos_ == "NOUN" and head.lemma_.lower() in UNDERTAKINGS:
        phrase = head
        h2, t2 = _noun_holder_and_targets(phrase, lex.light, mint, cue)
        holders, targets = holders or h2, targets or t2
    if not targets and cue.polarity == "Positive" and "between" not in cue.lemmas:
        sides = _between_sides(tok) or (_between_sides(phrase) if phrase != tok else [])
        if not sides and phrase.head.pos_ in ("VERB", "AUX") and phrase.dep_ == "dobj":
            sides = _between_sides(phrase.head)  # "launched an effort on Monday between X and Y"
        targets = uniq(
            as_actor(tok.doc, k)
            for g in sides
            for k in (np_entities(g) or owner_entities(g) or search_entities([g]))
        )
    return holders, targets


def _received(
    tok: Token, cue: StanceCue, lex: ExtractionLexicons, mint: EventMint | None = None
) -> tuple[list[str], list[str]] | None:
    """Giver and receiver of a stance noun that is the object of a verb of receiving (modality
    kind ``receiving``): "Ukraine received support from Poland", "Kenya won the backing of
    Uganda" is the giver's stance toward the receiver; a receiver that is an act ("the move
    drew criticism from Y") is minted as an event. None when ``tok`` is no such object."""
    verb = tok.head
    if tok.dep_ != "dobj" or not lex.modality.has("receiving", verb.lemma_):
        return None
    if cue.stance_type in FROM_IS_TARGET_TYPES or any(c.dep_ == "poss" for c in tok.children):
        return None
    if modality_of(verb, lex.modality).negated:
        return [], []  # "did not receive support from Y" says nothing of Y's stance
    phrases = prep_objects(verb, ("from",)) + prep_objects(tok, ("from", "of"))
    givers = uniq(as_actor(tok.doc, k) for g in phrases for k in np_entities(g))
    ag = agent_token(verb)
    receivers = (_holders_of_np(ag) or _phrase_keys([ag], mint)) if ag is not None else []
    return (givers, receivers) if givers and receivers else None


def _labeled(
    tok: Token, lex: ExtractionLexicons, mint: EventMint | None = None
) -> tuple[list[str], list[str]] | None:
    """Labelers and labeled of an evaluative word ``tok`` that is the predicate of a small
    clause of a verb of labeling (modality kind ``labeling``): "X called the visit a
    provocation", "X called Y's claims absurd", "X described the sanctions as illegal", "X
    dismissed the accusations as baseless". The labeled is the verb's object (what it names,
    its owner, or the act minted as an event); the labelers are the verb's agent (empty when
    it has none: then whoever speaks). None when ``tok`` is no such predicate, or the verb is
    negated ("did not call it a provocation").

    Source: the small-clause complements of verbs of naming and considering (Huddleston and
    Pullum 2002, *The Cambridge Grammar of the English Language*, ch. 4 §5, complex-transitive
    verbs), read in spaCy's labels (``oprd``, an "as" phrase on the verb or its object).
    """
    verb: Token | None = None
    obj: list[Token] = []
    if tok.dep_ in ("oprd", "xcomp", "ccomp") and tok.head.pos_ == "VERB":
        verb = tok.head
        obj = [c for c in verb.children if c.dep_ == "dobj"]
        if not obj and any(c.dep_ in ("poss", "compound") for c in tok.children):
            obj = [tok]  # "called Moscow's claims absurd" parsed with the object inside
    else:
        up = tok
        if up.dep_ in ("amod", "compound") and up.head.lower_ == "as":
            up = up.head  # "as criminal" parsed as a modifier of "as"
        elif up.dep_ == "pobj" and up.head.lower_ == "as":
            up = up.head
        if up.lower_ == "as" and up.dep_ == "prep" and up is not tok:
            if up.head.pos_ == "VERB":
                verb = up.head
                obj = [c for c in verb.children if c.dep_ == "dobj"]
            elif up.head.dep_ == "dobj":
                verb, obj = up.head.head, [up.head]
    if verb is None or not obj or not lex.modality.has("labeling", verb.lemma_.lower()):
        return None
    if modality_of(verb, lex.modality).negated:
        return None
    judged = _phrase_keys(obj, mint)
    if not judged:
        return None
    ag = agent_token(verb)
    labelers = _holders_of_np(ag) if ag is not None else []
    if ag is not None and not labelers and not _first_person(ag):
        return None  # an unnamed labeler ("critics called it ...") is no holder
    doc = tok.doc
    return labelers, uniq(as_actor(doc, k) for k in judged)


def _evaluated(tok: Token, cue: StanceCue, mint: EventMint | None = None) -> list[str]:
    """Entities an evaluative cue judges: what the judged phrase names or belongs to, else
    (with ``mint``) the act it names, as an event ("the strikes were illegal")."""

    def of_np(n: Token) -> list[str]:
        n = antecedent(n)
        keys = np_entities(n)
        if keys:
            return keys
        app = apposition_head(n)
        if app is not None and entity(app):
            return [entity(app)]
        owners = owner_entities(n)
        if owners or mint is None or n.pos_ != "NOUN":
            return owners
        return list(phrase_targets(n, mint, inclusion_words())[0])

    if cue.pos == "ADJ":
        if tok.dep_ in ("amod",) and tok.head != tok:
            mint = None  # an attribute ("a historic decision") mints no event of its own
            noun = tok.head
            if noun.dep_ in ("attr",) and noun.lemma_.lower() in GENERIC_HEADS:
                subj = subject(noun.head)
                return of_np(subj) if subj is not None else []
            return of_np(noun)
        if tok.dep_ in ("acomp", "attr", "oprd"):
            subj = subject(tok.head)
            return of_np(subj) if subj is not None else []
        return []
    if cue.pos == "NOUN":
        if tok.dep_ == "attr" and tok.head.lemma_.lower() in COPULAS:
            # "the strikes were a violation of X's sovereignty": what the copula's subject is
            subj = subject(tok.head)
            return of_np(subj) if subj is not None else []
        if tok.dep_ == "appos":
            return of_np(tok.head)  # "the visit, a provocation, ..."
        return []
    subj = subject(tok) if not is_passive(tok) else None
    return of_np(subj) if subj is not None else []


def load_stance_lexicon(path: str | Path | None = None) -> ExtractionLexicons | StanceLexicon:
    """Load what :func:`extract_stances` reads, once (at component initialisation).

    Parameters
    ----------
    path : str or Path, optional
        A lexicon folder (default ``ontology/lexicon/``): all extraction lexicons are loaded;
        or one stance-cue CSV: that cue list, with the default modality and reporting lexicons.

    Returns
    -------
    ExtractionLexicons or StanceLexicon

    Raises
    ------
    KnowledgeBaseError
        A missing or malformed lexicon file.
    """
    if path is None or Path(path).is_dir():
        return _lexicon.load_lexicons(path)
    return _lexicon.load_stance_lexicon(path)


def _as_lexicons(lex: ExtractionLexicons | StanceLexicon | None) -> ExtractionLexicons:
    if lex is None:
        return default_lexicons()
    if isinstance(lex, StanceLexicon):
        base = default_lexicons()
        return ExtractionLexicons(
            lex, base.modality, base.reporting, base.relations, base.light, base.target_nouns
        )
    return lex


@dataclass(slots=True)
class StanceReading:
    """What :func:`read_stances` reads off a Doc.

    Attributes
    ----------
    stances : list of Stance
    events : dict[str, Entity]
        Entities the stances use that the linker did not give: events minted for stance
        targets that name no entity (``gb:Event``), and states read from their capitals
        (:func:`as_actor`), by key.
    mentions : list of Mention
        The phrases those events were minted from.
    relations : list of Relation
        ``involves`` relations from each minted event to the entities in its phrase.
    """

    stances: list[Stance]
    events: dict[str, Entity]
    mentions: list[Mention]
    relations: list[Relation]


def extract_stances(
    doc: Doc,
    lexicons: ExtractionLexicons | StanceLexicon | None = None,
    quotes: list[Quote] | None = None,
) -> list[Stance]:
    """The stances of :func:`read_stances` (the minted events are left out).

    Examples
    --------
    "NATO was criticized by Moscow." gives holder = Moscow's entity, target = NATO's,
    Criticism, Negative.
    """
    return read_stances(doc, lexicons, quotes).stances


def read_stances(
    doc: Doc,
    lexicons: ExtractionLexicons | StanceLexicon | None = None,
    quotes: list[Quote] | None = None,
) -> StanceReading:
    """Read the stances of a processed Doc, minting events for targets that name no entity.

    Parameters
    ----------
    doc : Doc
        Parsed, with ``doc._.gb_token_entity``, ``doc._.gb_entities``, ``doc._.gb_author``
        and ``doc._.gb_article`` set (see :mod:`graphbuilder.nlp.extensions`).
    lexicons : ExtractionLexicons or StanceLexicon, optional
        From :func:`load_stance_lexicon` or :func:`graphbuilder.extract.lexicon.load_lexicons`;
        default ``ontology/lexicon/``.
    quotes : list of Quote, optional
        From :func:`graphbuilder.extract.quotes.find_quotes` (computed when absent).

    Returns
    -------
    StanceReading
        Stances in text order; holder != target, both entity keys (a minted event's key where
        the target is a thing, see :mod:`graphbuilder.extract.targets`); ``evidence`` is the
        sentence with its character offsets in ``doc.text``; confidence in [0, 1]. Two
        stances of the same holder toward the same target from two sentences are both kept.
    """
    lex = _as_lexicons(lexicons)
    if quotes is None:
        quotes = find_quotes(doc, lex.reporting)
    qindex = quote_of_token(quotes)
    article = doc._.gb_article
    doc_id = article.doc_id if article is not None else None
    mint = EventMint(lex.target_nouns, doc_id)
    out: list[Stance] = []
    seen: set[tuple] = set()
    states = {e.key: e for e in (doc._.gb_seats or {}).values()}
    own = {
        (r.subject, r.object)
        for r in doc._.gb_relations or []
        if r.predicate in ("leaderOf", "officialOf")
    }
    known = doc._.gb_entities or {}
    # the article's own voice: its author, and its publisher's "we" (extract.holders)
    own_voice = {doc._.gb_author, doc._.gb_publisher} - {None}
    added: dict[str, Entity] = {}
    for tok in doc:
        cue = match_cue(tok, lex)
        if cue is None or entity(tok):
            continue
        appealers: list[str] | None = None
        if _under_opposite_cue(tok, cue, lex):
            appealers = _appealers(tok, lex, qindex)
            if not appealers:
                continue
        readings = list(_stances_for(tok, cue, lex, qindex, mint))
        if appealers is not None:
            readings = _held_by_appealers(readings, appealers)
        readings = _without_own_state(readings, own)
        for st in readings:
            holder, target, stype, pol, conf, attribution, topic = st
            if not holder or not target:
                continue
            holder = as_actor(doc, holder)
            if not target.startswith(PENDING):
                target = as_actor(doc, target, tok.sent)
            if holder == target:
                continue
            if not target.startswith(PENDING):
                minted = target in mint.events
                if (
                    not minted
                    and target not in states
                    and entity_class(doc, target) is None
                    and known
                ):
                    continue
            if entity_class(doc, holder) not in (
                *HOLDER_CLASSES,
                None,
            ) and holder not in _governed_places(tok.sent):
                continue
            if attribution == "AuthorOpinion" and holder not in own_voice:
                # the author reports what someone else did or said ("X criticized NATO")
                attribution = "ReportedSpeech"
            ev = evidence_of(tok.sent)
            key = (holder, target, stype, ev.char_start)
            if key in seen:
                continue
            seen.add(key)
            target = mint.resolve(target, doc)
            if target == holder:
                continue
            for key in (holder, target):
                if key in states and key not in known:
                    added[key] = states[key]
            out.append(
                Stance(
                    holder=holder,
                    target=target,
                    polarity=pol,
                    stance_type=stype,
                    attribution=attribution,
                    evidence=ev,
                    confidence=round(max(0.0, min(1.0, conf)), 3),
                    cue=cue.cue,
                    topic=topic,
                    doc_id=doc_id,
                )
            )
    return StanceReading(out, {**added, **mint.events}, mint.mentions, mint.relations)


def _governed_places(sent: Span) -> frozenset[str]:
    """Places of ``sent`` named as the modifier of a governing body's noun ("the Kurdistan
    regional government", "the Donetsk authorities"; the nouns of ``owner_phrases.csv`` read
    with "in": government, authorities, regime, administration ...): that body acts, so the
    place may hold a stance (a place elsewhere holds none)."""
    nouns = {noun for noun, prep in owner_phrases() if prep == "in"}
    out = set()
    for t in sent:
        key = entity(t)
        if (
            key
            and t.dep_ in ("compound", "nmod", "amod")
            and t.head.pos_ == "NOUN"
            and (t.head.lemma_.lower() in nouns or t.head.lower_ in nouns)
            and not entity(t.head)
            and entity_class(sent.doc, key) == "Location"
        ):
            out.add(key)
    return frozenset(out)


def _without_own_state(readings: list[tuple], own: set[tuple[str, str]]) -> list[tuple]:
    """Drop a holder's stance toward the state or organization it leads or serves (``own``: the
    document's leaderOf / officialOf pairs): such a target is the holder's own side named in the
    phrase ("Netanyahu expressed optimism about an Israel-Saudi breakthrough"), not the other
    end of a stance."""
    out = []
    for st in readings:
        holder, target = st[0], st[1]
        if (holder, target) in own:
            continue
        out.append(st)
    return out


def _appealers(tok: Token, lex: ExtractionLexicons, qindex: dict[int, Quote]) -> list[str]:
    """The holders of what an appeal asks for: "Klibi urged the EC to support the PLO" is
    Klibi's support of the PLO (the EC's is only asked). ``tok`` is the infinitive or clause
    complement of an appeal verb; nothing when it is not, or when the appeal asks its addressee
    to stop or not to act (read by :func:`_appeal_to_stop` as criticism of the addressee)."""
    verb = tok.head
    if tok.dep_ not in ("xcomp", "ccomp") or not lex.modality.has("appeal", verb.lemma_):
        return []
    if _appeal_to_stop(verb, lex) is not None or modality_of(verb, lex.modality).negated:
        return []
    ag = agent_token(verb)
    if ag is None or (_first_person(ag) and not entity(ag)):
        speaker = _context(verb, qindex, lex).speaker
        return [speaker] if speaker else []
    return _holders_of_np(ag)


def _side_actors(tok: Token, search: bool = False) -> list[str]:
    """The actors of ``tok``'s "between" phrase, each conjunct a side of its own with its own
    owner ("between the Iraqi government and the Kurdish authorities"); with ``search``, the
    entities inside a conjunct that names and owns none. Capitals stand for their states."""
    sides = [
        k
        for g in prep_objects(tok, ("between",))
        for side in conjuncts(g)
        for k in (
            np_entities(side, follow_conj=False)
            or owner_entities(side)
            or (search_entities([side]) if search else [])
        )
    ]
    return uniq(as_actor(tok.doc, k) for k in sides)


def _each_toward_other(sides: list[str]):
    """(holder, target) for every ordered pair of distinct ``sides``: a relation held by sides
    named together is each one's toward each other (nothing for fewer than two)."""
    return [(h, t) for h in sides for t in sides if h != t]


COPULAS = frozenset({"be", "become", "remain", "stay"})


def _harm_reading(tok: Token, mint: EventMint | None = None) -> list[tuple[str, str]]:
    """(holder, target) pairs of "at the hands of X" (the ``harm`` frame, ``tok`` the noun
    "hands"): X, the agent of a harm, toward the one who suffers it.

    The one who suffers is read from the word the "at" phrase is on: the passive subject of a
    verb ("Y was killed at the hands of X"), the subject of an intransitive verb ("civilians
    who suffered at the hands of X", through the relative pronoun), the possessor, entity
    modifier or of-phrase of a noun ("Y's plight at the hands of X", "the deaths of Y at the
    hands of X"); on an active verb with a noun object, the object's ("recalled Y's
    suffering at the hands of X": the parse hangs the phrase on the verb). The idiom names
    the agent of what is suffered (Cambridge English Dictionary and Merriam-Webster, "at the
    hands of"); it is the agent's hostile act toward the sufferer (PLOVER ASSAULT / COERCE, as
    the material acts of the lexicon).

    Parameters
    ----------
    tok : Token
        The cue noun "hands".
    mint : EventMint or None
        Unused (the sufferer is an actor, never an act); kept for the frames' signature.

    Returns
    -------
    list of (str, str)
        Agent and sufferer entity keys; empty when "hands" is not the object of "at" or either
        side names no entity.
    """
    if tok.dep_ != "pobj" or tok.head.lower_ != "at" or tok.head.head == tok.head:
        return []
    agents = [
        k
        for g in prep_objects(tok, ("of",))
        for k in (np_entities(g) or owner_entities(g))
        if entity_class(tok.doc, k) in (*HOLDER_CLASSES, None)
    ]
    anchor = tok.head.head
    objects = [c for c in anchor.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    if anchor.pos_ in ("VERB", "AUX") and objects and not is_passive(anchor):
        # "recalled X's suffering at the hands of Y": the phrase hung on the verb is the
        # object's ("suffering", "the killing of X")
        anchor = objects[0]
    if anchor.pos_ in ("VERB", "AUX"):
        deps = PASSIVE_SUBJ if is_passive(anchor) else ("nsubj",)
        roots = [antecedent(c) for c in anchor.children if c.dep_ in deps]
        if not roots and anchor.dep_ in ("relcl", "acl") and anchor.head.pos_ in ("NOUN", "PROPN"):
            roots = [anchor.head]  # "civilians killed at the hands of X"
        sufferers = [k for r in roots for k in (np_entities(r) or owner_entities(r))]
    elif anchor.pos_ in ("NOUN", "PROPN"):
        sufferers = np_entities(anchor) or owner_entities(anchor)
    else:
        sufferers = []
    return [(h, t) for h in uniq(agents) for t in uniq(sufferers) if h != t]


def _role_reading(tok: Token, mint: EventMint | None = None) -> list[tuple[str, str]]:
    """(holder, target) pairs of a role noun ``tok`` ("critic", "supporter", "ally": the
    ``role`` frame): the noun names its holder by the stance it holds.

    Holder: the subject of a copula the noun is the attribute of ("X is a critic of Y", "X,
    who became an ally of Y"), the noun phrase it is in apposition to ("X, a critic of Y"),
    or the name it modifies ("Kremlin critic X"). Target: the noun's of/for-phrase, its
    possessor ("Russia's closest ally") or an entity modifier ("a US ally", "Kremlin critic").
    This is the agent nominal of a stance verb (a critic criticizes, a supporter supports:
    NomBank's agentive nominalizations, Meyers et al. 2004, *The NomBank Project*).

    Parameters
    ----------
    tok : Token
        The role noun.
    mint : EventMint or None
        Mints events for targets that are acts or documents ("a supporter of the deal").

    Returns
    -------
    list of (str, str)
        Holder and target entity keys; empty when either side names no entity.
    """
    doc = tok.doc
    holders: list[str] = []
    if tok.dep_ == "attr" and tok.head.lemma_.lower() in COPULAS:
        for c in tok.head.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                holders += _holders_of_np(antecedent(c), owners=False)
    elif tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and entity(tok.head):
        holders = _holders_of_np(tok.head, owners=False)
    else:
        head = apposition_head(tok)
        if head is not None:
            holders = _holders_of_np(head, owners=False)
    if not holders:
        return []
    targets: list[str] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "to"):
            targets += _phrase_keys([g for g in c.children if g.dep_ == "pobj"], mint)
        elif c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and entity(c)):
            targets += [entity(x) for x in [c, *c.conjuncts] if entity(x)]
    targets = uniq(as_actor(doc, k) for k in targets)
    return [(h, t) for h in holders for t in targets if h != t]


def _unnamed_noun_agent(verb: Token) -> bool:
    """Whether ``verb`` is a clause on a noun whose modifier names its agent without naming an
    entity ("Republican calls to negotiate", "opposition demands to resign"): the clause's
    subject is that agent, not whoever speaks."""
    if verb.dep_ not in ("acl", "advcl") or verb.head.pos_ != "NOUN":
        return False
    return any(
        c.dep_ in ("amod", "compound", "poss")
        and not entity(c)
        and (c.pos_ in ("NOUN", "PROPN") or (c.pos_ == "ADJ" and c.text[:1].isupper()))
        for c in verb.head.children
    )  # a common adjective ("a new plan to ...") names no agent


def _held_by_appealers(readings: list[tuple], appealers: list[str]) -> list[tuple]:
    """The readings of an appeal's complement, held by the appealers instead of the addressee,
    one inference further (``APPEAL_FACTOR``)."""
    out: dict[tuple, tuple] = {}
    for st in readings:
        _holder, target, stype, pol, conf, attribution, topic = st
        for h in appealers:
            key = (h, target, stype)
            if key not in out:
                out[key] = (h, target, stype, pol, conf * APPEAL_FACTOR, attribution, topic)
    return list(out.values())


def _under_opposite_cue(tok: Token, cue: StanceCue, lex: ExtractionLexicons) -> bool:
    """Whether ``tok`` is the complement of a cue of the other polarity or of a negative cue,
    which reads the stance itself ("opposed ratifying the deal" is Opposition to the deal, not
    Support; "rejected a plan to deport X" no hostility toward X), or of an appeal verb
    ("urged X to support Y": the appeal is the stance, X's support is only asked)."""
    if tok.dep_ not in ("xcomp", "ccomp", "acl") or tok.head == tok:
        return False  # "acl": "Putin's refusal to agree to a ceasefire"
    if lex.modality.has("refusal", tok.head.lemma_.lower()):
        return False  # "refused to support X": read at the complement, through its modality
    if tok.dep_ in ("xcomp", "ccomp") and lex.modality.has("appeal", tok.head.lemma_.lower()):
        return True  # "urged X to support Y" is the appeal, not X's stance
    governing = match_cue(tok.head, lex)
    if governing is None and tok.dep_ == "acl" and tok.head.dep_ in OBJ:
        governing = match_cue(tok.head.head, lex)  # "rejected any plan to deport X"
    if governing is None:
        return False
    # under a negative cue, a complement's stance is not its holder's either: "rejected any
    # plan to deport X", "opposed attacking X" read no hostility of theirs toward X
    return governing.polarity != cue.polarity or governing.polarity == "Negative"


def _topic(phrase: Token | None) -> str | None:
    if phrase is None:
        return None
    text = phrase.doc[phrase.left_edge.i : phrase.right_edge.i + 1].text.strip()
    return text[:120] or None


def _stances_for(
    tok: Token,
    cue: StanceCue,
    lex: ExtractionLexicons,
    qindex: dict[int, Quote],
    mint: EventMint | None = None,
):
    ctx = _context(tok, qindex, lex)
    for st in _read_cue(tok, cue, lex, ctx, mint):
        yield st
        if st[0] is not None and st[0] == ctx.speaker:
            # "France, Germany and Britain said ...": each speaker holds the stance
            for other in ctx.co_speakers:
                yield (other, *st[1:])


def _read_cue(
    tok: Token,
    cue: StanceCue,
    lex: ExtractionLexicons,
    ctx: _Context,
    mint: EventMint | None = None,
):
    mod = modality_of(tok, lex.modality)
    result = apply_modality(cue, mod)
    if result is None and cue.frame == "commitment" and not mod.negated and _sought(tok, lex):
        # "their bid to join NATO", "Ukraine applied to join the EU": seeking to commit is
        # support of what one seeks to join
        result = ("Support", "Positive", mod.factor * cue.confidence * SEEK_FACTOR)
    if result is None and cue.frame == "commitment" and cue.pos == "NOUN":
        if not mod.negated and _halting_verb(tok, cue, lex) is not None:
            # "froze its participation in X": stopping a commitment opposes its object
            result = ("Opposition", "Negative", mod.factor * cue.confidence)
    if result is None:
        return
    if cue.cue in UNMARKED_WHEN_NOT and mod.negated and not (mod.volitional or mod.refused):
        return  # "Putin did not visit Beijing" states no stance ("would not host": a refusal)
    stype, pol, factor = result

    if cue.frame == "evaluative":
        if mod.negated:
            return
        labeled = _labeled(tok, lex, mint)
        if labeled is not None:
            # "China called the visit a provocation": the labeler judges the labeled
            labelers, judged = labeled
            judges = labelers or ([ctx.speaker] if ctx.speaker else [])
        else:
            judged = _evaluated(tok, cue, mint)
            if not judged and ctx.attribution != "AuthorOpinion":
                # '"This is irresponsible," X said of Y's decision': what the words are said of
                judged = _said_of(tok, lex, mint)[0]
            judges = [ctx.speaker]
        conf = CONF_EVALUATIVE * mod.factor * cue.confidence
        for h in judges:
            for target in judged:
                if labeled is None or target != h:
                    yield (h, target, cue.stance_type, cue.polarity, conf, ctx.attribution, None)
        return

    if cue.frame == "experiencer":
        # psych verbs: "Kenya was appalled by the attack" / "the attack appalled Kenya": the one
        # who feels holds the stance toward the cause (or its owner)
        if is_passive(tok):
            feeler = [c for c in tok.children if c.dep_ in PASSIVE_SUBJ]
            agent = by_agent(tok)
            cause = [agent] if agent is not None else []
        else:
            feeler = [c for c in tok.children if c.dep_ in OBJ]
            cause = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        holders = uniq(k for f in feeler for k in _holders_of_np(antecedent(f)))
        if not holders and _first_person(feeler[0] if feeler else None) and ctx.speaker:
            holders = [ctx.speaker]
        targets = _phrase_keys(cause, mint) if cause else []
        for h in holders:
            for t in targets:
                yield (h, t, stype, pol, CONF_AGENT * factor, ctx.attribution, _topic(cause[0]))
        return

    if cue.frame == "deontic":
        if ctx.attribution == "AuthorOpinion":
            return
        comps = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "advcl")]
        comps += [c for c in tok.head.children if c.dep_ in ("xcomp", "advcl") and c != tok]
        comps = [c for c in comps if c.pos_ == "VERB"]
        if not comps:
            return
        roots = [g for c in comps for g in c.children if g.dep_ not in ("aux", "mark", "nsubj")]
        # "it is necessary to punish X": a necessary act against X opposes X
        acts = [match_cue(c, lex) for c in comps]
        hostile = any(a is not None and a.polarity == "Negative" for a in acts)
        if hostile:
            stype, pol = "Opposition", "Negative"
        subj = [
            c
            for c in (tok.head.children if tok.dep_ == "acomp" else ())
            if c.dep_ == "nsubj" and c.pos_ != "PRON"
        ]
        found = search_entities(roots, nearest=False)
        if subj and not hostile:
            # "Sanctions are necessary to starve X of ...": what is proposed is the subject
            found = _phrase_keys(subj, mint)
        for target in found:
            yield (
                ctx.speaker,
                target,
                stype,
                pol,
                CONF_FALLBACK * factor,
                ctx.attribution,
                _topic(comps[0]),
            )
        return

    if cue.frame == "reciprocal":
        # "Serbia and Kosovo held talks", "X and Y are at odds", "tensions between X and Y":
        # a relation between sides named together, each toward the other
        if mod.negated:
            return
        # a state between two sides ("tensions between X and Y"); acts between them have own cues
        sides = _side_actors(tok) if pol == "Negative" else []
        verb = None
        if tok.dep_ == "dobj":
            verb = tok.head  # "X and Y held talks"
        elif tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ == "at":
            verb = tok.head.head  # "X and Y are at odds"
        light = (
            verb is not None and verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in lex.light
        )
        if not sides and light:  # a verb of its own ("hailed the partnership") reads itself
            ag = agent_token(verb)
            sides = _holders_of_np(ag, owners=False) if ag is not None else []
        sides = uniq(as_actor(tok.doc, k) for k in sides)
        for h, t in _each_toward_other(sides):
            yield (h, t, stype, pol, CONF_NOUN * factor, ctx.attribution, None)
        return

    if cue.frame == "role":
        if mod.negated:
            return  # "X is not an ally of Y" says no more than that
        for h, t in _role_reading(tok, mint):
            yield (h, t, stype, pol, CONF_NOUN * factor, ctx.attribution, None)
        return

    if cue.frame == "harm":
        for h, t in _harm_reading(tok, mint):
            yield (h, t, stype, pol, CONF_NOUN * factor, ctx.attribution, None)
        return

    if cue.pos == "NOUN" and "between" in cue.lemmas:
        # "fighting between X and Y", "cooperation between X and Y": each side toward the other
        for h, t in _each_toward_other(_side_actors(tok, search=True)):
            yield (h, t, stype, pol, CONF_NOUN * factor, ctx.attribution, None)
        return
    if cue.pos == "NOUN":
        # a negated noun ("not to expect any support from X") names no holder in its from-phrase
        holders, targets = _received(tok, cue, lex, mint) or _noun_holder_and_targets(
            tok, lex.light, mint, None if mod.negated else cue
        )
        if not holders or not targets:
            holders, targets = _act_noun_reading(tok, cue, lex, mint, holders, targets)
        if targets and tok.dep_ == "dobj" and tok.head.lemma_.lower() in ECHO_VERBS:
            # "I echo X's call for Y": who echoes a stance holds it too
            ag = agent_token(tok.head)
            if ag is not None and not modality_of(tok.head, lex.modality).negated:
                holders = uniq([*holders, *_holders_of_np(ag)])
        halted = _halting_verb(tok, cue, lex)
        if halted is not None:
            # "X suspended its cooperation with Y", "X may halt mediation efforts among Y's
            # republics": stopping a positive act toward Y opposes Y (CAMEO 16 reduce relations)
            if modality_of(halted, lex.modality).negated:
                return
            ag = agent_token(halted)
            holders = _holders_of_np(ag) if ag is not None else []
            stype, pol, factor = "Opposition", "Negative", factor * HALT_FACTOR
        for h in holders:
            for t in targets:
                yield (h, t, stype, pol, CONF_NOUN * factor, ctx.attribution, None)
        return

    # verbs and predicative adjectives ("is concerned about X")
    if lex.modality.has("refusal", tok.lemma_.lower()) and any(
        c.dep_ == "xcomp" for c in tok.children
    ):
        return  # "refused to condemn X": read at the complement, through its modality
    verb = tok.head if cue.pos == "ADJ" and tok.dep_ in ("acomp",) else tok
    ag = agent_token(verb)
    adj_passive = cue.pos == "ADJ" and _adjectival_passive(tok)
    if adj_passive:  # "X is opposed to Y": the passive subject is the adjective's
        # (the small model at times hangs the subject on the auxiliary: "Chile is opposed")
        heads = [tok, *(c for c in tok.children if c.dep_ == "auxpass")]
        subjects = (c for h in heads for c in h.children if c.dep_ in (*PASSIVE_SUBJ, "nsubj"))
        ag = next(subjects, None)
    protects = cue.pos == "VERB" and lex.modality.has("protection", tok.lemma_)
    skip = PROTECTION_PREPS if protects else ()
    targets, phrase = _measure_targets(tok, cue, mint) if cue.frame == "measure" else ([], None)
    if not targets:
        targets, phrase = _verb_targets(tok, cue, mint, skip)
    if cue.pos == "ADJ" and not targets:
        targets, phrase = _verb_targets(verb, cue, mint)
    if not targets and cue.pos == "VERB" and pol == "Negative":
        targets, phrase = _purpose_targets(tok, lex, mint)
    if not targets and ctx.attribution != "AuthorOpinion":
        targets, phrase = _said_of(tok, lex, mint)
    if ag is None and not is_passive(verb) and _unnamed_noun_agent(verb):
        return  # "Republican calls to negotiate with X": the callers hold it, unnamed
    if ag is None and not is_passive(verb):
        holders, conf = ([ctx.speaker] if ctx.speaker else []), CONF_FALLBACK
    elif ag is None and adj_passive:
        return
    elif ag is None:
        return  # a passive with no by-agent: no holder
    elif _first_person(ag) and not entity(ag):
        holders, conf = ([ctx.speaker] if ctx.attribution != "AuthorOpinion" else []), CONF_AGENT
    else:
        # in the threat frame a possessed thing ("Iran's latest demand raises doubts") is a
        # situation, read as the speaker's concern; an institution named with its state's
        # modifier ("the Azerbaijani parliament threatened") acts for that state
        act = cue.frame == "threat" and any(c.dep_ == "poss" for c in ag.children)
        holders, conf = _holders_of_np(ag, owners=not act), CONF_AGENT
        if act and not holders:
            holders = _named_modifier_actors(ag)  # "bin Laden's al-Qaeda network threatened"
        if ag.head != verb and ag.sent.start == verb.sent.start and ag.dep_ not in SUBJ_DEPS:
            conf *= CLIMB_FACTOR  # the agent was read through control or a clause
        if not holders and cue.frame == "threat":
            # a situation, not an actor, threatens: the speaker's concern about what is in it
            if ctx.speaker:
                for target in search_entities([ag], nearest=False):
                    yield (
                        ctx.speaker,
                        target,
                        "Concern",
                        "Negative",
                        CONF_FALLBACK * mod.factor * cue.confidence,
                        ctx.attribution,
                        _topic(ag),
                    )
            return
    if cue.frame == "threat":
        # "threatened to stop the talks if the United States deploys ...": whoever the
        # condition is about is the one threatened
        recipients = _threatened_recipients(tok, targets)
        if recipients:  # the one the threatened act falls on, not the act
            targets = [t for t in targets if not t.startswith(PENDING)]
        targets = uniq([*targets, *_condition_subjects(tok), *recipients])
    interaction = phrase is not None and phrase.lemma_.lower() in INTERACTION_NOUNS
    mutual = stype in RECIPROCAL_TYPES and (not targets or interaction)
    if len(holders) > 1 and (mutual or _each_other(verb)):
        # "Armenia and Azerbaijan have fought two wars", "X and Y agreed": each toward the other;
        # "X and Y accused each other of ...": any stance read with a reciprocal object
        for h, t in _each_toward_other(holders):
            yield (h, t, stype, pol, conf * factor, ctx.attribution, _topic(phrase))
        return
    if ag is not None and targets:
        # a side named in the agent's own phrase is no target of its act ("The Kingdom of X
        # and Y urge both parties ...": Y is an appealer, not the one appealed to)
        own = {as_actor(tok.doc, k) for t in ag.subtree for k in [entity(t)] if k}
        if phrase is None or phrase not in ag.subtree:
            targets = [t for t in targets if t not in own]
    appeal = _appeal_to_stop(tok, lex)
    addressee = phrase is not None and phrase.dep_ in SUBJ_DEPS[:2] and phrase.head == appeal
    if appeal is not None and phrase is not None and appeal in phrase.ancestors and not addressee:
        return  # "urged the parties to end the fighting": the addressee names no entity
    if appeal is not None and targets:
        # "urged X not to go further", "called on X to withdraw": a criticism of X's conduct
        stype, pol, factor, phrase = "Criticism", "Negative", factor * APPEAL_FACTOR, appeal
    for h in holders:
        for t in targets:
            yield (h, t, stype, pol, conf * factor, ctx.attribution, _topic(phrase))
    if pol == "Positive" and stype in ("Support", "Cooperation"):
        # "supported Iraq against ISIL", "stood with Kyiv against Moscow": opposed to the other;
        # "defended X from Y": a verb of protection opposes the danger it protects from
        against = prep_objects(verb, PROTECTION_PREPS if protects else ("against",))
        if protects:
            against += [g for o in verb.children if o.dep_ in OBJ for g in prep_objects(o, skip)]
        others = [k for k in _phrase_keys(against, mint) if k not in targets] if against else []
        for h in holders:
            for t in others:
                yield (
                    h,
                    t,
                    "Opposition",
                    "Negative",
                    conf * factor * AGAINST_FACTOR,
                    ctx.attribution,
                    _topic(against[0]),
                )


def _purpose_targets(
    verb: Token, lex: ExtractionLexicons, mint: EventMint | None
) -> tuple[list[str], Token | None]:
    """Targets of a hostile act with none of its own, read from the object of its purpose
    infinitive ("opened fire to disperse the demonstrators", "imposed a blockade to punish X"):
    the act is done to what it is done for. A purpose of protecting, or a positive cue, names
    whom the act is for, not against ("sent troops to protect X"), and gives none."""
    for c in verb.children:
        if c.dep_ != "advcl" or c.pos_ != "VERB":
            continue
        if not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            continue
        if any(g.dep_ in SUBJ_DEPS for g in c.children):
            continue
        if lex.modality.has("protection", c.lemma_.lower()):
            continue
        other = match_cue(c, lex)
        if other is not None and other.polarity == "Positive":
            continue
        objs = [g for g in c.children if g.dep_ in OBJ]
        keys = _phrase_keys(objs, mint) if objs else []
        if keys:
            return keys, objs[0]
    return [], None


def _each_other(verb: Token) -> bool:
    """True when the verb's object is the reciprocal pronoun "each other" / "one another"
    (directly or in a prepositional phrase: "blamed each other", "are critical of one
    another"). Source: the reciprocal pronouns of English grammar (Wikipedia: Reciprocal
    pronoun)."""
    objects = [c for c in verb.children if c.dep_ in OBJ]
    objects += [g for p in verb.children if p.dep_ in ("prep", "agent") for g in p.children]
    return any(" ".join(t.lower_ for t in o.subtree) in RECIPROCAL_PRONOUNS for o in objects)


CONDITION_MARKS = ("if", "unless")


def _condition_subjects(verb: Token) -> list[str]:
    """Entities that are the subject of a condition on a threat ("X threatened to quit the
    talks if Y deploys missiles", "unless Y withdraws"): the conditional clause (``advcl`` with
    "if" / "unless") on the threat verb or on its infinitive complement. Source: the conditional
    threat of CAMEO 13 (PLOVER THREATEN: "threaten ... if").

    Parameters
    ----------
    verb : Token
        The threat cue.

    Returns
    -------
    list of str
        Entity keys of the conditions' subjects (empty when none names an entity).
    """
    heads = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    out: list[str] = []
    for h in heads:
        for c in h.children:
            if c.dep_ != "advcl" or not any(
                m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children
            ):
                continue
            subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and not _first_person(subj):
                out += [as_actor(verb.doc, k) for k in np_entities(subj)]
    return uniq(out)


THREAT_RECIPIENT_PREPS = ("to", "against", "on", "at")


def _threatened_recipients(verb: Token, targets: list[str]) -> list[str]:
    """The entities a threatened act is done to, when the act's object names none ("threatened
    to deliver devastating blows to X", "threatened to fire missiles at X", "threatened
    sanctions against X"): the to / against / on / at phrases of the threat's infinitive
    complement or of its object. Only when the targets read so far are all minted events (or
    none)."""
    if any(not t.startswith(PENDING) for t in targets):
        return []
    comps = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    # "threatened sanctions against X": the threatened act named by the object itself
    comps += [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    pobjs = [g for c in comps for g in prep_objects(c, THREAT_RECIPIENT_PREPS)]
    return uniq(as_actor(verb.doc, k) for g in pobjs for k in np_entities(g))


def _named_modifier_actors(tok: Token) -> list[str]:
    """Actors named as entity modifiers of a noun that also has a possessor ("Osama bin
    Laden's al-Qaeda terror network" -> al-Qaeda): the organization or state the noun names,
    where the possessor is only its leader."""
    keys = [entity(c) for c in tok.children if c.dep_ in ("compound", "nmod") and entity(c)]
    keys = uniq(as_actor(tok.doc, k) for k in keys if k)
    return [k for k in keys if entity_class(tok.doc, k) in ("Organization", "Country")]


# prepositions naming where or on whom a measure falls: "a curfew in X", "sanctions on X", "aid
# to X", "restrictions for X"
MEASURE_PREPS = ("on", "upon", "in", "for", "to", "against", "over", "throughout", "across")


def _measure_targets(
    verb: Token, cue: StanceCue, mint: EventMint | None = None
) -> tuple[list[str], Token | None]:
    """Targets of a cue of the ``measure`` frame: the place or people a measure is imposed on,
    lifted from or withheld from, named by a preposition of the measure noun or of the verb
    ("imposed a curfew in X", "lifted sanctions on X", "halted aid to X", "a state of emergency
    was declared in X"). Source: the prepositional objects of CAMEO's measure patterns
    ("IMPOSE CURFEW", "LIFT SANCTIONS", "HALT AID", codes 081 085 162 163 172).

    Parameters
    ----------
    verb : Token
        The cue's head verb.
    cue : StanceCue
        A cue of the ``measure`` frame (verb + measure noun, or a verb alone).
    mint : EventMint, optional
        Mints events for targets that name no entity.

    Returns
    -------
    tuple of (list of str, Token or None)
        The target keys and the phrase they were read from; empty when no such preposition
        names one.
    """
    nouns = set(cue.lemmas[1:])
    heads = [verb]
    for c in verb.children:
        if c.dep_ in (*OBJ, *PASSIVE_SUBJ) and c.lemma_.lower() in nouns:
            heads.append(c)
            # "a state of emergency in X": the measure's own of-phrase and its head
            heads += [g for g in prep_objects(c, ("of",)) if g.lemma_.lower() in nouns]
    pobjs = [g for h in heads for g in prep_objects(h, MEASURE_PREPS)]
    if "with" in cue.lemmas:
        # "closed its border with X" (cue "close border with"); elsewhere "with" names a
        # partner in imposing ("imposed sanctions with the EU on X")
        pobjs += [g for h in heads for g in prep_objects(h, ("with",))]
    pobjs = [g for g in pobjs if g.lower_ not in TIME_WORDS and g.ent_type_ not in ("DATE", "TIME")]
    keys = _phrase_keys(pobjs, mint) if pobjs else []
    return (keys, pobjs[0]) if keys else ([], None)


def _sought(tok: Token, lex: ExtractionLexicons) -> bool:
    """Whether ``tok`` is the infinitive complement of a word of seeking (modality kind
    ``seeking``: "bid to join", "applied to join", "seeks to join")."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    return (
        infinitive
        and tok.dep_ in ("xcomp", "acl", "relcl", "advcl")
        and lex.modality.has("seeking", tok.head.lemma_.lower())
    )


def _said_of(
    tok: Token, lex: ExtractionLexicons, mint: EventMint | None
) -> tuple[list, Token | None]:
    """The target a verb of saying names for what is said: '"We reject any interference," Wang
    said of the G7 communique' -> the communique (read as its owner, the G7)."""
    for anc in tok.ancestors:
        if anc.lemma_.lower() in lex.reporting and anc.pos_ == "VERB":
            pobjs = prep_objects(anc, SAID_OF_PREPS)
            keys = _phrase_keys(pobjs, mint) if pobjs else []
            return (keys, pobjs[0]) if keys else ([], None)
    return [], None


def _appeal_to_stop(tok: Token, lex: ExtractionLexicons) -> Token | None:
    """The complement of an appeal that asks its addressee to stop or not to act.

    ``tok`` is an appeal verb (modality kind ``appeal``: urge, call on, ask ...) with an
    infinitive complement that is negated ("urged X not to go") or a verb of stopping or
    yielding (kind ``halt``: "called on X to withdraw"). Returns that complement, else None.
    """
    if not lex.modality.has("appeal", tok.lemma_.lower()):
        return None
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            negated = any(g.dep_ == "neg" for g in c.children)
            if negated or lex.modality.has("halt", c.lemma_.lower()):
                return c
    return None
