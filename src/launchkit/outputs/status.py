"""`launchkit status`: progress at a glance, as of a day.

Counts are of planned tasks, so a per-site task counts once per site. A task counts as done
when its status (its site's status, for a per-site copy) is `done` or `skipped`. "Due this
week" lists the open tasks that end from the as-of day through the six days after it; a task
is overdue when it ended before the as-of day and is still open, as `check` counts it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from launchkit.schedule.plan import Plan, PlannedTask

__all__ = ["Progress", "Status", "format_status", "summarize"]

CLOSED = ("done", "skipped")
BAR_WIDTH = 20


@dataclass(frozen=True)
class Progress:
    """Done and total planned tasks of one group (a phase, a site, or the whole plan)."""

    label: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


@dataclass(frozen=True)
class Item:
    """One task in a list (due, overdue)."""

    id: str
    title: str
    end: dt.date
    status: str
    owner: str | None


@dataclass(frozen=True)
class GateDue:
    """The next gate to fall due."""

    id: str
    title: str
    by: dt.date
    working_days: int
    """Working days from the as-of day to the gate's day."""


@dataclass(frozen=True)
class Status:
    """Everything `launchkit status` shows."""

    title: str
    playbook: str
    as_of: dt.date
    launch: dt.date
    to_launch: int
    """Working days from the as-of day to launch day (negative once launched)."""
    overall: Progress
    phases: list[Progress]
    sites: list[Progress]
    due: list[Item]
    overdue: list[Item]
    next_gate: GateDue | None


def summarize(plan: Plan, as_of: dt.date) -> Status:
    """The progress of a dated plan as of a day."""
    pb = plan.playbook
    calendar = plan.calendar()
    phases = [_progress(p.title, [t for t in plan.tasks if t.phase == p.id]) for p in pb.phases]
    loose = [t for t in plan.tasks if t.phase not in {p.id for p in pb.phases}]
    if loose and pb.phases:
        phases.append(_progress("(no phase)", loose))
    sites = [
        _progress(s.name, copies)
        for s in pb.sites
        if (copies := [t for t in plan.tasks if t.site == s.id])
    ]
    open_ = [t for t in plan.tasks if t.status not in CLOSED]
    week_end = as_of + dt.timedelta(days=6)
    return Status(
        title=pb.title,
        playbook=pb.id,
        as_of=as_of,
        launch=plan.launch,
        to_launch=calendar.count(as_of, plan.launch),
        overall=_progress("All tasks", plan.tasks),
        phases=phases,
        sites=sites,
        due=_items(t for t in open_ if as_of <= t.end <= week_end),
        overdue=_items(t for t in open_ if t.end < as_of),
        next_gate=_next_gate(plan, as_of),
    )


def _progress(label: str, tasks: list[PlannedTask]) -> Progress:
    return Progress(label, sum(t.status in CLOSED for t in tasks), len(tasks))


def _items(tasks: Iterable[PlannedTask]) -> list[Item]:
    found = [Item(t.id, t.title, t.end, t.status, t.owner) for t in tasks]
    return sorted(found, key=lambda i: (i.end, i.id))


def _next_gate(plan: Plan, as_of: dt.date) -> GateDue | None:
    from launchkit.schedule.offsets import resolve

    calendar = plan.calendar()
    upcoming: list[GateDue] = []
    for gate in plan.playbook.gates:
        day = plan.launch if gate.by is None else resolve(gate.by, calendar, plan.launch)
        day = calendar.on_or_before(day)  # as `check` does: due the working day before
        if day >= as_of:
            upcoming.append(GateDue(gate.id, gate.title, day, calendar.count(as_of, day)))
    return min(upcoming, key=lambda g: (g.by, g.id), default=None)


def format_status(status: Status, width: int = 80, color: bool = False) -> str:
    """The status as text: progress bars per phase and site, due and overdue tasks, next gate."""
    from rich.console import Console
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(Text(f"{status.title} ({status.playbook})", style="bold"))
    console.print(f"As of {status.as_of.isoformat()}: {_launch_line(status)}")
    for heading, rows in (("Phases", [status.overall, *status.phases]), ("Sites", status.sites)):
        if not rows:
            continue
        console.print(Text(heading, style="bold"))
        table = Table(box=None, show_header=False)
        table.add_column(no_wrap=False)
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        for p in rows:
            table.add_row(p.label, _bar(p), f"{p.done}/{p.total}", f"{p.percent}%")
        console.print(Padding(table, (0, 0, 0, 1)))
    for heading, items, style in (
        ("Overdue", status.overdue, "red"),
        ("Due this week", status.due, "yellow"),
    ):
        console.print(Text(f"{heading} ({len(items)})", style=f"bold {style}"))
        if not items:
            console.print("  none")
            continue
        table = Table(box=None, show_header=False)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column()
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        for i in items:
            table.add_row(i.end.isoformat(), i.id, i.title, i.owner or "-", i.status)
        console.print(Padding(table, (0, 0, 0, 1)))
    console.print(Text("Next gate", style="bold"))
    gate = status.next_gate
    if gate is None:
        console.print("  none still to come")
    else:
        console.print(
            f"  {gate.by.isoformat()}  {gate.id}: {gate.title} ({_in_days(gate.working_days)})"
        )
    out = console.file
    assert isinstance(out, io.StringIO)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"


def _bar(p: Progress) -> str:
    # Block characters rather than rich's ProgressBar: its empty part differs only by colour,
    # which a CI log, a pipe or a golden file does not keep.
    filled = round(BAR_WIDTH * p.done / p.total) if p.total else BAR_WIDTH
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def _launch_line(status: Status) -> str:
    day = status.launch.isoformat()
    if status.to_launch > 0:
        return f"launch {day}, {_in_days(status.to_launch)}"
    if status.to_launch == 0 and status.as_of == status.launch:
        return f"launch day ({day})"
    return f"launched {day}"


def _in_days(n: int) -> str:
    if n == 0:
        return "today"
    return f"in {n} working day{'s' if n != 1 else ''}"
