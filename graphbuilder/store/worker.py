"""Run SPARQL in a worker process that is killed at its deadline.

pyoxigraph offers no way to stop a running query from Python (no timeout parameter, no
cancellation: oxigraph issue 1926 asks for one), and a thread cannot be stopped, so a query
with a timeout runs in a child process: at the deadline the child is killed (``SIGKILL``)
and reaped, and nothing of it runs or writes afterwards.

* An in-memory store exists only in this process: the worker is **forked** and reads the
  copy it inherits. An UPDATE runs on that copy; the worker sends back the quads it removed
  and added (N-Quads), which this process applies only when the worker finished in time,
  so an update that timed out leaves the store as it was.
* An on-disk store is given by its folder: the worker is **spawned** (a fresh interpreter:
  forking a process whose RocksDB threads may hold locks can deadlock the child) and opens
  the store itself, a read-only snapshot for a query, read-write for an update, which
  Oxigraph applies as one transaction that a killed worker never commits.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from graphbuilder.errors import QueryError

__all__ = ["on_disk", "run_in_worker", "update_diff", "apply_diff"]

_NQUADS = ox.RdfFormat.N_QUADS


def on_disk(store: ox.Store) -> bool:
    """True for a store kept on disk (RocksDB), False for an in-memory one.

    pyoxigraph does not say; the probe asks for a backup into a path that exists
    (``os.devnull``), which an on-disk store refuses without writing anything and an
    in-memory store refuses as in-memory.
    """
    try:
        store.backup(os.devnull)
    except RuntimeError as err:
        return "in-memory" not in str(err)
    except OSError:
        return True
    return True  # pragma: no cover - a backup into an existing path does not happen


def _child(conn, target: Callable, args: tuple) -> None:
    try:
        result = ("ok", target(*args))
    except BaseException as err:  # handed to the parent
        result = ("error", err)
    try:
        conn.send(result)
    except Exception as err:  # an unpicklable result or error
        conn.send(("error", RuntimeError(f"{type(err).__name__}: {err}")))
    finally:
        conn.close()


def run_in_worker(target: Callable, args: tuple, timeout: float, *, spawn: bool = False):
    """Call ``target(*args)`` in a child process; kill it if it runs past ``timeout``.

    Parameters
    ----------
    target : callable
        With ``spawn``, a module-level function (it is imported in the child).
    args : tuple
        Its arguments: inherited as they are when forked; pickled when spawned.
    timeout : float
        Seconds from now until the child is killed.
    spawn : bool
        Start a fresh interpreter instead of forking this process.

    Returns
    -------
    object
        What ``target`` returned (pickled back from the child).

    Raises
    ------
    QueryError
        The deadline passed (the child is killed and reaped before this is raised), or the
        child died without an answer.
    BaseException
        What ``target`` raised, re-raised here.
    """
    ctx = multiprocessing.get_context("spawn" if spawn else "fork")
    ours, theirs = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(theirs, target, args), name="sparql-worker")
    deadline = time.monotonic() + timeout
    child.start()
    theirs.close()
    try:
        if not ours.poll(max(0.0, deadline - time.monotonic())):
            raise QueryError(f"query timed out after {timeout:g} s")
        try:
            status, value = ours.recv()
        except EOFError:
            child.join()
            raise QueryError(
                f"the query worker ended without an answer (exit code {child.exitcode})"
            ) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        ours.close()
    if status == "error":
        raise value
    return value


def update_diff(store: ox.Store, update: str, prefixes: dict[str, str]) -> tuple[bytes, bytes]:
    """Run ``update`` on ``store`` (a forked worker's copy); return what it removed and added.

    Returns
    -------
    removed, added : bytes
        N-Quads, one quad a line (blank nodes keep their labels, so they name the same
        nodes in the parent's store).
    """
    before = set(store.dump(format=_NQUADS).splitlines())
    store.update(update, prefixes=prefixes)
    after = set(store.dump(format=_NQUADS).splitlines())
    removed = b"\n".join(sorted(before - after))
    added = b"\n".join(sorted(after - before))
    return removed, added


def apply_diff(store: ox.Store, removed: bytes, added: bytes) -> None:
    """Apply :func:`update_diff`'s result to the parent's store."""
    if removed:
        for quad in ox.parse(removed + b"\n", format=_NQUADS):
            store.remove(quad)
    if added:
        store.extend(ox.parse(added + b"\n", format=_NQUADS))


def open_for(path: str, update: bool) -> ox.Store:
    """In a spawned worker: the store at ``path``, read-write for an update, else a snapshot."""
    from graphbuilder.store.oxigraph import open_snapshot, open_store

    return open_store(Path(path)) if update else open_snapshot(path)
