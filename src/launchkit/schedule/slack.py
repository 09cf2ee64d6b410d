"""The backward pass: latest ends from the deadlines, slack in working days, the critical path.

Each task copy's latest end is the earliest of its own deadline and, for every task that waits
for it, the last day it may end so that the successor can still start in time to meet its own
latest end (lag included). Copies are visited in reverse dependency order, so each successor
is settled before its predecessors; every link is looked at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Protocol

from launchkit.schedule.offsets import latest_pred_end
from launchkit.schedule.plan import PlannedTask
from launchkit.schedule.workdays import WorkCalendar


class HasCalendar(Protocol):
    @property
    def calendar(self) -> WorkCalendar: ...


def backward_pass(
    dated: Mapping[str, list[PlannedTask]], contexts: Mapping[str | None, HasCalendar]
) -> None:
    """Fill `latest_end` and `slack_bd` of every planned task in `dated` (in dependency order)."""
    copies = [p for group in dated.values() for p in group]
    successors: dict[str, list[PlannedTask]] = {}
    for p in copies:
        for pred in p.after:
            successors.setdefault(pred, []).append(p)
    for p in reversed(copies):
        cal = contexts[p.site].calendar
        latest = p.deadline
        for s in successors.get(p.id, ()):
            if s.latest_end is None:
                continue
            s_cal = contexts[s.site].calendar
            s_start = latest_start(s, s_cal)
            assert s_start is not None
            bound = cal.on_or_before(latest_pred_end(s_start, s.task.lag, s_cal))
            latest = bound if latest is None else min(latest, bound)
        p.latest_end = latest
        p.slack_bd = None if latest is None else cal.count(p.end, latest)


def latest_start(p: PlannedTask, calendar: WorkCalendar) -> dt.date | None:
    """The last day a task copy may start and still end by its latest end."""
    if p.latest_end is None:
        return None
    return calendar.add(p.latest_end, -calendar.count(p.start, p.end))
