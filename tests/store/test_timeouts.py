"""Issue 15: a query that times out is stopped, and an UPDATE that timed out changes nothing."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuilder.errors import QueryError
from graphbuilder.store.oxigraph import open_store
from graphbuilder.store.query import run_named_query, run_query
from graphbuilder.store.worker import on_disk

EX = "http://ex/"
# the 150 triples of the default graph joined four times with themselves: 5e8 rows, minutes
SLOW_SELECT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"
SLOW_UPDATE = (
    f"INSERT {{ ?a <{EX}late> ?f }} WHERE {{ ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h "
    f"FILTER(?b + ?d + ?f + ?h = -1) }}"
)
QUICK_UPDATE = (
    f"DELETE {{ ?s ?p ?o }} INSERT {{ ?s <{EX}kept> ?o }} WHERE {{ ?s ?p ?o FILTER(?o < 3) }}"
)


def _fill(store: ox.Store) -> ox.Store:
    p = ox.NamedNode(f"{EX}p")
    g = ox.NamedNode(f"{EX}graph")
    store.extend(ox.Quad(ox.NamedNode(f"{EX}{i}"), p, ox.Literal(i), g) for i in range(150))
    store.extend(ox.Quad(ox.NamedNode(f"{EX}{i}"), p, ox.Literal(i)) for i in range(150))
    return store


def _quads(store: ox.Store) -> set[str]:
    return {str(q) for q in store}


def _children() -> list[str]:
    """Command lines of this process's living children (every thread's).

    multiprocessing's resource tracker (started with the first spawned worker, idle, it
    only cleans up after them) is left out.
    """
    found = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            pids = (task / "children").read_text().split()
        except OSError:
            continue
        for pid in pids:
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if b"resource_tracker" not in command:
                found.append(command.decode(errors="replace"))
    return found


def _idle_after(seconds: float = 0.5) -> float:
    """CPU seconds this process (all its threads) spends while the test sleeps."""
    start = time.process_time()
    time.sleep(seconds)
    return time.process_time() - start


def test_a_timed_out_query_is_stopped():
    store = _fill(open_store())
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"^query timed out after 0.3 s$"):
        run_query(store, SLOW_SELECT, timeout=0.3)
    assert time.monotonic() - started < 5
    assert _children() == []
    assert _idle_after() < 0.1


def test_a_timed_out_update_leaves_the_memory_store_unchanged():
    store = _fill(open_store())
    before = _quads(store)
    with pytest.raises(QueryError, match="timed out"):
        run_query(store, SLOW_UPDATE, allow_update=True, timeout=0.3)
    assert _children() == []
    assert _idle_after(0.8) < 0.1  # nothing runs on ...
    assert _quads(store) == before  # ... and nothing wrote late


def test_an_update_in_time_changes_the_memory_store_as_inline():
    inline, worker = _fill(open_store()), _fill(open_store())
    run_query(inline, QUICK_UPDATE, allow_update=True)
    result = run_query(worker, QUICK_UPDATE, allow_update=True, timeout=30)
    assert result.kind == "update"
    assert _quads(worker) == _quads(inline) != _quads(_fill(open_store()))
    answer = run_query(worker, f"ASK {{ <{EX}1> <{EX}kept> 1 }}", timeout=30)
    assert answer.boolean is True


def test_a_timed_out_update_leaves_the_disk_store_unchanged(tmp_path):
    folder = tmp_path / "kg"
    store = _fill(open_store(folder))
    assert on_disk(store) and not on_disk(open_store())
    before = _quads(store)
    store.flush()
    del store  # released: the worker opens the folder
    with pytest.raises(QueryError, match="timed out"):
        run_query(folder, SLOW_UPDATE, allow_update=True, timeout=0.5)
    assert _children() == []
    assert _idle_after() < 0.1
    assert _quads(open_store(folder, read_only=True)) == before
    run_query(folder, QUICK_UPDATE, allow_update=True, timeout=60)
    reference = _fill(open_store())
    run_query(reference, QUICK_UPDATE, allow_update=True)
    assert _quads(open_store(folder, read_only=True)) == _quads(reference)


def test_disk_store_timeouts_need_the_folder(tmp_path, disk_store):
    with pytest.raises(QueryError, match="needs the store's folder"):
        run_query(disk_store, "ASK { ?s ?p ?o }", timeout=5)
    del disk_store
    rows = run_named_query(
        tmp_path / "oxigraph", "leaders-of", {"country": "Kazakhstan"}, timeout=60
    )
    assert "Kassym-Jomart Tokayev" in rows.values("leaderLabel")


def test_cli_update_timeout_exits_4_and_changes_nothing(tmp_path, capsys):
    from graphbuilder.cli import main

    folder = tmp_path / "kg"
    store = _fill(open_store(folder))
    before = _quads(store)
    store.flush()
    del store
    argv = ["query", "--store", f"oxigraph:{folder}", SLOW_UPDATE, "--allow-update"]
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--timeout", "0.5"])
    err = capsys.readouterr().err
    assert exc.value.code == 4 and err.count("\n") == 1 and "timed out after 0.5 s" in err
    assert _quads(open_store(folder, read_only=True)) == before
    assert _children() == []
