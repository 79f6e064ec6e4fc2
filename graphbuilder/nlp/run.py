"""Running the pipeline over articles and reading the records off the Docs.

spaCy's own ``nlp.pipe`` runs the whole pipeline, the model and graphbuilder's components
(``gb_*``), in batches and, with ``n_process > 1``, in worker processes: each Doc carries its
article's metadata (``doc._.gb_article``) from the start. Small batches are
both faster and lighter on these machines (``../shared/spec/performance-notes.md``: batch 16
about 4,000 words/s and 0.4 GB against 3,100 and 2 GB at the default batch size).

For many documents, :func:`extract_records` runs the whole chain (spaCy, gb components, KB
background facts) over a stream of articles; the build's worker
(:func:`graphbuilder.build.worker.run_documents`) calls it, in this process or in worker
processes (:mod:`graphbuilder.build.executors`) that each send back plain
:class:`~graphbuilder.records.DocumentRecords`: a worker reads, parses and extracts whole
files, and only records cross between processes (spaCy's own ``n_process`` sends every Doc
both ways as bytes: 4.0-4.2k against 5.5k words/s on shared/corpus/dev here).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from graphbuilder.records import Article, DocumentRecords

DEFAULT_BATCH_SIZE = 16


def process_articles(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[tuple[Article, Doc]]:
    """Run the whole pipeline over articles, yielding each with its processed Doc, in input order.

    Each article's Doc is made with ``nlp.make_doc`` and carries the article in
    ``doc._.gb_article`` when it enters ``nlp.pipe``, so every component, graphbuilder's
    included, runs inside ``nlp.pipe``.

    Parameters
    ----------
    nlp : Language
        A pipeline from :func:`graphbuilder.nlp.pipeline.load_pipeline`.
    articles : iterable of Article
        Read lazily.
    batch_size : int
        Documents per spaCy batch (default 16, see the module docstring).
    n_process : int
        Worker processes of ``nlp.pipe`` (spaCy's ``n_process``): each runs the whole pipeline
        on its batches, and the Docs travel both ways as bytes (``Doc.to_bytes``: the records
        in the extensions go through the codecs of :mod:`graphbuilder.nlp.codec`). Checked
        with both start methods, ``fork`` (Linux) and ``spawn`` (the components pickle), to
        give the same records as one process (``tests/nlp/test_native_pipeline.py``).

    Yields
    ------
    (Article, Doc)
        The article as given and its Doc, which carries every ``doc._.gb_*`` extension.
    """
    from collections import deque

    from graphbuilder.nlp.extensions import register_extensions

    register_extensions()
    pending: deque[Article] = deque()

    def docs() -> Iterator[Doc]:
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc._.gb_article = article
            pending.append(article)
            yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size, n_process=n_process):
        yield pending.popleft(), doc


def records_from_doc(doc: Doc) -> DocumentRecords:
    """Read the plain records off a processed Doc.

    Returns
    -------
    DocumentRecords
        With ``doc_id`` set on every relation and stance.
    """
    from dataclasses import replace

    article = doc._.gb_article
    doc_id = article.doc_id if article else None
    relations = [replace(r, doc_id=doc_id) for r in (doc._.gb_relations or [])]
    stances = [replace(s, doc_id=doc_id) for s in (doc._.gb_stances or [])]
    return DocumentRecords(
        article=article,
        entities=dict(doc._.gb_entities or {}),
        mentions=list(doc._.gb_mentions or []),
        relations=relations,
        stances=stances,
        author=doc._.gb_author,
    )


def use_numpy_ops() -> None:
    """Route thinc's matrix products through numpy instead of blis, for this process.

    blis falls back to its generic kernel on the processors of our build machines; numpy's
    OpenBLAS made the full pipeline 1.26x faster in the same run
    (``shared/spec/performance-notes.md``). Call it before loading the pipeline.
    """
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=False))


def extract_records(
    nlp: Language,
    articles: Iterable[Article],
    *,
    kb=None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[DocumentRecords]:
    """Run the pipeline over articles and yield each document's records, in input order.

    Parameters
    ----------
    nlp : Language
        A pipeline from :func:`graphbuilder.nlp.pipeline.load_pipeline`.
    articles : iterable of Article
        Read lazily (a generator keeps memory flat over thousands of documents).
    kb : KnowledgeBase, optional
        For the KB background facts between the document's entities (default: the KB the
        pipeline links with, :func:`graphbuilder.nlp.pipeline.pipeline_kb`).
    batch_size : int
        Documents per spaCy batch.

    Yields
    ------
    DocumentRecords
        With the KB background relations (``origin="kb"``) appended.
    """
    from dataclasses import replace

    from graphbuilder.nlp.pipeline import pipeline_kb
    from graphbuilder.resolve.background import background_relations

    kb = kb if kb is not None else pipeline_kb(nlp)
    for article, doc in process_articles(nlp, articles, batch_size=batch_size):
        record = records_from_doc(doc)
        background = background_relations(record.entities, kb, article.date, record.mentions)
        record.relations.extend(replace(r, doc_id=article.doc_id) for r in background)
        yield record


@dataclass(frozen=True)
class PathResult:
    """The outcome of one input file: its records, or the one-line problem that skipped it."""

    path: str
    record: DocumentRecords | None = None
    problem: str | None = None
    words: int = 0


def read_articles(
    paths: Iterable[Path], max_bytes: int, on_problem: Callable[[PathResult], None]
) -> Iterator[Article]:
    """Read each path with :func:`graphbuilder.ingest.read_article`; report the unreadable."""
    from graphbuilder.errors import InputError
    from graphbuilder.ingest import read_article

    for path in paths:
        try:
            yield read_article(Path(path), max_bytes=max_bytes)
        except InputError as err:
            on_problem(PathResult(str(path), problem=str(err)))
