"""Where graphbuilder's data files live: the one module that decides it.

The knowledge base, the lexicons, the ontology, the SHACL shapes, the view style, the named
queries and the page templates are data files, not Python literals:

``ontology/``
    ``graphbuilder.ttl`` (OWL), ``shapes.ttl`` (SHACL), ``view/style.json``, ``kb/`` (the
    knowledge base) and ``lexicon/`` (stance cues, titles, clutter and other word lists).
``queries/``
    The named SPARQL queries (``*.rq``).
``graphbuilder/view/templates/``, ``graphbuilder/analyze/templates/``
    The Jinja templates, scripts and stylesheets of the pages.

In the repository ``ontology/`` and ``queries/`` are top-level folders (scripts under
``scripts/`` regenerate them). A built wheel carries them inside the package, as
``graphbuilder/ontology/`` and ``graphbuilder/queries/`` (the ``package-dir`` mapping of
``pyproject.toml``), and they are found there through :mod:`importlib.resources`, so an
installed graphbuilder works from any folder. In a checkout (an editable install, or the
tests) the package has no such folders and the top-level ones beside it are used.

Resolution, first match wins:

=========================  ==================================================================
:func:`kb_dir`             the ``directory`` argument (``--kb``); the folder selected with
                           :func:`use_data`; ``$GRAPHBUILDER_KB``; ``<ontology>/kb``
:func:`lexicon_dir`        the ``directory`` argument (``--lexicons``); the folder selected
                           with :func:`use_data`; ``$GRAPHBUILDER_LEXICONS``;
                           ``<ontology>/lexicon``
:func:`ontology_dir`       ``$GRAPHBUILDER_HOME/ontology``; the package's; the checkout's
:func:`queries_dir`        ``$GRAPHBUILDER_HOME/queries``; the package's; the checkout's
=========================  ==================================================================

A KB or lexicon folder given by the user replaces the default one whole: nothing of the
default folder is read beside it.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator
from contextvars import ContextVar
from importlib import resources
from pathlib import Path

from graphbuilder.errors import GraphbuilderError, KnowledgeBaseError

__all__ = [
    "HOME_ENV",
    "KB_ENV",
    "LEXICONS_ENV",
    "checked_data_dirs",
    "kb_dir",
    "lexicon_dir",
    "ontology_dir",
    "package_dir",
    "queries_dir",
    "use_data",
]

#: A folder holding ``ontology/`` and ``queries/`` to use instead of the bundled ones.
HOME_ENV = "GRAPHBUILDER_HOME"
#: A knowledge-base folder to use instead of ``ontology/kb``.
KB_ENV = "GRAPHBUILDER_KB"
#: A lexicon folder to use instead of ``ontology/lexicon``.
LEXICONS_ENV = "GRAPHBUILDER_LEXICONS"

_CHECKOUT = Path(__file__).resolve().parent.parent
_SELECTED: ContextVar[tuple[Path | None, Path | None]] = ContextVar(
    "graphbuilder_data_dirs", default=(None, None)
)


@functools.lru_cache(maxsize=16)
def package_dir(*parts: str) -> Path:
    """Return a folder of data inside the installed ``graphbuilder`` package.

    Parameters
    ----------
    *parts : str
        Path parts below the package, e.g. ``("view", "templates")``.

    Returns
    -------
    pathlib.Path
        From :func:`importlib.resources.files`; it need not exist.

    Raises
    ------
    GraphbuilderError
        The package is not on a file system (a zip archive): its data files could not be
        opened as folders.
    """
    found = resources.files("graphbuilder").joinpath(*parts)
    if not isinstance(found, Path):
        raise GraphbuilderError(
            f"graphbuilder is installed as {type(found).__name__}, not as files; "
            "install the wheel with pip (data folders cannot be read from a zip archive)"
        )
    return found


@functools.lru_cache(maxsize=4)
def _bundled(name: str) -> Path:
    """``ontology`` or ``queries``: inside the package (a wheel), else the checkout's."""
    inside = package_dir(name)
    if inside.is_dir():
        return inside
    return _CHECKOUT / name


def ontology_dir() -> Path:
    """Return ``ontology/``: the OWL ontology, SHACL shapes, view style, ``kb/``, ``lexicon/``."""
    env = os.environ.get(HOME_ENV)
    return Path(env) / "ontology" if env else _bundled("ontology")


