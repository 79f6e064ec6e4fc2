"""Read ``ontology/graphbuilder.ttl`` (the terms are data, not Python literals).

The stance-type -> polarity mapping (``gb:impliedPolarity``) and the subclass tree
(``rdfs:subClassOf``) come from the ontology file, so adding a stance type or an entity
subclass there needs no code change.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef

from graphbuilder.errors import GraphFileError
from graphbuilder.paths import ontology_dir
from graphbuilder.rdf.namespaces import GB, GB_IRI, RDF, RDFS

__all__ = [
    "ontology_path",
    "shapes_path",
    "load_ontology",
    "implied_polarity",
    "entity_classes",
    "main_class_of",
]


def ontology_path() -> Path:
    """Return the path of ``ontology/graphbuilder.ttl``."""
    return ontology_dir() / "graphbuilder.ttl"


def shapes_path() -> Path:
    """Return the path of ``ontology/shapes.ttl`` (the SHACL shapes)."""
    return ontology_dir() / "shapes.ttl"


@lru_cache(maxsize=1)
def load_ontology() -> Graph:
    """Parse the OWL ontology once per process.

    Returns
    -------
    rdflib.Graph
        The ontology's triples. Do not modify it (it is cached).

    Raises
    ------
    GraphFileError
        When the file is missing or does not parse.
    """
    path = ontology_path()
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError:
        raise GraphFileError(f"{path}: ontology file not found") from None
    except Exception as err:  # rdflib raises several parser exception types
        raise GraphFileError(f"{path}: not valid Turtle: {err}") from None


def _local(iri: URIRef) -> str:
    return str(iri)[len(GB_IRI) :]


@lru_cache(maxsize=1)
def implied_polarity() -> dict[str, str]:
    """Return stance type -> polarity, as local names, read from ``gb:impliedPolarity``.

    Returns
    -------
    dict of str to str
        e.g. ``{"Criticism": "Negative", "Support": "Positive", ...}``.
    """
    g = load_ontology()
    return {
        _local(s): _local(o)
        for s, o in g.subject_objects(GB.impliedPolarity)
        if str(s).startswith(GB_IRI)
    }


@lru_cache(maxsize=1)
def entity_classes() -> tuple[str, ...]:
    """Return the local names of the five entity classes (direct subclasses of ``gb:Entity``)."""
    g = load_ontology()
    return tuple(sorted(_local(s) for s in g.subjects(RDFS.subClassOf, GB.Entity)))


def main_class_of(subclass: str) -> str | None:
    """Return the entity class (one of :func:`entity_classes`) a subclass falls under.

    Parameters
    ----------
    subclass : str
        Local name of a class, e.g. ``"IntergovernmentalOrganization"``.

    Returns
    -------
    str or None
        e.g. ``"Organization"``; the class itself for one of the five; None when ``subclass``
        is not an entity class of the ontology.
    """
    g = load_ontology()
    main = set(entity_classes())
    node = URIRef(GB_IRI + subclass)
    if (node, RDF.type, None) not in g:
        return None
    for cls in g.transitive_objects(node, RDFS.subClassOf):
        if str(cls).startswith(GB_IRI) and _local(cls) in main:
            return _local(cls)
    return None
