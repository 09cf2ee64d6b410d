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

    from launchkit.cli.common import is_repository
    from launchkit.clock import today_in
    from launchkit.outputs.status import format_status, summarize

    if is_repository(file):
        _status_launches(file, as_of, launch)
        return
    loaded = load(file)
    plan = planned(loaded, launch)
    as_of_day = check_as_of(as_of or today_in(loaded.playbook.timezone), plan)
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((80, 24)).columns if tty else 80
    history = None
    if metrics is not None:
        from launchkit.readiness.forecast import load_with_history

        # Any metrics file shows the gates' forecasts; one without dates has no history for them.
        history = load_with_history(metrics, as_of_day)[1] or {}
    order = bidi_order(bidi.value)
    color = tty and use_color()
    typer.echo(
        format_status(summarize(plan, as_of_day, history), width=width, color=color, order=order),
        nl=False,
    )


def _status_launches(file: str, as_of: dt.date | None, launch: dt.date | None) -> None:
    """`status .`: each launch's status, then every person's load this week across launches."""
    import sys

    from launchkit.cli.common import schedule_all
    from launchkit.clock import today_in
    from launchkit.outputs.load import format_week_load
    from launchkit.outputs.status import format_status, summarize
    from launchkit.readiness.repository import capacity_of, person_load

    repo, plans = schedule_all(file, launch)
    day = as_of or today_in(plans[0].timezone if plans else "UTC")
    tty = sys.stdout.isatty()
    parts = []
    for plan in plans:
        head = f"== {plan.playbook.id} ({plan.loaded.path}) ==\n"
        parts.append(head + format_status(summarize(plan, day), width=80, color=tty))
    # The week starts on the first working weekday of the repository's calendar, else of the
    # launch whose launch day is nearest: Sunday in Israel.
    from launchkit.model import WEEKDAYS

    spec = repo.repository.calendar
    if spec is None and plans:
        spec = min(plans, key=lambda p: abs((p.launch - day).days)).playbook.calendar
    first = WEEKDAYS.index(spec.workweek[0]) if spec is not None and spec.workweek else 0
    start = day - dt.timedelta(days=(day.weekday() - first) % 7)
    parts.append(format_week_load(person_load(plans), lambda r: capacity_of(repo, r), start))
    typer.echo("\n".join(parts), nl=False)
