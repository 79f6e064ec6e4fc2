"""The view of the real seed article's graph, built by the real pipeline, in headless Chromium."""

from __future__ import annotations

import pytest
from rdflib import Graph

from graphbuilder.build import build
from graphbuilder.view.model import view_data

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_seed_article_graph_page_is_whole_and_readable(
    nlp, seed_article, open_page, outputs_dir, tmp_path
):
    out = tmp_path / "seed"
    build([seed_article], out, nlp=nlp)
    graph = Graph().parse(out / "graph.ttl")
    model = view_data(graph)
    loaded = open_page(out / "graph.html")
    assert loaded.errors == [] and loaded.blocked == []
    counts = loaded.js("[gbNetwork.body.data.nodes.length, gbNetwork.body.data.edges.length]")
    assert counts == [len(model.nodes), len(model.edges)]
    assert loaded.js("gbNetwork.physics.options.enabled") is False
    # the search box finds Tokayev by his surname
    loaded.page.fill("#gb-search", "Tokayev")
    loaded.page.press("#gb-search", "Enter")
    selected = loaded.js("gbNetwork.getSelectedNodes()")
    labels = loaded.js(f"gbData.nodes.get({selected!r}).map(n => n.label)")
    assert labels == ["Kassym-Jomart Tokayev"]
    shot = outputs_dir / "seed-article-graph.png"
    loaded.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
