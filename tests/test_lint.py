"""The code stays ruff-clean (the rules of pyproject.toml's [tool.ruff])."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff (of the test extra) is not installed")
    run = subprocess.run(
        [ruff, "check", "graphbuilder", "tests", "scripts", "benchmarks"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-3000:]


def test_tokens_are_compared_by_value_not_identity():
    """spaCy makes a new Token object on every access (``doc[i]``, ``tok.head``), so ``is``
    between tokens is always False: ``tok.head is tok`` never finds the root."""
    import re

    pattern = re.compile(
        r"\.head is (not )?\w|\b(tok|token|verb|head) is (not )?(tok|token|verb)\b"
    )
    found = [
        f"{path.relative_to(PROJECT)}:{n}: {line.strip()}"
        for path in sorted((PROJECT / "graphbuilder").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and "None" not in line
    ]
    assert not found, "\n".join(found)
