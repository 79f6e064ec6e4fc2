"""Read and write graph files: atomic, deterministic, with one-line errors naming the file.

Formats are chosen from the file extension:

=========  ===========  =====================
extension  rdflib name  kind
=========  ===========  =====================
``.ttl``   turtle       triples
``.nt``    nt           triples
``.nq``    nquads       quads (named graphs)
``.trig``  trig         quads (named graphs)
``.jsonld`` json-ld     quads
``.rdf``   xml          triples (also ``.xml``, ``.owl``)
=========  ===========  =====================

Output is deterministic (same triples -> same bytes): triples are inserted in sorted order
before serialising, Turtle is rdflib's ``longturtle`` (sorted subjects and predicates), and
line-based formats are sorted line by line. Files are written to a temporary file in the same
folder and renamed into place with :func:`os.replace`, so a reader never sees half a file.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from graphbuilder.errors import GraphFileError
from graphbuilder.outputs import write_bytes_atomic
from graphbuilder.rdf.namespaces import PREFIXES, bind_prefixes

__all__ = [
    "FORMATS_BY_EXTENSION",
    "QUAD_FORMATS",
    "format_for_path",
    "serialize_graph",
    "write_bytes_atomic",
    "write_turtle",
    "write_graph",
    "write_dataset",
    "load_graph",
    "load_dataset",
    "union_graph",
]

FORMATS_BY_EXTENSION: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
}
QUAD_FORMATS = frozenset({"nquads", "trig", "json-ld"})


def format_for_path(path: str | os.PathLike[str]) -> str:
    """Return the rdflib format name for a file path, from its extension.

    Parameters
    ----------
    path : str or os.PathLike
        ``graph.ttl``, ``graph.nq``, ...

    Returns
    -------
    str
        An rdflib parser/serializer name (``"turtle"``, ``"nt"``, ``"nquads"``, ...).

    Raises
    ------
    GraphFileError
        When the extension is not one of :data:`FORMATS_BY_EXTENSION`.

    Examples
    --------
    >>> format_for_path("out/graph.trig")
    'trig'
    """
    ext = Path(path).suffix.lower()
    try:
        return FORMATS_BY_EXTENSION[ext]
    except KeyError:
        known = " ".join(sorted(FORMATS_BY_EXTENSION))
        raise GraphFileError(
            f"{path}: unknown graph file extension {ext!r} (known: {known})"
        ) from None


def union_graph(graph: Graph) -> Graph:
    """Return a plain Graph with every triple of ``graph`` (all graphs of a Dataset)."""
    if isinstance(graph, Dataset):
        out = Graph()
        for s, p, o, _c in graph.quads((None, None, None, None)):
            out.add((s, p, o))
        return bind_prefixes(out)
    return graph


def _sorted_graph(graph: Graph) -> Graph:
    out = bind_prefixes(Graph())
    for triple in sorted(graph):
        out.add(triple)
    return out


def _sorted_dataset(ds: Dataset) -> Dataset:
    out = Dataset()
    bind_prefixes(out)
    for s, p, o, c in sorted(
        ds.quads((None, None, None, None)), key=lambda q: (str(q[3]), q[0], q[1], q[2])
    ):
        ident = c.identifier if isinstance(c, Graph) else c
        if ident is None or ident == ds.default_graph.identifier:
            out.add((s, p, o))
        else:
            out.graph(ident).add((s, p, o))
    return out


def _context() -> dict[str, str]:
    return dict(PREFIXES)


def _oxigraph_trig(data: Dataset) -> bytes:
    """TriG of a dataset through Oxigraph's serializer, quads sorted (graph, s, p, o).

    Oxigraph writes the quads in the order given, so sorted input gives the same bytes every
    time, many times faster than rdflib's TriG writer (``../shared/spec/performance-notes.md``:
    Turtle 0.11 s against 6.7 s at 100k triples). Prefixes whose IRIs would need escaped
    local names are left out (see :func:`_safe_prefixes`). Turtle stays with rdflib's
    ``longturtle``: it abbreviates IRI by IRI, where Oxigraph abbreviates prefix by prefix.
    """
    import pyoxigraph as ox

    from graphbuilder.rdf.convert import to_ox

    default = data.default_graph.identifier
    rows = []
    for s, p, o, c in data.quads((None, None, None, None)):
        ident = c.identifier if isinstance(c, Graph) else c
        rows.append((None if ident is None or ident == default else ident, s, p, o))
    rows.sort(key=lambda r: (str(r[0] or ""), r[1], r[2], r[3]))
    quads = [
        ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph() if g is None else to_ox(g))
        for g, s, p, o in rows
    ]
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_safe_prefixes(data))


_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_\-]*[A-Za-z0-9_])?")


def _safe_prefixes(data: Graph) -> dict[str, str]:
    """The vocabulary prefixes under which every IRI of ``data`` has a plain local name
    (letters, digits, ``_`` and inner ``-``). A prefix that would need an escaped local name
    (``gbr:U.S\\.``, valid Turtle that rdflib's parser rejects) is left out, so those IRIs
    are written in full and every reader parses the file."""
    unsafe: set[str] = set()
    ordered = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
    nodes = {n for triple in data.triples((None, None, None)) for n in triple}
    if isinstance(data, Dataset):
        nodes |= {c.identifier for c in data.graphs()}
    for node in nodes:
        if not isinstance(node, URIRef):
            continue
        text = str(node)
        for prefix, base in ordered:
            if text.startswith(base):
                if not _PLAIN_LOCAL.fullmatch(text[len(base) :]):
                    unsafe.add(prefix)
                break
    return {k: v for k, v in PREFIXES.items() if k not in unsafe}


def serialize_graph(graph: Graph, fmt: str) -> bytes:
    """Serialise a graph or dataset deterministically.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        A Dataset keeps its named graphs in quad formats and is merged into one graph in
        triple formats.
    fmt : str
        ``"turtle"``, ``"longturtle"``, ``"nt"``, ``"nquads"``, ``"trig"``, ``"json-ld"``
        or ``"xml"``. JSON-LD uses the vocabulary prefixes as ``@context`` and keeps the
        datatypes of numbers (``{"@value": "0.9", "@type": "xsd:decimal"}``).

    Returns
    -------
    bytes
        UTF-8 text.
    """
    fmt = "longturtle" if fmt == "turtle" else fmt
    if fmt in ("nquads", "trig") and not isinstance(graph, Dataset):
        ds = Dataset()
        for triple in graph:
            ds.add(triple)
        graph = ds
    if fmt == "trig":
        return _oxigraph_trig(graph)  # sorts the quads itself
    quads = fmt in QUAD_FORMATS and isinstance(graph, Dataset)
    data = _sorted_dataset(graph) if quads else _sorted_graph(union_graph(graph))
    if fmt in ("nt", "nquads"):
        text = data.serialize(format=fmt, encoding="utf-8").decode("utf-8")
        # split on "\n" only: str.splitlines() also breaks at U+2028, U+0085, \x1c...
        # which N-Triples leaves unescaped inside literals
        lines = sorted({line for line in text.split("\n") if line.strip()})
        return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    if fmt == "json-ld":
        text = data.serialize(format="json-ld", context=_context(), auto_compact=True)
        return (
            json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        ).encode("utf-8")
    return data.serialize(format=fmt, encoding="utf-8")


def write_turtle(graph: Graph, path: str | os.PathLike[str]) -> Path:
    """Write a graph as sorted Turtle (rdflib ``longturtle``), atomically.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        A Dataset is written as the union of its graphs.
    path : str or os.PathLike
        The ``.ttl`` file to write (replaced if it exists).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OutputError
        When the folder does not exist or is not writable.
    """
    return write_bytes_atomic(serialize_graph(graph, "turtle"), path)


def write_graph(graph: Graph, path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """Write a graph or dataset in the format given or implied by the extension, atomically.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
    path : str or os.PathLike
    fmt : str or None
        rdflib format name; default from the extension (:func:`format_for_path`).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    GraphFileError
        Unknown extension.
    OutputError
        Folder missing or not writable.
    """
    return write_bytes_atomic(serialize_graph(graph, fmt or format_for_path(path)), path)


def write_dataset(ds: Dataset, path: str | os.PathLike[str]) -> Path:
    """Write a dataset with its named graphs (``.trig``, ``.nq`` or ``.jsonld``), atomically.

    Raises
    ------
    GraphFileError
        When the extension is not a quad format.
    OutputError
        Folder missing or not writable.
    """
    fmt = format_for_path(path)
    if fmt not in QUAD_FORMATS:
        raise GraphFileError(f"{path}: a dataset needs .trig, .nq or .jsonld, not {fmt}")
    return write_graph(ds, path, fmt)


def _check_file(path: Path) -> None:
    """Refuse a missing path or a folder before looking at the extension."""
    if not path.exists():
        raise GraphFileError(f"{path}: no such graph file")
    if path.is_dir():
        raise GraphFileError(f"{path}: is a folder, not a graph file")
    if not path.is_file():
        raise GraphFileError(f"{path}: not a regular file")


_OX_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "nquads": "N_QUADS", "trig": "TRIG"}


def _parse_fault(path: Path, fmt: str, err: Exception) -> str:
    """One line on why ``path`` does not parse: Oxigraph's message (line and column) where it
    reads the format, else rdflib's; bytes that are not UTF-8 are named as such."""
    if isinstance(err, UnicodeDecodeError):
        return f"not UTF-8 text (invalid byte at offset {err.start}); is it a graph file?"
    if fmt in _OX_FORMATS:
        import pyoxigraph as ox

        try:
            for _ in ox.parse(path=str(path), format=getattr(ox.RdfFormat, _OX_FORMATS[fmt])):
                pass
        except (SyntaxError, ValueError) as ox_err:
            text = " ".join(str(ox_err).split())
            return re.sub(r"\s*\([^()]*, line \d+\)$", "", text)[:300]
        except Exception:  # fall back to rdflib's message
            pass
    return " ".join(str(err).split())[:300] or type(err).__name__


def _parse(target: Graph, path: Path, fmt: str | None) -> Graph:
    _check_file(path)
    fmt = fmt or format_for_path(path)
    try:
        target.parse(path, format=fmt)
    except Exception as err:  # rdflib raises many parser exception types
        raise GraphFileError(f"{path}: not valid {fmt}: {_parse_fault(path, fmt, err)}") from None
    return target


def load_dataset(path: str | os.PathLike[str], fmt: str | None = None) -> Dataset:
    """Load a graph file into a Dataset (named graphs kept; triple formats -> default graph).

    Parameters
    ----------
    path : str or os.PathLike
    fmt : str or None
        rdflib format name; default from the extension.

    Returns
    -------
    rdflib.Dataset

    Raises
    ------
    GraphFileError
        When the file is missing, has an unknown extension or does not parse.
    """
    ds = Dataset()
    bind_prefixes(ds)
    path = Path(path)
    if path.is_dir():
        _check_file(path)
    fmt = fmt or format_for_path(path)
    if fmt in QUAD_FORMATS:
        return _parse(ds, path, fmt)
    _parse(ds.default_graph, path, fmt)
    return ds


def load_graph(path: str | os.PathLike[str], fmt: str | None = None) -> Graph:
    """Load a graph file as one Graph (quad formats: the union of their graphs).

    Parameters
    ----------
    path : str or os.PathLike
        A ``.ttl``, ``.nt``, ``.nq``, ``.trig``, ``.jsonld`` or ``.rdf`` file.
    fmt : str or None
        rdflib format name; default from the extension.

    Returns
    -------
    rdflib.Graph

    Raises
    ------
    GraphFileError
        When the file is missing, has an unknown extension or does not parse; the message
        names the file.

    Examples
    --------
    >>> load_graph("/nonexistent.ttl")
    Traceback (most recent call last):
    ...
    graphbuilder.errors.GraphFileError: /nonexistent.ttl: no such graph file
    """
    path = Path(path)
    if path.is_dir():
        _check_file(path)
    fmt = fmt or format_for_path(path)
    if fmt in QUAD_FORMATS:
        return union_graph(load_dataset(path, fmt))
    return _parse(bind_prefixes(Graph()), path, fmt)
