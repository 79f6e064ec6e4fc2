"""The report's figures, drawn with matplotlib as inline SVG (no file, no network, no font
download: text stays text, ``svg.fonttype = "none"``, rendered in the reader's sans-serif).

Each function returns ``(svg, caption)``; the caption says how the figure was computed. The
SVG is deterministic for the same analysis (fixed hash salt, no date in its metadata).

Figures show the most connected actors only (:data:`NETWORK_MAX`, :data:`MATRIX_MAX`), so
they stay legible on large graphs; the captions say how many are shown, and the tables and
CSV files hold all of them.
"""

from __future__ import annotations

import io
import math
from contextlib import contextmanager

from graphbuilder.analyze.analysis import Analysis
from graphbuilder.analyze.blocs import EXACT_LIMIT, STARTS
from graphbuilder.analyze.timeline import most_active_pairs

__all__ = [
    "network_figure",
    "matrix_figure",
    "timeline_figure",
    "top_lists_figure",
    "top_lists",
    "NETWORK_MAX",
    "MATRIX_MAX",
    "TOP_N",
    "EDGES_MAX",
]

#: Most actors drawn in the network figure (by weighted degree).
NETWORK_MAX = 60
#: Most actors in the heat map.
MATRIX_MAX = 40
#: Most edges drawn in the network figure (the strongest by |weight|).
EDGES_MAX = 400
#: Length of each top list.
TOP_N = 10

_POSITIVE = "#1a9850"
_NEGATIVE = "#d73027"


