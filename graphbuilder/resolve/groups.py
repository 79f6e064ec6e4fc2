"""Unnamed groups as actors: "Afghan rebels", "French farmers", "Palestinian prisoners".

Political news makes groups of people hold and receive stances without naming them:
"Afghan rebels kidnapped ...", "French farmers threatened to blockade Paris", "the United
States cut aid to Albanian rebels". Such a phrase is neither its state (the rebels fight
Afghanistan's government; a demonym stands for the state only before the nouns of
``demonym_heads.csv``: "Afghan troops") nor nothing. The linker makes a group entity of it:

- the phrase: a plural noun of ``ontology/lexicon/group_nouns.csv`` (non-state groups of the
  CAMEO agents dictionary: rebels, farmers, refugees, students ...) with a state's demonym or
  name among its modifiers before it ("Afghan rebels", "Tamil civilian refugees",
  "Kenya opposition activists"); the entity's label runs from the demonym to the noun (so
  "angry French paper workers" is "French paper workers");
- the entity: a ``gb:Organization`` of subclass ``gb:SocialGroup``, key
  ``Organization:<normalised label>`` (the same phrase in two documents is one group);
- its state: a ``gb:affiliatedWith`` relation from the group to the demonym's state, with the
  sentence as evidence;
- a population noun (CAMEO sectors civilians and refugees: "civilians", "citizens",
  "refugees", "residents") with no demonym but an "in" phrase naming a state or place is a
  group of where it is ("refugees in Lebanon", "citizens in Tikrit"): the mention is the noun,
  the label "NOUN in PLACE", and it has no affiliation (the people in a place are not only its
  state's; :func:`_located_group`).

A group noun with no state modifier but a place after it ("Demonstrators in Baghdad",
"students in Chile") or the organization its people come from ("activists from the Fatah
party"), as the subject of a clause, is a group too: labelled with the phrase up to the place
or organization, affiliated with the place when it is a country, else ``gb:locatedIn`` it, or
``gb:memberOf`` the organization.

This is the CAMEO actor coding of such phrases (country code + sector code: "French farmers"
= FRA + AGR; Gerner, Schrodt, Yilmaz & Abu-Jabr 2002, *CAMEO: Conflict and Mediation Event
Observations*), read as an entity and its affiliation. Groups are kept only where a stance
holds or targets them (:func:`prune_groups`, after extraction): an unnamed group is worth a
node when it acts or is acted on, not for every "Syrian refugees" in passing.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graphbuilder.datafiles import lexicon_words
from graphbuilder.extract.syntax import evidence_of
from graphbuilder.names import normalize_name
from graphbuilder.records import Relation, Stance
from graphbuilder.resolve.linking import LinkState

GROUP_SUBCLASS = "SocialGroup"
AFFILIATION = "affiliatedWith"
AFFILIATION_CONFIDENCE = 0.9  # the demonym names the group's state; one reading of the phrase
_MODIFIERS = ("amod", "compound", "nmod")


def group_nouns() -> frozenset[str]:
    """The nouns of ``group_nouns.csv`` in the lexicon folder in effect (empty when the folder
    has no such file)."""
    return lexicon_words("group_nouns.csv", comments=True)


# CAMEO agent sectors of a place's population (civilians, refugees): their nouns make a group
# of the place in their "in" phrase ("civilians in Gaza"); the other sectors' nouns (business,
# media, health ...) take in things and bodies too ("companies", "outlet", "hospital")
POPULATION_SECTORS = frozenset({"CVL", "REF"})


def population_nouns() -> frozenset[str]:
    """The nouns of ``group_nouns.csv`` of the :data:`POPULATION_SECTORS`."""
    return lexicon_words(
        "group_nouns.csv", where=("cameo_sector", POPULATION_SECTORS), comments=True
    )


def religious_nouns() -> frozenset[str]:
    """The nouns of ``group_nouns.csv`` whose CAMEO sector is religion ("Moslem", "Christian",
    "Sunni", "fundamentalist"), in the lexicon folder in effect."""
    return lexicon_words(
        "group_nouns.csv", where=("sector", frozenset({"religion"})), comments=True
    )


def _religious_group(state: LinkState, head: Token, nouns: frozenset[str]) -> int | None:
    """First token of a group phrase whose modifier names a religious community instead of a
    state ("Moslem fundamentalist demonstrators", "Sunni militants"; CAMEO codes them by their
    religion sector, with no country), else None."""
    if head.tag_ not in ("NNS", "NNPS") or head.i in state.token_entity:
        return None
    if head.lemma_.lower() not in nouns and head.lower_ not in nouns:
        return None
    if head.lower_ in state.lex.demonym_heads or head.lemma_.lower() in state.lex.demonym_heads:
        return None
    religious = religious_nouns()
    mods = [c for c in head.children if c.dep_ in _MODIFIERS and c.i < head.i]
    firsts = [c.i for c in mods if c.lower_ in religious or c.lemma_.lower() in religious]
    if not firsts:
        return None
    first = min(firsts)
    if any(state.doc[i].is_punct or i in state.token_entity for i in range(first, head.i)):
        return None
    return first


def _state_of_modifier(state: LinkState, tok: Token) -> str | None:
    """The state a modifier names: a country mention ("Kenya"), else a state's demonym
    ("Afghan"; "Palestinian" -> the State of Palestine), which becomes a ``demonym`` mention
    of that state."""
    key = state.token_entity.get(tok.i)
    if key is not None:
        return key if state.entities[key].cls == "Country" else None
    entry = state.kb.demonym(tok.text)
    if entry is not None and entry.cls == "Country":
        key = state.entity_from_kb(entry)
        state.add_mention(key, tok.i, tok.i + 1, "demonym")
        return key
    return None


def _group_phrase(state: LinkState, head: Token, nouns: frozenset[str]) -> tuple[int, str] | None:
    """(first token, state key) of a group phrase headed by ``head``, else None."""
    if head.tag_ not in ("NNS", "NNPS") or head.i in state.token_entity:
        return None
    if head.lemma_.lower() not in nouns and head.lower_ not in nouns:
        return None
    if head.lower_ in state.lex.demonym_heads or head.lemma_.lower() in state.lex.demonym_heads:
        return None  # "Afghan forces": the state itself (linking step 4)
    mods = [c for c in head.children if c.dep_ in _MODIFIERS and c.i < head.i]
    # modifiers of the modifiers ("Sri Lankan", "Tamil civilian"): the whole left part
    for c in list(mods):
        mods += [g for g in c.children if g.dep_ in _MODIFIERS and g.i < c.i]
    for c in sorted(mods, key=lambda t: t.i):
        key = _state_of_modifier(state, c)
        if key is None:
            continue
        first = c.i
        while first - 1 >= 0 and state.token_entity.get(first - 1) == key:
            first -= 1  # a multi-word name ("Sri Lanka")
        if any(state.doc[i].is_punct for i in range(first, head.i)):
            return None
        if any(state.token_entity.get(i) not in (None, key) for i in range(first, head.i)):
            return None  # "U.S. Air Force employees": the staff of a named body, not a group
        return first, key
    return None


def _located_group(state: LinkState, head: Token, nouns: frozenset[str]) -> str | None:
    """The place of a group phrase with no demonym, named by its "in" phrase ("civilians in
    Gaza", "refugees in Lebanon", "citizens in Tikrit"): the entity key of a state or place
    that is the object of "in" right on ``head``, else None. ``nouns``: the population nouns
    (:func:`population_nouns`); a noun that is also a description of a place or body
    (``descriptions.csv``: "capital", "city") is none."""
    if head.tag_ not in ("NNS", "NNPS") or head.i in state.token_entity:
        return None
    lemma = head.lemma_.lower()
    if lemma not in nouns and head.lower_ not in nouns:
        return None
    if lemma in state.lex.descriptions or head.lower_ in state.lex.descriptions:
        return None
    if head.lower_ in state.lex.demonym_heads or lemma in state.lex.demonym_heads:
        return None
    if any(
        c.dep_ in _MODIFIERS and c.i < head.i and c.i in state.token_entity for c in head.children
    ):
        return None  # "U.S. Air Force employees in Iraq": the staff of a named body
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for g in c.children:
                key = state.token_entity.get(g.i)
                if g.dep_ == "pobj" and key and state.entities[key].cls in ("Country", "Location"):
                    return key
    return None


#: prepositions of a group's place ("demonstrators in Baghdad", "students throughout Chile")
_PLACE_PREPS = frozenset({"in", "throughout", "across"})
#: prepositions of the body a group's people come from ("activists from the Fatah party")
_BODY_PREPS = frozenset({"from", "of"})


def is_group_key(state: LinkState, key: str) -> bool:
    """Whether entity ``key`` of the linking state is a group made here."""
    return state.entities[key].subclass == GROUP_SUBCLASS


def _placed_group(state: LinkState, head: Token, nouns: frozenset[str]) -> tuple[int, Token] | None:
    """(first token, place token) of a group phrase with no state modifier whose head is
    followed by a preposition of place with a country or place as its object ("Demonstrators
    in Baghdad", "rebels in the Ivory Coast"), else None.

    Only on the holder's side: the subject of a clause or a passive's by-agent. As an object
    ("supports the rebels in the Panjshir Gorge") the phrase keeps the reading of stance
    targets, whose target is then the place named."""
    if head.tag_ not in ("NNS", "NNPS") or head.i in state.token_entity:
        return None
    if head.dep_ not in ("nsubj", "nsubjpass") and not (
        head.dep_ == "pobj" and head.head.dep_ == "agent"
    ):
        return None
    if head.lemma_.lower() not in nouns and head.lower_ not in nouns:
        return None
    if head.lower_ in state.lex.demonym_heads or head.lemma_.lower() in state.lex.demonym_heads:
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.i != head.i + 1:
            continue
        if prep.lower_ in _PLACE_PREPS:
            classes: tuple[str, ...] = ("Country", "Location")
        elif prep.lower_ in _BODY_PREPS:
            classes = ("Organization",)  # "activists from the Fatah party"
        else:
            continue
        for place in prep.children:
            key = state.token_entity.get(place.i) if place.dep_ == "pobj" else None
            if (
                key is not None
                and state.entities[key].cls in classes
                and not is_group_key(state, key)
            ):
                # noun modifiers stay in the label ("opposition activists"), adjectives not
                # ("angry activists")
                mods = [c.left_edge.i for c in head.children if c.dep_ == "compound"]
                return min([head.i, *mods]), place
    return None


def _placed_groups(state: LinkState, nouns: frozenset[str]) -> list[Relation]:
    """Group entities of the phrases of :func:`_placed_group`: labelled with the phrase up to
    the place ("Demonstrators in Baghdad"), its mention over the whole phrase, affiliated with
    the place when it is a country, else located in it."""
    doc = state.doc
    relations: list[Relation] = []
    for tok in doc:
        found = _placed_group(state, tok, nouns)
        if found is None:
            continue
        first, place = found
        place_key = state.token_entity[place.i]
        end = place.i + 1
        while end < len(doc) and state.token_entity.get(end) == place_key:
            end += 1  # a multi-word place ("the Ivory Coast")
        start = place.left_edge.i
        if any(state.token_entity.get(i) not in (None, place_key) for i in range(start, end)):
            continue
        label = doc[first:end].text
        key = state.entity_unlinked("Organization", label)
        state.entities[key].subclass = GROUP_SUBCLASS
        state.add_mention(key, first, end, "group")
        for i in range(first, tok.i + 1):
            state.token_entity[i] = key  # the noun names the group; the place stays the place
        cls = state.entities[place_key].cls
        predicate = {"Country": AFFILIATION, "Organization": "memberOf"}.get(cls, "locatedIn")
        relations.append(
            Relation(
                subject=key,
                predicate=predicate,
                object=place_key,
                confidence=AFFILIATION_CONFIDENCE,
                evidence=evidence_of(tok.sent),
            )
        )
    return relations


def link_groups(state: LinkState) -> list[Relation]:
    """Make group entities of the document's group phrases (see the module notes).

    Parameters
    ----------
    state : LinkState
        After :func:`graphbuilder.resolve.linking.link_names` (names and demonyms linked).

    Returns
    -------
    list of Relation
        ``affiliatedWith`` from each group to its state, the phrase's sentence as evidence.
    """
    nouns = group_nouns()
    if not nouns:
        return []
    located = population_nouns()
    doc = state.doc
    relations: list[Relation] = []
    for tok in doc:
        found = _group_phrase(state, tok, nouns)
        if found is None:
            first = _religious_group(state, tok, nouns)
            if first is not None:  # no state: an entity with no affiliation
                key = state.entity_unlinked("Organization", doc[first : tok.i + 1].text)
                state.entities[key].subclass = GROUP_SUBCLASS
                state.add_mention(key, first, tok.i + 1, "group")
                for i in range(first, tok.i + 1):
                    state.token_entity[i] = key
                continue
            place = _located_group(state, tok, located)
            if place is not None:
                # "civilians in Gaza": a group where it is, of no state (the place's people are
                # not only its citizens); the mention is the noun, the place keeps its own
                label = f"{tok.text} in {state.entities[place].label}"
                key = state.entity_unlinked("Organization", label)
                state.entities[key].subclass = GROUP_SUBCLASS
                state.add_mention(key, tok.i, tok.i + 1, "group")
                state.token_entity[tok.i] = key
            continue
        first, country = found
        label = doc[first : tok.i + 1].text
        key = state.entity_unlinked("Organization", label)
        state.entities[key].subclass = GROUP_SUBCLASS
        state.add_mention(key, first, tok.i + 1, "group")
        for i in range(first, tok.i + 1):
            state.token_entity[i] = key  # the phrase names the group, not its state
        relations.append(
            Relation(
                subject=key,
                predicate=AFFILIATION,
                object=country,
                confidence=AFFILIATION_CONFIDENCE,
                evidence=evidence_of(tok.sent),
            )
        )
    return relations + _placed_groups(state, nouns)


def is_group(doc: Doc, key: str) -> bool:
    """Whether ``key`` is a group entity of :func:`link_groups` in ``doc``."""
    ent = (doc._.gb_entities or {}).get(key)
    return ent is not None and ent.subclass == GROUP_SUBCLASS and ent.kb_id is None


def prune_groups(doc: Doc, stances: list[Stance], relations: list[Relation]) -> list[Relation]:
    """Drop the group entities no stance holds or targets, with their mentions and relations.

    Parameters
    ----------
    doc : Doc
        After extraction; ``doc._.gb_entities`` and ``doc._.gb_mentions`` are rewritten.
    stances : list of Stance
        The document's stances.
    relations : list of Relation
        The document's relations.

    Returns
    -------
    list of Relation
        ``relations`` without those of a dropped group.
    """
    used = {s.holder for s in stances} | {s.target for s in stances}
    drop = {k for k in doc._.gb_entities or {} if is_group(doc, k) and k not in used}
    if not drop:
        return relations
    mentions = doc._.gb_mentions or []
    spans = [(m.start, m.end) for m in mentions if m.entity in drop]
    # the group's phrase goes, with the demonym mention inside it ("Afghan" of "Afghan rebels")
    inside = [
        m
        for m in mentions
        if m.kind == "demonym" and any(a <= m.start and m.end <= b for a, b in spans)
    ]
    kept = [m for m in mentions if m.entity not in drop and m not in inside]
    left = {m.entity for m in kept}
    gone = drop | {m.entity for m in inside if m.entity not in left}
    for m in inside:
        if m.entity not in gone:
            doc._.gb_entities[m.entity].mentions -= 1
    doc._.gb_entities = {k: e for k, e in doc._.gb_entities.items() if k not in gone}
    doc._.gb_mentions = kept
    doc._.gb_token_entity = {
        i: k for i, k in (doc._.gb_token_entity or {}).items() if k not in gone
    }
    return [r for r in relations if r.subject not in gone and r.object not in gone]


def group_key(label: str) -> str:
    """The entity key of the group named ``label`` ("French farmers" ->
    ``"Organization:french farmers"``)."""
    return f"Organization:{normalize_name(label)}"
