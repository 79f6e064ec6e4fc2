"""Oxigraph (pyoxigraph) stores: open, load graphs and datasets, replace a document's graph.

Oxigraph evaluates SPARQL orders of magnitude faster than rdflib's evaluator on graphs of this
shape (see ``shared/spec/performance-notes.md``: a 4-pattern stance join over 100k triples takes
~20 ms against 30 s), so every query of graphbuilder runs on an Oxigraph store: in memory,
loaded from a graph file, or on disk (``--store oxigraph:PATH``).

The default graph of a store holding document graphs
----------------------------------------------------
A store written by graphbuilder keeps one named graph per document *and* the deduplicated
union of the named graphs as its default graph (:func:`rebuild_union_graph`; the build's
Oxigraph sink, :func:`load_file_into_store`, :func:`load_into_store` and
:func:`replace_document_graph` keep it so), and queries read that default graph
(:func:`reads_union`). Oxigraph's own union default graph
(``use_default_graph_as_union=True``) is a bag: a triple held by N document graphs (an
entity's type and label, in every document that mentions it) comes N times, so joins on
entities mentioned in many documents multiply their rows and time out. A store whose default
graph is empty (written by another tool) is still queried through that union.

Derived stance summaries
------------------------
Every change of the document graphs (and every rebuild of the union) also recomputes the
``gb:StanceSummary`` resources (:func:`graphbuilder.rdf.mapping.stance_summary_update`) in
the same transaction: all of them in :func:`rebuild_union_graph`, only the (holder, target,
polarity) pairs a batch touched in the build's sink
(:class:`graphbuilder.store.protocol.OxigraphSink`). They live in the named graph
``gbr:graph/stance-summaries`` and, like every graph, in the union.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from graphbuilder.errors import GraphFileError, StoreError
from graphbuilder.rdf.convert import dataset_quads, from_ox, to_ox
from graphbuilder.rdf.io import FORMATS_BY_EXTENSION
from graphbuilder.rdf.iris import graph_iri

__all__ = [
    "open_store",
    "open_snapshot",
    "parse_store_spec",
    "to_ox",
    "from_ox",
    "dataset_quads",
    "load_into_store",
    "load_file_into_store",
    "replace_document_graph",
    "store_to_dataset",
    "rebuild_union_graph",
    "replace_graph_update",
    "count_default_triples",
    "has_default_graph",
    "reads_union",
    "refresh_stance_summaries",
    "has_stance_summaries",
    "has_stances",
    "union_only",
]

_UNION_UPDATE = "CLEAR SILENT DEFAULT ;\nINSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"

_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}


def parse_store_spec(spec: str) -> Path:
    """Return the folder of a store given as ``oxigraph:PATH``.

    Raises
    ------
    StoreError
        When ``spec`` does not start with ``oxigraph:`` or has no path.

    Examples
    --------
    >>> parse_store_spec("oxigraph:/tmp/kg")
    PosixPath('/tmp/kg')
    """
    kind, _, path = spec.partition(":")
    if kind != "oxigraph" or not path:
        raise StoreError(f"{spec}: unknown store; expected oxigraph:PATH")
    return Path(path)


def open_store(path: str | os.PathLike[str] | None = None, read_only: bool = False) -> ox.Store:
    """Open an Oxigraph store: on disk at ``path`` (created if absent) or in memory.

    Parameters
    ----------
    path : str or os.PathLike or None
        Folder of an on-disk store; None for an in-memory store.
    read_only : bool
        Open an existing on-disk store read-only (other processes may write it).

    Returns
    -------
    pyoxigraph.Store

    Raises
    ------
    StoreError
        When the folder cannot be created or opened (e.g. locked by another process).
    """
    if path is None:
        return ox.Store()
    path = Path(path)
    try:
        if read_only:
            if not path.is_dir():
                raise StoreError(f"{path}: no Oxigraph store there")
            return ox.Store.read_only(str(path))
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: not a folder; an Oxigraph store is a folder")
        return ox.Store(str(path))
    except OSError as err:
        raise StoreError(f"{path}: cannot open Oxigraph store: {err}") from None


def open_snapshot(path: str | os.PathLike[str], *, attempts: int = 50) -> ox.Store:
    """Open a read-only snapshot of an on-disk store that another process may be writing.

    The snapshot holds the transactions committed when it was opened, each whole (a build
    keeps the default graph the union of the document graphs in every transaction, see
    :class:`graphbuilder.store.protocol.OxigraphSink`). It is opened under the store's
    commit lock (:func:`graphbuilder.store.lock.commit_lock`), and again when the writer's
    background compaction removed a file between the listing and the open.

    Parameters
    ----------
    path : str or os.PathLike
        Folder of the store.
    attempts : int
        Opens tried before giving up (a few milliseconds apart).

    Returns
    -------
    pyoxigraph.Store
        Read-only. A long-lived snapshot may later fail to read a file the writer compacted
        away: open a new one (queries of the CLI open one each).

    Raises
    ------
    StoreError
        No store there, or it cannot be opened.
    """
    from graphbuilder.store.lock import commit_lock

    path = Path(path)
    if not path.is_dir():
        raise StoreError(f"{path}: no Oxigraph store there")
    for attempt in range(attempts):
        try:
            with commit_lock(path):
                return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as err:
            vanished = "No such file or directory" in str(err)
            if not vanished or attempt == attempts - 1:
                msg = " ".join(str(err).split())[:300]
                raise StoreError(f"{path}: cannot open Oxigraph store: {msg}") from None
            time.sleep(0.005 * (attempt + 1))
    raise AssertionError("unreachable")


def has_default_graph(store: ox.Store) -> bool:
    """Return True when the store's default graph holds at least one triple."""
    return next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None


