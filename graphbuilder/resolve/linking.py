"""Entity linking: every mention of a document to one entity, from the KB where one fits.

Input is a parsed ``Doc`` whose ``doc.ents`` are the merged spans of the statistical NER and
the KB ruler (:mod:`graphbuilder.resolve.spans`: ``ent.ent_id_`` is the KB id of a KB match;
the model's own entities are in ``doc.spans["gb_model"]``). :func:`link_names` decides, for
each name, which entity it refers to:

1. a KB ruler match is linked to its KB entry; where its name has several readings (other KB
   entries written alike, a person of the document, the model's own class for the same span)
   :func:`graphbuilder.resolve.context.choose` decides by the sentence, the document's people
   and places and the article's country ("Georgia's governor" is the US state, "Kennedy" after
   "Robert F. Kennedy Jr." the person);
2. a model name is looked up among the KB's labels and aliases (normalised as the gold scorer
   does: case-folded, leading "the" and trailing "'s" dropped); a longer model name that
   spells out a KB person ("Vladimir V. Putin") or a state's organization ("U.S. Central
   Command") is that entry;
3. a single word that is the surname or the first (family) name of a person named in the
   document ("Tokayev" after "Kassym-Jomart Tokayev", "Kim" after "Kim Jong Un", the
   headline's "Obasanjo" before "Olusegun Obasanjo") is that person; an acronym defined in
   parentheses after a name ("All Progressives Congress (APC)") is that name's entity;
4. a demonym ("Russian") stands for its state only before a noun of ``demonym_heads.csv``
   ("Russian troops"), an office title of ``offices.csv`` ("Philippine Foreign Secretary") or,
   as an adjective, a noun of an act or attitude (``LinkingLexicons.act_nouns``: "French
   mediation", "Chinese criticism"; the state is the act's agent), never elsewhere ("Russian
   language"), whether the model tagged it NORP, tagged it another class, or left it out
   ("Tajik President Emomali Rahmon"); a plural demonym used as a noun ("the Palestinians",
   "Iraqis") stands for its state too;
5. an event noun ("summit") with an organization or place modifier makes an event
   ("the anniversary summit of the CSTO" -> "CSTO summit"), with "between A and B" the event
   "A-B meeting"; an organization's "mission" is an organization;
6. what is left keeps the model's class mapped by ``entity_labels.csv``, with a person-name
   correction: a name in apposition to an office title is a person ("the head of ..., Sultan
   Kamaletdinov"), whatever the model said; and corrections from the words around a model name
   (``name_context.csv``): "Near Palmyra" is the place Palmyra, "Staff Sgt." and a bare title
   ("Minister of Foreign Affairs of") are no names, "Gen. Coe" is a person, a generic head
   alone ("the Armed Forces") is no name, and a surname is also cited without its article
   ("Abadi" after "Haider al-Abadi"); the states an organization's name holds ("U.S. Central
   Command") are mentioned too;
7. the byline author and the dateline place of the article become entities of the document.

Coreference (titles, pronouns, definite descriptions) runs after this, in
:mod:`graphbuilder.resolve.coref`, on the same :class:`LinkState`.

Results go on the Doc extensions of :mod:`graphbuilder.nlp.extensions`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from graphbuilder.nlp.extensions import sentence_index
from graphbuilder.records import Entity, Mention
from graphbuilder.resolve.context import Geography, animate_patient, choose, doc_geography
from graphbuilder.resolve.gazetteer import is_populated_place
from graphbuilder.resolve.kb import KBEntry, KnowledgeBase, normalize_name
from graphbuilder.resolve.lexicons import LinkingLexicons
from graphbuilder.resolve.spans import KB_SPANS_KEY, MODEL_SPANS_KEY

_DETERMINERS = {"the", "this", "that", "these", "those", "a", "an"}
ALIAS_KINDS = frozenset({"name", "title", "author", "dateline"})
"""Mention kinds whose surface form is a name of the entity (``skos:altLabel``); pronouns,
descriptions ("the organization") and demonyms ("Russian") are mentions but not names."""


def kb_entity(entry: KBEntry) -> Entity:
    """A new document entity for a KB entry (key, class, label, QID, subclass of the row)."""
    return Entity(
        key=entry.id,
        cls=entry.cls,
        label=entry.label,
        qid=entry.qid,
        kb_id=entry.id,
        subclass=entry.subclass,
    )


@dataclass
class LinkState:
    """What linking and coreference know about one document while they run.

    Attributes
    ----------
    entities : dict[str, Entity]
        Entities by key.
    mentions : list[Mention]
        Mentions in the order found (sorted at the end).
    token_entity : dict[int, str]
        Token index -> entity key for every token inside a resolved mention.
    named_spans : list[tuple[Span, str]]
        Kept name spans and their entity keys (become ``doc.ents``).
    """

    doc: Doc
    kb: KnowledgeBase
    lex: LinkingLexicons
    date: str | None = None
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    token_entity: dict[int, str] = field(default_factory=dict)
    token_group: dict[int, list[str]] = field(default_factory=dict)
    named_spans: list[tuple[Span, str]] = field(default_factory=list)

    # -- building blocks -------------------------------------------------------------------
    def entity_from_kb(self, entry: KBEntry) -> str:
        """Return the key of the KB entry's entity, creating it on first use."""
        if entry.id not in self.entities:
            self.entities[entry.id] = kb_entity(entry)
        return entry.id

    def entity_unlinked(self, cls: str, name: str) -> str:
        """Return the key of a name the KB lacks (``"<Class>:<normalised name>"``)."""
        key = f"{cls}:{normalize_name(name)}"
        if key not in self.entities:
            self.entities[key] = Entity(key=key, cls=cls, label=name)
        else:
            current = self.entities[key]
            # the longest form seen is the canonical label of an unlinked entity
            if len(name) > len(current.label):
                current.aliases.add(current.label)
                current.label = name
        return key

    def add_mention(
        self, key: str, start: int, end: int, kind: str, surface: str | None = None
    ) -> None:
        """Record a mention of entity ``key`` over tokens ``start:end`` (token indices)."""
        doc = self.doc
        span = doc[start:end]
        text = surface if surface is not None else span.text
        sent_index = sentence_index(doc, start)
        self.mentions.append(
            Mention(
                text=text,
                start=span.start_char,
                end=span.end_char,
                entity=key,
                kind=kind,
                sentence=sent_index,
            )
        )
        for i in range(start, end):
            self.token_entity.setdefault(i, key)
        entity = self.entities[key]
        entity.mentions += 1
        clean = _clean_surface(text)
        if kind in ALIAS_KINDS and clean and clean != entity.label:
            entity.aliases.add(clean)

    def add_external_mention(self, key: str, text: str, kind: str) -> None:
        """Record a mention that is not in the text body (byline, dateline)."""
        self.mentions.append(Mention(text=text, start=0, end=0, entity=key, kind=kind))
        entity = self.entities[key]
        entity.mentions += 1
        if text != entity.label:
            entity.aliases.add(text)


