"""Options and helpers shared by the commands."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    import datetime as dt_

    from launchkit.diagnostics import Diagnostic
    from launchkit.load import LoadedPlaybook
    from launchkit.schedule import Plan

__all__ = [
    "PLAYBOOK_HELP",
    "OutputOption",
    "TextOrJson",
    "check_as_of",
    "emit",
    "load",
    "planned",
    "warn",
    "write_atomic",
]


class TextOrJson(enum.StrEnum):
    text = "text"
    json = "json"


PLAYBOOK_HELP = "Playbook file, or the name of a built-in playbook (see `launchkit playbooks`)."


def parse_day(text: str) -> dt.date:
    """A day given on the command line, as YYYY-MM-DD; anything else is a usage error (exit 2)."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise typer.BadParameter(f"'{text}' is not a date such as 2027-01-10") from None


def day_option(flag: str, help: str) -> Any:
    """An option that takes one day, written YYYY-MM-DD (typed Any, as `typer.Option` is)."""
    return typer.Option(None, flag, parser=parse_day, metavar="YYYY-MM-DD", help=help)


LaunchOption = day_option("--launch", "Launch day L, overriding the playbook's `launch:`.")
AsOfOption = day_option(
    "--as-of", "The day to judge as of (default: today in the playbook's time zone)."
)

OutputOption = typer.Option(
    None, "--output", "-o", help="Write to this file instead of standard output.", dir_okay=False
)


def load(name: str) -> LoadedPlaybook:
    """Load a playbook given as a path or a built-in name; bad input raises LaunchkitError."""
    from launchkit.load import load_playbook, resolve_playbook

    path, shown = resolve_playbook(name)
    loaded = load_playbook(path, shown)
    warn(loaded.warnings)
    return loaded


def planned(loaded: LoadedPlaybook, launch: dt_.date | None) -> Plan:
    """The dated plan; its warnings (a plan spanning years) go to standard error."""
    from launchkit.schedule import schedule

    plan = schedule(loaded, launch)
    warn(plan.warnings)
    return plan


def check_as_of(day: dt_.date, plan: Plan) -> dt_.date:
    """The as-of day, refused (exit 2) when it lies further from launch day than a calendar reaches.

    `status --as-of 9999-12-31` once crashed counting the days to the end of its week (issue 15).
    """
    from launchkit.schedule.workdays import MAX_REACH_YEARS

    if abs(day.year - plan.launch.year) < MAX_REACH_YEARS:
        return day
    raise typer.BadParameter(
        f"{day.isoformat()} is over {MAX_REACH_YEARS} years from launch day "
        f"{plan.launch.isoformat()}; give a day within {MAX_REACH_YEARS} years of it",
        param_hint="--as-of",
    )


def warn(diagnostics: list[Diagnostic]) -> None:
    """Print warnings that do not stop the command, one `file:line:col` line each."""
    for d in diagnostics:
        typer.echo(d.format(), err=True)


def emit(text: str, output: Path | None) -> None:
    """Print `text`, or write it to `output` atomically once it is complete."""
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    write_atomic(output, text.encode("utf-8"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (see `launchkit.load.atomic`); imported late for speed."""
    from launchkit.load.atomic import write_atomic as write

    write(path, data)
