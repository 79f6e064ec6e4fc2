"""Fixtures of the analyze tests: the command run in-process, CSV reading, hand-made graphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analyze.stancegraph import blocs_documents, write_graph


@pytest.fixture
def run_cli(capsys):
    """Run ``graphbuilder ARGS`` in this process; return (exit code, stdout, stderr)."""
    from graphbuilder.cli import main

    def _run(*args) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as exc:
            main([str(a) for a in args])
        out = capsys.readouterr()
        return exc.value.code, out.out, out.err

    return _run


@pytest.fixture(scope="module")
def blocs_graph(tmp_path_factory) -> Path:
    """The two-bloc graph as Turtle."""
    docs, ents = blocs_documents()
    return write_graph(tmp_path_factory.mktemp("blocs") / "graph.ttl", docs, ents)
