"""Relations between entities read from the dependency parse, with the cues of
``ontology/lexicon/relation_cues.csv``.

- ``leaderOf`` / ``officialOf`` from titles: "the President of Kyrgyzstan Sadyr Japarov",
  "Sadyr Japarov, the President of Kyrgyzstan", "Russian President Vladimir Putin",
  "Kazakhstan's defense minister X", a title mention the coreference resolved to a person
  ("said the President of Kazakhstan"), "the head of the military department of the Republic of
  Kazakhstan, Sultan Kamaletdinov" (the head of a body of a state is an official of the state),
  "X is the president of Y".
- ``memberOf`` from membership nouns ("X is a member of Y", not "X is not / no longer / may
  become a member of Y"; "some CSTO members, meaning X",
  "member states of Y, including A and B"), joining verbs ("X joined Y"; not when negated,
  conditional or an infinitive: "their bid to join Y"), verbs of composition with an
  organization subject ("Y, which includes A and B", "Y consists of A and B"), and a sentence
  naming the members of
  a set named just before ("all member countries of the organization ... This also applies to
  the republics of A, B and C").
- ``leaderOf`` from verbs of leading ("X, who commands the RSF"; FrameNet's Leadership).
- ``partOf`` from organ names: an organization mention made of another organization's name and
  an organ noun ("the UN Security Council"), or "the Security Council of the UN".
- ``locatedIn`` from events placed by a verb ("the summit, held in Moscow", "the summit was held
  in Moscow", "the summit took place in Moscow") and "<place> in <country>".
- ``leaderOf`` with a place: a governor or mayor (``local_leader`` cues) heads the province or
  city ("Georgia Gov. Brian Kemp", "Mayor Eric Adams of New York"), or an organization.
- ``memberOf`` for a person and an organization: an affiliation noun ("X, the GE attorney",
  "Tokyo University professor X", "a professor of biology at Y": the organization may hang
  under the title's of-phrase), "X of <org>", "<org>'s X" (not where a title already makes
  the person its leader or official), a verb of employment ("X taught at Y", "X works for Y").
- ``locatedIn`` for organizations the KB does not place ("the Boise Interagency Fire Center in
  Idaho", "Pepperell, based in West Point", "New Orleans-based Popeyes", "X, a Hong Kong
  construction firm", "X Co. of New York", "at X headquarters in Rockville"), "X is in Y", and
  "<place>, <province or country>" ("Livingston, Texas"; not a list: "Almaty, Astana and
  Bishkek").
- ``locatedIn`` for an event named with a city or in one ("the G7 Hiroshima summit").
- ``locatedIn`` for a place named with its container: "California's Sierra Nevada",
  "Yerevan, the capital of Armenia", "from Kassala in eastern Sudan".
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graphbuilder.extract.lexicon import ExtractionLexicons, RelationCues, default_lexicons
from graphbuilder.extract.negation import modality_of
from graphbuilder.extract.syntax import (
    antecedent,
    conjuncts,
    entity,
    entity_class,
    evidence_of,
    inclusion_words,
    is_city,
    is_passive,
    np_entities,
    subject,
    title_status,
    uniq,
)
from graphbuilder.names import normalize_name
from graphbuilder.records import Relation

STATE_CLASSES = ("Country", "Organization")
PLACE_CLASSES = ("Location", "Country")
# What a governor or mayor heads: a province or city (a gb:Location), or an organization (a
# central bank's governor); not a country ("Georgia's governor" is the US state's).
LOCAL_CLASSES = ("Location", "Organization")
# The container in "<place>, <container>" ("Ocala, Fla.", "Astana, Kazakhstan").
CONTAINER_SUBCLASSES = ("Region",)

CONF_TITLE = 0.9
CONF_MEMBER = 0.8
CONF_PART = 0.85
CONF_LOCATED = 0.85
CONF_AFFILIATION = 0.75
CONF_ORG_PLACE = 0.75
CONF_APPOSED_PLACE = 0.7


def _name_index(doc: Doc) -> dict[str, list[str]]:
    """Normalised name -> entity keys: canonical labels, and the surface forms of name and
    demonym mentions (not of descriptions such as "the republic", which name nothing alone).
    Without a mention list (hand-built Docs), the entities' aliases."""
    index: dict[str, list[str]] = {}
    mentions = doc._.gb_mentions
    for key, ent in (doc._.gb_entities or {}).items():
        names = {ent.label} if mentions is not None else {ent.label, *ent.aliases}
        for name in names:
            index.setdefault(normalize_name(name), []).append(key)
    for m in mentions or []:
        if m.kind in ("name", "demonym"):
            index.setdefault(normalize_name(m.text), []).append(m.entity)
    return index


