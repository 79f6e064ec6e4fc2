"""Safe output files: written to a temporary name in the same folder, then renamed into place.

A failed or interrupted build never leaves a half-written file and never loses the previous
one: ``os.replace`` is atomic on POSIX file systems within one folder.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from graphbuilder.errors import OutputError

MANIFEST = "manifest.json"
"""The file that marks a folder as a graphbuilder output folder (and lists its documents)."""

RECORDS_DIR = "records"
"""Sub-folder of an output folder with one record file per document."""

OWN_FILES = ("graph.ttl", "graph.html", "graph.trig", MANIFEST)
"""Files graphbuilder writes in an output folder (besides ``records/`` and ``graphs/``)."""


def _file_mode(path: Path) -> int:
    """Mode for a new version of ``path``: the old file's, else 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def _signals_deferred():
    """Hold SIGINT and SIGTERM back for the block (their handlers run right after it), where
    the platform can (POSIX ``pthread_sigmask``); elsewhere, a plain block."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    old = mask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, old)


def write_bytes_atomic(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder + os.replace.

    Parameters
    ----------
    data : bytes
    path : str or os.PathLike

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    OutputError
        When the folder does not exist or cannot be written.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    tmp_name = None
    try:
        with _signals_deferred():
            # created and named with SIGINT/SIGTERM held back: a signal arriving in between
            # would leave a temporary file that no one knows the name of
            fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
            # a temporary file is private (0600); the file it becomes gets the usual mode
            os.fchmod(tmp.fileno(), _file_mode(path))
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as err:
        raise OutputError(f"{path}: cannot write: {err.strerror or err}") from None
    finally:
        if tmp_name is not None and os.path.exists(tmp_name):
            os.unlink(tmp_name)
    return path


def write_csv_atomic(
    path: str | os.PathLike[str],
    fieldnames: Sequence[str],
    rows: Iterable[Mapping[str, object] | Sequence[object]],
) -> Path:
    """Write a header and ``rows`` as UTF-8 CSV (``\\n`` line ends), atomically.

    Parameters
    ----------
    path : str or os.PathLike
    fieldnames : sequence of str
        The header.
    rows : iterable of mapping or sequence
        Dicts keyed by ``fieldnames``, or lists in header order.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    OutputError
        When the folder does not exist or cannot be written.
    """
    buffer = io.StringIO()
    plain = csv.writer(buffer, lineterminator="\n")
    keyed = csv.DictWriter(buffer, fieldnames=list(fieldnames), lineterminator="\n")
    plain.writerow(fieldnames)
    for row in rows:
        (keyed if isinstance(row, Mapping) else plain).writerow(row)
    return write_bytes_atomic(buffer.getvalue().encode("utf-8"), path)


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically (see :func:`write_bytes_atomic`)."""
    write_bytes_atomic(text.encode("utf-8"), path)


def prepare_output_dir(directory: Path, *, force: bool = False) -> Path:
    """Create or check an output folder.

    A folder is safe to write when it is new, empty, or already a graphbuilder output folder
    (its ``manifest.json`` names graphbuilder as its generator). Otherwise, where it holds a
    ``graph.ttl``, ``graph.html``, ``graph.trig`` or ``manifest.json`` that graphbuilder did not
    write, the build refuses unless ``force``. ``records/`` and ``graphs/`` must be real
    folders inside it (a link to elsewhere is refused): nothing is written outside the folder.

    Returns
    -------
    pathlib.Path
        The folder, resolved.

    Raises
    ------
    OutputError
        The path is a file, cannot be created, or holds foreign files we would overwrite.
    """
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{directory}: exists and is not a folder")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(
            f"{directory}: cannot create the output folder ({err.strerror})"
        ) from None
    ours = _is_own_manifest(directory / MANIFEST)
    if not force and not ours:
        foreign = [name for name in OWN_FILES if (directory / name).exists()]
        if foreign:
            raise OutputError(
                f"{directory / foreign[0]}: exists and was not written by graphbuilder; "
                "use --force to overwrite it"
            )
    root = directory.resolve()
    for sub in (RECORDS_DIR, "graphs"):
        inner = directory / sub
        if inner.is_symlink() or (inner.exists() and root not in inner.resolve().parents):
            raise OutputError(f"{inner}: is a link; graphbuilder writes only inside {root}")
    return root


def _is_own_manifest(path: Path) -> bool:
    """True when ``path`` is a manifest graphbuilder wrote (its ``generator`` says so)."""
    if not path.is_file():
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and str(data.get("generator", "")).startswith("graphbuilder")


