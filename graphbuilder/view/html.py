"""The one module that touches pyvis: write a graph as one self-contained HTML page.

pyvis 0.3.2's own pages fail offline users (``shared/spec/performance-notes.md``): every
``cdn_resources`` mode links Bootstrap from a CDN, ``local`` copies ``lib/`` into the current
directory, and ``add_node``/``add_edge`` are quadratic. So :func:`render_graph` fills
:class:`pyvis.network.Network`'s node and edge lists directly, renders them through its own
Jinja template (``templates/graph.html.j2``) with the vis-network script and stylesheet shipped
inside the pyvis package inlined, and writes the page itself (never ``show``/``write_html``):
one UTF-8 file, no request to any other host, nothing written beside it.

Article text reaches the page only as JSON inside ``<script type="application/json">`` with
``<``, ``>`` and ``&`` escaped, and the page builds tooltips with ``textContent``: a
``<script>`` in an evidence sentence shows as text and never runs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import rdflib
from markupsafe import Markup

from graphbuilder.errors import OutputError
from graphbuilder.outputs import write_bytes_atomic
from graphbuilder.paths import package_dir
from graphbuilder.rdf.io import load_graph
from graphbuilder.view.model import ViewData, load_style, view_data

__all__ = ["ViewStats", "render_graph", "render_file", "render_html", "GENERATOR"]

#: marks pages graphbuilder wrote; an existing file without it is never overwritten
GENERATOR = "graphbuilder-view"
_VIS_VERSION = "vis-9.1.2"


@dataclass(frozen=True)
class ViewStats:
    """What a page shows.

    Attributes
    ----------
    nodes : int
        Entities drawn.
    edges : int
        Relation triples plus stances drawn.
    path : pathlib.Path
        The page written.
    """

    nodes: int
    edges: int
    path: Path


def _safe_json(value: Any) -> Markup:
    """JSON that is safe inside an HTML ``<script>`` element.

    ``json.dumps`` with ``ensure_ascii`` already escapes U+2028/U+2029 (and all non-ASCII);
    ``<``, ``>`` and ``&`` only occur inside JSON strings, where ``\\u003c`` etc. mean the same,
    so ``</script>`` and ``<!--`` cannot end or change the element.
    """
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


@lru_cache(maxsize=1)
def _assets() -> dict[str, Markup]:
    """vis-network from inside the pyvis package, and the page's own script and stylesheet."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / _VIS_VERSION
    out = {}
    templates = package_dir("view", "templates")
    for key, path in (
        ("vis_js", lib / "vis-network.min.js"),
        ("vis_css", lib / "vis-network.css"),
        ("page_js", templates / "graph.js"),
        ("page_css", templates / "graph.css"),
    ):
        text = path.read_text(encoding="utf-8")
        if "</script" in text.lower() or "</style" in text.lower():  # pragma: no cover
            raise RuntimeError(f"{path}: cannot be inlined (contains a closing tag)")
        out[key] = Markup(text)
    return out


