"""Choosing among the readings of an ambiguous name by its context, not by list order.

A name can mean several KB entries ("Georgia": the country or the US state; "Punjab": in India
or in Pakistan), a KB entry or a person the model found ("Kennedy": a Colombian city or Robert
F. Kennedy Jr.), or a person already named in the document ("Kim" after "Kim Jong Un",
"Washington" after "George Washington"). :func:`choose` weighs, in this order:

1. the sentence: a locative preposition before the name ("in Georgia") makes it a place; an
   honorific or office title before it ("Gov. Kennedy", "President Lee"), or a role only a
   person has ("Booth shot Lincoln", "Kennedy's assassination"), a person; a word of
   ``ontology/kb/context_cues.csv`` next to it ("Georgia's *governor*", "the *state* of
   Georgia", "Georgia *Gov.*" -> a state or province; "the *President* of Georgia" -> a
   country) the reading of that kind;
2. the document's people: a single word that is the surname or the first name of a person
   named in the document is that person (the nearest one named before it, else the first
   named after it), unless the sentence makes it a place;
3. the document's places (:class:`Geography`): a state or province whose country holds other
   places the document names ("Atlanta" -> the US state Georgia), a country whose own places
   or demonym the document names ("Tbilisi", "Georgian"); capitals do not count (they stand
   for their governments). The article's country (its dateline, else the country the
   document names most) adds one;
4. the model: a name the model read as a person and the KB only knows as a city far from the
   document's countries is the person ("Kennedy had slammed WHO");
5. a fixed order of kinds: sovereign state, capital, state or province, other city, dependent
   territory; then the class the model suggests; then the id.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from graphbuilder.resolve.kb import KBEntry, KnowledgeBase
from graphbuilder.resolve.lexicons import LinkingLexicons

_DETERMINERS = {"the", "this", "that", "a", "an"}
_REGION_SUBCLASSES = ("Region",)


@dataclass
class Geography:
    """Where a document is, from its unambiguous KB place names.

    Attributes
    ----------
    inside : Counter
        Country id -> number of names of the document that are non-capital places in it
        (cities, regions: "Atlanta" counts for ``country/USA``).
    named : Counter
        Country id -> names of the country itself, its demonyms and its places.
    article_country : str or None
        The dateline's country, else the country named most (when it leads alone).
    """

    inside: Counter = field(default_factory=Counter)
    named: Counter = field(default_factory=Counter)
    article_country: str | None = None


def country_of(entry: KBEntry, kb: KnowledgeBase) -> str | None:
    """The country an entry is in: itself for a country, else its ``located_in`` or
    ``part_of`` country (one step through a place: a city's region's country)."""
    if entry.cls == "Country":
        return entry.id
    for ref in (*entry.located_in, *entry.part_of):
        if ref.startswith("country/"):
            return ref
        parent = kb.entries.get(ref)
        if parent is not None:
            for ref2 in (*parent.located_in, *parent.part_of):
                if ref2.startswith("country/"):
                    return ref2
    return None


def doc_geography(
    doc: Doc, kb: KnowledgeBase, kb_ids: list[str], dateline: str | None = None
) -> Geography:
    """Count the countries a document's unambiguous KB names are in.

    Parameters
    ----------
    doc : Doc
        With ``doc.ents`` of the model and the KB ruler.
    kb : KnowledgeBase
    kb_ids : list of str
        KB ids of the document's names that have one reading only.
    dateline : str, optional
        The article's dateline place ("MOSCOW").

    Returns
    -------
    Geography
    """
    geo = Geography()
    for eid in kb_ids:
        entry = kb.entries.get(eid)
        if entry is None:
            continue
        country = country_of(entry, kb)
        if country is None:
            continue
        geo.named[country] += 1
        if entry.cls == "Location" and kb.state_of_seat(entry.id) is None:
            geo.inside[country] += 1
    for ent in doc.ents:
        if ent.label_ == "NORP":
            state = kb.demonym(ent.text)
            if state is not None:
                geo.named[state.id] += 1
    if dateline:
        entries = kb.lookup(dateline)
        if len(entries) == 1:
            geo.article_country = country_of(entries[0], kb)
    if geo.article_country is None and geo.named:
        top = geo.named.most_common(2)
        if top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
            geo.article_country = top[0][0]
    return geo


def _bare(text: str) -> str:
    return text.lower().rstrip(".")


def locative_before(span: Span, lex: LinkingLexicons) -> bool:
    """True when a locative preposition stands right before the name (``in``, ``near``,
    ``from`` ... of ``name_context.csv``; "in the" too), and the name is what the preposition
    governs: not a possessor ("outside Lennon's apartment", "in Smith's view")."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        return False
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in _DETERMINERS:
        i -= 1
    return i >= 0 and doc[i].lower_ in lex.place_prepositions and doc[i].pos_ == "ADP"


