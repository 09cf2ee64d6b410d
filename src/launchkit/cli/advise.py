"""`launchkit advise`: which day to launch, judged on the playbook's own calendars."""

from __future__ import annotations

import datetime as dt

import typer

from launchkit.cli.app import app
from launchkit.cli.common import (
    AsOfOption,
    TextOrJson,
    format_help,
    load,
    parse_day,
    playbook_argument,
)

RANGE_DAYS = 30
"""Without --between: this many days either side of the playbook's launch day."""


@app.command()
def advise(
    playbook: str = playbook_argument(),
    between: tuple[str, str] | None = typer.Option(
        None,
        "--between",
        metavar="FIRST LAST",
        help="The days to try as launch day, both included (YYYY-MM-DD YYYY-MM-DD).",
        show_default=f"{RANGE_DAYS} days either side of the playbook's launch day",
    ),
    site: str | None = typer.Option(
        None, "--site", metavar="ID", help="Judge one site's part of the plan."
    ),
    as_of: dt.date | None = AsOfOption,
    top: int = typer.Option(5, "--top", min=1, metavar="N", help="How many days to list (text)."),
    format: TextOrJson = typer.Option(
        TextOrJson.text, "--format", "-f", metavar="FORMAT", help=format_help(TextOrJson)
    ),
) -> None:
    """Rank every working day of a range as launch day: holidays, eves and half days in launch
    week, site waves on local holidays, quiet periods, and tasks already late. Exit 0.

    Example: launchkit advise app-launch.he --between 2027-01-03 2027-01-31
    """
    from launchkit.cli.plan import _check_choice
    from launchkit.clock import today_in
    from launchkit.outputs.advice import format_json, format_text
    from launchkit.readiness.advice import MOST_CANDIDATES
    from launchkit.readiness.advice import advise as rank

    loaded = load(playbook)
    pb = loaded.playbook
    _check_choice("--site", site, [s.id for s in pb.sites], "site")
    today = as_of or today_in(pb.timezone)
    if between is not None:
        first, last = (parse_day(d) for d in between)
    else:
        around = pb.launch or today
        first = around - dt.timedelta(days=RANGE_DAYS)
        last = around + dt.timedelta(days=RANGE_DAYS)
        first = max(first, today)
        last = max(last, first)
    if last < first:
        raise typer.BadParameter("the last day comes before the first", param_hint="--between")
    if (last - first).days + 1 > MOST_CANDIDATES:
        raise typer.BadParameter(
            f"at most {MOST_CANDIDATES} days at a time", param_hint="--between"
        )
    advice = rank(loaded, first, last, today, site)
    if format is TextOrJson.json:
        typer.echo(format_json(advice, pb.locale), nl=False)
    else:
        typer.echo(format_text(advice, pb.locale, top), nl=False)
