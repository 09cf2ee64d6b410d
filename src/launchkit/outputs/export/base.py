"""What every exporter shares: options, the task selection, labels, and the non-working days."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from launchkit.model import WEEKDAYS

if TYPE_CHECKING:
    from launchkit.model import CalendarSpec
    from launchkit.schedule import Plan, PlannedTask


class ExportFormat(enum.StrEnum):
    """The formats `launchkit export` writes."""

    ics = "ics"
    csv = "csv"
    mermaid = "mermaid"


@dataclass(frozen=True)
class ExportOptions:
    """How to export a plan. Every field has a default, so `ExportOptions()` exports everything."""

    owner: str | None = None
    """Only tasks owned by this role."""
    site: str | None = None
    """Only this site's copies of per-site tasks, plus the tasks that are not per site."""
    alarm: dt.timedelta | None = None
    """ICS: a reminder this long before each event."""
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    """ICS: the DTSTAMP of new and changed events (injectable so golden files can hold them)."""
    previous: bytes | None = None
    """ICS: the calendar this export replaces, to carry SEQUENCE and DTSTAMP over (see docs)."""
    markdown: bool = False
    """Mermaid: wrap the chart in a ```mermaid fence and add a task table."""


Exporter = Callable[["Plan", ExportOptions], str]


def selected(plan: Plan, options: ExportOptions) -> list[PlannedTask]:
    """The plan's tasks that pass the owner and site filters, in plan order."""
    return [
        t
        for t in plan.tasks
        if (options.owner is None or t.owner == options.owner)
        and (options.site is None or t.site in (None, options.site))
    ]


_DURATION = re.compile(r"^(\d{1,4})\s*(w|d|h|m)$")
_UNIT_SECONDS = {"w": 7 * 86400, "d": 86400, "h": 3600, "m": 60}


def parse_alarm(text: str) -> dt.timedelta:
    """`1d`, `2h`, `30m`, `1w` before the event; ValueError with a readable message otherwise."""
    m = _DURATION.match(text.strip())
    if not m:
        raise ValueError(f"'{text}' is not a reminder time such as 1d, 2h, 30m or 1w")
    return dt.timedelta(seconds=int(m.group(1)) * _UNIT_SECONDS[m.group(2)])


# Labels of the few words exports add around the playbook's own text, in its locale.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "owner": "Owner",
        "phase": "Phase",
        "status": "Status",
        "sources": "Sources",
        "site": "Site",
        "task": "Task",
        "start": "Start",
        "end": "End",
        "working_days": "Working days",
        "not_working": "Not working",
        "moved": "Moved",
        "critical": "critical",
        "todo": "to do",
        "doing": "in progress",
        "done": "done",
        "blocked": "blocked",
        "skipped": "skipped",
        "closed": "closed",
    },
    "he": {
        "owner": "אחראי",
        "phase": "שלב",
        "status": "סטטוס",
        "sources": "מקורות",
        "site": "אתר",
        "task": "משימה",
        "start": "התחלה",
        "end": "סיום",
        "working_days": "ימי עבודה",
        "not_working": "לא ימי עבודה",
        "moved": "הוזז",
        "critical": "קריטי",
        "todo": "לביצוע",
        "doing": "בתהליך",
        "done": "בוצע",
        "blocked": "חסום",
        "skipped": "דולג",
        "closed": "סגור",
    },
    "tr": {
        "owner": "Sorumlu",
        "phase": "Aşama",
        "status": "Durum",
        "sources": "Kaynaklar",
        "site": "Lokasyon",
        "task": "Görev",
        "start": "Başlangıç",
        "end": "Bitiş",
        "working_days": "İş günleri",
        "not_working": "Çalışılmayan günler",
        "moved": "Taşındı",
        "critical": "kritik",
        "todo": "yapılacak",
        "doing": "sürüyor",
        "done": "tamamlandı",
        "blocked": "engellendi",
        "skipped": "atlandı",
        "closed": "kapalı",
    },
    "it": {
        "owner": "Responsabile",
        "phase": "Fase",
        "status": "Stato",
        "sources": "Fonti",
        "site": "Sede",
        "task": "Attività",
        "start": "Inizio",
        "end": "Fine",
        "working_days": "Giorni lavorativi",
        "not_working": "Giorni non lavorativi",
        "moved": "Spostato",
        "critical": "critica",
        "todo": "da fare",
        "doing": "in corso",
        "done": "fatto",
        "blocked": "bloccata",
        "skipped": "saltata",
        "closed": "chiuso",
    },
}


def labels(plan: Plan) -> dict[str, str]:
    """The labels in the playbook's locale."""
    return LABELS.get(plan.playbook.locale, LABELS["en"])


def owner_text(plan: Plan, task: PlannedTask) -> str | None:
    """`Dana Levi (sponsor)` when `people` names the role, else the role, else None."""
    if task.owner is None:
        return None
    person = plan.playbook.people.get(task.owner)
    return f"{person.name} ({task.owner})" if person else task.owner


def phase_title(plan: Plan, task: PlannedTask) -> str | None:
    """The title of the task's phase, or its id when the playbook lists no such phase."""
    if task.phase is None:
        return None
    for phase in plan.playbook.phases:
        if phase.id == task.phase:
            return phase.title
    return task.phase


def site_name(plan: Plan, site_id: str) -> str:
    """The name people know a site by (`Haifa plant`), or its id."""
    return next((s.name for s in plan.playbook.sites if s.id == site_id), site_id)


def calendar_of(plan: Plan, task: PlannedTask) -> CalendarSpec:
    """The calendar a task is scheduled against: its site's own, else the playbook's."""
    if task.site is not None:
        for site in plan.playbook.sites:
            if site.id == task.site and site.calendar is not None:
                return site.calendar
    return plan.playbook.calendar


_HOLIDAY_LANGUAGES = {"en": "en_US", "he": "he", "tr": "tr", "it": "it"}


def non_working_days(
    spec: CalendarSpec, first: dt.date, last: dt.date, locale: str = "en"
) -> dict[dt.date, str]:
    """Every non-working day from `first` to `last` (inclusive), with what closes it.

    The reason is a holiday's name (in the playbook's language where `holidays` has it),
    "closed" (in that language) for the calendar's extra closed days, or the weekday's name.
    """
    import holidays

    days: dict[dt.date, str] = {}
    if last < first:
        return days
    years = list(range(first.year, last.year + 1))
    for code in spec.holidays:
        country, _, subdiv = code.partition("-")
        table = holidays.country_holidays(country, subdiv=subdiv or None, years=years)
        language = _HOLIDAY_LANGUAGES.get(locale)
        if language in getattr(table, "supported_languages", ()):
            table = holidays.country_holidays(
                country, subdiv=subdiv or None, years=years, language=language
            )
        for day, name in sorted(table.items()):
            if first <= day <= last:
                days.setdefault(day, name)
    for day in spec.closed:
        if first <= day <= last:
            days.setdefault(day, LABELS.get(locale, LABELS["en"])["closed"])
    from babel.dates import format_date

    working = {WEEKDAYS.index(d) for d in spec.workweek}
    day = first
    while day <= last:
        if day.weekday() not in working:
            days.setdefault(day, format_date(day, "EEEE", locale=locale))
        day += dt.timedelta(days=1)
    return dict(sorted(days.items()))


def occurrence_dates(task: PlannedTask) -> list[dt.date]:
    """Every day a task happens on: its occurrences for a `repeat`, else its start."""
    return sorted({task.start, *task.occurrences})