def _options(data: ViewData, style: dict[str, Any]) -> dict[str, Any]:
    """vis-network options: bounded stabilisation, physics switched off by the page afterwards."""
    n = len(data.nodes)
    phys, node, est, lay = style["physics"], style["node"], style["edges"], style["layout"]
    large = n > lay["large_graph_nodes"]
    solver = phys["solver"]
    solver_options = dict(phys[solver])
    if large:  # a coarser Barnes-Hut approximation: ~4x fewer force terms per iteration
        solver_options["theta"] = phys["large_theta"]
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": lay["seed"]},
        "physics": {
            "enabled": True,
            "solver": solver,
            solver: solver_options,
            "minVelocity": phys["minVelocity"],
            "timestep": phys["timestep"],
            "stabilization": {
                "enabled": True,
                "iterations": phys["large_iterations"] if large else phys["small_iterations"],
                "updateInterval": 10,
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 80,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
        "nodes": {
            "borderWidth": 1.5,
            "font": {
                "face": node["font_face"],
                "size": node["font_size"],
                "color": node["font_color"],
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
            "font": {
                "face": node["font_face"],
                "size": est["font_size"],
                "color": "#444444",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "align": "middle",
            },
            "selectionWidth": 1.5,
            "hoverWidth": 1.2,
        },
    }


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(package_dir("view", "templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["safe_json"] = _safe_json
    env.filters["safe_json_text"] = lambda text: _safe_json(json.loads(text))
    return env


def render_graph(
    graph: rdflib.Graph, out_path: Path | str, *, title: str | None = None, force: bool = False
) -> ViewStats:
    """Write ``graph`` as one self-contained interactive HTML page.

    Parameters
    ----------
    graph : rdflib.Graph
        A graphbuilder graph (entities, relations, stances; see
        :func:`graphbuilder.view.model.view_data`) or any other RDF graph.
    out_path : pathlib.Path or str
        The ``.html`` (or ``.htm``) file to write; its folder must exist. It is written to a
        temporary file in the same folder and renamed into place; nothing else is written.
    title : str, optional
        The page title; default the output file's stem.
    force : bool
        Overwrite an existing file graphbuilder did not write.

    Returns
    -------
    ViewStats
        The numbers of nodes and edges drawn, and the path written.

    Raises
    ------
    OutputError
        ``out_path`` does not end in ``.html``/``.htm``, its folder does not exist, or it is an
        existing file graphbuilder did not write.

    Examples
    --------
    >>> import tempfile, pathlib, rdflib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "g.html"
    >>> render_graph(rdflib.Graph(), out).nodes
    0
    """
    out = Path(out_path)
    _check_output(out, force=force)
    html, data = _page(graph, title or out.stem)
    write_bytes_atomic(html.encode("utf-8"), out)
    return ViewStats(nodes=len(data.nodes), edges=len(data.edges), path=out)


def render_html(graph: rdflib.Graph, *, title: str = "graphbuilder") -> str:
    """The self-contained interactive page of ``graph`` as a string (nothing is written).

    Parameters
    ----------
    graph : rdflib.Graph
        As for :func:`render_graph`.
    title : str
        The page title.

    Returns
    -------
    str
        The HTML document :func:`render_graph` would write (scripts and styles inline, no
        request leaves it).
    """
    return _page(graph, title)[0]


def _page(graph: rdflib.Graph, title: str) -> tuple[str, ViewData]:
    style = load_style()
    data = view_data(graph, style)
    return _render_html(data, style, _clean_text(title)), data


def _render_html(data: ViewData, style: dict[str, Any], title: str) -> str:
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, heading="")
    # the node and edge lists are filled directly: pyvis's add_node/add_edge are quadratic
    net.nodes = data.nodes
    net.edges = data.edges
    net.options = _options(data, style)
    net.templateEnv = _environment()
    net.path = "graph.html.j2"
    net.templateEnv.globals.update(
        gb_title=title,
        gb_generator=GENERATOR,
        gb_meta={
            "classes": data.classes,
            "types": data.types,
            "documents": data.documents,
            "edgeStyle": style["edges"],
            "settleBudgetMs": style["physics"]["settle_budget_ms"],
            "dimColor": style["node"]["dim_color"],
        },
        **_assets(),
    )
    return net.generate_html(name="graph.html")


def _clean_text(text: str) -> str:
    """Undo ``surrogateescape`` (command-line text under a non-UTF-8 locale) so it encodes."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _check_output(out: Path, *, force: bool = False) -> None:
    if out.suffix.lower() not in (".html", ".htm"):
        raise OutputError(f"{out}: the view is written to an .html file")
    if not out.parent.is_dir():
        raise OutputError(f"{out}: folder {out.parent} does not exist")
    if out.exists():
        if not out.is_file():
            raise OutputError(f"{out}: exists and is not a file")
        try:
            with open(out, "rb") as fh:
                head = fh.read(4096)
        except OSError as err:
            raise OutputError(f"{out}: cannot read the existing file: {err}") from None
        if GENERATOR.encode() not in head and not force:
            raise OutputError(
                f"{out}: exists and was not written by graphbuilder; use --force to overwrite it"
            )


def render_file(
    graph_path: Path | str,
    out_path: Path | str | None = None,
    *,
    title: str | None = None,
    force: bool = False,
) -> ViewStats:
    """Read a saved graph and write its HTML view.

    Parameters
    ----------
    graph_path : pathlib.Path or str
        The graph file: ``.ttl``, ``.nt``, ``.nq``, ``.trig``, ``.jsonld`` or ``.rdf`` (read by
        :func:`graphbuilder.rdf.io.load_graph`; quad formats as the union of their graphs). A
        SPARQL CONSTRUCT result saved in one of these formats is a graph too.
    out_path : pathlib.Path or str, optional
        The page; default ``graph_path`` with the suffix ``.html``.
    title : str, optional
        The page title; default the graph file's name.
    force : bool
        Overwrite an existing file graphbuilder did not write.

    Returns
    -------
    ViewStats

    Raises
    ------
    GraphFileError
        The graph file is missing or does not parse.
    OutputError
        See :func:`render_graph`.
    """
    gp = Path(graph_path)
    out = Path(out_path) if out_path is not None else gp.with_suffix(".html")
    if out.resolve() == gp.resolve():
        raise OutputError(f"{out}: the page would overwrite the graph file")
    _check_output(out, force=force)
    graph = load_graph(gp)
    return render_graph(graph, out, title=title or gp.name, force=force)
