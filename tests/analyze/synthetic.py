"""A synthetic stance graph of the builder's shape, for the scale check of ``analyze``.

``python -m tests.analyze.synthetic 10000 /tmp/stances.nt`` writes the stances of 10,000
documents: ``actors`` states, organizations and people in ``blocs`` planted blocs (stances
inside a bloc positive, across negative, each flipped with probability ``noise``), every
document dated between 2015 and 2024 with ``per_document`` stances, each stance with type,
attribution, confidence, evidence sentence and offsets, and one text ``leaderOf`` statement
per person (so ``--fold-people`` has work to do). N-Triples are written directly (the
builder's mapping through rdflib would take minutes at this size), with the IRIs and terms of
the vocabulary.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from graphbuilder.rdf.namespaces import GB_IRI, GBR_IRI, SCHEMA_IRI

__all__ = ["synthetic_stance_graph"]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_PROV = "http://www.w3.org/ns/prov#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_POSITIVE = ("Support", "Proposal", "Cooperation", "Praise")
_NEGATIVE = ("Opposition", "Criticism", "Condemnation", "Refusal", "Concern")


def _iri(text: str) -> str:
    return f"<{text}>"


def _lit(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{body}"@{lang}'
    return f'"{body}"^^<{datatype}>' if datatype else f'"{body}"'


def synthetic_stance_graph(
    path: str | Path,
    documents: int = 10_000,
    *,
    actors: int = 300,
    blocs: int = 4,
    per_document: int = 5,
    noise: float = 0.1,
    seed: int = 0,
) -> dict[str, int]:
    """Write a synthetic stance graph as N-Triples.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.nt`` file to write.
    documents : int
        Number of ``gb:Document``.
    actors : int
        Number of actors (a fifth people, the rest states and organizations).
    blocs : int
        Planted blocs.
    per_document : int
        Stances per document.
    noise : float
        Probability that a stance has the sign its blocs do not predict.
    seed : int

    Returns
    -------
    dict
        Counts: documents, actors, stances, triples.
    """
    rng = random.Random(seed)
    lines: list[str] = []
    add = lines.append
    a_type, label = _iri(_RDF + "type"), _iri(_RDFS + "label")
    gb = {k: _iri(GB_IRI + k) for k in (
        "Stance", "Document", "Person", "Country", "Organization", "holder", "target",
        "polarity", "stanceType", "attribution", "confidence", "evidence", "charStart",
        "charEnd", "Positive", "Negative", "ReportedSpeech", "DirectQuote", "leaderOf",
        "mentionedIn", *_POSITIVE, *_NEGATIVE,
    )}  # fmt: skip
    derived, date_p, name_p = (
        _iri(_PROV + "wasDerivedFrom"),
        _iri(SCHEMA_IRI + "datePublished"),
        _iri(SCHEMA_IRI + "name"),
    )
    nodes, bloc_of, cls_of = [], [], []
    for i in range(actors):
        cls = "Person" if i % 5 == 4 else ("Country" if i % 5 < 3 else "Organization")
        node = _iri(f"{GBR_IRI}synthetic-{cls.lower()}-{i}")
        nodes.append(node)
        bloc_of.append(i % blocs)
        cls_of.append(cls)
        add(f"{node} {a_type} {gb[cls]} .")
        add(f"{node} {label} {_lit(f'{cls} {i}', lang='en')} .")
    states = [i for i in range(actors) if cls_of[i] == "Country"]
    stances = 0
    for d in range(documents):
        doc = _iri(f"{GBR_IRI}document/synthetic{d:06d}")
        day = f"{2015 + d % 10}-{1 + d % 12:02d}-{1 + d % 28:02d}"
        add(f"{doc} {a_type} {gb['Document']} .")
        add(f"{doc} {name_p} {_lit(f'Synthetic article {d}')} .")
        add(f"{doc} {date_p} {_lit(day, _XSD + 'date')} .")
        offset = 0
        for k in range(per_document):
            h = rng.randrange(actors)
            t = rng.randrange(actors - 1)
            t += t >= h
            positive = (bloc_of[h] == bloc_of[t]) != (rng.random() < noise)
            stype = rng.choice(_POSITIVE if positive else _NEGATIVE)
            sentence = f"Actor {h} made a {stype.lower()} statement about actor {t} ({d}.{k})."
            st = _iri(f"{GBR_IRI}stance/synthetic{d:06d}{k}")
            add(f"{st} {a_type} {gb['Stance']} .")
            add(f"{st} {gb['holder']} {nodes[h]} .")
            add(f"{st} {gb['target']} {nodes[t]} .")
            add(f"{st} {gb['polarity']} {gb['Positive' if positive else 'Negative']} .")
            add(f"{st} {gb['stanceType']} {gb[stype]} .")
            add(f"{st} {gb['attribution']} {gb['ReportedSpeech' if k % 2 else 'DirectQuote']} .")
            conf = f"{0.5 + rng.random() * 0.45:.3f}"
            add(f"{st} {gb['confidence']} {_lit(conf, _XSD + 'decimal')} .")
            add(f"{st} {derived} {doc} .")
            add(f"{st} {gb['evidence']} {_lit(sentence)} .")
            add(f"{st} {gb['charStart']} {_lit(str(offset), _XSD + 'integer')} .")
            offset += len(sentence) + 1
            add(f"{st} {gb['charEnd']} {_lit(str(offset - 1), _XSD + 'integer')} .")
            for node in (nodes[h], nodes[t]):
                add(f"{node} {gb['mentionedIn']} {doc} .")
            stances += 1
        if d < actors and cls_of[d] == "Person":
            state = states[d % len(states)]
            st = _iri(f"{GBR_IRI}statement/synthetic{d:06d}")
            add(f"{nodes[d]} {gb['leaderOf']} {nodes[state]} .")
            add(f"{st} {a_type} {_iri(_RDF + 'Statement')} .")
            add(f"{st} {_iri(_RDF + 'subject')} {nodes[d]} .")
            add(f"{st} {_iri(_RDF + 'predicate')} {gb['leaderOf']} .")
            add(f"{st} {_iri(_RDF + 'object')} {nodes[state]} .")
            add(f"{st} {derived} {doc} .")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"documents": documents, "actors": actors, "stances": stances, "triples": len(lines)}


if __name__ == "__main__":  # pragma: no cover - a command for the scale measurement
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    target = sys.argv[2] if len(sys.argv) > 2 else "synthetic-stances.nt"
    print(synthetic_stance_graph(target, count))
