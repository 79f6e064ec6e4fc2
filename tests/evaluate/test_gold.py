"""Gold scoring (shared/gold/README.md): graphs built by hand, exact counts expected."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
import typer
from rdflib import RDF, RDFS, SKOS, Literal, Namespace
from typer.testing import CliRunner

from graphbuilder.commands import evaluate as evaluate_command
from graphbuilder.errors import GraphFileError
from graphbuilder.evaluate.gold import (
    GoldFileError,
    format_score,
    load_gold,
    load_graph,
    normalise_name,
    score_files,
    score_graph,
)

GB = Namespace("https://w3id.org/graphbuilder/ontology#")
GBR = Namespace("https://w3id.org/graphbuilder/resource/")

TINY_GOLD = {
    "document": "corpus/tiny.txt",
    "published": "2022-05-17",
    "author": "putin",
    "entities": [
        {"id": "putin", "type": "Person", "required": True, "names": ["Vladimir Putin", "Putin"]},
        {"id": "russia", "type": "Country", "required": True, "names": ["Russia"]},
        {"id": "csto", "type": "Organization", "required": True, "names": ["CSTO"]},
        {"id": "moscow", "type": "Location", "required": True, "names": ["Moscow"]},
        {"id": "usa", "type": "Country", "required": False, "names": ["United States", "US"]},
        {"id": "the_west", "type": "Location", "required": False, "names": ["the West"]},
    ],
    "forbidden_names": ["Telegram", "Dear Readers"],
    "relations": [
        {"s": "putin", "p": "leaderOf", "o": "russia", "required": True},
        {"s": "moscow", "p": "locatedIn", "o": "russia", "required": True},
        {"s": "russia", "p": "memberOf", "o": "csto", "required": False},
    ],
    "stances": [
        {
            "holder": ["putin", "russia"],
            "target": ["usa", "the_west"],
            "polarity": "Negative",
            "type": "Criticism",
            "required": True,
            "evidence": "the West is to blame",
        },
        {
            "holder": ["putin"],
            "target": ["csto"],
            "polarity": "Positive",
            "type": "Support",
            "required": True,
            "evidence": "we back the CSTO",
        },
        {
            "holder": ["russia"],
            "target": ["csto"],
            "polarity": "Positive",
            "type": "Cooperation",
            "required": False,
            "evidence": "Russia works with the CSTO",
        },
    ],
}


def write_gold(tmp_path: Path, data: dict = TINY_GOLD, name: str = "tiny.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def tiny_gold(tmp_path: Path):
    return load_gold(write_gold(tmp_path))


class G:
    """A graph in the vocabulary of shared/spec/vocabulary.md, built by hand."""

    def __init__(self) -> None:
        self.graph = rdflib.Graph()
        self._n = 0

    def ent(self, key: str, cls: str, label: str, *alts: str) -> rdflib.URIRef:
        node = GBR[key]
        self.graph.add((node, RDF.type, GB[cls]))
        self.graph.add((node, RDFS.label, Literal(label, lang="en")))
        for alt in alts:
            self.graph.add((node, SKOS.altLabel, Literal(alt, lang="en")))
        return node

    def rel(self, s, p: str, o) -> None:
        self.graph.add((s, GB[p], o))

    def stance(self, holder, target, polarity: str, stype: str, evidence: str = "") -> None:
        self._n += 1
        node = GBR[f"stance/{self._n:03d}"]
        g = self.graph
        g.add((node, RDF.type, GB.Stance))
        for h in holder if isinstance(holder, list) else [holder]:
            g.add((node, GB.holder, h))
        for t in target if isinstance(target, list) else [target]:
            g.add((node, GB.target, t))
        g.add((node, GB.polarity, GB[polarity]))
        g.add((node, GB.stanceType, GB[stype]))
        g.add((node, GB.evidence, Literal(evidence or f"sentence {self._n}")))


def perfect_tiny() -> tuple[G, dict]:
    g = G()
    e = {
        "putin": g.ent("putin", "Person", "Vladimir Putin", "Putin"),
        "russia": g.ent("russia", "Country", "Russia"),
        "csto": g.ent("csto", "Organization", "CSTO"),
        "moscow": g.ent("moscow", "Location", "Moscow"),
        "usa": g.ent("usa", "Country", "US"),
        "west": g.ent("west", "Location", "West"),
    }
    g.rel(e["putin"], "leaderOf", e["russia"])
    g.rel(e["moscow"], "locatedIn", e["russia"])
    g.rel(e["russia"], "memberOf", e["csto"])
    g.stance(e["russia"], e["west"], "Negative", "Criticism")
    g.stance(e["putin"], e["csto"], "Positive", "Support")
    return g, e


def counts(layer) -> tuple[int, int, int, int]:
    return (layer.tp, layer.fp, layer.fn, layer.ignored)


# ---------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The Taliban", "taliban"),
        ("Kazakhstan's", "kazakhstan"),
        ("Kazakhstan’s", "kazakhstan"),
        ("Kassym-Jomart  Tokayev", "kassym jomart tokayev"),
        ("U.N. Security Council.", "u n security council"),
        ("Theodore", "theodore"),
        ("the West's", "west"),
    ],
)
def test_normalise_name(raw: str, expected: str) -> None:
    assert normalise_name(raw) == expected


# ---------------------------------------------------------------------------- tiny gold


def test_perfect_match(tiny_gold) -> None:
    g, _ = perfect_tiny()
    score = score_graph(g.graph, tiny_gold)
    assert counts(score.entities_untyped) == (4, 0, 0, 2)
    assert counts(score.entities_typed) == (4, 0, 0, 2)
    assert counts(score.relations) == (2, 0, 0, 1)
    assert counts(score.stances) == (2, 0, 0, 0)
    assert (score.stance_types.agreed, score.stance_types.total) == (2, 2)
    for layer in score.layers:
        assert (layer.precision, layer.recall, layer.f1) == (1.0, 1.0, 1.0)
        assert layer.missed == [] and layer.wrong == []


def test_duplicate_entity_is_false_positive(tiny_gold) -> None:
    g, _ = perfect_tiny()
    g.ent("putin2", "Person", "Putin")  # same gold entity by label
    g.ent("putin3", "Person", "President Putin", "Vladimir Putin")  # by alt label
    g.ent("us2", "Country", "United States")  # duplicate of an optional entity
    score = score_graph(g.graph, tiny_gold)
    assert counts(score.entities_untyped) == (4, 3, 0, 2)
    assert score.entities_untyped.precision == pytest.approx(4 / 7)
    assert sorted(score.entities_untyped.wrong) == [
        "President Putin (duplicate of putin)",
        "Putin (duplicate of putin)",
        "US (duplicate of usa)",
    ]


def test_forbidden_name_entity(tiny_gold) -> None:
    g = G()
    g.ent("putin", "Person", "Putin")
    g.ent("telegram", "Organization", "Telegram")
    # Named like a forbidden name through an alt label: a false positive, matches nothing.
    g.ent("moscow", "Location", "Moscow", "Dear Readers")
    score = score_graph(g.graph, tiny_gold)
    assert counts(score.entities_untyped) == (1, 2, 3, 0)
    assert sorted(score.entities_untyped.wrong) == [
        "Moscow (forbidden name)",
        "Telegram (forbidden name)",
    ]
    assert sorted(score.entities_untyped.missed) == [
        "csto (Organization: CSTO)",
        "moscow (Location: Moscow)",
        "russia (Country: Russia)",
    ]


def test_wrong_class_typed_vs_untyped(tiny_gold) -> None:
    g = G()
    g.ent("putin", "Person", "Putin")
    g.ent("russia", "Country", "Russia")
    g.ent("csto", "Organization", "CSTO")
    g.ent("moscow", "Country", "Moscow")  # required, wrong class
    g.ent("usa", "Organization", "US")  # optional, wrong class: ignored
    score = score_graph(g.graph, tiny_gold)
    assert counts(score.entities_untyped) == (4, 0, 0, 1)
    assert counts(score.entities_typed) == (3, 1, 1, 1)
    assert score.entities_typed.wrong == ["Moscow (class Country, gold moscow is Location)"]
    assert score.entities_typed.missed == ["moscow (Location: Moscow)"]


def test_wrong_class_duplicate_next_to_right_class(tiny_gold) -> None:
    g = G()
    g.ent("a_moscow", "Country", "Moscow")
    g.ent("b_moscow", "Location", "Moscow")
    score = score_graph(g.graph, tiny_gold)
    assert counts(score.entities_untyped) == (1, 1, 3, 0)
    assert counts(score.entities_typed) == (1, 1, 3, 0)


def test_optional_entity_ignored_and_unknown_entity_wrong(tiny_gold) -> None:
    g = G()
    g.ent("putin", "Person", "Putin")
    g.ent("west", "Location", "The West")
    g.ent("kremlin", "Location", "Kremlin")
    score = score_graph(g.graph, tiny_gold)
    assert counts(score.entities_untyped) == (1, 1, 3, 1)
    # Precision = matched required / (graph entities - optional matches) = 1 / (3 - 1).
    assert score.entities_untyped.precision == 0.5
    assert score.entities_untyped.recall == 0.25
    assert score.entities_untyped.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    assert score.entities_untyped.wrong == ["Kremlin (not in gold)"]


def test_relations_right_optional_wrong_unmapped(tiny_gold) -> None:
    g = G()
    putin = g.ent("putin", "Person", "Putin")
    putin2 = g.ent("putin2", "Person", "Vladimir Putin")
    russia = g.ent("russia", "Country", "Russia")
    csto = g.ent("csto", "Organization", "CSTO")
    kremlin = g.ent("kremlin", "Location", "Kremlin")
    g.rel(putin, "leaderOf", russia)  # right
    g.rel(putin2, "leaderOf", russia)  # same gold triple again: ignored
    g.rel(russia, "memberOf", csto)  # optional: ignored
    g.rel(putin, "leaderOf", csto)  # wrong
    g.rel(kremlin, "locatedIn", russia)  # subject maps to no gold id: not scored
    g.graph.add((putin, GB.mentionedIn, russia))  # not a relation property
    score = score_graph(g.graph, tiny_gold)
    assert counts(score.relations) == (1, 1, 1, 2)
    assert score.relations.wrong == ["Putin leaderOf CSTO (as putin leaderOf csto)"]
    assert score.relations.missed == ["moscow locatedIn russia"]
    assert score.relations.precision == 0.5 and score.relations.recall == 0.5


def test_stances_right_duplicate_optional_wrong_polarity(tiny_gold) -> None:
    g, e = perfect_tiny()
    for node in list(g.graph.subjects(RDF.type, GB.Stance)):
        g.graph.remove((node, None, None))
    g.stance(e["putin"], e["csto"], "Positive", "Praise", "we back the CSTO")  # right, type off
    g.stance(e["putin"], e["csto"], "Positive", "Support", "again")  # duplicate
    g.stance(e["russia"], e["csto"], "Positive", "Cooperation")  # optional: ignored
    g.stance(e["putin"], e["usa"], "Positive", "Praise", "We love the US")  # wrong polarity
    kremlin = g.ent("kremlin", "Location", "Kremlin")
    g.stance(kremlin, e["usa"], "Negative", "Criticism")  # holder maps to no gold id
    score = score_graph(g.graph, tiny_gold)
    assert counts(score.stances) == (1, 1, 1, 2)
    assert score.stances.wrong == ['Vladimir Putin Positive Praise US "We love the US"']
    assert score.stances.missed == [
        'putin/russia Negative Criticism usa/the_west: "the West is to blame"'
    ]
    # The right stance is the one whose type agrees (matching prefers agreement).
    assert (score.stance_types.agreed, score.stance_types.total) == (1, 1)
    assert score.stance_types.share == 1.0


def test_stance_type_disagreement(tiny_gold) -> None:
    g = G()
    putin = g.ent("putin", "Person", "Putin")
    csto = g.ent("csto", "Organization", "CSTO")
    west = g.ent("west", "Location", "the West")
    g.stance(putin, csto, "Positive", "Praise", "we back the CSTO")
    g.stance(putin, west, "Negative", "Criticism")
    score = score_graph(g.graph, tiny_gold)
    assert counts(score.stances) == (2, 0, 0, 0)
    assert (score.stance_types.agreed, score.stance_types.total) == (1, 2)
    assert score.stance_types.share == 0.5
    assert score.stance_types.disagreements == [
        'Putin Positive Praise CSTO "we back the CSTO" (gold type Support)'
    ]


def test_stance_matching_counts_each_gold_stance_once_at_best(tmp_path: Path) -> None:
    data = json.loads(json.dumps(TINY_GOLD))
    data["stances"] = [
        {
            "holder": ["putin"],
            "target": ["csto"],
            "polarity": "Positive",
            "type": "Support",
            "required": True,
        },
        {
            "holder": ["putin"],
            "target": ["russia"],
            "polarity": "Positive",
            "type": "Support",
            "required": True,
        },
    ]
    gold = load_gold(write_gold(tmp_path, data))
    g = G()
    putin = g.ent("putin", "Person", "Putin")
    csto = g.ent("csto", "Organization", "CSTO")
    russia = g.ent("russia", "Country", "Russia")
    g.stance(putin, [csto, russia], "Positive", "Support")  # fits both gold stances
    g.stance(putin, csto, "Positive", "Support")  # fits only the first
    score = score_graph(g.graph, gold)
    assert counts(score.stances) == (2, 0, 0, 0)


# ---------------------------------------------------------------------------- real gold


def test_perfect_graph_for_seed_gold(seed_gold: Path) -> None:
    gold = load_gold(seed_gold)
    g = G()
    nodes = {}
    for ent in gold.entities:
        # Alternate between the first name as label and the last as alt label.
        if len(ent.names) > 1 and ent.id < "m":
            nodes[ent.id] = g.ent(ent.id, ent.type, ent.names[0].upper() + "'s", ent.names[-1])
        else:
            name = ent.names[-1]
            label = name if name.lower().startswith("the ") else f"The {name}"
            nodes[ent.id] = g.ent(ent.id, ent.type, label)
    for r in gold.relations:
        g.rel(nodes[r.s], r.p, nodes[r.o])
    for gs in gold.stances:
        g.stance(nodes[gs.holder[-1]], nodes[gs.target[0]], gs.polarity, gs.type)
    g.ent("nav", "Organization", "YANDEX-ZEN")
    score = score_graph(g.graph, gold)
    n_req = sum(e.required for e in gold.entities)
    n_opt = len(gold.entities) - n_req
    assert (n_req, n_opt) == (32, 14)
    assert counts(score.entities_untyped) == (32, 1, 0, 14)
    assert counts(score.entities_typed) == (32, 1, 0, 14)
    assert score.entities_untyped.wrong == ["YANDEX-ZEN (forbidden name)"]
    assert counts(score.relations) == (11, 0, 0, 20)
    assert counts(score.stances) == (11, 0, 0, 11)
    assert score.stance_types.share == 1.0
    assert score.stances.f1 == 1.0


def test_empty_graph_against_seed_gold(seed_gold: Path) -> None:
    score = score_graph(rdflib.Graph(), load_gold(seed_gold))
    assert counts(score.entities_untyped) == (0, 0, 32, 0)
    assert counts(score.relations) == (0, 0, 11, 0)
    assert counts(score.stances) == (0, 0, 11, 0)
    assert score.stance_types.share is None
    assert "kazakhstan memberOf csto" in score.relations.missed
    assert score.entities_untyped.f1 == 0.0


# ---------------------------------------------------------------------------- files


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("{not json", "tiny.json: not valid JSON (line 1 column 2"),
        ('{"entities": 3}', "tiny.json: 'entities' must be list, not int"),
        (
            '{"entities": [{"id": "a", "type": "Planet", "required": true, "names": ["A"]}]}',
            "tiny.json: entities[0]: 'type' must be one of Person",
        ),
        (
            '{"entities": [], "relations": [{"s": "a", "p": "leaderOf", "o": "b",'
            ' "required": true}]}',
            "tiny.json: relations[0]: unknown entity id 'a'",
        ),
    ],
)
def test_malformed_gold_names_file_and_fault(tmp_path: Path, text: str, fault: str) -> None:
    path = tmp_path / "tiny.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GoldFileError) as info:
        load_gold(path)
    assert str(info.value).startswith(f"{tmp_path}/{fault}")
    assert "\n" not in str(info.value)


def test_missing_gold(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match=r"/nope\.json: gold file not found$"):
        load_gold(tmp_path / "nope.json")


def test_load_graph_formats_and_errors(tmp_path: Path) -> None:
    g, _ = perfect_tiny()
    ttl = tmp_path / "g.ttl"
    g.graph.serialize(ttl, format="turtle")
    nt = tmp_path / "g.nt"
    g.graph.serialize(nt, format="nt")
    ds = rdflib.Dataset()
    named = ds.graph(rdflib.URIRef("https://example.org/doc1"))
    for t in g.graph:
        named.add(t)
    trig = tmp_path / "g.trig"
    ds.serialize(trig, format="trig")
    nq = tmp_path / "g.nq"
    ds.serialize(nq, format="nquads")
    for path in (ttl, nt, trig, nq):
        assert len(load_graph(path)) == len(g.graph), path

    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(GraphFileError, match=r"bad\.ttl: not valid turtle"):
        load_graph(bad)
    with pytest.raises(GraphFileError, match=r"missing\.ttl: no such graph file"):
        load_graph(tmp_path / "missing.ttl")
    odd = tmp_path / "g.csv"
    odd.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(GraphFileError, match="unknown graph file extension '.csv'"):
        load_graph(odd)


# ---------------------------------------------------------------------------- command


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        pass

    evaluate_command.register(app)
    return app


def test_eval_command_text_and_json(tmp_path: Path) -> None:
    gold_path = write_gold(tmp_path)
    g, _ = perfect_tiny()
    g.ent("kremlin", "Location", "Kremlin")
    graph_path = tmp_path / "graph.ttl"
    g.graph.serialize(graph_path, format="turtle")
    assert score_files(gold_path, graph_path).entities_untyped.fp == 1

    runner = CliRunner()
    result = runner.invoke(_app(), ["eval", "--gold", str(gold_path), str(graph_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("entities (untyped)     P=0.800 R=1.000 F1=0.889")
    assert lines[1].startswith("entities (typed)       P=0.800 R=1.000 F1=0.889")
    assert lines[2].startswith("relations              P=1.000 R=1.000 F1=1.000")
    assert lines[3].startswith("stances                P=1.000 R=1.000 F1=1.000")
    assert lines[4] == "stance-type agreement  1.000 (2/2)"
    assert "  - Kremlin (not in gold)" in lines

    result = runner.invoke(_app(), ["eval", "--gold", str(gold_path), str(graph_path), "--json"])
    data = json.loads(result.output)
    assert data["entities_untyped"]["precision"] == 0.8
    assert data["stance_type_agreement"] == {
        "agreed": 2,
        "total": 2,
        "disagreements": [],
        "share": 1.0,
    }

    result = runner.invoke(_app(), ["eval", "--gold", str(gold_path), str(tmp_path / "no.ttl")])
    assert isinstance(result.exception, GraphFileError)


@pytest.mark.skipif(
    importlib.util.find_spec("graphbuilder.commands.build") is None,
    reason="graphbuilder.cli needs graphbuilder/commands/build.py (not there yet)",
)
def test_graphbuilder_eval_console(tmp_path: Path) -> None:
    gold_path = write_gold(tmp_path)
    graph_path = tmp_path / "graph.nt"
    perfect_tiny()[0].graph.serialize(graph_path, format="nt")
    cmd = [sys.executable, "-m", "graphbuilder.cli", "eval", "--gold", str(gold_path)]
    ok = subprocess.run([*cmd, str(graph_path)], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert "stances                P=1.000 R=1.000 F1=1.000" in ok.stdout
    bad = subprocess.run(
        [*cmd, str(tmp_path / "none.ttl")], capture_output=True, text=True, timeout=120
    )
    assert bad.returncode == 3
    assert bad.stderr.strip().endswith("none.ttl: no such graph file")


def test_format_score_lists_missed_and_wrong(tiny_gold) -> None:
    g = G()
    g.ent("telegram", "Organization", "Telegram")
    text = format_score(score_graph(g.graph, tiny_gold))
    assert "entities (untyped): missed (4)" in text
    assert "  - Telegram (forbidden name)" in text
    assert "stance-type agreement  n/a (0/0)" in text
