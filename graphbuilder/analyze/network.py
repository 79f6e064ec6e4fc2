"""The signed actor network, and what each actor holds, receives and brokers.

Nodes are the **actors**: entities of the classes of :data:`ACTOR_CLASSES` (people, states,
organizations) that hold or receive a stance toward another actor. Places and events can be
the target of a stance (the holder × target matrix keeps them) but take no side, so they are
not in the network.

The network is undirected: the weight of the edge between two actors is the sum of
``polarity × confidence`` over the stances between them, in either direction (a stance of
``gb:Positive`` counts +confidence, ``gb:Negative`` -confidence). Its sign is the net sign;
an edge whose stances cancel out has weight 0 and no sign. A stance of an actor toward itself
(after ``--fold-people``: a minister criticising their own government) is no edge.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graphbuilder.analyze.records import Actor, StanceRecord

__all__ = ["ACTOR_CLASSES", "ActorStats", "signed_network", "actor_stats", "BETWEENNESS_SAMPLE"]

#: Classes whose entities are actors (nodes of the network).
ACTOR_CLASSES = ("Person", "Country", "Organization")
#: Above this many actors, betweenness is estimated from this many sampled sources (seeded;
#: Brandes & Pich 2007, "Centrality estimation in large networks"): exact betweenness takes
#: one weighted shortest-path search per actor, 6 s for 300 actors of a dense network.
BETWEENNESS_SAMPLE = 100


def signed_network(stances: Iterable[StanceRecord], actors: dict[str, Actor]) -> nx.Graph:
    """Build the undirected signed network of the stances between actors.

    Parameters
    ----------
    stances : iterable of StanceRecord
    actors : dict of str to Actor
        Every holder and target (their class decides who is an actor).

    Returns
    -------
    networkx.Graph
        Nodes: actor IRIs, in order of first appearance, with ``label`` and ``cls``. Edges:
        ``weight`` (sum of polarity × confidence), ``positive`` and ``negative`` (numbers of
        stances), ``stances`` (their IRIs), ``distance`` (``1 / |weight|``, for shortest paths;
        infinite where the weight is 0).

    Examples
    --------
    >>> from graphbuilder.analyze.records import Actor, StanceRecord
    >>> a = {i: Actor(i, i.upper(), "Country") for i in "xy"}
    >>> g = signed_network([StanceRecord("s1", "x", "y", -1, confidence=0.5)], a)
    >>> g["x"]["y"]["weight"]
    -0.5
    """
    g = nx.Graph()
    for s in stances:
        h, t = s.holder, s.target
        if h == t:
            continue
        ah, at = actors.get(h), actors.get(t)
        if ah is None or at is None or ah.cls not in ACTOR_CLASSES or at.cls not in ACTOR_CLASSES:
            continue
        for node, actor in ((h, ah), (t, at)):
            if node not in g:
                g.add_node(node, label=actor.label, cls=actor.cls)
        if g.has_edge(h, t):
            data = g[h][t]
        else:
            g.add_edge(h, t, weight=0.0, positive=0, negative=0, stances=[])
            data = g[h][t]
        data["weight"] += s.weight
        data["positive" if s.polarity > 0 else "negative"] += 1
        data["stances"].append(s.iri)
    for _, _, data in g.edges(data=True):
        data["weight"] = round(data["weight"], 9)
        data["distance"] = 1.0 / abs(data["weight"]) if data["weight"] else float("inf")
    return g


@dataclass(frozen=True, slots=True)
class ActorStats:
    """Per-actor figures of ``actors.csv``.

    Attributes
    ----------
    held_positive, held_negative : int
        Stances the actor holds, by polarity (toward anyone or anything).
    received_positive, received_negative : int
        Stances aimed at the actor, by polarity.
    received_score : float
        Sum of polarity × confidence of the stances aimed at it.
    weighted_degree : float
        Sum of ``|weight|`` of its edges in the network (its strength).
    net_degree : float
        Sum of the signed weights of its edges.
    betweenness : float
        Normalised betweenness centrality in the network, shortest paths by ``1 / |weight|``
        (networkx; estimated from :data:`BETWEENNESS_SAMPLE` seeded sources above that many
        actors).
    """

    held_positive: int = 0
    held_negative: int = 0
    received_positive: int = 0
    received_negative: int = 0
    received_score: float = 0.0
    weighted_degree: float = 0.0
    net_degree: float = 0.0
    betweenness: float = 0.0


def actor_stats(stances: Iterable[StanceRecord], network: nx.Graph) -> dict[str, ActorStats]:
    """Figures for every holder and target.

    Parameters
    ----------
    stances : iterable of StanceRecord
    network : networkx.Graph
        From :func:`signed_network`.

    Returns
    -------
    dict of str to ActorStats
        Keyed by IRI, for every holder and target (not only the network's actors).
    """
    counts: dict[str, list] = defaultdict(lambda: [0, 0, 0, 0, 0.0])
    for s in stances:
        counts[s.holder][0 if s.polarity > 0 else 1] += 1
        row = counts[s.target]
        row[2 if s.polarity > 0 else 3] += 1
        row[4] += s.weight
    reachable = nx.Graph()
    reachable.add_nodes_from(network.nodes)
    reachable.add_edges_from(
        (u, v, {"distance": d["distance"]})
        for u, v, d in network.edges(data=True)
        if d["weight"] != 0
    )
    n = reachable.number_of_nodes()
    k = BETWEENNESS_SAMPLE if n > BETWEENNESS_SAMPLE else None
    between = nx.betweenness_centrality(reachable, k=k, weight="distance", seed=0) if n else {}
    out = {}
    for iri in dict.fromkeys([*counts, *network.nodes]):
        c = counts[iri]
        strength = net = 0.0
        if iri in network:
            for _, _, w in network.edges(iri, data="weight"):
                strength += abs(w)
                net += w
        out[iri] = ActorStats(
            c[0],
            c[1],
            c[2],
            c[3],
            round(c[4], 6),
            round(strength, 6),
            round(net, 6),
            round(between.get(iri, 0.0), 6),
        )
    return out
