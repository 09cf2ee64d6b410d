"""Offsets, durations and lags as day arithmetic on a working-day calendar.

Each rule lives here once, with its inverse beside it where the backward pass needs one, so
that the forward schedule and the slack computation cannot drift apart.
"""

from __future__ import annotations

import datetime as dt

from launchkit.model import Offset, Span
from launchkit.schedule.workdays import WorkCalendar

_DAY = dt.timedelta(days=1)


def resolve(offset: Offset, calendar: WorkCalendar, anchor: dt.date) -> dt.date:
    """The day an offset names, before any move off a non-working day.

    `L±Nd` and `L±Nw` count calendar days from the anchor (launch day, or a site's launch day),
    `L±Nbd` counts working days (so it always lands on one), a date is itself.
    """
    if offset.date is not None:
        return offset.date
    if offset.unit == "bd" and offset.amount != 0:
        return calendar.add(anchor, offset.amount)
    days = offset.amount * (7 if offset.unit == "w" else 1)
    return anchor + dt.timedelta(days=days)


def calendar_days(span: Span) -> int:
    """A `d` or `w` span in calendar days."""
    return span.amount * (7 if span.unit == "w" else 1)


def end_from_start(start: dt.date, duration: Span, calendar: WorkCalendar) -> dt.date:
    """Last working day of a task that starts on working day `start`.

    `Nbd` takes N working days (0bd is a milestone: it ends the day it starts); `Nd`/`Nw` take a
    stretch of calendar days and end on its last working day.
    """
    if duration.unit == "bd":
        return calendar.add(start, duration.amount - 1) if duration.amount > 0 else start
    days = calendar_days(duration)
    if days <= 1:
        return start
    return calendar.on_or_before(start + dt.timedelta(days=days - 1))


def start_from_end(end: dt.date, duration: Span, calendar: WorkCalendar) -> dt.date:
    """First working day of a task that ends on working day `end` (the inverse of the above)."""
    if duration.unit == "bd":
        return calendar.add(end, -(duration.amount - 1)) if duration.amount > 0 else end
    days = calendar_days(duration)
    if days <= 1:
        return end
    return calendar.on_or_after(end - dt.timedelta(days=days - 1))


def earliest_after(pred_end: dt.date, lag: Span | None, calendar: WorkCalendar) -> dt.date:
    """First day a successor may start when its predecessor ends on `pred_end`.

    The next working day after the end, then `lag` working days later (`Nd`/`Nw` lags wait
    that many calendar days, then take the next working day).
    """
    if lag is None or lag.unit == "bd":
        return calendar.add(pred_end, 1 + (lag.amount if lag else 0))
    return calendar.add(pred_end + dt.timedelta(days=calendar_days(lag)), 1)


def latest_pred_end(
    succ_latest_start: dt.date, lag: Span | None, calendar: WorkCalendar
) -> dt.date:
    """The last day a predecessor may end so that `earliest_after` is still <= the given start.

    `calendar` is the successor's; the caller snaps the result onto the predecessor's calendar.
    For a working day S and k = 1 + lag working days, `add(E, k) <= S` holds exactly when E is
    before the k-th working day counted back from S (S itself being the first).
    """
    if lag is None or lag.unit == "bd":
        k = 1 + (lag.amount if lag else 0)
        return calendar.add(succ_latest_start, -(k - 1)) - _DAY
    return succ_latest_start - dt.timedelta(days=calendar_days(lag)) - _DAY
