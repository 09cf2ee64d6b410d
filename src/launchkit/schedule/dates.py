"""Days the plan and readiness need from a working-day calendar: when each gate falls due."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from launchkit.model import Offset


class WorkingDays(Protocol):
    """The part of a working-day calendar that readiness uses (the scheduler's WorkCalendar)."""

    def add(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (before it when n < 0)."""
        ...

    def on_or_before(self, day: dt.date) -> dt.date:
        """`day` if it is a working day, else the previous working day."""
        ...

    def count(self, first: dt.date, last: dt.date) -> int:
        """Working days in (first, last]; negative when last < first."""
        ...


def due_day(by: Offset | None, launch: dt.date, calendar: WorkingDays) -> dt.date:
    """The day a gate must be met: its `by` (default L), moved back off a non-working day.

    A deadline that falls on a weekend or holiday is due the working day before, as a task's
    `due` is (DESIGN: "a `due` on one moves back to the previous working day").
    """
    if by is None:
        return launch
    if by.date is not None:
        day = by.date
    elif by.unit == "bd":
        day = calendar.add(launch, by.amount) if by.amount else launch
    else:
        day = launch + dt.timedelta(days=by.amount * (7 if by.unit == "w" else 1))
    return calendar.on_or_before(day)
