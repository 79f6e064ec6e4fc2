"""The analysis of one graph's stances: options in, every figure and table's data out.

:func:`run_analysis` chains the steps on the records of :mod:`.load`:

1. choose the stances (``exclude_author``, ``use_kb``), fold people onto the states and
   organizations they lead or serve (``fold_people``, :mod:`.fold`);
2. build the signed actor network and each actor's figures (:mod:`.network`);
3. partition it into blocs and compute the sign-shuffled baseline (:mod:`.blocs`);
4. find shifts and contradictions, and the net stance per period (:mod:`.timeline`).

Nothing is written: :mod:`.report` and :mod:`.tables` present the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx

from graphbuilder.analyze.blocs import SHUFFLES, Baseline, Partition, best_partition
from graphbuilder.analyze.blocs import shuffled_baseline as _baseline
from graphbuilder.analyze.network import ActorStats, actor_stats, signed_network
from graphbuilder.analyze.records import Actor, GraphRecords, StanceRecord
from graphbuilder.analyze.timeline import (
    PERIODS,
    Contradiction,
    Shift,
    contradictions,
    net_by_period,
    shifts,
)

__all__ = ["AnalysisOptions", "Analysis", "select_stances", "run_analysis"]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class AnalysisOptions:
    """What to count and how.

    Attributes
    ----------
    fold_people : bool
        A person's stances count for the state or organization they lead or serve on the
        document's date (:mod:`graphbuilder.analyze.fold`).
    exclude_author : bool
        Leave out the author's own opinions: stances attributed ``gb:AuthorOpinion``, and any
        stance whose holder is its document's ``schema:author``.
    use_kb : bool
        Use knowledge-base facts (stances marked ``gb:fromKnowledgeBase``, and the office
        terms of the knowledge base for ``fold_people``); False for ``--no-kb``.
    period : str
        ``year``, ``quarter`` or ``month``: the periods of shifts and timelines.
    shuffles : int
        Sign-shuffled copies for the bloc baseline.
    seed : int
        Seed of the local search and of the shuffles.
    """

    fold_people: bool = False
    exclude_author: bool = False
    use_kb: bool = True
    period: str = "year"
    shuffles: int = SHUFFLES
    seed: int = 0

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            raise ValueError(f"unknown period {self.period!r}; expected one of {PERIODS}")
        if self.shuffles < 0:
            raise ValueError(f"shuffles must be 0 or more, not {self.shuffles}")


@dataclass
class Analysis:
    """The result of :func:`run_analysis` (see the modules of each step for the meanings).

    Attributes
    ----------
    records : GraphRecords
        What the graph holds.
    options : AnalysisOptions
    stances : list of StanceRecord
        The stances counted (after the options), holders and targets folded.
    actors : dict of str to Actor
        Every holder and target (and states the knowledge base added when folding).
    left_out : dict of str to int
        Stances not counted, by reason (``"author's opinion"``, ``"knowledge base"``).
    folded : dict of str to int
        Stance ends moved by ``fold_people``, per source of the office.
    network : networkx.Graph
        The signed actor network.
    partition : Partition
    baseline : Baseline or None
        None when ``shuffles`` is 0.
    stats : dict of str to ActorStats
    shifts : list of Shift
    contradictions : list of Contradiction
    timeline : dict of (holder, target) to dict of period to float
    """

    records: GraphRecords
    options: AnalysisOptions
    stances: list[StanceRecord]
    actors: dict[str, Actor]
    left_out: dict[str, int]
    folded: dict[str, int]
    network: nx.Graph
    partition: Partition
    baseline: Baseline | None
    stats: dict[str, ActorStats]
    shifts: list[Shift]
    contradictions: list[Contradiction]
    timeline: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)

    def label(self, iri: str) -> str:
        """The label of an entity (its IRI where unknown)."""
        actor = self.actors.get(iri)
        return actor.label if actor else iri

    def bloc_of(self, iri: str) -> int | None:
        """The bloc number of an actor of the network, else None."""
        return self.partition.bloc.get(iri)


def select_stances(
    records: GraphRecords, options: AnalysisOptions
) -> tuple[list[StanceRecord], dict[str, int]]:
    """The stances ``options`` count, and how many were left out per reason.

    Parameters
    ----------
    records : GraphRecords
    options : AnalysisOptions

    Returns
    -------
    stances : list of StanceRecord
    left_out : dict of str to int
    """
    kept, left = [], {"author's opinion": 0, "knowledge base": 0}
    for s in records.stances:
        if not options.use_kb and s.from_kb:
            left["knowledge base"] += 1
            continue
        if options.exclude_author:
            doc = records.documents.get(s.document or "")
            author = doc.author if doc else None
            if s.attribution == "AuthorOpinion" or (author and s.original_holder == author):
                left["author's opinion"] += 1
                continue
        kept.append(s)
    return kept, {k: v for k, v in left.items() if v}


def run_analysis(
    records: GraphRecords,
    options: AnalysisOptions | None = None,
    *,
    kb=None,
    progress: Progress | None = None,
) -> Analysis:
    """Analyse the stances of a graph: network, blocs, baseline, shifts, contradictions.

    Parameters
    ----------
    records : GraphRecords
        From :func:`graphbuilder.analyze.load.load_records`.
    options : AnalysisOptions, optional
        Default: every stance, people as themselves, yearly periods, 20 shuffles.
    kb : graphbuilder.resolve.kb.KnowledgeBase, optional
        The knowledge base for ``fold_people`` (default: the installed one).
    progress : callable, optional
        ``progress(step, done, total)``.

    Returns
    -------
    Analysis

    Raises
    ------
    KnowledgeBaseError
        ``fold_people`` with a malformed knowledge base.

    Examples
    --------
    >>> from graphbuilder.analyze.records import GraphRecords
    >>> run_analysis(GraphRecords()).partition.frustration
    0
    """
    options = options or AnalysisOptions()

    def tick(step: str, done: int = 1, total: int = 1) -> None:
        if progress:
            progress(step, done, total)

    selected = records
    stances, left_out = select_stances(records, options)
    actors, folded = dict(records.actors), {}
    if options.fold_people:
        from graphbuilder.analyze.fold import fold_people

        selected = GraphRecords(
            stances, records.actors, records.documents, records.offices, records.source
        )
        stances, actors, folded = fold_people(selected, use_kb=options.use_kb, kb=kb)
    tick("choose and fold the stances")
    network = signed_network(stances, actors)
    stats = actor_stats(stances, network)
    tick("build the signed network")
    partition = best_partition(
        network,
        seed=options.seed,
        progress=(lambda d, t: tick("partition into blocs", d, t)) if progress else None,
    )
    baseline = None
    if options.shuffles:
        baseline = _baseline(
            network,
            partition.frustration,
            shuffles=options.shuffles,
            seed=options.seed,
            progress=(lambda d, t: tick("shuffled-sign baseline", d, t)) if progress else None,
        )
    found_shifts = shifts(stances, options.period)
    found_contradictions = contradictions(stances)
    timeline = net_by_period(stances, options.period)
    tick("find shifts and contradictions")
    return Analysis(
        records,
        options,
        stances,
        actors,
        left_out,
        folded,
        network,
        partition,
        baseline,
        stats,
        found_shifts,
        found_contradictions,
        timeline,
    )
