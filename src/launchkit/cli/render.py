"""`launchkit render`: the documents a launch team hands out, in the playbook's language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from launchkit.cli.app import app
from launchkit.cli.common import (
    ForceOption,
    LaunchOption,
    day_option,
    load,
    planned,
    playbook_argument,
    playbook_inputs,
)

ARTEFACTS = ("checklist", "deck", "teasers", "invitations", "timeline", "calendar")


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
    file: str = playbook_argument(),
    only: str | None = typer.Option(
        None,
        "--only",
        metavar="DOCUMENTS",
        help="Comma-separated documents to write: checklist, deck, teasers, invitations, "
        "timeline, calendar.",
        callback=_check_only,
        show_default="all",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="DIR",
        help="Folder to write into (created if needed).",
        file_okay=False,
        show_default="<playbook id>-documents",
    ),
    templates: Path | None = typer.Option(
        None,
        "--templates",
        metavar="DIR",
        help="Folder of your own templates; they replace built-in ones of the same name.",
        exists=True,
        file_okay=False,
    ),
    launch: dt.date | None = LaunchOption,
    site: str | None = typer.Option(
        None,
        "--site",
        metavar="ID",
        help="Documents for one site: its tasks, its calendar and its wave day.",
    ),
    first: dt.date | None = day_option(
        "--from", "First day the wall calendar shows (its month is the first page)."
    ),
    last: dt.date | None = day_option(
        "--to", "Last day the wall calendar shows (its month is the last page)."
    ),
    force: bool = ForceOption,
) -> None:
    """Write checklists, the manager deck, teasers, invitations, the timeline and a wall
    calendar into a folder.

    Example: launchkit render app-launch.he -o handouts
    """
    from launchkit.cli.plan import _check_choice
    from launchkit.outputs.render import Artefact, render, write_rendering

    loaded = load(file)
    _check_choice("--site", site, [s.id for s in loaded.playbook.sites], "site")
    if first is not None and last is not None and last < first:
        raise typer.BadParameter("comes before --from", param_hint="--to")
    plan = planned(loaded, launch)
    chosen = [Artefact(a.strip()) for a in only.split(",") if a.strip()] if only else None
    rendering = render(plan, chosen, templates, site=site, first_day=first, last_day=last)
    folder = output if output is not None else Path(f"{loaded.playbook.id}-documents")
    written = write_rendering(rendering, folder, force=force, inputs=playbook_inputs(file))
    for path in written:
        typer.echo(str(folder / path.relative_to(folder.resolve())))
    for warning in rendering.warnings:
        typer.echo(warning.format(), err=True)
