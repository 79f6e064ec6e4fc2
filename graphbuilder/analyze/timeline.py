"""Time: shifts of position, contradictions, and the net stance of a pair period by period.

Stances are dated by their document's ``schema:datePublished``; undated stances take part in
contradictions (which ignore dates) but not in shifts or timelines.

* A **shift**: the net polarity of a holder toward a target (the sum of polarity ×
  confidence of its stances in a period) changes sign between two consecutive periods in
  which it has one (periods without a stance, or whose stances cancel out, are skipped: a
  support in 2022 and a criticism in 2024 is a shift from 2022 to 2024). Its evidence: the
  latest stance of the earlier period with the earlier sign, and the earliest of the later
  period with the later sign.
* A **contradiction**: the same holder positive toward a target in one document and negative
  in another, whatever their dates. Every document of such a pair appears in at least one
  row: each document's most confident stance of one polarity is paired with the stance of
  the opposite polarity nearest in time in another document (ties: the earlier, then the most
  confident), and a pair found from both sides is listed once. So a pair with many stances
  gives as many rows as documents, not their product.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as _date

import numpy as np

from graphbuilder.analyze.records import StanceRecord

__all__ = ["PERIODS", "period_of", "Shift", "Contradiction", "shifts", "contradictions",
           "net_by_period", "most_active_pairs"]  # fmt: skip

#: Period lengths for shifts and timelines.
PERIODS = ("year", "quarter", "month")


def period_of(day: str, period: str = "year") -> str:
    """The period an ISO date falls in.

    Parameters
    ----------
    day : str
        ``YYYY-MM-DD``.
    period : str
        ``year``, ``quarter`` or ``month``.

    Returns
    -------
    str
        ``"2022"``, ``"2022-Q3"`` or ``"2022-07"`` (they sort in time order).

    Raises
    ------
    ValueError
        An unknown period.

    Examples
    --------
    >>> period_of("2022-07-14", "quarter")
    '2022-Q3'
    """
    if period == "year":
        return day[:4]
    if period == "quarter":
        return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"
    if period == "month":
        return day[:7]
    raise ValueError(f"unknown period {period!r}; expected one of {', '.join(PERIODS)}")


@dataclass(frozen=True, slots=True)
class Shift:
    """A holder's net polarity toward a target changed sign between two periods."""

    holder: str
    target: str
    earlier_period: str
    earlier_net: float
    earlier: StanceRecord
    later_period: str
    later_net: float
    later: StanceRecord


@dataclass(frozen=True, slots=True)
class Contradiction:
    """The same holder positive toward a target in one document and negative in another."""

    holder: str
    target: str
    positive: StanceRecord
    negative: StanceRecord


def _pairs(stances: Iterable[StanceRecord]) -> dict[tuple[str, str], list[StanceRecord]]:
    out: dict[tuple[str, str], list[StanceRecord]] = defaultdict(list)
    for s in stances:
        out[(s.holder, s.target)].append(s)
    return out


def net_by_period(
    stances: Iterable[StanceRecord], period: str = "year"
) -> dict[tuple[str, str], dict[str, float]]:
    """Net stance (sum of polarity × confidence) of each (holder, target) in each period.

    Parameters
    ----------
    stances : iterable of StanceRecord
        Undated ones are skipped.
    period : str
        ``year``, ``quarter`` or ``month``.

    Returns
    -------
    dict of (holder, target) to dict of period to float
        Periods in time order.
    """
    out: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for s in stances:
        if s.date is None:
            continue
        p = period_of(s.date, period)
        row = out[(s.holder, s.target)]
        row[p] = row.get(p, 0.0) + s.weight
    return {k: {p: round(v[p], 9) for p in sorted(v)} for k, v in out.items()}