def animate_patient(span: Span, lex: LinkingLexicons) -> bool:
    """True when the name is the patient of a verb or noun that takes a person
    (``animate_patient_verb`` / ``animate_patient_noun`` of ``name_context.csv``): the object
    or passive subject of "shoot", "assassinate", "kidnap" ... ("Booth shot Lincoln",
    "Lincoln was assassinated"), the possessor, compound or of-object of "assassination",
    "killer" ... ("Kennedy's assassination", "the Kennedy slaying", "the murder of Kennedy").

    Source: VerbNet murder-42.1 and poison-42.2 (Patient [+animate]); FrameNet Killing and
    Kidnapping (Victim).
    """
    root = span.root
    head = root.head
    if root.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        return head.lemma_.lower() in lex.animate_verbs
    if root.dep_ in ("poss", "compound") and head.pos_ == "NOUN":
        return head.lemma_.lower() in lex.animate_nouns
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head.lemma_.lower() in lex.animate_nouns
    return False


def title_before(span: Span, lex: LinkingLexicons, kb: KnowledgeBase) -> bool:
    """True when an honorific, rank or office title stands right before the name ("Gov.
    Kennedy", "President Lee", "Mr. Washington")."""
    i = span.start - 1
    doc = span.doc
    if i < 0:
        return False
    word = _bare(doc[i].text)
    if not word:
        return False
    return word in lex.person_titles or kb.office_for_title(word) is not None


def cue_reading(span: Span, cues: dict[str, str]) -> str | None:
    """The kind of place a context word next to the name asks for, from ``context_cues.csv``.

    Looked at: the two words after the name (past a possessive: "Georgia's governor",
    "Georgia Gov.", "Georgia state senator") and the word before an "of" before it ("the
    governor of Georgia", "the President of Georgia").

    Returns
    -------
    str or None
        ``"Region"`` (a state or province), ``"Country"`` or ``"City"``.
    """
    doc = span.doc
    words: list[str] = []
    i = span.end
    if i < len(doc) and doc[i].tag_ == "POS":
        i += 1
    for token in doc[i : i + 2]:
        if token.is_punct and token.text != ".":
            break
        words.append(_bare(token.text))
    j = span.start - 1
    while j >= 0 and doc[j].lower_ in _DETERMINERS:
        j -= 1
    if j >= 1 and doc[j].lower_ == "of":
        k = j - 1
        words.append(_bare(doc[k].text))
        if k >= 1:
            words.append(f"{_bare(doc[k - 1].text)} {_bare(doc[k].text)}")
    for word in words:
        if word in cues:
            return cues[word]
    return None


def kind_rank(entry: KBEntry, kb: KnowledgeBase) -> int:
    """Default order of kinds (smaller first): sovereign state 0, capital 1, state or
    province 2, other place 3, dependent territory 4, anything else 5."""
    if entry.cls == "Country":
        return 0 if entry.subclass in (None, "SovereignState") else 4
    if entry.cls == "Location":
        if kb.state_of_seat(entry.id) is not None:
            return 1
        if entry.subclass in _REGION_SUBCLASSES:
            return 2
        return 3
    return 5


def _kind(entry: KBEntry) -> str:
    if entry.cls == "Location" and entry.subclass in _REGION_SUBCLASSES:
        return "Region"
    if entry.cls == "Location" and entry.subclass == "City":
        return "City"
    return entry.cls


def place_score(entry: KBEntry, kb: KnowledgeBase, geo: Geography) -> int:
    """How strongly the document's other places support this reading (see module doc, 3)."""
    country = country_of(entry, kb)
    if country is None:
        return 0
    if entry.cls == "Country":
        score = geo.inside[entry.id] + (geo.named[entry.id] - geo.inside[entry.id] > 0)
    else:
        score = geo.inside[country]
    return score + (1 if country == geo.article_country else 0)


