"""Export a graph to other formats: RDF serialisations, GraphML and CSV for network tools.

RDF formats (Turtle, N-Triples, N-Quads, JSON-LD) go through :mod:`graphbuilder.rdf.io`
(deterministic, JSON-LD with the vocabulary prefixes as ``@context`` and typed numbers).
GraphML and CSV are property-graph views for Gephi, Cytoscape or a spreadsheet
(:func:`to_networkx`):

* every IRI or blank node is a node with attributes ``label`` (``rdfs:label``, else
  ``schema:name``, else its prefixed name), ``class`` (its ``rdf:type`` values, prefixed,
  space-separated), ``iri``, and one attribute per literal property (``gb:evidence``,
  ``gb:confidence`` ...; numbers stay numbers where every value of the key is a number;
  several values are joined with `` | ``);
* terms of the ontology (``gb:Negative``, ``gb:Criticism``, ``gb:leaderOf`` as the
  ``rdf:predicate`` of a statement) and Wikidata items (``owl:sameAs wd:Q232``) are node
  attributes too, not nodes;
* every other triple between two resources is an edge with attribute ``predicate``.
"""

from __future__ import annotations

import csv
import io
import os
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import networkx as nx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from graphbuilder.errors import OutputError
from graphbuilder.rdf.io import load_dataset, serialize_graph, union_graph, write_bytes_atomic
from graphbuilder.rdf.namespaces import GB_IRI, PREFIXES, SCHEMA

__all__ = ["EXPORT_FORMATS", "prefixed", "to_networkx", "csv_paths", "export_graph"]

EXPORT_FORMATS = ("turtle", "ntriples", "nquads", "jsonld", "graphml", "csv")
_RDF_FORMATS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "jsonld": "json-ld"}
_JOIN = " | "


def prefixed(term: URIRef | BNode) -> str:
    """Return ``gb:leaderOf`` for a term in a vocabulary namespace, else the IRI itself.

    Examples
    --------
    >>> prefixed(URIRef("https://w3id.org/graphbuilder/ontology#leaderOf"))
    'gb:leaderOf'
    """
    text = str(term)
    if isinstance(term, BNode):
        return f"_:{text}"
    best = ""
    for prefix, iri in PREFIXES.items():
        if text.startswith(iri) and len(iri) > len(best):
            best, name = iri, prefix
    if best and text[len(best) :] and "/" not in text[len(best) :]:
        return f"{name}:{text[len(best) :]}"
    return text