def _entity_named(doc: Doc, text: str, classes: tuple[str, ...], index) -> str | None:
    for key in index.get(normalize_name(text), []):
        if entity_class(doc, key) in classes:
            return key
    return None


def _state_of(tok: Token, classes: tuple[str, ...], index) -> str | None:
    """The state/organization a token names, even inside a title mention resolved to a person
    (then by the name of the phrase: "Republic of Kazakhstan", "Kyrgyz Republic", "Russian")."""
    doc = tok.doc
    key = entity(tok)
    if key and entity_class(doc, key) in classes:
        return key
    phrase = doc[tok.left_edge.i : tok.right_edge.i + 1]
    cands = [phrase.text, " ".join(t.text for t in tok.subtree if t.dep_ != "det"), tok.text]
    for c in tok.children:  # "Republic of Kazakhstan" -> "Kazakhstan"
        if c.dep_ == "prep" and c.lower_ == "of":
            cands += [g.text for g in c.children if g.dep_ == "pobj"]
    for cand in cands:
        key = _entity_named(doc, cand, classes, index)
        if key:
            return key
    return None


def _title_words(tok: Token) -> list[str]:
    """The title phrase a token heads, longest first ("defense minister", "minister")."""
    comps = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    out = []
    if comps:
        out.append(" ".join([*(c.lower_ for c in comps), tok.lower_]))
        out.append(" ".join([comps[-1].lower_, tok.lower_]))
    return [*out, tok.lower_, tok.lemma_.lower()]


def _title_kind(tok: Token, cues: RelationCues) -> str | None:
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    for words in _title_words(tok):
        for kind in ("leader", "official", "local_leader", "affiliation"):
            if cues.has(kind, words):
                return kind
    return None


#: relation and the classes its object may have, by title kind
_TITLE_RELATIONS = {
    "leader": ("leaderOf", STATE_CLASSES),
    "official": ("officialOf", STATE_CLASSES),
    "local_leader": ("leaderOf", LOCAL_CLASSES),
    "affiliation": ("memberOf", ("Organization",)),
}


def _person_of_title(tok: Token) -> str | None:
    doc = tok.doc
    cands: list[Token] = [tok]
    cands += [c for c in tok.children if c.dep_ == "appos"]
    if tok.dep_ in ("compound", "appos") and tok.head != tok:
        cands.append(tok.head)
    if tok.dep_ == "attr":
        subj = subject(tok.head)
        if subj is not None:
            cands.append(subj)
    if tok.dep_ == "nsubj" and (named := subject(tok.head)) is not None and named != tok:
        # "The candidate of X, Bola Tinubu has hailed": two subjects are a mis-parsed
        # apposition, and syntax.subject reads the name next to the verb
        cands.append(named)
    for c in cands:
        key = entity(c)
        if key and entity_class(doc, key) == "Person":
            return key
    return None


def _name_mention_tokens(doc: Doc) -> set[int]:
    """Tokens inside a mention of kind ``name`` (a title word there is part of a name:
    "Sultan Kamaletdinov"), except those of a title mention: a name mention spans the prefix
    written before it ("President Emmanuel Macron"), which coreference read as a title."""
    out: set[int] = set()
    titles: set[int] = set()
    for m in doc._.gb_mentions or []:
        if m.kind in ("name", "title"):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                (out if m.kind == "name" else titles).update(t.i for t in span)
    return out - titles


def _nested_org(tok: Token, classes: tuple[str, ...], index, depth: int = 2) -> str | None:
    """The organization of an "at"/"for"/"with" phrase under the object of a title's
    of-phrase, at most ``depth`` phrases down: "a professor of political science at Queens
    College", "vice president of daytime programs for ABC Entertainment"."""
    if depth == 0:
        return None
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ not in ("at", "for", "with", "of"):
            continue
        for g in c.children:
            if g.dep_ != "pobj":
                continue
            if c.lower_ != "of":
                org = _state_of(g, classes, index)
                if org is not None:
                    return org
            org = _nested_org(g, classes, index, depth - 1)
            if org is not None:
                return org
    return None


