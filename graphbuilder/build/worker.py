"""The one worker of every build: documents in, one result per document out.

:func:`run_documents` reads each input (a path, or an :class:`~graphbuilder.records.Article`
already read), runs the pipeline over them with
:func:`graphbuilder.nlp.run.extract_records` (spaCy, graphbuilder's components, KB background
facts) and yields a :class:`~graphbuilder.nlp.run.PathResult` per document: its records, or
the one-line problem that skipped it. Nothing is merged across documents and nothing is
written; the caller sums the results.

Every executor (:mod:`graphbuilder.build.executors`, :mod:`graphbuilder.engines.dask_engine`)
is a ``map`` of this worker over parts of the input: in this process with the generator
itself, elsewhere with :func:`run_batch` (the same, as a list, for pickling back).
A process keeps one pipeline per :class:`~graphbuilder.build.settings.RunSettings`
(:func:`worker_pipeline`), loaded on first use: a worker process loads it once, and a forked
one inherits the parent's.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path

from graphbuilder.build.settings import RunSettings
from graphbuilder.nlp.run import PathResult, extract_records, read_articles
from graphbuilder.paths import use_data
from graphbuilder.records import Article

__all__ = ["PathResult", "run_batch", "run_documents", "worker_pipeline"]


def worker_pipeline(settings: RunSettings):
    """Return the pipeline and knowledge base of ``settings``, loaded once per process.

    Parameters
    ----------
    settings : RunSettings
        Its model, folders and ``numpy_ops`` choose the pipeline (two kept per process).

    Returns
    -------
    (spacy.language.Language, graphbuilder.resolve.kb.KnowledgeBase)
        From :func:`graphbuilder.nlp.pipeline.load_pipeline` and
        :func:`graphbuilder.resolve.kb.load_kb`; the same objects on every call in one
        process (and in processes forked after the first call).
    """
    return _load(settings.model, settings.kb_dir, settings.lexicon_dir, settings.numpy_ops)


@functools.lru_cache(maxsize=2)
def _load(model: str, kb_dir: str, lexicon_dir: str, numpy_ops: bool):
    from graphbuilder.nlp.pipeline import load_pipeline
    from graphbuilder.nlp.run import use_numpy_ops
    from graphbuilder.resolve.kb import load_kb

    if numpy_ops:
        use_numpy_ops()
    with use_data(kb_dir, lexicon_dir):
        nlp = load_pipeline(model, kb_dir=kb_dir, lexicon_dir=lexicon_dir)
        kb = load_kb(kb_dir, lexicon_dir)
    return nlp, kb


def run_documents(
    documents: Iterable[str | Path | Article], settings: RunSettings, *, nlp=None
) -> Iterator[PathResult]:
    """Run the pipeline over documents; yield one result per document, in input order.

    Parameters
    ----------
    documents : iterable of str, Path or Article
        Files to read (with :func:`graphbuilder.ingest.read_article`, at most
        ``settings.max_bytes``), or articles already read.
    settings : RunSettings
    nlp : spacy.language.Language, optional
        A pipeline loaded with the same settings (tests and batch callers reuse one); default
        :func:`worker_pipeline`.

    Yields
    ------
    PathResult
        ``record`` set (KB background facts included) and ``words`` the whitespace-separated
        words of the cleaned text; or ``problem``, the one line (``"<file>: <fault>"``) of a
        file that could not be read. A problem is yielded as soon as the next document is
        done (or at the end), so the order is the input order.
    """
    with use_data(settings.kb_dir, settings.lexicon_dir):
        if nlp is None:
            nlp, kb = worker_pipeline(settings)
        else:
            from graphbuilder.resolve.kb import load_kb

            kb = load_kb(settings.kb_dir, settings.lexicon_dir)
        problems: list[PathResult] = []
        articles = _read(documents, settings.max_bytes, problems.append)
        for record in extract_records(nlp, articles, kb=kb, batch_size=settings.batch_size):
            while problems:
                yield problems.pop(0)
            text = record.article.text
            yield PathResult(record.article.source, record, words=len(text.split()))
        yield from problems


def _read(documents, max_bytes: int, on_problem) -> Iterator[Article]:
    for item in documents:
        if isinstance(item, Article):
            yield item
        else:
            yield from read_articles([Path(item)], max_bytes, on_problem)


def run_batch(settings: RunSettings, documents: list[str]) -> list[PathResult]:
    """:func:`run_documents` of one part of the input, as a list (the task of a worker process).

    Parameters
    ----------
    settings : RunSettings
    documents : list of str
        Paths, readable where this runs.

    Returns
    -------
    list of PathResult
    """
    return list(run_documents(documents, settings))
