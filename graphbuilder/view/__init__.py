"""The interactive HTML view of a graph (the only package that touches pyvis).

:func:`render_graph` writes an rdflib graph as one self-contained HTML page;
:func:`render_file` does the same for a saved graph file. See :mod:`graphbuilder.view.html`.
"""

from graphbuilder.view.html import ViewStats, render_file, render_graph

__all__ = ["ViewStats", "render_graph", "render_file"]
