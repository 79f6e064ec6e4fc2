"""Stance quality in one table: ``.venv/bin/python benchmarks/quality/stances.py [--write]``.

Prints, for the current code and one loaded pipeline:

- **dev**: the 20 articles of ``shared/corpus/dev`` built into one graph (real ``build``) and
  scored with ``graphbuilder eval --gold shared/gold/dev`` (:mod:`graphbuilder.evaluate.corpus`):
  mean stance, typed-entity and relation F1 over the documents;
- **seed**: the seed article against ``shared/gold/csto-summit-2022.json``;
- **PLOVER**: share of the gold records detected with the right polarity (recall of
  ``evaluate_data.eval_plover``: holder a source actor, target a target actor, polarity agrees);
- **re3d Likes/Dislikes**: recall and precision (``evaluate_data.eval_re3d``);
- **NewsMTSC**: polarity agreement and coverage (``evaluate_data.eval_newsmtsc``);
- **reliability** on dev: the graph's stances binned by ``gb:confidence``; per bin the share
  of scored stances that are right (tp / (tp + fp) of the gold scoring rules, stances whose
  ends map to no gold entity are not scored), so that "confidence >= 0.8 is right >= 80% of
  the time" can be read off.

Data sets whose folders are absent are reported as skipped. ``--write`` also writes
``benchmarks/quality/stances.md`` with the date and commit.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import rdflib
from rdflib import RDF

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
SHARED = Path(os.environ.get("GRAPHBUILDER_SHARED", PROJECT.parent / "shared"))
BINS = ((0.0, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def _keep_stances(graph: rdflib.Graph, lo: float, hi: float) -> rdflib.Graph:
    """A copy of ``graph`` without the stances whose confidence is outside [lo, hi)."""
    from graphbuilder.rdf.namespaces import GB

    out = rdflib.Graph()
    drop = set()
    for st in graph.subjects(RDF.type, GB.Stance):
        conf = graph.value(st, GB.confidence)
        if conf is None or not lo <= float(conf) < hi:
            drop.add(st)
    for s, p, o in graph:
        if s not in drop:
            out.add((s, p, o))
    return out


def dev_and_seed(nlp) -> dict:
    """Build dev + seed into one graph; score dev per document, the seed, and reliability."""
    from graphbuilder.build import build
    from graphbuilder.evaluate.corpus import document_graphs, document_part, score_corpus
    from graphbuilder.evaluate.gold import load_gold, score_graph

    dev, gold_dev = SHARED / "corpus" / "dev", SHARED / "gold" / "dev"
    seed, seed_gold = SHARED / "corpus" / "csto-summit-2022.txt", SHARED / "gold"
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        build([dev, seed], Path(tmp), nlp=nlp, view=False)
        corpus = score_corpus(gold_dev, Path(tmp))
        out["dev"] = {
            "documents": len(corpus.documents),
            "stances_F1_mean": corpus.mean("stances", "f1"),
            "stances_P_mean": corpus.mean("stances", "precision"),
            "stances_R_mean": corpus.mean("stances", "recall"),
            "entities_typed_F1_mean": corpus.mean("entities_typed", "f1"),
            "relations_F1_mean": corpus.mean("relations", "f1"),
        }
        seed_score = score_corpus(seed_gold, Path(tmp)).documents["csto-summit-2022.json"]
        out["seed"] = {
            "stances_F1": seed_score.stances.f1,
            "entities_typed_F1": seed_score.entities_typed.f1,
            "relations_F1": seed_score.relations.f1,
        }
        parts = document_graphs(Path(tmp))
        golds = [load_gold(p) for p in sorted(gold_dev.glob("*.json"))]
        rel = []
        for lo, hi in BINS:
            tp = fp = 0
            for gold in golds:
                part = document_part(parts, gold.document)
                if part is None:
                    continue
                score = score_graph(_keep_stances(part, lo, hi), gold)
                tp, fp = tp + score.stances.tp, fp + score.stances.fp
            if tp + fp:  # bins with no scored stance are left out of the table
                label = f"[{lo:.1f}, {hi:.1f})" if hi <= 1.0 else f"[{lo:.1f}, 1.0]"
                rel.append({"bin": label, "scored": tp + fp, "right": tp})
        out["reliability"] = rel
        out["misses"] = [m for s in corpus.documents.values() for m in s.stances.missed]
    return out


def public_sets(nlp) -> dict:
    """PLOVER, re3d Likes/Dislikes and NewsMTSC through ``evaluate_data.py``'s scorers."""
    sys.path.insert(0, str(HERE))
    import evaluate_data as ed

    fps = {k: ed.Patterns() for k in ("entity", "entity_class", "relation", "stance")}
    out: dict = {}
    runs = {
        "plover": (ed.DATA / "plover_gsr" / "PLOVER_GSR_CAMEO.json", ed.eval_plover),
        "re3d": (ed.DATA / "re3d", ed.eval_re3d),
        "newsmtsc": (ed.DATA / "newsmtsc" / "devtest_rw.jsonl", ed.eval_newsmtsc),
    }
    for name, (path, fn) in runs.items():
        out[name] = fn(nlp, None, fps) if path.exists() else None
    return out


