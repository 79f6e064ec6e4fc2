"""Read the stances, their documents, actors and office relations of a graph into records.

The graph is parsed by Oxigraph (a graph file into an in-memory store, or an on-disk store
given as ``oxigraph:PATH``) and read with four SPARQL queries, one per kind of record: rdflib's
own SPARQL evaluator is orders of magnitude slower on graphs of this shape
(``shared/spec/performance-notes.md``), and 10,000 documents' stances must load in seconds.

What is read (the terms of ``shared/spec/vocabulary.md``):

* every ``gb:Stance`` with ``gb:holder``, ``gb:target`` and ``gb:polarity``, and where given
  ``gb:stanceType``, ``gb:attribution``, ``gb:confidence``, ``prov:wasDerivedFrom``,
  ``gb:evidence``, ``gb:charStart`` and ``gb:fromKnowledgeBase``; a stance with two values of
  one of these (a graph merged from two builds) is read once, with the smallest value;
* every ``gb:Document`` with ``schema:name``, ``schema:datePublished``, ``schema:author``,
  ``schema:url`` and ``gb:sourcePath``;
* every entity of the five classes: ``rdfs:label``, ``gb:kbEntry``, ``owl:sameAs wd:Q...``;
* every reified ``gb:leaderOf`` / ``gb:officialOf`` statement (``rdf:Statement``) with its
  source document or ``gb:fromKnowledgeBase``, for ``--fold-people``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from graphbuilder.analyze.records import Actor, Document, GraphRecords, OfficeRecord, StanceRecord
from graphbuilder.errors import GraphFileError
from graphbuilder.rdf.namespaces import GB_IRI, WD_IRI

__all__ = ["open_graph", "read_records", "load_records", "ENTITY_CLASSES"]

#: The five entity classes of the vocabulary, in the order a main class is chosen.
ENTITY_CLASSES = ("Person", "Country", "Organization", "Location", "Event")

_STANCES = """
SELECT ?s ?holder ?target ?polarity
       (MIN(?type_) AS ?type) (MIN(?attribution_) AS ?attribution)
       (MIN(?confidence_) AS ?confidence) (MIN(STR(?doc_)) AS ?doc)
       (MIN(?evidence_) AS ?evidence) (MIN(?start_) AS ?start) (MAX(?kb_) AS ?kb)
WHERE {
  ?s a gb:Stance ; gb:holder ?holder ; gb:target ?target ; gb:polarity ?polarity .
  OPTIONAL { ?s gb:stanceType ?type_ }
  OPTIONAL { ?s gb:attribution ?attribution_ }
  OPTIONAL { ?s gb:confidence ?confidence_ }
  OPTIONAL { ?s prov:wasDerivedFrom ?doc_ }
  OPTIONAL { ?s gb:evidence ?evidence_ }
  OPTIONAL { ?s gb:charStart ?start_ }
  OPTIONAL { ?s gb:fromKnowledgeBase ?kb_ }
}
GROUP BY ?s ?holder ?target ?polarity
"""

_DOCUMENTS = """
SELECT ?doc (MIN(?name_) AS ?name) (MIN(STR(?date_)) AS ?date) (MIN(STR(?author_)) AS ?author)
       (MIN(STR(?url_)) AS ?url) (MIN(?path_) AS ?path)
