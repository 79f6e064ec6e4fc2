"""Incremental builds (issue 7): add, re-run, edit, Oxigraph store, and a build killed midway."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graphbuilder.build import build
from graphbuilder.rdf.iris import document_iri, graph_iri, summary_graph_iri
from graphbuilder.rdf.mapping import stance_summary_graph

pytestmark = pytest.mark.slow

TEXTS_A = {
    "tokayev.txt": (
        "Tokayev meets Putin\n\nKassym-Jomart Tokayev, the President of Kazakhstan, met "
        "Vladimir Putin in Moscow on Monday. Ainur Kurmanov, a Kazakh analyst, said the talks "
        "were about the CSTO."
    ),
    "lukashenko.txt": (
        "Minsk hosts talks\n\nAlexander Lukashenko, the President of Belarus, criticized NATO "
        "on Tuesday. Belarus is a member of the CSTO."
    ),
}
TEXTS_B = {
    "japarov.txt": (
        "Bishkek statement\n\nSadyr Japarov, the President of Kyrgyzstan, supported the "
        "agreement. Kurmanov said Kyrgyzstan would welcome it."
    ),
    "pashinyan.txt": (
        "Yerevan refuses\n\nNikol Pashinyan, the Prime Minister of Armenia, refused to sign "
        "the declaration of the CSTO in Yerevan."
    ),
}

# the holder of lukashenko.txt (criticized NATO), positive toward NATO in another document
TEXTS_C = {
    "lukashenko-vienna.txt": (
        "Minsk changes tone\n\nAlexander Lukashenko, the President of Belarus, praised NATO on "
        "Friday for the talks in Vienna."
    ),
}


def _write(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _union(out: Path) -> Graph:
    return Graph().parse(out / "graph.ttl", format="turtle")


def _doc_graph(out: Path, doc_id: str) -> Graph:
    return Graph().parse(out / "graphs" / f"{doc_id}.nt", format="nt")


def _ids(out: Path) -> dict[str, str]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {Path(d["source"]).name: d["doc_id"] for d in manifest["documents"]}


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("corpus")
    return _write(base / "a", TEXTS_A), _write(base / "b", TEXTS_B)


@pytest.fixture(scope="module")
def one_build(nlp, folders, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("both")
    summary = build(list(folders), out, nlp=nlp, view=False)
    assert summary.documents == 4
    return out


def test_two_runs_equal_one_build_of_both(nlp, folders, one_build, tmp_path):
    a, b = folders
    first = build([a], tmp_path, nlp=nlp, view=False)
    second = build([b], tmp_path, into=True, nlp=nlp, view=False)
    assert (first.documents, second.documents, second.added, second.unchanged) == (2, 4, 2, 0)
    assert isomorphic(_union(tmp_path), _union(one_build))
    both = Dataset().parse(one_build / "graph.trig", format="trig")
    for name, doc_id in _ids(tmp_path).items():
        assert isomorphic(_doc_graph(tmp_path, doc_id), both.graph(graph_iri(doc_id))), name


def test_rerun_adds_nothing(nlp, folders, tmp_path):
    a, b = folders
    build([a, b], tmp_path, nlp=nlp, view=False)
    before = (tmp_path / "graph.ttl").read_bytes()
    stamps = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "graphs").iterdir()}
    again = build([a, b], tmp_path, into=True, nlp=nlp, view=False)
    assert (again.added, again.unchanged, again.rewritten, again.documents) == (0, 4, 0, 4)
    assert (tmp_path / "graph.ttl").read_bytes() == before
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "graphs").iterdir()} == stamps


def test_edited_document_replaces_only_its_own_triples(nlp, folders, tmp_path):
    a, b = folders
    work = _write(tmp_path / "work", {**TEXTS_A, **TEXTS_B})
    out = tmp_path / "out"
    build([work], out, nlp=nlp, view=False)
    ids = _ids(out)
    others = {n: (out / "graphs" / f"{d}.nt").read_bytes() for n, d in ids.items()}
    old = _doc_graph(out, ids["pashinyan.txt"])
    (work / "pashinyan.txt").write_text(
        TEXTS_B["pashinyan.txt"].replace("refused to sign", "agreed to sign"), encoding="utf-8"
    )
    summary = build([work / "pashinyan.txt"], out, into=True, nlp=nlp, view=False)
    assert (summary.added, summary.replaced, summary.documents) == (1, 1, 4)
    new_ids = _ids(out)
    assert new_ids["pashinyan.txt"] != ids["pashinyan.txt"]
    assert not (out / "graphs" / f"{ids['pashinyan.txt']}.nt").exists()
    assert not (out / "records" / f"{ids['pashinyan.txt']}.json").exists()
    for name in ("tokayev.txt", "lukashenko.txt", "japarov.txt"):
        assert (out / "graphs" / f"{ids[name]}.nt").read_bytes() == others[name], name
    union = _union(out)
    kept = Graph()
    for doc_id in new_ids.values():
        kept += _doc_graph(out, doc_id)
    # graph.ttl: the documents' graphs and the stance summaries computed over them anew
    summaries = stance_summary_graph(kept)
    assert len(summaries) and isomorphic(union, kept + summaries)
    own = [t for t in old if t not in kept]  # the old version's own triples: all gone
    assert own and not any(t in union for t in own)
    old_doc = document_iri(ids["pashinyan.txt"])
    assert not any(union.triples((old_doc, None, None)))
    evidence = " ".join(str(o) for o in union.objects())
    assert "agreed to sign" in evidence and "refused to sign" not in evidence


def test_oxigraph_store_holds_the_same_graphs(nlp, folders, one_build, tmp_path):
    a, b = folders
    spec = f"oxigraph:{tmp_path / 'kg'}"
    build([a], tmp_path / "out", store=spec, nlp=nlp)
    summary = build([b], tmp_path / "out", into=True, store=spec, nlp=nlp)
    assert summary.documents == 4 and summary.rewritten >= 2
    assert not (tmp_path / "out" / "graph.ttl").exists()
    again = build([a, b], tmp_path / "out", into=True, store=spec, nlp=nlp)
    assert (again.added, again.rewritten) == (0, 0)
    store = ox.Store.read_only(str(tmp_path / "kg"))
    reference = ox.Store()  # the folder build read by Oxigraph: same literal normal forms
    reference.load(path=str(one_build / "graph.trig"), format=ox.RdfFormat.TRIG)
    assert set(store.named_graphs()) == set(reference.named_graphs())
    default = ox.DefaultGraph()
    named = {q for q in store if q.graph_name != default}
    assert named == set(reference)
    # the default graph: the union of the document graphs, each triple once
    union = {q.triple for q in store.quads_for_pattern(None, None, None, default)}
    assert union == {q.triple for q in reference}
    assert summary.triples == again.triples == len(union)
    ids = {
        d["doc_id"]
        for d in json.loads((tmp_path / "out" / "manifest.json").read_text())["documents"]
    }
    # the documents' graphs, and the stance summaries the incremental builds kept right
    # (equal to those of the one folder build of both, above)
    assert {g.value for g in store.named_graphs()} == {str(graph_iri(d)) for d in ids} | {
        str(summary_graph_iri())
    }


def _many(folder: Path, n: int) -> Path:
    countries = ["Kazakhstan", "Belarus", "Armenia", "Kyrgyzstan", "Tajikistan", "Russia"]
    texts = {}
    for i in range(n):
        country = countries[i % len(countries)]
        texts[f"note-{i:02d}.txt"] = (
            f"Note {i}\n\nThe government of {country} supported the CSTO statement number {i}. "
            f"Officials in {country} said talks with NATO would continue in round {i}."
        )
    return _write(folder, texts)


def test_killed_build_leaves_previous_graph_and_resumes(nlp, folders, tmp_path):
    a, _ = folders
    out = tmp_path / "out"
    build([a], out, nlp=nlp, view=False)
    before = {n: (out / n).read_bytes() for n in ("graph.ttl", "graph.trig", "manifest.json")}
    many = _many(tmp_path / "many", 24)
    main = "import sys; from graphbuilder.cli import main; main(sys.argv[1:])"
    cmd = [sys.executable, "-c", main, "build", str(many), "--into", str(out)]
    proc = subprocess.Popen(
        cmd + ["--no-view"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    seen = []
    try:
        for line in proc.stderr:
            seen.append(line)
            if line.startswith("[2/"):
                os.kill(proc.pid, signal.SIGKILL)
                break
    finally:
        proc.kill()
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "".join(seen[-5:])
    for name, data in before.items():
        assert (out / name).read_bytes() == data, name
    assert Graph().parse(out / "graph.ttl", format="turtle")  # readable and whole
    finished = len(list((out / "records").glob("*.json"))) - 2
    assert 2 <= finished < 24
    time.sleep(0.1)
    resumed = build([many], out, into=True, nlp=nlp, view=False)
    assert (resumed.unchanged, resumed.added, resumed.documents) == (finished, 24 - finished, 26)
    reference = tmp_path / "reference"
    build([a, many], reference, nlp=nlp, view=False)
    assert isomorphic(_union(out), _union(reference))


def _contradictions(graph) -> list[tuple[str, ...]]:
    """The first page of the contradictions listing: holder, target and both sentences."""
    import graphbuilder as gb

    rows = gb.query(graph, "contradictions", limit=100)
    keys = ("holderLabel", "targetLabel", "positiveEvidence", "negativeEvidence")
    return sorted(tuple(str(row[k]) for k in keys) for row in rows)


def _opposing_links(store: ox.Store) -> dict[str, int]:
    from graphbuilder.rdf.namespaces import GB

    link = ox.NamedNode(str(GB.opposingSummary))
    graphs = {"union": ox.DefaultGraph(), "summaries": ox.NamedNode(str(summary_graph_iri()))}
    return {
        name: sum(1 for _ in store.quads_for_pattern(None, link, None, g))
        for name, g in graphs.items()
    }


def test_contradictions_listed_right_after_into(nlp, tmp_path):
    a = _write(tmp_path / "a", TEXTS_A)
    c = _write(tmp_path / "c", TEXTS_C)
    out, stored = tmp_path / "out", tmp_path / "stored"
    spec = f"oxigraph:{tmp_path / 'kg'}"

    def both(paths, into=True):
        build(paths, out, into=into, nlp=nlp, view=False)
        build(paths, stored, into=into, store=spec, nlp=nlp, view=False)
        store = ox.Store.read_only(str(tmp_path / "kg"))
        return _contradictions(out / "graph.ttl"), _contradictions(store), _opposing_links(store)

    none = ([], [], {"union": 0, "summaries": 0})
    criticism = "Alexander Lukashenko, the President of Belarus, criticized NATO on Tuesday."
    praise = TEXTS_C["lukashenko-vienna.txt"].split("\n\n")[1]
    one = [("Alexander Lukashenko", "NATO", praise, criticism)]
    # Lukashenko only criticized NATO: no contradiction
    assert both([a], into=False) == none
    # a document in which he praises NATO, added: listed at once, from the folder and the store
    assert both([c]) == (one, one, {"union": 1, "summaries": 1})
    # the criticism edited out of its document (only the negative summary changes): the
    # positive summary loses its link
    edited = a / "lukashenko.txt"
    edited.write_text(TEXTS_A["lukashenko.txt"].replace("criticized", "met"), encoding="utf-8")
    assert both([edited]) == none
    # and the criticism back: the positive summary, untouched by the document, gets it again
    edited.write_text(TEXTS_A["lukashenko.txt"], encoding="utf-8")
    assert both([edited]) == (one, one, {"union": 1, "summaries": 1})
    # the praise re-built as a criticism: no contradiction again
    (c / "lukashenko-vienna.txt").write_text(
        TEXTS_C["lukashenko-vienna.txt"].replace("praised", "criticized"), encoding="utf-8"
    )
    assert both([c / "lukashenko-vienna.txt"]) == none
