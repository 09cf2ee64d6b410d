"""Recurring tasks: an RFC 5545 RRULE expanded into working days."""

from __future__ import annotations

import datetime as dt

from launchkit.schedule.plan import Moved
from launchkit.schedule.workdays import WorkCalendar


class TooManyRepeats(Exception):
    """A rule that yields more than MAX_REPEATS days from the task's start."""

    def __init__(self, first: dt.date, reached: dt.date) -> None:
        super().__init__(f"from {first.isoformat()} it yields more days than {reached.isoformat()}")
        self.first = first
        self.reached = reached


def occurrences(
    rule: str,
    first: dt.date,
    at: dt.time | None,
    calendar: WorkCalendar,
    moved: list[Moved],
) -> list[dt.date]:
    """The days a recurring task happens, from `first` (the rule's DTSTART) on.

    An occurrence on a non-working day moves forward to the next working day, and `moved` gets
    a note for it (unless the start's own move already says so). Two occurrences that land on
    the same day after moving are held once.
    """
    from itertools import islice

    from dateutil.rrule import rrulestr

    from launchkit.model.values import MAX_REPEATS, rule_for_dateutil

    start = dt.datetime.combine(first, at or dt.time())
    days: dict[dt.date, None] = {}
    # Bounded by the number of days the rule yields, whatever ends it: an UNTIL in year 9999
    # would otherwise list millions of days (issue 15).
    found = list(
        islice(rrulestr(rule_for_dateutil(rule), dtstart=start, cache=False), MAX_REPEATS + 1)
    )
    if len(found) > MAX_REPEATS:
        raise TooManyRepeats(first, found[-1].date())
    for when in found:
        day = when.date()
        working = calendar.on_or_after(day)
        if working != day and not any(m.original == day for m in moved):
            moved.append(Moved("occurrence", day, working, calendar.why_closed(day) or ""))
        days[working] = None
    return list(days)