def queries_dir() -> Path:
    """Return ``queries/``: the named SPARQL queries (``*.rq``)."""
    env = os.environ.get(HOME_ENV)
    return Path(env) / "queries" if env else _bundled("queries")


def kb_dir(directory: str | os.PathLike | None = None) -> Path:
    """Return the knowledge-base folder in effect.

    Parameters
    ----------
    directory : str or path, optional
        A folder named by the caller (``--kb``); wins over everything else.

    Returns
    -------
    pathlib.Path
        ``directory``; else the KB folder selected with :func:`use_data`; else
        ``$GRAPHBUILDER_KB``; else ``ontology/kb``. Not checked for existence (the loader
        reports a missing folder with its name).
    """
    if directory:
        return Path(directory)
    selected = _SELECTED.get()[0]
    if selected is not None:
        return selected
    env = os.environ.get(KB_ENV)
    return Path(env) if env else ontology_dir() / "kb"


def lexicon_dir(directory: str | os.PathLike | None = None) -> Path:
    """Return the lexicon folder in effect.

    Parameters
    ----------
    directory : str or path, optional
        A folder named by the caller (``--lexicons``); wins over everything else.

    Returns
    -------
    pathlib.Path
        ``directory``; else the lexicon folder selected with :func:`use_data`; else
        ``$GRAPHBUILDER_LEXICONS``; else ``ontology/lexicon``.
    """
    if directory:
        return Path(directory)
    selected = _SELECTED.get()[1]
    if selected is not None:
        return selected
    env = os.environ.get(LEXICONS_ENV)
    return Path(env) if env else ontology_dir() / "lexicon"


def checked_data_dirs(
    kb: str | os.PathLike | None = None, lexicons: str | os.PathLike | None = None
) -> tuple[Path, Path]:
    """Return the absolute KB and lexicon folders a build reads, checked to exist.

    Parameters
    ----------
    kb, lexicons : str or path, optional
        Folders named by the caller (``--kb``, ``--lexicons``); else :func:`kb_dir` and
        :func:`lexicon_dir` (the selected folders, ``$GRAPHBUILDER_KB``,
        ``$GRAPHBUILDER_LEXICONS``, else the bundled ones).

    Returns
    -------
    (pathlib.Path, pathlib.Path)

    Raises
    ------
    KnowledgeBaseError
        A folder does not exist (the message names it, and the variable that set it).
    """
    found = (kb_dir(kb), lexicon_dir(lexicons))
    for folder, what, given, env in (
        (found[0], "knowledge-base", kb, KB_ENV),
        (found[1], "lexicon", lexicons, LEXICONS_ENV),
    ):
        if not folder.is_dir():
            from_env = not given and os.environ.get(env) == str(folder)
            where = f" (from ${env})" if from_env else ""
            raise KnowledgeBaseError(f"{folder}: {what} folder not found{where}")
    return found[0].resolve(), found[1].resolve()


def _selection(kb, lexicons) -> tuple[Path | None, Path | None]:
    old_kb, old_lex = _SELECTED.get()
    return (
        Path(kb).resolve() if kb is not None else old_kb,
        Path(lexicons).resolve() if lexicons is not None else old_lex,
    )


@contextlib.contextmanager
def use_data(
    kb: str | os.PathLike | None = None, lexicons: str | os.PathLike | None = None
) -> Iterator[tuple[Path, Path]]:
    """Select the KB and lexicon folders for the code run inside the block.

    Every loader that takes no folder (the KB, the lexicons, the clutter cues) then reads
    these, so a user's own folders are never mixed with the default ones.

    Parameters
    ----------
    kb, lexicons : str or path, optional
        Folders to select; None leaves that one as it is.

    Yields
    ------
    (pathlib.Path, pathlib.Path)
        The KB and lexicon folders in effect inside the block.

    Examples
    --------
    >>> with use_data(kb="/tmp/my-kb") as (kb, lex):
    ...     kb_dir() == kb
    True
    """
    token = _SELECTED.set(_selection(kb, lexicons))
    try:
        yield kb_dir(), lexicon_dir()
    finally:
        _SELECTED.reset(token)
