"""The real corpus: ``../shared/corpus`` (the seed article and ``dev/``) built with the real
pipeline, analysed, the tables checked against SPARQL counts over the same graph, and the
report opened in headless Chromium with every network request blocked."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from graphbuilder.analyze import REPORT, analyze
from tests.analyze.stancegraph import read_csv
from tests.view.conftest import CHROMIUM_ARGS, _chromium  # the view tests' system Chromium

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def corpus_build(shared_dir, nlp, tmp_path_factory) -> Path:
    from graphbuilder.build import build

    corpus = shared_dir / "corpus"
    if not (corpus / "dev").is_dir():
        pytest.skip(f"{corpus}/dev not found: the dev corpus is absent")
    out = tmp_path_factory.mktemp("corpus")
    build([corpus], out, nlp=nlp, validate=False)
    return out


@pytest.fixture(scope="module")
def analysed(corpus_build, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("analysis")
    analyze(corpus_build / "graph.ttl", out)
    return out


def _sparql(graph: Path, query: str) -> list[tuple]:
    from graphbuilder.analyze.load import open_graph
    from graphbuilder.store.query import run_query

    rows = run_query(open_graph(graph), query).rows
    return [tuple(None if t is None else t.value for t in row) for row in rows]


def test_tables_agree_with_sparql_counts(corpus_build, analysed):
    graph = corpus_build / "graph.ttl"
    stances = read_csv(analysed / "stances.csv")
    ((total,),) = _sparql(graph, "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s a gb:Stance }")
    assert len(stances) == int(total) > 20
    matrix = read_csv(analysed / "stance-matrix.csv")
    by_polarity = dict(
        _sparql(
            graph,
            """
        SELECT ?p (COUNT(?s) AS ?n) { ?s a gb:Stance ; gb:polarity ?p } GROUP BY ?p""",
        )
    )
    assert sum(int(r["positive"]) for r in matrix) == int(by_polarity[str(_gb("Positive"))])
    assert sum(int(r["negative"]) for r in matrix) == int(by_polarity[str(_gb("Negative"))])
    ((pairs,),) = _sparql(
        graph,
        """SELECT (COUNT(*) AS ?n) {
        SELECT DISTINCT ?h ?t { ?s a gb:Stance ; gb:holder ?h ; gb:target ?t } }""",
    )
    assert len(matrix) == int(pairs)
    held = Counter()
    for h, p, n in _sparql(
        graph,
        """SELECT ?h ?p (COUNT(?s) AS ?n) {
            ?s a gb:Stance ; gb:holder ?h ; gb:polarity ?p } GROUP BY ?h ?p""",
    ):
        held[(h, p.rsplit("#", 1)[1])] = int(n)
    for row in read_csv(analysed / "actors.csv"):
        assert int(row["held_positive"]) == held[(row["actor"], "Positive")], row["label"]
        assert int(row["held_negative"]) == held[(row["actor"], "Negative")], row["label"]
    contradicted = _sparql(
        graph,
        """SELECT DISTINCT ?h ?t {
        ?a a gb:Stance ; gb:holder ?h ; gb:target ?t ; gb:polarity gb:Positive ;
           prov:wasDerivedFrom ?d1 .
        ?b a gb:Stance ; gb:holder ?h ; gb:target ?t ; gb:polarity gb:Negative ;
           prov:wasDerivedFrom ?d2 .
        FILTER(?d1 != ?d2) }""",
    )
    rows = read_csv(analysed / "contradictions.csv")
    assert {(r["holder"], r["target"]) for r in rows} == set(contradicted)
    assert {r["actor"] for r in read_csv(analysed / "blocs.csv")} <= {
        r["actor"] for r in read_csv(analysed / "actors.csv")
    }


def _gb(local: str) -> str:
    from graphbuilder.rdf.namespaces import GB_IRI

    return GB_IRI + local


@pytest.fixture(scope="module")
def chromium():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (the Python package of the `test` extra) is not installed")
    executable = _chromium()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(executable), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.mark.browser
def test_report_loads_offline_with_its_figures_and_tables(chromium, analysed, corpus_build):
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        errors, blocked = [], []
        page.on("console", lambda m: m.type in ("error", "warning") and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))

        def route(r):
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto((analysed / REPORT).resolve().as_uri())
        page.wait_for_load_state("load")
        assert errors == [] and blocked == []
        assert page.locator("figure svg").count() == 4
        assert page.locator("figcaption").count() == 4
        for table in ("blocs", "shifts", "contradictions", "matrix", "actors"):
            assert page.locator(f"#table-{table}").count() == 1, table
        rows = page.locator("#table-matrix tbody tr").count()
        assert rows == len(read_csv(analysed / "stance-matrix.csv"))
        # a row's evidence link lands on the sentences, which link to the actor in graph.html
        page.locator("#table-matrix tbody tr a", has_text="sentences").first.click()
        target = page.evaluate("location.hash")
        assert page.locator(f"{target} .evidence-item").count() >= 1
        graph_link = page.locator('a[href*="graph.html#node="]').first.get_attribute("href")
        assert (analysed / graph_link.split("#")[0]).resolve() == (
            corpus_build / "graph.html"
        ).resolve()
        # the figures are drawn: the network has one dot per actor shown
        box = page.locator("#fig-network svg").bounding_box()
        assert box and box["width"] > 300 and box["height"] > 200
    finally:
        context.close()
