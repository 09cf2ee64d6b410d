"""Quiet periods: days when announcements should not go out, and which announcements fall in one.

A period is either dates (`from`, `to`, both inclusive) or a holiday's name: then it covers every
holiday, eve or optional day of the playbook's calendar whose name contains that text, in the
playbook's language or in English (`Sukkot` finds "סוכות" days too, through the English names).

Announcements are what reaches people: tasks with `channels:`, launch day, and each site's wave.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from launchkit.model import CalendarSpec
from launchkit.schedule.plan import Plan, PlannedTask


@dataclass(frozen=True)
class QuietWindow:
    """One `quiet:` entry resolved to days."""

    index: int
    """Its place in the playbook's `quiet:` list."""
    reason: str
    days: frozenset[dt.date]

    def around(self, day: dt.date) -> tuple[dt.date, dt.date]:
        """The run of consecutive days of the period that holds `day` (a holiday's week)."""
        one = dt.timedelta(days=1)
        first = last = day
        while first - one in self.days:
            first -= one
        while last + one in self.days:
            last += one
        return first, last


@dataclass(frozen=True)
class QuietHit:
    """An announcement on a day of a quiet period."""

    id: str
    """The planned task's id, `launch`, or `launch@<site>` for a site's wave."""
    title: str
    day: dt.date
    window: QuietWindow


def quiet_windows(plan: Plan, also: tuple[dt.date, ...] = ()) -> list[QuietWindow]:
    """The playbook's quiet periods, each as the set of days it covers around the plan (and
    around the days in `also`: the launch days `advise` tries)."""
    periods = plan.playbook.quiet
    if not periods:
        return []
    days = [plan.launch, *also, *(d for t in plan.tasks for d in (t.start, t.end, *t.occurrences))]
    first, last = min(days) - dt.timedelta(days=400), max(days) + dt.timedelta(days=400)
    named: dict[dt.date, list[str]] | None = None
    out = []
    for index, period in enumerate(periods):
        if period.holiday is None:
            if period.start is None or period.to is None:
                continue  # the loader reports it
            span = (period.to - period.start).days + 1
            covered = frozenset(period.start + dt.timedelta(days=i) for i in range(span))
        else:
            if named is None:
                named = _named_days(plan, first, last)
            wanted = period.holiday.casefold().strip()
            covered = frozenset(
                d for d, names in named.items() if any(wanted in n.casefold() for n in names)
            )
        if covered:
            out.append(QuietWindow(index, period.reason, covered))
    return out


def _named_days(plan: Plan, first: dt.date, last: dt.date) -> dict[dt.date, list[str]]:
    """Every holiday, eve and optional day of the plan's calendars, in its language and English."""
    from launchkit.schedule.workdays import WorkCalendar

    specs: list[CalendarSpec] = [plan.playbook.calendar]
    specs += [s.calendar for s in plan.playbook.sites if s.calendar is not None]
    named: dict[dt.date, list[str]] = {}
    for spec in specs:
        for locale in dict.fromkeys((plan.playbook.locale, "en")):
            calendar = WorkCalendar(spec, locale, plan.launch)
            for day, name in calendar.holidays_between(first, last).items():
                named.setdefault(day, []).append(name)
            for day, reduced in calendar.reduced_between(first, last).items():
                named.setdefault(day, []).append(reduced.name)
    return named


def is_announcement(t: PlannedTask) -> bool:
    """A task that reaches people: one with channels."""
    return bool(t.task.channels)


def quiet_hits(plan: Plan, windows: list[QuietWindow] | None = None) -> list[QuietHit]:
    """Every announcement that falls on a day of a quiet period, in date order."""
    windows = quiet_windows(plan) if windows is None else windows
    if not windows:
        return []
    hits = []

    def on(day: dt.date) -> QuietWindow | None:
        return next((w for w in windows if day in w.days), None)

    if (w := on(plan.launch)) is not None:
        hits.append(QuietHit("launch", "Launch day", plan.launch, w))
    for site in plan.playbook.sites:
        wave = plan.site_launch.get(site.id)
        if wave is not None and wave != plan.launch and (w := on(wave)) is not None:
            hits.append(QuietHit(f"launch@{site.id}", f"Launch at {site.name}", wave, w))
    for t in plan.tasks:
        if not is_announcement(t) or t.status in ("done", "skipped"):
            continue
        for day in t.occurrences or [t.start]:
            if (w := on(day)) is not None:
                hits.append(QuietHit(t.id, t.title, day, w))
    return sorted(hits, key=lambda h: (h.day, h.id))
