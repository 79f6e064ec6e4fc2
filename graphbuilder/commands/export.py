"""The ``export`` command: a graph file to Turtle, N-Triples, N-Quads, JSON-LD, GraphML, CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

#: Text found in the first 64 KB of every file graphbuilder exports (its resource and
#: vocabulary namespaces): such a file may be overwritten without ``--force``.
EXPORT_MARKER = b"https://w3id.org/graphbuilder/"
_EXPORT_SUFFIXES = {
    ".ttl", ".turtle", ".nt", ".ntriples", ".nq", ".nquads", ".trig", ".jsonld", ".json",
    ".graphml", ".xml", ".csv", ".rdf",
}  # fmt: skip


def check_overwrite(
    path: Path, *, force: bool, marker: bytes, suffixes: set[str] | None = None
) -> None:
    """Refuse to replace a file graphbuilder did not write, unless ``force``.

    Parameters
    ----------
    path : pathlib.Path
        The output file about to be written.
    force : bool
        ``--force``: overwrite whatever is there.
    marker : bytes
        Text every file of this kind written by graphbuilder holds in its first 64 KB.
    suffixes : set of str, optional
        File name suffixes (lower case) such files have; a file with another suffix is
        never taken for one of ours.

    Raises
    ------
    OutputError
        ``"<path>: exists and was not written by graphbuilder; use --force to overwrite
        it"``, or ``"<path>: is a folder; give a file name"``.
    """
    from graphbuilder.errors import OutputError

    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    if force or not path.exists():
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError as err:
        raise OutputError(f"{path}: cannot read it to check it ({err.strerror})") from None
    ours = marker in head and (suffixes is None or path.suffix.lower() in suffixes)
    if head.strip() and not ours:
        raise OutputError(
            f"{path}: exists and was not written by graphbuilder; use --force to overwrite it"
        )


def register(app: typer.Typer) -> None:
    """Register ``graphbuilder export`` on the app."""

    @app.command("export")
    def export_command(
        graph: Annotated[Path, typer.Argument(help="Graph file (.ttl .nt .nq .trig .jsonld).")],
        fmt: Annotated[
            str,
            typer.Option("--format", help="turtle, ntriples, nquads, jsonld, graphml or csv."),
        ] = "turtle",
        out: Annotated[
            Path | None,
            typer.Option("-o", "--out", help="Output file (csv: FILE_nodes.csv, FILE_edges.csv)."),
        ] = None,
        force: Annotated[
            bool, typer.Option("--force", help="Overwrite a file graphbuilder did not write.")
        ] = False,
    ) -> None:
        """Export GRAPH to another format (to stdout without -o, except csv)."""
        from graphbuilder.rdf.export import csv_paths, export_graph

        if out is not None:
            for target in csv_paths(out) if fmt == "csv" else [out]:
                check_overwrite(
                    target, force=force, marker=EXPORT_MARKER, suffixes=_EXPORT_SUFFIXES
                )
        result = export_graph(graph, fmt, out)
        if isinstance(result, bytes):
            sys.stdout.buffer.write(result)
            sys.stdout.flush()
        else:
            for path in result:
                typer.echo(f"wrote {path}", err=True)
