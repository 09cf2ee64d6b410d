"""`launchkit status`: progress at a glance."""

from __future__ import annotations

import datetime as dt

import typer

from launchkit.cli.app import app
from launchkit.cli.common import PLAYBOOK_HELP, AsOfOption, LaunchOption, check_as_of, load, planned


@app.command()
def status(
    file: str = typer.Argument(..., help=PLAYBOOK_HELP, show_default=False),
    as_of: dt.date | None = AsOfOption,
    launch: dt.date | None = LaunchOption,
) -> None:
    """Progress per phase and site, what is due this week, what is overdue, the next gate."""
    import shutil
    import sys

    from launchkit.clock import today_in
    from launchkit.outputs.status import format_status, summarize

    loaded = load(file)
    plan = planned(loaded, launch)
    as_of_day = check_as_of(as_of or today_in(loaded.playbook.timezone), plan)
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((80, 24)).columns if tty else 80
    typer.echo(format_status(summarize(plan, as_of_day), width=width, color=tty), nl=False)
