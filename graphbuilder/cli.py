"""The ``graphbuilder`` command line (typer).

The CLI is thin: each command parses its arguments and calls one library function. Each
command lives in its own module under :mod:`graphbuilder.commands` and registers itself on
:data:`app`. Errors the user can act on (:class:`graphbuilder.errors.GraphbuilderError`) are
printed as one line ``error: ...`` with a non-zero exit; a traceback only with ``--debug``.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import traceback

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


def _print_version(value: bool) -> None:
    if value:
        from graphbuilder.version import __version__

        typer.echo(f"graphbuilder {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: bool = typer.Option(False, "--debug", help="Show Python tracebacks on errors."),
    version: bool = typer.Option(
        False,
        "--version",
        callback=_print_version,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    _STATE["debug"] = debug or _STATE["debug"]


def _register() -> None:
    from graphbuilder.commands import analyze, build, evaluate, export, kb, query, validate, view

    if _STATE.get("registered"):
        return
    for module in (build, query, evaluate, validate, export, view, kb, analyze):
        module.register(app)
    _STATE["registered"] = True


def one_line(text: str, limit: int = 1000) -> str:
    """Return ``text`` on one line: whitespace runs (newlines too) become one space.

    Examples
    --------
    >>> one_line("bad\\n  input\\tfile")
    'bad input file'
    """
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _split_debug(argv: list[str]) -> tuple[list[str], bool]:
    """Take ``--debug`` out of ``argv`` wherever it stands (before a ``--`` separator)."""
    end = argv.index("--") if "--" in argv else len(argv)
    head = [a for a in argv[:end] if a != "--debug"]
    return head + argv[end:], len(head) != end


def _usage_error_types() -> tuple[type[BaseException], ...]:
    """click's usage errors: typer >= 0.2x vendors click as ``typer._click``."""
    import click

    types: list[type[BaseException]] = [click.exceptions.ClickException]
    try:
        from typer._click import exceptions as vendored

        types.append(vendored.ClickException)
    except ImportError:  # an older typer on plain click
        pass
    return tuple(types)


def _abort_types() -> tuple[type[BaseException], ...]:
    import click

    types: list[type[BaseException]] = [click.exceptions.Abort]
    try:
        from typer._click import exceptions as vendored

        if hasattr(vendored, "Abort"):
            types.append(vendored.Abort)
    except ImportError:
        pass
    return tuple(types)


class Interrupted(BaseException):
    """Ctrl-C (SIGINT) or SIGTERM, raised from the signal handler.

    A BaseException, so that ``except Exception`` in libraries lets it through while
    ``finally`` blocks and the atomic writers remove their temporary files; not a
    KeyboardInterrupt, which typer turns into a silent exit 130.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum, frame) -> None:  # pragma: no cover - exercised in a subprocess
    if os.getpid() != _STATE.get("pid"):
        # a forked child (none are forked today): die as the signal means
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise Interrupted(signum)


def _usage_line(err: BaseException) -> str:
    ctx = getattr(err, "ctx", None)
    message = err.format_message() if hasattr(err, "format_message") else str(err)
    where = f"{ctx.command_path} --help" if ctx is not None else "graphbuilder --help"
    return f"error: {one_line(message) or 'missing arguments'} (see {where})"


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: run the app, turn user errors into one line.

    ``--debug`` may stand anywhere on the command line (before a ``--``); with it, errors
    print their traceback, and the exit codes stay the same.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default ``sys.argv[1:]``).

    Raises
    ------
    SystemExit
        Always: 0 on success; the error's ``exit_code`` on a GraphbuilderError (see
        :mod:`graphbuilder.errors`); 2 on a usage error (unknown command or option, missing
        argument); 130 on Ctrl-C, 143 on SIGTERM (temporary files removed, outputs already
        written left as they were); 1 on any other error.
    """
    args, debug = _split_debug(list(sys.argv[1:] if argv is None else argv))
    _STATE["debug"] = debug
    _register()
    if not args:
        args = ["--help"]
    previous = {}
    if threading.current_thread() is threading.main_thread():
        _STATE["pid"] = os.getpid()
        for signum in (signal.SIGINT, signal.SIGTERM):
            if signal.getsignal(signum) != signal.SIG_IGN:  # nohup, `&`: left ignored
                previous[signum] = signal.signal(signum, _on_signal)
    try:
        rc = app(args=args, prog_name="graphbuilder", standalone_mode=False)
    except GraphbuilderError as err:
        if debug:
            traceback.print_exc()
        typer.echo(f"error: {one_line(err)}", err=True)
        raise SystemExit(err.exit_code) from None
    except (Interrupted, KeyboardInterrupt) as err:
        signum = getattr(err, "signum", signal.SIGINT)
        what = "terminated" if signum == signal.SIGTERM else "interrupted"
        typer.echo(f"error: {what}; outputs already written are left as they were", err=True)
        raise SystemExit(128 + signum) from None
    except SystemExit:
        raise
    except _usage_error_types() as err:
        if debug:
            traceback.print_exc()
        code = getattr(err, "exit_code", 2)
        if type(err).__name__ == "NoArgsIsHelpError":  # help already printed
            raise SystemExit(0) from None
        typer.echo(_usage_line(err), err=True)
        raise SystemExit(code) from None
    except _abort_types():
        typer.echo("error: aborted", err=True)
        raise SystemExit(1) from None
    except Exception as err:
        if debug:
            traceback.print_exc()
        detail = one_line(err) or "no detail"
        hint = "" if debug else " (run with --debug for a traceback)"
        typer.echo(f"error: {type(err).__name__}: {detail}{hint}", err=True)
        raise SystemExit(1) from None
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    raise SystemExit(rc if isinstance(rc, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
