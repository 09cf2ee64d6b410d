"""Which Jinja environment renders what: launchkit's own templates outside the sandbox (they are
most of a large render's time there), any user template inside it; the lookups templates use."""

from __future__ import annotations

from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment

from launchkit.outputs.render.base import RenderContext
from render_plans import hand_plan


def test_built_in_templates_render_outside_the_sandbox_and_escape() -> None:
    ctx = RenderContext(hand_plan("en"))
    assert not isinstance(ctx.env, SandboxedEnvironment)
    assert ctx.env.from_string("{{ x }}").render(x="<b>") == "<b>"  # not an .html template
    escapes = ctx.env.autoescape
    assert callable(escapes)
    assert escapes("checklist/checklist.html.j2") and escapes("timeline/timeline.svg.j2")
    assert not escapes("checklist/checklist.md.j2")


def test_user_templates_and_other_folders_stay_in_the_sandbox(tmp_path: Path) -> None:
    assert isinstance(RenderContext(hand_plan("en"), tmp_path).env, SandboxedEnvironment)
    other = RenderContext(hand_plan("en"), builtin=tmp_path)
    assert isinstance(other.env, SandboxedEnvironment)


def test_phase_titles_and_site_names_as_a_search_would_find_them() -> None:
    ctx = RenderContext(hand_plan("en"))
    for phase in ctx.playbook.phases:
        assert ctx.phase_title(phase.id) == phase.title
    assert ctx.phase_title("no-such-phase") == ""
    assert ctx.phase_title(None) == ""
    for site in ctx.playbook.sites:
        assert ctx.site_name(site.id) == site.name
    assert ctx.site_name("elsewhere") == "elsewhere"
    assert ctx.site_name(None) == ""


def test_groups_hold_every_task_once_in_date_order() -> None:
    ctx = RenderContext(hand_plan("en"))
    by_phase = [t for _, _, ts in ctx.by_phase() for t in ts]
    by_owner = [t for _, ts in ctx.by_owner() for t in ts]
    assert sorted(t.id for t in by_phase) == sorted(t.id for t in ctx.plan.tasks)
    assert sorted(t.id for t in by_owner) == sorted(t.id for t in ctx.plan.tasks)
    for _, _, ts in ctx.by_phase():
        assert ts == sorted(ts, key=lambda t: (t.start, t.end, t.id))
