"""Scale: a synthetic graph of many documents' stances analyses in seconds, with progress.

The suite runs 2,000 documents (10,000 stances) to stay fast; the issue's figure, 10,000
documents in under a minute, is measured with::

    python -m tests.analyze.synthetic 10000 /tmp/stances.nt
    time graphbuilder analyze /tmp/stances.nt -o /tmp/analysis
"""

from __future__ import annotations

import time

from graphbuilder.analyze import analyze
from tests.analyze.stancegraph import read_csv
from tests.analyze.synthetic import synthetic_stance_graph


def test_two_thousand_documents_recover_the_planted_blocs_quickly(tmp_path):
    path = tmp_path / "stances.nt"
    counts = synthetic_stance_graph(path, 2000, actors=120, blocs=3, noise=0.1)
    assert counts["stances"] == 10_000
    steps = []
    start = time.perf_counter()
    summary = analyze(path, tmp_path / "out", fold_people=True, progress=lambda *a: steps.append(a))
    seconds = time.perf_counter() - start
    assert seconds < 30, f"{seconds:.1f} s for 2,000 documents"
    a = summary.analysis
    # every actor of a planted bloc (index mod 3) in one bloc, and three blocs
    groups = {}
    for iri, b in a.partition.bloc.items():
        planted = int(iri.rsplit("-", 1)[1]) % 3
        groups.setdefault(planted, set()).add(b)
    assert all(len(found) == 1 for found in groups.values()) and len(a.partition.blocs()) == 3
    assert a.baseline.mean > 2 * a.partition.frustration
    assert a.folded  # people folded onto their states by the text leaderOf statements
    # progress: every step reported, the baseline one shuffle at a time
    names = [s[0] for s in steps]
    assert names[0] == "parse the graph" and names[-1] == "write the report and tables"
    assert [s for s in steps if s[0] == "shuffled-sign baseline"][-1][1:] == (20, 20)
    assert len(read_csv(tmp_path / "out" / "stances.csv")) == 10_000
