"""Issue 15: one writer at a time per output folder and per store, stale locks taken over.

Concurrent builds run in processes forked from one helper that has loaded the spaCy pipeline
(:mod:`tests.store.builders`), so each takes tens of milliseconds and they still take real OS
locks against each other.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graphbuilder.build import build
from graphbuilder.errors import LockedError
from graphbuilder.store.lock import LOCK_NAME, WriteLock, lock_holder
from tests.store.builders import BuildForker

pytestmark = pytest.mark.slow

BASE = {
    "tokayev.txt": "Tokayev meets Putin\n\nKassym-Jomart Tokayev, the President of Kazakhstan, "
    "met Vladimir Putin in Moscow on Monday.",
}
FIRST = {
    "lukashenko.txt": "Minsk hosts talks\n\nAlexander Lukashenko, the President of Belarus, "
    "criticized NATO on Tuesday.",
    "japarov.txt": "Bishkek statement\n\nSadyr Japarov, the President of Kyrgyzstan, supported "
    "the agreement.",
}
SECOND = {
    "pashinyan.txt": "Yerevan refuses\n\nNikol Pashinyan, the Prime Minister of Armenia, refused "
    "to sign the declaration of the CSTO.",
    "rahmon.txt": "Dushanbe talks\n\nEmomali Rahmon, the President of Tajikistan, praised the "
    "CSTO in Dushanbe.",
}


def _write(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("articles")
    return {
        "base": _write(root / "base", BASE),
        "first": _write(root / "first", FIRST),
        "second": _write(root / "second", SECOND),
    }


@pytest.fixture(scope="module")
def forker():
    helper = BuildForker()
    yield helper
    helper.close()


@pytest.fixture(scope="module")
def reference(nlp, corpus, tmp_path_factory) -> Path:
    """One build of all three folders."""
    out = tmp_path_factory.mktemp("reference")
    build([corpus["base"], corpus["first"], corpus["second"]], out, nlp=nlp, view=False)
    return out


def _documents(out: Path) -> list[str]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return sorted(d["doc_id"] for d in manifest["documents"])


def _same_graph(out: Path, ref: Path) -> None:
    assert _documents(out) == _documents(ref)
    union = Graph().parse(out / "graph.ttl", format="turtle")
    assert isomorphic(union, Graph().parse(ref / "graph.ttl", format="turtle"))
    ours, theirs = Dataset(), Dataset()
    ours.parse(out / "graph.trig", format="trig")
    theirs.parse(ref / "graph.trig", format="trig")
    names = {g.identifier for g in ours.graphs()}
    assert names == {g.identifier for g in theirs.graphs()}
    for name in names:
        assert isomorphic(ours.graph(name), theirs.graph(name)), name
    assert sorted(p.name for p in (out / "graphs").glob("*.nt")) == sorted(
        p.name for p in (ref / "graphs").glob("*.nt")
    )


@pytest.mark.parametrize("offsets", [(0.0, 0.0), (0.0, 0.005), (0.01, 0.0), (0.0, 0.02)])
def test_two_concurrent_builds_into_one_folder_lose_nothing(
    nlp, forker, corpus, reference, tmp_path, offsets
):
    out = tmp_path / "out"
    build([corpus["base"]], out, nlp=nlp, view=False)
    pids = [
        forker.start([corpus[name]], out, delay=delay)
        for name, delay in zip(("first", "second"), offsets, strict=True)
    ]
    # a reader meanwhile always finds whole files
    reads, codes = 0, {}
    while len(codes) < len(pids):
        Graph().parse(out / "graph.ttl", format="turtle")
        json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        reads += 1
        time.sleep(0.005)
        codes.update({pid: c for pid in pids if (c := forker.poll(pid)) is not None})
    assert list(codes.values()) == [0, 0]
    assert reads > 0
    _same_graph(out, reference)
    assert lock_holder(out) is None  # the record goes with the lock


def test_kill_9_while_holding_the_lock_then_a_new_build_takes_over(
    nlp, forker, corpus, reference, tmp_path
):
    out = tmp_path / "out"
    build([corpus["base"]], out, nlp=nlp, view=False)
    marker = tmp_path / "holding"
    pid = forker.start([corpus["first"]], out, hold=str(marker))
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert forker.poll(pid) is None and time.monotonic() < deadline
        time.sleep(0.02)
    holder = lock_holder(out)
    assert holder["pid"] == pid and holder["alive"]
    with pytest.raises(LockedError, match=f"pid {pid}"):
        build([corpus["second"]], out, into=True, nlp=nlp, view=False, wait=False)
    (out / ".graph.ttl.half.tmp").write_text("@prefix", encoding="utf-8")  # a torn write
    os.kill(pid, signal.SIGKILL)
    assert forker.wait(pid) == -signal.SIGKILL
    assert lock_holder(out)["alive"] is False  # its record stayed, the OS lock did not
    notes: list[str] = []
    build(
        [corpus["first"], corpus["second"]],
        out,
        into=True,
        nlp=nlp,
        view=False,
        wait=False,
        on_wait=notes.append,
    )
    assert any("took over" in n and str(pid) in n for n in notes), notes
    assert not (out / ".graph.ttl.half.tmp").exists()
    _same_graph(out, reference)


def test_store_lock_is_separate_from_the_folder_lock(nlp, corpus, tmp_path):
    store = tmp_path / "kg"
    with WriteLock(store, what="store"):
        assert (store / LOCK_NAME).exists()
        with pytest.raises(LockedError, match="store locked by pid"):
            build(
                [corpus["base"]], tmp_path / "out", store=f"oxigraph:{store}", nlp=nlp,
                wait=False,
            )  # fmt: skip
    summary = build([corpus["base"]], tmp_path / "out", store=f"oxigraph:{store}", nlp=nlp)
    assert summary.documents == 1


def _cli(*args: str) -> list[str]:
    main = "import sys; from graphbuilder.cli import main; main(sys.argv[1:])"
    return [sys.executable, "-c", main, *args]


def test_cli_no_wait_exits_9_naming_the_holder_and_waits_otherwise(corpus, tmp_path):
    out = tmp_path / "out"
    lock = WriteLock(out).acquire()
    try:
        done = subprocess.run(
            _cli("build", str(corpus["base"]), "--into", str(out), "--no-wait", "--no-view"),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 9
        [line] = done.stderr.strip().splitlines()
        assert line.startswith("error: ") and f"pid {os.getpid()}" in line
        assert "--no-wait" in line
        assert not (out / "manifest.json").exists()
        waiting = subprocess.Popen(
            _cli("build", str(corpus["base"]), "--into", str(out), "--no-view"),
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        first = waiting.stderr.readline()
        assert first.startswith("waiting for the lock of output folder")
        assert f"pid {os.getpid()}" in first
    finally:
        lock.release()
    rest = waiting.stderr.read()
    assert waiting.wait(120) == 0, rest
    assert len(_documents(out)) == 1


def _store_is_whole(folder: Path) -> int:
    """Open a read-only snapshot as a reader does; its default graph is the named graphs' union."""
    import pyoxigraph as ox

    from graphbuilder.store.oxigraph import open_snapshot

    snapshot = open_snapshot(folder)
    default, named = set(), set()
    for q in snapshot:
        triple = (q.subject, q.predicate, q.object)
        (default if isinstance(q.graph_name, ox.DefaultGraph) else named).add(triple)
    assert default == named
    return len(default)


