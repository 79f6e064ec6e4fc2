"""The ``eval`` command: score a graph against a gold annotation or a folder of them.

Thin: parses the arguments and calls :func:`graphbuilder.evaluate.gold.score_files` (one gold
file) or :func:`graphbuilder.evaluate.corpus.score_corpus` (a folder).
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
    typer.Option(
        "--gold",
        help="The gold annotation (JSON, format of shared/gold/README.md), or a folder of them: "
        "then each document's named graph is scored against the gold file naming it.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the full score as JSON.")]


def register(app: typer.Typer) -> None:
    """Register ``graphbuilder eval`` on the app."""

    @app.command("eval")
    def eval_command(graph: GraphArg, gold: GoldOpt, as_json: JsonOpt = False) -> None:
        """Score GRAPH against a gold annotation: precision, recall and F1 per layer
        (entities untyped and typed, relations, stances), stance-type agreement, then what
        was missed and what was wrong. With a folder of gold files: per-document figures
        and the mean per layer."""
        if gold.is_dir():
            from graphbuilder.evaluate.corpus import format_corpus_score, score_corpus

            corpus = score_corpus(gold, graph)
            if as_json:
                typer.echo(json.dumps(corpus.to_dict(), indent=2, ensure_ascii=False))
            else:
                typer.echo(format_corpus_score(corpus))
            return
        from graphbuilder.evaluate.gold import format_score, score_files

        score = score_files(gold, graph)
        if as_json:
            typer.echo(json.dumps(score.to_dict(), indent=2, ensure_ascii=False))
        else:
            typer.echo(format_score(score))
