"""`launchkit init`: start a launch repository from a built-in playbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from launchkit.cli.app import app
from launchkit.cli.common import day_option


@app.command()
def init(
    name: str = typer.Argument(
        ..., metavar="NAME", help="Built-in playbook to start from (see `launchkit playbooks`)."
    ),
    locale: str | None = typer.Option(
        None, "--locale", "-l", metavar="LANG", help="Language version: en, he, tr, it."
    ),
    dir: Path = typer.Option(
        Path(), "--dir", "-d", metavar="DIR", help="Folder to write into.", file_okay=False
    ),
    launch: dt.date | None = day_option("--launch", "Launch day to set in launch.yaml."),
    force: bool = typer.Option(False, "--force", help="Overwrite files that already exist."),
) -> None:
    """Write launch.yaml, its JSON Schema, a GitHub Actions workflow and a pre-commit config.

    Example: launchkit init app-launch --locale he --dir our-launch --launch 2027-01-10
    """
    from launchkit.diagnostics import LaunchkitError, error
    from launchkit.load.atomic import Output, write_files
    from launchkit.outputs.scaffold import scaffold
    from launchkit.resources import data_dir

    source = _builtin(name, locale)
    files = scaffold(source, data_dir("templates") / "init", launch)
    existing = [dir / f.path for f in files if (dir / f.path).exists()]
    if existing and not force:
        raise LaunchkitError(
            [
                error(str(path), 1, 1, "file-exists", "exists; use --force to overwrite it")
                for path in existing
            ]
        )
    # Every target is checked and staged before the first is replaced, all inside --dir.
    outputs = [Output(dir / f.path, f.text.encode("utf-8")) for f in files]
    write_files(outputs, force=force, inside=dir)
    for f in files:
        typer.echo(f"wrote {dir / f.path}")
    typer.echo(f"next: launchkit plan {dir / 'launch.yaml'}")


def _builtin(name: str, locale: str | None) -> Path:
    from launchkit.diagnostics import did_you_mean
    from launchkit.resources import builtin_playbooks

    known = builtin_playbooks()
    base, _, suffix = name.partition(".")
    if base not in known:
        hint = did_you_mean(base, [n for n in known if "." not in n])
        raise typer.BadParameter(
            f"no built-in playbook '{base}'{hint}; `launchkit playbooks` lists them",
            param_hint="NAME",
        )
    wanted = locale or suffix or None
    key = f"{base}.{wanted}" if wanted else base
    if key not in known:
        have = ", ".join(sorted(n.partition(".")[2] for n in known if n.startswith(base + ".")))
        raise typer.BadParameter(
            f"'{base}' comes in {have}, not '{wanted}'",
            param_hint="--locale" if locale else "NAME",
        )
    return known[key]
