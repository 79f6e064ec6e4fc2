"""``--fold-people``: a person's stances count for the state or organization they lead or serve.

A stance held by (or aimed at) a person is moved onto the state or organization the person led
(``gb:leaderOf``) or served (``gb:officialOf``) **on the date of the stance's document**, so
Tokayev's words of 2022 count for Kazakhstan and Nazarbayev's of 2022 do not (his term ended
in 2019). Where that office comes from, in this order:

1. ``same document``: a ``leaderOf``/``officialOf`` statement read from the text of the
   stance's own document (the article says who the person speaks for);
2. ``knowledge base``: an office term of ``ontology/kb/offices.csv`` (start and end dates) of
   the person's knowledge-base entry (``gb:kbEntry`` or ``owl:sameAs``), in force on the date
   (:meth:`graphbuilder.resolve.kb.OfficeTerm.in_force`);
3. ``text, observed span``: a statement read from other documents, taken to hold from the
   earliest to the latest date of the documents that state it;
4. ``knowledge base, undated``: a ``gb:fromKnowledgeBase`` statement of the graph for which
   the installed knowledge base has no term (the graph was built with another knowledge base):
   taken to hold on every date.

Sources 2 and 4 are knowledge-base facts and are not used with ``--no-kb``. A stance whose
document has no date is folded by source 1 only. Where several offices hold, ``leaderOf``
wins over ``officialOf``, then the lower source number, then a state over an organization,
then the IRI (so the result does not depend on the order of the graph).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from graphbuilder.analyze.records import Actor, GraphRecords, StanceRecord

__all__ = ["Office", "OfficeIndex", "fold_people"]

_SOURCES = ("same document", "knowledge base", "text, observed span", "knowledge base, undated")
_RELATION_RANK = {"leaderOf": 0, "officialOf": 1}
_CLASS_RANK = {"Country": 0, "Organization": 1}


@dataclass(frozen=True, slots=True)
class Office:
    """A person's office as the folding sees it: ``person`` -> ``org`` over [start, end).

    ``start``/``end`` are ISO dates (None: open); ``document`` is set for a statement that
    holds in that document only (source 1); ``source`` is an index into the sources above.
    """

    person: str
    org: str
    relation: str
    source: int
    start: str | None = None
    end: str | None = None
    document: str | None = None
    end_inclusive: bool = False

    def holds(self, document: str | None, day: str | None) -> bool:
        """True when the office applies to a stance of ``document`` dated ``day``."""
        if self.document is not None:
            return document == self.document
        if day is None:
            return False
        if self.start is not None and day < self.start:
            return False
        if self.end is None:
            return True
        return day <= self.end if self.end_inclusive else day < self.end


def _pad(date: str, end: bool) -> str:
    """A KB date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) as a full ISO date."""
    if len(date) == 4:
        return f"{date}-12-31" if end else f"{date}-01-01"
    if len(date) == 7:
        return f"{date}-31" if end else f"{date}-01"
    return date


class OfficeIndex:
    """The offices of every person of a graph, from the graph and the knowledge base.

    Parameters
    ----------
    records : GraphRecords
        The graph's actors and ``leaderOf``/``officialOf`` statements.
    use_kb : bool
        Use knowledge-base facts (sources 2 and 4); False for ``--no-kb``.
    kb : graphbuilder.resolve.kb.KnowledgeBase, optional
        The knowledge base (default: the installed ``ontology/kb``, loaded when needed).

    Raises
    ------
    KnowledgeBaseError
        The knowledge base is malformed.
    """

    def __init__(self, records: GraphRecords, *, use_kb: bool = True, kb=None) -> None:
        self.actors = records.actors
        self.extra_actors: dict[str, Actor] = {}
        self.by_person: dict[str, list[Office]] = defaultdict(list)
        self._from_text(records)
        if use_kb:
            self._from_kb(records, kb)
        for offices in self.by_person.values():
            offices.sort(key=self._rank)

    def _rank(self, office: Office) -> tuple:
        cls = self.actor(office.org).cls
        return (
            _RELATION_RANK.get(office.relation, 9),
            office.source,
            _CLASS_RANK.get(cls, 9),
            office.org,
        )

    def actor(self, iri: str) -> Actor:
        """The actor of ``iri``: from the graph, or a state the knowledge base names."""
        return self.actors.get(iri) or self.extra_actors.get(iri) or Actor(iri, iri, "Entity")

    def _from_text(self, records: GraphRecords) -> None:
        spans: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for rec in records.offices:
            if rec.from_kb:
                continue
            self.by_person[rec.person].append(
                Office(rec.person, rec.org, rec.relation, 0, document=rec.document)
            )
            if rec.date:
                spans[(rec.person, rec.org, rec.relation)].append(rec.date)
        for (person, org, relation), days in spans.items():
            self.by_person[person].append(
                Office(person, org, relation, 2, min(days), max(days), end_inclusive=True)
            )

    def _from_kb(self, records: GraphRecords, kb) -> None:
        people = [a for a in records.actors.values() if a.cls == "Person"]
        kb_people = [a for a in people if a.kb_entry or a.qid]
        graph_kb = [o for o in records.offices if o.from_kb]
        if not kb_people and not graph_kb:
            return
        if kb is None:
            from graphbuilder.resolve.kb import load_kb

            kb = load_kb()
        from graphbuilder.rdf.iris import entity_iri, kb_entry_iri

        by_entry = {str(kb_entry_iri(i)): i for i in kb.entries}
        node_of_entry: dict[str, str] = {}
        for actor in records.actors.values():
            if actor.kb_entry in by_entry:
                node_of_entry.setdefault(by_entry[actor.kb_entry], actor.iri)
        covered: set[tuple[str, str, str]] = set()
        for person in kb_people:
            kb_id = by_entry.get(person.kb_entry or "")
            if kb_id is None and person.qid:
                entry = kb.by_qid(person.qid)
                kb_id = entry.id if entry else None
            if kb_id is None:
                continue
            for term in kb.terms_of(kb_id):
                org_entry = kb.entries.get(term.org)
                if org_entry is None:
                    continue
                org = node_of_entry.get(term.org) or str(entity_iri(term.org, org_entry.qid))
                if org not in self.actors:
                    self.extra_actors[org] = Actor(
                        org,
                        org_entry.label,
                        org_entry.cls,
                        str(kb_entry_iri(term.org)),
                        org_entry.qid,
                    )
                start = _pad(term.start, end=False) if term.start else None
                end = _pad(term.end, end=True) if term.end else None
                # OfficeTerm.in_force: start <= day < end, a partial end date taken as its
                # last day (so the end is inclusive exactly when it was partial)
                inclusive = bool(term.end) and len(term.end) < 10
                self.by_person[person.iri].append(
                    Office(person.iri, org, term.relation, 1, start, end, end_inclusive=inclusive)
                )
                covered.add((person.iri, org, term.relation))
        for rec in graph_kb:
            key = (rec.person, rec.org, rec.relation)
            if key not in covered:
                covered.add(key)
                self.by_person[rec.person].append(Office(rec.person, rec.org, rec.relation, 3))

    def office_of(self, person: str, document: str | None, day: str | None) -> Office | None:
        """The office ``person`` held for a stance of ``document`` on ``day``, or None."""
        for office in self.by_person.get(person, ()):
            if office.source == 3 or office.holds(document, day):
                return office
        return None


def fold_people(
    records: GraphRecords, *, use_kb: bool = True, kb=None
) -> tuple[list[StanceRecord], dict[str, Actor], dict[str, int]]:
    """Move the stances of people (held and received) onto the state or organization they
    led or served on the document's date (see the module docstring for the sources).

    Parameters
    ----------
    records : GraphRecords
    use_kb : bool
        Use knowledge-base office terms and facts (False for ``--no-kb``).
    kb : graphbuilder.resolve.kb.KnowledgeBase, optional
        Default: the installed knowledge base.

    Returns
    -------
    stances : list of StanceRecord
        The stances, ``holder``/``target`` replaced where folded (``original_holder`` and
        ``original_target`` keep the graph's).
    actors : dict of str to Actor
        The graph's actors plus any state or organization the knowledge base adds.
    counts : dict of str to int
        Stance ends folded per source (``"same document"``, ``"knowledge base"`` ...).

    Raises
    ------
    KnowledgeBaseError
        The knowledge base is malformed.

    Examples
    --------
    >>> from graphbuilder.analyze.records import GraphRecords
    >>> fold_people(GraphRecords(), use_kb=False)
    ([], {}, {})
    """
    index = OfficeIndex(records, use_kb=use_kb, kb=kb)
    counts: dict[str, int] = defaultdict(int)
    cache: dict[tuple[str, str | None, str | None], tuple[str, int] | None] = {}

    def fold(iri: str, stance: StanceRecord) -> str:
        if index.actor(iri).cls != "Person":
            return iri
        key = (iri, stance.document, stance.date)
        if key not in cache:
            office = index.office_of(iri, stance.document, stance.date)
            cache[key] = (office.org, office.source) if office else None
        hit = cache[key]
        if hit is None:
            return iri
        counts[_SOURCES[hit[1]]] += 1
        return hit[0]

    out = []
    for stance in records.stances:
        holder, target = fold(stance.holder, stance), fold(stance.target, stance)
        out.append(
            stance
            if (holder, target) == (stance.holder, stance.target)
            else replace(stance, holder=holder, target=target)
        )
    actors = dict(records.actors)
    actors.update(index.extra_actors)
    return out, actors, dict(counts)
