"""The ``kb`` command group: manage the knowledge base (``graphbuilder kb import FILE``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

kb_app = typer.Typer(
    name="kb",
    help="Manage the knowledge base (ontology/kb/).",
    no_args_is_help=True,
    add_completion=False,
)


@kb_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A saved Wikidata SPARQL JSON result.")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="Entity class of the rows: person, country, organization, location or event.",
        ),
    ] = "organization",
    into: Annotated[
        Path | None,
        typer.Option("--into", help="Target CSV or folder (default ontology/kb/imported.csv)."),
    ] = None,
) -> None:
    """Merge a Wikidata SPARQL JSON result (columns item, itemLabel, altLabel ...) into the
    KB by QID."""
    from graphbuilder.resolve.kb_import import import_wikidata

    target, added, updated = import_wikidata(file, kind=kind, into=into)
    typer.echo(f"{target}: {added} added, {updated} updated")


def register(app: typer.Typer) -> None:
    """Register the ``kb`` command group on the app."""
    app.add_typer(kb_app, name="kb")