def test_two_concurrent_builds_into_one_store_lose_nothing(
    nlp, forker, corpus, reference, tmp_path
):
    out, kg = tmp_path / "out", tmp_path / "kg"
    spec = f"oxigraph:{kg}"
    build([corpus["base"]], out, store=spec, nlp=nlp)
    pids = [forker.start([corpus[name]], out, store=spec) for name in ("first", "second")]
    snapshots, codes = 0, {}
    while len(codes) < len(pids):
        _store_is_whole(kg)  # a reader meanwhile: never a half-written store
        snapshots += 1
        time.sleep(0.005)
        codes.update({pid: c for pid in pids if (c := forker.poll(pid)) is not None})
    assert list(codes.values()) == [0, 0]
    assert snapshots > 0
    triples = _store_is_whole(kg)
    assert _documents(out) == _documents(reference)
    union = Graph().parse(reference / "graph.ttl", format="turtle")
    assert triples == len(union)


def test_store_readers_do_not_wait_writers_do(nlp, corpus, tmp_path, capsys):
    from graphbuilder.cli import main

    kg = tmp_path / "kg"
    build([corpus["base"]], tmp_path / "out", store=f"oxigraph:{kg}", nlp=nlp)

    def cli(*argv: str) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as exc:
            main(list(argv))
        got = capsys.readouterr()
        return exc.value.code, got.out, got.err

    with WriteLock(kg, what="store"):  # a build writing the store
        code, out, _ = cli("query", "--store", f"oxigraph:{kg}", "ASK { ?s gb:leaderOf ?o }")
        assert (code, out.strip()) == (0, "true")
        update = "DELETE WHERE { ?s gb:leaderOf ?o }"
        code, _, err = cli(
            "query", "--store", f"oxigraph:{kg}", update, "--allow-update", "--no-wait"
        )
        assert code == 9 and err.count("\n") == 1 and f"pid {os.getpid()}" in err
    code, _, _ = cli("query", "--store", f"oxigraph:{kg}", update, "--allow-update")
    assert code == 0
    code, out, _ = cli("query", "--store", f"oxigraph:{kg}", "ASK { ?s gb:leaderOf ?o }")
    assert (code, out.strip()) == (0, "false")
