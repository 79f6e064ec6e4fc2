"""The stance lexicon is generated from its sources, and every row says where it came from."""

from __future__ import annotations

import csv
import io
import runpy
from pathlib import Path

import pytest

from graphbuilder.extract.lexicon import load_stance_lexicon

PROJECT = Path(__file__).resolve().parents[2]
LEXICON = PROJECT / "ontology" / "lexicon" / "stance_cues.csv"
GENERATOR = PROJECT / "scripts" / "lexicon" / "gen_stance_cues.py"


def _rows(path: Path) -> list[dict[str, str]]:
    text = "\n".join(ln for ln in path.read_text(encoding="utf-8").splitlines() if ln[:1] != "#")
    return list(csv.DictReader(io.StringIO(text)))


def test_every_cue_has_a_source_and_a_confidence_factor() -> None:
    rows = _rows(LEXICON)
    assert len(rows) > 500
    assert not [r["cue"] for r in rows if not r["source"].strip()]
    assert all(0 < float(r["confidence"]) <= 1 for r in rows)
    lex = load_stance_lexicon(LEXICON)
    assert {c.cue for c in lex.candidates("call")} >= {"call on", "call for"}


def test_cameo_rows_cite_lines_of_the_dictionary(shared_dir: Path) -> None:
    cameo = (shared_dir / "data/petrarch2_dictionaries/CAMEO.2.0.txt").read_text("latin-1")
    lines = cameo.splitlines()
    cited = [r for r in _rows(LEXICON) if r["source"].startswith("CAMEO.2.0.txt line ")]
    assert len(cited) > 400
    for r in cited:
        n = int(r["source"].split()[2].rstrip(":"))
        head = r["cue"].split()[0]
        # the cited line is the member or the pattern naming the cue's verb (or its noun)
        window = " ".join(lines[n - 1 : n]).lower()
        assert any(w[:4] in window for w in r["cue"].split()), (r["cue"], n, head)


def test_generator_reproduces_the_committed_lexicon(shared_dir: Path, monkeypatch) -> None:
    pytest.importorskip("spacy")
    module = runpy.run_path(str(GENERATOR))
    rows = module["generate"](shared_dir)
    committed = _rows(LEXICON)
    assert [(r["cue"], r["pos"], r["stance_type"]) for r in rows] == [
        (r["cue"], r["pos"], r["stance_type"]) for r in committed
    ]
