"""Blocs: the partition of the signed actor network that minimises frustration.

An edge is **frustrated** by a partition when it is negative inside a bloc or positive
between two blocs; the **frustration index** of a signed graph is the fewest frustrated edges
any partition into any number of blocs leaves (generalised structural balance, Doreian &
Mrvar 1996, "A partitioning approach to structural balance", Social Networks 18; the same
problem as correlation clustering, Bansal, Blum & Chawla 2004). Blocs are therefore read from
both signs: two actors who criticise the same third actor but never each other are not put
together by this, and a positive tie across a divide counts against a partition.

Objective: the number of frustrated edges; among partitions with as many, the smallest sum
of ``|weight|`` of the frustrated edges (so a strong tie is kept whole before a weak one).
Then every bloc is split into the groups its positive edges hold together, which never costs
anything (no positive edge is cut, and a negative edge between the parts is frustrated no
more): a bloc is a group of actors bound by support, and actors who share an opponent but
say nothing of each other (France, Germany and the United Kingdom all criticised by Iran) are
not put together for that alone.
Edges whose stances cancel out (weight 0) have no sign and count for nothing.

Search, one connected component of the network at a time (actors in different components
share no edge, so putting them in one bloc or two changes nothing; they get separate blocs):

* components of at most :data:`EXACT_LIMIT` actors: **exact**, a branch and bound over all
  partitions (restricted growth strings, the partial cost as the bound, started from the
  local-search optimum);
* larger components: **multi-start local search**: from :data:`STARTS` starting partitions
  (the components of the positive edges, everyone in one bloc, and random partitions into 2
  to 10 blocs drawn with a fixed seed), move one actor at a time to the bloc, or the new
  bloc, that lowers the objective most, until no move does (the relocation algorithm of
  Doreian & Mrvar), then merge two blocs where that costs nothing, and repeat; the best
  local optimum is kept. It is a heuristic: the frustration it reports is an upper bound
  of the index.

Baseline: the same search on :data:`SHUFFLES` copies of the network whose edge signs are
shuffled among its edges (same edges, weights and number of negative edges; seed fixed). A
frustration far below the shuffled ones means the blocs are real structure, not what any
network with that many negative edges would show.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

__all__ = [
    "EXACT_LIMIT",
    "STARTS",
    "SHUFFLES",
    "Partition",
    "Baseline",
    "frustration",
    "best_partition",
    "shuffled_baseline",
]

#: Largest component (in actors) partitioned exactly.
EXACT_LIMIT = 12
#: Starting partitions of the local search of a larger component.
STARTS = 20
#: Sign-shuffled copies of the network for the baseline.
SHUFFLES = 20


@dataclass(frozen=True)
class Partition:
    """A partition of the actors into blocs and what it leaves frustrated.

    Attributes
    ----------
    bloc : dict of node to int
        Bloc number (1, 2, ...; the largest bloc first) of every actor of the network.
    frustration : int
        Frustrated edges (negative inside a bloc, positive across).
    frustrated_weight : float
        Sum of ``|weight|`` of those edges.
    signed_edges : int
        Edges with a sign (weight not 0).
    exact : bool
        ``frustration`` is the minimum: every component was searched exactly, or none is left
        frustrated (else ``frustration`` is an upper bound).
    methods : dict of str to int
        Components searched per method (``"exact"``, ``"local search"``) .
    """

    bloc: dict[Hashable, int]
    frustration: int
    frustrated_weight: float
    signed_edges: int
    exact: bool
    methods: dict[str, int] = field(default_factory=dict)

    def blocs(self) -> dict[int, list[Hashable]]:
        """Bloc number -> its actors, in the order of the network's nodes."""
        out: dict[int, list[Hashable]] = {}
        for node, b in self.bloc.items():
            out.setdefault(b, []).append(node)
        return dict(sorted(out.items()))


