"""Check a graph against the SHACL shapes of ``ontology/shapes.ttl`` (with pyshacl).

The shapes encode the RDF contract (``shared/spec/vocabulary.md``): each entity has exactly one
of the five classes and one ``rdfs:label``; a stance has holder, target, polarity, type,
attribution and evidence; confidences are ``xsd:decimal`` in [0, 1]; offsets non-negative
``xsd:integer`` with start < end; every relation is reified with its provenance; documents
have ``gb:sha256``. Results of severity ``sh:Warning`` (disputable classes of a relation's
subject or object) are reported but do not make the graph non-conforming.

pyshacl checks the core constraints. The SPARQL-based constraints of the shapes (``sh:sparql``
with ``sh:select``: the reification checks) are run once over the whole graph on Oxigraph
instead, with ``$this`` as an ordinary variable: pyshacl parses and evaluates such a query
once per focus node with rdflib's SPARQL engine, which made it most of a build's validation
time (4.4 of 6.7 s on the 50,000-word benchmark corpus). This needs each such query to bind
``$this`` through its own patterns (ours do); the results are the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from graphbuilder.errors import GraphFileError, ValidationError
from graphbuilder.rdf.io import union_graph
from graphbuilder.rdf.namespaces import bind_prefixes
from graphbuilder.rdf.ontology import shapes_path

__all__ = ["Violation", "ValidationReport", "load_shapes", "validate_graph", "check_graph"]


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result, readable.

    Attributes
    ----------
    severity : str
        ``"Violation"``, ``"Warning"`` or ``"Info"``.
    focus : str
        The node at fault, as a prefixed name or ``<IRI>``.
    path : str
        The property at fault (prefixed name), or ``""`` for node-level constraints.
    message : str
        What is wrong.
    value : str
        The offending value, where there is one.
    """

    severity: str
    focus: str
    path: str
    message: str
    value: str = ""

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        val = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}{val}"


@dataclass
class ValidationReport:
    """The outcome of :func:`validate_graph`.

    Attributes
    ----------
    conforms : bool
        True when no result has severity ``Violation``.
    violations : list of Violation
        Every result of severity ``Violation``, sorted.
    warnings : list of Violation
        Results of severity ``Warning`` or ``Info``, sorted.
    """

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)

    def text(self) -> str:
        """Return a readable multi-line summary (one line per result)."""
        head = "conforms" if self.conforms else f"{len(self.violations)} violation(s)"
        if self.warnings:
            head += f", {len(self.warnings)} warning(s)"
        return "\n".join([head, *map(str, self.violations), *map(str, self.warnings)])


@dataclass(frozen=True)
class _SparqlConstraint:
    shape: Node
    message: str
    select: str


@lru_cache(maxsize=4)
def _split_shapes(path: str) -> tuple[Graph, tuple[_SparqlConstraint, ...]]:
    """The shapes without their ``sh:sparql`` constraints, and those constraints."""
    shapes = load_shapes(path)
    core = Graph()
    for prefix, ns in shapes.namespaces():
        core.bind(prefix, ns)
    dropped: set[Node] = set()
    constraints = []
    for shape, node in shapes.subject_objects(SH.sparql):
        select = shapes.value(node, SH.select)
        if select is None:
            continue
        message = shapes.value(node, SH.message)
        constraints.append(
            _SparqlConstraint(shape, str(message or "SPARQL constraint not met"), str(select))
        )
        dropped.add(node)
    for triple in shapes:
        if triple[0] in dropped or (triple[1] == SH.sparql and triple[2] in dropped):
            continue
        core.add(triple)
    return core, tuple(sorted(constraints, key=lambda c: c.message))


