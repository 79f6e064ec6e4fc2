"""Blocs: the frustration-minimising partition, exact and heuristic, and its baseline."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graphbuilder.analyze.blocs import (
    EXACT_LIMIT,
    best_partition,
    frustration,
    shuffled_baseline,
)
from tests.analyze.stancegraph import BLOC_ONE, BLOC_TWO, read_csv


def test_two_blocs_recovered_exactly_with_frustration_one(blocs_graph, tmp_path, run_cli):
    out = tmp_path / "report"
    code, stdout, err = run_cli("analyze", blocs_graph, "-o", out)
    assert code == 0, err
    assert "frustration 1," in stdout
    rows = read_csv(out / "blocs.csv")
    by_label = {r["label"]: r["bloc"] for r in rows}
    assert len(by_label) == 6
    one = {by_label[f"State {k}"] for k in BLOC_ONE}
    two = {by_label[f"State {k}"] for k in BLOC_TWO}
    assert len(one) == 1 and len(two) == 1 and one != two
    assert {r["bloc_size"] for r in rows} == {"3"}
    # inside each bloc: 3 positive edges of 0.9; the external score counts the 8 negative
    # edges across (-0.9 each) and the mixed edge (+1.3) for both blocs
    assert {r["bloc_internal_net"] for r in rows} == {"2.7"}
    assert {r["bloc_external_net"] for r in rows} == {"-5.9"}
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Frustration 1 of 15 signed edges (weight 1.30)" in page
    assert "partitioned exactly" in page


def test_partition_api_on_the_same_graph(blocs_graph):
    from graphbuilder.analyze import run_analysis
    from graphbuilder.analyze.load import load_records

    a = run_analysis(load_records(blocs_graph))
    p = a.partition
    assert (p.frustration, round(p.frustrated_weight, 6), p.signed_edges) == (1, 1.3, 15)
    assert p.exact and p.methods == {"exact": 1}
    groups = sorted(sorted(a.label(n) for n in members) for members in p.blocs().values())
    assert groups == [[f"State {k}" for k in BLOC_ONE], [f"State {k}" for k in BLOC_TWO]]
    iri = {a.label(n): n for n in a.network}
    mixed = a.network[iri["State A"]][iri["State D"]]
    assert (mixed["positive"], mixed["negative"], round(mixed["weight"], 6)) == (2, 1, 1.3)
    # the baseline: shuffling the 11 negative and 4 positive signs breaks the structure
    assert a.baseline is not None and len(a.baseline.values) == 20
    assert a.baseline.mean > p.frustration


def _partitions(items):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in _partitions(rest):
        for i in range(len(part)):
            yield part[:i] + [[first] + part[i]] + part[i + 1 :]
        yield [[first]] + part


def _brute_force(g: nx.Graph) -> tuple[int, float]:
    best = None
    for part in _partitions(list(g.nodes)):
        bloc = {n: i for i, members in enumerate(part) for n in members}
        count, weight = frustration(g, bloc)
        key = (count, round(weight, 9))
        best = key if best is None or key < best else best
    return best


@pytest.mark.parametrize("seed", range(25))
def test_exact_search_matches_brute_force(seed):
    rng = random.Random(seed)
    n = rng.randint(2, 7)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < 0.6:
                g.add_edge(i, j, weight=rng.choice([-1, 1]) * rng.choice([0.5, 0.8, 1.0, 1.7]))
    p = best_partition(g)
    assert (p.frustration, round(p.frustrated_weight, 9)) == _brute_force(g)
    # every bloc is held together by its positive edges
    for members in p.blocs().values():
        support = nx.Graph(
            [(u, v) for u, v, w in g.subgraph(members).edges(data="weight") if w > 0]
        )
        support.add_nodes_from(members)
        assert nx.is_connected(support), (members, p.bloc)


def test_a_common_opponent_alone_makes_no_bloc():
    g = nx.Graph()
    g.add_weighted_edges_from([("Iran", x, -0.9) for x in ("France", "Germany", "UK")])
    g.add_edge("France", "Italy", weight=0.8)
    p = best_partition(g)
    assert p.frustration == 0
    assert sorted(sorted(m) for m in p.blocs().values()) == [
        ["France", "Italy"], ["Germany"], ["Iran"], ["UK"]]  # fmt: skip


def _planted(sizes, noise: float, seed: int) -> tuple[nx.Graph, list[set]]:
    rng = random.Random(seed)
    g = nx.Graph()
    groups, at = [], 0
    for size in sizes:
        groups.append(set(range(at, at + size)))
        at += size
    bloc = {n: k for k, members in enumerate(groups) for n in members}
    for i in range(at):
        for j in range(i + 1, at):
            if rng.random() < 0.8:
                sign = 1 if bloc[i] == bloc[j] else -1
                if rng.random() < noise:
                    sign = -sign
                g.add_edge(i, j, weight=sign * rng.uniform(0.5, 1.0))
    return g, groups


def test_local_search_recovers_planted_blocs_beyond_the_exact_limit():
    g, groups = _planted([12, 10, 8], noise=0.05, seed=4)
    assert g.number_of_nodes() > EXACT_LIMIT
    p = best_partition(g)
    assert p.methods == {"local search": 1}
    found = sorted(sorted(m) for m in p.blocs().values())
    assert found == sorted(sorted(m) for m in groups)
    planted = {n: k for k, m in enumerate(groups) for n in m}
    assert p.frustration <= frustration(g, planted)[0]
    base = shuffled_baseline(g, p.frustration, shuffles=5)
    assert min(base.values) > p.frustration and base.at_most_observed == 0.0


def test_empty_and_edgeless_graphs():
    assert best_partition(nx.Graph()).frustration == 0
    g = nx.Graph()
    g.add_nodes_from("abc")
    g.add_edge("a", "b", weight=0.0)  # stances that cancel out: no sign
    p = best_partition(g)
    assert (p.frustration, p.signed_edges, len(p.blocs())) == (0, 0, 3)
    assert shuffled_baseline(g, 0, shuffles=3).values == [0, 0, 0]


def test_same_graph_same_partition():
    g, _ = _planted([9, 9, 9], noise=0.15, seed=7)
    assert best_partition(g, seed=3).bloc == best_partition(g, seed=3).bloc