@dataclass(frozen=True)
class Baseline:
    """The frustration of the same search on sign-shuffled copies of the network.

    Attributes
    ----------
    values : list of int
        The frustration of each shuffled copy.
    mean, sd : float
    at_most_observed : float
        Share of copies whose frustration is at most the observed one (an empirical p-value;
        small means the observed blocs are unlikely by chance).
    seed : int
    """

    values: list[int]
    mean: float
    sd: float
    at_most_observed: float
    seed: int


def frustration(
    graph: nx.Graph, bloc: dict[Hashable, int], weight: str = "weight"
) -> tuple[int, float]:
    """Count the edges a partition leaves frustrated.

    Parameters
    ----------
    graph : networkx.Graph
        Signed graph: the sign of the edge attribute ``weight``.
    bloc : dict of node to int
        The bloc of every node.
    weight : str
        Edge attribute holding the signed weight.

    Returns
    -------
    count : int
        Negative edges inside a bloc plus positive edges between blocs.
    weight : float
        The sum of their ``|weight|``.

    Examples
    --------
    >>> g = nx.Graph([(1, 2, {"weight": 1.0}), (2, 3, {"weight": -0.5})])
    >>> frustration(g, {1: 1, 2: 1, 3: 1})
    (1, 0.5)
    """
    count, total = 0, 0.0
    for u, v, w in graph.edges(data=weight, default=0.0):
        if w == 0:
            continue
        same = bloc[u] == bloc[v]
        if (w < 0 and same) or (w > 0 and not same):
            count += 1
            total += abs(w)
    return count, total


#: Components of at most this many actors keep their edges as dense matrices (two n × n
#: arrays of float64: 64 MB at 2,000) for the local search; larger ones use neighbour lists.
DENSE_LIMIT = 2000