def _titles(doc: Doc, cues: RelationCues, index) -> list[tuple[str, str, str, Token, float]]:
    out = []
    in_names = _name_mention_tokens(doc)
    for tok in doc:
        kind = _title_kind(tok, cues)
        if kind is None or tok.i in in_names:
            continue
        person = _person_of_title(tok)
        if person is None:
            continue
        status = title_status(doc, tok.i)  # back from the head over the title's words
        if status == "former":
            continue  # "former Russian President Dmitry Medvedev": no office held now
        org = None
        rel, classes = _TITLE_RELATIONS[kind]
        if status == "deputy":
            rel = "officialOf"  # "deputy president of South Africa X"
        for c in tok.children:
            # "secretary of the party", "a spokeswoman for the agency", "a professor at Harvard",
            # "Rabin's spokesman at the Defense Ministry"
            if c.dep_ == "prep" and (
                c.lower_ == "of"
                or (c.lower_ == "for" and kind != "leader")
                or (c.lower_ == "at" and kind in ("affiliation", "official"))
                or (c.lower_ == "with" and kind in ("affiliation", "official"))
            ):
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    if cues.has("body", g.lemma_.lower()) and entity(g) in (None, person):
                        # "head of the military department of the Republic of Kazakhstan"
                        rel = "officialOf" if kind != "affiliation" else rel
                        for p in g.children:
                            if p.dep_ == "prep" and p.lower_ == "of":
                                for gg in p.children:
                                    if gg.dep_ == "pobj":
                                        org = org or _state_of(gg, classes, index)
                        for p in g.children:
                            if p.dep_ == "poss":
                                org = org or _state_of(p, classes, index)
                    else:
                        org = org or _state_of(g, classes, index)
                        if org is None:
                            org = _nested_org(g, classes, index)
        if org is None and tok.dep_ == "compound" and entity(tok.head) == person:
            # "Mayor Eric Adams of New York": the of-phrase hangs on the name
            for c in tok.head.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            org = org or _state_of(g, classes, index)
        if org is None:
            for c in tok.children:
                if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < tok.i:
                    org = _state_of(c, classes, index)
                    if org:
                        break
        if org and org != person:
            out.append((person, rel, org, tok, CONF_TITLE))
    return out


def _members(doc: Doc, lex: ExtractionLexicons) -> list[tuple[str, str, str, Token, float]]:
    cues = lex.relations
    out = []
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN") or not cues.has("member", tok.lemma_.lower()):
            continue
        if entity(tok):
            continue
        # the organization: "member of X", "X member(s)", "X member states"
        phrase_head = tok.head if tok.dep_ == "compound" else tok
        org_keys: list[str] = []
        for h in {tok, phrase_head}:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    org_keys += [k for g in c.children if g.dep_ == "pobj" for k in np_entities(g)]
                if c.dep_ in ("compound", "nmod", "poss") and entity(c):
                    org_keys.append(entity(c))
        orgs = [k for k in uniq(org_keys) if entity_class(doc, k) == "Organization"]
        if not orgs:
            continue
        members: list[str] = []
        if phrase_head.dep_ == "attr":  # "X is a member of Y"
            subj = subject(phrase_head.head)
            if not _asserted(phrase_head.head, lex) or any(
                c.dep_ in ("det", "neg") and c.lower_ == "no" for c in phrase_head.children
            ):
                subj = None  # "X is not (no longer, may become) a member of Y", "X is no member"
            if subj is not None:
                members += np_entities(subj)
        if phrase_head.dep_ == "appos":  # "X, a member of Y"
            members += [entity(x) for x in conjuncts(phrase_head.head) if entity(x)]
        included = np_entities(phrase_head, inclusion_words())
        members += [k for k in included if entity(phrase_head) != k]
        for m in uniq(members):
            if entity_class(doc, m) in (*STATE_CLASSES, "Person"):  # "Bellona members X and Y"
                for o in orgs:
                    if m != o:
                        out.append((m, "memberOf", o, tok, CONF_MEMBER))
    return out


