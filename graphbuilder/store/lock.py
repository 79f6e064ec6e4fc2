"""One writer at a time: the lock of an output folder or an on-disk store (``filelock``).

A build (``build --into OUT``, ``build --store oxigraph:PATH``) and a writing query
(``query --store oxigraph:PATH --allow-update``, or one that loads a graph file into the
store) hold the **write lock** of what they change for as long as they read its state and
write it back, so the second of two writers reads the first one's result and adds to it
instead of overwriting it.

Files
-----
``<folder>/.graphbuilder.lock``
    The lock itself: an OS file lock (``flock``) taken through :class:`filelock.FileLock`.
    The kernel releases it when its process ends, also on ``kill -9``, so a lock left by a
    killed process is free at once and the next writer takes it over.
``<folder>/.graphbuilder.lock.json``
    Who holds it: ``{"pid", "host", "since", "command"}``, written atomically once the lock
    is taken and removed before it is released. A waiting writer prints it; a writer that
    finds it left behind by a process that no longer runs says that it takes the lock over
    and removes the temporary files (``.NAME.*.tmp``) the dead writer left.
``<store>/.graphbuilder.commit.lock``
    (Oxigraph stores only) held by a writer while it commits a transaction and by a reader
    while it opens its read-only snapshot (:func:`commit_lock`), so a reader never opens a
    store in the middle of a commit.

Readers of an output folder take no lock: every file there is replaced by a rename
(:func:`graphbuilder.outputs.write_bytes_atomic`), so a reader sees a whole old file or a
whole new one.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from graphbuilder.errors import LockedError, OutputError

__all__ = [
    "LOCK_NAME",
    "WriteLock",
    "commit_lock",
    "lock_holder",
    "write_lock",
]

LOCK_NAME = ".graphbuilder.lock"
"""Name of the lock file in a locked folder; the holder's record is ``LOCK_NAME + ".json"``."""

COMMIT_LOCK_NAME = ".graphbuilder.commit.lock"

_COMMIT_LOCKS: dict[str, FileLock] = {}

POLL_SECONDS = 0.1
"""How often a waiting writer tries the lock again."""


def _holder_path(folder: Path) -> Path:
    return folder / (LOCK_NAME + ".json")


