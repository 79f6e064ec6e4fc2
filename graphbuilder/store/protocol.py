"""Where ``graphbuilder build`` writes its graph: the GraphSink protocol and its local sinks.

The contract
------------
A build keeps its state in the output folder (``records/<doc_id>.json``, one per document,
see :mod:`graphbuilder.outputs`) and writes the graph through a **sink**: an object with

``name`` : str
    A stable description of where the graph goes (``"folder"``, ``"oxigraph:/abs/path"``,
    ``"sparql:URL"``); the manifest keeps, per sink name, a fingerprint of each document
    graph last written there, so an incremental build rewrites only what changed.
``documents() -> dict[str, DocumentInfo]``
    The documents whose graph the sink holds now, by ``doc_id`` (``Article.doc_id``).
``replace_document(doc_id, graph, info) -> None``
    Make the named graph ``gbr:graph/<doc_id>`` (:func:`graphbuilder.rdf.iris.graph_iri`)
    hold exactly the triples of ``graph`` (an rdflib Graph), atomically: a reader sees the
    old graph or the new one, never a mix or nothing. A sink may buffer writes until
    :meth:`flush`.
``remove_document(doc_id) -> None``
    Drop that named graph (nothing else).
``flush() -> int | None``
    Make every write so far durable and visible; return the number of distinct triples of
    the union of all graphs when the sink can tell cheaply, else None.
``close() -> None``
    Release the sink (files, locks, connections). Called once, also after an error.

Only triples derived from one document live in its named graph (entities it mentions, with
their canonical label; relations; stances; provenance), so replacing a document touches that
document's graph and nothing else.

Sinks
-----
* :class:`FolderSink` (default): ``graphs/<doc_id>.nt`` (one N-Triples file per document,
  written atomically), rebuilt into ``graph.trig`` (named graphs) and ``graph.ttl`` (their
  union) at :meth:`~FolderSink.flush`, with the derived stance summaries; the build renders
  ``graph.html`` afterwards.
* :class:`OxigraphSink` (``--store oxigraph:PATH``): a persistent pyoxigraph store; each
  batch of document replacements is one SPARQL update, i.e. one transaction, which also
  keeps the default graph the deduplicated union of the document graphs, which queries
  read (:mod:`graphbuilder.store.oxigraph`).
* ``--store sparql:URL``: :func:`graphbuilder.store.sparql_server.open_sparql_sink`
  (``open_sparql_sink(url, query_url=None, update_url=None)``), written by the issue 9 work;
  :func:`open_sink` imports it lazily.

Where the records come from (one process, worker processes, Dask) is the build's business
(:mod:`graphbuilder.build.executors`); a sink only receives graphs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Protocol, runtime_checkable

from rdflib import Graph

from graphbuilder.errors import StoreError
from graphbuilder.store.documents import DocumentInfo

__all__ = [
    "DocumentInfo",
    "GraphSink",
    "FolderSink",
    "OxigraphSink",
    "open_sink",
    "graph_ntriples",
]

GRAPHS_DIR = "graphs"
_HEADER = "# graphbuilder document "


@runtime_checkable
class GraphSink(Protocol):
    """Where a build writes one named graph per document (see the module docstring)."""

    name: str

    def documents(self) -> dict[str, DocumentInfo]: ...

    def replace_document(self, doc_id: str, graph: Graph, info: DocumentInfo) -> None: ...

    def remove_document(self, doc_id: str) -> None: ...

    def flush(self) -> int | None: ...

    def close(self) -> None: ...


def graph_ntriples(graph: Graph) -> str:
    """Return a graph as N-Triples, lines sorted (same triples -> same text).

    The one N-Triples writer of :func:`graphbuilder.rdf.io.serialize_graph` (which splits lines
    on ``"\\n"`` only: literals may hold U+2028 and other line separators unescaped).
    """
    from graphbuilder.rdf.io import serialize_graph

    return serialize_graph(graph, "nt").decode("utf-8")


class FolderSink:
    """The graph as files in an output folder.

    ``graphs/<doc_id>.nt`` holds each document's graph (first line a comment with its sha256
    and source); :meth:`flush` rebuilds ``graph.trig`` and ``graph.ttl`` from them, each
    written to a temporary file and renamed into place, and keeps their union in
    :attr:`union` for the caller (the build renders the view from it, after the flush: the
    store does not know the view). The derived stance summaries of all the documents
    (:func:`graphbuilder.rdf.mapping.with_stance_summaries`) are computed there too, as the
    named graph ``gbr:graph/stance-summaries`` of ``graph.trig`` and in ``graph.ttl``.

    Parameters
    ----------
    out_dir : Path
        The output folder (already checked by :func:`graphbuilder.outputs.prepare_output_dir`).
    """

    name = "folder"

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.folder = self.out_dir / GRAPHS_DIR
        self.changed = False
        self.files: list[Path] = []
        self.union: Graph | None = None
        self._written: dict[str, Graph] = {}  # the graphs written by this sink, not re-read

    def _path(self, doc_id: str) -> Path:
        return self.folder / f"{doc_id}.nt"

    def documents(self) -> dict[str, DocumentInfo]:
        """Read the header line of each ``graphs/*.nt``."""
        found: dict[str, DocumentInfo] = {}
        if not self.folder.is_dir():
            return found
        for path in sorted(self.folder.glob("*.nt")):
            with path.open(encoding="utf-8") as handle:
                first = handle.readline()
            if first.startswith(_HEADER):
                data = json.loads(first[len(_HEADER) :])
                found[path.stem] = DocumentInfo(path.stem, data["sha256"], data.get("source"))
        return found

    def replace_document(self, doc_id: str, graph: Graph, info: DocumentInfo) -> None:
        """Write ``graphs/<doc_id>.nt`` atomically."""
        from graphbuilder.outputs import atomic_write_text

        self.folder.mkdir(parents=True, exist_ok=True)
        header = _HEADER + json.dumps({"sha256": info.sha256, "source": info.source}) + "\n"
        atomic_write_text(self._path(doc_id), header + graph_ntriples(graph))
        self._written[doc_id] = graph
        self.changed = True

    def remove_document(self, doc_id: str) -> None:
        """Delete ``graphs/<doc_id>.nt`` (no error when absent)."""
        self._written.pop(doc_id, None)
        try:
            os.unlink(self._path(doc_id))
            self.changed = True
        except FileNotFoundError:
            pass

    def dataset(self):
        """Return an rdflib Dataset of every document graph in the folder.

        A graph this sink wrote is taken from memory, the same triples as its file (N-Triples
        keeps every term as it is), without parsing it again.
        """
        from rdflib import Dataset

        from graphbuilder.rdf.iris import graph_iri
        from graphbuilder.rdf.namespaces import bind_prefixes

        ds = Dataset()
        bind_prefixes(ds)
        if self.folder.is_dir():
            for path in sorted(self.folder.glob("*.nt")):
                target = ds.graph(graph_iri(path.stem))
                written = self._written.get(path.stem)
                if written is None:
                    target.parse(path, format="nt")
                else:
                    target += written
        return ds

    def flush(self) -> int:
        """Rebuild ``graph.trig`` and ``graph.ttl``; keep their union graph; count its triples."""
        from graphbuilder.rdf.io import write_dataset, write_turtle
        from graphbuilder.rdf.mapping import dataset_to_graph, with_stance_summaries

        ds = with_stance_summaries(self.dataset())
        graph = dataset_to_graph(ds)
        names = [self.out_dir / "graph.trig", self.out_dir / "graph.ttl"]
        write_dataset(ds, names[0])
        write_turtle(graph, names[1])
        self.files = names
        self.union = graph
        return len(graph)

    def close(self) -> None:
        """Nothing to release."""


class OxigraphSink:
    """The graph in a persistent Oxigraph store (``--store oxigraph:PATH``).

    Replacements are buffered and written ``batch`` documents at a time, each batch as one
    SPARQL update, which Oxigraph applies as one transaction. A document's replacement
    removes from the default graph the triples only its old graph held, drops the old graph,
    inserts the new one and adds its triples to the default graph
    (:func:`graphbuilder.store.oxigraph.replace_graph_update`), so after every transaction the
    default graph is the deduplicated union of the document graphs, which queries read: a
    reader opening the store between two transactions, or after a killed build, sees a
    whole graph (each document old or new, and their union). The same transaction recomputes
    the derived stance summaries of the (holder, target, polarity) pairs the batch's
    documents held before or hold after it (:func:`graphbuilder.rdf.mapping.stance_pairs`,
    :func:`~graphbuilder.rdf.mapping.stance_summary_update`), so they always count the
    stances of the union. Each commit holds the store's commit lock
    (:func:`graphbuilder.store.lock.commit_lock`); the build holds its write lock.

    Parameters
    ----------
    path : Path
        Folder of the store (created when absent).
    batch : int
        Documents per transaction.

    Raises
    ------
    StoreError
        The store cannot be opened (e.g. another process holds it).
    """

    def __init__(self, path: Path, *, batch: int = 64):
        from graphbuilder.store.oxigraph import open_store

        self.path = Path(path).resolve()
        self.name = f"oxigraph:{self.path}"
        self.store = open_store(self.path)
        self.batch = batch
        self.pending: list[str] = []
        # the batch's document graphs (their stances before the batch are asked at commit)
        # and the (holder, target, polarity) pairs of their new stances
        self.touched: set[str] = set()
        self.pairs: set[tuple[str, str, str]] = set()
        self.files: list[Path] = []

    def documents(self) -> dict[str, DocumentInfo]:
        """Query the store for each named graph's ``gb:Document`` and its ``gb:sha256``."""
        from graphbuilder.rdf.namespaces import GB

        query = f"""
            SELECT ?g ?sha ?src WHERE {{
              GRAPH ?g {{
                ?d a <{GB.Document}> ; <{GB.sha256}> ?sha .
                OPTIONAL {{ ?d <{GB.sourcePath}> ?src }}
              }}
            }}"""
        found: dict[str, DocumentInfo] = {}
        for row in self.store.query(query):
            doc_id = row["g"].value.rsplit("/", 1)[-1]
            src = row["src"].value if row["src"] is not None else None
            found[doc_id] = DocumentInfo(doc_id, row["sha"].value, src)
        return found

    def replace_document(self, doc_id: str, graph: Graph, info: DocumentInfo) -> None:
        """Queue the replacement of ``gbr:graph/<doc_id>`` (written by the next batch)."""
        from graphbuilder.rdf.iris import graph_iri
        from graphbuilder.rdf.mapping import stance_pairs
        from graphbuilder.store.oxigraph import replace_graph_update

        name = str(graph_iri(doc_id))
        self.pending.append(replace_graph_update(name, graph_ntriples(graph)))
        self.touched.add(name)
        self.pairs |= stance_pairs(graph)
        if len(self.pending) >= self.batch:
            self._commit()

    def remove_document(self, doc_id: str) -> None:
        """Queue the removal of ``gbr:graph/<doc_id>`` (and of its triples from the union)."""
        from graphbuilder.rdf.iris import graph_iri
        from graphbuilder.store.oxigraph import replace_graph_update

        name = str(graph_iri(doc_id))
        self.pending.append(replace_graph_update(name, None))
        self.touched.add(name)
        if len(self.pending) >= self.batch:
            self._commit()

    def _commit(self) -> None:
        from graphbuilder.rdf.mapping import stance_pairs_query, stance_summary_update
        from graphbuilder.store.lock import commit_lock

        if self.pending:
            try:
                with commit_lock(self.path):
                    pairs = set(self.pairs)
                    if self.touched:  # the pairs the old graphs held (the build holds the lock)
                        for row in self.store.query(stance_pairs_query(self.touched)):
                            pairs.add((row["h"].value, row["t"].value, row["pol"].value))
                    update = " ;\n".join(self.pending)
                    summaries = stance_summary_update(pairs)
                    if summaries:
                        update += " ;\n" + summaries
                    self.store.update(update)
                    self.store.flush()
            except (OSError, SyntaxError) as err:
                raise StoreError(f"{self.path}: update failed: {err}") from None
            self.pending = []
            self.touched = set()
            self.pairs = set()

    def flush(self) -> int:
        """Write the pending batch and flush to disk; count the union's triples.

        A store whose default graph is empty while it holds document graphs (written by an
        older graphbuilder or another tool) gets its default graph rebuilt as their union;
        one whose union has stances but no stance summaries (an older graphbuilder) gets
        them all.

        Returns
        -------
        int
            Distinct triples of the union of the document graphs (the default graph).
        """
        from graphbuilder.store.lock import commit_lock
        from graphbuilder.store.oxigraph import (
            count_default_triples,
            has_default_graph,
            has_stance_summaries,
            has_stances,
            rebuild_union_graph,
            refresh_stance_summaries,
        )

        self._commit()
        if not has_default_graph(self.store) and next(self.store.named_graphs(), None):
            with commit_lock(self.path):
                rebuild_union_graph(self.store)
                self.store.flush()
        elif has_stances(self.store) and not has_stance_summaries(self.store):
            with commit_lock(self.path):
                refresh_stance_summaries(self.store)
                self.store.flush()
        return count_default_triples(self.store)

    def close(self) -> None:
        """Drop pending writes not flushed and release the store (its lock)."""
        self.pending = []
        self.touched, self.pairs = set(), set()
        del self.store


def open_sink(
    spec: str | None,
    out_dir: Path,
    *,
    query_url: str | None = None,
    update_url: str | None = None,
) -> GraphSink:
    """Open the sink a build writes its graph through.

    Parameters
    ----------
    spec : str or None
        None for the output folder itself (:class:`FolderSink`), ``oxigraph:PATH``
        (:class:`OxigraphSink`) or ``sparql:URL`` (``graphbuilder.store.sparql_server``).
    out_dir : Path
        The output folder.
    query_url, update_url : str, optional
        A SPARQL server's endpoints, when not found by convention (``sparql:URL`` only).

    Returns
    -------
    GraphSink

    Raises
    ------
    StoreError
        Unknown kind of store, or a store that cannot be opened.
    """
    if spec is None:
        return FolderSink(out_dir)
    kind, _, rest = spec.partition(":")
    if kind == "oxigraph" and rest:
        return OxigraphSink(Path(rest))
    if kind == "sparql" and rest:
        from graphbuilder.store.sparql_server import open_sparql_sink

        return open_sparql_sink(rest, query_url=query_url, update_url=update_url)
    raise StoreError(f"{spec}: unknown store; expected oxigraph:PATH or sparql:URL")
