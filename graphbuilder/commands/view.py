"""The ``view`` command: write a saved graph as one self-contained interactive HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

_GRAPH = typer.Argument(
    metavar="GRAPH",
    help="A saved graph (.ttl, .nt, .nq, .trig, .jsonld, .rdf), e.g. outputs/graph.ttl or a "
    "SPARQL CONSTRUCT result.",
)
_OUTPUT = typer.Option(
    "--output",
    "-o",
    help="The HTML file to write (default: GRAPH with the suffix .html, beside it).",
)
_TITLE = typer.Option("--title", help="Page title (default: the graph file's name).")
_FORCE = typer.Option("--force", help="Overwrite a file graphbuilder did not write.")

#: The generator tag of every page graphbuilder's view writes.


def register(app: typer.Typer) -> None:
    """Register ``graphbuilder view GRAPH [-o FILE.html] [--title TEXT] [--force]``."""

    @app.command("view")
    def view(
        graph: Annotated[Path, _GRAPH],
        output: Annotated[Path | None, _OUTPUT] = None,
        title: Annotated[str | None, _TITLE] = None,
        force: Annotated[bool, _FORCE] = False,
    ) -> None:
        """Write GRAPH as one self-contained HTML page: no network needed to open it."""
        from graphbuilder.view import render_file

        stats = render_file(graph, output, title=title, force=force)
        typer.echo(f"wrote {stats.path} ({stats.nodes} nodes, {stats.edges} edges)")
