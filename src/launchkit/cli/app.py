"""The Typer application, and the one place where exceptions become exit codes."""

from __future__ import annotations

import gc
import os
from typing import Any

import typer
from typer.core import TyperGroup

from launchkit import __version__
from launchkit.diagnostics import LaunchkitError

EXIT_OK, EXIT_NOT_READY, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3


class _Group(TyperGroup):
    """Maps bad input to exit 2 with `file:line:col` lines, and any other failure to exit 3."""

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
        except Exception as e:
            if _show_traceback(ctx):
                raise
            typer.echo(
                f"launchkit: internal error ({type(e).__name__}: {e}); this is a bug in launchkit, "
                "please report it with the command you ran (--traceback shows where it happened)",
                err=True,
            )
            raise typer.Exit(EXIT_BUG) from None


def _show_traceback(ctx: typer.Context) -> bool:
    return bool((ctx.obj or {}).get("traceback")) or os.environ.get("LAUNCHKIT_TRACEBACK") == "1"


app = typer.Typer(
    cls=_Group,
    name="launchkit",
    help="Turn a launch playbook (YAML in git) into a dated plan, a readiness verdict, "
    "calendar files and the documents a launch team hands out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
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
    app()