def _asserted(verb: Token, lex: ExtractionLexicons) -> bool:
    """Whether a verb of joining or leading states a fact: not negated, refused, hedged or
    conditional, and no infinitive ("hopes to lead", "their bid to join NATO": not yet)."""
    mod = modality_of(verb, lex.modality)
    if mod.negated or mod.refused or mod.factor < 1.0:
        return False
    return not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _asserted_verbs(doc: Doc, lex: ExtractionLexicons, kind: str):
    """Yield ``(verb, subject)`` for each active verb of the ``kind`` cues of
    ``relation_cues.csv`` that states a fact (:func:`_asserted`) and has a subject."""
    for tok in doc:
        if tok.pos_ != "VERB" or not lex.relations.has(kind, tok.lemma_.lower()):
            continue
        if is_passive(tok) or not _asserted(tok, lex):
            continue
        subj = subject(tok)
        if subj is not None:
            yield tok, subj


def _leads(doc: Doc, lex: ExtractionLexicons) -> list[tuple[str, str, str, Token, float]]:
    """``leaderOf`` from a verb of leading (``lead`` cues: "X, who commands the RSF", "X heads
    the commission") with a person subject and an organization or state object; not when
    negated, hedged or an infinitive ("hopes to lead")."""
    out = []
    for tok, subj in _asserted_verbs(doc, lex, "lead"):
        people = [k for k in np_entities(subj) if entity_class(doc, k) == "Person"]
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        orgs = [k for o in objs for k in np_entities(o) if entity_class(doc, k) in STATE_CLASSES]
        for person in people:
            for org in orgs:
                out.append((person, "leaderOf", org, tok, CONF_TITLE))
    return out


