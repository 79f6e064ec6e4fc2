"""The ``query`` command: SPARQL over a graph file or an Oxigraph store."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Register ``graphbuilder query`` on the app."""

    @app.command("query")
    def query_command(
        graph: Annotated[
            str | None,
            typer.Argument(
                help="Graph file (.ttl .nt .nq .trig .jsonld .rdf) to query, or sparql:URL "
                "(a SPARQL server)."
            ),
        ] = None,
        query: Annotated[str | None, typer.Argument(help="SPARQL query text.")] = None,
        file: Annotated[
            Path | None, typer.Option("--file", "-f", help="Read the query from a .rq file.")
        ] = None,
        name: Annotated[
            str | None, typer.Option("--name", "-n", help="Run a named query (see --list).")
        ] = None,
        param: Annotated[
            list[str] | None,
            typer.Option("--param", "-p", help="Parameter KEY=VALUE (entity label, alias, IRI)."),
        ] = None,
        fmt: Annotated[
            str, typer.Option("--format", help="table, csv, tsv or json (SPARQL results JSON).")
        ] = "table",
        list_queries: Annotated[
            bool, typer.Option("--list", help="List the named queries and their parameters.")
        ] = False,
        store: Annotated[
            str | None,
            typer.Option(
                "--store",
                help="Query an on-disk store, oxigraph:PATH (GRAPH, if "
                "given, is loaded into it first, replacing the graphs it holds), or a SPARQL "
                "server, sparql:URL.",
            ),
        ] = None,
        allow_update: Annotated[
            bool, typer.Option("--allow-update", help="Allow SPARQL Update (changes the store).")
        ] = False,
        timeout: Annotated[
            float | None, typer.Option("--timeout", help="Give up after SECONDS.", min=0.001)
        ] = None,
        query_url: Annotated[
            str | None,
            typer.Option("--query-url", help="A server's query endpoint, if not by convention."),
        ] = None,
        update_url: Annotated[
            str | None,
            typer.Option("--update-url", help="A server's update endpoint, if not by convention."),
        ] = None,
        limit: Annotated[
            int | None,
            typer.Option(
                "--limit",
                min=0,
                help="Print at most N rows (a page: rows in the store's order, unsorted).",
            ),
        ] = None,
        offset: Annotated[
            int,
            typer.Option("--offset", min=0, help="Skip the first N rows (the next page)."),
        ] = 0,
        no_wait: Annotated[
            bool,
            typer.Option(
                "--no-wait",
                help="When another writer holds the store's lock (an update, or GRAPH loaded "
                "into the store), exit at once with code 9 instead of waiting.",
            ),
        ] = False,
    ) -> None:
        """Run a SPARQL query (text, --file or --name) on GRAPH and print the results.

        On --store oxigraph:PATH a query reads a snapshot of the store (never a half-written
        one) without waiting for a build; an update, or GRAPH loaded into the store, takes
        the store's write lock first (waits for another writer, or exits 9 with --no-wait).
        --limit/--offset give one page of a listing: the first page costs its own rows, not
        the whole answer (a named query's whole answer is sorted, a page is not).
        """
        from graphbuilder.errors import GraphFileError, QueryError
        from graphbuilder.store.lock import commit_lock, write_lock
        from graphbuilder.store.oxigraph import (
            load_file_into_store,
            open_snapshot,
            open_store,
            parse_store_spec,
        )
        from graphbuilder.store.query import (
            RESULT_FORMATS,
            bind_params,
            format_result,
            is_update,
            list_named_queries,
            load_named_query,
            parse_named_query,
            reads_named_graphs,
            run_query,
        )

        if list_queries:
            for q in list_named_queries():
                params = " ".join(
                    f"[{p.name}=<{p.kind}>]" if p.optional else f"{p.name}=<{p.kind}>"
                    for p in q.params
                )
                typer.echo(f"{q.name} {params}".rstrip())
                typer.echo(f"    {q.description}")
            return
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"unknown --format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")
        if graph is not None and graph.startswith("sparql:") and store is None:
            graph, store = None, graph  # `query sparql:URL "SELECT ..."`
        if store and graph is not None and query is None and not Path(graph).exists():
            graph, query = None, graph  # `query --store oxigraph:DB "SELECT ..."`
        sources = [s for s in (query, file, name) if s is not None]
        if len(sources) != 1:
            raise QueryError("give exactly one of: QUERY text, --file Q.rq, --name NAME")
        if graph is None and store is None:
            raise QueryError("give a GRAPH file, sparql:URL or --store oxigraph:PATH")
        params: dict[str, str] = {}
        for item in param or []:
            key, sep, value = item.partition("=")
            if not sep or not key.strip():
                raise QueryError(f"--param {item!r}: expected KEY=VALUE")
            if key.strip() in params:
                raise QueryError(f"--param {key.strip()} given twice; give each parameter once")
            params[key.strip()] = value
        if graph is not None and Path(graph).is_dir():
            inside = [n for n in ("graph.trig", "graph.ttl") if (Path(graph) / n).is_file()]
            hint = f"; give {Path(graph) / inside[0]}" if inside else ""
            raise GraphFileError(f"{graph}: is a folder, not a graph file{hint}")
        if name is not None:
            named = load_named_query(name)
        elif file is not None:
            try:
                named = parse_named_query(file.read_text(encoding="utf-8"), file)
            except OSError as err:
                raise QueryError(f"{file}: cannot read query: {err.strerror or err}") from None
            except UnicodeDecodeError as err:
                raise QueryError(
                    f"{file}: not a UTF-8 text query file (invalid byte at offset {err.start})"
                ) from None
        else:
            named = parse_named_query(query or "")
        with contextlib.ExitStack() as held:
            target = None  # an on-disk store's folder: opened again where the query runs
            if store and store.startswith("sparql:"):
                from graphbuilder.store.sparql_server import open_server_store

                if graph is not None:
                    raise QueryError("a SPARQL server is queried as it is; give no GRAPH file")
                db = open_server_store(store, query_url, update_url, timeout=timeout or 60)
            elif store:
                folder = parse_store_spec(store)
                if graph is not None or (allow_update and is_update(named.text)):
                    # one writer at a time; readers open a snapshot and never wait for it
                    held.enter_context(
                        write_lock(
                            folder,
                            what="store",
                            wait=not no_wait,
                            on_wait=lambda line: typer.echo(line, err=True),
                        )
                    )
                    held.enter_context(commit_lock(folder))
                    if graph is not None:
                        loading = open_store(folder)
                        load_file_into_store(loading, graph)
                        loading.flush()
                        del loading  # released: the query opens the store again
                    target = folder
                db = open_snapshot(folder)
                if timeout is not None:
                    target = folder  # a worker opens it, and is stopped at the deadline
            else:
                db = open_store(None)
                if graph is not None:
                    # without GRAPH in the query, the union alone: an in-memory store is
                    # many times faster without the per-document graphs beside it
                    # (graphbuilder.store.oxigraph.union_only)
                    union = not (reads_named_graphs(named.text) or allow_update)
                    load_file_into_store(db, graph, union=union)
            bindings = bind_params(db, named, params) if (params or named.params) else None
            if target is not None:
                del db
            result = run_query(
                db if target is None else target,
                named.text,
                bindings=bindings,
                allow_update=allow_update,
                timeout=timeout,
                limit=limit,
                offset=offset,
                order=named.order,
            )
        typer.echo(format_result(result, fmt).rstrip("\n"))
