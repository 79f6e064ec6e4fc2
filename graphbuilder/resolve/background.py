"""Background facts from the knowledge base for the entities a document mentions.

For every pair of entities mentioned in one document, the KB's own facts between them become
relations marked ``origin="kb"`` with the KB entry they come from (no sentence): office holders
on the article's date (``leaderOf``/``officialOf``), memberships (``memberOf``), organs
(``partOf``) and locations (``locatedIn``). Users keep or drop them with one SPARQL filter.

Memberships of near-universal organizations (more members than
:data:`UNIVERSAL_MEMBERSHIP`, e.g. the UN's 193) are left out: that a state belongs to the UN
tells a reader nothing, and listing it for every state would drown the graph. Locations are
given for places and events only: an organization's seat (the Taliban "in" Afghanistan, NATO
in Brussels) is not what a reader of ``locatedIn`` expects.
"""

from __future__ import annotations

from datetime import date as _date

from graphbuilder.records import Entity, Relation
from graphbuilder.resolve.kb import KnowledgeBase

UNIVERSAL_MEMBERSHIP = 100


def _members_count(kb: KnowledgeBase) -> dict[str, int]:
    cached = getattr(kb, "_gb_member_counts", None)
    if cached is not None:
        return cached
    counts: dict[str, int] = {}
    for entry in kb.entries.values():
        for org in entry.member_of:
            counts[org] = counts.get(org, 0) + 1
    try:
        object.__setattr__(kb, "_gb_member_counts", counts)
    except (AttributeError, TypeError):
        pass
    return counts


def background_relations(
    entities: dict[str, Entity], kb: KnowledgeBase, on_date: str | None
) -> list[Relation]:
    """Return the KB's facts between the entities of one document.

    Parameters
    ----------
    entities : dict[str, Entity]
        The document's entities by key; only KB-linked ones (``kb_id`` set) take part.
    kb : KnowledgeBase
    on_date : str or None
        The article's ISO date; office terms must cover it (today when None).

    Returns
    -------
    list of Relation
        ``origin="kb"``, ``kb_entry`` the id of the entry stating the fact, confidence 1.0,
        sorted for deterministic output.
    """
    when = (on_date or _date.today().isoformat())[:10]
    linked = {e.kb_id: key for key, e in entities.items() if e.kb_id}
    counts = _members_count(kb)
    out: set[Relation] = set()
    for kb_id, key in linked.items():
        entry = kb.entries.get(kb_id)
        if entry is None:
            continue
        for org in entry.member_of:
            if org in linked and counts.get(org, 0) <= UNIVERSAL_MEMBERSHIP:
                out.add(Relation(key, "memberOf", linked[org], 1.0, None, "kb", kb_id))
        for whole in entry.part_of:
            if whole in linked:
                out.add(Relation(key, "partOf", linked[whole], 1.0, None, "kb", kb_id))
        for place in entry.located_in if entry.cls in ("Location", "Event") else ():
            if place in linked:
                out.add(Relation(key, "locatedIn", linked[place], 1.0, None, "kb", kb_id))
        if entry.cls == "Person":
            for term in kb.terms_of(kb_id):
                start = (term.start or "")[:10]
                end = (term.end or "9999")[:10]
                if term.org in linked and start <= when <= end:
                    out.add(Relation(key, term.relation, linked[term.org], 1.0, None, "kb", kb_id))
    return sorted(out, key=lambda r: (r.subject, r.predicate, r.object))
