"""``report.html``: the analysis as one offline page, pictures first, then tables, then the
evidence every row links to.

The page is one UTF-8 file: inline SVG figures (:mod:`.figures`), an inline stylesheet, no
script, and a Content-Security-Policy that forbids loading anything (``default-src 'none'``),
so it opens offline and never reaches the network. Article text is escaped by Jinja2's
autoescaping; the SVG comes from matplotlib, which escapes the labels it draws.

Evidence: each (holder, target) pair shown in a table has an anchor ``#pair-…`` listing its
stances (sentence, type, attribution, confidence, document and date), each stance an anchor
``#ev-…``; each actor an anchor ``#actor-…`` with its pairs and a link to the actor in
``graph.html`` (the view written beside the graph, when there is one) as
``graph.html#node=<IRI>``. HTML tables show the first :data:`ROWS_SHOWN` rows; the CSV files
hold all of them.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

from graphbuilder.analyze.analysis import Analysis
from graphbuilder.analyze.figures import (
    baseline_text,
    matrix_figure,
    network_figure,
    timeline_figure,
    top_lists,
    top_lists_figure,
)
from graphbuilder.analyze.records import StanceRecord
from graphbuilder.analyze.tables import bloc_scores, pair_rows
from graphbuilder.paths import package_dir

__all__ = ["GENERATOR", "ROWS_SHOWN", "STANCES_PER_PAIR", "render_report"]

#: Marks pages this module wrote; an existing report.html without it is never overwritten.
GENERATOR = "graphbuilder-analyze"
#: Rows of each HTML table (all rows are in the CSV files).
ROWS_SHOWN = 200
#: Stances listed under each pair in the evidence section (most confident first).
STANCES_PER_PAIR = 8
#: Pairs listed under each actor in the evidence section.
PAIRS_PER_ACTOR = 12


def _anchor(kind: str, *parts: str) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{kind}-{digest}"


def _graph_link(graph_html: Path | None, out_dir: Path) -> str | None:
    if graph_html is None or not graph_html.is_file():
        return None
    rel = os.path.relpath(graph_html.resolve(), out_dir.resolve())
    return quote(Path(rel).as_posix())


class _Evidence:
    """Collects the pairs, stances and actors the page's rows link to."""

    def __init__(self, analysis: Analysis) -> None:
        self.a = analysis
        self.by_pair: dict[tuple[str, str], list[StanceRecord]] = defaultdict(list)
        for s in analysis.stances:
            self.by_pair[(s.holder, s.target)].append(s)
        self.pairs: dict[tuple[str, str], set[str]] = {}
        self.actors: dict[str, None] = {}

    def pair(self, holder: str, target: str, *stances: StanceRecord) -> str:
        chosen = self.pairs.setdefault((holder, target), set())
        chosen.update(s.iri for s in stances)
        self.actor(holder)
        self.actor(target)
        return "#" + _anchor("pair", holder, target)

    def stance(self, s: StanceRecord) -> str:
        self.pair(s.holder, s.target, s)
        return "#" + _anchor("ev", s.iri)

    def actor(self, iri: str) -> str:
        self.actors.setdefault(iri)
        return "#" + _anchor("actor", iri)

    def sections(self, graph_href: str | None) -> tuple[list[dict], list[dict]]:
        a = self.a
        docs = a.records.documents
        actor_pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for h, t in self.pairs:
            actor_pairs[h].append((h, t))
            actor_pairs[t].append((h, t))
        actors = []
        for iri in self.actors:
            actor = a.actors.get(iri)
            pairs = sorted(
                actor_pairs[iri],
                key=lambda p: (-len(self.by_pair[p]), a.label(p[0]), a.label(p[1])),
            )
            actors.append(
                {
                    "id": _anchor("actor", iri),
                    "iri": iri,
                    "label": a.label(iri),
                    "cls": actor.cls if actor else "",
                    "bloc": a.bloc_of(iri),
                    "graph": f"{graph_href}#node={quote(iri, safe='')}" if graph_href else None,
                    "pairs": [
                        {
                            "href": "#" + _anchor("pair", h, t),
                            "text": f"{a.label(h)} → {a.label(t)}",
                            "n": len(self.by_pair[(h, t)]),
                        }
                        for h, t in pairs[:PAIRS_PER_ACTOR]
                    ],
                    "more": max(0, len(pairs) - PAIRS_PER_ACTOR),
                }
            )
        actors.sort(key=lambda x: (x["label"].casefold(), x["iri"]))
        pairs_out = []
        for (h, t), wanted in self.pairs.items():
            stances = self.by_pair[(h, t)]
            top = sorted(stances, key=lambda s: (-s.confidence, s.date or "9999", s.iri))
            keep = {s.iri for s in top[:STANCES_PER_PAIR]} | wanted
            shown = sorted(
                (s for s in stances if s.iri in keep),
                key=lambda s: (s.date is None, s.date or "", s.iri),
            )
            pairs_out.append(
                {
                    "id": _anchor("pair", h, t),
                    "holder": {"href": "#" + _anchor("actor", h), "label": a.label(h)},
                    "target": {"href": "#" + _anchor("actor", t), "label": a.label(t)},
                    "total": len(stances),
                    "stances": [self._stance_item(s, docs) for s in shown],
                }
            )
        pairs_out.sort(key=lambda p: (p["holder"]["label"].casefold(), p["target"]["label"]))
        return actors, pairs_out

    def _stance_item(self, s: StanceRecord, docs) -> dict:
        doc = docs.get(s.document or "")
        folded = []
        if s.original_holder != s.holder:
            folded.append(f"held by {self.a.label(s.original_holder)}")
        if s.original_target != s.target:
            folded.append(f"aimed at {self.a.label(s.original_target)}")
        url = doc.url if doc and doc.url and doc.url.startswith(("http://", "https://")) else None
        return {
            "id": _anchor("ev", s.iri),
            "iri": s.iri,
            "positive": s.polarity > 0,
            "type": s.stance_type or ("Positive" if s.polarity > 0 else "Negative"),
            "attribution": s.attribution,
            "confidence": f"{s.confidence:.2f}",
            "evidence": s.evidence,
            "date": s.date or "undated",
            "document": (doc.title if doc and doc.title else None) or (s.document or ""),
            "document_iri": s.document or "",
            "source": (doc.source if doc else None) or "",
            "url": url,
            "folded": "; ".join(folded),
        }


