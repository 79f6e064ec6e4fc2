"""Background facts from the knowledge base for the entities a document mentions.

For every pair of entities the document mentions side by side, in one sentence, the KB's own
facts between them become relations marked ``origin="kb"`` with the KB entry they come from
(no sentence): office holders on the article's date (``leaderOf``/``officialOf``),
memberships on that date (``memberOf``), organs (``partOf``) and locations (``locatedIn``).
Users keep or drop them with one SPARQL filter.

Only pairs that share a sentence are given facts: an article that names Turkey in one place
and NATO in another is not about Turkey's membership, and listing every true fact between
every two entities of a long article would bury the ones it is about (sentence co-occurrence
as the relevance test of relation extraction, e.g. Mintz et al. 2009, distant supervision).

Memberships of near-universal organizations (more members than
:data:`UNIVERSAL_MEMBERSHIP`, e.g. the UN's 193) are left out: that a state belongs to the UN
tells a reader nothing, and listing it for every state would drown the graph. Locations are
given for places and events only: an organization's seat (the Taliban "in" Afghanistan, NATO
in Brussels) is not what a reader of ``locatedIn`` expects.
"""

from __future__ import annotations

from datetime import date as _date

from graphbuilder.records import Entity, Mention, Relation
from graphbuilder.resolve.kb import KnowledgeBase

UNIVERSAL_MEMBERSHIP = 100


def cooccurring_pairs(mentions: list[Mention]) -> set[frozenset[str]]:
    """Pairs of entity keys mentioned in the same sentence (mentions of the text body only:
    the byline and dateline are in no sentence)."""
    by_sentence: dict[int, set[str]] = {}
    for m in mentions:
        if m.kind in ("author", "dateline"):
            continue
        by_sentence.setdefault(m.sentence, set()).add(m.entity)
    pairs: set[frozenset[str]] = set()
    for keys in by_sentence.values():
        ordered = sorted(keys)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                pairs.add(frozenset((a, b)))
    return pairs


def background_relations(
    entities: dict[str, Entity],
    kb: KnowledgeBase,
    on_date: str | None,
    mentions: list[Mention] | None = None,
) -> list[Relation]:
    """Return the KB's facts between the entities of one document.

    Parameters
    ----------
    entities : dict[str, Entity]
        The document's entities by key; only KB-linked ones (``kb_id`` set) take part.
    kb : KnowledgeBase
    on_date : str or None
        The article's ISO date; office terms must cover it (today when None).
    mentions : list of Mention, optional
        The document's mentions; when given, only pairs mentioned in one sentence get facts
        (see the module docstring). None: every pair (for callers without mentions).

    Returns
    -------
    list of Relation
        ``origin="kb"``, ``kb_entry`` the id of the entry stating the fact, confidence 1.0,
        sorted for deterministic output.
    """
    when = (on_date or _date.today().isoformat())[:10]
    linked = {e.kb_id: key for key, e in entities.items() if e.kb_id}
    pairs = cooccurring_pairs(mentions) if mentions is not None else None

    def related(a: str, b: str) -> bool:
        return pairs is None or frozenset((a, b)) in pairs

    out: set[Relation] = set()
    for kb_id, key in linked.items():
        entry = kb.entries.get(kb_id)
        if entry is None:
            continue
        for org in kb.memberships_on(kb_id, when):
            if (
                org in linked
                and kb.member_count(org) <= UNIVERSAL_MEMBERSHIP
                and related(key, linked[org])
            ):
                out.add(Relation(key, "memberOf", linked[org], 1.0, None, "kb", kb_id))
        for whole in entry.part_of:
            if whole in linked and related(key, linked[whole]):
                out.add(Relation(key, "partOf", linked[whole], 1.0, None, "kb", kb_id))
        for place in entry.located_in if entry.cls in ("Location", "Event") else ():
            if place in linked and related(key, linked[place]):
                out.add(Relation(key, "locatedIn", linked[place], 1.0, None, "kb", kb_id))
        if entry.cls == "Person":
            for term in kb.terms_of(kb_id):
                if term.org in linked and term.in_force(when) and related(key, linked[term.org]):
                    out.add(Relation(key, term.relation, linked[term.org], 1.0, None, "kb", kb_id))
    return sorted(out, key=lambda r: (r.subject, r.predicate, r.object))
