"""Findings about the days announcements and timed tasks fall on: quiet periods and half days."""

from __future__ import annotations

import datetime as dt

from launchkit.schedule import Plan

Notes = dict[str, list[tuple[str, str]]]
"""(code, message) per planned-task id (or `launch`, `launch@<site>`)."""


def day_notes(plan: Plan, as_of: dt.date) -> Notes:
    """Announcements in quiet periods, and timed tasks after a half day's closing time.

    Tasks that are done or skipped, and days before `as_of`, are history and not reported.
    """
    from launchkit.schedule.quiet import quiet_hits

    notes: Notes = {}
    for hit in quiet_hits(plan):
        if hit.day < as_of:
            continue
        w = hit.window
        first, last = w.around(hit.day)
        when = first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
        notes.setdefault(hit.id, []).append(
            (
                "quiet-period",
                f"'{hit.title}' goes out on {hit.day.isoformat()}, in the quiet period "
                f"'{w.reason}' ({when})",
            )
        )
    for t in plan.tasks:
        if t.at is None or t.status in ("done", "skipped"):
            continue
        calendar = plan.calendar_of(t)
        for day in t.occurrences or [t.start]:
            reduced = calendar.reduced(day)
            if day < as_of or reduced is None or reduced.treatment != "half":
                continue
            if t.at >= calendar.closes_at:
                notes.setdefault(t.id, []).append(
                    (
                        "half-day",
                        f"'{t.title}' is at {t.at.strftime('%H:%M')} on {day.isoformat()}, "
                        f"{reduced.name}: a half day that ends at "
                        f"{calendar.closes_at.strftime('%H:%M')}",
                    )
                )
    return notes
