"""Rendering documents from templates: checklists, the manager deck, teasers, invitations and
the timeline, in the playbook's language.

`render(plan, only=..., templates=...)` is pure: it returns the files and warnings, and
`write_rendering` puts the files in a folder, refusing any name that would leave it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from launchkit.outputs.render.base import (
    ArtefactRenderer,
    OutputFile,
    RenderContext,
    Rendering,
    output_path,
    rtl_paragraphs,
)

if TYPE_CHECKING:
    from launchkit.diagnostics import Diagnostic
    from launchkit.schedule import Plan

__all__ = [
    "MANIFEST",
    "RENDERERS",
    "Artefact",
    "OutputFile",
    "Rendering",
    "render",
    "write_rendering",
]


class Artefact(enum.StrEnum):
    """The documents `render` can write."""

    checklist = "checklist"
    deck = "deck"
    teasers = "teasers"
    invitations = "invitations"
    timeline = "timeline"
    calendar = "calendar"


def _renderers() -> dict[Artefact, ArtefactRenderer]:
    from launchkit.outputs.render.calendar import render_calendar
    from launchkit.outputs.render.checklist import render_checklist
    from launchkit.outputs.render.deck import render_deck
    from launchkit.outputs.render.invitations import render_invitations
    from launchkit.outputs.render.teasers import render_teasers
    from launchkit.outputs.render.timeline import render_timeline

    return {
        Artefact.checklist: render_checklist,
        Artefact.deck: render_deck,
        Artefact.teasers: render_teasers,
        Artefact.invitations: render_invitations,
        Artefact.timeline: render_timeline,
        Artefact.calendar: render_calendar,
    }


RENDERERS = _renderers()
"""Each artefact's renderer."""


def render(
    plan: Plan,
    only: Iterable[Artefact] | None = None,
    templates: Path | None = None,
    *,
    site: str | None = None,
    first_day: dt.date | None = None,
    last_day: dt.date | None = None,
) -> Rendering:
    """Render the chosen artefacts (all by default), in `Artefact` order.

    `templates` is a folder of the user's templates that take the place of built-in ones of the
    same relative name (`deck/deck.html.j2`); both run in Jinja's sandbox. `site` narrows the
    documents to one site (its tasks, calendar and wave day); `first_day` and `last_day` bound
    the months of the wall calendar.
    """
    wanted = set(only) if only is not None else set(Artefact)
    if site is not None:
        plan = plan.only(site=site)
    ctx = RenderContext(plan, templates, site=site, first_day=first_day, last_day=last_day)
    result = Rendering()
    for artefact in Artefact:
        if artefact in wanted:
            result.extend(RENDERERS[artefact](ctx))
    result.warnings[:0] = text_warnings(plan)
    if ctx.direction == "rtl":
        # Plain-text outputs have no dir="rtl": each of their paragraphs starts with a mark.
        result.files = [
            OutputFile(f.name, rtl_paragraphs(f.text)) if f.name.endswith(".txt") else f
            for f in result.files
        ]
    return result


def text_warnings(plan: Plan) -> list[Diagnostic]:
    """Dates written out, and placeholders naming nothing, in the texts documents show."""
    from launchkit.load.plandates import check_texts

    pb = plan.playbook
    return check_texts(
        plan.loaded.doc, pb.locale, {t.id for t in pb.tasks}, {s.id for s in pb.sites}
    )


MANIFEST = ".launchkit-render.json"
"""The file in an output folder listing what `render` wrote there, with each file's SHA-256."""


def write_rendering(
    rendering: Rendering,
    folder: Path,
    *,
    force: bool = False,
    inputs: Sequence[Path] = (),
) -> list[Path]:
    """Write every file under `folder` (created if needed), all or nothing; return their paths.

    A file already in the folder is replaced only if the folder's manifest says launchkit wrote
    it and it is unchanged since (or with `force`); nothing lands outside the folder, even
    through a symbolic link (`outside-folder`). See `launchkit.outputs.folder`.
    """
    from launchkit.outputs.folder import write_folder

    files = [(output_path(folder, f.name), f.name, f.content) for f in rendering.files]
    return write_folder(
        files, folder, MANIFEST, writer="launchkit render", force=force, inputs=inputs
    )
