"""`launchkit done` and `launchkit set`: record progress in the playbook file, keeping its layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from launchkit.cli.app import app
from launchkit.cli.common import day_option

_FILE_HELP = "Playbook file to edit (a built-in playbook cannot be edited: copy it first)."
_FORCE = typer.Option(
    False, "--force", help="Edit a read-only file, or one with several hard links (splitting them)."
)


@app.command()
def done(
    file: Path = typer.Argument(
        ..., metavar="PLAYBOOK", help=_FILE_HELP, show_default=False, dir_okay=False
    ),
    task: str = typer.Argument(
        ...,
        metavar="TASK",
        help="Task id; `id@site` marks one site of a per-site task.",
        show_default=False,
    ),
    on: dt.date | None = day_option(
        "--on", "Day it was done (default: today in the playbook's time zone)."
    ),
    evidence: str | None = typer.Option(
        None, "--evidence", metavar="TEXT", help="Link or note that shows it was done."
    ),
    force: bool = _FORCE,
) -> None:
    """Mark a task done (status, done_on, evidence), changing only those lines of the file.

    Example: launchkit done launch.yaml manager-launch --evidence https://intranet/briefing
    """
    from launchkit.load.edit import edit_file, mark_done

    _not_builtin(file)
    _report(edit_file(file, mark_done(task, on, evidence), force=force))


@app.command(name="set")
def set_(
    file: Path = typer.Argument(
        ..., metavar="PLAYBOOK", help=_FILE_HELP, show_default=False, dir_okay=False
    ),
    key: str = typer.Argument(
        ...,
        metavar="KEY",
        help="What to set: tasks.<id>.<key>, tasks.<id>@<site>.status, gates.<id>.<key>, "
        "metrics.<name>, vars.<name>, or a top-level key such as launch.",
        show_default=False,
    ),
    value: str = typer.Argument(
        ...,
        metavar="VALUE",
        # `\\[` keeps Rich's help renderer from taking `[a, b]` for markup and dropping it.
        help="New value, read as YAML (4bd, 97, 2027-03-20, \\[a, b]); null removes the key.",
        show_default=False,
    ),
    force: bool = _FORCE,
) -> None:
    """Set one value in a playbook; it is validated before the file is written.

    Example: launchkit set launch.yaml metrics.managers_active_pct 97
    """
    from launchkit.load.edit import edit_file, set_value

    _not_builtin(file)
    _report(edit_file(file, set_value(key, value), force=force))


def _report(result: object) -> None:
    from launchkit.load.edit import EditResult

    assert isinstance(result, EditResult)
    if not result.written:
        typer.echo(f"{result.path}: nothing to change, it is already so")
        return
    for change in result.changes:
        typer.echo(f"{result.path}: {change.describe()}")


def _not_builtin(file: Path) -> None:
    """A built-in playbook's name (no such file here) is refused with how to get a copy."""
    from launchkit.diagnostics import LaunchkitError, error
    from launchkit.resources import builtin_playbooks

    if str(file) in builtin_playbooks() and not file.exists():
        message = (
            f"no such file: '{file}' is a built-in playbook, which launchkit does not change; "
            "`launchkit init` writes a copy to edit"
        )
        raise LaunchkitError([error(str(file), 1, 1, "no-such-file", message)])
