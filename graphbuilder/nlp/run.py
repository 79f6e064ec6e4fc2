"""Running the pipeline over articles and reading the records off the Docs.

spaCy's own ``nlp.pipe`` runs the statistical part (model + KB ruler) in batches and, with
``n_process > 1``, in worker processes; graphbuilder's components (``gb_*`` after ``ner``)
then run on each Doc in this process, once the article's metadata is on it. Small batches are
both faster and lighter on these machines (``../shared/spec/performance-notes.md``: batch 16
about 4,000 words/s and 0.4 GB against 3,100 and 2 GB at the default batch size).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

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