def lock_holder(folder: str | os.PathLike[str]) -> dict | None:
    """Return the record of the process holding (or last holding) the lock of ``folder``.

    Parameters
    ----------
    folder : str or os.PathLike
        An output folder or an Oxigraph store folder.

    Returns
    -------
    dict or None
        ``{"pid": int, "host": str, "since": ISO 8601 UTC, "command": str, "alive": bool}``
        (``alive`` is False when the process is on this host and no longer runs), or None
        when no record is there (no holder, or one that has just taken the lock).
    """
    try:
        data = json.loads(_holder_path(Path(folder)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    data["alive"] = _alive(data)
    return data


def _alive(holder: dict) -> bool:
    """False when ``holder`` is a process of this host that no longer runs."""
    if holder.get("host") != socket.gethostname():
        return True  # cannot tell; the OS lock is what counts
    try:
        pid = int(holder.get("pid"))
    except (TypeError, ValueError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def describe_holder(holder: dict | None) -> str:
    """One phrase naming a lock holder: ``"pid 12 on host (graphbuilder build ..., since T)"``."""
    if not holder:
        return "another process"
    command = holder.get("command") or "?"
    if len(command) > 80:
        command = command[:77] + "..."
    return (
        f"pid {holder.get('pid')} on {holder.get('host')} ({command}, since {holder.get('since')})"
    )


class WriteLock:
    """The write lock of one folder (an output folder or an Oxigraph store).

    Parameters
    ----------
    folder : str or os.PathLike
        The folder to lock; created when absent.
    what : str
        What the folder is, for messages (``"output folder"``, ``"store"``).

    Raises
    ------
    OutputError
        The folder cannot be created or is a file.

    Examples
    --------
    >>> import tempfile
    >>> with WriteLock(tempfile.mkdtemp()) as lock:
    ...     lock.held
    True
    """

    def __init__(self, folder: str | os.PathLike[str], *, what: str = "output folder"):
        self.folder = Path(folder)
        self.what = what
        if self.folder.exists() and not self.folder.is_dir():
            raise OutputError(f"{self.folder}: exists and is not a folder")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(f"{self.folder}: cannot create it ({err.strerror})") from None
        self._lock = FileLock(str(self.folder / LOCK_NAME))
        self.held = False
        self.took_over: dict | None = None

    def acquire(
        self,
        *,
        wait: bool = True,
        timeout: float | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> WriteLock:
        """Take the lock, waiting for its holder unless ``wait`` is False.

        Parameters
        ----------
        wait : bool
            Wait for the holder to finish (default); False raises at once.
        timeout : float, optional
            Most seconds to wait (None: as long as it takes).
        on_wait : callable, optional
            Called with a one-line message when the lock is busy (whom we wait for), again
            when its holder changes, and when a stale record is taken over.

        Returns
        -------
        WriteLock
            ``self``.

        Raises
        ------
        LockedError
            The lock is held and ``wait`` is False, or ``timeout`` passed (names the holder).
        """
        started = time.monotonic()
        told: object = None
        while True:
            try:
                self._lock.acquire(timeout=0)
                break
            except Timeout:
                holder = lock_holder(self.folder)
                if not wait or (timeout is not None and time.monotonic() - started >= timeout):
                    raise LockedError(
                        f"{self.folder}: {self.what} locked by {describe_holder(holder)}; "
                        "wait for it to finish, or run again without --no-wait"
                    ) from None
                key = (holder or {}).get("pid"), (holder or {}).get("since")
                if on_wait is not None and key != told:
                    on_wait(
                        f"waiting for the lock of {self.what} {self.folder}, held by "
                        f"{describe_holder(holder)}"
                    )
                    told = key
                time.sleep(POLL_SECONDS)
        self.held = True
        previous = lock_holder(self.folder)
        if previous is not None and not previous["alive"]:
            self.took_over = previous
            _remove_leftovers(self.folder)
            if on_wait is not None:
                on_wait(
                    f"took over the lock of {self.what} {self.folder} left by "
                    f"{describe_holder(previous)}, which no longer runs"
                )
        self._write_holder()
        return self

    def _write_holder(self) -> None:
        from graphbuilder.outputs import write_bytes_atomic

        record = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])[:200],
        }
        write_bytes_atomic(json.dumps(record).encode("utf-8"), _holder_path(self.folder))

    def release(self) -> None:
        """Remove the holder record, then release the lock (no error when not held)."""
        if not self.held:
            return
        with contextlib.suppress(FileNotFoundError):
            os.unlink(_holder_path(self.folder))
        self.held = False
        self._lock.release()

    def __enter__(self) -> WriteLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _remove_leftovers(folder: Path) -> None:
    """Delete the temporary files a killed writer left (``.NAME.*.tmp``) in ``folder``."""
    for where in (folder, folder / "records", folder / "graphs"):
        if not where.is_dir():
            continue
        for path in where.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                path.unlink()


@contextlib.contextmanager
def write_lock(
    folder: str | os.PathLike[str],
    *,
    what: str = "output folder",
    wait: bool = True,
    timeout: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[WriteLock]:
    """Hold the write lock of ``folder`` for a ``with`` block (see :class:`WriteLock`).

    Raises
    ------
    LockedError
        Busy and ``wait`` is False, or ``timeout`` seconds passed.
    OutputError
        The folder cannot be created.
    """
    lock = WriteLock(folder, what=what)
    lock.acquire(wait=wait, timeout=timeout, on_wait=on_wait)
    try:
        yield lock
    finally:
        lock.release()


@contextlib.contextmanager
def commit_lock(store_folder: str | os.PathLike[str]) -> Iterator[None]:
    """Hold a store's commit lock: a writer around a commit, a reader while it opens.

    Re-entrant within a process. A reader that cannot create the lock file (a store on a
    read-only medium, which no one can be writing) goes on without it.
    """
    path = str((Path(store_folder) / COMMIT_LOCK_NAME).absolute())
    # one instance per path: a FileLock is re-entrant (a writer holding it opens a snapshot)
    lock = _COMMIT_LOCKS.setdefault(path, FileLock(path))
    try:
        lock.acquire()
    except OSError:
        yield
        return
    try:
        yield
    finally:
        lock.release()
