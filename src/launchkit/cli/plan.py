"""`launchkit plan`: the dated plan as a table, JSON or CSV."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path

import typer

from launchkit.cli.app import app
from launchkit.cli.common import (
    ForceOption,
    LaunchOption,
    OutputOption,
    bidi_order,
    emit,
    format_help,
    load,
    planned,
    playbook_argument,
    playbook_inputs,
    use_color,
)
from launchkit.outputs.formats import PlanFormat


class Bidi(enum.StrEnum):
    """How `plan` writes right-to-left text for a terminal (see docs/scheduling.md)."""

    auto = "auto"
    logical = "logical"
    visual = "visual"


class By(enum.StrEnum):
    owner = "owner"


@app.command()
def plan(
    file: str = playbook_argument(),
    launch: dt.date | None = LaunchOption,
    format: PlanFormat = typer.Option(
        PlanFormat.text, "--format", "-f", metavar="FORMAT", help=format_help(PlanFormat)
    ),
    site: str | None = typer.Option(
        None, "--site", metavar="ID", help="Only this site's tasks and shared ones."
    ),
    owner: str | None = typer.Option(
        None, "--owner", metavar="ROLE", help="Only tasks this role owns."
    ),
    audience: str | None = typer.Option(
        None, "--audience", metavar="ID", help="Only tasks that reach this audience."
    ),
    by: By | None = typer.Option(
        None,
        "--by",
        metavar="GROUP",
        help="Group by person: each owner's tasks across launches (owner).",
    ),
    output: Path | None = OutputOption,
    bidi: Bidi = typer.Option(
        Bidi.auto,
        "--bidi",
        metavar="MODE",
        help="Hebrew in the text table: logical (terminals with bidi, files), visual (terminals "
        "without bidi), or auto (visual on a terminal not known to do bidi).",
    ),
    force: bool = ForceOption,
) -> None:
    """Date every task: working days, holidays, dependencies, slack and the critical path.

    L is launch day; slack is how many working days a task can slip before it misses a deadline, \
and the critical path is the tasks with none left.

    Example: launchkit plan app-launch --owner comms
    """
    import shutil
    import sys

    from launchkit.cli.common import check_filters, is_repository, narrow, schedule_all

    tty = format is PlanFormat.text and output is None and sys.stdout.isatty()
    width = shutil.get_terminal_size((110, 24)).columns if tty else 110
    if is_repository(file) or by is not None or audience is not None:
        from launchkit.outputs.plan.repository import (
            BY_OWNER_FORMATTERS,
            LAUNCH_FORMATTERS,
            format_launches_text,
        )

        if is_repository(file):
            repo, plans = schedule_all(file, launch)
            audiences: list[str] | None = [a.id for a in repo.repository.audiences]
        else:
            from launchkit.schedule import schedule

            plans, audiences = [schedule(load(file), launch)], None
        check_filters(plans, site, owner, audience, audiences)
        plans = narrow(plans, site, owner, audience)
        if by is By.owner:
            text = BY_OWNER_FORMATTERS[format](plans)
        elif format is PlanFormat.text:
            text = format_launches_text(plans, width=width, color=tty)
        else:
            text = LAUNCH_FORMATTERS[format](plans)
        emit(text, output, kind=f"plan.{format.value}", force=force)
        return

    from launchkit.outputs.plan import FORMATTERS, format_text

    loaded = load(file)
    _check_choice("--site", site, [s.id for s in loaded.playbook.sites], "site")
    _check_choice("--owner", owner, list(loaded.playbook.people), "role in people")
    dated = planned(loaded, launch).only(site, owner)
    if format is PlanFormat.text and output is None and sys.stdout.isatty():
        width = shutil.get_terminal_size((110, 24)).columns
        order = bidi_order(bidi.value)
        text = format_text(dated, width=width, color=use_color(), order=order)
    elif format is PlanFormat.text and bidi is Bidi.visual:
        text = format_text(dated, order="visual")
    else:
        text = FORMATTERS[format](dated)
    emit(text, output, kind=f"plan.{format.value}", inputs=playbook_inputs(file), force=force)


def _check_choice(option: str, value: str | None, choices: list[str], what: str) -> None:
    if value is None or value in choices:
        return
    from launchkit.diagnostics import did_you_mean

    known = ", ".join(choices) if choices else "none"
    raise typer.BadParameter(
        f"'{value}' is not a {what} of this playbook{did_you_mean(value, choices)} (known: {known})",
        param_hint=option,
    )