def _value(lit: Literal) -> object:
    py = lit.toPython()
    if isinstance(py, bool):
        return py
    if isinstance(py, int):
        return py
    if isinstance(py, (float, Decimal)):
        return float(py)
    return str(lit)


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Return a property-graph view of an RDF graph (see the module docstring).

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        A Dataset is merged (union of its graphs).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by IRI (or ``_:id``); edges keyed by their predicate (prefixed).
    """
    g = union_graph(graph)
    attrs: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    edges: set[tuple[str, str, str]] = set()
    for s, p, o in sorted(g):
        sid = str(s) if isinstance(s, URIRef) else prefixed(s)
        attrs[sid]  # noqa: B018 - every subject is a node
        key = prefixed(p)
        if isinstance(o, Literal):
            attrs[sid][key].append(o)
        elif p == RDF.type:
            attrs[sid]["class"].append(prefixed(o))
        elif isinstance(o, URIRef) and str(o).startswith((GB_IRI, PREFIXES["wd"])):
            attrs[sid][key].append(prefixed(o))
        else:
            oid = str(o) if isinstance(o, URIRef) else prefixed(o)
            attrs[oid]  # noqa: B018
            edges.add((sid, oid, key))
    numeric: dict[str, bool] = {}
    for node_attrs in attrs.values():
        for key, values in node_attrs.items():
            ok = (
                len(values) == 1
                and isinstance(values[0], Literal)
                and isinstance(_value(values[0]), (int, float))
                and not isinstance(_value(values[0]), bool)
            )
            numeric[key] = numeric.get(key, True) and ok
    out = nx.MultiDiGraph()
    for node in sorted(attrs):
        data: dict[str, object] = {"iri": node}
        for key, values in sorted(attrs[node].items()):
            if key == "class":
                data[key] = " ".join(sorted(set(values)))
            elif numeric.get(key):
                data[key] = _value(values[0])
            else:
                data[key] = _JOIN.join(sorted({str(v) for v in values}))
        label = attrs[node].get(prefixed(RDFS.label)) or attrs[node].get(prefixed(SCHEMA.name))
        data["label"] = str(sorted(label)[0]) if label else prefixed(URIRef(node))
        data.setdefault("class", "")
        out.add_node(node, **data)
    for sid, oid, key in sorted(edges):
        out.add_edge(sid, oid, key=key, predicate=key)
    return out


def _graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True, named_key_ids=False)
    return buf.getvalue()


def _csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def csv_tables(g: nx.MultiDiGraph) -> tuple[bytes, bytes]:
    """Return (nodes CSV, edges CSV): ``id,label,class`` and ``source,target,predicate``."""
    nodes = [[n, d.get("label", ""), d.get("class", "")] for n, d in g.nodes(data=True)]
    edges = [[s, t, d["predicate"]] for s, t, d in g.edges(data=True)]
    return _csv_bytes(["id", "label", "class"], nodes), _csv_bytes(
        ["source", "target", "predicate"], edges
    )


def csv_paths(out: str | os.PathLike[str]) -> list[Path]:
    """Return the two files a ``csv`` export to ``out`` writes: nodes, then edges.

    Examples
    --------
    >>> [p.name for p in csv_paths("out/kg.csv")]
    ['kg_nodes.csv', 'kg_edges.csv']
    """
    base = Path(out)
    stem = base.with_suffix("") if base.suffix.lower() == ".csv" else base
    return [Path(f"{stem}_nodes.csv"), Path(f"{stem}_edges.csv")]


def export_graph(
    source: str | os.PathLike[str] | Graph,
    fmt: str,
    out: str | os.PathLike[str] | None = None,
) -> list[Path] | bytes:
    """Export a graph file (or an rdflib Graph/Dataset) to another format.

    Parameters
    ----------
    source : str, os.PathLike, rdflib.Graph or rdflib.Dataset
        A graph file (any format :func:`graphbuilder.rdf.io.load_dataset` reads) or a graph in
        memory. Named graphs are kept in ``nquads``; other formats get the union.
    fmt : str
        One of :data:`EXPORT_FORMATS`.
    out : str or os.PathLike or None
        Output file, written atomically. For ``csv`` two files are written: ``<stem>_nodes.csv``
        and ``<stem>_edges.csv`` beside ``out``. None: return the bytes (not for ``csv``).

    Returns
    -------
    list of pathlib.Path or bytes
        The files written, or the serialised bytes when ``out`` is None.

    Raises
    ------
    OutputError
        Unknown format, ``csv`` without ``out``, or an unwritable output folder.
    GraphFileError
        When ``source`` is missing or does not parse.
    """
    if fmt not in EXPORT_FORMATS:
        raise OutputError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    data: Graph = source if isinstance(source, Graph) else load_dataset(source)
    if fmt in _RDF_FORMATS:
        if fmt != "nquads":  # named graphs are kept in N-Quads only
            data = union_graph(data)
        payload = serialize_graph(data, _RDF_FORMATS[fmt])
    elif fmt == "graphml":
        payload = _graphml_bytes(to_networkx(data))
    else:
        if out is None:
            raise OutputError("csv export writes two files; give -o FILE (FILE_nodes.csv ...)")
        nodes, edges = csv_tables(to_networkx(data))
        paths = csv_paths(out)
        write_bytes_atomic(nodes, paths[0])
        write_bytes_atomic(edges, paths[1])
        return paths
    if out is None:
        return payload
    return [write_bytes_atomic(payload, out)]
