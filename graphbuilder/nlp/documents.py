"""Documents in, per-document records out: the extraction every build and engine runs.

:func:`extract_documents` reads, parses and extracts a list of files (no merging across
documents, no output), in this process or in worker processes
(:func:`graphbuilder.nlp.run.extract_paths_in_workers`); :func:`extract_paths` yields each
file's :class:`~graphbuilder.nlp.run.PathResult` as it is done, and :func:`progress_event`
turns one into the :class:`DocumentProgress` a progress display is given. The build
(:mod:`graphbuilder.build`) and the Dask engine (:mod:`graphbuilder.engines.dask_engine`) both
call this module; it imports neither.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from graphbuilder.nlp.pipeline import DEFAULT_MODEL
from graphbuilder.nlp.run import (
    PathResult,
    extract_paths_in_workers,
    extract_records,
    read_articles,
)
from graphbuilder.paths import checked_data_dirs, use_data
from graphbuilder.records import DocumentRecords

__all__ = ["DocumentProgress", "extract_documents", "extract_paths", "progress_event"]


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


def extract_paths(
    paths: Sequence[Path],
    *,
    nlp=None,
    model: str = DEFAULT_MODEL,
    max_bytes: int | None = None,
    jobs: int = 1,
    numpy_ops: bool = False,
    kb_dir: Path | None = None,
    lexicon_dir: Path | None = None,
) -> Iterator:
    """Yield a :class:`graphbuilder.nlp.run.PathResult` per path, as each is done.

    In this process with ``nlp`` (or the pipeline of ``model``, loaded here); with ``jobs``
    above 1 and no ``nlp``, in worker processes
    (:func:`graphbuilder.nlp.run.extract_paths_in_workers`), in completion order.
    """
    from graphbuilder.ingest.limits import DEFAULT_MAX_BYTES
    from graphbuilder.resolve.kb import load_kb

    max_bytes = max_bytes or DEFAULT_MAX_BYTES
    if not paths:
        return
    if jobs > 1 and nlp is None:
        yield from extract_paths_in_workers(
            paths,
            model=model,
            jobs=jobs,
            max_bytes=max_bytes,
            numpy_ops=numpy_ops,
            kb_dir=kb_dir,
            lexicon_dir=lexicon_dir,
        )
        return
    from graphbuilder.nlp.pipeline import load_pipeline

    problems: list = []
    if nlp is None:
        if numpy_ops:
            from graphbuilder.nlp.run import use_numpy_ops

            use_numpy_ops()
        nlp = load_pipeline(model, kb_dir=kb_dir, lexicon_dir=lexicon_dir)
    kb = load_kb(kb_dir, lexicon_dir)
    articles = read_articles(paths, max_bytes, problems.append)
    for record in extract_records(nlp, articles, kb=kb):
        while problems:
            yield problems.pop(0)
        yield PathResult(record.article.source, record, words=len(record.article.text.split()))
    yield from problems


def progress_event(result, index: int, total: int, seconds: float) -> DocumentProgress:
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


def extract_documents(
    paths: Sequence[Path],
    *,
    nlp=None,
    model: str = DEFAULT_MODEL,
    max_bytes: int | None = None,
    n_process: int = 1,
    progress: Callable[[DocumentProgress], None] | None = None,
    numpy_ops: bool = False,
    kb_dir: str | Path | None = None,
    lexicon_dir: str | Path | None = None,
) -> tuple[list[DocumentRecords], list[str]]:
    """Read, parse and extract each document (no merging, no output).

    Parameters
    ----------
    paths : sequence of Path
        Document files.
    nlp : Language, optional
        A loaded pipeline (then everything runs in this process).
    model : str
        spaCy pipeline to load when ``nlp`` is None.
    max_bytes : int, optional
        Largest document accepted.
    n_process : int
        Worker processes; above 1, each worker loads the pipeline and runs the whole chain
        (:func:`graphbuilder.nlp.run.extract_paths_in_workers`).
    progress : callable, optional
        Called with a :class:`DocumentProgress` after each document.
    numpy_ops : bool
        Use numpy instead of blis for matrix products (:func:`~graphbuilder.nlp.run.use_numpy_ops`).
    kb_dir, lexicon_dir : str or Path, optional
        The knowledge-base and lexicon folders (default :func:`graphbuilder.paths.kb_dir` and
        :func:`graphbuilder.paths.lexicon_dir`); a given ``nlp`` must have been loaded with
        the same ones.

    Returns
    -------
    records : list of DocumentRecords
        One per document read, in input order, KB background facts included.
    problems : list of str
        One line per document skipped (``"<file>: <fault>"``).

    Raises
    ------
    KnowledgeBaseError
        A KB or lexicon folder is missing or holds a malformed file.
    """
    order = {str(p): i for i, p in enumerate(paths)}
    records: list[DocumentRecords] = []
    problems: list[str] = []
    last = time.perf_counter()
    kb, lexicons = checked_data_dirs(kb_dir, lexicon_dir)
    with use_data(kb, lexicons):
        stream = extract_paths(
            paths,
            nlp=nlp,
            model=model,
            max_bytes=max_bytes,
            jobs=n_process,
            numpy_ops=numpy_ops,
            kb_dir=kb,
            lexicon_dir=lexicons,
        )
        for i, result in enumerate(stream, 1):
            if result.record is not None:
                records.append(result.record)
            else:
                problems.append(result.problem)
            if progress:
                now = time.perf_counter()
                progress(progress_event(result, i, len(paths), now - last))
                last = now
    records.sort(key=lambda r: order.get(r.article.source, len(order)))
    return records, problems