def shifts(stances: Iterable[StanceRecord], period: str = "year") -> list[Shift]:
    """Every change of sign of a holder's net polarity toward a target between periods.

    Parameters
    ----------
    stances : iterable of StanceRecord
    period : str
        ``year``, ``quarter`` or ``month``.

    Returns
    -------
    list of Shift
        By holder, target and time.
    """
    found = []
    for (holder, target), group in sorted(_pairs(s for s in stances if s.date).items()):
        by_period: dict[str, list[StanceRecord]] = defaultdict(list)
        for s in group:
            by_period[period_of(s.date, period)].append(s)
        signed = []
        for p in sorted(by_period):
            net = round(sum(s.weight for s in by_period[p]), 9)
            if net:
                signed.append((p, net))
        for (p0, n0), (p1, n1) in zip(signed, signed[1:], strict=False):
            if (n0 > 0) == (n1 > 0):
                continue
            s0 = [s for s in by_period[p0] if (s.polarity > 0) == (n0 > 0)]
            s1 = [s for s in by_period[p1] if (s.polarity > 0) == (n1 > 0)]
            earlier = max(s0, key=lambda s: (s.date, s.confidence, s.iri))
            later = min(s1, key=lambda s: (s.date, -s.confidence, s.iri))
            found.append(Shift(holder, target, p0, n0, earlier, p1, n1, later))
    return found


def _ordinal(day: str | None) -> int | None:
    try:
        return _date.fromisoformat(day).toordinal() if day else None
    except ValueError:
        return None


_FAR = 10**7  # the "distance in days" of an undated stance: farther than any dated one


class _Side:
    """The stances of one polarity (one per document), sorted so that the first of equal
    distance is the earlier, then the more confident, then the smaller IRI."""

    def __init__(self, stances: list[StanceRecord]) -> None:
        self.items = sorted(stances, key=lambda o: (o.date or "9999", -o.confidence, o.iri))
        self.days = np.array([_ordinal(o.date) or -_FAR for o in self.items], dtype=np.int64)
        self.dated = np.array([o.date is not None for o in self.items])
        self.docs = [o.document for o in self.items]

    def nearest(self, s: StanceRecord) -> StanceRecord | None:
        here = _ordinal(s.date)
        if here is None:
            gap = np.zeros(len(self.items), dtype=np.int64)
        else:
            gap = np.where(self.dated, np.abs(self.days - here), _FAR)
        gap = np.where([d == s.document for d in self.docs], _FAR * 10, gap)
        best = int(np.argmin(gap))  # the first minimum: the order above breaks ties
        return None if gap[best] >= _FAR * 10 else self.items[best]


def contradictions(stances: Iterable[StanceRecord]) -> list[Contradiction]:
    """Pairs of stances of opposite polarity of one holder toward one target, in different
    documents (see the module docstring for which pairs are listed).

    Parameters
    ----------
    stances : iterable of StanceRecord
        Stances without a document are skipped.

    Returns
    -------
    list of Contradiction
        By holder, target, then the positive stance's date.
    """
    found = []
    for (holder, target), group in sorted(_pairs(s for s in stances if s.document).items()):
        best: dict[tuple[int, str], StanceRecord] = {}
        for s in group:
            key = (s.polarity, s.document)
            old = best.get(key)
            if old is None or (s.confidence, s.iri) > (old.confidence, old.iri):
                best[key] = s
        pos = [s for (p, _), s in best.items() if p > 0]
        neg = [s for (p, _), s in best.items() if p < 0]
        if not pos or not neg:
            continue
        chosen: dict[tuple[str, str], Contradiction] = {}
        for side, other in ((pos, _Side(neg)), (neg, _Side(pos))):
            for s in side:
                o = other.nearest(s)
                if o is None:
                    continue
                p, n = (s, o) if s.polarity > 0 else (o, s)
                chosen.setdefault((p.iri, n.iri), Contradiction(holder, target, p, n))
        found.extend(
            sorted(
                chosen.values(),
                key=lambda c: (
                    c.positive.date or "9999",
                    c.negative.date or "9999",
                    c.positive.iri,
                    c.negative.iri,
                ),
            )
        )
    return found


def most_active_pairs(
    stances: Iterable[StanceRecord], n: int = 5
) -> list[tuple[tuple[str, str], int]]:
    """The ``n`` (holder, target) pairs with the most dated stances (ties: the larger
    ``|net|``, then the IRIs).

    Returns
    -------
    list of ((holder, target), count)
    """
    counts: dict[tuple[str, str], list] = defaultdict(lambda: [0, 0.0])
    for s in stances:
        if s.date:
            row = counts[(s.holder, s.target)]
            row[0] += 1
            row[1] += s.weight
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1][0], -abs(kv[1][1]), kv[0]))
    return [(pair, row[0]) for pair, row in ranked[:n]]
