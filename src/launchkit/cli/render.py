"""`launchkit render`: the documents a launch team hands out, in the playbook's language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from launchkit.cli.app import app
from launchkit.cli.common import PLAYBOOK_HELP, LaunchOption, load, planned

ARTEFACTS = ("checklist", "deck", "teasers", "invitations", "timeline")


def _check_only(value: str | None) -> str | None:
    from launchkit.diagnostics import did_you_mean

    if value is None:
        return None

    names = [v.strip() for v in value.split(",") if v.strip()]
    for name in names:
        if name not in ARTEFACTS:
            hint = did_you_mean(name, ARTEFACTS) or f" (choose from {', '.join(ARTEFACTS)})"
            raise typer.BadParameter(f"'{name}' is not a document{hint}")
    return value


@app.command()
def render(
    file: str = typer.Argument(..., help=PLAYBOOK_HELP, show_default=False),
    only: str | None = typer.Option(
        None,
        "--only",
        help="Comma-separated documents to write: checklist, deck, teasers, invitations, timeline.",
        callback=_check_only,
        show_default="all",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Folder to write into (created if needed).",
        file_okay=False,
        show_default="<playbook id>-documents",
    ),
    templates: Path | None = typer.Option(
        None,
        "--templates",
        help="Folder of your own templates; they replace built-in ones of the same name.",
        exists=True,
        file_okay=False,
    ),
    launch: dt.date | None = LaunchOption,
) -> None:
    """Write checklists, the manager deck, teasers, invitations and the timeline into a folder."""
    from launchkit.outputs.render import Artefact, render, write_rendering

    loaded = load(file)
    plan = planned(loaded, launch)
    chosen = [Artefact(a.strip()) for a in only.split(",") if a.strip()] if only else None
    rendering = render(plan, chosen, templates)
    folder = output if output is not None else Path(f"{loaded.playbook.id}-documents")
    for path in write_rendering(rendering, folder):
        typer.echo(str(folder / path.relative_to(folder.resolve())))
    for warning in rendering.warnings:
        typer.echo(warning.format(), err=True)