class _Component:
    """One connected component: its edges as arrays, and the scalarised cost of each.

    The cost of frustrating an edge is ``1 + |w| / (total + 1)``, below 2, so fewer
    frustrated edges always win and ``|weight|`` only breaks ties.
    """

    def __init__(self, nodes: list, edges: list[tuple[int, int, float]]) -> None:
        self.nodes = nodes
        self.n = len(nodes)
        self.edges = edges
        self.ei = np.array([e[0] for e in edges], dtype=np.int64)
        self.ej = np.array([e[1] for e in edges], dtype=np.int64)
        self.ew = np.array([e[2] for e in edges], dtype=float)
        total = float(np.abs(self.ew).sum()) or 1.0
        self.scale = 1.0 / (total + 1.0)
        self.ec = 1.0 + np.abs(self.ew) * self.scale
        self.dense = self.n <= DENSE_LIMIT
        if self.dense:
            self.wp = np.zeros((self.n, self.n))
            self.wn = np.zeros((self.n, self.n))
            pos = self.ew > 0
            for m, mask in ((self.wp, pos), (self.wn, ~pos)):
                m[self.ei[mask], self.ej[mask]] = self.ec[mask]
                m[self.ej[mask], self.ei[mask]] = self.ec[mask]
        self._lists = None

    def lists(self):
        """Per node: neighbours, positive and negative costs (for the exact search and the
        local search of components above :data:`DENSE_LIMIT`)."""
        if self._lists is None:
            nbrs: list[list[int]] = [[] for _ in self.nodes]
            pos: list[list[float]] = [[] for _ in self.nodes]
            neg: list[list[float]] = [[] for _ in self.nodes]
            for (i, j, w), c in zip(self.edges, self.ec, strict=True):
                for a, b in ((i, j), (j, i)):
                    nbrs[a].append(b)
                    pos[a].append(c if w > 0 else 0.0)
                    neg[a].append(c if w < 0 else 0.0)
            self._lists = (
                [np.array(x, dtype=np.int64) for x in nbrs],
                [np.array(x) for x in pos],
                [np.array(x) for x in neg],
            )
        return self._lists

    def cost(self, labels: np.ndarray) -> float:
        same = labels[self.ei] == labels[self.ej]
        frustrated = np.where(self.ew > 0, ~same, same)
        return float(self.ec[frustrated].sum())

    # ------------------------------------------------------------------ local search
    def relocate(self, labels: np.ndarray, rng: random.Random) -> np.ndarray:
        """Move single actors to their best bloc until no move lowers the cost."""
        if not self.dense:
            return self._relocate_lists(labels, rng)
        labels = _compact(labels)
        while True:
            labels, done = self._relocate_dense(labels, rng)
            if done:
                return _compact(labels)

    def _relocate_dense(self, labels: np.ndarray, rng: random.Random) -> tuple[np.ndarray, bool]:
        """Relocation with the costs of every actor toward every bloc kept up to date as
        ``k × n`` arrays (a move updates two rows). Returns (labels, finished): not finished
        when the blocs outgrew the arrays, which are then rebuilt by the caller."""
        n = self.n
        used = int(labels.max()) + 1
        cap = min(n, used + 16)
        # p_in[b, v]: the cost of v's positive edges into bloc b (row sums, not a matrix
        # product: a multi-threaded BLAS call on small arrays stalls on a busy machine)
        p_in, n_in = np.zeros((cap, n)), np.zeros((cap, n))
        for b in range(used):
            members = labels == b
            p_in[b] = self.wp[members].sum(axis=0)
            n_in[b] = self.wn[members].sum(axis=0)
        sizes = np.bincount(labels, minlength=cap)
        while True:
            # the actors that have a better bloc now (a vectorised check); then each of them,
            # in random order, is moved if it still has one after the moves before it
            k = min(used + 1, cap)
            cost = n_in[:k] - p_in[:k]  # + pos_total[v], the same for every bloc
            gain = cost[labels, np.arange(n)] - cost.min(axis=0)
            candidates = np.flatnonzero(gain > 1e-12).tolist()
            if not candidates:
                return labels, True
            rng.shuffle(candidates)
            for v in candidates:
                here = labels[v]
                k = min(used + 1, cap)
                row = n_in[:k, v] - p_in[:k, v]
                best = int(np.argmin(row))
                if row[best] >= row[here] - 1e-12:
                    continue
                if sizes[best] == 0:  # a new bloc: the first empty label
                    best = int(np.flatnonzero(sizes[:k] == 0)[0])
                labels[v] = best
                sizes[here] -= 1
                sizes[best] += 1
                used = max(used, best + 1)
                p_in[here] -= self.wp[v]
                p_in[best] += self.wp[v]
                n_in[here] -= self.wn[v]
                n_in[best] += self.wn[v]
                if used == cap and cap < n and not (sizes[:cap] == 0).any():
                    return labels, False  # no empty label left: rebuild with more room

    def _relocate_lists(self, labels: np.ndarray, rng: random.Random) -> np.ndarray:
        nbrs, pos, neg = self.lists()
        pos_total = np.array([p.sum() for p in pos])
        labels = labels.copy()
        improved = True
        while improved:
            improved = False
            order = list(range(self.n))
            rng.shuffle(order)
            for v in order:
                nb = nbrs[v]
                if not len(nb):
                    continue
                k = int(labels.max()) + 2  # existing labels and one new, empty bloc
                lab = labels[nb]
                pos_in = np.bincount(lab, weights=pos[v], minlength=k)
                neg_in = np.bincount(lab, weights=neg[v], minlength=k)
                cost = neg_in + (pos_total[v] - pos_in)
                sizes = np.bincount(labels, minlength=k)
                here = labels[v]
                # an empty label is a new bloc: all of them cost pos_total; keep one
                empty = np.flatnonzero(sizes == 0)
                if sizes[here] == 1:
                    empty = empty[empty != here]
                mask = np.ones(k, dtype=bool)
                mask[empty[1:]] = False
                cost = np.where(mask, cost, np.inf)
                best = int(np.argmin(cost))
                if cost[best] < cost[here] - 1e-12:
                    labels[v] = best
                    improved = True
        return _compact(labels)

    def starts(self, rng: random.Random, count: int) -> list[np.ndarray]:
        """The components of the positive edges, one bloc, then random partitions."""
        out = []
        g = nx.Graph()
        g.add_nodes_from(range(self.n))
        g.add_edges_from((i, j) for i, j, w in self.edges if w > 0)
        first = np.zeros(self.n, dtype=np.int64)
        for b, comp in enumerate(nx.connected_components(g)):
            first[list(comp)] = b
        out.append(first)
        out.append(np.zeros(self.n, dtype=np.int64))
        while len(out) < count:
            k = rng.randint(2, max(2, min(self.n, 10)))
            out.append(np.array([rng.randrange(k) for _ in range(self.n)], dtype=np.int64))
        return out[:count]

    def split_by_support(self, labels: np.ndarray) -> np.ndarray:
        """Split every bloc into the groups its positive edges hold together.

        This never raises the cost (no positive edge is cut; a negative edge between two
        parts is frustrated no more), so a bloc is always held together by support.
        """
        inside = (self.ew > 0) & (labels[self.ei] == labels[self.ej])
        g = nx.Graph()
        g.add_nodes_from(range(self.n))
        g.add_edges_from(zip(self.ei[inside].tolist(), self.ej[inside].tolist(), strict=True))
        out = np.zeros(self.n, dtype=np.int64)
        for b, group in enumerate(sorted(nx.connected_components(g), key=min)):
            out[list(group)] = b
        return _compact(out)

    def merge(self, labels: np.ndarray) -> np.ndarray:
        """Merge two blocs while that does not raise the cost (fewest blocs among equals)."""
        labels = _compact(labels)
        # merged, a negative edge between the two blocs becomes frustrated, a positive one
        # is frustrated no more
        change = np.where(self.ew < 0, self.ec, -self.ec)
        while True:
            k = int(labels.max()) + 1 if self.n else 0
            if k < 2:
                return labels
            a, b = labels[self.ei], labels[self.ej]
            across = a != b
            delta = np.zeros((k, k))
            np.add.at(delta, (a[across], b[across]), change[across])
            delta = delta + delta.T
            np.fill_diagonal(delta, np.inf)
            x, y = np.unravel_index(int(np.argmin(delta)), delta.shape)
            if delta[x, y] > 1e-12:
                return labels
            labels = _compact(np.where(labels == max(x, y), min(x, y), labels))

    def local_search(self, rng: random.Random, starts: int) -> tuple[float, np.ndarray]:
        best_key, best = (float("inf"), 0), None
        for start in self.starts(rng, starts):
            labels = self.relocate(start, rng)
            while True:
                merged = self.merge(labels)
                if int(merged.max()) == int(labels.max()):
                    break
                labels = self.relocate(merged, rng)
            key = (self.cost(labels), int(labels.max()) + 1)
            if key[0] < best_key[0] - 1e-12 or (
                key[0] <= best_key[0] + 1e-12 and key[1] < best_key[1]
            ):
                best_key, best = key, labels
        return best_key[0], best

    # ------------------------------------------------------------------ exact search
    def exact(self, upper: float, incumbent: np.ndarray) -> tuple[float, np.ndarray]:
        """Branch and bound over restricted growth strings, nodes by decreasing degree:
        the lowest cost, then the fewest blocs."""
        nbrs, pos, neg = self.lists()
        order = sorted(range(self.n), key=lambda v: (-len(nbrs[v]), v))
        rank = {v: i for i, v in enumerate(order)}
        # for the node at position i: its neighbours placed before it, with their costs
        earlier = []
        for v in order:
            items = [
                (rank[int(u)], float(p), float(q))
                for u, p, q in zip(nbrs[v], pos[v], neg[v], strict=True)
                if rank[int(u)] < rank[v]
            ]
            earlier.append(items)
        assign = [0] * self.n
        seed = _compact(np.array([int(incumbent[v]) for v in order]))
        best = [upper, int(seed.max()) + 1, [int(x) for x in seed]]
        eps = 1e-12

        def better(c: float, used: int) -> bool:
            # cost and bloc count only grow along a branch: a branch that is not better than
            # the best leaf found cannot lead to a better one
            return c < best[0] - eps or (c <= best[0] + eps and used < best[1])

        def step(i: int, used: int, cost: float) -> None:
            if i == self.n:
                if better(cost, used):
                    best[0], best[1], best[2] = cost, used, assign.copy()
                return
            for b in range(used + 1):
                extra = 0.0
                for j, p, q in earlier[i]:
                    extra += q if assign[j] == b else p
                c, u = cost + extra, max(used, b + 1)
                if better(c, u):
                    assign[i] = b
                    step(i + 1, u, c)

        if self.n:
            step(0, 0, 0.0)
        labels = np.zeros(self.n, dtype=np.int64)
        for v in order:
            labels[v] = best[2][rank[v]]
        return self.cost(labels), _compact(labels)


