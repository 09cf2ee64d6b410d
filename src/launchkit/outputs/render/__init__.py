"""Rendering documents from templates: checklists, the manager deck, teasers, invitations and
the timeline, in the playbook's language.

`render(plan, only=..., templates=...)` is pure: it returns the files and warnings, and
`write_rendering` puts the files in a folder, refusing any name that would leave it.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from launchkit.outputs.render.base import (
    ArtefactRenderer,
    OutputFile,
    RenderContext,
    Rendering,
    output_path,
)

if TYPE_CHECKING:
    from launchkit.schedule import Plan

__all__ = [
    "MANIFEST",
    "RENDERERS",
    "Artefact",
    "OutputFile",
    "Rendering",
    "read_manifest",
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


def _renderers() -> dict[Artefact, ArtefactRenderer]:
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
    }


RENDERERS = _renderers()
"""Each artefact's renderer."""


def render(
    plan: Plan, only: Iterable[Artefact] | None = None, templates: Path | None = None
) -> Rendering:
    """Render the chosen artefacts (all by default), in `Artefact` order.

    `templates` is a folder of the user's templates that take the place of built-in ones of the
    same relative name (`deck/deck.html.j2`); both run in Jinja's sandbox.
    """
    wanted = set(only) if only is not None else set(Artefact)
    ctx = RenderContext(plan, templates)
    result = Rendering()
    for artefact in Artefact:
        if artefact in wanted:
            result.extend(RENDERERS[artefact](ctx))
    return result


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
    through a symbolic link (`outside-folder`).
    """
    from launchkit.load.atomic import Output, write_files

    targets = [(output_path(folder, f.name), f) for f in rendering.files]
    known = read_manifest(folder / MANIFEST)
    outputs = [
        Output(target, file.text.encode("utf-8"), _recorded(known, file.name))
        for target, file in targets
    ]
    record = dict(known)
    record.update(
        {o_file.name: _digest(o.data) for o, (_, o_file) in zip(outputs, targets, strict=True)}
    )
    body = {"written_by": "launchkit render", "files": dict(sorted(record.items()))}
    manifest = (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    outputs.append(Output(folder / MANIFEST, manifest, _is_manifest))
    written = write_files(outputs, inputs=inputs, force=force, inside=folder)
    return written[:-1]


def read_manifest(path: Path) -> dict[str, str]:
    """The files a manifest lists and their SHA-256; empty when there is none or it is not one."""
    try:
        body = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    files = body.get("files") if isinstance(body, dict) else None
    if not isinstance(files, dict):
        return {}
    return {str(k): str(v) for k, v in files.items()}


def _recorded(known: dict[str, str], name: str) -> Callable[[bytes], bool]:
    return lambda existing: known.get(name) == _digest(existing)


def _is_manifest(existing: bytes) -> bool:
    try:
        body = json.loads(existing)
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("written_by") == "launchkit render"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
