"""Scoring a multi-document graph against a folder of gold files (``eval --gold DIR``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from graphbuilder.build import build
from graphbuilder.commands import evaluate as evaluate_command
from graphbuilder.errors import GraphFileError
from graphbuilder.evaluate.corpus import format_corpus_score, score_corpus
from graphbuilder.evaluate.gold import GoldFileError

ARTICLES = {
    "a.txt": "France condemned Russia on Monday.",
    "b.txt": "Germany praised Poland. Spain met Italy.",
}


def _gold(document: str, entities, stances) -> dict:
    return {
        "document": document,
        "published": "2024-01-01",
        "author": None,
        "entities": [
            {"id": i, "type": "Country", "required": True, "names": [n]} for i, n in entities
        ],
        "forbidden_names": [],
        "relations": [],
        "stances": [
            {"holder": [h], "target": [t], "polarity": p, "type": ty, "required": True}
            for h, t, p, ty in stances
        ],
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, nlp) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("corpus")
    (root / "corpus").mkdir()
    for name, text in ARTICLES.items():
        (root / "corpus" / name).write_text(text, encoding="utf-8")
    gold = root / "gold"
    gold.mkdir()
    golds = {
        "a.json": _gold(
            "corpus/a.txt",
            [("fra", "France"), ("rus", "Russia")],
            [("fra", "rus", "Negative", "Condemnation")],
        ),
        "b.json": _gold(
            "corpus/b.txt",
            [("deu", "Germany"), ("pol", "Poland"), ("esp", "Spain"), ("ita", "Italy")],
            [("deu", "pol", "Positive", "Praise"), ("ita", "esp", "Negative", "Criticism")],
        ),
        "c.json": _gold("corpus/c.txt", [("usa", "United States")], []),
    }
    for name, data in golds.items():
        (gold / name).write_text(json.dumps(data), encoding="utf-8")
    out = root / "out"
    build([root / "corpus"], out, nlp=nlp, view=False)
    return gold, out


def test_each_document_scored_against_its_gold(corpus) -> None:
    gold, out = corpus
    score = score_corpus(gold, out / "graph.trig")
    assert list(score.documents) == ["a.json", "b.json", "c.json"]
    assert score.absent == ["c.json"]
    a, b, c = (score.documents[n].stances for n in ("a.json", "b.json", "c.json"))
    assert (a.tp, a.fp, a.fn) == (1, 0, 0)
    assert b.tp == 1 and b.fn == 1  # "Spain met Italy" is no criticism
    assert score.documents["c.json"].entities_typed.recall == 0.0
    # the mean weighs each document the same: (1 + 2/3 + 0) / 3 for stance F1
    assert score.mean("stances", "f1") == pytest.approx((1.0 + b.f1 + c.f1) / 3)
    pooled = score.pooled("stances")
    assert (pooled.tp, pooled.fn) == (a.tp + b.tp, a.fn + b.fn + c.fn)


def test_output_folder_and_report(corpus) -> None:
    gold, out = corpus
    score = score_corpus(gold, out)  # the folder: its graph.trig
    text = format_corpus_score(score)
    assert "mean (3 documents)" in text
    assert "not in the graph (1): c.json" in text
    row = next(line for line in text.splitlines() if line.startswith("a.json"))
    assert row.endswith("1/0/0")


def test_eval_command_with_gold_folder(corpus) -> None:
    gold, out = corpus
    app = typer.Typer()
    evaluate_command.register(app)
    app.command("noop")(lambda: None)
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "--gold", str(gold), str(out / "graph.trig"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["absent"] == ["c.json"]
    assert data["documents"]["a.json"]["stances"]["tp"] == 1


def test_triple_file_with_several_documents_refused(corpus) -> None:
    gold, out = corpus
    with pytest.raises(GraphFileError, match="several documents"):
        score_corpus(gold, out / "graph.ttl")


def test_gold_folder_errors(tmp_path: Path, corpus) -> None:
    _, out = corpus
    with pytest.raises(GoldFileError, match="no such gold folder"):
        score_corpus(tmp_path / "none", out)
    with pytest.raises(GoldFileError, match="no gold files"):
        score_corpus(tmp_path, out)
