"""The Typer application, and the one place where exceptions become exit codes."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from launchkit import __version__
from launchkit.diagnostics import LaunchkitError

EXIT_OK, EXIT_NOT_READY, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE: what a shell reports for a program whose reader closed the pipe."""

EPILOG = (
    "Start here: launchkit plan app-launch (a built-in playbook; nothing to set up).\n\n"
    "Words: L is launch day and L-5bd five working days before it; a gate is a condition that "
    "must hold by a day (100% of managers on the app); slack is how many working days a task "
    "can slip; the critical path is the tasks with none. More in docs/words.md of launchkit's "
    "repository.\n\n"
    "Exit codes: 0 fine (check: ready), 1 check: not ready, 2 bad input, 3 a bug in launchkit."
)


class _Group(TyperGroup):
    """Maps bad input to exit 2 with `file:line:col` lines, and any other failure to exit 3."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line; a usage error is one line on stderr and exit 2 (cli/usage.py)."""
        from launchkit.cli.usage import UsageError, format_usage_error

        words = _traceback_first(list(sys.argv[1:] if args is None else args))
        try:
            result = super().main(words, prog_name, complete_var, standalone_mode=False, **extra)
        except UsageError as e:
            if type(e).__name__ == "NoArgsIsHelpError":
                # `launchkit` alone: the help is the most useful answer, but it ran nothing.
                typer.echo(getattr(e, "message", ""))
            else:
                typer.echo(format_usage_error(e), err=True)
            result = EXIT_BAD_INPUT
        except typer.Abort:
            typer.echo("Aborted!", err=True)
            result = 1
        code = result if isinstance(result, int) else EXIT_OK
        if not standalone_mode:
            return code
        sys.exit(code)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _plain_flags(command, ctx)
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _plain_flags(self, ctx)
        super().format_help(ctx, formatter)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except LaunchkitError as e:
            for d in e.diagnostics:
                typer.echo(d.format(), err=True)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # The reader stopped reading (`launchkit plan x | head`): stop quietly, as `cat` does.
            _drop_stdout()
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        except Exception as e:
            if _show_traceback(ctx):
                raise
            typer.echo(
                f"launchkit: internal error ({type(e).__name__}: {e}); this is a bug in launchkit, "
                "please report it with the command you ran (--traceback shows where it happened)",
                err=True,
            )
            raise typer.Exit(EXIT_BUG) from None


def _plain_flags(command: Any, ctx: Any) -> None:
    """Show on/off flags and arguments in `--help` without a type column.

    Typer writes `--strict <bool>`, which reads as if `--strict true` were the way to write it
    (it fails), and `PLAYBOOK <str>`, where the name and its help already say what to give.
    The usage line shows arguments as the help does, `PLAYBOOK` and `[NEW]`, not `{PLAYBOOK}`.
    """
    for param in [*command.params, command.get_help_option(ctx)]:
        if param is None:
            continue
        if getattr(param, "param_type_name", "") == "argument":
            param.display_type_rich = lambda ctx: None
            param.get_usage_pieces = _usage_piece(param)
        elif getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""


def _usage_piece(param: Any) -> Any:
    def pieces(ctx: Any) -> list[str]:
        name = str(param.metavar or param.name.upper())
        if param.nargs != 1 and not name.endswith("..."):
            name += "..."
        return [name if param.required else f"[{name}]"]

    return pieces


def _traceback_first(words: list[str]) -> list[str]:
    """Accept `--traceback` anywhere on the command line (before `--`) by moving it to the front,
    where the top-level option is parsed: `launchkit check x --traceback` then works too."""
    end = words.index("--") if "--" in words else len(words)
    if "--traceback" not in words[:end]:
        return words
    rest = [w for i, w in enumerate(words) if not (i < end and w == "--traceback")]
    return ["--traceback", *rest]


def _drop_stdout() -> None:
    """Point standard output at the null device, so that flushing what is left at exit does
    not fail again on the closed pipe."""
    import sys

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _show_traceback(ctx: typer.Context) -> bool:
    return bool((ctx.obj or {}).get("traceback")) or os.environ.get("LAUNCHKIT_TRACEBACK") == "1"


app = typer.Typer(
    cls=_Group,
    name="launchkit",
    help="Turn a launch playbook (YAML in git) into a dated plan, a readiness verdict, "
    "calendar files and the documents a launch team hands out.",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"launchkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    traceback: bool = typer.Option(
        False, "--traceback", help="Show the full traceback of an internal error."
    ),
) -> None:
    ctx.obj = {"traceback": traceback}


def main() -> None:
    """Entry point of the `launchkit` console script."""
    # A run builds one large tree of live objects (YAML nodes, models, the plan) and then exits.
    # The cyclic garbage collector would traverse that whole tree again and again while it grows
    # and find nothing to free: it took two thirds of loading a 10,000-task playbook (see
    # bench/README.md). Reference counting still frees everything else as usual.
    gc.disable()
    try:
        app()
    except SystemExit:
        # What is still buffered is written here, where a closed pipe can still be told apart.
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _drop_stdout()
            raise SystemExit(EXIT_BROKEN_PIPE) from None
        raise
