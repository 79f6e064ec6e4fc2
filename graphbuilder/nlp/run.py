"""Running the pipeline over articles and reading the records off the Docs.

spaCy's own ``nlp.pipe`` runs the statistical part (model + KB ruler) in batches and, with
``n_process > 1``, in worker processes; graphbuilder's components (``gb_*`` after ``ner``)
then run on each Doc in this process, once the article's metadata is on it. Small batches are
both faster and lighter on these machines (``../shared/spec/performance-notes.md``: batch 16
about 4,000 words/s and 0.4 GB against 3,100 and 2 GB at the default batch size).

For many documents, :func:`extract_records` runs the whole chain (spaCy, gb components, KB
background facts) over a stream of articles; the build's worker
(:func:`graphbuilder.build.worker.run_documents`) calls it, in this process or in worker
processes (:mod:`graphbuilder.build.executors`) that each send back plain
:class:`~graphbuilder.records.DocumentRecords`: with two workers the gb components run in
parallel too, instead of bottlenecking the parent as with spaCy's own ``n_process``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from graphbuilder.records import Article, DocumentRecords

DEFAULT_BATCH_SIZE = 16


def _own_components(nlp: Language) -> list[str]:
    names = nlp.pipe_names
    after_ner = names[names.index("ner") + 1 :] if "ner" in names else []
    return [n for n in after_ner if n.startswith("gb_")]


def process_articles(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[tuple[Article, Doc]]:
    """Run the pipeline over articles, yielding each with its processed Doc, in input order.

    Parameters
    ----------
    nlp : Language
        A pipeline from :func:`graphbuilder.nlp.pipeline.load_pipeline`.
    articles : iterable of Article
    batch_size : int
        Documents per spaCy batch (default 16, see the module docstring).
    n_process : int
        Worker processes for the statistical part (spaCy's ``n_process``).

    Yields
    ------
    (Article, Doc)
        The Doc carries every ``doc._.gb_*`` extension.
    """
    own = _own_components(nlp)
    articles = list(articles) if n_process > 1 else articles
    pairs = ((a.text, a) for a in articles)
    with nlp.select_pipes(disable=own):
        stream = nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process)
        for doc, article in stream:
            doc._.gb_article = article
            for name in own:
                doc = nlp.get_pipe(name)(doc)
            yield article, doc


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
        For the KB background facts between the document's entities (default: ``load_kb()``,
        the KB folder in effect).
    batch_size : int
        Documents per spaCy batch.

    Yields
    ------
    DocumentRecords
        With the KB background relations (``origin="kb"``) appended.
    """
    from dataclasses import replace

    from graphbuilder.resolve.background import background_relations
    from graphbuilder.resolve.kb import load_kb

    kb = kb or load_kb()
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