def _run_sparql_constraints(
    data: Graph, constraints: tuple[_SparqlConstraint, ...], names: Graph
) -> set[Violation]:
    """Each constraint's SELECT once over the whole graph, on Oxigraph; a row is a result."""
    if not constraints:
        return set()
    from graphbuilder.rdf.convert import from_ox
    from graphbuilder.rdf.namespaces import PREFIXES
    from graphbuilder.store.oxigraph import load_into_store, open_store

    store = open_store(None)
    load_into_store(store, data)
    out = set()
    for constraint in constraints:
        query = constraint.select.replace("$this", "?this")
        for row in store.query(query, prefixes=PREFIXES):
            message = constraint.message
            for var in ("this", "s", "p", "o", "value", "path"):
                try:
                    term = row[var]
                except (KeyError, IndexError, TypeError):
                    continue
                if term is not None:
                    message = message.replace("{?" + var + "}", _show(names, from_ox(term)))
                    message = message.replace("{$" + var + "}", _show(names, from_ox(term)))
            out.add(Violation("Violation", _show(names, from_ox(row["this"])), "", message))
    return out


@lru_cache(maxsize=4)
def _load_shapes(path: str) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError:
        raise GraphFileError(f"{path}: SHACL shapes file not found") from None
    except Exception as err:
        raise GraphFileError(f"{path}: not valid Turtle: {' '.join(str(err).split())}") from None


def load_shapes(path: str | Path | None = None) -> Graph:
    """Return the SHACL shapes graph (default ``ontology/shapes.ttl``), parsed once.

    Raises
    ------
    GraphFileError
        When the shapes file is missing or does not parse.
    """
    return _load_shapes(str(path or shapes_path()))


def _show(graph: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, Literal):
        text = str(node)
        return repr(text if len(text) <= 80 else text[:77] + "...")
    if isinstance(node, URIRef):
        try:
            return node.n3(graph.namespace_manager)
        except Exception:  # an IRI that cannot be a prefixed name
            return f"<{node}>"
    return node.n3()


def validate_graph(graph: Graph, shapes: str | Path | None = None) -> ValidationReport:
    """Validate a graph (or dataset: the union of its graphs) against the SHACL shapes.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        The graph to check; not modified.
    shapes : str or pathlib.Path or None
        A shapes file; default ``ontology/shapes.ttl``.

    Returns
    -------
    ValidationReport
        ``conforms`` and the readable results.

    Raises
    ------
    GraphFileError
        When the shapes file is missing, does not parse or cannot be applied.

    Examples
    --------
    >>> from rdflib import Graph
    >>> validate_graph(Graph()).conforms
    True
    """
    import pyshacl

    data = union_graph(graph)
    core, sparql_constraints = _split_shapes(str(shapes or shapes_path()))
    conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=core,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=False,
    )
    if not isinstance(results, Graph):  # pyshacl.ValidationFailure: the shapes are at fault
        where = shapes or shapes_path()
        raise GraphFileError(f"{where}: SHACL shapes cannot be applied: {results}")
    names = bind_prefixes(Graph())
    violations, warnings = set(), set()
    for res in results.subjects(RDF.type, SH.ValidationResult):
        sev = results.value(res, SH.resultSeverity)
        severity = str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation"
        msg = results.value(res, SH.resultMessage)
        item = Violation(
            severity=severity,
            focus=_show(names, results.value(res, SH.focusNode)),
            path=_show(names, results.value(res, SH.resultPath)),
            message=str(msg) if msg is not None else "constraint not met",
            value=_show(names, results.value(res, SH.value)),
        )
        (violations if severity == "Violation" else warnings).add(item)
    violations |= _run_sparql_constraints(data, sparql_constraints, names)
    return ValidationReport(
        conforms=not violations, violations=sorted(violations), warnings=sorted(warnings)
    )


def check_graph(graph: Graph, shapes: str | Path | None = None, limit: int = 5) -> None:
    """Raise :class:`ValidationError` when ``graph`` violates the shapes.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
    shapes : str or pathlib.Path or None
    limit : int
        How many violations the one-line message quotes.

    Raises
    ------
    ValidationError
        With the count and the first ``limit`` violations on one line.
    """
    report = validate_graph(graph, shapes)
    if not report.conforms:
        first = "; ".join(str(v) for v in report.violations[:limit])
        more = len(report.violations) - limit
        tail = f"; and {more} more" if more > 0 else ""
        raise ValidationError(
            f"graph violates the SHACL shapes ({len(report.violations)} violation(s)): "
            f"{first}{tail}"
        )
