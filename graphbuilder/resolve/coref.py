"""Coreference inside one document: titles, pronouns and definite descriptions.

Runs after :func:`graphbuilder.resolve.linking.link_names` on the same
:class:`~graphbuilder.resolve.linking.LinkState`.

Titles
    An office phrase of ``ontology/lexicon/offices.csv`` ("President", "defence minister",
    "Secretary General", "head of the military department") with the state or organization it
    belongs to, before it ("the Russian President", "Kazakhstan's defence minister", "the CSTO
    Secretary General") or after it ("the President of Kazakhstan"), is resolved to its holder:
    the person named beside it when there is one ("the President of Kyrgyzstan Sadyr Japarov",
    "the head of ..., Sultan Kamaletdinov"), else the KB's holder of that office on the
    article's date. The title also gives the relation (``leaderOf`` or ``officialOf``) between
    holder and state, with the sentence as evidence.
Pronouns
    ``he``/``his``/``him`` go to the person who is the subject of the sentence's main verb when
    that is another mention, else to the subject (or last person) of the closest of the three
    sentences before. ``it``/``its`` go to the organization, state, place or event that is the
    subject of their clause or of a clause above it ("the coalition agreed to expand its
    operations"), else to the closest one before them in the same or previous sentence;
    expletive ``it`` ("it is necessary", "it seems")
    is left alone. ``they``/``their`` go to the latest conjoined set (``pronouns.csv``), else
    to the latest unnamed group of :mod:`graphbuilder.resolve.groups` in the same or previous
    sentence ("French farmers said they would ..."), else to the state or organization of the
    latest plural phrase its modifier names ("Iraqi forces ... they").
Descriptions
    ``the organization``, ``this country``, ``the republic``, ``the summit`` (nouns of
    ``descriptions.csv`` with a definite determiner, singular) go to the closest entity of
    their class before them, up to five sentences back.

These are recency-and-parse heuristics (after Hobbs 1978 and the salience ordering of Lappin &
Leass 1994, much simplified); they resolve the cases news prose uses most, not all.
"""

from __future__ import annotations

from spacy.tokens import Token

from graphbuilder.extract.syntax import evidence_of, title_status
from graphbuilder.records import Relation
from graphbuilder.resolve.linking import LinkState, sentence_index

_DEFINITE = {"the", "this", "that"}
_MAX_TITLE_WORDS = 6


def _entity_class(state: LinkState, i: int) -> str | None:
    key = state.token_entity.get(i)
    return state.entities[key].cls if key else None


def _owner_before(state: LinkState, start: int) -> tuple[str | None, int]:
    """The state or organization just before a title ("Russian", "CSTO", "Kazakhstan's")."""
    doc = state.doc
    k = start - 1
    if k >= 0 and doc[k].tag_ == "POS":
        k -= 1
    if k >= 0 and _entity_class(state, k) in ("Country", "Organization"):
        key = state.token_entity[k]
        first = k
        while first - 1 >= 0 and state.token_entity.get(first - 1) == key:
            first -= 1
        return key, first
    return None, start


def _owner_after(state: LinkState, end: int) -> tuple[str | None, int]:
    """The state or organization of an "of" phrase after a title ("President of Kazakhstan")."""
    doc = state.doc
    if end < len(doc) and doc[end].lower_ == "of":
        k = end + 1
        while k < len(doc) and doc[k].lower_ in _DEFINITE:
            k += 1
        if k < len(doc) and _entity_class(state, k) in ("Country", "Organization"):
            key = state.token_entity[k]
            last = k
            while last + 1 < len(doc) and state.token_entity.get(last + 1) == key:
                last += 1
            if last + 1 < len(doc) and doc[last + 1].tag_ == "POS":
                # "the head of Kyrgyzstan's State Committee": the possessed body is the owner;
                # "the head of Kyrgyzstan's largest bank", a body not named: no owner
                k = last + 2
                if k < len(doc) and _entity_class(state, k) in ("Country", "Organization"):
                    key = state.token_entity[k]
                    last = k
                    while last + 1 < len(doc) and state.token_entity.get(last + 1) == key:
                        last += 1
                    return key, last + 1
                return None, end
            return key, last + 1
    return None, end


def _is_person(state: LinkState, k: int) -> bool:
    return _entity_class(state, k) == "Person"


POSTING_PREPS = ("to", "at")  # "Ambassador to the UN", "Permanent Representative at the OSCE"


