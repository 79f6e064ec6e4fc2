"""Stance targets that are not named entities: the entity that owns the thing, or a minted event.

A stance is often about a thing rather than a named entity: "Beijing condemned Taipei's
decision", "Israel rejected the ceasefire plan", "Tokayev criticized new Western sanctions".
:func:`phrase_targets` reads such a target phrase in this order:

1. the entities the phrase names (its head, appositions, members after "including"/"like");
2. the entity that owns the thing: its possessor ("Taipei's decision"), its of-phrase ("the
   steps of Russia"), the by-agent of a participle on it ("the ceasefire announced by South
   Sudan") or an entity modifier ("the Taliban government");
3. a ``gb:Event`` minted for the thing when its head noun, or the head of its of-phrase ("the
   resumption of the six-party talks"), names an act, agreement or measure
   (``ontology/lexicon/target_nouns.csv``, derived from the CAMEO verb dictionary); the event
   is labelled with the head and its modifiers and linked to the entities inside the phrase by
   ``gb:involves`` relations read from the same sentence.

Minted events are local to their document (their key carries the document id): "the deal" of
one article is not "the deal" of another. Within a document, phrases with the same label are one
event, and a definite description ("the deal", "the landmark agreement") or a demonstrative
("opposes this") refers to the event of that kind named before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from graphbuilder.extract.syntax import (
    entity,
    entity_class,
    evidence_of,
    is_city,
    np_entities,
    owner_entities,
    uniq,
)
from graphbuilder.names import normalize_name
from graphbuilder.nlp.extensions import sentence_index
from graphbuilder.records import Entity, Mention, Relation

#: the relation between a minted event and an entity it involves (``gb:involves``)
INVOLVES = "involves"
LOCATED = "locatedIn"  # an event named with a city, or in it, takes place there
#: confidence of a ``gb:involves`` relation read from the event's own phrase
CONF_INVOLVES = 0.7
#: demonstrative pronouns that stand for the act just named ("opposes this")
DEMONSTRATIVES = frozenset({"this", "that"})
# nouns of asking and offering whose "from" phrase names who asks or offers ("a demand from X",
# "an invitation from X"): CAMEO 02 appeal and 10 demand nouns, 03 offers
REQUEST_NOUNS = frozenset(
    {"demand", "call", "request", "appeal", "invitation", "offer", "proposal", "plea", "ultimatum"}
)
#: one group for coreference and named agreements: CAMEO's &TREATY noun synset (CAMEO.2.0.txt
#: line 267: treaty, pact, accord, agreement) and "deal" (a CAMEO pattern object coded 057
#: "sign formal agreement")
AGREEMENT_NOUNS = frozenset({"treaty", "pact", "accord", "agreement", "deal"})
# modifiers kept in a minted event's label ("new Western sanctions", "six-party talks")
_LABEL_DEPS = ("compound", "amod", "nmod", "nummod")
# prepositions whose objects an event involves ("sanctions on Iran", "talks between A and B")
_INVOLVES_PREPS = ("of", "on", "against", "with", "between", "by", "from", "in", "toward", "to")


@dataclass
class EventMint:
    """The events minted for one document's stance targets, and what they involve.

    Attributes
    ----------
    nouns : frozenset of str
        Lemmas (lower case) of the nouns that can head a minted event.
    doc_id : str or None
        The document's id, part of every minted key.
    events : dict[str, Entity]
        Minted events by key (``"Event:<normalised label>@<doc_id>"``).
    mentions : list of Mention
        One mention per phrase an event was minted from.
    relations : list of Relation
        ``involves`` relations from an event to the entities in its phrase, with evidence.
    """

    nouns: frozenset[str]
    doc_id: str | None = None
    events: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    _by_token: dict[int, str] = field(default_factory=dict)

    def is_event_noun(self, tok: Token) -> bool:
        """Whether ``tok`` is a common noun that names an act, agreement or measure."""
        return tok.pos_ == "NOUN" and (tok.lemma_.lower() in self.nouns or tok.lower_ in self.nouns)

    def resolve(self, key: str, doc) -> str:
        """``key`` itself, or for a pending event target (:data:`PENDING`) the minted key."""
        if key.startswith(PENDING):
            return self.mint(doc[int(key[len(PENDING) :])])
        return key

    def mint(self, head: Token) -> str:
        """The key of the event named by the noun phrase headed by ``head`` (minted once).

        Parameters
        ----------
        head : Token
            A common noun accepted by :meth:`is_event_noun`.

        Returns
        -------
        str
            The event's entity key.
        """
        if head.i in self._by_token:
            return self._by_token[head.i]
        doc = head.doc
        left = head.i
        while left > 0:
            prev = doc[left - 1]
            inside = left <= prev.head.i <= head.i  # a modifier of a word of the label so far
            if inside and prev.dep_ in _LABEL_DEPS:
                left -= 1
            elif prev.text in ("-", "–") and left >= 2 and left <= doc[left - 2].head.i <= head.i:
                left -= 1  # "six-party talks"
            else:
                break
        if _definite_description(head, left):
            # "the deal", "the surprise deal": the event of that kind named before, if any
            earlier = self._antecedent(head)
            if earlier is not None:
                self._by_token[head.i] = earlier
                return earlier
        label = doc[left : head.i + 1].text.strip()
        key = f"Event:{normalize_name(label)}@{self.doc_id or ''}"
        ev = self.events.get(key)
        if ev is None:
            ev = Entity(key=key, cls="Event", label=label)
            short = _name_words(doc, left, head)
            if short and short != label:
                ev.aliases.add(short)  # "full peace treaty" is also "peace treaty"
            if self.doc_id:
                ev.documents.add(self.doc_id)
            self.events[key] = ev
        ev.mentions += 1
        start, end = doc[left].idx, head.idx + len(head.text)
        sent = doc[head.i].sent
        self.mentions.append(
            Mention(
                text=label,
                start=start,
                end=end,
                entity=key,
                kind="description",
                sentence=sentence_index(head.doc, head.i),
            )
        )
        for other in _involved(head):
            if other != key:
                self.relations.append(
                    Relation(
                        subject=key,
                        predicate=LOCATED if is_city(doc, other) else INVOLVES,
                        object=other,
                        confidence=CONF_INVOLVES,
                        evidence=evidence_of(sent),
                        doc_id=self.doc_id,
                    )
                )
        self._by_token[head.i] = key
        return key

    def recent_event(self, tok: Token, sentences: int = 2) -> str | None:
        """The last event (linked or minted) named in the ``sentences`` before ``tok``'s own,
        or earlier in its own: what a demonstrative target refers to ("China firmly opposes
        this")."""
        doc = tok.doc
        sent_starts = [s.start_char for s in doc.sents if s.start_char <= tok.idx]
        floor = sent_starts[-1 - sentences] if len(sent_starts) > sentences else 0
        known = doc._.gb_entities or {}
        best: tuple[int, str] | None = None
        for m in [*(doc._.gb_mentions or []), *self.mentions]:
            is_event = m.entity in self.events or (
                m.entity in known and known[m.entity].cls == "Event"
            )
            if is_event and floor <= m.start and m.end <= tok.idx:
                if best is None or m.end > best[0]:
                    best = (m.end, m.entity)
        return best[1] if best else None

    def _antecedent(self, head: Token) -> str | None:
        """The latest event before ``head`` (linked or minted) whose head noun is the same, or
        of the same agreement group (:data:`AGREEMENT_NOUNS`): "the EU-Mercosur agreement ...
        the deal"."""
        doc = head.doc
        group = _head_group(head.lemma_.lower())
        known = doc._.gb_entities or {}
        best: tuple[int, str] | None = None
        mentions = [*(doc._.gb_mentions or []), *self.mentions]
        for m in mentions:
            cls = known[m.entity].cls if m.entity in known else None
            if m.entity in self.events:
                cls = "Event"
            if cls != "Event" or m.end > head.idx:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or _head_group(span.root.lemma_.lower()) != group:
                continue
            if best is None or m.end > best[0]:
                best = (m.end, m.entity)
        return best[1] if best else None


def mere_place(doc, key: str) -> bool:
    """A Location that is no seat of government (a sea, a region, a city): no actor."""
    return entity_class(doc, key) == "Location" and key not in (doc._.gb_seats or {})


def _named_agreement(tok: Token, mint: EventMint) -> bool:
    """An agreement noun (:data:`AGREEMENT_NOUNS`) whose entities are its name's modifiers
    (compounds, no possessor): "the Mercosur-EU trade deal", "the Minsk agreements"."""
    if tok.lemma_.lower() not in AGREEMENT_NOUNS or not mint.is_event_noun(tok):
        return False
    if any(c.dep_ == "poss" for c in tok.children):
        return False
    mods = [c for c in tok.children if c.dep_ in ("compound", "nmod", "amod")]
    mods += [g for c in mods for g in c.children if g.dep_ in ("compound", "conj")]
    return any(entity(c) for c in mods)


def _name_words(doc, left: int, head: Token) -> str:
    """The label without its leading descriptive adjectives and numbers ("full peace treaty"
    -> "peace treaty", "new Western sanctions" -> "Western sanctions"): adjectives that are
    not demonyms or names (PROPN, entity tokens) are dropped from the left."""
    i = left
    while i < head.i and (
        (
            (doc[i].pos_ in ("ADJ", "NUM") or doc[i].dep_ in ("amod", "nummod"))
            and not entity(doc[i])
            and not doc[i].text[:1].isupper()
        )
        or doc[i].text in ("-", "–")
    ):
        i += 1
    return doc[i : head.i + 1].text.strip()


def _definite_description(head: Token, left: int) -> bool:
    """A definite noun phrase whose premodifiers name nothing: bare ("deal", "the deal") or
    with adjectives and common nouns only ("the surprise deal between the two sides", "this
    landmark agreement"); not a possessed one ("Iran's plan")."""
    doc = head.doc
    if any(entity(doc[i]) for i in range(left, head.i + 1)):
        return False
    if any(c.dep_ == "poss" for c in head.children):
        return False
    dets = [c for c in head.children if c.dep_ == "det"]
    if not dets:
        return left == head.i
    return dets[0].lower_ in ("the", "this", "that")


def _head_group(lemma: str) -> str:
    return "treaty" if lemma in AGREEMENT_NOUNS else lemma


def _involved(head: Token) -> list[str]:
    """Entities inside an event phrase: possessors, entity modifiers, prepositional objects
    ("sanctions on Iran", "talks between A and B") and by-agents of participles on it."""
    out: list[str | None] = []
    for c in head.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod"):
            out.extend(entity(x) for x in [c, *c.conjuncts])
        elif c.dep_ == "prep" and c.lower_ in _INVOLVES_PREPS:
            for g in c.children:
                if g.dep_ == "pobj":
                    out.extend(np_entities(g))
        elif c.dep_ == "acl":
            for g in c.children:
                if g.dep_ == "agent":
                    for p in g.children:
                        if p.dep_ == "pobj":
                            out.extend(np_entities(p))
    return uniq(out)


#: prefix of a pending event target: ``PENDING + str(token index)``, minted by
#: :meth:`EventMint.resolve` once a stance with that target is kept
PENDING = "\x00event:"


def phrase_targets(
    tok: Token, mint: EventMint | None, inclusion: tuple[str, ...] = ()
) -> tuple[list[str], str]:
    """Targets named by the noun phrase headed by ``tok``, and how they were read.

    Parameters
    ----------
    tok : Token
        Head of the target phrase (an object, prepositional object or passive subject).
    mint : EventMint or None
        Where events are minted; None reads entities and owners only.
    inclusion : tuple of str
        Lemmas introducing members of a set ("including", "like"; see
        :func:`graphbuilder.extract.syntax.inclusion_words`).

    Returns
    -------
    (list of str, str)
        Entity keys (possibly empty) and ``"entity"``, ``"owner"``, ``"agreement"`` (a named
        agreement, see :func:`_named_agreement`), ``"event"`` or ``""``.

    Examples
    --------
    "Taipei's decision" gives ``(["place/taipei"], "owner")``; "the ceasefire plan" gives
    ``([PENDING + "<token index of plan>"], "event")``: the event is minted by
    :meth:`EventMint.resolve` only for a stance that is kept.
    """
    keys = np_entities(tok, inclusion)
    if keys:
        return keys, "entity"
    heads = [tok, *tok.conjuncts]
    if mint is not None and _named_agreement(tok, mint):
        # "the Mercosur-EU trade deal": the agreement itself, its parties via gb:involves
        return [f"{PENDING}{tok.i}"], "agreement"
    keys = uniq(k for h in heads for k in owner_entities(h))
    if not keys and tok.lemma_.lower() in REQUEST_NOUNS:
        # "rejected a demand from X": the one who asks owns the demand
        keys = uniq(
            k
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "from"
            for g in c.children
            if g.dep_ == "pobj"
            for k in (np_entities(g) or owner_entities(g))
        )
    places_only = keys and all(mere_place(tok.doc, k) for k in keys)
    if keys and not (places_only and mint is not None and mint.is_event_noun(tok)):
        return keys, "owner"  # (a place in an act's name is no owner: "the Black Sea plan")
    if mint is None:
        return [], ""
    if tok.lower_ in DEMONSTRATIVES and tok.pos_ in ("PRON", "DET"):
        earlier = mint.recent_event(tok)
        return ([earlier], "event") if earlier else ([], "")
    out: list[str] = []
    for h in heads:
        if h.pos_ != "NOUN":
            continue
        inner = [
            g
            for c in h.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj" and g.pos_ == "NOUN" and mint.is_event_noun(g)
        ]
        if inner:
            out.append(f"{PENDING}{inner[0].i}")
        elif mint.is_event_noun(h):
            out.append(f"{PENDING}{h.i}")
    return uniq(out), ("event" if out else "")