def _compact(labels: np.ndarray) -> np.ndarray:
    """Relabel 0, 1, ... in order of first appearance."""
    seen: dict[int, int] = {}
    return np.array([seen.setdefault(int(x), len(seen)) for x in labels], dtype=np.int64)


def _components(graph: nx.Graph, weight: str) -> list[_Component]:
    order = {node: i for i, node in enumerate(graph.nodes)}
    signed = [(u, v, float(w)) for u, v, w in graph.edges(data=weight, default=0.0) if w and u != v]
    links = nx.Graph()
    links.add_nodes_from(graph.nodes)
    links.add_edges_from((u, v) for u, v, _ in signed)
    comps = [sorted(c, key=order.__getitem__) for c in nx.connected_components(links)]
    comps.sort(key=lambda c: order[c[0]])
    where = {node: (k, i) for k, nodes in enumerate(comps) for i, node in enumerate(nodes)}
    edges: list[list[tuple[int, int, float]]] = [[] for _ in comps]
    for u, v, w in signed:
        (k, i), (_, j) = where[u], where[v]
        edges[k].append((min(i, j), max(i, j), w))
    return [_Component(nodes, sorted(e)) for nodes, e in zip(comps, edges, strict=True)]


def _solve(
    comps: Sequence[_Component], signs: Sequence[np.ndarray] | None, seed: int, starts: int
) -> tuple[list[np.ndarray], dict[str, int]]:
    rng = random.Random(seed)
    labels, methods = [], {"exact": 0, "local search": 0}
    for k, comp in enumerate(comps):
        if signs is not None:
            comp = _with_signs(comp, signs[k])
        if comp.n == 1 or not comp.edges:
            labels.append(np.zeros(comp.n, dtype=np.int64))
            methods["exact"] += 1
            continue
        cost, lab = comp.local_search(rng, starts if comp.n > EXACT_LIMIT else 3)
        if comp.n <= EXACT_LIMIT:
            cost, lab = comp.exact(cost, lab)
            methods["exact"] += 1
        else:
            methods["local search"] += 1
        labels.append(comp.split_by_support(lab))
    return labels, {k: v for k, v in methods.items() if v}


