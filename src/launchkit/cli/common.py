"""Options and helpers shared by the commands."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from launchkit.load import LoadedPlaybook
    from launchkit.load.repository import LoadedRepository
    from launchkit.schedule import Plan

__all__ = [
    "PLAYBOOK_HELP",
    "OutputOption",
    "TextOrJson",
    "check_filters",
    "emit",
    "is_repository",
    "load",
    "load_repository",
    "narrow",
    "schedule_all",
    "write_atomic",
]


class TextOrJson(enum.StrEnum):
    text = "text"
    json = "json"


PLAYBOOK_HELP = (
    "Playbook file, the name of a built-in playbook (see `launchkit playbooks`), "
    "or a launch repository: a folder with a launchkit.yaml."
)


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
    return load_playbook(path, shown)


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
