"""What the executors yield, summed: progress events and the records in input order.

An executor (:mod:`graphbuilder.build.executors`) yields one
:class:`~graphbuilder.nlp.run.PathResult` per document; :func:`with_progress` passes them
through with a :class:`DocumentProgress` per document, and :func:`collect` sums them into the
records and problem lines of the input, each in input order.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from graphbuilder.nlp.run import PathResult
from graphbuilder.records import DocumentRecords

__all__ = ["DocumentProgress", "collect", "progress_event", "with_progress"]


@dataclass
class DocumentProgress:
    """One progress event: document ``index`` of ``total`` is done, reused or skipped.

    ``cached`` is True for a document whose records were already in the output folder;
    ``problem`` is the one-line reason a document was skipped; ``seconds`` the time since the
    previous event; ``words`` the words of the document's cleaned text.
    """

    index: int
    total: int
    source: str
    entities: int = 0
    relations: int = 0
    stances: int = 0
    seconds: float = 0.0
    problem: str | None = None
    words: int = 0
    cached: bool = False


def progress_event(result: PathResult, index: int, total: int, seconds: float) -> DocumentProgress:
    """The :class:`DocumentProgress` of one :class:`~graphbuilder.nlp.run.PathResult`."""
    rec = result.record
    if rec is None:
        return DocumentProgress(index, total, result.path, problem=result.problem, seconds=seconds)
    return DocumentProgress(
        index,
        total,
        result.path,
        entities=len(rec.entities),
        relations=len({(r.subject, r.predicate, r.object) for r in rec.relations}),
        stances=len(rec.stances),
        seconds=seconds,
        words=result.words,
    )


def with_progress(
    results: Iterator[PathResult],
    progress: Callable[[DocumentProgress], None] | None,
    *,
    start: int = 0,
    total: int,
) -> Iterator[PathResult]:
    """Pass ``results`` through, calling ``progress`` with each one's event.

    The event of a result comes once the caller is done with it (the build has written its
    record file by then), so a progress line names only what is finished.
    """
    last = time.perf_counter()
    for i, result in enumerate(results, start + 1):
        yield result
        if progress:
            now = time.perf_counter()
            progress(progress_event(result, i, total, now - last))
            last = now


def collect(
    results: Iterator[PathResult], paths: Sequence[str | Path]
) -> tuple[list[DocumentRecords], list[str]]:
    """Sum an executor's results: the records and the problem lines, each in input order.

    Parameters
    ----------
    results : iterator of PathResult
    paths : sequence of str or Path
        The input, for the order (a result may name its path as given or made absolute).

    Returns
    -------
    records : list of DocumentRecords
    problems : list of str
    """
    order: dict[str, int] = {}
    for i, p in enumerate(paths):
        order.setdefault(str(p), i)
        order.setdefault(str(Path(p).absolute()), i)
    done = sorted(results, key=lambda r: order.get(r.path, len(order)))
    records = [r.record for r in done if r.record is not None]
    problems = [r.problem for r in done if r.record is None and r.problem is not None]
    return records, problems
