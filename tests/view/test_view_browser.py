"""The HTML view in a real browser (headless Debian Chromium), every network request blocked."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import synthetic_graph
from rdflib import Graph, Literal

from graphbuilder.rdf.namespaces import GB, GBR
from graphbuilder.view import render_graph

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SEED_LIKE = Path(__file__).parent / "data" / "seed-like.ttl"
XSS = (
    "Tokayev said </script><script>window.__pwned = 1</script>"
    '<img src=x onerror="window.__pwned = 2"> it.'
)


@pytest.fixture(scope="module")
def seed_page_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("view") / "seed.html"
    render_graph(Graph().parse(SEED_LIKE), out, title="CSTO summit 2022 (seed article)")
    return out


def _edge_point(loaded, edge_id: str) -> tuple[float, float]:
    """Page coordinates of the middle of a straight edge."""
    return tuple(
        loaded.js(
            f"""(() => {{
            const e = gbData.edges.get({edge_id!r});
            const p = gbNetwork.getPositions([e.from, e.to]);
            const mid = {{x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2}};
            const d = gbNetwork.canvasToDOM(mid);
            const r = document.getElementById('gb-network').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y];
        }})()"""
        )
    )


def _hover_edge(loaded, stance_suffix: str) -> str:
    edge_id = loaded.js(
        f"gbData.raw.edges.find(e => (e.stance || '').endsWith({stance_suffix!r})).id"
    )
    x, y = _edge_point(loaded, edge_id)
    page = loaded.page
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=4)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=3000)
    return page.inner_text("div.vis-tooltip")


def test_seed_page_offline_counts_and_screenshot(open_page, seed_page_file, outputs_dir):
    loaded = open_page(seed_page_file)
    assert loaded.errors == []
    assert loaded.blocked == []
    counts = loaded.js("[gbNetwork.body.data.nodes.length, gbNetwork.body.data.edges.length]")
    assert counts == [37, 51]  # = tests/view/test_view_model.expected_counts
    assert loaded.js("gbNetwork.physics.options.enabled") is False
    legend = loaded.page.inner_text("#gb-classes")
    assert "Person" in legend and "Organization" in legend
    shot = outputs_dir / "view-seed.png"
    loaded.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000


def test_hover_stance_edge_shows_its_evidence(open_page, seed_page_file):
    loaded = open_page(seed_page_file)
    text = _hover_edge(loaded, "stance/s13")  # Tokayev -> Taliban, concern
    assert "activation of Islamic extremist and terrorist groups" in text
    assert "Central Asia. Only the CSTO will save" in text  # the document
    assert "reported speech" in text and "0.50" in text


def test_script_in_evidence_is_shown_not_run(open_page, tmp_path):
    g = Graph().parse(SEED_LIKE)
    stance = GBR["stance/s13"]
    g.remove((stance, GB.evidence, None))
    g.add((stance, GB.evidence, Literal(XSS)))
    g.set((GBR["org-taliban"], GB.topic, Literal("<b onmouseover=alert(1)>x</b>")))
    out = tmp_path / "xss.html"
    render_graph(g, out)
    loaded = open_page(out)
    text = _hover_edge(loaded, "stance/s13")
    assert "<script>window.__pwned = 1</script>" in text
    assert 'onerror="window.__pwned = 2"' in text
    loaded.page.wait_for_timeout(200)
    assert loaded.js("typeof window.__pwned") == "undefined"
    assert (
        loaded.js("document.querySelectorAll('div.vis-tooltip img, div.vis-tooltip script').length")
        == 0
    )
    assert loaded.errors == [] and loaded.blocked == []


def test_search_focuses_a_node_by_name_or_alias(open_page, seed_page_file):
    loaded = open_page(seed_page_file)
    page = loaded.page
    page.fill("#gb-search", "Tokayev")
    page.press("#gb-search", "Enter")
    tokayev = str(GBR["person-tokayev"])
    assert loaded.js("gbNetwork.getSelectedNodes()") == [tokayev]
    # the focus animation ends with the node at the centre of the view
    loaded.wait_for(
        f"""(() => {{ const v = gbNetwork.getViewPosition();
        const p = gbNetwork.getPositions([{tokayev!r}])[{tokayev!r}];
        return Math.abs(v.x - p.x) < 5 && Math.abs(v.y - p.y) < 5; }})()""",
        timeout=5.0,
    )
    # an alias, and the neighbourhood highlight that comes with the focus
    assert loaded.js("gbSearch('Zhaparov')") == str(GBR["person-japarov"])
    dimmed = loaded.js("gbData.nodes.get().filter(n => n.color === gbData.meta.dimColor).length")
    assert 0 < dimmed < 37
    assert loaded.errors == []


def test_filters_hide_and_show(open_page, seed_page_file):
    loaded = open_page(seed_page_file)
    page = loaded.page
    page.uncheck("#gb-kb")
    assert loaded.js("gbNetwork.body.data.edges.length") == 51 - 29
    page.check("#gb-kb")
    page.uncheck("#gb-classes input[data-cls='Person']")
    assert loaded.js("gbNetwork.body.data.nodes.length") == 37 - 10
    page.check("#gb-classes input[data-cls='Person']")
    page.uncheck("#gb-pol-negative")
    assert loaded.js("gbNetwork.body.data.edges.length") == 51 - 8
    page.check("#gb-pol-negative")
    page.uncheck("#gb-relations input[data-type='relation:memberOf']")
    assert loaded.js("gbNetwork.body.data.edges.length") == 51 - 17
    page.check("#gb-relations input[data-type='relation:memberOf']")
    page.select_option("#gb-doc", "0")  # the one document: its facts, no KB-only ones
    assert loaded.js("gbNetwork.body.data.edges.length") == 51 - 29
    assert loaded.errors == []


def test_2000_node_page_stops_moving_within_10_s(open_page, tmp_path, outputs_dir):
    out = tmp_path / "big.html"
    stats = render_graph(synthetic_graph(2000, 3000), out, title="2,000 nodes, 3,000 edges")
    assert (stats.nodes, stats.edges) == (2000, 3000)
    loaded = open_page(out, settle=10.0)  # fails if not settled within 10 s of navigation
    assert loaded.load_seconds < 10.0
    assert loaded.js("[gbNetwork.body.data.nodes.length, gbNetwork.body.data.edges.length]") == [
        2000,
        3000,
    ]
    ids = "gbData.raw.nodes.slice(0, 200).map(n => n.id)"
    before = loaded.js(f"gbNetwork.getPositions({ids})")
    loaded.page.wait_for_timeout(700)
    after = loaded.js(f"gbNetwork.getPositions({ids})")
    assert before == after  # nothing moves any more
    assert loaded.errors == [] and loaded.blocked == []
    loaded.page.screenshot(path=str(outputs_dir / "view-2000.png"))


def test_node_link_selects_and_focuses_the_node(open_page, seed_page_file):
    """graph.html#node=<IRI> (the analyze report's links) selects and centres that entity."""
    from urllib.parse import quote

    tokayev = str(GBR["person-tokayev"])
    loaded = open_page(seed_page_file)
    page = loaded.page
    page.goto(seed_page_file.resolve().as_uri() + "#node=" + quote(tokayev, safe=""))
    loaded.wait_for("window.gbSettled === true", timeout=10.0)
    loaded.wait_for(f"gbNetwork.getSelectedNodes()[0] === {tokayev!r}", timeout=10.0)
    assert loaded.js("gbFocusFromHash()") == tokayev
    assert loaded.errors == []


