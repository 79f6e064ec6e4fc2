"""Where the worker runs: each executor is a ``map`` of the one worker (``run_documents``).

An executor has one method, ``map(settings, paths) -> Iterator[PathResult]``: it cuts the
input into parts, runs the worker on each part somewhere, and yields every document's
:class:`~graphbuilder.nlp.run.PathResult` as it comes back (in input order in this process,
in completion order elsewhere). None of them merges, writes or counts anything: the caller
(:func:`graphbuilder.build.build`, :func:`collect`) does, once, whatever ran the worker.

:class:`InProcess`
    The worker itself, in this process (with a given pipeline, or one loaded here once).
:class:`ProcessPool`
    ``jobs`` worker processes, each with its pipeline loaded once. Where the platform allows
    (Linux), the pipeline is loaded in this process and the workers are *forked* after it, so
    they share its memory and do not load again; elsewhere (and with ``start_method="spawn"``)
    each worker starts fresh and loads its own.
:class:`graphbuilder.engines.dask_engine.DaskExecutor`
    Partitions on a Dask cluster.
"""

from __future__ import annotations

import functools
import multiprocessing
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from graphbuilder.build.results import DocumentProgress, collect, with_progress
from graphbuilder.build.settings import RunSettings
from graphbuilder.build.worker import PathResult, run_batch, run_documents, worker_pipeline
from graphbuilder.records import DocumentRecords

__all__ = [
    "Executor",
    "InProcess",
    "ProcessPool",
    "default_start_method",
    "executor_for",
    "extract_documents",
]

#: Files per task of a :class:`ProcessPool` (small: the last tasks keep both workers busy).
POOL_CHUNK = 8


class Executor(Protocol):
    """Runs the worker over paths; see the module docstring."""

    def map(self, settings: RunSettings, paths: Sequence[str]) -> Iterator[PathResult]: ...


@dataclass(frozen=True)
class InProcess:
    """The worker in this process, with ``nlp`` (default: the pipeline of the settings)."""

    nlp: object | None = None

    def map(self, settings: RunSettings, paths: Sequence[str]) -> Iterator[PathResult]:
        """Yield each document's result in input order, as soon as it is done."""
        return run_documents(paths, settings, nlp=self.nlp)


def default_start_method() -> str:
    """``"fork"`` on Linux in a process of one thread, else ``"spawn"`` (:class:`ProcessPool`).

    Forking after the load saves each worker its imports and pipeline load (on 2 cores,
    84 news articles: 12.1 and 16.4 s against 16.7 and 22.5 s spawned, alternating runs, and
    about 2.5 s less CPU; the same records, ``tests/test_build_batch.py``). A process with
    other threads (a Dask client, a notebook's kernel threads) spawns: a lock held by another
    thread at the fork would stay locked in the child. macOS offers fork but its system
    libraries (Accelerate, the Objective-C runtime) are not fork-safe once loaded, which is
    why Python made spawn its default there.
    """
    import threading

    forkable = "fork" in multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and forkable and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _init_pool_worker(settings: RunSettings) -> None:
    worker_pipeline(settings)  # forked: already loaded, inherited; spawned: loaded here


@dataclass(frozen=True)
class ProcessPool:
    """``jobs`` worker processes, each with the pipeline loaded once.

    Attributes
    ----------
    jobs : int
        Worker processes (at most one per task).
    start_method : str, optional
        ``"fork"`` (load the pipeline here, then fork the workers) or ``"spawn"`` (each
        worker imports and loads on its own); default :func:`default_start_method`.
    chunk : int
        Files per task.
    """

    jobs: int
    start_method: str | None = None
    chunk: int = POOL_CHUNK

    def map(self, settings: RunSettings, paths: Sequence[str]) -> Iterator[PathResult]:
        """Yield each document's result as its task comes back (completion order)."""
        names = [str(p) for p in paths]
        tasks = [names[i : i + self.chunk] for i in range(0, len(names), self.chunk)]
        if not tasks:
            return
        method = self.start_method or default_start_method()
        if method == "fork":
            worker_pipeline(settings)  # loaded once, here; the forked workers inherit it
        context = multiprocessing.get_context(method)
        jobs = max(1, min(self.jobs, len(tasks)))
        with context.Pool(jobs, initializer=_init_pool_worker, initargs=(settings,)) as pool:
            for results in pool.imap_unordered(functools.partial(run_batch, settings), tasks):
                yield from results


def executor_for(
    *, nlp=None, jobs: int = 1, engine: str = "local", scheduler: str | None = None
) -> Executor:
    """The executor of a build's options (``--jobs``, ``--engine``, ``--scheduler``).

    A given ``nlp`` runs in this process; ``engine="dask"`` on
    :class:`graphbuilder.engines.dask_engine.DaskExecutor`; else ``jobs`` above 1 in a
    :class:`ProcessPool`.

    Raises
    ------
    GraphbuilderError
        An unknown engine.
    """
    from graphbuilder.errors import GraphbuilderError

    if engine == "dask":
        from graphbuilder.engines.dask_engine import DaskExecutor

        return DaskExecutor(scheduler=scheduler)
    if engine != "local":
        raise GraphbuilderError(f"unknown engine {engine!r}; expected 'local' or 'dask'")
    if nlp is not None or jobs <= 1:
        return InProcess(nlp)
    return ProcessPool(jobs)


def extract_documents(
    paths: Sequence[Path],
    *,
    nlp=None,
    model: str | None = None,
    max_bytes: int | None = None,
    n_process: int = 1,
    progress: Callable[[DocumentProgress], None] | None = None,
    numpy_ops: bool = False,
    kb_dir: str | Path | None = None,
    lexicon_dir: str | Path | None = None,
    executor: Executor | None = None,
) -> tuple[list[DocumentRecords], list[str]]:
    """Read, parse and extract each document (no merging, no output).

    Parameters
    ----------
    paths : sequence of Path
        Document files.
    nlp : Language, optional
        A loaded pipeline (then everything runs in this process).
    model : str, optional
        spaCy pipeline to load when ``nlp`` is None.
    max_bytes : int, optional
        Largest document accepted.
    n_process : int
        Worker processes (a :class:`ProcessPool`) when no ``nlp`` is given.
    progress : callable, optional
        Called with a :class:`DocumentProgress` after each document.
    numpy_ops : bool
        Use numpy instead of blis for matrix products (:func:`~graphbuilder.nlp.run.use_numpy_ops`).
    kb_dir, lexicon_dir : str or Path, optional
        The knowledge-base and lexicon folders (default :func:`graphbuilder.paths.kb_dir` and
        :func:`graphbuilder.paths.lexicon_dir`); a given ``nlp`` must have been loaded with
        the same ones.
    executor : Executor, optional
        Where to run (default from ``nlp`` and ``n_process``, :func:`executor_for`).

    Returns
    -------
    records : list of DocumentRecords
        One per document read, in input order, KB background facts included.
    problems : list of str
        One line per document skipped (``"<file>: <fault>"``), in input order.

    Raises
    ------
    KnowledgeBaseError
        A KB or lexicon folder is missing or holds a malformed file.
    """
    settings = RunSettings.resolve(
        model=model,
        kb_dir=kb_dir,
        lexicon_dir=lexicon_dir,
        max_bytes=max_bytes,
        numpy_ops=numpy_ops,
    )
    executor = executor or executor_for(nlp=nlp, jobs=n_process)
    names = [str(p) for p in paths]
    results = executor.map(settings, names) if names else iter(())
    return collect(with_progress(results, progress, total=len(names)), names)
