"""Concurrent builds for tests: processes forked from one clean helper that holds the pipeline.

A process that has opened an on-disk Oxigraph store runs RocksDB's background threads, and
a child forked from it can deadlock on a lock one of them held. The test process opens
stores, so builds are forked from a helper process that never does: spawned fresh, it loads
the spaCy pipeline once, then forks one child per build on request (a build of a
two-sentence article then takes some tens of milliseconds) and reports each child's exit.
"""

from __future__ import annotations

import multiprocessing
import os
import time
import traceback
from pathlib import Path


def _run(nlp, inputs, out, delay=0.0, into=True, store=None, hold=None) -> int:
    """One build (in a forked child); with ``hold``, stop while holding the lock."""
    from graphbuilder.build import build

    time.sleep(delay)

    def progress(event) -> None:
        if hold is not None:
            Path(hold).write_text("holding", encoding="utf-8")
            time.sleep(120)  # killed here

    try:
        build(
            [Path(p) for p in inputs],
            Path(out),
            into=into,
            store=store,
            nlp=nlp,
            view=False,
            progress=progress,
        )
    except BaseException:
        traceback.print_exc()
        return 1
    return 0


def _serve(conn) -> None:
    from graphbuilder.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    ended: dict[int, int] = {}
    conn.send("ready")
    while True:
        message = conn.recv()
        if message is None:
            return
        kind, payload = message
        if kind == "start":
            pid = os.fork()
            if pid == 0:
                os._exit(_run(nlp, **payload))
            conn.send(pid)
        else:  # "poll": the exit code, once the child has ended (asked again: the same)
            if payload not in ended:
                done, status = os.waitpid(payload, os.WNOHANG)
                if done:
                    ended[payload] = os.waitstatus_to_exitcode(status)
            conn.send(ended.get(payload))


class BuildForker:
    """Start builds in forked children of a clean helper process; see the module docstring."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, theirs = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(theirs,), daemon=True)
        self.process.start()
        if self.conn.recv() != "ready":
            raise RuntimeError("the build helper did not start")

    def start(self, inputs, out, **options) -> int:
        """Fork a build of ``inputs`` into ``out``; return its pid."""
        payload = {"inputs": [str(p) for p in inputs], "out": str(out), **options}
        self.conn.send(("start", payload))
        return self.conn.recv()

    def poll(self, pid: int) -> int | None:
        """The exit code of build ``pid`` (negative: killed by that signal), None if running."""
        self.conn.send(("poll", pid))
        return self.conn.recv()

    def wait(self, pid: int, timeout: float = 60) -> int:
        """Wait for build ``pid``; return its exit code."""
        deadline = time.monotonic() + timeout
        while (code := self.poll(pid)) is None:
            if time.monotonic() > deadline:
                os.kill(pid, 9)
                raise TimeoutError(f"build {pid} still running after {timeout} s")
            time.sleep(0.01)
        return code

    def close(self) -> None:
        """Stop the helper."""
        self.conn.send(None)
        self.process.join(10)