@contextmanager
def _style():
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    rc = {
        "svg.fonttype": "none",
        "svg.hashsalt": "graphbuilder-analyze",
        "font.family": "sans-serif",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    with plt.rc_context(rc):
        yield plt


def _svg(fig) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # drop the XML declaration and DOCTYPE (inline SVG)


def _empty(plt, message: str, size=(6, 1.2)) -> str:
    fig, ax = plt.subplots(figsize=size)
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", color="#555")
    return _svg(fig)


def _top_actors(analysis: Analysis, limit: int) -> list[str]:
    stats = analysis.stats
    nodes = list(analysis.network.nodes)
    nodes.sort(key=lambda n: (-stats[n].weighted_degree, analysis.label(n), n))
    return nodes[:limit]


_ALONE = "#9e9e9e"


def _bloc_colour(b: int) -> str:
    import matplotlib

    cmap = matplotlib.colormaps["tab20"]
    return matplotlib.colors.to_hex(cmap(((b - 1) * 2) % 20 + ((b - 1) // 10) % 2))


def _method(analysis: Analysis) -> str:
    p = analysis.partition
    if "local search" not in p.methods:
        return (
            "every component of the network was partitioned exactly (branch and bound over "
            f"all partitions; components of at most {EXACT_LIMIT} actors)"
        )
    text = (
        f"components of at most {EXACT_LIMIT} actors were partitioned exactly (branch and "
        f"bound), larger ones by multi-start local search ({STARTS} starts, seed "
        f"{analysis.options.seed}; moves of one actor at a time, Doreian & Mrvar 1996)"
    )
    if p.exact:
        return text + "; no edge is left frustrated, so this is the minimum"
    return text + ", so the frustration is an upper bound"


def baseline_text(analysis: Analysis) -> str:
    """One sentence on the frustration and its shuffled-sign baseline."""
    p, b = analysis.partition, analysis.baseline
    text = (
        f"Frustration {p.frustration} of {p.signed_edges} signed edges "
        f"(weight {p.frustrated_weight:.2f})"
    )
    if b is None:
        return text + "; no shuffled baseline computed."
    return (
        text + f"; with the signs shuffled among the same edges ({len(b.values)} copies, seed "
        f"{b.seed}), the same search leaves {b.mean:.1f} ± {b.sd:.1f} frustrated "
        f"(share at or below {p.frustration}: {b.at_most_observed:.2f})."
    )


def _bloc_layout(groups: list[list[str]]) -> dict[str, tuple[float, float]]:
    """Blocs side by side on a ring, each bloc's actors on a circle of its own.

    A bloc of ``n`` actors gets a circle of radius ``0.12 * sqrt(n)`` (a lone actor a dot),
    and the ring is made long enough for the circles not to overlap.
    """
    radii = [0.12 * math.sqrt(len(g)) if len(g) > 1 else 0.04 for g in groups]
    gap = 0.12
    spans = [2 * r + gap for r in radii]
    # arcs of the ring as long as the circles are wide, lengthened by a quarter so that the
    # chords between neighbouring blocs (shorter than the arcs) clear them too
    ring = 1.25 * sum(spans) / (2 * math.pi) if len(groups) > 1 else 0.0
    pos: dict[str, tuple[float, float]] = {}
    at = 0.0
    for members, r, span in zip(groups, radii, spans, strict=True):
        angle = 2 * math.pi * (at + span / 2) / sum(spans) if ring else 0.0
        at += span
        cx, cy = ring * math.cos(angle), ring * math.sin(angle)
        for i, n in enumerate(members):
            a = 2 * math.pi * i / len(members) + angle
            pos[n] = (cx + r * math.cos(a), cy + r * math.sin(a))
    return pos


def network_figure(analysis: Analysis) -> tuple[str, str]:
    """The signed network, actors grouped and coloured by bloc."""
    with _style() as plt:
        nodes = _top_actors(analysis, NETWORK_MAX)
        g = analysis.network.subgraph(nodes)
        caption = (
            "Signed actor network drawn by bloc. An edge joins two actors with stances "
            "between them (either direction); its weight is the sum of polarity × confidence "
            "of those stances: green solid positive, red dashed negative, width by |weight|. "
            "Blocs minimise frustration (negative edges inside blocs plus positive edges "
            f"across them): {_method(analysis)}. {baseline_text(analysis)}"
        )
        if not nodes:
            return _empty(plt, "No stance between two actors in this graph."), caption
        shown = len(nodes)
        total = analysis.network.number_of_nodes()
        if shown < total:
            caption += f" Shown: the {shown} actors of highest weighted degree, of {total}."
        bloc = analysis.partition.bloc
        groups: dict[int, list[str]] = {}
        for n in nodes:
            groups.setdefault(bloc[n], []).append(n)
        order = sorted(groups)
        pos = _bloc_layout([groups[b] for b in order])
        width = 7.5 if len(nodes) > 12 else 6.0
        fig, ax = plt.subplots(figsize=(width, width * 0.8))
        ax.axis("off")
        ax.set_aspect("equal")
        weights = [abs(w) for _, _, w in g.edges(data="weight")] or [1.0]
        top = max(weights) or 1.0
        from matplotlib.collections import LineCollection

        drawn = sorted(
            ((u, v, w) for u, v, w in g.edges(data="weight") if w),
            key=lambda e: (-abs(e[2]), e[0], e[1]),
        )
        if len(drawn) > EDGES_MAX:
            caption += f" Drawn: the {EDGES_MAX} strongest of its {len(drawn)} edges."
            drawn = drawn[:EDGES_MAX]
        for sign, colour, style in ((1, _POSITIVE, "-"), (-1, _NEGATIVE, "--")):
            edges = sorted(
                ((u, v, w) for u, v, w in drawn if w * sign > 0),
                key=lambda e: (abs(e[2]), e[0], e[1]),
            )
            if edges:
                ax.add_collection(
                    LineCollection(
                        [(pos[u], pos[v]) for u, v, _ in edges],
                        colors=colour,
                        linestyles=style,
                        linewidths=[0.6 + 2.4 * abs(w) / top for _, _, w in edges],
                        alpha=0.75,
                        zorder=1,
                    )
                )
        strength = {n: analysis.stats[n].weighted_degree for n in nodes}
        most = max(strength.values()) or 1.0
        sizes = {b: len(m) for b, m in analysis.partition.blocs().items()}

        def colour(n: str) -> str:
            return _bloc_colour(bloc[n]) if sizes[bloc[n]] > 1 else _ALONE

        for n in nodes:
            x, y = pos[n]
            ax.scatter(
                [x], [y], s=40 + 260 * strength[n] / most, color=colour(n),
                edgecolors="white", linewidths=0.8, zorder=2,
            )  # fmt: skip
        labelled = nodes[:30]
        for n in labelled:
            x, y = pos[n]
            ax.annotate(
                analysis.label(n), (x, y), xytext=(0, 7), textcoords="offset points",
                ha="center", fontsize=7.5, zorder=3,
            )  # fmt: skip
        for b in [b for b in order if sizes[b] > 1][:12]:
            ax.scatter([], [], color=_bloc_colour(b), label=f"bloc {b} ({sizes[b]})")
        if any(sizes[b] == 1 for b in order):
            ax.scatter([], [], color=_ALONE, label="alone in its bloc")
        ax.plot([], [], color=_POSITIVE, label="positive")
        ax.plot([], [], color=_NEGATIVE, linestyle="--", label="negative")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
        if len(labelled) < len(nodes):
            caption += f" Names are written for the {len(labelled)} most connected."
        return _svg(fig), caption


def matrix_figure(analysis: Analysis) -> tuple[str, str]:
    """Holder × target net scores as a heat map, actors sorted by bloc."""
    with _style() as plt:
        import numpy as np

        caption = (
            "Holder (row) × target (column): the net score, the sum of polarity × confidence "
            "of the holder's stances toward the target, green positive, red negative, grey "
            "no stance. Actors are sorted by bloc (lines separate the blocs of two actors or "
            "more; actors alone in their bloc come last), then by weighted degree."
        )
        nodes = _top_actors(analysis, MATRIX_MAX)
        if len(nodes) < 2:
            return _empty(plt, "Fewer than two actors: no matrix."), caption
        total = analysis.network.number_of_nodes()
        if len(nodes) < total:
            caption += f" Shown: the {len(nodes)} actors of highest weighted degree, of {total}."
        bloc = analysis.partition.bloc
        rank = {n: i for i, n in enumerate(nodes)}
        nodes.sort(key=lambda n: (bloc[n], rank[n]))
        index = {n: i for i, n in enumerate(nodes)}
        m = np.full((len(nodes), len(nodes)), np.nan)
        for s in analysis.stances:
            i, j = index.get(s.holder), index.get(s.target)
            if i is None or j is None or i == j:
                continue
            m[i, j] = (0.0 if np.isnan(m[i, j]) else m[i, j]) + s.weight
        finite = np.abs(m[~np.isnan(m)])
        limit = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
        size = 2.5 + 0.16 * len(nodes)
        fig, ax = plt.subplots(figsize=(size + 1.5, size))
        import matplotlib

        cmap = matplotlib.colormaps["RdYlGn"].with_extremes(bad="#eeeeee")
        image = ax.imshow(m, cmap=cmap, vmin=-limit, vmax=limit, interpolation="nearest")
        labels = [analysis.label(n) for n in nodes]
        ax.set_xticks(range(len(nodes)), labels, rotation=90, fontsize=7)
        ax.set_yticks(range(len(nodes)), labels, fontsize=7)
        ax.set_xlabel("target")
        ax.set_ylabel("holder")
        sizes = {b: len(m) for b, m in analysis.partition.blocs().items()}
        for k in range(1, len(nodes)):
            a, b = bloc[nodes[k - 1]], bloc[nodes[k]]
            if a != b and (sizes[a] > 1 or sizes[b] > 1):
                ax.axhline(k - 0.5, color="#333", linewidth=0.6)
                ax.axvline(k - 0.5, color="#333", linewidth=0.6)
        fig.colorbar(image, ax=ax, shrink=0.6, label="net score")
        return _svg(fig), caption


def timeline_figure(analysis: Analysis) -> tuple[str, str]:
    """The net stance per period of the five most active (holder, target) pairs."""
    with _style() as plt:
        period = analysis.options.period
        caption = (
            f"Net stance per {period} (sum of polarity × confidence of the holder's stances "
            f"toward the target in documents published that {period}) for the five "
            "(holder → target) pairs with the most dated stances. A line crossing zero is a "
            "shift (table below)."
        )
        pairs = most_active_pairs(analysis.stances, 5)
        if not pairs:
            return _empty(plt, "No dated stance."), caption
        periods = sorted({p for (pair, _) in pairs for p in analysis.timeline.get(pair, {})})
        x = {p: i for i, p in enumerate(periods)}
        fig, ax = plt.subplots(figsize=(7.5, 3.2))
        ax.axhline(0, color="#888", linewidth=0.8)
        for (h, t), count in pairs:
            series = analysis.timeline.get((h, t), {})
            xs = [x[p] for p in series]
            ax.plot(
                xs, list(series.values()), marker="o", markersize=4, linewidth=1.4,
                label=f"{analysis.label(h)} → {analysis.label(t)} ({count})",
            )  # fmt: skip
        step = max(1, len(periods) // 12)
        ax.set_xticks(range(0, len(periods), step), periods[::step], fontsize=7.5)
        ax.set_ylabel("net stance")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=7.5)
        return _svg(fig), caption


def top_lists(analysis: Analysis, n: int = TOP_N) -> dict[str, list[tuple[str, float]]]:
    """The actors most supported, most criticised and the brokers.

    Returns
    -------
    dict
        ``"most supported"``: positive stances received (count); ``"most criticised"``:
        negative stances received; ``"brokers"``: betweenness, among actors with edges to at
        least two blocs. Each a list of (IRI, value), highest first (ties: by label).
    """
    stats = analysis.stats
    actors = [i for i in stats if i in analysis.network]

    def ranked(key) -> list[tuple[str, float]]:
        scored = [(i, key(i)) for i in actors]
        scored = [(i, v) for i, v in scored if v > 0]
        scored.sort(key=lambda iv: (-iv[1], analysis.label(iv[0]), iv[0]))
        return scored[:n]

    bloc = analysis.partition.bloc
    g = analysis.network

    def spans(i: str) -> bool:
        return len({bloc[j] for j in g.neighbors(i)} | {bloc[i]}) >= 2

    return {
        "most supported": ranked(lambda i: stats[i].received_positive),
        "most criticised": ranked(lambda i: stats[i].received_negative),
        "brokers": ranked(lambda i: stats[i].betweenness if spans(i) else 0.0),
    }


def top_lists_figure(analysis: Analysis) -> tuple[str, str]:
    """Three bar charts: most supported, most criticised, brokers."""
    with _style() as plt:
        caption = (
            f"Top {TOP_N} actors of the network: most supported (positive stances received), "
            "most criticised (negative stances received), and brokers (betweenness "
            "centrality, shortest paths weighted by 1/|weight|, among actors with ties to two "
            "blocs or more)."
        )
        from graphbuilder.analyze.network import BETWEENNESS_SAMPLE

        if analysis.network.number_of_nodes() > BETWEENNESS_SAMPLE:
            caption += (
                f" Betweenness is estimated from {BETWEENNESS_SAMPLE} source actors drawn with"
                " a fixed seed (Brandes & Pich 2007)."
            )
        lists = top_lists(analysis)
        if not any(lists.values()):
            return _empty(plt, "No actor to rank."), caption
        fig, axes = plt.subplots(1, 3, figsize=(9.5, 0.6 + 0.26 * TOP_N))
        colours = (_POSITIVE, _NEGATIVE, "#4575b4")
        for ax, (title, items), colour in zip(axes, lists.items(), colours, strict=True):
            ax.set_title(title, fontsize=9)
            if not items:
                ax.axis("off")
                continue
            labels = [analysis.label(i) for i, _ in items][::-1]
            ax.barh(range(len(items)), [v for _, v in items][::-1], color=colour)
            ax.set_yticks(range(len(items)), labels, fontsize=7)
            ax.tick_params(axis="x", labelsize=7)
        fig.tight_layout()
        return _svg(fig), caption
