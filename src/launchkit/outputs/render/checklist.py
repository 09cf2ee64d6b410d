"""The checklist: every planned task with its dates, owner, status box and sources, grouped once
by phase and once by owner, as Markdown (for a repository or a wiki) and as printable HTML;
and, for a playbook with sites, one printable checklist per site for its manager."""

from __future__ import annotations

from launchkit.outputs.render.base import OutputFile, RenderContext, Rendering, safe_name


def render_checklist(ctx: RenderContext) -> Rendering:
    """`checklist.md`, `checklist.html`, and `checklists/<site>.html` for every site."""
    result = Rendering(
        [
            OutputFile("checklist.md", ctx.render("checklist/checklist.md.j2")),
            OutputFile("checklist.html", ctx.render("checklist/checklist.html.j2")),
        ]
    )
    seen: set[str] = set()
    for site in ctx.playbook.sites:
        if site.id in seen:
            continue
        seen.add(site.id)
        text = ctx.render(
            "checklist/site.html.j2",
            site=site,
            site_launch=ctx.plan.site_launch.get(site.id, ctx.plan.launch),
            groups=site_groups(ctx, site.id),
        )
        result.files.append(OutputFile(f"checklists/{safe_name(site.id)}.html", text))
    return result


def site_groups(ctx: RenderContext, site: str) -> list[tuple[str, list[object]]]:
    """(phase title, tasks) for one site: its own copies of per-site tasks and the tasks shared
    by every site, in date order, phases in the playbook's order."""
    return [
        (title, [t for t in items if t.site in (None, site)])
        for _, title, items in ctx.by_phase()
        if any(t.site in (None, site) for t in items)
    ]
