"""graphbuilder: a knowledge graph builder for news and opinion writing on international politics.

Reads articles, finds the leaders, states and organizations they name, the relations between
them and the stances they take, and writes an RDF graph whose every fact carries the document
and sentence it came from (see ``../shared/spec/vocabulary.md`` for the terms).

The Python API (:mod:`graphbuilder.api`), for scripts and notebooks:

- :func:`build_graph` ``(paths_or_texts, **settings) -> rdflib.Dataset``: build in memory,
  write nothing;
- :func:`query` ``(graph, sparql_or_name, *, limit=None, offset=0, **params)``: SPARQL or a
  named query of ``queries/`` (``limit``/``offset``: one page);
- :func:`query_pages` ``(graph, sparql_or_name, *, page_size=100, **params)``: a listing
  page by page;
- :func:`to_networkx` ``(graph) -> networkx.MultiDiGraph``: entities as nodes, relations
  and stances as edges;
- :func:`show` ``(graph, *, height=640)``: the interactive view in a notebook cell (an
  isolated ``<iframe srcdoc>``, for Jupyter, VS Code and Colab).

Nothing is loaded at import time: the API is imported on first use, and the pipeline is built
by :func:`graphbuilder.nlp.pipeline.load_pipeline` when a graph is first built.
"""

from graphbuilder.version import __version__

__all__ = ["__version__", "build_graph", "query", "query_pages", "show", "to_networkx"]

_API = ("build_graph", "query", "query_pages", "show", "to_networkx")


def __getattr__(name: str):
    if name in _API:
        from graphbuilder import api

        return getattr(api, name)
    raise AttributeError(f"module 'graphbuilder' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
