"""The CoNLL04 scoring of benchmarks/quality/public_sets.py: the two annotation habits it
neutralises on both sides (a leading title, "City, State"), on sentences written here."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ps():
    spec = importlib.util.spec_from_file_location(
        "public_sets", ROOT / "benchmarks" / "quality" / "public_sets.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _span(text: str, part: str) -> tuple[int, int]:
    i = text.index(part)
    return i, i + len(part)


def test_leading_title_is_trimmed_on_both_sides(ps):
    text = "Gov. Ada Brinkley met Composer Lutz in Bonn."
    assert ps._untitled(text, _span(text, "Gov. Ada Brinkley")) == _span(text, "Ada Brinkley")
    assert ps._untitled(text, _span(text, "Composer Lutz")) == _span(text, "Lutz")
    # control: a one-word name that is also a title word stays
    assert ps._untitled(text, _span(text, "Bonn")) == _span(text, "Bonn")
    c = Counter()
    gold = [{"type": "Peop", "span": _span(text, "Gov. Ada Brinkley")}]
    ps._score_conll_entities([(_span(text, "Ada Brinkley"), "Peop")], gold, c, text)
    assert (c["tp_typed"], c["pred"], c["gold"]) == (1, 1, 1)
    strict = Counter()
    ps._score_conll_entities([(_span(text, "Ada Brinkley"), "Peop")], gold, strict)
    assert strict["tp_typed"] == 0


def test_city_state_span_matched_by_its_two_places(ps):
    text = "She was born in Dover, Del., in 1950."
    gold = [{"type": "Loc", "span": ps._trim(text, *_span(text, "Dover, Del."))}]
    preds = [(_span(text, "Dover"), "Loc"), (ps._trim(text, *_span(text, "Del.")), "Loc")]
    c = Counter()
    ps._score_conll_entities(preds, gold, c, text)
    assert (c["tp_typed"], c["pred"], c["gold"]) == (1, 1, 1)
    # control: one place alone does not match the gold span
    c = Counter()
    ps._score_conll_entities(preds[:1], gold, c, text)
    assert (c["tp_typed"], c["pred"]) == (0, 1)


def test_re3d_prediction_on_a_low_confidence_span_is_not_scored(ps):
    gold = [{"type": "Person", "begin": 0, "end": 10}]
    unsure = [{"type": "Location", "begin": 20, "end": 25}]
    preds = [(0, 10, {"Person"}), (20, 25, {"Location"}), (30, 35, {"Location"})]
    c = Counter()
    ps._score_re3d_entities(preds, gold, c, unsure)
    # the prediction on the uncertain span is left out; the one on nothing is a false positive
    assert (c["pred"], c["tp_typed"], c["unscored"]) == (2, 1, 1)
    strict = Counter()
    ps._score_re3d_entities(preds, gold, strict)
    assert (strict["pred"], strict["tp_typed"]) == (3, 1)
