"""Options and helpers shared by the commands."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import typer

if TYPE_CHECKING:
    import datetime as dt_

    from launchkit.diagnostics import Diagnostic
    from launchkit.load import LoadedPlaybook
    from launchkit.load.repository import LoadedRepository
    from launchkit.schedule import Plan

__all__ = [
    "PLAYBOOK_HELP",
    "ForceOption",
    "OutputOption",
    "TextOrJson",
    "check_as_of",
    "check_filters",
    "emit",
    "is_repository",
    "load",
    "load_repository",
    "narrow",
    "planned",
    "playbook_inputs",
    "schedule_all",
    "warn",
]


class TextOrJson(enum.StrEnum):
    text = "text"
    json = "json"


PLAYBOOK_HELP = (
    "Playbook file, the name of a built-in playbook (see `launchkit playbooks`), "
    "or a launch repository: a folder with a launchkit.yaml."
)
FORMAT_HELP = "Output format: {}."


def format_help(choices: type[enum.Enum]) -> str:
    """`Output format: text, json or csv.`, listing an Enum's values for the option's help."""
    names = [str(c.value) for c in choices]
    listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    return FORMAT_HELP.format(listed)


def playbook_argument() -> Any:
    """The PLAYBOOK argument of the commands that read a playbook (typed Any, as Typer's are)."""
    return typer.Argument(..., metavar="PLAYBOOK", help=PLAYBOOK_HELP, show_default=False)


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
    None,
    "--output",
    "-o",
    metavar="FILE",
    help="Write to this file instead of standard output.",
    dir_okay=False,
)
ForceOption = typer.Option(
    False,
    "--force",
    help="Replace an existing output file launchkit did not write, a read-only one, or one "
    "with several hard links (never an input of the command).",
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


def playbook_inputs(name: str) -> list[Path]:
    """The file a playbook argument names, as an input that `-o` must never overwrite."""
    path = Path(name)
    return [path] if path.exists() else []


def is_repository(name: str) -> bool:
    """Whether the argument names a launch repository: a folder, or its launchkit.yaml."""
    path = Path(name)
    return path.is_dir() or (path.name == "launchkit.yaml" and path.is_file())


def load_repository(name: str) -> LoadedRepository:
    """Load a launch repository given as its folder or its launchkit.yaml."""
    from launchkit.diagnostics import LaunchkitError, error
    from launchkit.load.repository import load_repository as load_repo

    path = Path(name)
    if path.is_dir():
        file = path / "launchkit.yaml"
        if not file.is_file():
            raise LaunchkitError(
                [
                    error(
                        name,
                        1,
                        1,
                        "no-repository",
                        "this folder has no launchkit.yaml: give a playbook file, or add a "
                        "launchkit.yaml naming the playbooks (docs/repository.md)",
                    )
                ]
            )
        shown = str(file) if name not in (".", "./") else "launchkit.yaml"
        return load_repo(file, shown)
    return load_repo(path, name)


def schedule_all(name: str, launch: dt.date | None) -> tuple[LoadedRepository, list[Plan]]:
    """A repository and the plan of each of its launches."""
    from launchkit.schedule import schedule

    repo = load_repository(name)
    return repo, [schedule(loaded, launch) for loaded in repo.launches]


def narrow(
    plans: list[Plan],
    site: str | None = None,
    owner: str | None = None,
    audience: str | None = None,
) -> list[Plan]:
    """Each plan narrowed to a site, an owner and an audience (see `Plan.only`)."""
    out = []
    for plan in plans:
        kept = plan.only(site, owner)
        if audience is not None:
            kept.tasks = [t for t in kept.tasks if t.task.audience == audience]
        out.append(kept)
    return out


def check_choice(option: str, value: str | None, choices: list[str], what: str) -> None:
    """A usage error (exit 2) when `value` is not one of `choices`."""
    if value is None or value in choices:
        return
    from launchkit.diagnostics import did_you_mean

    known = ", ".join(sorted(set(choices))) if choices else "none"
    raise typer.BadParameter(
        f"'{value}' is not a {what}{did_you_mean(value, choices)} (known: {known})",
        param_hint=option,
    )


def check_filters(
    plans: list[Plan],
    site: str | None,
    owner: str | None,
    audience: str | None = None,
    audiences: list[str] | None = None,
) -> None:
    """Usage errors for a --site, --owner or --audience that no launch knows."""
    check_choice(
        "--site", site, [s.id for p in plans for s in p.playbook.sites], "site of these launches"
    )
    roles = [r for p in plans for r in p.playbook.people]
    roles += [t.owner for p in plans for t in p.playbook.tasks if t.owner]
    check_choice("--owner", owner, roles, "role in people")
    if audiences is None:
        audiences = [t.audience for p in plans for t in p.playbook.tasks if t.audience]
    check_choice("--audience", audience, audiences, "audience")


def emit(
    text: str,
    output: Path | None,
    *,
    kind: str = "",
    inputs: list[Path] | tuple[Path, ...] = (),
    force: bool = False,
) -> None:
    """Print `text`, or write it to `output` once it is complete (see `launchkit.load.atomic`).

    `kind` (`plan.json`, `export.ics` ...) says how an existing file launchkit wrote is recognised
    (`launchkit.outputs.ownership`); any other existing file needs `force`. `-o -` is standard
    output, as in most command-line tools.
    """
    if output is None or str(output) == "-":
        typer.echo(text, nl=not text.endswith("\n"))
        return
    from launchkit.load.atomic import write_output
    from launchkit.outputs.ownership import recogniser

    data = text.encode("utf-8")
    write_output(output, data, inputs=inputs, force=force, ours=recogniser(kind, data))


def use_color() -> bool:
    """Styles (colour and bold) only on a terminal, and never with `NO_COLOR` set (no-color.org):
    NO_COLOR promises plain text, so bold and underline go too, not only the colours."""
    import os
    import sys

    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def terminal_width(default: int | None) -> int | None:
    """The terminal's columns when printing to one (or `COLUMNS` when set), else `default`."""
    import os
    import shutil
    import sys

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size((default or 80, 24)).columns
    return default


def bidi_order(choice: str) -> Literal["logical", "visual"]:
    """`logical` or `visual` for right-to-left text in a terminal table.

    `auto` picks logical order off a terminal (a file, a pipe) and in terminals known to lay
    out bidi text themselves (GNOME's VTE 0.58 and later, Konsole, mlterm, outside tmux), and
    visual order in any other terminal, which would show Hebrew letters reversed.
    """
    import os
    import sys

    if choice == "logical":
        return "logical"
    if choice == "visual":
        return "visual"
    if not sys.stdout.isatty():
        return "logical"
    if os.environ.get("TMUX"):
        return "visual"
    vte = os.environ.get("VTE_VERSION", "")
    if (
        (vte.isdigit() and int(vte) >= 5800)
        or os.environ.get("KONSOLE_VERSION")
        or os.environ.get("MLTERM")
    ):
        return "logical"
    return "visual"
