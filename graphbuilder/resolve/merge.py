"""Resolution across documents: one entity per real thing over the whole corpus.

Linked entities share their KB id across documents already. Names the KB lacks are merged
when they are the same class and the same normalised name, or when a one-word person name is
the surname of exactly one longer person name of the corpus ("Kurmanov" -> "Ainur Kurmanov").
Every surface form seen ends up in the merged entity's aliases.
"""

from __future__ import annotations

from dataclasses import replace

from graphbuilder.records import DocumentRecords, Entity


def _canonical_keys(entities: list[Entity]) -> dict[str, str]:
    """Map each unlinked key to the key it merges into (itself when none)."""
    people = [e for e in entities if e.cls == "Person" and e.kb_id is None]
    full_by_surname: dict[str, set[str]] = {}
    for person in people:
        words = person.label.split()
        if len(words) > 1:
            full_by_surname.setdefault(words[-1].casefold(), set()).add(person.key)
    mapping: dict[str, str] = {}
    for person in people:
        words = person.label.split()
        if len(words) == 1:
            targets = full_by_surname.get(words[0].casefold(), set())
            if len(targets) == 1:
                mapping[person.key] = next(iter(targets))
    return mapping


def merge_documents(docs: list[DocumentRecords]) -> tuple[dict[str, Entity], list[DocumentRecords]]:
    """Merge the entities of many documents into one entity per real thing.

    Parameters
    ----------
    docs : list of DocumentRecords
        Per-document records as the pipeline made them.

    Returns
    -------
    entities : dict[str, Entity]
        The merged entities by key: aliases, documents and mention counts summed.
    docs : list of DocumentRecords
        The same documents with mentions, relations, stances and author rewritten to the merged
        keys.
    """
    merged: dict[str, Entity] = {}
    for record in docs:
        for key, entity in record.entities.items():
            if key not in merged:
                merged[key] = Entity(
                    key=entity.key,
                    cls=entity.cls,
                    label=entity.label,
                    aliases=set(entity.aliases),
                    qid=entity.qid,
                    kb_id=entity.kb_id,
                    subclass=entity.subclass,
                    documents=set(entity.documents),
                    mentions=entity.mentions,
                )
            else:
                target = merged[key]
                if entity.kb_id is None and len(entity.label) > len(target.label):
                    target.aliases.add(target.label)
                    target.label = entity.label
                else:
                    target.aliases.add(entity.label)
                target.aliases |= entity.aliases
                target.documents |= entity.documents
                target.mentions += entity.mentions
    mapping = _canonical_keys(sorted(merged.values(), key=lambda e: e.key))
    for old, new in mapping.items():
        source = merged.pop(old)
        target = merged[new]
        target.aliases |= source.aliases | {source.label}
        target.documents |= source.documents
        target.mentions += source.mentions
    for entity in merged.values():
        entity.aliases.discard(entity.label)

    def key(k: str | None) -> str | None:
        return mapping.get(k, k) if k is not None else None

    rewritten = []
    for record in docs:
        rewritten.append(
            DocumentRecords(
                article=record.article,
                entities={key(k): merged[key(k)] for k in record.entities},
                mentions=[replace(m, entity=key(m.entity)) for m in record.mentions],
                relations=[
                    replace(r, subject=key(r.subject), object=key(r.object))
                    for r in record.relations
                    if key(r.subject) != key(r.object)
                ],
                stances=[
                    replace(s, holder=key(s.holder), target=key(s.target))
                    for s in record.stances
                    if key(s.holder) != key(s.target)
                ],
                author=key(record.author),
            )
        )
    return merged, rewritten
