"""Recurring tasks: an RFC 5545 RRULE expanded into working days."""

from __future__ import annotations

import datetime as dt

from launchkit.schedule.plan import Moved
from launchkit.schedule.workdays import WorkCalendar


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
    from dateutil.rrule import rrulestr

    start = dt.datetime.combine(first, at or dt.time())
    days: dict[dt.date, None] = {}
    for when in rrulestr(rule, dtstart=start, cache=False):
        day = when.date()
        working = calendar.on_or_after(day)
        if working != day and not any(m.original == day for m in moved):
            moved.append(Moved("occurrence", day, working, calendar.why_closed(day) or ""))
        days[working] = None
    return list(days)