def render(dev: dict | None, pub: dict) -> str:
    rows = []
    if dev:
        d, s = dev["dev"], dev["seed"]
        rows += [
            (
                "dev: mean stance F1 (P / R)",
                f"{d['stances_F1_mean']:.3f} "
                f"({d['stances_P_mean']:.3f} / {d['stances_R_mean']:.3f})",
            ),
            ("dev: mean typed entity F1", f"{d['entities_typed_F1_mean']:.3f}"),
            ("dev: mean relation F1", f"{d['relations_F1_mean']:.3f}"),
            ("seed: stance F1", f"{s['stances_F1']:.3f}"),
        ]
    p, r, n = pub.get("plover"), pub.get("re3d"), pub.get("newsmtsc")
    if p:
        rows.append(
            (
                "PLOVER: records detected with right polarity",
                f"{p['R']:.3f} ({p['found']} of {p['gold']} records)",
            )
        )
        rows.append(("PLOVER: precision", f"{p['P']:.3f} ({p['tp']} of {p['pred']} stances)"))
    if r:
        st = r["stances"]
        rows.append(
            (
                "re3d Likes+Dislikes: recall",
                f"{st['R']:.3f} ({st['found']} of {st['gold']} gold relations)",
            )
        )
        precision = f"{st['P']:.3f} ({st['tp']} of {st['pred']} stances)"
        rows.append(("re3d Likes+Dislikes: precision", precision))
    if n:
        rows.append(("NewsMTSC: polarity agreement", f"{n['polarity_agreement']:.3f}"))
        rows.append(
            ("NewsMTSC: coverage of polar targets", f"{n['coverage_of_polar_targets']:.3f}")
        )
    lines = ["| measure | value |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows)]
    if dev:
        lines += [
            "",
            "Reliability on dev (stances by confidence):",
            "",
            "| confidence | scored | right | precision |",
            "|---|---|---|---|",
        ]
        for b in dev["reliability"]:
            prec = b["right"] / b["scored"] if b["scored"] else float("nan")
            lines.append(f"| {b['bin']} | {b['scored']} | {b['right']} | {prec:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="write benchmarks/quality/stances.md")
    ap.add_argument("--misses", action="store_true", help="also list the dev misses")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(PROJECT))
    from graphbuilder.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    dev = dev_and_seed(nlp) if (SHARED / "gold" / "dev").is_dir() else None
    if dev is None:
        print(f"dev and seed skipped: {SHARED / 'gold' / 'dev'} not found")
    pub = public_sets(nlp) if (SHARED / "data").is_dir() else {}
    table = render(dev, pub)
    print(table)
    if args.misses and dev:
        print("\nDev misses:")
        print("\n".join(f"- {m}" for m in dev["misses"]))
    if args.write:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=PROJECT
        ).stdout.strip()
        head = (
            f"# Stance quality\n\nDate: {_dt.date.today().isoformat()}, commit {commit}. "
            "Command: `.venv/bin/python benchmarks/quality/stances.py --write`. "
            "Method: the docstring of `stances.py`.\n\n"
        )
        (HERE / "stances.md").write_text(head + table + "\n", encoding="utf-8")
        print(f"written {HERE / 'stances.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