def _clean_surface(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(?i:the)\s+", "", text)
    text = re.sub(r"['’]s$", "", text).strip()
    return text


def _strip_span(span: Span) -> Span:
    """Drop leading determiners and a trailing possessive from a name span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in _DETERMINERS:
        start += 1
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    return doc[start:end]


def _common_root(span: Span) -> bool:
    """True when the head of a model name is a lower-case common word ("post-Soviet space"),
    not the lower-case tail of a hyphenated name ("Kim Dae-jung")."""
    root = span.root
    if not root.is_lower or root.pos_ in ("ADP", "DET", "CCONJ", "PART"):
        # "the National Union for the Total Independence of Angola", parsed as two phrases:
        # a function word as the span's root is a split parse, not a common head
        return False
    i = root.i
    hyphen = span.doc[i - 1] if i > span.start else None
    return not (
        hyphen is not None
        and hyphen.text in ("-", "–")
        and not hyphen.whitespace_
        and i - 2 >= span.start
        and not span.doc[i - 2].whitespace_
        and span.doc[i - 2].text[:1].isupper()
    )


def _is_junk(text: str) -> bool:
    """A model 'name' that cannot be a name: no capital letter, no letters, one character,
    or spread over lines (a page fragment such as ``"Almaty\\nViews"``)."""
    if "\n" in text or len(text) < 2:
        return True
    if not any(ch.isalpha() for ch in text):
        return True
    return not any(ch.isupper() for ch in text)


def _pick(entries: list[KBEntry], wanted: str | None, kb: KnowledgeBase, date: str | None):
    """Choose among KB entries sharing a name: the class the model suggests, then a person in
    office on the article's date, then the first by id (deterministic)."""
    if not entries:
        return None
    if len(entries) == 1:
        return entries[0]
    pool = [e for e in entries if wanted and e.cls == wanted] or list(entries)
    if len(pool) > 1:
        people = [e for e in pool if e.cls == "Person"]
        if people and date:
            in_office = [e for e in people if any(t.in_force(date) for t in kb.terms_of(e.id))]
            if len(in_office) == 1:
                return in_office[0]
    return sorted(pool, key=lambda e: e.id)[0]


def _title_apposition(span: Span, kb: KnowledgeBase) -> bool:
    """True when the name stands in apposition to an office title ("the head of ..., Sultan
    Kamaletdinov" or "Sultan Kamaletdinov, the defence minister"): then it names a person."""
    root = span.root
    candidates = []
    if root.dep_ == "appos":
        candidates.append(root.head)
    candidates.extend(child for child in root.children if child.dep_ == "appos")
    # "the President of Kyrgyzstan Sadyr Japarov": the title is a compound of the name
    candidates.extend(child for child in root.children if child.dep_ in ("compound", "nmod"))
    # "Russia's Ambassador to the UN, Vassily Nebenzia said": a title and its posting before
    # a comma, where the parse gives no apposition
    doc = span.doc
    k = span.start - 1
    if k >= 1 and doc[k].text == ",":
        k -= 1
        j = k
        while j >= 0 and doc[j].pos_ == "PROPN" and k - j < 6:
            j -= 1
        if j >= 0 and doc[j].lower_ == "the":
            j -= 1
        if j < k and j >= 1 and doc[j].lower_ in ("to", "at"):
            k = j - 1
        candidates.append(doc[k])
    for token in candidates:
        if kb.office_for_title(token.lower_) or kb.office_for_title(token.lemma_.lower()):
            return True
    return False


def _adjectival(span: Span) -> bool:
    """True for a model 'name' that is an adjective modifying a common noun ("Anglo-Saxon
    forces", "Islamist groups"): a JJ token inside, used as a compound or modifier of a
    lower-case noun."""
    root = span.root
    head = root.head
    return (
        any(t.tag_ == "JJ" for t in span)
        and root.dep_ in ("compound", "amod")
        and head.i >= span.end
        and head.is_lower
    )


def _bare(token: Token) -> str:
    return token.lower_.rstrip(".")


def _rank_run(tokens: list[Token], lex: LinkingLexicons) -> int:
    """Length of a leading run of rank/honorific words ("Staff Sgt.", "Navy Capt.", "Mr."):
    any service words, then at least one rank abbreviation or honorific; 0 when none."""
    i = 0
    while i < len(tokens) and _bare(tokens[i]) in lex.rank_prefixes:
        i += 1
    j = i
    while j < len(tokens) and (_bare(tokens[j]) in lex.person_titles or tokens[j].text == "."):
        j += 1
    return j if j > i else 0


def _model_name_context(span: Span, lex: LinkingLexicons, kb: KnowledgeBase):
    """Trim a statistical NER name by its context (rules of ``name_context.csv``).

    Returns
    -------
    (Span or None, str or None)
        The trimmed span (None when nothing of a name is left: "Staff Sgt", a bare office
        title such as "Minister of Foreign Affairs of") and the class the context implies:
        ``"Location"`` after a leading locative preposition ("Near Palmyra"), ``"Person"``
        after an honorific or a rank ("Gen. Coe", "Lt. Gen. Stephen Townsend").
    """
    doc = span.doc
    start, end = span.start, span.end
    implied = None
    if (
        end - start > 1
        and doc[start].lower_ in lex.place_prepositions
        and doc[start].is_title
        and doc[start + 1].is_title
    ):
        start += 1
        implied = "Location"
    run = _rank_run(list(doc[start:end]), lex)
    if run:
        if start + run >= end:
            return None, None
        start += run
        implied = "Person"
    elif start > 0:
        k = start - 1
        while k > 0 and doc[k].text == ".":
            k -= 1
        if _bare(doc[k]) in lex.person_titles and doc[k].is_title:
            implied = "Person"
    for k in range(start + 1, end):
        if doc[k].text == "(" and not any(t.text == ")" for t in doc[k + 1 : end]):
            end = k  # "Union of Democratic Forces (SDS": the bracket opens an acronym
            break
    while end > start and (doc[end - 1].pos_ in ("ADP", "CCONJ") or doc[end - 1].is_punct):
        if _closes_quote(doc, start, end - 1):
            break  # 'Party of "National Unity"' keeps its closing quote
        end -= 1
    if end <= start:
        return None, None
    trimmed = doc[start:end]
    if kb.office_for_title(trimmed.text.lower()):
        return None, None  # a bare title ("Minister of Foreign Affairs"): coreference's job
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and kb.office_for_title(f"{trimmed.text} {nxt.text}".lower()):
        return None, None  # "Defense" of "Defense Secretary X": a word of a title, no name
    if nxt is not None:
        for cut in range(start + 1, end):
            if kb.office_for_title(f"{doc[cut:end].text} {nxt.text}".lower()):
                # "Philippine Foreign" of "Philippine Foreign Secretary": the title's first
                # word goes with the title, "Philippine" stays
                return doc[start:cut], implied
    if (
        end - start == 1
        and end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_lower
    ):
        return None, None  # "Tit" of "Tit-for-tat": a piece of a hyphenated common word
    return trimmed, implied


#: Prepositions after which a model "person" names a place ("in Heuchelheim", "across Tal
#: Hamid") and, for the second set, a model "organization" too ("near Husaybah"); "at", "near",
#: "from", "to" and "with" are left out for a person: "fired at Smith", "stood near Smith", "a
#: letter from Smith", and "with" for both ("talks with Hamas").
_PERSON_PLACE_PREPOSITIONS = frozenset({"in", "into", "outside", "across"})
_ORG_PLACE_PREPOSITIONS = frozenset({"near", "outside", "around", "across"})


#: Locative prepositions after which a model "organization" that GeoNames lists as a
#: populated place is the place ("into Clarksdale", "at Oxford"; "worked at Siemens" is no
#: place's name); not "of", "to", "with", "for", "by" ("a member of Congress", "sold to Delta").
_GAZETTEER_PREPOSITIONS = frozenset(
    {"in", "into", "at", "from", "near", "outside", "around", "across", "inside"}
)


def _is_age(doc: Doc, i: int) -> bool:
    """True when token ``i`` is a bare age between commas (", 53,")."""
    return (
        i + 1 < len(doc)
        and doc[i].like_num
        and doc[i].text.isdigit()
        and 0 < int(doc[i].text) < 120
        and doc[i + 1].text == ","
    )


def _person_follows(doc: Doc, end: int) -> bool:
    """True when what follows a name right after its comma is said only of a person: the
    relative pronoun "who" ("Mason, who headed ...": an organization or a place takes "which"
    or "that"; English grammar) or a bare age between commas ("Cheek, 53, is")."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    nxt = doc[end + 1]
    return (nxt.lower_ in ("who", "whom") and nxt.tag_ == "WP") or _is_age(doc, end + 1)


def _kb_place_at(doc: Doc, i: int, kb: KnowledgeBase) -> Span | None:
    """The KB place or country name (``doc.ents``) that starts at token ``i``."""
    for ent in doc.ents:
        if ent.start == i and ent.ent_id_:
            entry = kb.entries.get(ent.ent_id_)
            if entry is not None and entry.cls in ("Location", "Country"):
                return ent
    return None


def _class_from_context(
    span: Span, label: str, lex: LinkingLexicons, kb: KnowledgeBase
) -> str | None:
    """The class the words around a model PERSON, ORG (or, for kin and titles, GPE) name
    imply, where the model's label is a common error of the statistical model for names it
    has not seen.

    - ``"Location"`` when the name ends in a place head ("Custer National Forest", "Cameron
      Parish": ``place_head`` of ``name_context.csv``, the generic parts of toponyms) or
      modifies one written in lower case ("the Tigris river", "Al-Raqqa province"); when it
      follows "the town/city/village ... of" (``settlement_noun``); when it follows a
      locative preposition that ends the noun phrase (a PERSON after "in", "into", "outside",
      "across": "in Heuchelheim", not "in Smith's view"; an ORG only after "near", "outside",
      "around", "across": not "near Hamas positions"); when it stands
      before ", <KB place>" that ends the phrase ("Beaumont, Texas,", "Karabilah, Iraq.").
    - ``"Person"`` for an ORG or a place followed by an age between commas ("Cheek, 53, is")
      or by ", who" ("Mason, who headed the CDC"), and for an ORG or a place followed by a
      possessive and a kinship noun ("Walesa's wife": ``kinship_noun``).
    - ``"Person"`` for an ORG that is the subject of "was born" ("Harwick was born in 1931":
      an organization is founded), and for a model name of any of these labels that starts
      with a form of address or a title of rank by birth (``name_prefix`` of
      ``name_context.csv`` but "President") and does not end in a place or institution head
      ("Prince Norodom Ranariddh", "Duchess of York"; not "Queen Mary University").
    - ``"Location"`` for an ORG that GeoNames lists as a populated place
      (:mod:`graphbuilder.resolve.gazetteer`) as the object of a locative preposition that
      ends the noun phrase ("refugees streamed into Clarksdale"; "worked at Siemens" and
      "Clarksdale's mayor" stay), and for an ORG or PERSON listed there as the object of the
      "of" after a person's name ("Ann Ford of Salamanca"; "a member of Congress" stays).

    Returns
    -------
    str or None
        The class, or None when the context says nothing.
    """
    doc = span.doc
    start, end = span.start, span.end
    nxt = doc[end] if end < len(doc) else None
    possessive = nxt is not None and nxt.tag_ == "POS"
    if (
        label in ("ORG", "GPE", "LOC")
        and possessive
        and end + 1 < len(doc)
        and doc[end + 1].lower_ in lex.kinship_nouns
    ):
        return "Person"  # "Walesa's wife": an organization or a place has no kin
    if (
        len(span) > 1
        and span[0].text[:1].isupper()
        and _bare(span[0]) in lex.name_prefixes
        and _bare(span[0]) != "president"
        and span[-1].lower_ not in lex.place_heads | lex.generic_heads
    ):
        return "Person"  # "Prince Norodom Ranariddh", "Duchess of York" (the model: a place)
    if label in ("ORG", "GPE", "LOC") and _person_follows(doc, end):
        return "Person"  # "Mason, who headed the CDC", "Albrecht, 54, is a former professor"
    if label not in ("PERSON", "ORG"):
        return None
    if len(span) > 1 and span[-1].lower_ in lex.place_heads:
        return "Location"
    if (
        nxt is not None
        and nxt.is_lower
        and nxt.lower_ in lex.place_heads
        and span.root.head.i == nxt.i
        and span.root.dep_ in ("compound", "nmod", "amod")
    ):
        return "Location"  # "the Tigris river", "Al-Raqqa province": the head names the kind
    before = start - 1
    while before >= 0 and doc[before].lower_ in ("the", "a", "an"):
        before -= 1
    if before >= 1 and doc[before].lower_ == "of":
        k = before - 1
        if doc[k].lower_ in lex.settlement_nouns:
            return "Location"  # "the town of Lowman"
    noun_after = nxt is not None and nxt.pos_ in ("NOUN", "PROPN")  # "near Hamas positions"
    if before >= 0 and before == start - 1 and not possessive and not noun_after:
        prep = doc[before].lower_
        if (label == "PERSON" and prep in _PERSON_PLACE_PREPOSITIONS) or (
            label == "ORG" and prep in _ORG_PLACE_PREPOSITIONS
        ):
            return "Location"
    if label == "ORG" and span.root.dep_ == "nsubjpass" and span.root.head.lemma_ == "bear":
        return "Person"  # "Harwick was born in 1931": an organization is founded
    after_person = (  # "Ann Ford of Salamanca": a person's home town
        before > 0 and doc[before].lower_ == "of" and doc[before - 1].ent_type_ == "PERSON"
    )
    if (
        before >= 0
        and before == start - 1
        and (
            (label == "ORG" and doc[before].lower_ in _GAZETTEER_PREPOSITIONS)
            or (label in ("ORG", "PERSON") and after_person)
        )
        and span.root.head.i == before
        and not possessive
        and not noun_after
        and is_populated_place(span.text)
    ):
        return "Location"  # "streamed into Clarksdale", not "worked at Siemens"
    if nxt is not None and nxt.text == ",":
        place = _kb_place_at(doc, end + 1, kb)
        if place is not None:
            after = doc[place.end] if place.end < len(doc) else None
            if after is None or after.text in (",", ".", ";", ":", ")"):
                return "Location"
    return None


def _widen_to_prefix(state: LinkState, span: Span) -> None:
    """Extend the last mention (the person's name ``span``) over the
    capitalised name prefixes written right before it (``name_prefix`` of
    ``name_context.csv``: "Ms. Carpenter", "the Rev. Martin Luther King Jr.", "President
    Lincoln"), the person annotation of CoNLL04 and re3d.

    Only the mention's text and character offsets change: the prefix stays out of the token
    map, so coreference still reads it as a title ("President" -> ``leaderOf``), and the
    entity's label and aliases keep the bare name. A prefix after another capitalised word is
    part of a longer title ("Vice President X", "Russian President X") and stays out.
    """
    doc = state.doc
    start = i = span.start
    if span[-1].lower_ in state.lex.generic_heads | state.lex.place_heads:
        return  # "Queen Mary University": no person's name, whatever its class
    while i > 0:
        token = doc[i - 1]
        if (
            not token.text[:1].isupper()
            or token.lower_.rstrip(".") not in state.lex.name_prefixes
            or token.i in state.token_entity
        ):
            break
        i -= 1
    if i == start:
        return
    before = doc[i - 1] if i > 0 else None
    if (
        before is not None
        and before.text[:1].isupper()
        and not before.text.endswith(".")  # "... Grants, N.M. Ms. Calico": a sentence's end
        and (not before.is_sent_start or before.pos_ in ("PROPN", "ADJ") or before.lower_ == "vice")
    ):
        return  # "Vice President X", "Russian President X": the prefix is part of a title
    mention = state.mentions[-1]
    begin = doc[i].idx
    state.mentions[-1] = replace(mention, text=doc.text[begin : mention.end], start=begin)


def _entry_inside(span: Span, kb: KnowledgeBase, cls: str) -> KBEntry | None:
    """The KB entry a longer model name spells out.

    - A person: a KB person match that ends the name, whose label starts with the name's
      initial ("Vladimir V. Putin" is Vladimir Putin, "Sergey Viktorovich Lavrov" Sergei
      Lavrov; "Robert Putin" would be no one of the KB).
    - An organization: a KB organization match right after a KB country match, the two
      making the whole name ("U.S. Central Command" is Central Command).
    """
    doc = span.doc
    if KB_SPANS_KEY not in doc.spans or cls not in ("Person", "Organization"):
        return None
    first = span.text[:1].casefold()
    inside = [m for m in doc.spans[KB_SPANS_KEY] if span.start <= m.start and m.end <= span.end]
    for match in inside:
        if match.end != span.end or match.start <= span.start:
            continue
        entry = kb.entries.get(match.id_)
        if entry is None or entry.cls != cls:
            continue
        if cls == "Person" and entry.label[:1].casefold() == first:
            return entry
        if cls == "Organization":
            owner = [
                m
                for m in inside
                if m.start == span.start
                and m.end == match.start
                and getattr(kb.entries.get(m.id_), "cls", None) == "Country"
            ]
            if owner:
                return entry
    return None


def _nested_states(state: LinkState, span: Span) -> None:
    """Mentions of the states an organization's or event's longer name holds ("U.S. Central
    Command", "the UK-France Summit", "China Coast Guard"): the state is mentioned, the name
    stays one entity. (A place's name holds no state: "Northern Ireland".)"""
    doc, kb = state.doc, state.kb
    if KB_SPANS_KEY not in doc.spans:
        return
    taken: set[int] = set()
    for match in sorted(doc.spans[KB_SPANS_KEY], key=lambda m: (m.start, -len(m))):
        if not (span.start <= match.start and match.end <= span.end) or len(match) == len(span):
            continue
        entry = kb.entries.get(match.id_)
        if entry is None or entry.cls != "Country" or taken & set(range(match.start, match.end)):
            continue
        if len(kb.lookup(match.text)) > 1:
            continue  # "Georgia Tech": which Georgia is not told
        state.entity_from_kb(entry)
        state.add_mention(entry.id, match.start, match.end, "name")
        taken.update(range(match.start, match.end))


_QUOTE_PAIRS = {'"': '"', "“": "”", "‘": "’", "«": "»"}


def _closes_quote(doc: Doc, start: int, i: int) -> bool:
    """True when token ``i`` closes a quotation opened after ``start`` (inside a name)."""
    text = doc[i].text
    for j in range(start + 1, i):
        if _QUOTE_PAIRS.get(doc[j].text) == text:
            return True
    return False


def _surname_keys(name: str, lex: LinkingLexicons) -> list[str]:
    """The surname forms a person may be cited by: the last word, and without its article
    ("Haider al-Abadi" -> "al-Abadi", "Abadi")."""
    words = name.split()
    if len(words) < 2:
        return []
    last = words[-1]
    out = [last]
    head, sep, rest = last.partition("-")
    if sep and rest and head.lower() in lex.surname_articles:
        out.append(rest)
    return out


_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


class _People:
    """The people a document names, by the single words they may be cited by.

    ``seen`` holds the people linked so far (the latest one named wins a shared word);
    ``ahead`` the people named anywhere in the document (multi-word PERSON spans), for a
    word cited before the full name (a headline's "Obasanjo").
    """

    def __init__(self, state: LinkState, model_labels: dict[tuple[int, int], str]) -> None:
        self.state = state
        self.seen: dict[str, str] = {}
        self.ahead: dict[str, tuple[str, str]] = {}
        kb = state.kb
        for ent in state.doc.ents:
            span = _strip_span(ent)
            entry = kb.entries.get(ent.ent_id_) if ent.ent_id_ else None
            if entry is None and ent.label_ in state.lex.label_classes and len(span):
                span, implied = _model_name_context(span, state.lex, kb)
                if span is None or implied not in (None, "Person"):
                    continue  # "Near Palmyra" is a place
            if len(span) < 2 or " " not in span.text:
                continue
            if entry is not None and entry.cls == "Person":
                ref = ("kb", entry.id)
            elif entry is None and ent.label_ == "PERSON" and not _is_junk(span.text):
                found = _pick(kb.lookup(span.text), "Person", kb, state.date)
                if found is not None and found.cls == "Person":
                    ref = ("kb", found.id)
                elif found is None:
                    ref = ("name", span.text)
                else:
                    continue
            else:
                continue
            for word in name_words(span.text, state.lex):
                self.ahead.setdefault(word, ref)

    def add(self, key: str) -> None:
        """Index the person ``key`` under the words of its label and aliases."""
        entity = self.state.entities[key]
        for name in (entity.label, *sorted(entity.aliases)):
            for word in name_words(name, self.state.lex):
                self.seen[word] = key

    def find(self, text: str) -> str | None:
        """Entity key of a person named before whom the single word ``text`` names."""
        return None if " " in text else self.seen.get(text)

    def find_ahead(self, text: str) -> str | None:
        """Entity key of a person named later whom ``text`` names (creating the entity)."""
        if " " in text:
            return None
        ref = self.ahead.get(text)
        if ref is None:
            return None
        kind, value = ref
        if kind == "kb":
            return self.state.entity_from_kb(self.state.kb.entries[value])
        return self.state.entity_unlinked("Person", value)


def name_words(name: str, lex: LinkingLexicons) -> list[str]:
    """The single words a person may be cited by: the surname (last word, without "Jr." or
    "III"; also without its article: "al-Abadi" -> "Abadi") and the first word, which is the
    family name in Chinese and Korean names ("Kim" of "Kim Jong Un", "Xi", "Wang") and the
    usual short form in Ethiopian ones ("Abiy").

    Examples
    --------
    >>> from graphbuilder.resolve.lexicons import load_linking_lexicons
    >>> name_words("Robert F. Kennedy Jr.", load_linking_lexicons())
    ['Kennedy', 'Robert']
    """
    words = [w for w in name.split() if w.strip(",").lower() not in _NAME_SUFFIXES]
    words = [w.strip(",") for w in words]
    if len(words) < 2:
        return []
    out = _surname_keys(" ".join(words), lex)
    first = words[0]
    if len(first.rstrip(".")) > 1 and first[:1].isupper() and first not in out:
        out.append(first)
    return out


def _same_case(entries: list[KBEntry], text: str) -> list[KBEntry]:
    """The entries with a name written exactly like ``text`` ("Guam" the territory, not
    "GUAM" the organization), or all of them when none is."""
    exact = [
        e
        for e in entries
        if any(re.sub(r"^[Tt]he\s+", "", n) == text for n in (e.label, *e.aliases))
    ]
    return exact or entries


def _model_labels(doc: Doc) -> dict[tuple[int, int], str]:
    """(start, end) token range of each model entity (determiners and possessive stripped)
    -> its label, from ``doc.spans["gb_model"]``."""
    if MODEL_SPANS_KEY not in doc.spans:
        return {}
    out = {}
    for ent in doc.spans[MODEL_SPANS_KEY]:
        span = _strip_span(ent)
        if len(span):
            out[(span.start, span.end)] = ent.label_
    return out


def _geography(state: LinkState, model_labels: dict[tuple[int, int], str]) -> Geography:
    """The document's places from its KB names with one reading, leaving out those the model
    reads as a person (whose reading is in question: "Kennedy")."""
    doc, kb = state.doc, state.kb
    ids = []
    for ent in doc.ents:
        entry = kb.entries.get(ent.ent_id_) if ent.ent_id_ else None
        if entry is None or len(kb.lookup(ent.text)) > 1:
            continue
        span = _strip_span(ent)
        if entry.cls != "Person" and model_labels.get((span.start, span.end)) == "PERSON":
            continue
        ids.append(entry.id)
    article = doc._.gb_article
    return doc_geography(doc, kb, ids, article.place if article is not None else None)


def _plural_demonym(kb: KnowledgeBase, span: Span) -> bool:
    """True for a one-word model name that is a state's demonym in the plural ("Pakistanis")."""
    text = span.text
    return len(span) == 1 and text.endswith("s") and kb.demonym(text[:-1]) is not None


def _initials(doc: Doc, kb: KnowledgeBase, lex: LinkingLexicons) -> dict[str, str]:
    """Acronym -> name for the organizations the model names in the document that the KB
    lacks ("DUP" -> "Democratic Unionist Party"): the initials of their capitalised words;
    an acronym two names share is left out."""
    out: dict[str, str] = {}
    shared: set[str] = set()
    for ent in doc.ents:
        if ent.ent_id_ or ent.label_ != "ORG":
            continue
        span = _strip_span(ent)
        words = [t.text for t in span if t.is_alpha and t.text[:1].isupper()]
        if len(words) < 2 or kb.lookup(span.text):
            continue
        acronym = "".join(w[0] for w in words)
        if acronym in out and out[acronym] != span.text:
            shared.add(acronym)
        out.setdefault(acronym, span.text)
    return {a: n for a, n in out.items() if a not in shared and not kb.lookup(a)}


def _acronym_of(span: Span) -> str | None:
    """The acronym a name defines in parentheses right after it ("All Progressives Congress
    (APC)"), when its letters are the initials of the name's capitalised words, with the
    initials of some of its lower-case words ("Movement for the Actualization of the Sovereign
    State of Biafra (MASSOB)"), in any order: a name translated from another language keeps
    the acronym of the original's word order ("National Union for the Total Independence of
    Angola (UNITA)", "Revolutionary Armed Forces of Colombia (FARC)")."""
    doc = span.doc
    i = span.end
    if i + 2 >= len(doc) or doc[i].text != "(" or doc[i + 2].text != ")":
        return None
    acronym = doc[i + 1].text
    letters = acronym.replace(".", "")
    if not (1 < len(letters) <= 8 and letters.isupper() and letters.isalpha()):
        return None
    capitals = Counter(t.text[0].upper() for t in span if t.text[:1].isupper())
    lower = Counter(t.text[0].upper() for t in span if t.text[:1].islower())
    rest = Counter(letters) - capitals
    if capitals - Counter(letters) or rest - lower:
        return None
    return acronym


def _implied_classes(doc: Doc, kb: KnowledgeBase, lex: LinkingLexicons) -> dict[str, str]:
    """Name -> the class its context implies somewhere in the document, for the model names
    the KB lacks (:func:`_model_name_context`, :func:`_class_from_context`), where the
    contexts of the name agree: a name read as a place once ("the liberation of Sinjar" after
    "near Sinjar", "in Husaybah") is the same place where its own sentence says nothing."""
    found: dict[str, set[str]] = {}
    for ent in doc.ents:
        if ent.ent_id_ or ent.label_ not in lex.label_classes or ent.label_ == "NORP":
            continue
        span = _strip_span(ent)
        if not len(span):
            continue
        span, implied = _model_name_context(span, lex, kb)
        if span is None:
            continue
        implied = implied or _class_from_context(span, ent.label_, lex, kb)
        if implied in ("Person", "Location", "Organization"):
            found.setdefault(span.text, set()).add(implied)
    return {text: next(iter(c)) for text, c in found.items() if len(c) == 1}


def link_names(state: LinkState) -> None:
    """Link every name of ``doc.ents`` (steps 1-4 and 6 of the module docstring); where a name
    has several readings, :func:`graphbuilder.resolve.context.choose` decides."""
    doc, kb, lex = state.doc, state.kb, state.lex
    model_labels = _model_labels(doc)
    people = _People(state, model_labels)
    geo = _geography(state, model_labels)
    acronyms: dict[str, str] = {}
    initials = _initials(doc, kb, lex)
    implied_by_text = _implied_classes(doc, kb, lex)

    def reading(span: Span, candidates: list[KBEntry], model_cls: str | None):
        return choose(
            span,
            candidates,
            model_cls,
            kb=kb,
            lex=lex,
            geo=geo,
            cues=kb.context_cues,
            person=people.find(span.text),
            person_ahead=people.find_ahead(span.text) if not people.find(span.text) else None,
            date=state.date,
        )

    for ent in doc.ents:
        span = _strip_span(ent)
        if len(span) == 0:
            continue
        label = ent.label_
        implied = None
        in_kb = bool(ent.ent_id_) and ent.ent_id_ in kb.entries
        if not in_kb and label in lex.label_classes:
            span, implied = _model_name_context(span, lex, kb)
            if span is None:
                continue
            implied = implied or _class_from_context(span, label, lex, kb)
            if implied is None and label != "NORP" and animate_patient(span, lex):
                implied = "Person"  # "Booth shot Lincoln": only a person is shot
            if implied is None and label != "NORP":
                implied = implied_by_text.get(span.text)  # one reading per document
        text = span.text
        key: str | None = None
        if in_kb:
            ruled = kb.entries[ent.ent_id_]
            candidates = _same_case(
                [ruled, *[e for e in kb.lookup(text) if e.id != ruled.id]], text
            )
            model_label = model_labels.get((span.start, span.end))
            model_cls = (
                lex.label_classes[model_label][0] if model_label in lex.label_classes else None
            )
            if model_label == "NORP":
                model_cls = None
            elif animate_patient(span, lex):
                model_cls = "Person"  # "Booth shot Lincoln": the KB's city Lincoln is no reading
            found = reading(span, candidates, model_cls)
            if found.entry is not None:
                key = state.entity_from_kb(found.entry)
            elif found.person is not None:
                key = found.person
            elif model_cls is not None:
                key = state.entity_unlinked(model_cls, text)
        elif label == "NORP":
            _link_demonym(state, span)
            continue
        elif label in lex.label_classes:
            if _is_junk(text) or _common_root(span):
                continue  # "post-Soviet space": a common noun phrase, not a name
            if text.lower() in lex.generic_heads:
                continue  # "the Armed Forces" alone: a generic head, left to coreference
            cls, keep = lex.label_classes[label]
            if implied and cls in ("Person", "Location", "Organization"):
                cls = implied
            candidates = kb.lookup(text)
            if not candidates and _plural_demonym(kb, span):
                _link_demonym(state, span)  # "asked Pakistanis to": the people of the state
                continue
            if _only_a_demonym(kb, span, candidates):
                _link_demonym(state, span)  # "sing Tajik songs", read by the model as a name
                continue
            if len(span) > 1 and span[-1].lower_ in lex.event_heads and cls != "Person":
                cls = "Event"  # "the Windsor Framework": an agreement
            entry = None
            found = None
            if len(candidates) > 1 or people.find(text) or people.find_ahead(text):
                found = reading(span, candidates, cls)
                entry = found.entry
            else:
                entry = _pick(candidates, cls, kb, state.date)
            if entry is None and found is None:
                entry = _entry_inside(span, kb, cls)
            if entry is not None:
                key = state.entity_from_kb(entry)
            elif found is not None and found.person is not None:
                key = found.person
            elif text.lower() in lex.descriptions or text.lower() in lex.pronouns:
                continue  # "Organization" alone: a description, left to coreference
            elif text in acronyms and not candidates:
                key = acronyms[text]
            elif text in initials and not candidates:
                key = state.entity_unlinked("Organization", initials[text])  # "the DUP"
            elif _adjectival(span):
                continue  # "Anglo-Saxon forces": an adjective the model read as a name
            elif keep:
                if cls != "Person" and _title_apposition(span, kb):
                    cls = "Person"
                key = state.entity_unlinked(cls, text)
        if key is None:
            continue
        state.add_mention(key, span.start, span.end, "name")
        if state.entities[key].cls == "Person":
            _widen_to_prefix(state, span)
        state.named_spans.append((span, key))
        if not in_kb and state.entities[key].cls in ("Organization", "Event"):
            _nested_states(state, span)
        acronym = _acronym_of(span)
        if acronym and not kb.lookup(acronym):
            acronyms.setdefault(acronym, key)
            if span.end + 1 not in state.token_entity and not doc[span.end + 1].ent_type_:
                # the acronym defined in brackets is a name of the organization too
                state.add_mention(key, span.end + 1, span.end + 2, "name")
        if state.entities[key].cls == "Person":
            people.add(key)
    _link_untagged_demonyms(state)


def _only_a_demonym(kb: KnowledgeBase, span: Span, candidates: list[KBEntry]) -> bool:
    """True when a one-word model name is a state's demonym and no label or alias of the KB
    ("Tajik", tagged PERSON by the model): then step 4 decides, not the lookup."""
    if len(span) != 1:
        return False
    entry = kb.demonym(span.text)
    if entry is None or any(c.id != entry.id for c in candidates):
        return False
    name = normalize_name(span.text)
    return all(normalize_name(n) != name for n in (entry.label, *entry.aliases))


def _link_untagged_demonyms(state: LinkState) -> None:
    """Link the one-word demonyms the model left outside every entity ("Tajik President
    Emomali Rahmon", where ``en_core_web_sm`` tags only the name), by the rule of step 4.

    A capitalised adjective or proper noun that the KB knows as a state's demonym
    (``countries.csv`` ``demonyms``, from Wikidata and Wikipedia) is read as if the model had
    tagged it NORP: it stands for its state before a noun of ``demonym_heads.csv`` only.
    """
    doc = state.doc
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    for token in doc:
        if token.i in covered or token.i in state.token_entity:
            continue
        if token.tag_ not in ("NNP", "JJ") or not token.text[:1].isupper():
            continue
        if token.dep_ not in ("amod", "compound", "nmod") or token.head.i <= token.i:
            continue
        if state.kb.demonym(token.text) is not None:
            _link_demonym(state, doc[token.i : token.i + 1])


def _link_demonym(state: LinkState, span: Span) -> None:
    """A demonym names its state only before a 'state' noun ("Russian troops") or an office
    title ("Philippine Foreign Secretary"); elsewhere ("Russian language") it names nothing."""
    entry = state.kb.demonym(span.text)
    if entry is None and span.root.tag_ in ("NNPS", "NNS") and span.text.endswith("s"):
        entry = state.kb.demonym(span.text[:-1])  # "Palestinians", "Iraqis"
    if entry is None:
        return
    head = span.root.head if span.root.dep_ in ("amod", "compound", "nmod") else None
    standing = False
    if head is not None and head.i >= span.end:
        words = {head.lower_, head.lemma_.lower()}
        nxt = state.doc[head.i + 1] if head.i + 1 < len(state.doc) else None
        if nxt is not None:
            words.add(f"{head.lower_} {nxt.lower_}")
        prev_words = state.doc[span.end : head.i + 1].text.lower()
        words.add(prev_words)
        standing = bool(words & state.lex.demonym_heads)
        if not standing and head.pos_ == "NOUN" and span.root.dep_ == "amod":
            # "French mediation", "Chinese criticism of X": the state is the act's agent
            standing = head.lemma_.lower() in state.lex.act_nouns
    elif span.root.tag_ in ("NNPS", "NNS") and span.text.endswith("s"):
        standing = True  # "the Americans" as a plural noun names the state's side
    if not standing:  # "Philippine Foreign Secretary": an office title of the KB follows
        after = state.doc[span.end : span.end + 3]
        standing = any(
            state.kb.office_for_title(after[:n].text.lower()) is not None
            for n in range(len(after), 0, -1)
        )
    if standing:
        key = state.entity_from_kb(entry)
        state.add_mention(key, span.start, span.end, "demonym")


def link_events(state: LinkState) -> None:
    """Make events from event nouns with an organization or place modifier (step 5).

    "the anniversary summit of the CSTO", "the CSTO anniversary summit" and "the CSTO summit"
    all become the event ``"CSTO summit"``; "a special operation in Ukraine" becomes the event
    ``"special operation in Ukraine"``. Plural nouns ("peacekeeping operations") and nouns
    without such a modifier are left alone. A noun that names an organization subclass of
    the KB ("mission") makes an organization of that subclass from an owner without a place
    ("the EU mission"; :func:`_noun_class`).
    """
    doc = state.doc
    for token in doc:
        noun = token.lemma_.lower()
        if noun not in state.lex.event_nouns or token.pos_ != "NOUN" or token.tag_ == "NNS":
            continue
        if token.i in state.token_entity:
            continue
        if _link_event_between(state, token, noun):
            continue
        owner: str | None = None
        located: Token | None = None
        possessed = False
        for child in token.children:
            if child.dep_ in ("compound", "poss", "nmod") and child.i in state.token_entity:
                mod = state.token_entity[child.i]
                if (
                    owner is not None
                    and state.entities[owner].cls == "Organization"
                    and state.entities[mod].cls == "Location"
                ):
                    continue  # "the G7 Hiroshima summit": the G7's, held in Hiroshima
                if not possessed:  # "the EU's Armenia border mission": the possessor owns it
                    owner = mod
                    possessed = child.dep_ == "poss"
            elif child.dep_ == "prep" and child.lower_ in ("of", "in"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i in state.token_entity:
                        mod = state.token_entity[pobj.i]
                        if (
                            child.lower_ == "in"
                            and owner is not None
                            and state.entities[owner].cls == "Organization"
                            and state.entities[mod].cls == "Location"
                        ):
                            continue  # "the CSTO summit in Moscow": the CSTO's, held there
                        owner = mod
                        if child.lower_ == "in":
                            located = pobj
        if owner is None or state.entities[owner].cls not in (
            "Organization",
            "Location",
            "Country",
        ):
            continue
        if located is not None and state.entities[owner].cls == "Organization":
            continue
        left = token.i
        while (
            left > 0 and doc[left - 1].dep_ in ("amod", "compound") and doc[left - 1].head == token
        ):
            if doc[left - 1].i in state.token_entity:
                break
            left -= 1
        key = f"Event:{owner}:{noun}"
        if located is not None:
            right = located.i + 1
            while right < len(doc) and state.token_entity.get(right) == owner:
                right += 1
            label = _clean_surface(doc[left:right].text)
        else:
            owner_entity = state.entities[owner]
            acronyms = [a for a in owner_entity.aliases if a.isupper() and 1 < len(a) <= 6]
            short = min(acronyms + [owner_entity.label], key=len)
            label = f"{short} {noun}"
        if key not in state.entities:
            cls, subclass = _noun_class(state.kb, noun) if located is None else ("Event", None)
            state.entities[key] = Entity(key=key, cls=cls, label=label, subclass=subclass)
        elif len(label) > len(state.entities[key].label) and located is not None:
            state.entities[key].aliases.add(state.entities[key].label)
            state.entities[key].label = label
        state.add_mention(key, left, token.i + 1, "name", surface=label)


_PARTY_CLASSES = ("Person", "Country", "Organization")


def _noun_class(kb: KnowledgeBase, noun: str) -> tuple[str, str | None]:
    """The class of what an event noun with an owner makes: an Event, unless the noun names
    a finer class of another kind in ``subclasses.csv`` ("the EU mission" is an Organization
    of subclass Mission: an organization's field mission is a body; "the peacekeeping mission
    in Kazakhstan", placed, stays the operation, an Event)."""
    for sub in kb.subclasses.values():
        if sub.name.lower() == noun and sub.parent != "Event":
            return sub.parent, sub.name
    return "Event", None


def _short_name(entity: Entity) -> str:
    """A person's name as the document cites it alone ("Tsai" of "Tsai Ing-wen"; else the
    last word), else the shortest acronym or the label ("McCarthy", "NATO")."""
    if entity.cls == "Person":
        words = entity.label.split()
        alone = [a for a in entity.aliases if " " not in a and a in words]
        return alone[0] if len(alone) == 1 else words[-1]
    acronyms = [a for a in entity.aliases if a.isupper() and 1 < len(a) <= 6]
    return min(acronyms + [entity.label], key=len)


def _link_event_between(state: LinkState, token: Token, noun: str) -> bool:
    """An event noun with "between A and B" (two people, states or organizations) is the
    event "A-B <noun>" ("a Wednesday meeting between House Speaker Kevin McCarthy and
    Taiwanese President Tsai Ing-wen" -> "McCarthy-Tsai meeting", also "Tsai-McCarthy
    meeting" and the phrase itself). Returns True when it made one."""
    doc = state.doc
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ != "between":
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        second = next((c for c in pobj.children if c.dep_ == "conj"), None)
        a = state.token_entity.get(pobj.i)
        b = state.token_entity.get(second.i) if second is not None else None
        if a is None or b is None or a == b:
            return False
        ea, eb = state.entities[a], state.entities[b]
        if ea.cls not in _PARTY_CLASSES or eb.cls not in _PARTY_CLASSES:
            return False
        left = token.i
        while left > 0 and doc[left - 1].dep_ == "amod" and doc[left - 1].head == token:
            left -= 1
        right = second.i + 1
        while right < len(doc) and state.token_entity.get(right) == b:
            right += 1
        key = f"Event:{a}+{b}:{noun}"
        label = f"{_short_name(ea)}-{_short_name(eb)} {noun}"
        if key not in state.entities:
            state.entities[key] = Entity(key=key, cls="Event", label=label)
        entity = state.entities[key]
        entity.aliases.add(f"{_short_name(eb)}-{_short_name(ea)} {noun}")
        entity.aliases.add(_clean_surface(doc[token.i : right].text))
        state.add_mention(key, left, token.i + 1, "name", surface=label)
        return True
    return False


def link_article_metadata(state: LinkState, author: str | None, place: str | None) -> str | None:
    """Make entities of the byline author and the dateline place (step 7).

    Returns
    -------
    str or None
        The author's entity key.
    """
    kb = state.kb
    author_key = None
    if author:
        entry = _pick(kb.lookup(author), "Person", kb, state.date)
        if entry is not None and entry.cls == "Person":
            author_key = state.entity_from_kb(entry)
        else:
            author_key = state.entity_unlinked("Person", author)
        state.add_external_mention(author_key, author, "author")
    if place:
        entry = _pick(kb.lookup(place), "Location", kb, state.date)
        key = (
            state.entity_from_kb(entry)
            if entry is not None
            else state.entity_unlinked("Location", place)
        )
        state.add_external_mention(key, place, "dateline")
    return author_key


def link_publisher(state: LinkState, publisher: str | None) -> str | None:
    """Make an entity of the article's publisher (step 7): the KB's state or organization of
    that name, else an unlinked organization ("CENTCOM", "Ministry of Foreign Affairs of X").

    Parameters
    ----------
    state : LinkState
    publisher : str or None
        ``Article.publisher`` (the site name of an HTML page, a front matter's ``publisher``).

    Returns
    -------
    str or None
        The publisher's entity key, None without a publisher. A publisher only ever named by the
        KB as a person or place is taken as an organization of that name.
    """
    if not publisher or not publisher.strip():
        return None
    kb = state.kb
    entries = [e for e in kb.lookup(publisher) if e.cls in ("Organization", "Country")]
    entry = _pick(entries, "Organization", kb, state.date)
    if entry is not None:
        key = state.entity_from_kb(entry)
    else:
        key = state.entity_unlinked("Organization", publisher.strip())
    state.add_external_mention(key, publisher.strip(), "publisher")
    return key


def finish(state: LinkState, doc_id: str | None) -> None:
    """Write the results on the Doc: entities, sorted mentions, token map, ``doc.ents``."""
    doc = state.doc
    used = {m.entity for m in state.mentions}
    entities = {k: e for k, e in state.entities.items() if k in used}
    for entity in entities.values():
        entity.aliases.discard(entity.label)
        if doc_id:
            entity.documents.add(doc_id)
    doc._.gb_entities = entities
    doc._.gb_mentions = sorted(state.mentions, key=lambda m: (m.start, m.end, m.entity))
    doc._.gb_token_entity = dict(state.token_entity)
    doc._.gb_token_group = {i: list(keys) for i, keys in state.token_group.items()}
    spans = []
    taken: set[int] = set()
    for span, key in sorted(state.named_spans, key=lambda p: (p[0].start, -len(p[0]))):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        new = Span(doc, span.start, span.end, label=span.label_ or state.entities[key].cls)
        spans.append((new, key))
        taken.update(range(span.start, span.end))
    doc.ents = [s for s, _ in spans]
    for span, key in spans:
        span._.gb_entity = key


def seat_states(state: LinkState) -> dict[str, Entity]:
    """The state of each capital the document mentions (KB ``seats.csv``).

    Parameters
    ----------
    state : LinkState
        After :func:`finish` (``doc._.gb_entities`` set).

    Returns
    -------
    dict of str to Entity
        Entity key of a mentioned capital (``"place/beijing"``) -> the entity of its state
        (``country/CHN``): the document's own entity for it where the document names the
        state, else a new entity from the KB row (not yet in ``doc._.gb_entities``; the stance
        extractor adds it when a stance uses it).
    """
    out: dict[str, Entity] = {}
    for key in state.doc._.gb_entities or {}:
        country = state.kb.state_of_seat(key)
        if country is None:
            continue
        known = (state.doc._.gb_entities or {}).get(country)
        out[key] = known if known is not None else kb_entity(state.kb.entries[country])
    return out
