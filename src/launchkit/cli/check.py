"""`launchkit check`: is the launch on track? For people at a terminal and for CI."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from launchkit.cli.app import EXIT_NOT_READY, EXIT_OK, app
from launchkit.cli.common import (
    AsOfOption,
    ForceOption,
    LaunchOption,
    OutputOption,
    emit,
    format_help,
    playbook_argument,
    playbook_inputs,
    terminal_width,
    use_color,
)
from launchkit.outputs.reporters.base import Format

if TYPE_CHECKING:
    from launchkit.readiness import Report


@app.command()
def check(
    playbook: str = playbook_argument(),
    as_of: dt.date | None = AsOfOption,
    strict: bool = typer.Option(False, "--strict", help="Count warnings as failures too."),
    launch: dt.date | None = LaunchOption,
    metrics: Path | None = typer.Option(
        None,
        "--metrics",
        metavar="FILE",
        help="Metric values: a YAML/JSON mapping, CSV metric,value, or CSV date,metric,value history.",
        dir_okay=False,
    ),
    format: Format = typer.Option(
        Format.text, "--format", "-f", metavar="FORMAT", help=format_help(Format)
    ),
    output: Path | None = OutputOption,
    force: bool = ForceOption,
) -> None:
    """Judge gates and tasks as of a day. Exit 0 ready, 1 not ready, 2 bad input.

    A gate is a condition that must hold by a day, such as 100% of managers on the app by \
L-1bd (one working day before launch day L); a task is overdue when its last day has passed \
and it is not done.

    Example: launchkit check launch.yaml --as-of 2027-01-06 --format github
    """
    from launchkit.cli.common import check_as_of, is_repository, load, planned
    from launchkit.clock import today_in
    from launchkit.outputs.reporters import reporter
    from launchkit.readiness import check_readiness
    from launchkit.readiness.forecast import load_with_history

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
        text = reporter(format)(report, color=_color(format, output))
        emit(text, output, kind=f"check.{format.value}", force=force)
        _step_summary(report)
        raise typer.Exit(EXIT_OK if report.ready else EXIT_NOT_READY)
    loaded = load(playbook)
    plan = planned(loaded, launch)
    judged = check_as_of(as_of or today_in(loaded.playbook.timezone), plan)
    values = history = None
    if metrics is not None:
        values, history = load_with_history(metrics, judged)
    report = check_readiness(plan, judged, values, strict=strict, history=history)
    width = terminal_width(None) if format is Format.text and output is None else None
    inputs = playbook_inputs(playbook) + ([metrics] if metrics else [])
    text = reporter(format)(report, color=_color(format, output), width=width)
    emit(text, output, kind=f"check.{format.value}", inputs=inputs, force=force)
    _step_summary(report)
    raise typer.Exit(EXIT_OK if report.ready else EXIT_NOT_READY)


def _color(fmt: Format, output: Path | None) -> bool:

    return fmt is Format.text and output is None and use_color()


def _step_summary(report: Report) -> None:
    """Under GitHub Actions, append a Markdown summary to the job's summary page."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if os.environ.get("GITHUB_ACTIONS") != "true" or not target:
        return
    from launchkit.outputs.reporters import render_summary

    try:
        with Path(target).open("a", encoding="utf-8") as f:
            f.write(render_summary(report))
    except OSError as e:
        # The summary is a courtesy; the verdict and its exit code are what CI acts on.
        from launchkit.diagnostics import Diagnostic, Severity

        reason = e.strerror or str(e)
        message = f"cannot write the job summary (GITHUB_STEP_SUMMARY): {reason}"
        typer.echo(
            Diagnostic(target, 1, 1, Severity.WARNING, "summary-unwritable", message).format(),
            err=True,
        )
