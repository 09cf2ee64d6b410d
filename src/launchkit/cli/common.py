"""Options and helpers shared by the commands."""

from __future__ import annotations

import enum
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from launchkit.load import LoadedPlaybook


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
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path()
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
        Path(tmp).chmod(mode)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