def reads_union(store: object) -> bool:
    """Whether queries on ``store`` must ask for the union of its graphs as default graph.

    False for a pyoxigraph store whose default graph holds triples (graphbuilder keeps the
    deduplicated union of the document graphs there, see the module docstring); True for an
    empty default graph. Other stores (a SPARQL server seen as a store) answer True: they
    choose their own union (:class:`graphbuilder.store.sparql_server.ServerStore`).
    """
    if isinstance(store, ox.Store):
        return not has_default_graph(store)
    return True


def has_stance_summaries(store: ox.Store) -> bool:
    """Return True when the store's default graph holds ``gb:StanceSummary`` resources of
    this graphbuilder: with ``gb:strongestEvidence`` and ``gb:summarizedStance`` (an earlier
    one wrote counts only, then no links to the stances)."""
    from graphbuilder.rdf.namespaces import GB

    if not _has_instance(store, "StanceSummary"):
        return False
    for term in (GB.strongestEvidence, GB.summarizedStance):
        found = store.quads_for_pattern(None, ox.NamedNode(str(term)), None, ox.DefaultGraph())
        if next(found, None) is None:
            return False
    return True


def has_stances(store: ox.Store) -> bool:
    """Return True when the store's default graph holds a ``gb:Stance``."""
    return _has_instance(store, "Stance")


def _has_instance(store: ox.Store, gb_class: str) -> bool:
    from graphbuilder.rdf.namespaces import GB

    kind = ox.NamedNode(str(GB[gb_class]))
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    found = store.quads_for_pattern(None, rdf_type, kind, ox.DefaultGraph())
    return next(found, None) is not None


def refresh_stance_summaries(store: ox.Store, pairs=None) -> None:
    """Recompute the store's derived stance summaries from its default graph (the union).

    Parameters
    ----------
    store : pyoxigraph.Store
    pairs : iterable of (holder, target, polarity) IRIs, or None
        Only these (see :func:`graphbuilder.rdf.mapping.stance_summary_update`); None: all.
        A store without named graphs keeps them in its default graph only.

    Raises
    ------
    StoreError
        The update failed (e.g. disk full).
    """
    from graphbuilder.rdf.mapping import stance_summary_update

    named = next(store.named_graphs(), None) is not None
    update = stance_summary_update(pairs, named=named)
    if update:
        try:
            store.update(update)
        except OSError as err:
            raise StoreError(f"cannot update the stance summaries: {err}") from None