def read_manifest(directory: Path) -> dict | None:
    """Return the parsed ``manifest.json`` of an output folder, or None when absent."""
    path = Path(directory) / MANIFEST
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise OutputError(f"{path}: unreadable manifest ({err})") from None


def write_manifest(directory: Path, manifest: dict) -> None:
    """Write ``manifest.json`` atomically, keys sorted."""
    atomic_write_text(
        Path(directory) / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    )


# ---------------------------------------------------------------------------------------------
# Record files: the state of an output folder.
#
# Each document built into a folder leaves ``records/<doc_id>.json``: its DocumentRecords as
# the pipeline made them (before the cross-document merge, KB background facts included),
# written atomically as soon as the document is done. The graph files are rebuilt from all
# record files at the end of a build, so a build killed midway loses no finished document and
# leaves the previous graph files untouched; the next build reuses the record files.
# ---------------------------------------------------------------------------------------------

RECORD_FORMAT = 1


def records_to_dict(rec) -> dict:
    """Return a DocumentRecords as plain JSON data (sets as sorted lists).

    Parameters
    ----------
    rec : graphbuilder.records.DocumentRecords

    Returns
    -------
    dict
        ``{"article": {...}, "entities": {key: {...}}, "mentions": [...], "relations": [...],
        "stances": [...], "author": key or None}``; :func:`records_from_dict` reverses it.
    """
    from dataclasses import asdict

    def entity(e) -> dict:
        data = asdict(e)
        data["aliases"] = sorted(e.aliases)
        data["documents"] = sorted(e.documents)
        return data

    return {
        "article": asdict(rec.article),
        "entities": {k: entity(e) for k, e in sorted(rec.entities.items())},
        "mentions": [asdict(m) for m in rec.mentions],
        "relations": [asdict(r) for r in rec.relations],
        "stances": [asdict(s) for s in rec.stances],
        "author": rec.author,
    }


def records_from_dict(data: dict):
    """Rebuild a DocumentRecords from :func:`records_to_dict` data.

    Raises
    ------
    KeyError, TypeError
        When ``data`` is not record data (callers turn it into an OutputError).
    """
    from graphbuilder.records import (
        Article,
        DocumentRecords,
        Entity,
        Evidence,
        Mention,
        Relation,
        Stance,
    )

    def evidence(ev: dict | None) -> Evidence | None:
        return Evidence(**ev) if ev else None

    entities = {}
    for key, e in data["entities"].items():
        e = dict(e)
        e["aliases"] = set(e.get("aliases", ()))
        e["documents"] = set(e.get("documents", ()))
        entities[key] = Entity(**e)
    return DocumentRecords(
        article=Article(**data["article"]),
        entities=entities,
        mentions=[Mention(**m) for m in data["mentions"]],
        relations=[
            Relation(**{**r, "evidence": evidence(r.get("evidence"))}) for r in data["relations"]
        ],
        stances=[Stance(**{**s, "evidence": evidence(s["evidence"])}) for s in data["stances"]],
        author=data.get("author"),
    )


def record_path(directory: Path, doc_id: str) -> Path:
    """Return ``<directory>/records/<doc_id>.json``."""
    return Path(directory) / RECORDS_DIR / f"{doc_id}.json"


def write_record(directory: Path, rec, *, pipeline: str, added: int) -> Path:
    """Write one document's records to ``records/<doc_id>.json`` atomically.

    Parameters
    ----------
    directory : Path
        The output folder.
    rec : DocumentRecords
    pipeline : str
        Fingerprint of the pipeline that made the records (model, code and data files).
    added : int
        When the document was built (``time.time_ns()``): of two record files with the same
        source, the later one wins.

    Returns
    -------
    Path
    """
    path = record_path(directory, rec.article.doc_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": RECORD_FORMAT,
        "pipeline": pipeline,
        "added": added,
        "records": records_to_dict(rec),
    }
    atomic_write_text(path, json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
    return path


def read_record_file(path: Path) -> dict:
    """Read one record file: ``{"format", "pipeline", "added", "records": DocumentRecords}``.

    Raises
    ------
    OutputError
        The file is unreadable or not a record file (the message names it).
    """
    try:
        payload = json.loads(Path(path).read_text(encoding="utf-8"))
        if payload.get("format") != RECORD_FORMAT:
            raise ValueError(f"record format {payload.get('format')!r}, expected {RECORD_FORMAT}")
        payload["records"] = records_from_dict(payload["records"])
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise OutputError(f"{path}: unreadable record file ({err})") from None
    return payload


def list_record_files(directory: Path) -> list[Path]:
    """Return the record files of an output folder, sorted by name (doc_id)."""
    folder = Path(directory) / RECORDS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".json" and not p.name.startswith("."))
