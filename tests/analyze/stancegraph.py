"""Hand-made stance graphs for the analyze tests, written through the real RDF mapping.

:func:`write_graph` maps :class:`~graphbuilder.records.DocumentRecords` with
:func:`graphbuilder.rdf.mapping.records_to_dataset` (the builder's own mapping) and writes
Turtle, so the tests read exactly the shape ``graphbuilder build`` writes. :func:`doc` makes one
document from (holder, target, stance type, sentence) tuples: the text is the sentences, and
each stance's evidence is its sentence with its real offsets.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from graphbuilder.records import (
    POSITIVE_STANCE_TYPES,
    Article,
    DocumentRecords,
    Entity,
    Evidence,
    Relation,
    Stance,
)

__all__ = ["entity", "doc", "write_graph", "said", "related", "read_csv", "blocs_documents"]


def entity(key: str, label: str, cls: str = "Country", qid: str | None = None,
           kb_id: str | None = None) -> Entity:  # fmt: skip
    """An entity record (``kb_id`` links it to the knowledge base)."""
    return Entity(key, cls, label, set(), qid, kb_id)


def said(holder: str, target: str, stance_type: str, sentence: str, *,
         attribution: str = "ReportedSpeech", confidence: float = 0.9) -> tuple:  # fmt: skip
    """A stance of :func:`doc`: holder and target are entity keys."""
    return ("stance", holder, target, stance_type, sentence, attribution, confidence)


def related(subject: str, predicate: str, obj: str, sentence: str) -> tuple:
    """A relation read from text, for :func:`doc`."""
    return ("relation", subject, predicate, obj, sentence)


def doc(
    name: str,
    date: str | None,
    items: Sequence[tuple],
    entities: dict[str, Entity],
    *,
    author: str | None = None,
    title: str | None = None,
) -> DocumentRecords:
    """One document whose text is the sentences of ``items`` (see :func:`said`,
    :func:`related`), dated ``date``, by ``author`` (an entity key)."""
    text, spans = "", []
    for item in items:
        sentence = item[4]
        if text:
            text += " "
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence
    sha = hashlib.sha256(f"{name}\n{date}\n{text}".encode()).hexdigest()
    art = Article(
        source=f"/corpus/{name}.txt", text=text, sha256=sha, title=title or name, date=date
    )
    rec = DocumentRecords(article=art, author=author)
    used: set[str] = {author} if author else set()
    for item, (start, end) in zip(items, spans, strict=True):
        ev = Evidence(item[4], start, end)
        if item[0] == "stance":
            _, holder, target, stype, _, attribution, confidence = item
            polarity = "Positive" if stype in POSITIVE_STANCE_TYPES else "Negative"
            rec.stances.append(
                Stance(holder, target, polarity, stype, attribution, ev, confidence, "cue")
            )
            used |= {holder, target}
        else:
            _, subject, predicate, obj, _ = item
            rec.relations.append(Relation(subject, predicate, obj, 0.9, ev))
            used |= {subject, obj}
    rec.entities = {k: entities[k] for k in used}
    return rec


def write_graph(path: Path, docs: Iterable[DocumentRecords], entities: dict[str, Entity]) -> Path:
    """Map ``docs`` to RDF with the builder's mapping and write them to ``path`` (by
    extension: ``.ttl`` the union, ``.trig`` one graph per document)."""
    from graphbuilder.rdf.io import write_graph as write
    from graphbuilder.rdf.mapping import records_to_dataset

    ds = records_to_dataset(list(docs), entities)
    return write(ds, path)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


#: Two blocs of three: A, B, C and D, E, F.
BLOC_ACTORS = {k: entity(f"Country:{k}", f"State {k}") for k in "ABCDEF"}
BLOC_ONE, BLOC_TWO = ("A", "B", "C"), ("D", "E", "F")


def blocs_documents():
    """Positive inside each bloc, negative across, and one mixed edge: A and D criticise each
    other once (0.5) but support each other twice (0.9 each), so their edge is positive
    across the divide, net +1.3: the one frustrated edge."""
    ents = {e.key: e for e in BLOC_ACTORS.values()}
    key = {k: e.key for k, e in BLOC_ACTORS.items()}
    docs = []
    n = 0
    for bloc in (BLOC_ONE, BLOC_TWO):
        for i, a in enumerate(bloc):
            for b in bloc[i + 1 :]:
                n += 1
                docs.append(
                    doc(
                        f"inside-{a}{b}",
                        "2023-03-01",
                        [said(key[a], key[b], "Support", f"State {a} backed State {b} ({n}).")],
                        ents,
                    )  # fmt: skip
                )
    for a in BLOC_ONE:
        for b in BLOC_TWO:
            if (a, b) == ("A", "D"):
                continue
            docs.append(
                doc(
                    f"across-{a}{b}",
                    "2023-04-01",
                    [said(key[a], key[b], "Criticism", f"State {a} attacked State {b}.")],
                    ents,
                )  # fmt: skip
            )
    docs.append(
        doc(
            "mixed-AD",
            "2023-05-01",
            [
                said(
                    key["A"], key["D"], "Criticism", "State A criticised State D.", confidence=0.5
                ),
                said(
                    key["A"], key["D"], "Support", "State A later backed State D.", confidence=0.9
                ),
                said(key["D"], key["A"], "Praise", "State D praised State A.", confidence=0.9),
            ],
            ents,
        )  # fmt: skip
    )
    return docs, ents