def union_only(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """The quads of a dataset as triples of the default graph (their union, for reading).

    An in-memory pyoxigraph store indexes each quad by its subject, its predicate, its object
    and its graph separately, with no combined index: a pattern with two terms bound walks
    the shorter of their lists and filters it, and every list holds the quads of every
    graph. With one named graph per document beside their union, an entity mentioned in
    N documents has ~2N quads as subject, walked for each ``?entity rdfs:label ?label``
    (``benchmarks/results/2026-12-03-vm-queries-1m-summaries.md``: stances-of for the hub
    entity 9.6 s with the named graphs, 0.87 s on the union alone, 0.67 s on disk). A store
    only read by queries that use no ``GRAPH`` is loaded with the union alone.

    Parameters
    ----------
    quads : iterable of pyoxigraph.Quad

    Yields
    ------
    pyoxigraph.Quad
        In the default graph (a triple held by several graphs comes more than once; the
        store keeps it once).
    """
    default = ox.DefaultGraph()
    for q in quads:
        yield (
            q
            if isinstance(q.graph_name, ox.DefaultGraph)
            else ox.Quad(q.subject, q.predicate, q.object, default)
        )


def rebuild_union_graph(store: ox.Store) -> int:
    """Make the default graph the deduplicated union of the named graphs, in one update.

    The derived stance summaries are recomputed in the same update
    (:func:`graphbuilder.rdf.mapping.stance_summary_update`).

    Nothing is done when the store has no named graph (its default graph, e.g. a loaded
    ``graph.ttl``, is left as it is).

    Parameters
    ----------
    store : pyoxigraph.Store

    Returns
    -------
    int
        Triples in the default graph afterwards.

    Raises
    ------
    StoreError
        The update failed (e.g. disk full).
    """
    from graphbuilder.rdf.mapping import stance_summary_update

    if next(store.named_graphs(), None) is not None:
        try:
            store.update(_UNION_UPDATE + " ;\n" + stance_summary_update())
        except OSError as err:
            raise StoreError(f"cannot rebuild the store's default graph: {err}") from None
    return count_default_triples(store)


def replace_graph_update(graph: str, ntriples: str | None) -> str:
    """SPARQL update replacing one named graph and keeping the default graph its union.

    Run as one update (one transaction) on a store whose default graph is the deduplicated
    union of its named graphs, it leaves the store so: the triples that only the old graph
    held leave the default graph, the old graph is dropped, the new one inserted and its
    triples copied to the default graph (a triple already there stays once; blank nodes
    stay the same nodes).

    Parameters
    ----------
    graph : str
        IRI of the named graph.
    ntriples : str or None
        The new graph as N-Triples (one triple a line); None removes the graph.

    Returns
    -------
    str
        The update text (operations joined by ``;``).

    Examples
    --------
    >>> store = ox.Store()
    >>> t = "<http://a> <http://b> <http://c> ."
    >>> store.update(replace_graph_update("http://g1", t))
    >>> store.update(replace_graph_update("http://g2", t))
    >>> store.update(replace_graph_update("http://g1", None))
    >>> len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())))
    1
    >>> store.update(replace_graph_update("http://g2", None))
    >>> len(store)
    0
    """
    parts = [
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph}>) }} }}",
        f"DROP SILENT GRAPH <{graph}>",
    ]
    if ntriples is not None and ntriples.strip():
        parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}}} }}")
        parts.append(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return " ;\n".join(parts)


def count_default_triples(store: ox.Store) -> int:
    """Return the number of triples in the store's default graph."""
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(next(rows)["n"].value)


def _replace(store: ox.Store, quads: Iterable[ox.Quad]) -> int:
    quads = list(quads)
    names = {q.graph_name for q in quads}
    for name in names:
        if isinstance(name, ox.DefaultGraph):
            store.clear_graph(name)
        elif name in store.named_graphs():
            store.remove_graph(name)
    store.extend(quads)
    _keep_union(store, names)
    return len(quads)


def _keep_union(store: ox.Store, names: set) -> None:
    """After named graphs were loaded without default-graph triples: rebuild the union.

    A default graph loaded with stances but no stance summaries (a graph file of an older
    graphbuilder) gets them.
    """
    if names and not any(isinstance(n, ox.DefaultGraph) for n in names):
        rebuild_union_graph(store)
    elif has_stances(store) and not has_stance_summaries(store):
        refresh_stance_summaries(store)


def load_into_store(
    store: ox.Store, data: Graph, replace: bool = True, *, union: bool = False
) -> int:
    """Load an rdflib Graph or Dataset into a store, keeping named graphs.

    Parameters
    ----------
    store : pyoxigraph.Store
    data : rdflib.Graph or rdflib.Dataset
        A plain Graph goes to the default graph.
    replace : bool
        Replace each graph the data holds (default) instead of adding to it.
    union : bool
        Load the union of the graphs into the default graph only, no named graph: for an
        in-memory store read by queries without ``GRAPH`` (see :func:`union_only`).

    Returns
    -------
    int
        Number of quads loaded.
    """
    quads = dataset_quads(data)
    if union:
        quads = union_only(quads)
    if replace:
        return _replace(store, quads)
    quads = list(quads)
    store.extend(quads)
    _keep_union(store, {q.graph_name for q in quads})
    return len(quads)


def load_file_into_store(
    store: ox.Store, path: str | os.PathLike[str], replace: bool = True, *, union: bool = False
) -> int:
    """Parse a graph file with Oxigraph's own parsers and load it (named graphs kept).

    Parameters
    ----------
    store : pyoxigraph.Store
    path : str or os.PathLike
        ``.ttl .nt .nq .trig .jsonld .rdf`` (format from the extension).
    replace : bool
        Replace each graph the file holds (the default graph for triple formats).
    union : bool
        Load the union of the file's graphs into the default graph only (see
        :func:`load_into_store`).

    Returns
    -------
    int
        Number of quads loaded.

    Raises
    ------
    GraphFileError
        When the file is missing, has an unknown extension or does not parse.
    """
    path = Path(path)
    fmt = FORMATS_BY_EXTENSION.get(path.suffix.lower())
    if fmt is None:
        raise GraphFileError(f"{path}: unknown graph file extension {path.suffix!r}")
    if not path.is_file():
        raise GraphFileError(f"{path}: no such graph file")
    try:
        quads = ox.parse(path=str(path), format=_OX_FORMATS[fmt])
        quads = list(union_only(quads) if union else quads)
    except (SyntaxError, ValueError, OSError) as err:
        msg = " ".join(str(err).split())[:300]
        raise GraphFileError(f"{path}: not valid {fmt}: {msg}") from None
    if replace:
        return _replace(store, quads)
    store.extend(quads)
    _keep_union(store, {q.graph_name for q in quads})
    return len(quads)


def replace_document_graph(store: ox.Store, doc_id: str, graph: Graph) -> int:
    """Replace the named graph of one document (``gbr:graph/<doc_id>``) with ``graph``.

    Use it to rebuild one changed document without reloading the others.

    Parameters
    ----------
    store : pyoxigraph.Store
    doc_id : str
        ``Article.doc_id``.
    graph : rdflib.Graph
        The document's triples (e.g. ``records_to_dataset(...).graph(graph_iri(doc_id))``).

    Returns
    -------
    int
        Number of triples now in that graph.

    Notes
    -----
    The default graph is then rebuilt as the union of the named graphs
    (:func:`rebuild_union_graph`), which costs a pass over the whole store: for many
    documents, use the build's sink (:class:`graphbuilder.store.protocol.OxigraphSink`).
    """
    name = ox.NamedNode(str(graph_iri(doc_id)))
    quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in graph]
    if name in store.named_graphs():
        store.remove_graph(name)
    store.extend(quads)
    rebuild_union_graph(store)
    return len(quads)


def store_to_dataset(store: ox.Store) -> Dataset:
    """Copy a store's quads into an rdflib Dataset (named graphs kept).

    The default graph is copied too; in a store written by graphbuilder it is the union of
    the named graphs (see the module docstring).
    """
    from graphbuilder.rdf.namespaces import bind_prefixes

    ds = Dataset()
    bind_prefixes(ds)
    for q in store:
        triple = (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
        if isinstance(q.graph_name, ox.DefaultGraph):
            ds.add(triple)
        else:
            ds.graph(from_ox(q.graph_name)).add(triple)
    return ds
