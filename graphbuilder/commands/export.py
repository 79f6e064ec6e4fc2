"""The ``export`` command: a graph file to Turtle, N-Triples, N-Quads, JSON-LD, GraphML, CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Register ``graphbuilder export`` on the app."""

    @app.command("export")
    def export_command(
        graph: Annotated[Path, typer.Argument(help="Graph file (.ttl .nt .nq .trig .jsonld).")],
        fmt: Annotated[
            str,
            typer.Option("--format", help="turtle, ntriples, nquads, jsonld, graphml or csv."),
        ] = "turtle",
        out: Annotated[
            Path | None,
            typer.Option("-o", "--out", help="Output file (csv: FILE_nodes.csv, FILE_edges.csv)."),
        ] = None,
    ) -> None:
        """Export GRAPH to another format (to stdout without -o, except csv)."""
        from graphbuilder.rdf.export import export_graph

        result = export_graph(graph, fmt, out)
        if isinstance(result, bytes):
            sys.stdout.buffer.write(result)
            sys.stdout.flush()
        else:
            for path in result:
                typer.echo(f"wrote {path}", err=True)
