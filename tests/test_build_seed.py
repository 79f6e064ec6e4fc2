"""End to end on the seed article: build, parse back, query, score against the gold (issue 2).

The floors asserted here are what the builder reaches now; later work raises them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from graphbuilder.build import build
from graphbuilder.evaluate.gold import load_gold, normalise_name, score_graph
from graphbuilder.rdf.namespaces import GB

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seed_graph(nlp, seed_article, tmp_path_factory) -> tuple[Path, Graph]:
    out = tmp_path_factory.mktemp("seed")
    summary = build([seed_article], out, nlp=nlp)
    assert summary.documents == 1
    graph = Graph()
    graph.parse(out / "graph.ttl", format="turtle")
    return out, graph


def test_build_writes_turtle_html_and_manifest(seed_graph):
    out, graph = seed_graph
    assert (out / "graph.ttl").stat().st_size > 1000
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "Tokayev" in html
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"][0]["date"] == "2022-05-17"
    assert len(graph) == manifest["counts"]["triples"]


def test_sparql_lists_the_leaders_found(seed_graph):
    _, graph = seed_graph
    rows = graph.query(
        """
        PREFIX gb: <https://w3id.org/graphbuilder/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?leader ?country WHERE {
          ?p gb:leaderOf ?c . ?p rdfs:label ?leader . ?c a gb:Country ; rdfs:label ?country .
        }"""
    )
    pairs = {(str(r.leader), str(r.country)) for r in rows}
    assert ("Kassym-Jomart Tokayev", "Kazakhstan") in pairs
    assert ("Vladimir Putin", "Russia") in pairs
    assert ("Alexander Lukashenko", "Belarus") in pairs


def test_every_stance_has_holder_target_polarity_and_evidence(seed_graph):
    _, graph = seed_graph
    stances = list(graph.subjects(RDF.type, GB.Stance))
    assert len(stances) >= 5
    for stance in stances:
        for prop in (GB.holder, GB.target, GB.polarity, GB.stanceType, GB.evidence, GB.attribution):
            assert graph.value(stance, prop) is not None, (stance, prop)
        evidence = str(graph.value(stance, GB.evidence))
        assert len(evidence) > 10


def test_no_name_from_the_page_clutter_is_an_entity(seed_graph, seed_gold):
    _, graph = seed_graph
    forbidden = {normalise_name(n) for n in load_gold(seed_gold).forbidden_names}
    classes = [GB.Person, GB.Country, GB.Organization, GB.Location, GB.Event]
    names = set()
    for cls in classes:
        for entity in graph.subjects(RDF.type, cls):
            names |= {normalise_name(str(o)) for o in graph.objects(entity, RDFS.label)}
    assert names and not (names & forbidden)


def test_scores_against_the_gold_stay_above_their_floors(seed_graph, seed_gold):
    _, graph = seed_graph
    score = score_graph(graph, load_gold(seed_gold))
    assert score.entities_typed.f1 >= FLOORS["entities_typed"]
    assert score.entities_untyped.f1 >= FLOORS["entities_untyped"]
    assert score.relations.f1 >= FLOORS["relations"]
    assert score.stances.f1 >= FLOORS["stances"]
    assert score.stance_types.share >= FLOORS["stance_types"]


# The issues' targets (#2: entity F1 >= 0.70; #3: typed entity F1 >= 0.92; #4: relation F1 >=
# 0.85, stance F1 >= 0.70, type agreement >= 0.60). Measured now: 0.955 / 0.955 / 0.917 / 0.870
# / 0.900 (graphbuilder eval, see the README).
FLOORS = {
    "entities_typed": 0.92,
    "entities_untyped": 0.92,
    "relations": 0.85,
    "stances": 0.70,
    "stance_types": 0.60,
}


def test_cli_builds_the_bundled_example(tmp_path):
    out = tmp_path / "out"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "graphbuilder.cli",
            "build",
            str(PROJECT / "examples"),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "1 documents" in run.stdout
    assert (out / "graph.ttl").exists() and (out / "graph.html").exists()
    graph = Graph().parse(out / "graph.ttl")
    labels = {str(o) for o in graph.objects(None, RDFS.label)}
    assert "Kassym-Jomart Tokayev" in labels
    assert URIRef("https://w3id.org/graphbuilder/ontology#Stance") in set(
        graph.objects(None, RDF.type)
    )
