"""`launchkit export`: the plan as a calendar (ICS), a spreadsheet (CSV) or a Gantt (Mermaid)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from launchkit.cli.app import app
from launchkit.cli.common import (
    ForceOption,
    LaunchOption,
    OutputOption,
    emit,
    load,
    planned,
    playbook_argument,
    playbook_inputs,
)
from launchkit.clock import now_utc

if TYPE_CHECKING:
    from launchkit.diagnostics import LaunchkitError
    from launchkit.outputs.export import ExportFormat, ExportOptions
    from launchkit.schedule import Plan


@app.command()
def export(
    file: str = playbook_argument(),
    ics: bool = typer.Option(
        False, "--ics", help="iCalendar for Outlook, Google Calendar and Apple Calendar."
    ),
    csv: bool = typer.Option(False, "--csv", help="CSV, one row per task or occurrence."),
    mermaid: bool = typer.Option(False, "--mermaid", help="A Mermaid gantt chart."),
    markdown: bool = typer.Option(
        False, "--markdown", help="With --mermaid: a ```mermaid block and a task table."
    ),
    output: Path | None = OutputOption,
    force: bool = ForceOption,
    owner: str | None = typer.Option(
        None, "--owner", metavar="ROLE", help="Only this role's tasks."
    ),
    site: str | None = typer.Option(
        None, "--site", metavar="ID", help="Only this site's tasks and the tasks not per site."
    ),
    launch: dt.date | None = LaunchOption,
    audience: str | None = typer.Option(
        None, "--audience", metavar="ID", help="Only tasks that reach this audience."
    ),
    alarm: str | None = typer.Option(
        None,
        "--alarm",
        metavar="BEFORE",
        help="With --ics: a reminder before each task: 1d, 2h, 30m.",
    ),
) -> None:
    """Export the dated plan as a calendar file, a CSV table or a Mermaid Gantt chart.

    Example: launchkit export launch.yaml --ics -o launch.ics
    """
    from launchkit.diagnostics import LaunchkitError, error
    from launchkit.outputs.export import EXPORTERS
    from launchkit.outputs.export.ics import ForeignCalendarError, PreviousCalendarError

    fmt = _format(ics, csv, mermaid, markdown, alarm)
    from launchkit.cli.common import is_repository

    if is_repository(file):
        _export_launches(file, fmt, owner, site, audience, launch, alarm, output, force)
        return
    plan = planned(load(file), launch)
    if audience is not None:
        from launchkit.cli.common import check_filters, narrow

        check_filters([plan], None, None, audience)
        plan = narrow([plan], audience=audience)[0]
    options = _options(plan, fmt, owner, site, alarm, markdown, output, force)
    try:
        text = EXPORTERS[fmt](plan, options)
    except ForeignCalendarError as e:
        message = f"{e}; refusing to overwrite it (--force replaces it)"
        raise LaunchkitError([error(str(output), 1, 1, "other-playbook", message)]) from None
    except PreviousCalendarError as e:
        raise _not_an_export(output, e) from None
    emit(text, output, kind=f"export.{fmt.value}", inputs=playbook_inputs(file), force=force)


def _export_launches(
    file: str,
    fmt: ExportFormat,
    owner: str | None,
    site: str | None,
    audience: str | None,
    launch: dt.date | None,
    alarm: str | None,
    output: Path | None,
    force: bool = False,
) -> None:
    """`export . --ics`: every launch of a repository in one calendar."""
    from launchkit.cli.common import check_filters, narrow, schedule_all
    from launchkit.outputs.export import ExportFormat, ExportOptions, parse_alarm
    from launchkit.outputs.export.ics import PreviousCalendarError, export_ics_launches

    if fmt is not ExportFormat.ics:
        raise typer.BadParameter(
            "a launch repository exports with --ics; give one playbook file for --csv or --mermaid"
        )
    repo, plans = schedule_all(file, launch)
    check_filters(plans, site, owner, audience, [a.id for a in repo.repository.audiences])
    plans = narrow(plans, audience=audience)
    try:
        before = parse_alarm(alarm) if alarm is not None else None
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--alarm") from None
    previous = output.read_bytes() if output is not None and output.is_file() else None
    options = ExportOptions(owner=owner, site=site, alarm=before, now=now_utc(), previous=previous)
    try:
        text = export_ics_launches(plans, options, repo.name)
    except PreviousCalendarError as e:
        raise _not_an_export(output, e) from None
    emit(text, output, kind="export.ics", force=force)


def _format(ics: bool, csv: bool, mermaid: bool, markdown: bool, alarm: str | None) -> ExportFormat:
    from launchkit.outputs.export import ExportFormat

    chosen = [
        f
        for f, on in (
            (ExportFormat.ics, ics),
            (ExportFormat.csv, csv),
            (ExportFormat.mermaid, mermaid),
        )
        if on
    ]
    if len(chosen) != 1:
        raise typer.BadParameter("choose exactly one of --ics, --csv or --mermaid")
    if markdown and chosen[0] is not ExportFormat.mermaid:
        raise typer.BadParameter("--markdown goes with --mermaid", param_hint="--markdown")
    if alarm is not None and chosen[0] is not ExportFormat.ics:
        raise typer.BadParameter("--alarm goes with --ics", param_hint="--alarm")
    return chosen[0]


def _options(
    plan: Plan,
    fmt: ExportFormat,
    owner: str | None,
    site: str | None,
    alarm: str | None,
    markdown: bool,
    output: Path | None,
    force: bool,
) -> ExportOptions:
    """Check the filters against the playbook and gather what the exporter needs."""
    from launchkit.diagnostics import did_you_mean
    from launchkit.outputs.export import ExportFormat, ExportOptions, parse_alarm

    roles = set(plan.playbook.people) | {t.owner for t in plan.playbook.tasks if t.owner}
    if owner is not None and owner not in roles:
        hint = did_you_mean(owner, roles) or f" (roles: {', '.join(sorted(roles)) or 'none'})"
        raise typer.BadParameter(f"no role '{owner}' in the playbook{hint}", param_hint="--owner")
    sites = [s.id for s in plan.playbook.sites]
    if site is not None and site not in sites:
        hint = did_you_mean(site, sites) or f" (sites: {', '.join(sites) or 'none'})"
        raise typer.BadParameter(f"no site '{site}' in the playbook{hint}", param_hint="--site")
    try:
        before = parse_alarm(alarm) if alarm is not None else None
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--alarm") from None
    previous = None
    if fmt is ExportFormat.ics and output is not None and output.is_file():
        # Replacing an earlier export: carry its SEQUENCE and DTSTAMP over (docs/export.md).
        previous = output.read_bytes()
        if force and not _is_launchkit_calendar(previous):
            previous = None  # --force: replace someone else's file as if it were not there
    return ExportOptions(
        owner=owner,
        site=site,
        alarm=before,
        now=now_utc(),
        previous=previous,
        markdown=markdown,
        force=force,
    )


def _is_launchkit_calendar(data: bytes) -> bool:
    from launchkit.outputs.export.ics import PreviousCalendarError, read_calendar

    try:
        read_calendar(data)
    except PreviousCalendarError:
        return False
    return True


def _not_an_export(output: Path | None, e: Exception) -> LaunchkitError:
    """The file `-o` names is not a calendar launchkit exported: refused, with the way past."""
    from launchkit.diagnostics import LaunchkitError, error

    message = f"{e}; refusing to overwrite it (--force replaces it)"
    return LaunchkitError([error(str(output), 1, 1, "not-an-export", message)])
