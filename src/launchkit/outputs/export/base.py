"""What every exporter shares: options, the task selection, labels, and the non-working days."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from launchkit.schedule import Plan, PlannedTask, WorkCalendar


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
    force: bool = False
    """ICS: replace `previous` even when it is another playbook's calendar, carrying nothing over."""


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
        "done": "completata",
        "blocked": "bloccata",
        "skipped": "saltata",
    },
}


def labels(plan: Plan) -> dict[str, str]:
    """The labels in the playbook's locale."""
    from launchkit.model.locales import language_of

    return LABELS.get(language_of(plan.playbook.locale), LABELS["en"])


def owner_text(plan: Plan, task: PlannedTask) -> str | None:
    """`Dana Levi (Chief executive)` when `people` names the role, else the role, else None."""
    if task.owner is None:
        return None
    return plan.playbook.owner_label(task.owner)


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


def non_working_days(calendar: WorkCalendar, first: dt.date, last: dt.date) -> dict[dt.date, str]:
    """Every non-working day from `first` to `last` (inclusive), with what closes it.

    The reason comes from the scheduler's calendar: a holiday's name (in the playbook's language
    where `holidays` has it), the closed-day note, or the weekday's name.
    """
    days: dict[dt.date, str] = {}
    day = first
    while day <= last:
        why = calendar.why_closed(day)
        if why is not None:
            days[day] = why
        day += dt.timedelta(days=1)
    return days


def occurrence_dates(task: PlannedTask) -> list[dt.date]:
    """Every day a task happens on: its occurrences for a `repeat`, else its start."""
    return sorted({task.start, *task.occurrences})
