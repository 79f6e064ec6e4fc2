"""The ``eval`` command: score a graph against a gold annotation.

Thin: parses the arguments and calls :func:`graphbuilder.evaluate.gold.score_files`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

GraphArg = Annotated[
    Path,
    typer.Argument(help="The graph to score (.ttl, .nt, .trig, .nq; also .n3, .rdf, .jsonld)."),
]
GoldOpt = Annotated[
    Path,
    typer.Option("--gold", help="The gold annotation (JSON, format of shared/gold/README.md)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the full score as JSON.")]


def register(app: typer.Typer) -> None:
    """Register ``graphbuilder eval`` on the app."""

    @app.command("eval")
    def eval_command(graph: GraphArg, gold: GoldOpt, as_json: JsonOpt = False) -> None:
        """Score GRAPH against a gold annotation: precision, recall and F1 per layer
        (entities untyped and typed, relations, stances), stance-type agreement, then what
        was missed and what was wrong."""
        from graphbuilder.evaluate.gold import format_score, score_files

        score = score_files(gold, graph)
        if as_json:
            typer.echo(json.dumps(score.to_dict(), indent=2, ensure_ascii=False))
        else:
            typer.echo(format_score(score))
