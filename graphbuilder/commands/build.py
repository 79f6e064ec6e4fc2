"""The ``build`` command: articles in, ``graph.ttl``, ``graph.html`` and a manifest out.

``graphbuilder build DIR -o OUT`` builds the graph of DIR into OUT; ``graphbuilder build NEW...
--into OUT`` adds documents to the graph already in OUT; ``--store oxigraph:PATH`` writes the
graph to a persistent Oxigraph store instead of the graph files. ``--jobs N`` runs N worker
processes. ``--kb DIR`` and ``--lexicons DIR`` (or ``$GRAPHBUILDER_KB``,
``$GRAPHBUILDER_LEXICONS``) read your own knowledge-base and lexicon folders instead of the
bundled ones. Progress goes to stderr: a rich progress bar (documents/s, time left) on a
terminal, one plain line per document otherwise (CI logs, tests).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from graphbuilder.nlp.pipeline import DEFAULT_MODEL
from graphbuilder.paths import KB_ENV, LEXICONS_ENV


class _PlainProgress:
    """One line per document on stderr."""

    def __init__(self) -> None:
        self.cached = 0

    def __call__(self, event) -> None:
        if event.cached:
            self.cached += 1
            return
        if self.cached:
            typer.echo(f"{self.cached} documents already built, reused", err=True)
            self.cached = 0
        if event.problem:
            # the reason is in the summary's list of skipped documents
            typer.echo(
                f"[{event.index}/{event.total}] {Path(event.source).name}: skipped", err=True
            )
        else:
            typer.echo(
                f"[{event.index}/{event.total}] {Path(event.source).name}: "
                f"{event.entities} entities, {event.relations} relations, "
                f"{event.stances} stances ({event.seconds:.1f} s)",
                err=True,
            )

    def note(self, message: str) -> None:
        """A line about the build itself (e.g. whose lock it waits for)."""
        typer.echo(message, err=True)

    def close(self) -> None:
        if self.cached:
            typer.echo(f"{self.cached} documents already built, reused", err=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _RichProgress:
    """A rich progress bar on stderr: done/total, documents/s, words/s, time left."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("[bold]building"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
            # no refresh thread: a build with --jobs forks its workers from a process of one
            # thread (graphbuilder.build.executors.default_start_method)
            auto_refresh=False,
        )
        self.task = None
        self.words = 0
        self.parsed = 0
        self.started = None

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def note(self, message: str) -> None:
        """A line about the build itself, printed above the bar."""
        self.progress.console.print(message, markup=False, highlight=False)

    def __call__(self, event) -> None:
        import time

        if self.task is None:
            self.task = self.progress.add_task("build", total=event.total, rate="")
            self.started = time.perf_counter()
        if not event.problem and not event.cached:
            self.parsed += 1
            self.words += event.words
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        rate = f"{self.parsed / elapsed:.1f} docs/s, {self.words / elapsed:,.0f} words/s"
        self.progress.update(self.task, completed=event.index, rate=rate, refresh=True)


def register(app: typer.Typer) -> None:
    """Register ``graphbuilder build`` on the app."""

    @app.command("build")
    def build_command(
        inputs: Annotated[
            list[Path], typer.Argument(help=".txt, .md or .html files, or folders of them.")
        ],
        out: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path("outputs"),
        into: Annotated[
            Path | None,
            typer.Option("--into", help="Add INPUTS to the graph of this existing output folder."),
        ] = None,
        store: Annotated[
            str | None,
            typer.Option(
                "--store", help="Write the graph to oxigraph:PATH (or sparql:URL), not files."
            ),
        ] = None,
        model: Annotated[
            str, typer.Option("--model", help="Any installed spaCy pipeline.")
        ] = DEFAULT_MODEL,
        kb: Annotated[
            Path | None,
            typer.Option(
                "--kb",
                envvar=KB_ENV,
                help="Your own knowledge-base folder (the layout of ontology/kb); "
                "replaces the bundled one.",
            ),
        ] = None,
        lexicons: Annotated[
            Path | None,
            typer.Option(
                "--lexicons",
                envvar=LEXICONS_ENV,
                help="Your own lexicon folder (the layout of ontology/lexicon); "
                "replaces the bundled one.",
            ),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Overwrite graph files graphbuilder did not write.")
        ] = False,
        max_bytes: Annotated[
            int | None,
            typer.Option("--max-bytes", min=1, help="Largest document, in bytes."),
        ] = None,
        max_documents: Annotated[
            int | None, typer.Option("--max-documents", min=1, help="Most documents in one build.")
        ] = None,
        jobs: Annotated[
            int,
            typer.Option(
                "--jobs", "-j", min=1, help="Worker processes (each runs the whole pipeline)."
            ),
        ] = 1,
        engine: Annotated[
            str, typer.Option("--engine", help="local, or dask (with --scheduler).")
        ] = "local",
        scheduler: Annotated[
            str | None, typer.Option("--scheduler", help="Dask scheduler address.")
        ] = None,
        query_url: Annotated[
            str | None,
            typer.Option("--query-url", help="With sparql:URL: the query endpoint."),
        ] = None,
        update_url: Annotated[
            str | None,
            typer.Option("--update-url", help="With sparql:URL: the update endpoint."),
        ] = None,
        numpy_ops: Annotated[
            bool,
            typer.Option(
                "--numpy-ops/--blis",
                help="Matrix products through numpy (faster here) or spaCy's default blis.",
            ),
        ] = True,
        no_validate: Annotated[
            bool, typer.Option("--no-validate", help="Skip the SHACL check.")
        ] = False,
        no_view: Annotated[
            bool, typer.Option("--no-view", help="Do not write graph.html.")
        ] = False,
        no_wait: Annotated[
            bool,
            typer.Option(
                "--no-wait",
                help="When another build holds the output folder's (or store's) lock, exit "
                "at once with code 9 instead of waiting for it.",
            ),
        ] = False,
    ) -> None:
        """Build the knowledge graph of INPUTS into the output folder (or add them --into one).

        One build at a time writes a folder (or store): a second one waits for the first,
        saying whose lock it waits for, then adds its documents to the first one's graph.
        With --no-wait it exits with code 9 instead.
        """
        from graphbuilder.build import build

        reporter = _RichProgress() if sys.stderr.isatty() else _PlainProgress()
        with reporter:
            summary = build(
                inputs,
                into or out,
                into=into is not None,
                store=store,
                model=model,
                force=force,
                max_bytes=max_bytes,
                max_documents=max_documents,
                validate=not no_validate,
                view=not no_view,
                n_process=jobs,
                engine=engine,
                scheduler=scheduler,
                numpy_ops=numpy_ops,
                query_url=query_url,
                update_url=update_url,
                progress=reporter,
                kb_dir=kb,
                lexicon_dir=lexicons,
                wait=not no_wait,
                on_wait=reporter.note,
            )
        for path in summary.files:
            typer.echo(f"wrote {path}")
        if summary.store:
            typer.echo(f"wrote {summary.rewritten} document graphs to {summary.store}")
        typer.echo(summary.line())
        if summary.skipped:
            for line in summary.skipped:
                typer.echo(f"skipped: {line}", err=True)
            raise typer.Exit(code=2)