def _named_person_beside(state: LinkState, start: int, end: int) -> str | None:
    """A person named in apposition to the title: right after it (optionally after a comma)
    or right before it ("Sadyr Japarov, the President of ...")."""
    doc = state.doc
    k = end
    if k < len(doc) and doc[k].lower_ in POSTING_PREPS:
        # "Ambassador to the UN Nikki Haley": the post's place or body, then the person
        k += 1
        while k < len(doc) and doc[k].lower_ in _DEFINITE:
            k += 1
        posted = state.token_entity.get(k)
        if _is_person(state, k):
            return None
        if posted is None:  # a posting the linker left unnamed: its proper nouns
            stop = k + 4
            while k < min(stop, len(doc)) and doc[k].pos_ == "PROPN" and not _is_person(state, k):
                k += 1
        while posted is not None and k < len(doc) and state.token_entity.get(k) == posted:
            k += 1
    if k < len(doc) and doc[k].text == ",":
        k += 1
    if k < len(doc) and _is_person(state, k):
        return state.token_entity[k]
    k = start - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
        if k >= 0 and _is_person(state, k):
            return state.token_entity[k]
    return None


def resolve_titles(state: LinkState) -> list[Relation]:
    """Resolve office titles to their holders; return the relations the titles state.

    Returns
    -------
    list of Relation
        ``holder leaderOf|officialOf owner`` with the title's sentence as evidence,
        confidence 0.9 when the holder and the owner are named beside the title, 0.8 when one
        of them comes from the KB's office terms on the article's date (the holder of "the
        Russian President"; the owner of "Prime Minister Modi", when the document names it).
    """
    doc, kb = state.doc, state.kb
    relations: list[Relation] = []
    i = 0
    n = len(doc)
    first_words = kb.title_first_words()
    while i < n:
        if (
            doc[i].is_space
            or doc[i].is_punct
            or doc[i].lower_ in _DEFINITE
            or doc[i].lower_ not in first_words
        ):
            i += 1
            continue
        match = None
        for width in range(min(_MAX_TITLE_WORDS, n - i), 0, -1):
            span = doc[i : i + width]
            if span[-1].pos_ not in ("NOUN", "PROPN") or span[-1].tag_ in ("NNS", "NNPS"):
                continue
            office = kb.office_for_title(span.text.lower())
            if office:
                match = (i, i + width, office)
                break
        if match is None:
            i += 1
            continue
        start, end, office = match
        i = end
        if any(state.token_entity.get(k) for k in range(start, end)):
            continue
        owner, mention_start = _owner_before(state, start)
        mention_end = end
        if owner is None:
            owner, mention_end = _owner_after(state, end)
        holder = _named_person_beside(state, mention_start, mention_end)
        confidence = 0.9
        relation_type = kb.relation_for_office(office)
        status = title_status(doc, min(start, mention_start))
        if status is not None:
            # "former President X" states no current office and names no holder on the
            # article's date; "deputy president of X" is an official, not the president
            if holder is None:
                continue
            relation_type = "officialOf" if status == "deputy" else None
        elif holder is None and owner is not None:
            terms = kb.holders(office, owner, state.date)
            people = sorted({t.person for t in terms})
            if len(people) == 1 and people[0] in kb.entries:
                holder = state.entity_from_kb(kb.entries[people[0]])
                relation_type = terms[0].relation or relation_type
                confidence = 0.8
        if holder is None:
            continue
        if owner is None and state.date and status is None:
            # "Prime Minister Modi" with no state named beside the title: the one state or
            # organization of the document whose office the KB says the holder held that day
            # (or, for an office of a government body the document does not name, the state
            # the body belongs to: "Spokesperson Wang Wenbin" of China's foreign ministry)
            owners = {}
            for t in kb.terms_of(holder):
                if t.office != office or not t.in_force(state.date):
                    continue
                if t.org in state.entities:
                    owners.setdefault(t.org, t.relation)
                elif (body_state := _state_of_body(state, t.org)) is not None:
                    owners.setdefault(body_state, "officialOf")
            if len(owners) == 1:
                (owner, relation_type), confidence = next(iter(owners.items())), 0.8
        surface = doc[mention_start:mention_end].text
        state.add_mention(holder, mention_start, end, "title", surface=surface)
        if owner is not None and relation_type:
            relations.append(
                Relation(
                    subject=holder,
                    predicate=relation_type,
                    object=owner,
                    confidence=confidence,
                    evidence=evidence_of(doc[start].sent),
                )
            )
            of_state = _state_of_body(state, owner)
            if of_state is not None:
                # "Foreign Ministry spokesman Zhao Lijian", "the head of Kyrgyzstan's State
                # Committee for National Security": an official or the head of a state's
                # government body is an official of that state
                relations.append(
                    Relation(
                        subject=holder,
                        predicate="officialOf",
                        object=of_state,
                        confidence=round(confidence * BODY_STATE_FACTOR, 3),
                        evidence=evidence_of(doc[start].sent),
                    )
                )
    return relations


