"""A small terminal Gantt bar per task: calendar days scaled onto a fixed number of cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from launchkit.schedule.plan import PlannedTask

BAR, CRITICAL, MILESTONE, OCCURRENCE, LAUNCH, EMPTY = "▒", "█", "◆", "▪", "┆", " "


@dataclass(frozen=True)
class Scale:
    """Maps days from `first` to `last` onto `width` cells, each holding `per_cell` days."""

    first: dt.date
    last: dt.date
    width: int
    launch: dt.date

    @property
    def per_cell(self) -> int:
        days = (self.last - self.first).days + 1
        return max(1, -(-days // self.width))

    def cell(self, day: dt.date) -> int:
        return min(self.width - 1, max(0, (day - self.first).days // self.per_cell))


def scale_for(tasks: list[PlannedTask], launch: dt.date, width: int) -> Scale:
    """A scale that holds every task, its occurrences and launch day."""
    days = [launch]
    for t in tasks:
        days += [t.start, t.end, *t.occurrences]
    return Scale(min(days), max(days), width, launch)


def bar(task: PlannedTask, scale: Scale) -> str:
    """The task's bar: solid when critical, a diamond for a milestone, marks for occurrences."""
    cells = [EMPTY] * scale.width
    cells[scale.cell(scale.launch)] = LAUNCH
    first, last = scale.cell(task.start), scale.cell(task.end)
    fill = CRITICAL if task.critical else BAR
    for i in range(first, last + 1):
        cells[i] = fill
    if task.task.duration is not None and task.task.duration.amount == 0:
        cells[first] = MILESTONE
    for day in task.occurrences[1:]:
        cells[scale.cell(day)] = OCCURRENCE
    return "".join(cells)
