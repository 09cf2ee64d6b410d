"""`launchkit status`: progress at a glance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from launchkit.cli.app import app
from launchkit.cli.common import AsOfOption, LaunchOption, load, playbook_argument


@app.command()
def status(
    file: str = playbook_argument(),
    as_of: dt.date | None = AsOfOption,
    launch: dt.date | None = LaunchOption,
    metrics: Path | None = typer.Option(
        None,
        "--metrics",
        metavar="FILE",
        help="A CSV date,metric,value history: adds where each metric gate is heading.",
        dir_okay=False,
    ),
) -> None:
    """Progress per phase and site, what is due this week, what is overdue, the next gate.

    Example: launchkit status app-launch --as-of 2027-01-04
    """
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
    history = None
    if metrics is not None:
        from launchkit.readiness import load_metrics
        from launchkit.readiness.forecast import read_history

        load_metrics(metrics, as_of_day)  # reports a bad file with its places
        history = read_history(metrics, as_of_day)
    summary = summarize(plan, as_of_day, history)
    typer.echo(format_status(summary, width=width, color=tty), nl=False)
