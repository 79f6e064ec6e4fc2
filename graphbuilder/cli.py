"""The ``graphbuilder`` command line (typer).

The CLI is thin: each command parses its arguments and calls one library function. Each
command lives in its own module under :mod:`graphbuilder.commands` and registers itself on
:data:`app`. Errors the user can act on (:class:`graphbuilder.errors.GraphbuilderError`) are
printed as one line ``error: ...`` with a non-zero exit; a traceback only with ``--debug``.
"""

from __future__ import annotations

import sys

import typer

from graphbuilder.errors import GraphbuilderError

app = typer.Typer(
    name="graphbuilder",
    help="Build a knowledge graph of leaders, states, organizations, relations and stances "
    "from news articles, and query, validate, export and view it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_STATE = {"debug": False}


@app.callback()
def _main(
    debug: bool = typer.Option(False, "--debug", help="Show Python tracebacks on errors."),
) -> None:
    _STATE["debug"] = debug


def _register() -> None:
    from graphbuilder.commands import build, evaluate, export, kb, query, validate, view

    for module in (build, query, evaluate, validate, export, view, kb):
        module.register(app)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: run the app, turn user errors into one line.

    Raises
    ------
    SystemExit
        Always, with 0 on success, the error's ``exit_code`` on a GraphbuilderError, 130 on
        Ctrl-C.
    """
    _register()
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        rc = app(args=argv, standalone_mode=False)
    except GraphbuilderError as err:
        if debug:
            raise
        typer.echo(f"error: {err}", err=True)
        raise SystemExit(err.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("error: interrupted; outputs already written are left as they were", err=True)
        raise SystemExit(130) from None
    except SystemExit:
        raise
    except Exception as err:  # click usage errors and the like
        import click

        if isinstance(err, click.exceptions.ClickException):
            err.show()
            raise SystemExit(err.exit_code) from None
        if isinstance(err, click.exceptions.Abort):
            raise SystemExit(1) from None
        if debug:
            raise
        typer.echo(
            f"error: {type(err).__name__}: {err} (run with --debug for a traceback)", err=True
        )
        raise SystemExit(1) from None
    raise SystemExit(rc if isinstance(rc, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
