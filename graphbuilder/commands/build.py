"""The ``build`` command: articles in, ``graph.ttl``, ``graph.html`` and a manifest out."""

from __future__ import annotations

from pathlib import Path

import typer

from graphbuilder.nlp.pipeline import DEFAULT_MODEL


def register(app: typer.Typer) -> None:
    """Register ``graphbuilder build`` on the app."""

    @app.command("build")
    def build_command(
        inputs: list[Path] = typer.Argument(..., help=".txt, .md or .html files, or folders of them."),
        out: Path = typer.Option(Path("outputs"), "-o", "--out", help="Output folder."),
        model: str = typer.Option(DEFAULT_MODEL, "--model", help="Any installed spaCy pipeline."),
        force: bool = typer.Option(False, "--force", help="Overwrite graph files graphbuilder did not write."),
        max_bytes: int = typer.Option(None, "--max-bytes", help="Largest document accepted, in bytes."),
        max_documents: int = typer.Option(None, "--max-documents", help="Most documents in one build."),
        jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="spaCy worker processes."),
        no_validate: bool = typer.Option(False, "--no-validate", help="Skip the SHACL check."),
        no_view: bool = typer.Option(False, "--no-view", help="Do not write graph.html."),
    ) -> None:
        """Build the knowledge graph of INPUTS into the output folder."""
        from graphbuilder.build import DocumentProgress, build

        def report(event: DocumentProgress) -> None:
            if event.problem:
                typer.echo(f"[{event.index}/{event.total}] skipped: {event.problem}", err=True)
            else:
                typer.echo(
                    f"[{event.index}/{event.total}] {Path(event.source).name}: "
                    f"{event.entities} entities, {event.relations} relations, "
                    f"{event.stances} stances ({event.seconds:.1f} s)",
                    err=True,
                )

        summary = build(
            inputs,
            out,
            model=model,
            force=force,
            max_bytes=max_bytes,
            max_documents=max_documents,
            validate=not no_validate,
            view=not no_view,
            n_process=jobs,
            progress=report,
        )
        for path in summary.files:
            typer.echo(f"wrote {path}")
        typer.echo(summary.line())
        if summary.skipped:
            for line in summary.skipped:
                typer.echo(f"skipped: {line}", err=True)
            raise typer.Exit(code=2)
