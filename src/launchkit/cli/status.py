"""`launchkit status`: progress at a glance."""

from __future__ import annotations

import datetime as dt

import typer

from launchkit.cli.app import app
from launchkit.cli.common import PLAYBOOK_HELP, load


@app.command()
def status(
    file: str = typer.Argument(..., help=PLAYBOOK_HELP, show_default=False),
    as_of: dt.datetime | None = typer.Option(
        None,
        "--as-of",
        formats=["%Y-%m-%d"],
        help="Day to report on (default: today in the playbook's time zone).",
    ),
    launch: dt.datetime | None = typer.Option(
        None, "--launch", formats=["%Y-%m-%d"], help="Launch day L (overrides the playbook's)."
    ),
) -> None:
    """Progress per phase and site, what is due this week, what is overdue, the next gate."""
    import shutil
    import sys

    from launchkit.load.edit import today_in
    from launchkit.outputs.status import format_status, summarize
    from launchkit.schedule import schedule

    loaded = load(file)
    plan = schedule(loaded, launch.date() if launch else None)
    day = as_of.date() if as_of else today_in(loaded.playbook.timezone)
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((80, 24)).columns if tty else 80
    typer.echo(format_status(summarize(plan, day), width=width, color=tty), nl=False)
