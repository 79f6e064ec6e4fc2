"""Safe output files: written to a temporary name in the same folder, then renamed into place.

A failed or interrupted build never leaves a half-written file and never loses the previous
one: ``os.replace`` is atomic on POSIX file systems within one folder.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from graphbuilder.errors import OutputError

MANIFEST = "manifest.json"
"""The file that marks a folder as a graphbuilder output folder (and lists its documents)."""

OWN_FILES = ("graph.ttl", "graph.html", "graph.trig", MANIFEST)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Raises
    ------
    OutputError
        The folder is not writable (the message names the path).
    """
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise OutputError(f"{path.parent}: cannot write here ({err.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def prepare_output_dir(directory: Path, *, force: bool = False) -> Path:
    """Create or check an output folder.

    A folder is safe to write when it is new, empty, or already a graphbuilder output folder
    (it has ``manifest.json``). Otherwise, where it holds a ``graph.ttl`` or ``graph.html``
    that graphbuilder did not write, the build refuses unless ``force``.

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
        raise OutputError(f"{directory}: cannot create the output folder ({err.strerror})") from None
    if not force and not (directory / MANIFEST).exists():
        foreign = [name for name in OWN_FILES if (directory / name).exists()]
        if foreign:
            raise OutputError(
                f"{directory / foreign[0]}: exists and was not written by graphbuilder; "
                "use --force to overwrite it"
            )
    return directory.resolve()


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
