"""The CSV tables of an analysis, for spreadsheets and other tools.

===================== ==================================================================
file                  one row per
===================== ==================================================================
``actors.csv``        holder or target: stances held and received by polarity, received
                      score, weighted degree, net degree, betweenness, bloc
``stance-matrix.csv`` (holder, target): positive and negative counts, net score (sum of
                      polarity × confidence), documents, first and last date
``blocs.csv``         actor of the network: bloc, its size, the bloc's internal net score
                      (edges inside it) and external net score (edges leaving it)
``shifts.csv``        shift (see :mod:`.timeline`): the earlier and later polarity with
                      period, net score, date, document, stance and sentence
``contradictions.csv`` contradiction: the positive and the negative stance, each with type,
                      date, document, stance and sentence
``stances.csv``       stance counted: holder and target as counted and as in the graph,
                      polarity, type, attribution, confidence, date, document, sentence
===================== ==================================================================

Numbers are written with up to 6 decimals; dates are ISO; IRIs in full. Rows are sorted, so the
same graph and options give the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from graphbuilder.analyze.analysis import Analysis
from graphbuilder.analyze.records import StanceRecord

__all__ = ["TABLES", "HEADERS", "tables", "bloc_scores", "pair_rows", "csv_bytes", "is_our_csv"]

HEADERS: dict[str, tuple[str, ...]] = {
    "actors.csv": (
        "actor", "label", "class", "held_positive", "held_negative", "received_positive",
        "received_negative", "received_score", "weighted_degree", "net_degree",
        "betweenness", "bloc",
    ),
    "stance-matrix.csv": (
        "holder", "holder_label", "target", "target_label", "positive", "negative",
        "net_score", "documents", "first_date", "last_date",
    ),
    "blocs.csv": (
        "actor", "label", "bloc", "bloc_size", "bloc_internal_net", "bloc_external_net",
    ),
    "shifts.csv": (
        "holder", "holder_label", "target", "target_label",
        "earlier_period", "earlier_polarity", "earlier_net", "earlier_date",
        "earlier_document", "earlier_stance", "earlier_evidence",
        "later_period", "later_polarity", "later_net", "later_date",
        "later_document", "later_stance", "later_evidence",
    ),
    "contradictions.csv": (
        "holder", "holder_label", "target", "target_label",
        "positive_type", "positive_date", "positive_document", "positive_stance",
        "positive_evidence",
        "negative_type", "negative_date", "negative_document", "negative_stance",
        "negative_evidence",
    ),
    "stances.csv": (
        "stance", "holder", "holder_label", "target", "target_label", "graph_holder",
        "graph_target", "polarity", "type", "attribution", "confidence", "date", "document",
        "document_title", "evidence",
    ),
}  # fmt: skip
#: The file names, in the order they are written.
TABLES = tuple(HEADERS)


def _num(x: float) -> str:
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _polarity(x: float) -> str:
    return "Positive" if x > 0 else "Negative"


def bloc_scores(analysis: Analysis) -> dict[int, tuple[int, float, float]]:
    """Bloc number -> (size, internal net score, external net score).

    The internal score sums the signed weights of the edges inside the bloc, the external one
    those of the edges between the bloc and the others (so a cohesive bloc at odds with the
    rest has a high internal and a low external score).
    """
    bloc = analysis.partition.bloc
    sizes: dict[int, int] = defaultdict(int)
    for b in bloc.values():
        sizes[b] += 1
    inside: dict[int, float] = defaultdict(float)
    outside: dict[int, float] = defaultdict(float)
    for u, v, w in analysis.network.edges(data="weight"):
        if bloc[u] == bloc[v]:
            inside[bloc[u]] += w
        else:
            outside[bloc[u]] += w
            outside[bloc[v]] += w
    return {b: (sizes[b], inside[b], outside[b]) for b in sorted(sizes)}


def pair_rows(analysis: Analysis) -> list[dict]:
    """The (holder, target) pairs with their counts, net score, documents and dates, most
    stances first (ties: by labels)."""
    acc: dict[tuple[str, str], dict] = {}
    for s in analysis.stances:
        row = acc.setdefault(
            (s.holder, s.target),
            {"positive": 0, "negative": 0, "net": 0.0, "documents": set(), "dates": []},
        )
        row["positive" if s.polarity > 0 else "negative"] += 1
        row["net"] += s.weight
        if s.document:
            row["documents"].add(s.document)
        if s.date:
            row["dates"].append(s.date)
    out = []
    for (h, t), row in acc.items():
        out.append(
            {
                "holder": h,
                "target": t,
                "positive": row["positive"],
                "negative": row["negative"],
                "net": round(row["net"], 9),
                "documents": len(row["documents"]),
                "first": min(row["dates"]) if row["dates"] else "",
                "last": max(row["dates"]) if row["dates"] else "",
            }
        )
    out.sort(
        key=lambda r: (
            -(r["positive"] + r["negative"]),
            analysis.label(r["holder"]),
            analysis.label(r["target"]),
            r["holder"],
            r["target"],
        )
    )
    return out


def _stance_cells(s: StanceRecord) -> list[str]:
    return [s.date or "", s.document or "", s.iri, s.evidence]


def tables(analysis: Analysis) -> dict[str, tuple[tuple[str, ...], list[list[str]]]]:
    """Every table of the analysis: file name -> (header, rows).

    Parameters
    ----------
    analysis : Analysis

    Returns
    -------
    dict of str to (tuple of str, list of list of str)
        Keys are :data:`TABLES`.
    """
    a = analysis
    label = a.label
    out: dict[str, tuple[tuple[str, ...], list[list[str]]]] = {}

    rows = []
    for iri, st in a.stats.items():
        actor = a.actors.get(iri)
        b = a.bloc_of(iri)
        rows.append(
            [
                iri, label(iri), actor.cls if actor else "", str(st.held_positive),
                str(st.held_negative), str(st.received_positive), str(st.received_negative),
                _num(st.received_score), _num(st.weighted_degree), _num(st.net_degree),
                _num(st.betweenness), "" if b is None else str(b),
            ]
        )  # fmt: skip
    rows.sort(key=lambda r: (r[1].casefold(), r[0]))
    out["actors.csv"] = (HEADERS["actors.csv"], rows)

    out["stance-matrix.csv"] = (
        HEADERS["stance-matrix.csv"],
        [
            [
                r["holder"], label(r["holder"]), r["target"], label(r["target"]),
                str(r["positive"]), str(r["negative"]), _num(r["net"]), str(r["documents"]),
                r["first"], r["last"],
            ]
            for r in pair_rows(a)
        ],
    )  # fmt: skip

    scores = bloc_scores(a)
    rows = []
    for iri, b in a.partition.bloc.items():
        size, inside, outside = scores[b]
        rows.append([iri, label(iri), str(b), str(size), _num(inside), _num(outside)])
    rows.sort(key=lambda r: (int(r[2]), r[1].casefold(), r[0]))
    out["blocs.csv"] = (HEADERS["blocs.csv"], rows)

    out["shifts.csv"] = (
        HEADERS["shifts.csv"],
        [
            [
                sh.holder, label(sh.holder), sh.target, label(sh.target),
                sh.earlier_period, _polarity(sh.earlier_net), _num(sh.earlier_net),
                *_stance_cells(sh.earlier),
                sh.later_period, _polarity(sh.later_net), _num(sh.later_net),
                *_stance_cells(sh.later),
            ]
            for sh in a.shifts
        ],
    )  # fmt: skip

    out["contradictions.csv"] = (
        HEADERS["contradictions.csv"],
        [
            [
                c.holder, label(c.holder), c.target, label(c.target),
                c.positive.stance_type, *_stance_cells(c.positive),
                c.negative.stance_type, *_stance_cells(c.negative),
            ]
            for c in a.contradictions
        ],
    )  # fmt: skip

    docs = a.records.documents
    out["stances.csv"] = (
        HEADERS["stances.csv"],
        [
            [
                s.iri, s.holder, label(s.holder), s.target, label(s.target), s.original_holder,
                s.original_target, _polarity(s.polarity), s.stance_type, s.attribution,
                _num(s.confidence), s.date or "", s.document or "",
                (docs[s.document].title or "") if s.document in docs else "", s.evidence,
            ]
            for s in a.stances
        ],
    )  # fmt: skip
    return out


def csv_bytes(header: tuple[str, ...], rows: list[list[str]]) -> bytes:
    """A table as UTF-8 CSV with ``\\n`` line ends."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def is_our_csv(path: Path, name: str) -> bool:
    """True when ``path`` is absent, empty, or starts with the header of table ``name``."""
    try:
        with path.open("rb") as handle:
            first = handle.readline()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return not first.strip() or first.decode("utf-8", "replace").rstrip("\r\n") == ",".join(
        HEADERS[name]
    )