BODY_STATE_FACTOR = 0.9  # one inference more: the body's state from the KB's partOf


def _state_of_body(state: LinkState, org: str) -> str | None:
    """The state a government body (KB subclass ``GovernmentBody``) is part of, when the
    document names that state (its entity is among the document's)."""
    entry = state.kb.entries.get(org)
    if entry is None or entry.subclass != "GovernmentBody":
        return None
    states = [
        p
        for p in entry.part_of
        if p in state.entities
        and state.kb.entries.get(p) is not None
        and state.kb.entries[p].cls == "Country"
    ]
    return states[0] if len(states) == 1 else None


def _sentences(state: LinkState) -> list:
    return list(state.doc.sents)


def _is_expletive(token: Token) -> bool:
    """ "It" that refers to nothing: "it is necessary to ...", "it seems that ...", "it is not
    for nothing that ..." (a subject of be/seem whose clause holds a that- or to-clause), "made
    it clear that ..." (the object of make/find/consider before its complement)."""
    if token.dep_ == "expl":
        return True
    head = token.head
    verbs = ("make", "find", "consider", "take")
    if token.dep_ == "dobj" and head.lemma_ in verbs:
        # "made it clear that ...", "find it hard to ...": the object stands for the clause
        return any(
            c.dep_ in ("ccomp", "xcomp", "oprd", "acomp") and c.i > token.i for c in head.children
        )
    if (
        token.dep_ == "nsubj"
        and head.pos_ == "ADJ"
        and head.dep_ in ("ccomp", "xcomp", "oprd")
        and head.head.lemma_ in verbs
    ):
        return True  # the same, parsed as a small clause ("made [it clear]")
    if token.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in ("be", "seem", "appear", "take"):
        if any(c.dep_ in ("acomp", "ccomp", "xcomp", "advcl", "csubj") for c in head.children):
            return True
        return any(
            t.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "acl") and t.i > token.i
            for t in head.subtree
        )
    return False


def _mentions_in(state: LinkState, start: int, end: int, classes: tuple[str, ...]):
    """(token index, key) of resolved tokens in [start, end) whose class is allowed, first
    token of each mention only."""
    out = []
    previous = None
    for k in range(start, end):
        key = state.token_entity.get(k)
        if key and key != previous and state.entities[key].cls in classes:
            out.append((k, key))
        previous = key
    return out


def _subject_person(state: LinkState, sent) -> str | None:
    root = sent.root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            for t in child.subtree:
                key = state.token_entity.get(t.i)
                if key and state.entities[key].cls == "Person":
                    return key
    return None


GROUP_CLASSES = ("Person", "Country", "Organization")


def _latest_group(state: LinkState, sents, idx: int, token: Token) -> list[str]:
    """The entities of the latest conjoined noun phrase ("France and Germany", "Biden, Albanese
    and Sunak") before ``token`` in its sentence or the one before: what a plural pronoun
    stands for. Empty when there is none (the pronoun is left unresolved)."""
    start = sents[idx - 1].start if idx > 0 else sents[idx].start
    best: list[str] = []
    best_at = -1
    for t in state.doc[start : token.i]:
        if t.dep_ == "conj" or t.i in state.token_group:
            continue
        members = [t, *t.conjuncts]
        keys = []
        for m in members:
            key = state.token_entity.get(m.i)
            if key and state.entities[key].cls in GROUP_CLASSES and key not in keys:
                keys.append(key)
        if len(keys) >= 2 and t.i > best_at:
            best, best_at = keys, t.i
    return best


def latest_social_group(state: LinkState, start: int, end: int) -> str | None:
    """The latest unnamed group (a ``SocialGroup`` entity of :mod:`graphbuilder.resolve.groups`:
    "Afghan rebels") mentioned in tokens ``[start, end)``: what a plural pronoun stands for
    when no conjoined set does. None when there is none."""
    for k in range(end - 1, start - 1, -1):
        key = state.token_entity.get(k)
        if key and state.entities[key].subclass == "SocialGroup":
            return key
    return None


