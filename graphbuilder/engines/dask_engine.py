"""``graphbuilder build --engine dask``: the one worker mapped over partitions on Dask.

:class:`DaskExecutor` is an executor like those of :mod:`graphbuilder.build.executors`: it cuts
the input paths into contiguous partitions and submits one Dask task per partition, which runs
the build's worker on it (:func:`graphbuilder.build.worker.run_batch`) and sends back one
:class:`~graphbuilder.nlp.run.PathResult` per document. A worker loads the spaCy pipeline once
(:func:`graphbuilder.build.worker.worker_pipeline`, cached for the life of the worker process)
and reuses it for every partition it is given. Nothing is merged here: the build sums the
results as it does for any executor, and the merge across documents runs once, in the caller,
on the records sorted by ``doc_id``, which makes the graph the same (isomorphic) for any
number of workers or partitions.

Only plain records travel between processes (:mod:`graphbuilder.records` pickles); paths are
sent, not texts, so every worker must read the input files at the same paths (true for a
``LocalCluster``; on a real cluster, a shared file system). They are sent absolute (made
absolute as the graph names its sources, not resolved), since the workers' current folder need
not be ours.

Memory: each worker holds one pipeline, about 0.3-0.5 GB with ``en_core_web_sm``.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from graphbuilder.build.settings import RunSettings
from graphbuilder.build.worker import PathResult, run_batch
from graphbuilder.errors import GraphbuilderError

__all__ = [
    "DaskExecutor",
    "local_cluster",
    "partition_paths",
]

#: Partitions per worker when ``partitions`` is not given: a few, so that a slow partition
#: does not leave the other workers idle, and few enough that each pays off its task overhead.
PARTITIONS_PER_WORKER = 2

#: Seconds to wait for a first worker on a scheduler that has none yet.
WORKER_WAIT_SECONDS = 60


def partition_paths(paths: Sequence[Path], partitions: int) -> list[list[Path]]:
    """Cut ``paths`` into at most ``partitions`` contiguous, near-equal, non-empty parts.

    Parameters
    ----------
    paths : sequence of Path
    partitions : int
        Wanted number of parts (at least 1).

    Returns
    -------
    list of list of Path
        In input order; concatenated they give ``paths`` back.

    Examples
    --------
    >>> partition_paths([Path(c) for c in "abcde"], 2)
    [[PosixPath('a'), PosixPath('b'), PosixPath('c')], [PosixPath('d'), PosixPath('e')]]
    """
    n = max(1, min(int(partitions), len(paths)))
    size, extra = divmod(len(paths), n)
    parts, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        if end > start:
            parts.append(list(paths[start:end]))
        start = end
    return parts


@contextlib.contextmanager
def local_cluster(n_workers: int = 2) -> Iterator[str]:
    """Start a Dask ``LocalCluster`` on 127.0.0.1 and yield its scheduler address.

    Parameters
    ----------
    n_workers : int
        Worker processes, one thread each (spaCy's parse is CPU-bound and holds the GIL).

    Yields
    ------
    str
        ``tcp://127.0.0.1:<port>``; the cluster is closed when the block ends.
    """
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=max(1, int(n_workers)),
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@dataclass(frozen=True)
class DaskExecutor:
    """The worker mapped over partitions of the input on a Dask cluster.

    Attributes
    ----------
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``); None starts a
        ``LocalCluster`` of ``n_workers`` processes on 127.0.0.1 and closes it afterwards.
    n_workers : int
        Workers of the ``LocalCluster`` (ignored with ``scheduler``).
    partitions : int, optional
        Number of tasks the documents are cut into (default: 2 per worker, at most one per
        document). The graph does not depend on it.

    Examples
    --------
    Any function of :mod:`graphbuilder.build` that takes an ``executor`` runs on Dask with it:

    >>> from graphbuilder.build import extract_documents
    >>> records, problems = extract_documents(paths, executor=DaskExecutor())  # doctest: +SKIP
    """

    scheduler: str | None = None
    n_workers: int = 2
    partitions: int | None = None

    def map(self, settings: RunSettings, paths: Sequence[str]) -> Iterator[PathResult]:
        """Yield each document's result as its partition comes back.

        Raises
        ------
        GraphbuilderError
            The scheduler cannot be reached, no worker joins, or a worker failed for a
            reason other than a bad document (a bad document is a ``problem`` result, as in
            the local build).
        """
        paths = [str(Path(p).absolute()) for p in paths]
        if not paths:
            return
        if self.scheduler is None:
            with local_cluster(self.n_workers) as address:
                yield from self._run(settings, paths, address, self.n_workers)
        else:
            yield from self._run(settings, paths, self.scheduler, None)

    def _run(
        self, settings: RunSettings, paths: list[str], address: str, n_workers: int | None
    ) -> Iterator[PathResult]:
        from distributed import Client, as_completed

        try:
            client = Client(address, timeout=10, set_as_default=False)
        except (OSError, TimeoutError) as err:
            raise GraphbuilderError(
                f"dask scheduler {address}: cannot connect ({err}); start one with "
                "`dask scheduler` and workers with `dask worker <address>`, or leave out "
                "--scheduler"
            ) from None
        try:
            if n_workers is None:
                try:
                    client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
                except (TimeoutError, OSError):
                    raise GraphbuilderError(
                        f"dask scheduler {address}: no worker joined within "
                        f"{WORKER_WAIT_SECONDS} s; start some with `dask worker {address}`"
                    ) from None
                n_workers = max(1, len(client.scheduler_info().get("workers", {})))
            parts = partition_paths(paths, self.partitions or n_workers * PARTITIONS_PER_WORKER)
            stamp = time.time_ns()
            futures = [
                client.submit(
                    run_batch, settings, part, key=f"gb-run-{i}-{len(parts)}-{stamp}", pure=False
                )
                for i, part in enumerate(parts)
            ]
            part_of = {f.key: part for f, part in zip(futures, parts, strict=True)}
            for future in as_completed(futures, loop=client.loop):
                try:
                    results = future.result()
                except GraphbuilderError:
                    raise
                except Exception as err:  # a worker died or the task failed: name the partition
                    part = part_of[future.key]
                    raise GraphbuilderError(
                        f"dask worker failed on {part[0]} (+{len(part) - 1} more): "
                        f"{type(err).__name__}: {err}"
                    ) from err
                yield from results
        finally:
            client.close()
