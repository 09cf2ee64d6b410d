"""`launchkit status`: progress at a glance."""

from __future__ import annotations

import datetime as dt

import typer

from launchkit.cli.app import app
from launchkit.cli.common import PLAYBOOK_HELP, AsOfOption, LaunchOption, load


@app.command()
def status(
    file: str = typer.Argument(..., help=PLAYBOOK_HELP, show_default=False),
    as_of: dt.date | None = AsOfOption,
    launch: dt.date | None = LaunchOption,
) -> None:
    """Progress per phase and site, what is due this week, what is overdue, the next gate."""
    import shutil
    import sys

    from launchkit.cli.common import is_repository
    from launchkit.clock import today_in
    from launchkit.outputs.status import format_status, summarize
    from launchkit.schedule import schedule

    if is_repository(file):
        _status_launches(file, as_of, launch)
        return
    loaded = load(file)
    plan = schedule(loaded, launch)
    as_of_day = as_of or today_in(loaded.playbook.timezone)
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((80, 24)).columns if tty else 80
    typer.echo(format_status(summarize(plan, as_of_day), width=width, color=tty), nl=False)


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