def _latest_plural_actor(state: LinkState, start: int, token: Token) -> str | None:
    """The state or organization of the latest plural noun phrase before ``token`` (from token
    ``start``) whose modifier names it: "Iraqi forces retook Tikrit. They then moved north" ->
    Iraq; "Houthi rebels attacked a ship. They said ..." -> the Houthis. What a plural pronoun
    stands for when no conjoined set or unnamed group does. None when there is none.

    The head must be a plural common noun (tag ``NNS``): number agreement, the first filter of
    Lappin & Leass (1994); the phrase stands for the actor its modifier names, as a demonym
    before an act noun does elsewhere in graphbuilder ("Iraqi forces" act for Iraq).
    """
    doc = state.doc
    found: list[tuple[bool, str]] = []  # (is a subject, key), latest first
    for k in range(token.i - 1, start - 1, -1):
        head = doc[k]
        if head.tag_ != "NNS" or k in state.token_entity:
            continue
        for child in head.children:
            if child.i > k or child.dep_ not in ("compound", "amod", "poss", "nmod"):
                continue
            key = state.token_entity.get(child.i)
            if key is not None and state.entities[key].cls in ("Country", "Organization"):
                found.append((head.dep_ in ("nsubj", "nsubjpass"), key))
                break
    # a subject before an object ("Russian officials met Chinese diplomats. They ..."): the
    # subject emphasis of Lappin & Leass (1994)
    subjects = [key for is_subject, key in found if is_subject]
    return subjects[0] if subjects else (found[0][1] if found else None)


def _governing_subject_person(state: LinkState, token: Token) -> str | None:
    """The person subject of a clause above the pronoun's own, before it in the sentence:
    "after Fico said he is not ready" -> Fico (the subject of the governing "said", not of the
    sentence's root). Source: the binding of pronouns to the matrix subject (Hobbs 1978's
    naive algorithm walks up the tree the same way)."""
    own = token.head
    if token.dep_ in ("dobj", "pobj", "dative", "iobj"):
        # an object pronoun is not its own clause's subject (binding principle B): "Biden told
        # Netanyahu that he plans to welcome him" -> him = the person told
        for anc in own.ancestors:
            for child in anc.children:
                if child.dep_ in ("dobj", "dative") and child.i < token.i:
                    key = state.token_entity.get(child.i)
                    if key and state.entities[key].cls == "Person":
                        return key
        return None
    for anc in own.ancestors:
        for child in anc.children:
            if child.dep_ not in ("nsubj", "nsubjpass") or child.i >= token.i:
                continue
            if own in child.subtree or token in child.subtree:
                continue
            for t in child.subtree:
                key = state.token_entity.get(t.i)
                if key and state.entities[key].cls == "Person":
                    return key
    return None


def _governing_subject(state: LinkState, token: Token, classes: tuple[str, ...]) -> str | None:
    """The entity (of ``classes``) that is the subject of the pronoun's own clause or of a
    clause above it, before the pronoun: "the coalition agreed to expand its operations" ->
    the coalition, not a place named in between ("met in Rome"); "the ministry said it would
    appeal" -> the ministry. None for an object pronoun ("urged the UN ... requested it to
    monitor": binding principle B keeps it from its own clause's subject; recency decides) and
    when no such subject names an entity of those classes.

    Parameters
    ----------
    state : LinkState
        With names, titles and descriptions linked (``state.token_entity``).
    token : Token
        An "it"/"its"/"itself" that is not expletive.
    classes : tuple of str
        The entity classes the pronoun may stand for (``pronouns.csv``).

    Returns
    -------
    str or None
        The entity key of the subject's head noun.

    Source: subjects are the most salient antecedents (Lappin & Leass 1994's subject emphasis)
    and a possessive or subject pronoun is bound by the subject of the clause that governs it
    (Hobbs 1978 walks up the tree the same way).
    """
    if token.dep_ in ("dobj", "pobj", "dative", "iobj"):
        return None
    for anc in token.ancestors:
        for child in anc.children:
            if child.dep_ not in ("nsubj", "nsubjpass") or child.i >= token.i:
                continue
            if token in child.subtree:
                continue
            key = state.token_entity.get(child.i)
            if key is not None and state.entities[key].cls in classes:
                return key
    return None


def _quoted_sentences(doc, sents) -> tuple[set[int], list[bool]]:
    """Indices of the sentences that start inside a quotation (curly or straight quotes;
    a paragraph break closes any quote left open), and the in-quote flag of every character."""
    text = doc.text
    inside = False
    marks = []
    for pos, ch in enumerate(text):
        if ch == "\n" and text[pos : pos + 2] == "\n\n":
            inside = False
        elif ch == "“":
            inside = True
        elif ch == "”":
            inside = False
        elif ch == '"':
            inside = not inside
        marks.append(inside)
    quoted = set()
    for idx, sent in enumerate(sents):
        first = next((t for t in sent if t.is_alpha), None)
        if first is not None and marks[first.idx]:
            quoted.add(idx)
    return quoted, marks