@dataclass(frozen=True)
class Reading:
    """The reading :func:`choose` settles on.

    Attributes
    ----------
    entry : KBEntry or None
        The KB entry, when it is one.
    person : str or None
        The entity key of a person named elsewhere in the document.
    model : bool
        True when the model's own reading (its class, no KB entry) wins.
    """

    entry: KBEntry | None = None
    person: str | None = None
    model: bool = False


def choose(
    span: Span,
    candidates: list[KBEntry],
    model_cls: str | None,
    *,
    kb: KnowledgeBase,
    lex: LinkingLexicons,
    geo: Geography,
    cues: dict[str, str],
    person: str | None = None,
    person_ahead: str | None = None,
    date: str | None = None,
) -> Reading:
    """Choose the reading of a name (see the module docstring for the order).

    Parameters
    ----------
    span : Span
        The name in the Doc.
    candidates : list of KBEntry
        The KB entries the name may be (may be empty).
    model_cls : str or None
        The class the statistical model gave the same span (``"Person"``, ``"Location"``
        ...), None when the model did not find it.
    kb, lex : KnowledgeBase, LinkingLexicons
    geo : Geography
        From :func:`doc_geography`.
    cues : dict of str to str
        Context word -> reading (``KnowledgeBase.context_cues``).
    person : str, optional
        Entity key of a person named before in the document whom this single word names
        (surname or first name), found by the caller.
    person_ahead : str, optional
        The same for a person named only later ("Obasanjo" in the headline, "Olusegun
        Obasanjo" in the text): taken where the KB knows no other reading or where the model
        or a title reads a person.
    date : str, optional
        The article's ISO date (people in office on it are preferred).

    Returns
    -------
    Reading
    """
    places = [e for e in candidates if e.cls in ("Country", "Location")]
    people = [e for e in candidates if e.cls == "Person"]
    at_place = locative_before(span, lex)
    wanted = cue_reading(span, cues)
    # a title before the name, or a role only a person has ("Booth shot Lincoln")
    titled = (title_before(span, lex, kb) or animate_patient(span, lex)) and wanted is None
    as_person = not at_place and not wanted and (titled or model_cls == "Person")
    # 2: a person the document names
    if person is not None and not at_place and not wanted:
        if as_person or not any(e.cls in ("Country", "Organization") for e in candidates):
            return Reading(person=person)
    # 1, 4: a person by title or by the model
    if person_ahead is not None and not at_place and not wanted:
        if (as_person and not people) or not candidates:
            return Reading(person=person_ahead)  # the headline's "Obasanjo"
    if as_person:
        if people:
            return Reading(entry=_by_date(people, kb, date))
        only_places = bool(places) and len(places) == len(candidates)
        if not candidates or (only_places and (titled or not _place_supported(places, kb, geo))):
            # "Kennedy had slammed WHO" (not "Wagner": the group); a title right before the
            # name makes it no place, even in a document about the place's country
            # ("President Lincoln" in an article on Washington, D.C.)
            return Reading(model=True)
    if not candidates:
        return Reading(model=model_cls is not None)
    # 1, 3, 5: among the KB entries
    pool = list(candidates)
    if (at_place or wanted) and places:
        pool = places
    if wanted:
        pool = [e for e in pool if _kind(e) == wanted] or pool
    elif model_cls and not at_place:
        fits = (model_cls, "Country") if model_cls == "Location" else (model_cls,)
        same = [e for e in pool if e.cls in fits]
        pool = same or pool
    if len(pool) == 1:
        return Reading(entry=pool[0])
    if all(e.cls == "Person" for e in pool):
        return Reading(entry=_by_date(pool, kb, date))
    best = sorted(pool, key=lambda e: (-place_score(e, kb, geo), kind_rank(e, kb), e.id))
    return Reading(entry=best[0])


def _place_supported(places: list[KBEntry], kb: KnowledgeBase, geo: Geography) -> bool:
    """True when a place reading has support of its own: a country or capital, or a place in
    a country the document names."""
    for entry in places:
        if entry.cls == "Country" or kb.state_of_seat(entry.id) is not None:
            return True
        country = country_of(entry, kb)
        if country and geo.named[country] > 0:
            return True
    return False


def _by_date(people: list[KBEntry], kb: KnowledgeBase, date: str | None) -> KBEntry:
    """The person in office on ``date`` when exactly one is, else the first by id."""
    if date and len(people) > 1:
        in_office = [e for e in people if any(t.in_force(date) for t in kb.terms_of(e.id))]
        if len(in_office) == 1:
            return in_office[0]
    return sorted(people, key=lambda e: e.id)[0]
