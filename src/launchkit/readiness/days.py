"""Findings about the days announcements and timed tasks fall on: quiet periods and half days."""

from __future__ import annotations

import datetime as dt

from launchkit.readiness.findings import Phrase
from launchkit.schedule import Plan

Note = tuple[str, str, Phrase]
"""A warning's code, its English message, and the phrase a localised report says."""
Notes = dict[str, list[Note]]
"""The notes of each planned-task id (or `launch`, `launch@<site>`)."""


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
                Phrase.of(
                    "quiet-period",
                    title=_announcement(plan, hit.id, hit.title),
                    day=hit.day,
                    reason=w.reason,
                    first=first,
                    last=last if last != first else None,
                ),
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
                at, closes = t.at.strftime("%H:%M"), calendar.closes_at.strftime("%H:%M")
                notes.setdefault(t.id, []).append(
                    (
                        "half-day",
                        f"'{t.title}' is at {at} on {day.isoformat()}, {reduced.name}: "
                        f"a half day that ends at {closes}",
                        Phrase.of(
                            "half-day",
                            title=t.title,
                            at=at,
                            day=day,
                            holiday=reduced.name,
                            closes=closes,
                        ),
                    )
                )
    return notes


def _announcement(plan: Plan, id: str, title: str) -> str | Phrase:
    """What a quiet-period warning calls the announcement: launch day and a site's wave in the
    reader's words, a task by its title."""
    if id == "launch":
        return Phrase.of("launch-day")
    if id.startswith("launch@"):
        site = id.partition("@")[2]
        name = next((s.name for s in plan.playbook.sites if s.id == site), site)
        return Phrase.of("launch-at", site=name)
    return title