def _compositions(doc: Doc, lex: ExtractionLexicons) -> list[tuple[str, str, str, Token, float]]:
    """``memberOf`` from a verb of composition with an organization subject and states as its
    objects ("the EAEU, which includes Russia and Belarus", "the bloc consists of A and B");
    not when negated or hedged ("no longer includes X"), not in the passive."""
    out = []
    for tok, subj in _asserted_verbs(doc, lex, "composition"):
        orgs = [k for k in np_entities(antecedent(subj)) if entity_class(doc, k) == "Organization"]
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        objs += [  # "consists of A and B"
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        members = [k for o in objs for k in np_entities(o) if entity_class(doc, k) == "Country"]
        for org in orgs:
            for m in uniq(members):
                out.append((m, "memberOf", org, tok, CONF_MEMBER))
    return out


def _joins(doc: Doc, lex: ExtractionLexicons) -> list[tuple[str, str, str, Token, float]]:
    out = []
    for tok in doc:
        if tok.pos_ != "VERB" or not lex.relations.has("join", tok.lemma_.lower()):
            continue
        if not _asserted(tok, lex):
            continue  # "did not join", "their bid to join NATO": not a member
        subj = subject(tok)
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        objs += [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "to"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if subj is None or not objs:
            continue
        orgs = [k for o in objs for k in np_entities(o) if entity_class(doc, k) == "Organization"]
        for m in np_entities(subj):
            if entity_class(doc, m) in STATE_CLASSES:
                for o in orgs:
                    if m != o:
                        out.append((m, "memberOf", o, tok, CONF_MEMBER))
    return out


_EMPLOY_PREPOSITIONS = ("at", "for", "in", "with", "on")


def _works(doc: Doc, lex: ExtractionLexicons) -> list[tuple[str, str, str, Token, float]]:
    """``memberOf`` from a verb of employment (``employ`` cues): "X taught at Harvard
    University and the National War College", "X works for the agency", "X served in
    Congress"; not when negated or conditional ("X never worked for Y")."""
    out = []
    for tok in doc:
        if tok.pos_ != "VERB" or not lex.relations.has("employ", tok.lemma_.lower()):
            continue
        if not _asserted(tok, lex):
            continue
        subj = subject(tok)
        if subj is None:
            continue
        people = [k for k in np_entities(subj) if entity_class(doc, k) == "Person"]
        orgs = [
            k
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in _EMPLOY_PREPOSITIONS
            for g in c.children
            if g.dep_ == "pobj"
            for k in np_entities(g)
            if entity_class(doc, k) == "Organization"
        ]
        for person in people:
            for org in uniq(orgs):
                out.append((person, "memberOf", org, tok, CONF_AFFILIATION))
    return out


def _organs(doc: Doc, cues: RelationCues, index) -> list[tuple[str, str, str, Token, float]]:
    out = []
    for ent in doc.ents:
        key = ent._.gb_entity or entity(ent.root)
        if not key or entity_class(doc, key) != "Organization":
            continue
        words = [t for t in ent if t.dep_ != "det" and not t.is_punct]
        if len(words) < 2 or not cues.has("organ", words[-1].lemma_.lower()):
            continue
        # "the UN Security Council": the longest leading run of words naming another org
        parent = None
        for n in range(len(words) - 1, 0, -1):
            name = " ".join(t.text for t in words[:n])
            cand = _entity_named(doc, name, ("Organization", "Country"), index)
            if cand and cand != key:
                parent = cand
                break
        if parent is None:
            root = ent.root
            for c in root.children:  # "the Security Council of the UN"
                if c.dep_ == "prep" and c.lower_ == "of":
                    for g in c.children:
                        if g.dep_ == "pobj" and entity(g) and entity(g) != key:
                            if entity_class(doc, entity(g)) == "Organization":
                                parent = entity(g)
        if parent and entity_class(doc, parent) == "Organization":
            out.append((key, "partOf", parent, ent.root, CONF_PART))
    return out


def _places(doc: Doc, cues: RelationCues) -> list[tuple[str, str, str, Token, float]]:
    out = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        held = tok.pos_ == "VERB" and cues.has("held", lemma)
        took_place = lemma == "take" and any(
            c.lemma_ == "place" and c.dep_ == "dobj" for c in tok.children
        )
        if held or took_place:
            places = [
                k
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in ("in", "at")
                for g in c.children
                if g.dep_ == "pobj"
                for k in np_entities(g)
                if entity_class(doc, k) in PLACE_CLASSES
            ]
            if not places:
                continue
            things: list[str] = []
            if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "the summit, held in Moscow"
                things += np_entities(tok.head, follow_conj=False)
            elif held and any(c.dep_ == "nsubjpass" for c in tok.children):
                things += [k for c in tok.children if c.dep_ == "nsubjpass" for k in np_entities(c)]
            elif took_place:
                subj = subject(tok)
                things += np_entities(subj) if subj is not None else []
            for t in things:
                if entity_class(doc, t) in ("Event", "Organization"):
                    for p in places[:1]:
                        out.append((t, "locatedIn", p, tok, CONF_LOCATED))
            continue
        # "<place> in <country>": a Location mention with an in-phrase naming a country
        key = entity(tok)
        if key and entity_class(doc, key) == "Location" and (tok.dep_ != "compound"):
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "in":
                    for g in c.children:
                        k2 = None
                        if g.dep_ == "pobj":  # "in Umbria province": the compound names it
                            k2 = entity(g) or next(
                                (entity(x) for x in g.children if x.dep_ == "compound"), None
                            )
                        if k2 and k2 != key and entity_class(doc, k2) in PLACE_CLASSES:
                            out.append((key, "locatedIn", k2, tok, CONF_LOCATED * 0.9))
    return out


def _events_in_cities(doc: Doc) -> list[tuple[str, str, str, Token, float]]:
    """``locatedIn`` for an event named with a city ("the G7 Hiroshima summit") or "in" one
    ("talks in Jeddah" once linked as an event): a summit or talks take place in their city,
    where a state or a sea in an act's name is what it is about. Cities only (KB subclass
    ``City``)."""
    out = []
    for m in doc._.gb_mentions or []:
        if entity_class(doc, m.entity) != "Event" or m.end <= m.start:
            continue
        ent = doc.char_span(m.start, m.end, alignment_mode="expand")
        if ent is None:
            continue
        key, head = m.entity, ent.root
        named = [*ent, *(c for c in head.children if c.dep_ in ("compound", "nmod"))]
        inside = [entity(t) for t in named if entity(t) not in (key, None)]
        for place in [k for k in (*inside, *_place_objects(head)) if is_city(doc, k)][:1]:
            out.append((key, "locatedIn", place, head, CONF_LOCATED * 0.9))
    return out


def _person_orgs(doc: Doc) -> list[tuple[str, str, str, Token, float]]:
    """``memberOf`` from a person named with an organization and no title: "Jeffrey Laitman
    of the Mount Sinai School of Medicine", "Boston University's Michael Papagiannis"."""
    out = []
    for tok in doc:
        person = entity(tok)
        if not person or entity_class(doc, person) != "Person":
            continue
        if tok.head != tok and entity(tok.head) == person:
            continue  # not the head word of the name
        orgs = []
        for c in tok.children:
            if c.dep_ == "poss":
                orgs.append(entity(c))
            elif c.dep_ == "prep" and c.lower_ == "of":
                orgs += [entity(g) for g in c.children if g.dep_ == "pobj"]
        for org in uniq(orgs):
            if org != person and entity_class(doc, org) == "Organization":
                out.append((person, "memberOf", org, tok, CONF_AFFILIATION))
    return out


def _head_of_mention(tok: Token) -> bool:
    """Whether ``tok`` is the head word of its entity mention (its head is outside it)."""
    key = entity(tok)
    return bool(key) and (tok.head == tok or entity(tok.head) != key)


def _place_objects(tok: Token, preps: tuple[str, ...] = ("in", "at")) -> list[str]:
    """Places named by the objects of ``tok``'s prepositions ``preps`` ("in Idaho")."""
    doc = tok.doc
    return [
        k
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj"
        for k in np_entities(g, follow_conj=False)
        if entity_class(doc, k) in PLACE_CLASSES
    ]


def _org_places(doc: Doc, cues: RelationCues) -> list[tuple[str, str, str, Token, float]]:
    """``locatedIn`` for organizations placed by the text: "the Boise Interagency Fire Center
    in Idaho", "the Brazilian Embassy in London", "Pepperell, based in West Point"."""
    out = []
    ents = doc._.gb_entities or {}
    for tok in doc:
        key = entity(tok)
        if (
            key
            and entity_class(doc, key) == "Organization"
            and _head_of_mention(tok)
            and not getattr(ents.get(key), "kb_id", None)
        ):
            # Only for an organization the KB does not know: a KB organization has its seat
            # there, and "talks led by the African Union in South Africa" place the talks.
            for p in _place_objects(tok)[:1]:
                out.append((key, "locatedIn", p, tok, CONF_ORG_PLACE))
        if tok.lemma_ == "be" and not any(c.dep_ == "neg" for c in tok.children):
            # "Rome is in Lazio province", "the centre is in Boise"
            subj = subject(tok)
            for t in np_entities(subj, follow_conj=False) if subj is not None else []:
                if entity_class(doc, t) in ("Location", "Organization", "Event"):
                    for p in _place_objects(tok, ("in",))[:1]:
                        if p != t:
                            out.append((t, "locatedIn", p, tok, CONF_ORG_PLACE))
        if (
            cues.has("based", tok.lower_)
            and tok.i >= 2
            and doc[tok.i - 1].text == "-"
            and entity_class(doc, entity(doc[tok.i - 2])) in PLACE_CLASSES
        ):  # "New Orleans-based Popeyes"
            org = entity(tok.head) if tok.head != tok else None
            if org and entity_class(doc, org) == "Organization":
                out.append((org, "locatedIn", entity(doc[tok.i - 2]), tok, CONF_ORG_PLACE))
            continue
        if tok.pos_ in ("VERB", "ADJ") and cues.has("based", tok.lower_):
            things: list[str] = []
            if tok.dep_ in ("acl", "amod") and tok.head != tok:
                things = np_entities(tok.head, follow_conj=False)
            else:
                things = [k for c in tok.children if c.dep_ == "nsubjpass" for k in np_entities(c)]
            for t in things:
                if entity_class(doc, t) == "Organization":
                    for p in _place_objects(tok)[:1]:
                        out.append((t, "locatedIn", p, tok, CONF_ORG_PLACE))
    return out


_SEAT_NOUNS = ("headquarters", "offices", "office", "seat", "head office")


def _described_org_places(doc: Doc) -> list[tuple[str, str, str, Token, float]]:
    """``locatedIn`` for organizations the KB does not place, from how a news text describes
    them (CoNLL04's OrgBased_In, Roth & Yih 2004):

    - an apposition whose noun a place modifies: "Sun Hung Kai Properties, a Hong Kong
      construction firm";
    - "of" a place after the name: "Manufacturers Hanover Trust Co. of New York";
    - the organization's seat "in"/"at" a place: "at NRC headquarters in Rockville".

    A possessive is not read: "Beijing's Ministry of Foreign Affairs" names the state by its
    capital (metonymy), not where a company sits.

    Returns (organization, "locatedIn", place, evidence token, confidence) tuples.
    """
    out = []
    ents = doc._.gb_entities or {}

    def unplaced_org(tok: Token) -> str | None:
        key = entity(tok)
        if key and entity_class(doc, key) == "Organization" and _head_of_mention(tok):
            if not getattr(ents.get(key), "kb_id", None):
                return key
        return None

    def places(toks) -> list[str]:
        return [
            k
            for t in toks
            if (k := entity(t)) and entity_class(doc, k) in PLACE_CLASSES and _head_of_mention(t)
        ]

    for tok in doc:
        if tok.lower_ in _SEAT_NOUNS and tok.pos_ == "NOUN":
            # "NRC headquarters in Rockville", "the bank's offices in Giessen"
            orgs = [c for c in tok.children if c.dep_ in ("compound", "poss") and c.i < tok.i]
            for org in uniq(k for c in orgs if (k := unplaced_org(c))):
                for p in _place_objects(tok)[:1]:
                    out.append((org, "locatedIn", p, tok, CONF_ORG_PLACE))
        key = unplaced_org(tok)
        if key is None:
            continue
        for c in tok.children:
            if c.dep_ == "appos" and c.pos_ == "NOUN":
                mods = [g for g in c.children if g.dep_ in ("compound", "amod", "nmod")]
                for p in places(mods)[:1]:
                    out.append((key, "locatedIn", p, c, CONF_ORG_PLACE))
            elif c.dep_ == "prep" and c.lower_ == "of":
                for p in places(g for g in c.children if g.dep_ == "pobj")[:1]:
                    out.append((key, "locatedIn", p, c, CONF_ORG_PLACE))
    return out


_COMPASS = frozenset(
    "north south east west northern southern eastern western central northeast northwest "
    "southeast southwest northeastern northwestern southeastern southwestern north-east "
    "north-west south-east south-west north-eastern north-western south-eastern "
    "south-western".split()
)


def _places_in_places(doc: Doc) -> list[tuple[str, str, str, Token, float]]:
    """``locatedIn`` from a place written right before "in [compass adjective] <container>",
    where the parse hangs the "in" on the verb: "from Kassala in eastern Sudan", "Lowman in
    central Idaho". The first is no country; the container is a country or a KB region."""
    out = []
    ents = doc._.gb_entities or {}
    spans = [e for e in doc.ents if (e._.gb_entity or entity(e.root))]
    for a, b in zip(spans, spans[1:], strict=False):
        if a.end >= len(doc) or doc[a.end].lower_ != "in":
            continue
        between = doc[a.end + 1 : b.start]
        if any(t.lower_ not in _COMPASS for t in between):
            continue
        ka, kb_ = a._.gb_entity or entity(a.root), b._.gb_entity or entity(b.root)
        ea, eb = ents.get(ka), ents.get(kb_)
        if ea is None or eb is None or ka == kb_ or ea.cls != "Location":
            continue
        if eb.cls == "Country" or (eb.cls == "Location" and eb.subclass in CONTAINER_SUBCLASSES):
            out.append((ka, "locatedIn", kb_, doc[a.end], CONF_APPOSED_PLACE))
    return out


_CAPITAL_NOUNS = ("capital", "city", "town", "village", "province", "region", "district")


def _possessed_places(doc: Doc) -> list[tuple[str, str, str, Token, float]]:
    """``locatedIn`` from a place named with its container: "California's Sierra Nevada",
    "Beijing's Tiananmen Square" (a possessive), and "Yerevan, the capital of Armenia",
    "Bosnia's capital, Sarajevo" (an apposition of a settlement noun with the container). The
    place is no country; the container is a country or a place."""
    out = []
    for ent in doc.ents:
        key = ent._.gb_entity or entity(ent.root)
        if not key or entity_class(doc, key) != "Location":
            continue
        root = ent.root
        containers = [entity(c) for c in root.children if c.dep_ == "poss"]
        nouns = [c for c in root.children if c.dep_ == "appos" and c.lower_ in _CAPITAL_NOUNS]
        if root.dep_ == "appos" and root.head.lower_ in _CAPITAL_NOUNS:
            nouns.append(root.head)  # "Bosnia's capital, Sarajevo"
        for noun in nouns:
            containers += [entity(c) for c in noun.children if c.dep_ == "poss"]
            containers += [
                entity(g)
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ]
        for other in uniq(k for k in containers if k):
            if other != key and entity_class(doc, other) in PLACE_CLASSES:
                out.append((key, "locatedIn", other, root, CONF_APPOSED_PLACE))
    return out


def _apposed_places(doc: Doc) -> list[tuple[str, str, str, Token, float]]:
    """``locatedIn`` from "<place>, <container>": "Ocala, Fla.", "Astana, Kazakhstan",
    "Pearl Harbor, Hawaii". The container is a country or a province (a KB ``Region``; a
    place the KB does not know counts when the first one is not known either); the first is
    not a country; a list ("Almaty, Astana and Bishkek", "Ohio, Texas and Utah") is none."""
    out = []
    ents = doc._.gb_entities or {}
    spans = [e for e in doc.ents if (e._.gb_entity or entity(e.root))]
    for a, b in zip(spans, spans[1:], strict=False):
        if b.start != a.end + 1 or doc[a.end].text != ",":
            continue
        ka, kb_ = a._.gb_entity or entity(a.root), b._.gb_entity or entity(b.root)
        ea, eb = ents.get(ka), ents.get(kb_)
        if ea is None or eb is None or ka == kb_ or ea.cls != "Location":
            continue
        if eb.cls == "Country":
            pass
        elif eb.cls != "Location" or (
            eb.subclass not in CONTAINER_SUBCLASSES and (eb.kb_id or ea.kb_id)
        ):
            continue
        elif ea.subclass == eb.subclass and ea.kb_id:
            continue  # two provinces: a list
        if b.root.dep_ in ("nsubj", "nsubjpass"):
            continue  # "near Morgan City, Lifa said": the second is a clause's subject
        after = [t for t in doc[b.end : b.end + 3] if not t.is_punct]
        if after and after[0].lower_ in ("and", "or", "&"):
            continue
        if (
            b.end < len(doc)
            and doc[b.end].text == ","
            and any(
                t.lower_ in ("and", "or") and entity(doc[t.i + 1]) if t.i + 1 < len(doc) else False
                for t in doc[b.end + 1 : b.end + 4]
            )
        ):
            continue
        out.append((ka, "locatedIn", kb_, doc[a.end], CONF_APPOSED_PLACE))
        # "Port Arthur and Galveston, Texas": the places joined to the first are in it too
        head = a.root.head if a.root.dep_ == "conj" else None
        while head is not None:
            kh = entity(head)
            if kh and kh != kb_ and entity_class(doc, kh) == "Location":
                out.append((kh, "locatedIn", kb_, doc[a.end], CONF_APPOSED_PLACE))
            head = head.head if head.dep_ == "conj" and head.head != head else None
    return out


def extract_relations(doc: Doc, lexicons: ExtractionLexicons | None = None) -> list[Relation]:
    """Read the relations between entities of a processed Doc.

    Parameters
    ----------
    doc : Doc
        Parsed, with ``doc.ents`` (``span._.gb_entity``), ``doc._.gb_token_entity`` and
        ``doc._.gb_entities`` set.
    lexicons : ExtractionLexicons, optional
        Default ``ontology/lexicon/``.

    Returns
    -------
    list of Relation
        ``origin="text"``, each with the sentence as evidence (char offsets in ``doc.text``)
        and a confidence in [0, 1]; one per (subject, predicate, object, sentence), in text order.

    Examples
    --------
    "The summit, held in Moscow, ended." gives (summit, locatedIn, Moscow).
    """
    lex = lexicons or default_lexicons()
    index = _name_index(doc)
    article = doc._.gb_article
    doc_id = article.doc_id if article is not None else None
    found = [
        *_titles(doc, lex.relations, index),
        *_members(doc, lex),
        *_compositions(doc, lex),
        *_joins(doc, lex),
        *_works(doc, lex),
        *_leads(doc, lex),
        *_organs(doc, lex.relations, index),
        *_places(doc, lex.relations),
        *_person_orgs(doc),
        *_org_places(doc, lex.relations),
        *_described_org_places(doc),
        *_apposed_places(doc),
        *_possessed_places(doc),
        *_places_in_places(doc),
        *_events_in_cities(doc),
    ]
    titled = {(s, o) for s, p, o, _, _ in found if p in ("leaderOf", "officialOf")}
    out: list[Relation] = []
    seen: set[tuple] = set()
    for s, p, o, tok, conf in sorted(found, key=lambda x: x[3].i):
        if s == o or (p == "memberOf" and (s, o) in titled):
            continue  # "the President of the EU Commission, Ursula von der Leyen": the head
        ev = evidence_of(tok.sent)
        key = (s, p, o, ev.char_start)
        if key in seen:
            continue
        seen.add(key)
        out.append(Relation(s, p, o, confidence=conf, evidence=ev, origin="text", doc_id=doc_id))
    return out
