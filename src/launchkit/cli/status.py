"""`launchkit status`: progress at a glance."""

from __future__ import annotations

import datetime as dt

import typer

from launchkit.cli.app import app
from launchkit.cli.common import (
    PLAYBOOK_HELP,
    AsOfOption,
    LaunchOption,
    bidi_order,
    load,
    use_color,
)
from launchkit.cli.plan import Bidi


@app.command()
def status(
    file: str = typer.Argument(..., help=PLAYBOOK_HELP, show_default=False),
    as_of: dt.date | None = AsOfOption,
    launch: dt.date | None = LaunchOption,
    bidi: Bidi = typer.Option(
        Bidi.auto,
        "--bidi",
        help="Hebrew in the text: logical (terminals with bidi, files), visual (terminals "
        "without bidi), or auto (visual on a terminal not known to do bidi).",
    ),
) -> None:
    """Progress per phase and site, what is due this week, what is overdue, the next gate."""
    import shutil
    import sys

    from launchkit.clock import today_in
    from launchkit.outputs.status import format_status, summarize
    from launchkit.schedule import schedule

    loaded = load(file)
    plan = schedule(loaded, launch)
    as_of_day = as_of or today_in(loaded.playbook.timezone)
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((80, 24)).columns if tty else 80
    order = bidi_order(bidi.value)
    color = tty and use_color()
    typer.echo(
        format_status(summarize(plan, as_of_day), width=width, color=color, order=order),
        nl=False,
    )
