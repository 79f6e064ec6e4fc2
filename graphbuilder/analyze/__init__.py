"""Blocs, shifts and contradictions across many articles: an analyst's report on a graph.

``graphbuilder analyze GRAPH -o DIR`` and :func:`analyze` read the stances of a graph
(:mod:`.load`), build the signed actor network (:mod:`.network`), partition it into the blocs
that minimise frustration with a sign-shuffled baseline (:mod:`.blocs`), find shifts and
contradictions (:mod:`.timeline`), and write ``DIR/report.html`` (:mod:`.report`, figures of
:mod:`.figures`) and the CSV tables of :mod:`.tables`.

Examples
--------
>>> from graphbuilder.analyze import analyze          # doctest: +SKIP
>>> summary = analyze("outputs/graph.ttl", "report/", fold_people=True)  # doctest: +SKIP
>>> summary.partition.frustration                     # doctest: +SKIP
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graphbuilder.analyze.analysis import Analysis, AnalysisOptions, run_analysis

__all__ = ["analyze", "AnalysisOptions", "Analysis", "AnalysisSummary", "run_analysis", "REPORT"]

#: The page's file name in the output folder.
REPORT = "report.html"


@dataclass(frozen=True)
class AnalysisSummary:
    """What :func:`analyze` wrote and found.

    Attributes
    ----------
    files : list of pathlib.Path
        ``report.html`` and the tables, in the order written.
    analysis : Analysis
        Everything computed (network, partition, baseline, shifts, contradictions).
    seconds : float
        Wall time, from reading the graph to the last file written.
    """

    files: list[Path]
    analysis: Analysis
    seconds: float

    @property
    def partition(self):
        return self.analysis.partition


def _check_outputs(out_dir: Path, force: bool) -> None:
    from graphbuilder.analyze.report import GENERATOR
    from graphbuilder.analyze.tables import TABLES, is_our_csv
    from graphbuilder.errors import OutputError

    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a folder")
    if force or not out_dir.is_dir():
        return
    page = out_dir / REPORT
    if page.is_dir():
        raise OutputError(f"{page}: is a folder; remove it or choose another output folder")
    if page.exists():
        try:
            head = page.read_bytes()[:4096]
        except OSError as err:
            raise OutputError(f"{page}: cannot read it to check it ({err.strerror})") from None
        if head.strip() and f'content="{GENERATOR}"'.encode() not in head:
            raise OutputError(
                f"{page}: exists and was not written by graphbuilder analyze; "
                "use --force to overwrite it"
            )
    for name in TABLES:
        path = out_dir / name
        if path.is_dir() or not is_our_csv(path, name):
            raise OutputError(
                f"{path}: exists and is not a table graphbuilder analyze wrote; "
                "use --force to overwrite it"
            )


def analyze(
    graph: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    fold_people: bool = False,
    exclude_author: bool = False,
    no_kb: bool = False,
    period: str = "year",
    shuffles: int | None = None,
    seed: int = 0,
    force: bool = False,
    graph_html: str | os.PathLike[str] | None = None,
    title: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> AnalysisSummary:
    """Analyse the stances of a graph and write ``report.html`` and the tables into a folder.

    Parameters
    ----------
    graph : str or os.PathLike
        A graph file written by ``graphbuilder build`` (``graph.ttl``, ``graph.trig`` ...; any
        RDF file of the vocabulary) or an Oxigraph store as ``oxigraph:PATH``.
    out_dir : str or os.PathLike
        The folder to write (created if needed): ``report.html``, ``actors.csv``,
        ``stance-matrix.csv``, ``blocs.csv``, ``shifts.csv``, ``contradictions.csv`` and
        ``stances.csv``.
    fold_people : bool
        Count a person's stances for the state or organization they lead or serve on the
        document's date (:mod:`graphbuilder.analyze.fold`).
    exclude_author : bool
        Leave out the authors' own opinions.
    no_kb : bool
        Leave out knowledge-base facts.
    period : str
        ``year`` (default), ``quarter`` or ``month``: the periods of shifts and timelines.
    shuffles : int, optional
        Sign-shuffled copies for the bloc baseline (default
        :data:`graphbuilder.analyze.blocs.SHUFFLES`; 0: none).
    seed : int
        Seed of the local search and the shuffles.
    force : bool
        Overwrite files in ``out_dir`` that graphbuilder analyze did not write.
    graph_html : str or os.PathLike, optional
        The interactive view rows link to (default: ``graph.html`` beside ``graph``).
    title : str, optional
        The page title.
    progress : callable, optional
        ``progress(step, done, total)`` as the work goes on.

    Returns
    -------
    AnalysisSummary

    Raises
    ------
    GraphFileError
        The graph file is missing or does not parse.
    StoreError
        The store cannot be opened.
    OutputError
        ``out_dir`` is a file, cannot be written, or holds a ``report.html`` or table that
        graphbuilder analyze did not write (without ``force``). Nothing is written then.
    KnowledgeBaseError
        ``fold_people`` with a malformed knowledge base.
    ValueError
        An unknown ``period`` or a negative ``shuffles``.
    """
    from graphbuilder.analyze.blocs import SHUFFLES
    from graphbuilder.analyze.load import load_records
    from graphbuilder.analyze.report import render_report
    from graphbuilder.analyze.tables import csv_bytes, tables
    from graphbuilder.errors import OutputError
    from graphbuilder.outputs import write_bytes_atomic

    started = time.perf_counter()
    options = AnalysisOptions(
        fold_people=fold_people,
        exclude_author=exclude_author,
        use_kb=not no_kb,
        period=period,
        shuffles=SHUFFLES if shuffles is None else shuffles,
        seed=seed,
    )
    out = Path(out_dir)
    _check_outputs(out, force)
    records = load_records(graph, progress)
    analysis = run_analysis(records, options, progress=progress)
    if graph_html is None and not os.fspath(graph).startswith("oxigraph:"):
        graph_html = Path(graph).parent / "graph.html"
    page = render_report(
        analysis, out, graph_html=Path(graph_html) if graph_html else None, title=title
    )
    if progress:
        progress("draw the figures", 1, 1)
    contents = {name: csv_bytes(*table) for name, table in tables(analysis).items()}
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{out}: cannot create the output folder ({err.strerror})") from None
    files = [write_bytes_atomic(page.encode("utf-8"), out / REPORT)]
    for name, data in contents.items():
        files.append(write_bytes_atomic(data, out / name))
    if progress:
        progress("write the report and tables", 1, 1)
    return AnalysisSummary(files, analysis, time.perf_counter() - started)
