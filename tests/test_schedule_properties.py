"""Invariants of the scheduler over random playbooks (hypothesis; kept to modest example counts)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from launchkit.load import load_playbook
from launchkit.schedule import Plan, schedule

CALENDARS = {
    "it": "{holidays: [IT]}",
    "il": "{workweek: [sun, mon, tue, wed, thu], holidays: [IL]}",
}
LAUNCHES = ["2027-03-31", "2027-10-12", "2027-04-26", "2027-12-24"]


@st.composite
def offsets(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["L", "d", "bd", "w", "date"]))
    if kind == "L":
        return "L"
    if kind == "date":
        return f"2027-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"
    return f"L{draw(st.integers(-30, 30)):+d}{kind}"


@st.composite
def playbooks(draw: st.DrawFn) -> str:
    lines = [
        "launchkit: 1",
        "id: random",
        "title: Random",
        f"launch: {draw(st.sampled_from(LAUNCHES))}",
        f"calendar: {CALENDARS[draw(st.sampled_from(sorted(CALENDARS)))]}",
    ]
    n_sites = draw(st.integers(0, 3))
    if n_sites:
        lines.append("sites:")
        for i in range(n_sites):
            site = f"  - {{id: s{i}, name: S{i}"
            if draw(st.booleans()):
                site += f", calendar: {CALENDARS[draw(st.sampled_from(sorted(CALENDARS)))]}"
            if draw(st.booleans()):
                site += f", launch: L+{draw(st.integers(0, 4))}bd"
            lines.append(site + "}")
    lines.append("tasks:")
    for i in range(draw(st.integers(1, 9))):
        parts = [f"id: t{i}", "title: T"]
        after = sorted(draw(st.sets(st.integers(0, i - 1), max_size=3))) if i else []
        if after:
            parts.append("after: [" + ", ".join(f"t{j}" for j in after) + "]")
            parts.append(f"lag: {draw(st.integers(0, 3))}bd")
        anchors = draw(st.sets(st.sampled_from(["start", "due"]), min_size=0 if after else 1))
        for key in sorted(anchors):
            parts.append(f"{key}: {draw(offsets())}")
        parts.append(f"duration: {draw(st.integers(0, 5))}{draw(st.sampled_from(['bd', 'd']))}")
        if n_sites and draw(st.booleans()):
            parts.append("per_site: true")
        if draw(st.integers(0, 4)) == 0:
            parts.append(f"repeat: FREQ={draw(st.sampled_from(['DAILY', 'WEEKLY']))};COUNT=4")
        lines.append("  - {" + ", ".join(parts) + "}")
    return "\n".join(lines) + "\n"


def plan_of(text: str) -> Plan:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.yaml"
        path.write_text(text, encoding="utf-8")
        return schedule(load_playbook(path))


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(playbooks())
def test_dates_are_working_days_in_order(text):
    plan = plan_of(text)
    for t in plan.tasks:
        cal = plan.calendar(t.site)
        assert t.start <= t.end
        assert cal.is_working(t.start) and cal.is_working(t.end), t.id
        assert all(cal.is_working(d) for d in t.occurrences)
        for m in t.moved:
            assert not cal.is_working(m.original) and cal.is_working(m.moved_to)


@PROPERTY
@given(playbooks())
def test_successors_start_lag_plus_one_working_days_after_each_predecessor(text):
    plan = plan_of(text)
    for t in plan.tasks:
        lag = t.task.lag.amount if t.task.lag else 0
        for pred in map(plan.task, t.after):
            assert plan.calendar(t.site).count(pred.end, t.start) >= lag + 1, (pred.id, t.id)


@PROPERTY
@given(playbooks())
def test_per_site_tasks_have_one_copy_per_site(text):
    plan = plan_of(text)
    sites = [s.id for s in plan.playbook.sites]
    for task in plan.playbook.tasks:
        copies = plan.copies(task.id)
        if task.per_site:
            assert [c.id for c in copies] == [f"{task.id}@{s}" for s in sites]
        else:
            assert [c.id for c in copies] == [task.id]


@PROPERTY
@given(playbooks())
def test_slack_is_never_negative_exactly_when_no_deadline_is_missed(text):
    plan = plan_of(text)
    missed = any(t.deadline is not None and t.end > t.deadline for t in plan.tasks)
    negative = any(t.slack_bd is not None and t.slack_bd < 0 for t in plan.tasks)
    assert missed is negative
    for t in plan.tasks:
        assert (t.slack_bd is None) is (t.latest_end is None)
        assert t.critical is (t.slack_bd is not None and t.slack_bd <= 0)
