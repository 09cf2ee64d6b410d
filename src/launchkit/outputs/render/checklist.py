"""The checklist: every planned task with its dates, owner, status box and sources, grouped once
by phase and once by owner, as Markdown (for a repository or a wiki) and as printable HTML."""

from __future__ import annotations

from launchkit.outputs.render.base import OutputFile, RenderContext, Rendering


def render_checklist(ctx: RenderContext) -> Rendering:
    """`checklist.md` and `checklist.html`."""
    return Rendering(
        [
            OutputFile("checklist.md", ctx.render("checklist/checklist.md.j2")),
            OutputFile("checklist.html", ctx.render("checklist/checklist.html.j2")),
        ]
    )