def _with_signs(comp: _Component, signs: np.ndarray) -> _Component:
    edges = [(i, j, abs(w) * s) for (i, j, w), s in zip(comp.edges, signs, strict=True)]
    return _Component(comp.nodes, edges)


def best_partition(
    graph: nx.Graph,
    *,
    weight: str = "weight",
    seed: int = 0,
    starts: int = STARTS,
    progress: Callable[[int, int], None] | None = None,
) -> Partition:
    """Partition a signed graph into the blocs that minimise frustration.

    Parameters
    ----------
    graph : networkx.Graph
        Undirected; the sign of each edge's ``weight`` attribute is its sign (0: no sign).
    weight : str
        The edge attribute.
    seed : int
        Seed of the local search (the result is the same for the same graph and seed).
    starts : int
        Starting partitions of the local search of a component above :data:`EXACT_LIMIT`.
    progress : callable, optional
        ``progress(done, total)`` after each component.

    Returns
    -------
    Partition
        Blocs numbered from 1, largest first (ties: the bloc whose first actor comes first in
        the graph's node order).

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_weighted_edges_from([("a", "b", 1), ("c", "d", 1), ("a", "c", -1), ("b", "d", -1)])
    >>> p = best_partition(g)
    >>> sorted(p.blocs().values()), p.frustration
    ([['a', 'b'], ['c', 'd']], 0)
    """
    comps = _components(graph, weight)
    labels: list[np.ndarray] = []
    methods: dict[str, int] = {}
    for done, comp in enumerate(comps, 1):
        lab, used = _solve([comp], None, seed + done, starts)
        labels.extend(lab)
        for key, value in used.items():
            methods[key] = methods.get(key, 0) + value
        if progress:
            progress(done, len(comps))
    bloc = _number_blocs(graph, comps, labels)
    count, total = frustration(graph, bloc, weight)
    signed = sum(1 for _, _, w in graph.edges(data=weight, default=0.0) if w != 0)
    # a local optimum with no frustrated edge is a global one
    exact = "local search" not in methods or count == 0
    return Partition(bloc, count, total, signed, exact, methods)


