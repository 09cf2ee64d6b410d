"""What the deck says follows the playbook: its kind of launch, its talking points, its gates'
days; and the timeline marks today and the gates and splits over printed sheets."""

from __future__ import annotations

import dataclasses

import pytest

from launchkit.load import load_playbook, resolve_playbook
from launchkit.outputs.render.base import RenderContext
from launchkit.outputs.render.deck import Slide, build_slides, paginate
from launchkit.outputs.render.timeline import build_gantt, sheets
from launchkit.resources import builtin_playbooks
from launchkit.schedule import Plan, schedule

BUILTIN = sorted(name for name in builtin_playbooks() if "." in name)


def _plan(name: str) -> Plan:
    path, shown = resolve_playbook(name)
    return schedule(load_playbook(path, shown), None)


def _words(slides: list[Slide]) -> str:
    return "\n".join(
        [s.title for s in slides]
        + [b for s in slides for b in s.bullets]
        + [s.lead or "" for s in slides]
    )


@pytest.mark.parametrize("name", BUILTIN)
def test_no_slide_is_empty_and_no_point_is_said_twice(name: str) -> None:
    slides = build_slides(RenderContext(_plan(name)))
    assert all(s.bullets or s.rows or s.qa for s in slides)
    for s in slides:
        assert len(s.bullets) == len(set(s.bullets)), s.id
    # The playbook's planning note is not a reason given to managers.
    pb = _plan(name).playbook
    assert pb.description is None or all(pb.description not in s.bullets for s in slides)


@pytest.mark.parametrize(
    "name", ["advocacy-program.en", "advocacy-60-day.en", "community-launch.en"]
)
def test_only_an_app_launch_speaks_of_installs(name: str) -> None:
    text = _words(build_slides(RenderContext(_plan(name))))
    assert "install" not in text.casefold()
    assert "employees you manage" not in text


def test_an_app_launch_keeps_its_agenda_where_the_playbook_says_nothing() -> None:
    plan = _plan("starter.en")
    slides = {s.id: s for s in build_slides(RenderContext(plan))}
    assert "why" not in slides  # starter gives no reasons: no empty "why" slide
    assert slides["measure"].title == "Every employee on your team installs the app"
    assert slides["role"].bullets  # the fixed points stand in for missing talking points


def test_talking_points_take_the_place_of_the_fixed_points() -> None:
    plan = _plan("app-launch.en")
    tp = plan.playbook.documents.talking_points
    slides = {s.id: s for s in build_slides(RenderContext(plan))}
    assert slides["role"].bullets == tp.role
    assert slides["feedback"].bullets == tp.feedback


def test_gates_due_after_launch_are_not_before_launch() -> None:
    plan = _plan("advocacy-program.en")
    ctx = RenderContext(plan)
    slides = {s.id: s for s in build_slides(ctx)}
    assert slides["later"].rows
    before = {r[0] for r in slides["gates"].rows}
    later = {r[0] for r in slides["later"].rows}
    assert before.isdisjoint(later)
    assert len(before | later) == len(plan.playbook.gates)
    assert all(r[2] for r in slides["gates"].rows + slides["later"].rows)  # no empty Target


def test_a_long_table_continues_and_keeps_every_row() -> None:
    plan = _plan("app-launch.en")
    ctx = RenderContext(plan)
    (champions,) = [s for s in build_slides(ctx) if s.id == "champions"]
    long = dataclasses.replace(champions, rows=champions.rows * 8)
    pages = paginate([long], lambda t: f"{t} (continued)")
    assert len(pages) > 1
    assert [r for p in pages for r in p.rows] == long.rows
    assert all(p.title.endswith("(continued)") and p.head == long.head for p in pages[1:])
    assert pages[0].lead == long.lead and all(p.lead is None for p in pages[1:])


def test_timeline_marks_today_and_the_gates(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _plan("app-launch.en")
    monkeypatch.setenv("LAUNCHKIT_TODAY", plan.launch.isoformat())
    gantt = build_gantt(RenderContext(plan))
    assert gantt.today_x is not None
    gates = [b for b in gantt.bars if b.id.startswith("gate-")]
    assert len(gates) == len(plan.playbook.gates) and all(b.milestone for b in gates)
    monkeypatch.setenv("LAUNCHKIT_TODAY", "1999-01-01")
    assert build_gantt(RenderContext(plan)).today_x is None


def test_a_tall_timeline_is_shared_evenly_over_sheets() -> None:
    gantt = build_gantt(RenderContext(_plan("app-launch.en")))
    parts = sheets(gantt)
    assert len(parts) > 1
    assert [b.id for p in parts for b in p.bars] == [b.id for b in gantt.bars]
    sizes = [len(p.bars) for p in parts]
    assert max(sizes) - min(sizes) <= 1
    assert all(p.ticks == gantt.ticks for p in parts)  # the date axis on every sheet
