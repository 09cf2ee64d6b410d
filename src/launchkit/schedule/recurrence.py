"""Recurring tasks: an RFC 5545 RRULE expanded into working days."""

from __future__ import annotations

import datetime as dt
import re

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
    rule = inclusive_until(rule)
    days: dict[dt.date, None] = {}
    for when in rrulestr(rule, dtstart=start, cache=False):
        day = when.date()
        working = calendar.on_or_after(day)
        if working != day and not any(m.original == day for m in moved):
            moved.append(Moved("occurrence", day, working, calendar.why_closed(day) or ""))
        days[working] = None
    return list(days)


_DATE_UNTIL = re.compile(r"(UNTIL=)(\d{8})(?=;|$)", re.IGNORECASE)


def inclusive_until(rule: str) -> str:
    """The rule with a date UNTIL read as the end of that day.

    RFC 5545 3.3.10: the UNTIL value bounds the recurrence inclusively, and a DATE covers its
    whole day. dateutil reads `UNTIL=20270419` as midnight, which would drop a 09:30 meeting on
    the 19th.
    """
    return _DATE_UNTIL.sub(r"\g<1>\g<2>T235959", rule)