def _number_blocs(graph: nx.Graph, comps: Sequence[_Component], labels) -> dict:
    groups = []
    for comp, lab in zip(comps, labels, strict=True):
        by: dict[int, list] = {}
        for node, b in zip(comp.nodes, lab, strict=True):
            by.setdefault(int(b), []).append(node)
        groups.extend(by.values())
    order = {node: i for i, node in enumerate(graph.nodes)}
    groups.sort(key=lambda members: (-len(members), min(order[m] for m in members)))
    bloc = {}
    for number, members in enumerate(groups, 1):
        for node in members:
            bloc[node] = number
    return {node: bloc[node] for node in graph.nodes}


def shuffled_baseline(
    graph: nx.Graph,
    observed: int,
    *,
    weight: str = "weight",
    shuffles: int = SHUFFLES,
    seed: int = 0,
    starts: int = STARTS,
    progress: Callable[[int, int], None] | None = None,
) -> Baseline:
    """The frustration the same search finds on copies of ``graph`` with shuffled signs.

    Parameters
    ----------
    graph : networkx.Graph
        The signed graph partitioned by :func:`best_partition`.
    observed : int
        Its frustration.
    weight : str
        The edge attribute holding the signed weight.
    shuffles : int
        Number of shuffled copies.
    seed : int
        Seed of the shuffles and of their local searches.
    starts : int
        As for :func:`best_partition`.
    progress : callable, optional
        ``progress(done, total)`` after each copy.

    Returns
    -------
    Baseline
    """
    comps = _components(graph, weight)
    all_signs = np.concatenate(
        [np.sign([w for _, _, w in c.edges]) for c in comps if c.edges] or [np.zeros(0)]
    )
    rng = np.random.default_rng(seed)
    values = []
    for k in range(shuffles):
        perm = rng.permutation(all_signs)
        signs, at = [], 0
        for comp in comps:
            signs.append(perm[at : at + len(comp.edges)])
            at += len(comp.edges)
        labels, _ = _solve(comps, signs, seed + 1000 + k, starts)
        count = 0
        for comp, lab, sg in zip(comps, labels, signs, strict=True):
            same = lab[comp.ei] == lab[comp.ej]
            count += int(np.count_nonzero(np.where(sg > 0, ~same, same)))
        values.append(count)
        if progress:
            progress(k + 1, shuffles)
    arr = np.array(values, dtype=float)
    return Baseline(
        values,
        float(arr.mean()) if len(arr) else 0.0,
        float(arr.std(ddof=1)) if len(arr) > 1 else 0.0,
        float((arr <= observed).mean()) if len(arr) else 1.0,
        seed,
    )
