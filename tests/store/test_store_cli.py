"""The query command end to end, on graph files and an on-disk store."""

from __future__ import annotations

import json

import pytest


def _cli(argv, capsys):
    from graphbuilder.cli import main

    with pytest.raises(SystemExit) as exc:
        main(argv)
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


def test_query_command(graph_files, tmp_path, capsys):
    ttl = str(graph_files["ttl"])
    code, out, _ = _cli(
        ["query", ttl, "--name", "leaders-of", "--param", "country=Kazakhstan", "--format", "json"],
        capsys,
    )
    assert code == 0
    assert json.loads(out)["results"]["bindings"][0]["leaderLabel"]["value"] == (
        "Kassym-Jomart Tokayev"
    )
    code, out, _ = _cli(["query", "--list"], capsys)
    assert code == 0 and "document-diff old=<document> new=<document>" in out
    code, out, _ = _cli(["query", ttl, "SELECT ?l WHERE { gbr:Q232 rdfs:label ?l }"], capsys)
    assert code == 0 and "Kazakhstan" in out
    code, _, err = _cli(["query", ttl, "DROP ALL"], capsys)
    assert code == 4 and err.startswith("error: DROP is a SPARQL update")
    code, _, err = _cli(
        ["query", ttl, "--name", "stances-of", "--param", 'entity=x" } DROP ALL #'], capsys
    )
    assert code == 4 and err.count("\n") == 1
    db = f"oxigraph:{tmp_path / 'db'}"
    code, out, _ = _cli(
        [
            "query",
            str(graph_files["trig"]),
            "-n",
            "members-of",
            "-p",
            "organization=CSTO",
            "--store",
            db,
            "--format",
            "csv",
        ],
        capsys,
    )
    assert code == 0 and out.count("\n") == 3
    code, out, _ = _cli(["query", "--store", db, "ASK { ?s gb:memberOf ?o }"], capsys)
    assert code == 0 and out.strip() == "true"
