"""Issue 14: the import graph of ``graphbuilder/`` has no cycle.

The graph is read with the standard library's :mod:`ast` from the package's own sources: an
edge ``a -> b`` for every ``import graphbuilder.b`` / ``from graphbuilder.b import x`` in
module ``a`` (``from graphbuilder.b import c`` with ``c`` a module is an edge to ``b.c``).
Importing ``b.c`` also runs the package ``b/__init__.py``; that implicit edge is left out, as
by other import checkers, since a package re-exporting its submodules is no cycle.

Module-level imports (including those inside top-level ``if``/``try``) run when a module is
imported; imports inside functions run later, but a cycle through them still ties two modules
together. No cycle at all is allowed through either.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "graphbuilder"


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _module_level(tree: ast.Module) -> list[ast.stmt]:
    """Statements run at import: the body, and the bodies of top-level if/try blocks."""
    out: list[ast.stmt] = []
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        out.append(node)
        if isinstance(node, ast.If):
            todo.extend(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            todo.extend(node.body + node.orelse + node.finalbody)
            todo.extend(s for handler in node.handlers for s in handler.body)
    return out


def _targets(node: ast.AST, module: str, is_package: bool, modules: dict) -> list[str]:
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:  # relative: resolve against this module's package
            package = module.split(".") if is_package else module.split(".")[:-1]
            package = package[: len(package) - node.level + 1]
            base = ".".join(package + ([node.module] if node.module else []))
        names = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
    else:
        return []
    found = []
    for name in names:
        while name and name not in modules:  # import a.b.C (a class): the module a.b
            name = name.rpartition(".")[0]
        if name and name != module:
            found.append(name)
    return found


def import_graph(deferred: bool) -> nx.DiGraph:
    """The package's import graph: module-level imports, and with ``deferred`` those inside
    functions too."""
    modules = _modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        nodes = ast.walk(tree) if deferred else _module_level(tree)
        for node in nodes:
            for target in _targets(node, module, path.name == "__init__.py", modules):
                graph.add_edge(module, target)
    return graph


def cycles(graph: nx.DiGraph) -> set[frozenset[str]]:
    """The strongly connected components of more than one module."""
    return {frozenset(c) for c in nx.strongly_connected_components(graph) if len(c) > 1}


def _describe(graph: nx.DiGraph, found: set[frozenset[str]]) -> str:
    lines = []
    for component in sorted(found, key=sorted):
        cycle = nx.find_cycle(graph.subgraph(component))
        lines.append(" -> ".join([a for a, _ in cycle] + [cycle[0][0]]))
    return "; ".join(lines)


def test_graph_is_read():
    graph = import_graph(deferred=True)
    assert ("graphbuilder.build.core", "graphbuilder.build.executors") in graph.edges
    deferred = ("graphbuilder.build.executors", "graphbuilder.engines.dask_engine")
    assert deferred in graph.edges
    assert deferred not in import_graph(deferred=False).edges
    assert ("graphbuilder.cli", "graphbuilder.errors") in import_graph(deferred=False).edges


def test_no_cycle_among_module_level_imports():
    graph = import_graph(deferred=False)
    found = cycles(graph)
    assert not found, f"import cycles: {_describe(graph, found)}"


def test_no_cycle_through_imports_inside_functions():
    graph = import_graph(deferred=True)
    found = cycles(graph)
    assert not found, f"import cycles: {_describe(graph, found)}"


def test_build_and_the_dask_engine_do_not_import_each_other():
    graph = import_graph(deferred=True)
    for module in ("graphbuilder.build", "graphbuilder.build.core", "graphbuilder.build.executors"):
        assert not nx.has_path(graph, "graphbuilder.engines.dask_engine", module)


def test_the_store_does_not_know_the_view():
    graph = import_graph(deferred=True)
    store = [m for m in graph if m.startswith("graphbuilder.store")]
    view = {m for m in graph if m.startswith("graphbuilder.view")}
    reached = {m for s in store for m in nx.descendants(graph, s)}
    assert store and view and not reached & view
