"""Expand the files and folders given on the command line into the documents to read."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from graphbuilder.errors import InputError
from graphbuilder.ingest.limits import (
    MAX_DOCUMENTS_OPTION,
    SUPPORTED_SUFFIXES,
    InputProblem,
)

_SUPPORTED = ", ".join(sorted(SUPPORTED_SUFFIXES))
_NOT_REGULAR = "not a regular file (device, pipe or socket)"


def _unsupported(path: Path) -> InputProblem:
    what = f"'{path.suffix}'" if path.suffix else "without a suffix"
    return InputProblem(str(path), f"unsupported file type {what} (supported: {_SUPPORTED})")


def _link_problem(path: Path) -> InputProblem | None:
    """Return a problem for a broken symbolic link or a link loop, else None."""
    try:
        path.stat()
    except OSError as err:
        if err.errno == errno.ELOOP:
            return InputProblem(str(path), "symbolic link loop")
        if err.errno == errno.ENOENT:
            return InputProblem(
                str(path), f"broken symbolic link (target {os.readlink(path)} does not exist)"
            )
        return InputProblem(str(path), f"cannot read ({(err.strerror or str(err)).lower()})")
    return None


def _check_file(path: Path) -> InputProblem | None:
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return _unsupported(path)
    if not os.access(path, os.R_OK):
        return InputProblem(str(path), "cannot read (permission denied)")
    return None


def discover(
    inputs: list[Path], *, max_documents: int | None = None
) -> tuple[list[Path], list[InputProblem]]:
    """Expand files and folders into the supported documents.

    Folders are walked recursively; entries whose name starts with a dot (``.git``,
    ``.DS_Store``) are skipped silently. Symbolic links are followed, but a link back to a
    folder being walked is reported as a loop, and a file reached twice (through a link) is
    read once, under its first name in sorted order.

    Parameters
    ----------
    inputs : list of pathlib.Path
        Files and folders as given on the command line.
    max_documents : int, optional
        Most documents accepted; None for no limit.

    Returns
    -------
    (list of pathlib.Path, list of InputProblem)
        The documents (absolute paths, sorted by path, without duplicates) and the inputs
        skipped, also by absolute path (as the documents' read errors name them), with the
        reason: unsupported type, unreadable file or folder, broken symbolic link, symbolic
        link loop.

    Raises
    ------
    InputError
        ``"<path>: no such file or folder"`` for an input that does not exist (or is a
        broken link); ``"<path>: ... documents, over the limit ..."`` when more than
        ``max_documents`` are found.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "b.txt").write_text("x"); _ = (d / "a.md").write_text("x")
    >>> _ = (d / "c.pdf").write_bytes(b"%PDF-")
    >>> docs, problems = discover([d])
    >>> [p.name for p in docs], [p.message.split(" (")[0] for p in problems]
    (['a.md', 'b.txt'], ["unsupported file type '.pdf'"])
    """
    found: dict[str, Path] = {}
    problems: list[InputProblem] = []

    def add(path: Path, origin: Path) -> None:
        key = os.path.realpath(path)
        if key in found:
            # the same file reached twice: keep one name, the same whatever the input order
            found[key] = min(found[key], path.absolute(), key=str)
        else:
            found[key] = path.absolute()
            if max_documents is not None and len(found) > max_documents:
                raise InputError(
                    f"{origin}: more than {max_documents} documents, over the limit; raise it "
                    f"with {MAX_DOCUMENTS_OPTION}"
                )

    def walk(folder: Path, ancestors: frozenset[str], origin: Path) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            problems.append(
                InputProblem(str(folder), f"cannot read folder ({(err.strerror or '').lower()})")
            )
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            if entry.is_symlink():
                problem = _link_problem(path)
                if problem:
                    problems.append(problem)
                    continue
            if entry.is_dir(follow_symlinks=True):
                real = os.path.realpath(path)
                if real in ancestors:
                    problems.append(
                        InputProblem(str(path), f"symbolic link loop (points back to {real})")
                    )
                    continue
                walk(path, ancestors | {real}, origin)
            elif entry.is_file(follow_symlinks=True):
                problem = _check_file(path)
                if problem:
                    problems.append(problem)
                else:
                    add(path, origin)
            else:
                problems.append(InputProblem(str(path), _NOT_REGULAR))

    for given in inputs:
        given = Path(given)
        if not given.exists():
            if given.is_symlink():
                problem = _link_problem(given)
                fault = problem.message if problem else "no such file or folder"
                raise InputError(f"{given}: no such file or folder ({fault})")
            raise InputError(f"{given}: no such file or folder")
        if given.is_dir():
            walk(given.absolute(), frozenset({os.path.realpath(given)}), given)
        elif given.is_file():
            problem = _check_file(given.absolute())
            if problem:
                problems.append(problem)
            else:
                add(given, given)
        else:
            problems.append(InputProblem(str(given.absolute()), _NOT_REGULAR))
    return sorted(found.values(), key=str), problems
