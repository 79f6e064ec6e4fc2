"""The ``validate`` command: check a graph file against the SHACL shapes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Register ``graphbuilder validate`` on the app."""

    @app.command("validate")
    def validate_command(
        graph: Annotated[
            Path, typer.Argument(help="Graph file (.ttl .nt .nq .trig .jsonld .rdf).")
        ],
        shapes: Annotated[
            Path | None,
            typer.Option("--shapes", help="SHACL shapes file (default: ontology/shapes.ttl)."),
        ] = None,
    ) -> None:
        """Validate GRAPH against the SHACL shapes; print each violation; exit 6 if any."""
        from graphbuilder.errors import ValidationError
        from graphbuilder.rdf.io import load_graph
        from graphbuilder.rdf.validate import validate_graph

        report = validate_graph(load_graph(graph), shapes)
        for item in report.violations + report.warnings:
            typer.echo(str(item))
        if not report.conforms:
            raise ValidationError(
                f"{graph}: {len(report.violations)} SHACL violation(s)"
                + (f", {len(report.warnings)} warning(s)" if report.warnings else "")
            )
        extra = f" ({len(report.warnings)} warning(s))" if report.warnings else ""
        typer.echo(f"{graph}: conforms{extra}")
