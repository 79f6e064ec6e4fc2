"""The extraction of ``graphbuilder build --engine dask``: documents partitioned over Dask.

The input paths are cut into contiguous partitions; each partition is one Dask task that calls
the local per-document code, :func:`graphbuilder.nlp.documents.extract_documents`, inside a
worker. A worker loads the spaCy pipeline once (:func:`worker_pipeline`, cached for the life of the
worker process) and reuses it for every partition it is given. The partitions' results are
concatenated in partition order, so the records come back in input order whatever worker ran
what and whenever it finished; the merge across documents then runs once, in the caller, on
the same list as a local build, which makes the graph the same (isomorphic) for any number of
workers or partitions.

Only plain records travel between processes (:mod:`graphbuilder.records` pickles); paths are
sent, not texts, so every worker must read the input files at the same paths (true for a
``LocalCluster``; on a real cluster, a shared file system).

Memory: each worker holds one pipeline, about 0.3-0.5 GB with ``en_core_web_sm``.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from graphbuilder.errors import GraphbuilderError
from graphbuilder.nlp.pipeline import DEFAULT_MODEL
from graphbuilder.records import DocumentRecords

__all__ = [
    "extract_documents_dask",
    "local_cluster",
    "partition_paths",
    "worker_pipeline",
]

#: Partitions per worker when ``partitions`` is not given: a few, so that a slow partition
#: does not leave the other workers idle, and few enough that each pays off its task overhead.
PARTITIONS_PER_WORKER = 2

#: Seconds to wait for a first worker on a scheduler that has none yet.
WORKER_WAIT_SECONDS = 60


@functools.lru_cache(maxsize=2)
def worker_pipeline(
    model: str = DEFAULT_MODEL,
    numpy_ops: bool = False,
    kb_dir: str | None = None,
    lexicon_dir: str | None = None,
):
    """Return the pipeline of ``model``, loaded once per (worker) process.

    Parameters
    ----------
    model : str
        Name or path of an installed spaCy pipeline.
    numpy_ops : bool
        Build it with numpy's matrix products instead of blis
        (:func:`graphbuilder.nlp.run.use_numpy_ops`; the model keeps the ops it was built with).
    kb_dir, lexicon_dir : str, optional
        The KB and lexicon folders (default: those of :mod:`graphbuilder.paths`).

    Returns
    -------
    spacy.language.Language
        From :func:`graphbuilder.nlp.pipeline.load_pipeline`; the same object on every call in
        one process.
    """
    from graphbuilder.nlp.pipeline import load_pipeline

    if numpy_ops:
        from graphbuilder.nlp.run import use_numpy_ops

        use_numpy_ops()
    return load_pipeline(model, kb_dir=kb_dir, lexicon_dir=lexicon_dir)


def _extract_partition(
    paths: list[str],
    model: str,
    max_bytes: int | None,
    numpy_ops: bool = False,
    kb_dir: str | None = None,
    lexicon_dir: str | None = None,
) -> tuple[list[DocumentRecords], list[str], float]:
    """The Dask task: extract one partition in a worker with the worker's pipeline.

    Returns the records, the problem lines and the seconds spent extracting (pipeline load
    excluded).
    """
    from graphbuilder.nlp.documents import extract_documents

    nlp = worker_pipeline(model, numpy_ops, kb_dir, lexicon_dir)
    started = time.perf_counter()
    records, problems = extract_documents(
        [Path(p) for p in paths],
        nlp=nlp,
        model=model,
        max_bytes=max_bytes,
        kb_dir=kb_dir,
        lexicon_dir=lexicon_dir,
    )
    return records, problems, time.perf_counter() - started


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


def extract_documents_dask(
    paths: Sequence[Path],
    *,
    model: str = DEFAULT_MODEL,
    max_bytes: int | None = None,
    scheduler: str | None = None,
    n_workers: int = 2,
    partitions: int | None = None,
    progress: Callable | None = None,
    numpy_ops: bool = False,
    kb_dir: str | Path | None = None,
    lexicon_dir: str | Path | None = None,
) -> tuple[list[DocumentRecords], list[str]]:
    """Read, parse and extract each document on a Dask cluster (no merging, no output).

    Same contract as :func:`graphbuilder.nlp.documents.extract_documents`, which every worker
    runs on its partition.

    Parameters
    ----------
    paths : sequence of Path
        The documents (files, not folders), in the order the build lists them.
    model : str
        spaCy pipeline each worker loads once.
    max_bytes : int, optional
        Limit on one document's size (default of :mod:`graphbuilder.ingest.limits`).
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``); None starts a
        ``LocalCluster`` of ``n_workers`` processes on 127.0.0.1 and closes it afterwards.
    n_workers : int
        Workers of the ``LocalCluster`` (ignored with ``scheduler``).
    partitions : int, optional
        Number of tasks the documents are cut into (default: 2 per worker, at most one per
        document). The result does not depend on it.
    progress : callable, optional
        Called with a :class:`graphbuilder.nlp.documents.DocumentProgress` per document, as each
        partition comes back (``seconds`` is the partition's time shared evenly).
    numpy_ops : bool
        Workers build their pipeline with numpy's matrix products instead of blis
        (:func:`graphbuilder.nlp.run.use_numpy_ops`).
    kb_dir, lexicon_dir : str or Path, optional
        The KB and lexicon folders every worker reads, at the same path (default: the folders
        in effect here, :func:`graphbuilder.paths.kb_dir` and
        :func:`graphbuilder.paths.lexicon_dir`).

    Returns
    -------
    records : list of DocumentRecords
        One per document read, in input order, KB background facts included.
    problems : list of str
        One line per document skipped (``"<file>: <fault>"``), in input order.

    Raises
    ------
    GraphbuilderError
        The scheduler cannot be reached, or a worker failed for a reason other than a bad
        document (a bad document is a ``problems`` line, as in the local build).

    Examples
    --------
    >>> records, problems = extract_documents_dask(paths, n_workers=2)  # doctest: +SKIP
    """
    from graphbuilder import paths as data_paths

    paths = [Path(p) for p in paths]
    if not paths:
        return [], []
    data = (
        str(data_paths.kb_dir(kb_dir).resolve()),
        str(data_paths.lexicon_dir(lexicon_dir).resolve()),
    )
    if scheduler is None:
        with local_cluster(n_workers) as address:
            return _run(
                paths, address, model, max_bytes, partitions, progress, n_workers, numpy_ops, data
            )
    return _run(paths, scheduler, model, max_bytes, partitions, progress, None, numpy_ops, data)


def _run(
    paths: list[Path],
    address: str,
    model: str,
    max_bytes: int | None,
    partitions: int | None,
    progress: Callable | None,
    n_workers: int | None,
    numpy_ops: bool,
    data: tuple[str, str],
) -> tuple[list[DocumentRecords], list[str]]:
    from distributed import Client, as_completed

    from graphbuilder.nlp.documents import DocumentProgress

    try:
        client = Client(address, timeout=10, set_as_default=False)
    except (OSError, TimeoutError) as err:
        raise GraphbuilderError(
            f"dask scheduler {address}: cannot connect ({err}); start one with "
            "`dask scheduler` and workers with `dask worker <address>`, or leave out --scheduler"
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
        wanted = partitions or n_workers * PARTITIONS_PER_WORKER
        parts = partition_paths(paths, wanted)
        # Absolute paths: the workers' current folder need not be ours.
        futures = [
            client.submit(
                _extract_partition,
                [str(p.resolve()) for p in part],
                model,
                max_bytes,
                numpy_ops,
                *data,
                key=f"gb-extract-{i}-{len(parts)}-{time.time_ns()}",
                pure=False,
            )
            for i, part in enumerate(parts)
        ]
        index_of = {f.key: i for i, f in enumerate(futures)}
        results: list = [None] * len(parts)
        done = 0
        for future in as_completed(futures, loop=client.loop):
            try:
                result = future.result()
            except GraphbuilderError:
                raise
            except Exception as err:  # a worker died or the task failed: name the partition
                part = parts[index_of[future.key]]
                raise GraphbuilderError(
                    f"dask worker failed on {part[0]} (+{len(part) - 1} more): "
                    f"{type(err).__name__}: {err}"
                ) from err
            i = index_of[future.key]
            results[i] = result
            if progress:
                records, problems, seconds = result
                share = seconds / max(1, len(records))
                for line in problems:
                    done += 1
                    progress(DocumentProgress(done, len(paths), line.split(":")[0], problem=line))
                for rec in records:
                    done += 1
                    progress(
                        DocumentProgress(
                            done,
                            len(paths),
                            rec.article.source,
                            entities=len(rec.entities),
                            relations=len(rec.relations),
                            stances=len(rec.stances),
                            seconds=share,
                        )
                    )
    finally:
        client.close()
    records_out: list[DocumentRecords] = []
    problems_out: list[str] = []
    for records, problems, _seconds in results:
        records_out.extend(records)
        problems_out.extend(problems)
    return records_out, problems_out
