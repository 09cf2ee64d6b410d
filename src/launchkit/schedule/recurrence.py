"""Recurring tasks: an RFC 5545 RRULE expanded into working days."""

from __future__ import annotations

import datetime as dt
import re

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
    rule = inclusive_until(rule)
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


_DATE_UNTIL = re.compile(r"(UNTIL=)(\d{8})(?=;|$)", re.IGNORECASE)


def inclusive_until(rule: str) -> str:
    """The rule with a date UNTIL read as the end of that day.

    RFC 5545 3.3.10: the UNTIL value bounds the recurrence inclusively, and a DATE covers its
    whole day. dateutil reads `UNTIL=20270419` as midnight, which would drop a 09:30 meeting on
    the 19th.
    """
    return _DATE_UNTIL.sub(r"\g<1>\g<2>T235959", rule)
