"""Options and helpers shared by the commands."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from launchkit.load import LoadedPlaybook

__all__ = [
    "PLAYBOOK_HELP",
    "OutputOption",
    "TextOrJson",
    "emit",
    "load",
    "write_atomic",
]


class TextOrJson(enum.StrEnum):
    text = "text"
    json = "json"


PLAYBOOK_HELP = "Playbook file, or the name of a built-in playbook (see `launchkit playbooks`)."

OutputOption = typer.Option(
    None, "--output", "-o", help="Write to this file instead of standard output.", dir_okay=False
)


def load(name: str) -> LoadedPlaybook:
    """Load a playbook given as a path or a built-in name; bad input raises LaunchkitError."""
    from launchkit.load import load_playbook, resolve_playbook

    path, shown = resolve_playbook(name)
    return load_playbook(path, shown)


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
