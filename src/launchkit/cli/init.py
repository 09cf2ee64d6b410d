"""`launchkit init`: start a launch repository from a built-in playbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NoReturn

import typer

from launchkit.cli.app import EXIT_BAD_INPUT, app


@app.command()
def init(
    name: str = typer.Argument(
        ..., metavar="NAME", help="Built-in playbook to start from (see `launchkit playbooks`)."
    ),
    locale: str | None = typer.Option(
        None, "--locale", "-l", help="Language version: en, he, tr, it."
    ),
    dir: Path = typer.Option(Path(), "--dir", "-d", help="Folder to write into.", file_okay=False),
    launch: str | None = typer.Option(None, "--launch", help="Launch day to set, as YYYY-MM-DD."),
    force: bool = typer.Option(False, "--force", help="Overwrite files that already exist."),
) -> None:
    """Write launch.yaml, its JSON Schema, a GitHub Actions workflow and a pre-commit config."""
    from launchkit.load.atomic import Output, write_files
    from launchkit.outputs.scaffold import scaffold
    from launchkit.resources import data_dir

    source = _builtin(name, locale)
    files = scaffold(source, data_dir("templates") / "init", _date(launch))
    existing = [dir / f.path for f in files if (dir / f.path).exists()]
    if existing and not force:
        _fail(*(f"{path} exists; use --force to overwrite it" for path in existing))
    # Every target is checked and staged before the first is replaced, all inside --dir.
    outputs = [Output(dir / f.path, f.text.encode("utf-8")) for f in files]
    write_files(outputs, force=force, inside=dir)
    for f in files:
        typer.echo(f"wrote {dir / f.path}")
    typer.echo(f"next: launchkit plan {dir / 'launch.yaml'}")


def _fail(*messages: str) -> NoReturn:
    """Bad input from the command line: say so on stderr, one line each, and exit 2."""
    for message in messages:
        typer.echo(f"launchkit: {message}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


def _builtin(name: str, locale: str | None) -> Path:
    from launchkit.diagnostics import did_you_mean
    from launchkit.resources import builtin_playbooks

    known = builtin_playbooks()
    base, _, suffix = name.partition(".")
    if base not in known:
        hint = did_you_mean(base, [n for n in known if "." not in n])
        _fail(f"no built-in playbook '{base}'{hint}; `launchkit playbooks` lists them")
    wanted = locale or suffix or None
    key = f"{base}.{wanted}" if wanted else base
    if key not in known:
        have = ", ".join(sorted(n.partition(".")[2] for n in known if n.startswith(base + ".")))
        _fail(f"'{base}' comes in {have}, not '{wanted}'")
    return known[key]


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        _fail(f"--launch: '{text}' is not a date as YYYY-MM-DD")
