"""The ``analyze`` command: blocs, shifts and contradictions of a graph's stances.

``graphbuilder analyze GRAPH -o DIR`` writes ``DIR/report.html`` (offline, inline SVG) and the
tables ``actors.csv``, ``stance-matrix.csv``, ``blocs.csv``, ``shifts.csv``,
``contradictions.csv`` and ``stances.csv`` (:func:`graphbuilder.analyze.analyze`). Progress
goes to stderr: a rich progress bar on a terminal, one line per step otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

_GRAPH = typer.Argument(
    metavar="GRAPH",
    help="A graph file (outputs/graph.ttl, .trig, .nt ...) or an Oxigraph store oxigraph:PATH.",
)


class _PlainProgress:
    """One line per finished step on stderr."""

    def __init__(self) -> None:
        self.last = None

    def __call__(self, step: str, done: int, total: int) -> None:
        if done >= total and step != self.last:
            self.last = step
            typer.echo(f"{step}: done", err=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None


class _RichProgress:
    """A rich progress bar per step on stderr."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
        )
        self.tasks: dict[str, int] = {}

    def __enter__(self):
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def __call__(self, step: str, done: int, total: int) -> None:
        if step not in self.tasks:
            self.tasks[step] = self.progress.add_task(step, total=total)
        self.progress.update(self.tasks[step], completed=done, total=total)


def register(app: typer.Typer) -> None:
    """Register ``graphbuilder analyze GRAPH -o DIR`` on the app."""

    @app.command("analyze")
    def analyze_command(
        graph: Annotated[str, _GRAPH],
        out: Annotated[
            Path, typer.Option("-o", "--out", help="Folder for report.html and the tables.")
        ] = Path("analysis"),
        fold_people: Annotated[
            bool,
            typer.Option(
                "--fold-people",
                help="Count a person's stances for the state or organization they lead or "
                "serve on the document's date.",
            ),
        ] = False,
        exclude_author: Annotated[
            bool,
            typer.Option("--exclude-author", help="Leave out the authors' own opinions."),
        ] = False,
        no_kb: Annotated[
            bool, typer.Option("--no-kb", help="Leave out knowledge-base facts.")
        ] = False,
        period: Annotated[
            str,
            typer.Option("--period", help="Periods of shifts and timelines: year, quarter, month."),
        ] = "year",
        shuffles: Annotated[
            int,
            typer.Option("--shuffles", min=0, help="Sign-shuffled copies for the bloc baseline."),
        ] = 20,
        seed: Annotated[int, typer.Option("--seed", help="Seed of the searches.")] = 0,
        graph_html: Annotated[
            Path | None,
            typer.Option(
                "--graph-html", help="The view rows link to (default: graph.html beside GRAPH)."
            ),
        ] = None,
        title: Annotated[str | None, typer.Option("--title", help="Page title.")] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Overwrite files graphbuilder did not write.")
        ] = False,
    ) -> None:
        """Write DIR/report.html and CSV tables: blocs, shifts and contradictions of GRAPH."""
        from graphbuilder.analyze import analyze
        from graphbuilder.analyze.timeline import PERIODS

        if period not in PERIODS:
            raise typer.BadParameter(
                f"{period!r} is not one of {', '.join(PERIODS)}", param_hint="--period"
            )
        reporter = _RichProgress() if sys.stderr.isatty() else _PlainProgress()
        with reporter:
            summary = analyze(
                graph,
                out,
                fold_people=fold_people,
                exclude_author=exclude_author,
                no_kb=no_kb,
                period=period,
                shuffles=shuffles,
                seed=seed,
                force=force,
                graph_html=graph_html,
                title=title,
                progress=reporter,
            )
        for path in summary.files:
            typer.echo(f"wrote {path}")
        a = summary.analysis
        p = a.partition
        blocs = sum(1 for members in p.blocs().values() if len(members) > 1)
        typer.echo(
            f"{len(a.stances)} stances, {a.network.number_of_nodes()} actors, {blocs} blocs, "
            f"frustration {p.frustration}{'' if p.exact else ' (upper bound)'}, "
            f"{len(a.shifts)} shifts, {len(a.contradictions)} contradictions "
            f"in {summary.seconds:.1f} s"
        )
