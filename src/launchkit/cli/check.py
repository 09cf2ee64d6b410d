"""`launchkit check`: is the launch on track? For people at a terminal and for CI."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from launchkit.cli.app import EXIT_NOT_READY, EXIT_OK, app
from launchkit.cli.common import (
    PLAYBOOK_HELP,
    AsOfOption,
    LaunchOption,
    OutputOption,
    emit,
)
from launchkit.outputs.reporters.base import Format

if TYPE_CHECKING:
    from launchkit.readiness import Report


@app.command()
def check(
    playbook: str = typer.Argument(..., help=PLAYBOOK_HELP, show_default=False),
    as_of: dt.date | None = AsOfOption,
    strict: bool = typer.Option(False, "--strict", help="Count warnings as failures too."),
    launch: dt.date | None = LaunchOption,
    metrics: Path | None = typer.Option(
        None,
        "--metrics",
        help="Metric values: a YAML/JSON mapping, CSV metric,value, or CSV date,metric,value history.",
        dir_okay=False,
    ),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Report format."),
    output: Path | None = OutputOption,
) -> None:
    """Judge gates and tasks as of a day. Exit 0 ready, 1 not ready, 2 bad input."""
    from launchkit.cli.common import is_repository, load
    from launchkit.clock import today_in
    from launchkit.outputs.reporters import reporter
    from launchkit.readiness import check_readiness, load_metrics
    from launchkit.schedule import schedule

    if is_repository(playbook):
        from launchkit.cli.common import schedule_all
        from launchkit.readiness.repository import check_repository

        if metrics is not None:
            raise typer.BadParameter(
                "--metrics goes with one playbook; a launch repository's playbooks keep "
                "their own metrics",
                param_hint="--metrics",
            )
        repo, plans = schedule_all(playbook, launch)
        zone = plans[0].timezone if plans else "UTC"
        report = check_repository(repo, plans, as_of or today_in(zone), strict=strict)
        emit(reporter(format)(report, color=_color(format, output)), output)
        _step_summary(report)
        raise typer.Exit(EXIT_OK if report.ready else EXIT_NOT_READY)
    loaded = load(playbook)
    plan = schedule(loaded, launch)
    judged = as_of or today_in(loaded.playbook.timezone)
    values = load_metrics(metrics, judged) if metrics else None
    report = check_readiness(plan, judged, values, strict=strict)
    emit(reporter(format)(report, color=_color(format, output)), output)
    _step_summary(report)
    raise typer.Exit(EXIT_OK if report.ready else EXIT_NOT_READY)


def _color(fmt: Format, output: Path | None) -> bool:
    import sys

    return (
        fmt is Format.text
        and output is None
        and sys.stdout.isatty()
        and "NO_COLOR" not in os.environ
    )


def _step_summary(report: Report) -> None:
    """Under GitHub Actions, append a Markdown summary to the job's summary page."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if os.environ.get("GITHUB_ACTIONS") != "true" or not target:
        return
    from launchkit.outputs.reporters import render_summary

    with Path(target).open("a", encoding="utf-8") as f:
        f.write(render_summary(report))