WHERE {
  ?doc a gb:Document .
  OPTIONAL { ?doc schema:name ?name_ }
  OPTIONAL { ?doc schema:datePublished ?date_ }
  OPTIONAL { ?doc schema:author ?author_ }
  OPTIONAL { ?doc schema:url ?url_ }
  OPTIONAL { ?doc gb:sourcePath ?path_ }
}
GROUP BY ?doc
"""

_ENTITIES = """
SELECT ?e ?cls (MIN(?label_) AS ?label) (MIN(STR(?kb_)) AS ?kb) (MIN(STR(?same_)) AS ?same)
WHERE {
  VALUES ?cls { gb:Person gb:Country gb:Organization gb:Location gb:Event }
  ?e a ?cls .
  OPTIONAL { ?e rdfs:label ?label_ }
  OPTIONAL { ?e gb:kbEntry ?kb_ }
  OPTIONAL { ?e owl:sameAs ?same_ FILTER(STRSTARTS(STR(?same_), STR(wd:))) }
}
GROUP BY ?e ?cls
"""

_OFFICES = """
SELECT DISTINCT ?person ?relation ?org ?source ?kb
WHERE {
  VALUES ?relation { gb:leaderOf gb:officialOf }
  ?st a rdf:Statement ; rdf:subject ?person ; rdf:predicate ?relation ; rdf:object ?org .
  OPTIONAL { ?st prov:wasDerivedFrom ?source }
  OPTIONAL { ?st gb:fromKnowledgeBase ?kb }
}
"""


def open_graph(graph: str | os.PathLike[str]):
    """Open a graph for reading: a graph file parsed into memory, or ``oxigraph:PATH``.

    A file is loaded as the union of its graphs alone, in the default graph (the queries of
    this module read no named graph).

    Parameters
    ----------
    graph : str or os.PathLike
        A ``.ttl``, ``.nt``, ``.nq``, ``.trig``, ``.jsonld`` or ``.rdf`` file, or an on-disk
        Oxigraph store as ``oxigraph:PATH`` (opened read-only).

    Returns
    -------
    pyoxigraph.Store

    Raises
    ------
    GraphFileError
        The file is missing, is a folder, has an unknown extension or does not parse.
    StoreError
        The store cannot be opened.
    """
    from graphbuilder.store.oxigraph import load_file_into_store, open_store, parse_store_spec

    text = os.fspath(graph)
    if text.startswith("oxigraph:"):
        return open_store(parse_store_spec(text), read_only=True)
    path = Path(text)
    if path.is_dir():
        raise GraphFileError(f"{path}: is a folder, not a graph file (give e.g. {path}/graph.ttl)")
    store = open_store()
    # the union alone: the queries here read no named graph, and an in-memory store answers
    # many times faster without the per-document graphs beside it
    # (graphbuilder.store.oxigraph.union_only)
    load_file_into_store(store, path, union=True)
    return store


def _local(value: str | None) -> str:
    if value and value.startswith(GB_IRI):
        return value[len(GB_IRI) :]
    return value or ""


def _value(term) -> str | None:
    return None if term is None else term.value


def _day(text: str | None) -> str | None:
    """The ``YYYY-MM-DD`` of an ISO date or date-time (None for anything shorter)."""
    if not text or len(text) < 10 or text[4] != "-" or text[7] != "-":
        return None
    return text[:10]


def _float(term, default: float) -> float:
    try:
        return float(term.value) if term is not None else default
    except ValueError:
        return default


def _int(term) -> int | None:
    try:
        return int(term.value) if term is not None else None
    except ValueError:
        return None


def _fallback_label(iri: str) -> str:
    tail = iri.rstrip("/").rsplit("/", 1)[-1]
    return tail.rsplit("#", 1)[-1] or iri


def read_records(
    store, source: str = "", progress: Callable[[str, int, int], None] | None = None
) -> GraphRecords:
    """Read stances, documents, entities and office relations from a store.

    Parameters
    ----------
    store : pyoxigraph.Store
        The graph (see :func:`open_graph`).
    source : str
        Name of the graph, for messages.
    progress : callable, optional
        ``progress(step, done, total)`` after each of the four queries.

    Returns
    -------
    GraphRecords
        Stances sorted by (date, document, offset, IRI), undated ones last; stances whose
        polarity is neither ``gb:Positive`` nor ``gb:Negative`` are left out.

    Raises
    ------
    QueryError
        A query failed (a store that is not a graphbuilder graph still answers, with nothing).
    """
    from graphbuilder.store.query import run_query

    def tick(done: int) -> None:
        if progress:
            progress("read the graph", done, 4)

    documents: dict[str, Document] = {}
    for doc, name, date, author, url, path in run_query(store, _DOCUMENTS).rows:
        iri = doc.value
        documents[iri] = Document(
            iri, _value(name), _day(_value(date)), _value(author), _value(url), _value(path)
        )
    tick(1)

    actors: dict[str, Actor] = {}
    rank = {c: i for i, c in enumerate(ENTITY_CLASSES)}
    for e, cls, label, kb, same in run_query(store, _ENTITIES).rows:
        iri, local = e.value, _local(cls.value)
        old = actors.get(iri)
        if old is not None and rank[old.cls] <= rank[local]:
            continue  # an entity with two of the five classes: the first of ENTITY_CLASSES
        qid = same.value[len(WD_IRI) :] if same is not None else None
        actors[iri] = Actor(
            iri, _value(label) or _fallback_label(iri), local, _value(kb), qid or None
        )
    tick(2)

    stances: list[StanceRecord] = []
    for row in run_query(store, _STANCES).rows:
        s, holder, target, polarity, stype, attribution, confidence, doc, evidence, start, kb = row
        sign = {"Positive": 1, "Negative": -1}.get(_local(polarity.value))
        if sign is None:
            continue
        doc_iri = _value(doc)
        date = documents[doc_iri].date if doc_iri in documents else None
        h, t = holder.value, target.value
        stances.append(
            StanceRecord(
                iri=s.value,
                holder=h,
                target=t,
                polarity=sign,
                stance_type=_local(_value(stype)),
                attribution=_local(_value(attribution)),
                confidence=_float(confidence, 1.0),
                document=doc_iri,
                date=date,
                evidence=_value(evidence) or "",
                char_start=_int(start),
                from_kb=kb is not None and kb.value in ("true", "1"),
                original_holder=h,
                original_target=t,
            )
        )
        for iri in (h, t):
            if iri not in actors:
                actors[iri] = Actor(iri, _fallback_label(iri), "Entity")
    stances.sort(
        key=lambda r: (r.date is None, r.date or "", r.document or "", r.char_start or 0, r.iri)
    )
    tick(3)

    offices: list[OfficeRecord] = []
    for person, relation, org, src, kb in run_query(store, _OFFICES).rows:
        src_iri = _value(src)
        from_kb = kb is not None and kb.value in ("true", "1")
        doc = src_iri if src_iri in documents else None
        offices.append(
            OfficeRecord(
                person.value,
                org.value,
                _local(relation.value),
                document=doc,
                date=documents[doc].date if doc else None,
                from_kb=from_kb or doc is None,
            )
        )
    offices.sort(key=lambda o: (o.person, o.org, o.relation, o.document or "", o.from_kb))
    tick(4)
    return GraphRecords(stances, actors, documents, offices, source)


def load_records(
    graph: str | os.PathLike[str], progress: Callable[[str, int, int], None] | None = None
) -> GraphRecords:
    """Open a graph (:func:`open_graph`) and read its records (:func:`read_records`).

    Parameters
    ----------
    graph : str or os.PathLike
        A graph file or ``oxigraph:PATH``.
    progress : callable, optional
        ``progress(step, done, total)``.

    Returns
    -------
    GraphRecords

    Raises
    ------
    GraphFileError
        The file is missing or does not parse.
    StoreError
        The store cannot be opened.
    """
    if progress:
        progress("parse the graph", 0, 1)
    store = open_graph(graph)
    if progress:
        progress("parse the graph", 1, 1)
    return read_records(store, os.fspath(graph), progress)
