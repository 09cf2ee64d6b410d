"""`launchkit diff`: what a change to a playbook does to its plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from launchkit.cli.app import app
from launchkit.cli.common import ForceOption, LaunchOption, OutputOption, emit, format_help
from launchkit.outputs.formats import DiffFormat


@app.command()
def diff(
    old: Path = typer.Argument(
        ...,
        metavar="OLD",
        help="The playbook before the change (with --rev: the playbook file).",
        show_default=False,
    ),
    new: Path | None = typer.Argument(
        None, metavar="NEW", help="The playbook after the change.", show_default=False
    ),
    rev: str | None = typer.Option(
        None,
        "--rev",
        metavar="REV",
        help="Compare OLD as it was at this git revision (HEAD~3, main) with the file now.",
    ),
    launch: dt.date | None = LaunchOption,
    format: DiffFormat = typer.Option(
        DiffFormat.text, "--format", "-f", metavar="FORMAT", help=format_help(DiffFormat)
    ),
    output: Path | None = OutputOption,
    force: bool = ForceOption,
) -> None:
    """Tasks added or removed, dates moved, critical path, slack and gates changed.

    Exit 0 whether or not the plan changed (the JSON's "changed" says), 2 for bad input.

    Example: launchkit diff launch.yaml --rev HEAD~1 --format markdown
    """
    from launchkit.outputs.diff import FORMATTERS, compare_plans
    from launchkit.outputs.diff.sources import load_pair
    from launchkit.schedule import schedule

    if (new is None) == (rev is None):
        # a usage error, reported in the command line's form (docs/errors.md, bad-usage)
        raise typer.BadParameter(
            "give two files (launchkit diff OLD NEW) or one file and --rev REV"
        )
    (before, old_label), (after, new_label) = load_pair(old, new, rev)
    launch_day = launch
    result = compare_plans(
        schedule(before, launch_day), schedule(after, launch_day), old_label, new_label
    )
    inputs = [old] + ([new] if new is not None else [])
    emit(
        FORMATTERS[format](result), output, kind=f"diff.{format.value}", inputs=inputs, force=force
    )