def resolve_pronouns(state: LinkState) -> None:
    """Resolve personal and possessive pronouns (see the module docstring).

    Looking back for a person, sentences inside quotations are passed over: "“... Negotiations
    are not going well,” he concluded" refers to the speaker named before the quote.
    """
    doc, lex = state.doc, state.lex
    sents = _sentences(state)
    quoted, in_quote = _quoted_sentences(doc, sents)
    sent_of = {}
    for idx, sent in enumerate(sents):
        for t in sent:
            sent_of[t.i] = idx
    for token in doc:
        classes = lex.pronouns.get(token.lower_)
        if not classes or token.i in state.token_entity or token.pos_ != "PRON":
            continue
        idx = sent_of.get(token.i, 0)
        sent = sents[idx]
        key = None
        if classes == ("Group",):
            group = _latest_group(state, sents, idx, token)
            if not group:
                # "French farmers said they would ...": an unnamed group (resolve.groups)
                social = latest_social_group(
                    state, sents[idx - 1].start if idx else sent.start, token.i
                )
                if social is None:
                    social = _latest_plural_actor(
                        state, sents[idx - 1].start if idx else sent.start, token
                    )
                if social:
                    state.add_mention(social, token.i, token.i + 1, "pronoun")
                continue
            if group:
                for k in group:
                    state.add_mention(k, token.i, token.i + 1, "pronoun")
                state.token_group[token.i] = group
            continue
        if "Person" in classes:
            subject = _governing_subject_person(state, token) or _subject_person(state, sent)
            subject_tokens = {
                t.i
                for c in sent.root.children
                if c.dep_ in ("nsubj", "nsubjpass")
                for t in c.subtree
            }
            if subject and token.i not in subject_tokens:
                key = subject
            else:
                looked = 0
                for back in range(idx - 1, -1, -1):
                    if back in quoted and not in_quote[token.idx]:
                        continue
                    looked += 1
                    if looked > 3:
                        break
                    key = _subject_person(state, sents[back])
                    if key is None:
                        found = _mentions_in(state, sents[back].start, sents[back].end, ("Person",))
                        key = found[-1][1] if found else None
                    if key:
                        break
        else:
            if token.lower_ == "it" and _is_expletive(token):
                continue
            key = _governing_subject(state, token, classes)
            if key is None:
                start = sents[idx - 1].start if idx > 0 else sent.start
                found = _mentions_in(state, start, token.i, classes)
                key = found[-1][1] if found else None
        if key:
            state.add_mention(key, token.i, token.i + 1, "pronoun")


def resolve_descriptions(state: LinkState) -> None:
    """Resolve definite descriptions ("the organization", "this country").

    Candidates are the entities of the description's class mentioned in the five sentences
    before it; for "the", those whose name holds the noun come first ("the court" -> the
    International Criminal Court). A demonstrative ("this country") takes the latest of them;
    "the" takes the most mentioned of them (the latest on a tie): the topic of the passage
    rather than the last name dropped in it (salience as in Lappin & Leass 1994, counted over
    a window).
    """
    doc, lex = state.doc, state.lex
    sents = _sentences(state)
    for token in doc:
        cls = lex.descriptions.get(token.lemma_.lower()) or lex.descriptions.get(token.lower_)
        if not cls or token.i in state.token_entity or token.tag_ in ("NNS", "NNPS"):
            continue
        dets = [c for c in token.children if c.dep_ in ("det",) and c.lower_ in _DEFINITE]
        if not dets:
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            continue  # "the organization of ..." describes something else
        if any(c.dep_ in ("compound",) for c in token.children):
            continue
        here = sentence_index(doc, token.i)
        window_start = sents[max(0, here - 5)].start if sents else 0
        found = _mentions_in(state, window_start, dets[0].i, (cls,))
        if not found:
            continue
        start = dets[0].i
        noun = token.lemma_.lower()
        named = [(k, key) for k, key in found if noun in state.entities[key].label.lower().split()]
        if named and dets[0].lower_ == "the":
            found = named  # "the court" -> the International Criminal Court named before
        if dets[0].lower_ == "the":
            # "the organization": the most mentioned of the recent candidates, the latest on a tie
            counts: dict[str, int] = {}
            for _, key in found:
                counts[key] = counts.get(key, 0) + 1
            last = {key: k for k, key in found}
            chosen = max(counts, key=lambda key: (counts[key], last[key]))
        else:
            chosen = found[-1][1]  # "this country": the latest candidate
        state.add_mention(chosen, start, token.i + 1, "description")


__all__ = [
    "resolve_descriptions",
    "resolve_pronouns",
    "resolve_titles",
]
