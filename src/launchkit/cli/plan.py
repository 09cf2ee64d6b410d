"""`launchkit plan`: the dated plan as a table, JSON or CSV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from launchkit.cli.app import app
from launchkit.cli.common import PLAYBOOK_HELP, LaunchOption, OutputOption, emit, load, planned
from launchkit.outputs.formats import PlanFormat


@app.command()
def plan(
    file: str = typer.Argument(..., help=PLAYBOOK_HELP, show_default=False),
    launch: dt.date | None = LaunchOption,
    format: PlanFormat = typer.Option(PlanFormat.text, "--format", "-f", help="Output format."),
    site: str | None = typer.Option(None, "--site", help="Only this site's tasks and shared ones."),
    owner: str | None = typer.Option(None, "--owner", help="Only tasks this role owns."),
    output: Path | None = OutputOption,
) -> None:
    """Date every task: working days, holidays, dependencies, slack and the critical path."""
    import shutil
    import sys

    from launchkit.outputs.plan import FORMATTERS, format_text

    loaded = load(file)
    _check_choice("--site", site, [s.id for s in loaded.playbook.sites], "site")
    _check_choice("--owner", owner, list(loaded.playbook.people), "role in people")
    dated = planned(loaded, launch).only(site, owner)
    if format is PlanFormat.text and output is None and sys.stdout.isatty():
        width = shutil.get_terminal_size((110, 24)).columns
        text = format_text(dated, width=width, color=True)
    else:
        text = FORMATTERS[format](dated)
    emit(text, output)


def _check_choice(option: str, value: str | None, choices: list[str], what: str) -> None:
    if value is None or value in choices:
        return
    from launchkit.diagnostics import did_you_mean

    known = ", ".join(choices) if choices else "none"
    raise typer.BadParameter(
        f"'{value}' is not a {what} of this playbook{did_you_mean(value, choices)} (known: {known})",
        param_hint=option,
    )