def test_notebook_view_renders_in_an_isolated_frame(browser, tmp_path):
    """gb.show(graph) in a notebook: an iframe srcdoc that draws the graph offline, whose
    styles stay inside it and whose page cannot reach the notebook's."""
    import graphbuilder as gb
    from tests.view.conftest import synthetic_graph

    view = gb.show(synthetic_graph(30, 40), height=500)
    host = tmp_path / "notebook.html"
    host.write_text(
        "<!doctype html><html><head><style>body { color: rgb(1, 2, 3); }</style></head>"
        f"<body><p id='cell'>In [1]:</p>{view._repr_html_()}</body></html>",
        encoding="utf-8",
    )
    ctx = browser.new_context()
    page = ctx.new_page()
    blocked: list[str] = []
    page.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(("file:", "data:", "about:"))
            else (blocked.append(r.request.url), r.abort())
        ),
    )
    try:
        page.goto(host.as_uri())
        frame = page.frames[1]
        for _ in range(400):
            if frame.evaluate("window.gbSettled === true"):
                break
            page.wait_for_timeout(25)
        counts = frame.evaluate(
            "[gbNetwork.body.data.nodes.length, gbNetwork.body.data.edges.length]"
        )
        assert counts[0] == 30 and counts[1] > 0
        assert blocked == []
        # the notebook's own style is untouched, and the frame cannot reach the notebook
        assert page.evaluate("getComputedStyle(document.body).color") == "rgb(1, 2, 3)"
        assert (
            frame.evaluate(
                "(() => { try { return !!parent.document; } catch (e) { return false; } })()"
            )
            is False
        )
        height = page.evaluate("document.querySelector('iframe').getBoundingClientRect().height")
        assert height == 500
    finally:
        ctx.close()
