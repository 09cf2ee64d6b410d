"""What a change to a playbook does to its plan: one `PlanDiff` from two dated plans.

Tasks are matched by planned id (`teasers`, `champions-ready@haifa`). Working days are counted
on the new plan's calendar of the task's site, so "moved 3 working days" means what the team
will live through. Gates compare by what they demand: a lower `min`, a higher `max`, a later
day, a milder severity or a new waiver loosen a gate; the opposite tightens it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from launchkit.model import Gate
from launchkit.schedule.plan import Plan, PlannedTask

__all__ = [
    "DatedTask",
    "GateChange",
    "LaunchMove",
    "Moved",
    "PlanDiff",
    "SlackChange",
    "StatusChange",
    "compare_plans",
]


@dataclass(frozen=True)
class DatedTask:
    """A task added or removed, with its dates."""

    id: str
    title: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Moved:
    """A task whose dates changed, and by how many working days (later is positive)."""

    id: str
    title: str
    old_start: dt.date
    new_start: dt.date
    old_end: dt.date
    new_end: dt.date
    start_bd: int
    end_bd: int


@dataclass(frozen=True)
class StatusChange:
    """A task whose status changed (someone ran `launchkit done`)."""

    id: str
    old: str
    new: str


@dataclass(frozen=True)
class SlackChange:
    """A task whose slack changed; None: no deadline reaches it."""

    id: str
    old: int | None
    new: int | None


@dataclass(frozen=True)
class GateChange:
    """A gate added, removed, loosened, tightened or otherwise changed."""

    id: str
    title: str
    change: Literal["added", "removed", "loosened", "tightened", "changed"]
    details: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LaunchMove:
    """Launch day moved."""

    old: dt.date
    new: dt.date
    bd: int


@dataclass
class PlanDiff:
    """Everything `launchkit diff` reports, each list sorted."""

    old_label: str
    new_label: str
    launch: LaunchMove | None
    added: list[DatedTask]
    removed: list[DatedTask]
    moved: list[Moved]
    status: list[StatusChange]
    now_critical: list[str]
    no_longer_critical: list[str]
    slack: list[SlackChange]
    gates: list[GateChange]

    @property
    def empty(self) -> bool:
        """True when the change does nothing to the plan."""
        return not (
            self.launch
            or self.added
            or self.removed
            or self.moved
            or self.status
            or self.now_critical
            or self.no_longer_critical
            or self.slack
            or self.gates
        )


def compare_plans(old: Plan, new: Plan, old_label: str, new_label: str) -> PlanDiff:
    """The difference between two dated plans of (two versions of) one playbook."""
    before = {t.id: t for t in old.tasks}
    after = {t.id: t for t in new.tasks}
    common = [i for i in after if i in before]
    launch = None
    if old.launch != new.launch:
        launch = LaunchMove(old.launch, new.launch, new.calendar().count(old.launch, new.launch))
    return PlanDiff(
        old_label=old_label,
        new_label=new_label,
        launch=launch,
        added=_dated(after[i] for i in after if i not in before),
        removed=_dated(before[i] for i in before if i not in after),
        moved=sorted(
            (
                _moved(new, before[i], after[i])
                for i in common
                if _dates(before[i]) != _dates(after[i])
            ),
            key=lambda m: (m.new_start, m.id),
        ),
        status=[
            StatusChange(i, before[i].status, after[i].status)
            for i in sorted(common)
            if before[i].status != after[i].status
        ],
        now_critical=sorted(i for i in common if after[i].critical and not before[i].critical)
        + sorted(i for i in after if i not in before and after[i].critical),
        no_longer_critical=sorted(
            i for i in common if before[i].critical and not after[i].critical
        ),
        slack=[
            SlackChange(i, before[i].slack_bd, after[i].slack_bd)
            for i in sorted(common)
            if before[i].slack_bd != after[i].slack_bd
        ],
        gates=_gates(old, new),
    )


def _dates(t: PlannedTask) -> tuple[dt.date, dt.date]:
    return t.start, t.end


def _dated(tasks: Iterable[PlannedTask]) -> list[DatedTask]:
    found = [DatedTask(t.id, t.title, t.start, t.end) for t in tasks]
    return sorted(found, key=lambda d: (d.start, d.id))


def _moved(new: Plan, a: PlannedTask, b: PlannedTask) -> Moved:
    calendar = new.calendar(b.site)
    return Moved(
        b.id,
        b.title,
        a.start,
        b.start,
        a.end,
        b.end,
        calendar.count(a.start, b.start),
        calendar.count(a.end, b.end),
    )


def _gate_day(plan: Plan, gate: Gate) -> dt.date:
    from launchkit.schedule.offsets import resolve

    calendar = plan.calendar()
    day = plan.launch if gate.by is None else resolve(gate.by, calendar, plan.launch)
    return calendar.on_or_before(day)


_MILDER = {"error": 0, "warning": 1, "info": 2}


def _gates(old: Plan, new: Plan) -> list[GateChange]:
    before = {g.id: g for g in old.playbook.gates}
    after = {g.id: g for g in new.playbook.gates}
    out: list[GateChange] = []
    for gid in sorted(set(before) | set(after)):
        if gid not in before:
            out.append(GateChange(gid, after[gid].title, "added", [_demand(after[gid])]))
        elif gid not in after:
            out.append(GateChange(gid, before[gid].title, "removed", [_demand(before[gid])]))
        else:
            change = _gate_change(old, new, before[gid], after[gid])
            if change is not None:
                out.append(change)
    return out


def _gate_change(old: Plan, new: Plan, a: Gate, b: Gate) -> GateChange | None:
    looser: list[str] = []
    tighter: list[str] = []
    other: list[str] = []

    def judge(what: str, x: object, y: object, loosens: bool | None) -> None:
        if x == y:
            return
        text = f"{what} {_show(x)} -> {_show(y)}"
        (other if loosens is None else looser if loosens else tighter).append(text)

    judge("min", a.min, b.min, None if a.min is None or b.min is None else b.min < a.min)
    judge("max", a.max, b.max, None if a.max is None or b.max is None else b.max > a.max)
    if a.by != b.by:  # an unchanged `L-1bd` moves with launch day: that is no loosening
        day_a, day_b = _gate_day(old, a), _gate_day(new, b)
        judge(
            "by",
            f"{_show(a.by or 'L')} ({_show(day_a)})",
            f"{_show(b.by or 'L')} ({_show(day_b)})",
            day_b > day_a,
        )
    judge("severity", a.severity, b.severity, _MILDER[b.severity] > _MILDER[a.severity])
    judge("waiver", _waiver(a), _waiver(b), None if a.waiver and b.waiver else b.waiver is not None)
    for name in ("metric", "rule", "equals", "task", "of", "within"):
        judge(name, getattr(a, name), getattr(b, name), None)
    if not (looser or tighter or other):
        return None
    kind: Literal["loosened", "tightened", "changed"] = (
        "loosened"
        if looser and not tighter and not other
        else "tightened"
        if tighter and not looser and not other
        else "changed"
    )
    return GateChange(b.id, b.title, kind, looser + tighter + other)


def _waiver(g: Gate) -> str | None:
    return f"until {g.waiver.until.isoformat()}" if g.waiver else None


def _demand(g: Gate) -> str:
    parts = [f"metric {g.metric}" if g.metric else f"rule {g.rule}"]
    parts += [
        f"{k} {_show(getattr(g, k))}" for k in ("min", "max", "equals") if getattr(g, k) is not None
    ]
    return ", ".join(parts)


def _show(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
