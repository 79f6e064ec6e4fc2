"""Conversion between rdflib and pyoxigraph terms and quads.

The build maps records with rdflib (:mod:`graphbuilder.rdf.mapping`) and queries and writes
with Oxigraph (:mod:`graphbuilder.store.oxigraph`, the TriG writer of
:mod:`graphbuilder.rdf.io`); both sides convert through this module, which imports neither.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["dataset_quads", "from_ox", "to_ox"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to a pyoxigraph term (IRIs, blank nodes, literals)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to an Oxigraph term")


def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """Convert a pyoxigraph term to an rdflib term, the inverse of :func:`to_ox`.

    Language tags and datatypes are kept; a simple literal (``xsd:string`` in RDF 1.1, the
    only form Oxigraph knows) becomes an rdflib Literal without datatype, as rdflib parses
    it from a graph file, so a term read back from a store equals the term written.

    Examples
    --------
    >>> from rdflib import Literal, XSD
    >>> dec = Literal("0.80", datatype=XSD.decimal)
    >>> from_ox(to_ox(dec)) == dec
    True
    >>> from_ox(ox.Literal("Moscow")) == Literal("Moscow")
    True
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


def dataset_quads(data: Graph) -> Iterator[ox.Quad]:
    """Yield the quads of an rdflib Graph (default graph) or Dataset (named graphs kept)."""
    if isinstance(data, Dataset):
        default = data.default_graph.identifier
        for s, p, o, c in data.quads((None, None, None, None)):
            ident = c.identifier if isinstance(c, Graph) else c
            g = ox.DefaultGraph() if ident is None or ident == default else to_ox(ident)
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), g)
    else:
        for s, p, o in data:
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph())
