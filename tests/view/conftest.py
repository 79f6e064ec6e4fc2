"""Browser fixtures for the HTML view: Debian's Chromium driven headless by Playwright.

The browser is the system Chromium (``/usr/bin/chromium``, or ``$GRAPHBUILDER_CHROMIUM``);
when it is absent the fixture runs ``scripts/install-browser.sh`` (apt-get) once, and skips
with the reason if that fails. Playwright's own browser downloads are never used. Every request
that is not ``file:`` or ``data:`` is blocked and recorded, so a page that reaches for a CDN
fails its test.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

PROJECT = Path(__file__).resolve().parents[2]
OUTPUTS = PROJECT / "outputs"
CHROMIUM = Path(os.environ.get("GRAPHBUILDER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
]


def _chromium() -> Path:
    """The Chromium binary, installed with scripts/install-browser.sh where absent."""
    if not CHROMIUM.exists():
        script = PROJECT / "scripts" / "install-browser.sh"
        try:
            proc = subprocess.run(
                ["sh", str(script)], capture_output=True, text=True, timeout=900, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            pytest.skip(f"Chromium absent at {CHROMIUM} and install-browser.sh failed: {err}")
        if proc.returncode != 0 or not CHROMIUM.exists():
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
            pytest.skip(f"Chromium absent at {CHROMIUM} and cannot be installed: {tail[0]}")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser():
    """A headless system Chromium (session-wide; each test opens its own context)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (the Python package of the `test` extra) is not installed")
    executable = _chromium()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(executable), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@dataclass
class LoadedPage:
    """A page opened offline: the Playwright page, its console errors and blocked requests."""

    page: Any
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    load_seconds: float = 0.0

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def wait_for(self, expression: str, timeout: float = 10.0) -> float:
        """Poll a JS expression until truthy (CDP evaluate: the page's CSP forbids eval)."""
        start = time.monotonic()
        while not self.page.evaluate(expression):
            if time.monotonic() - start > timeout:
                raise AssertionError(f"timed out after {timeout} s waiting for {expression}")
            self.page.wait_for_timeout(25)
        return time.monotonic() - start


@pytest.fixture
def open_page(browser):
    """Open an HTML file offline; returns a :class:`LoadedPage` once the layout has settled."""
    contexts = []

    def _open(path: Path, *, width: int = 1400, height: int = 900, settle: float = 10.0):
        ctx = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(ctx)
        page = ctx.new_page()
        loaded = LoadedPage(page)
        page.on(
            "console",
            lambda m: (
                loaded.errors.append(f"console.{m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda e: loaded.errors.append(f"pageerror: {e}"))

        def route(r):
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                loaded.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        start = time.monotonic()
        page.goto(path.resolve().as_uri())
        loaded.wait_for("window.gbSettled === true", timeout=settle)
        loaded.load_seconds = time.monotonic() - start
        return loaded

    yield _open
    for ctx in contexts:
        ctx.close()


@pytest.fixture(scope="session")
def outputs_dir() -> Path:
    """``outputs/`` of the project (screenshots land here)."""
    OUTPUTS.mkdir(exist_ok=True)
    return OUTPUTS


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 3):
    """A news-shaped graph: ``n_nodes`` entities, ``n_edges`` edges (2/3 reified relations with
    evidence, 1/3 stances), every entity mentioned in one of 20 documents."""
    import random

    from rdflib import Graph, Literal
    from rdflib.namespace import RDF, RDFS

    from graphbuilder.rdf.namespaces import GB, GBR, PROV

    rng = random.Random(seed)
    g = Graph()
    classes = [GB.Person, GB.Country, GB.Organization, GB.Location, GB.Event]
    docs = [GBR[f"document/d{i}"] for i in range(20)]
    for d in docs:
        g.add((d, RDF.type, GB.Document))
    ents = [GBR[f"e{i}"] for i in range(n_nodes)]
    for i, e in enumerate(ents):
        g.add((e, RDF.type, classes[i % len(classes)]))
        g.add((e, RDFS.label, Literal(f"Entity {i}", lang="en")))
        g.add((e, GB.mentionedIn, docs[i % len(docs)]))
    preds = [GB.leaderOf, GB.officialOf, GB.memberOf, GB.partOf, GB.locatedIn]
    n_rel = n_edges * 2 // 3
    seen = set()
    while len(seen) < n_rel:
        a, b = rng.randrange(n_nodes), rng.randrange(n_nodes)
        p = rng.choice(preds)
        if a == b or (a, p, b) in seen:
            continue
        seen.add((a, p, b))
        st = GBR[f"statement/{len(seen)}"]
        g.add((ents[a], p, ents[b]))
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, ents[a]))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, ents[b]))
        g.add((st, PROV.wasDerivedFrom, rng.choice(docs)))
        g.add((st, GB.evidence, Literal(f"Sentence {len(seen)} about entity {a} and {b}.")))
    types = [(GB.Support, GB.Positive), (GB.Criticism, GB.Negative), (GB.Refusal, GB.Negative)]
    for k in range(n_edges - n_rel):
        a, b = rng.randrange(n_nodes), rng.randrange(n_nodes)
        st = GBR[f"stance/{k}"]
        stype, pol = rng.choice(types)
        g.add((st, RDF.type, GB.Stance))
        g.add((st, GB.holder, ents[a]))
        g.add((st, GB.target, ents[b]))
        g.add((st, GB.polarity, pol))
        g.add((st, GB.stanceType, stype))
        g.add((st, GB.attribution, GB.ReportedSpeech))
        g.add((st, GB.evidence, Literal(f"Stance sentence {k}.")))
        g.add((st, PROV.wasDerivedFrom, rng.choice(docs)))
    return g
