"""`launchkit status`: progress at a glance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from launchkit.cli.app import app
from launchkit.cli.common import (
    AsOfOption,
    LaunchOption,
    bidi_order,
    check_as_of,
    load,
    planned,
    playbook_argument,
    use_color,
)
from launchkit.cli.plan import Bidi


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
    bidi: Bidi = typer.Option(
        Bidi.auto,
        "--bidi",
        metavar="MODE",
        help="Hebrew in the text: logical (terminals with bidi, files), visual (terminals "
        "without bidi), or auto (visual on a terminal not known to do bidi).",
    ),
) -> None:
    """Progress per phase and site, what is due this week, what is overdue, the next gate.

    Example: launchkit status app-launch --as-of 2027-01-04
    """
    import shutil
    import sys

    from launchkit.clock import today_in
    from launchkit.outputs.status import format_status, summarize

    loaded = load(file)
    plan = planned(loaded, launch)
    as_of_day = check_as_of(as_of or today_in(loaded.playbook.timezone), plan)
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((80, 24)).columns if tty else 80
    history = None
    if metrics is not None:
        from launchkit.readiness import load_metrics
        from launchkit.readiness.forecast import read_history

        load_metrics(metrics, as_of_day)  # reports a bad file with its places
        history = read_history(metrics, as_of_day)
    order = bidi_order(bidi.value)
    color = tty and use_color()
    typer.echo(
        format_status(summarize(plan, as_of_day, history), width=width, color=color, order=order),
        nl=False,
    )