def _num(x: float, digits: int = 2) -> str:
    return f"{x:+.{digits}f}" if x else "0"


def page_context(analysis: Analysis, graph_href: str | None, title: str) -> dict:
    """Everything the template shows (figures, tables, evidence), as plain data."""
    a = analysis
    ev = _Evidence(a)
    p = a.partition
    figures = [
        ("network", "The signed network by bloc", *network_figure(a)),
        ("matrix", "Who stands where: holder × target", *matrix_figure(a)),
        ("timeline", "Net stance over time", *timeline_figure(a)),
        ("top", "Most supported, most criticised, brokers", *top_lists_figure(a)),
    ]

    scores = bloc_scores(a)
    blocs = []
    for b, members in p.blocs().items():
        size, inside, outside = scores[b]
        members = sorted(members, key=lambda n: (-a.stats[n].weighted_degree, a.label(n)))
        blocs.append(
            {
                "bloc": b,
                "size": size,
                "internal": _num(inside),
                "external": _num(outside),
                "members": [{"href": ev.actor(m), "label": a.label(m)} for m in members[:25]],
                "more": max(0, len(members) - 25),
            }
        )
    multi = [b for b in blocs if b["size"] > 1]
    singles = len(blocs) - len(multi)

    tops = {
        title_: [
            {"href": ev.actor(i), "label": a.label(i), "value": f"{v:g}" if title_ != "brokers"
             else f"{v:.3f}", "bloc": a.bloc_of(i)}
            for i, v in items
        ]
        for title_, items in top_lists(a).items()
    }  # fmt: skip

    shifts = []
    for sh in a.shifts[:ROWS_SHOWN]:
        shifts.append(
            {
                "holder": {"href": ev.actor(sh.holder), "label": a.label(sh.holder)},
                "target": {"href": ev.actor(sh.target), "label": a.label(sh.target)},
                "from": (sh.earlier_period, sh.earlier_net > 0, _num(sh.earlier_net)),
                "to": (sh.later_period, sh.later_net > 0, _num(sh.later_net)),
                "earlier": {"href": ev.stance(sh.earlier), "text": sh.earlier.evidence,
                            "date": sh.earlier.date},
                "later": {"href": ev.stance(sh.later), "text": sh.later.evidence,
                          "date": sh.later.date},
            }
        )  # fmt: skip

    contradictions = []
    for c in a.contradictions[:ROWS_SHOWN]:
        contradictions.append(
            {
                "holder": {"href": ev.actor(c.holder), "label": a.label(c.holder)},
                "target": {"href": ev.actor(c.target), "label": a.label(c.target)},
                "positive": {"href": ev.stance(c.positive), "text": c.positive.evidence,
                             "date": c.positive.date or "undated", "type": c.positive.stance_type},
                "negative": {"href": ev.stance(c.negative), "text": c.negative.evidence,
                             "date": c.negative.date or "undated", "type": c.negative.stance_type},
            }
        )  # fmt: skip

    all_pairs = pair_rows(a)
    matrix = []
    for r in all_pairs[:ROWS_SHOWN]:
        h, t = r["holder"], r["target"]
        matrix.append(
            {
                "href": ev.pair(h, t),
                "holder": {"href": ev.actor(h), "label": a.label(h), "bloc": a.bloc_of(h)},
                "target": {"href": ev.actor(t), "label": a.label(t), "bloc": a.bloc_of(t)},
                "positive": r["positive"],
                "negative": r["negative"],
                "net": _num(r["net"]),
                "net_sign": (r["net"] > 0) - (r["net"] < 0),
                "documents": r["documents"],
                "first": r["first"],
                "last": r["last"],
            }
        )

    ranked = sorted(
        a.stats.items(), key=lambda kv: (-kv[1].weighted_degree, -(kv[1].held_positive +
        kv[1].held_negative + kv[1].received_positive + kv[1].received_negative),
        a.label(kv[0]), kv[0]),
    )  # fmt: skip
    actor_rows = []
    for iri, st in ranked[:ROWS_SHOWN]:
        actor = a.actors.get(iri)
        actor_rows.append(
            {
                "href": ev.actor(iri),
                "label": a.label(iri),
                "cls": actor.cls if actor else "",
                "held": (st.held_positive, st.held_negative),
                "received": (st.received_positive, st.received_negative),
                "degree": f"{st.weighted_degree:.2f}",
                "betweenness": f"{st.betweenness:.3f}",
                "bloc": a.bloc_of(iri),
            }
        )
    # every actor shown links to its pairs: give each a few pairs of evidence
    by_actor: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in all_pairs:
        by_actor[r["holder"]].append((r["holder"], r["target"]))
        by_actor[r["target"]].append((r["holder"], r["target"]))
    for iri in list(ev.actors):
        for h, t in by_actor.get(iri, [])[:3]:
            ev.pair(h, t)

    evidence_actors, evidence_pairs = ev.sections(graph_href)
    records = a.records
    summary = {
        "documents": len(records.documents),
        "stances_graph": len(records.stances),
        "stances": len(a.stances),
        "left_out": a.left_out,
        "folded": a.folded,
        "actors": a.network.number_of_nodes(),
        "edges": a.network.number_of_edges(),
        "signed_edges": p.signed_edges,
        "blocs": len(multi),
        "singles": singles,
        "frustration": p.frustration,
        "exact": p.exact,
        "baseline": baseline_text(a),
        "shifts": len(a.shifts),
        "contradictions": len(a.contradictions),
        "pairs": len(all_pairs),
        "dated": sum(1 for s in a.stances if s.date),
    }
    options = a.options
    return {
        "title": title,
        "generator": GENERATOR,
        "graph_href": graph_href,
        "source": records.source,
        "options": {
            "fold people": "yes" if options.fold_people else "no",
            "exclude author": "yes" if options.exclude_author else "no",
            "knowledge base": "yes" if options.use_kb else "no",
            "period": options.period,
            "shuffles": options.shuffles,
            "seed": options.seed,
        },
        "summary": summary,
        "figures": [
            {"id": f, "title": t, "svg": svg, "caption": cap} for f, t, svg, cap in figures
        ],
        "blocs": blocs,
        "tops": tops,
        "shifts": shifts,
        "contradictions": contradictions,
        "matrix": matrix,
        "actor_rows": actor_rows,
        "evidence_actors": evidence_actors,
        "evidence_pairs": evidence_pairs,
        "rows_shown": ROWS_SHOWN,
        "totals": {
            "shifts": len(a.shifts),
            "contradictions": len(a.contradictions),
            "matrix": len(all_pairs),
            "actors": len(a.stats),
        },
    }


def render_report(
    analysis: Analysis,
    out_dir: Path,
    *,
    graph_html: Path | None = None,
    title: str | None = None,
) -> str:
    """Render ``report.html`` (returned as text; :func:`graphbuilder.analyze.analyze` writes it).

    Parameters
    ----------
    analysis : Analysis
    out_dir : pathlib.Path
        The folder the page will be written to (links to ``graph.html`` are relative to it).
    graph_html : pathlib.Path, optional
        The interactive view of the same graph; rows link to its actors when it exists.
    title : str, optional
        Page title (default: "Blocs, shifts and contradictions: <graph file name>").

    Returns
    -------
    str
        The HTML page.
    """
    import jinja2
    from markupsafe import Markup

    templates = package_dir("analyze", "templates")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    name = Path(analysis.records.source).name if analysis.records.source else "graph"
    context = page_context(
        analysis,
        _graph_link(graph_html, out_dir),
        title or f"Blocs, shifts and contradictions: {name}",
    )
    for fig in context["figures"]:
        fig["svg"] = Markup(fig["svg"])
    context["css"] = Markup((templates / "report.css").read_text(encoding="utf-8"))
    return env.get_template("report.html.j2").render(**context)
