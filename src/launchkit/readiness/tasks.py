"""Findings about planned tasks: overdue, blocked, and a plan that already misses a deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from launchkit.diagnostics import Severity
from launchkit.model import Playbook
from launchkit.readiness.days import Note
from launchkit.readiness.findings import Finding, Phrase, Subject
from launchkit.readiness.waivers import apply_waiver
from launchkit.schedule import Plan, PlannedTask

_FINISHED = ("done", "skipped")


def evaluate_task(
    pt: PlannedTask, plan: Plan, as_of: dt.date, notes: Sequence[Note] = ()
) -> tuple[Subject, list[Finding]]:
    """The planned task as a subject, and its findings as of `as_of`; `notes` are warnings
    about the days it falls on (a quiet period, a half day), as (code, message, phrase)."""
    loaded = plan.loaded
    loc = loaded.task_loc(pt.id)
    line, col = loaded.where(loc)
    title = pt.title if pt.site is None else f"{pt.title} ({pt.site})"
    subject = Subject("task", pt.id, title, loaded.path, line, col, pt.end)
    found: list[Finding] = []

    pb = plan.playbook
    # Readers see the site's and the owner's names; the English message keeps the ids.
    shown = pt.title if pt.site is None else f"{pt.title} ({_site_name(plan, pt.site)})"
    who = _owner(pb, pt.owner)

    def add(severity: Severity, code: str, message: str, phrase: Phrase | None) -> None:
        found.append(
            Finding(severity, code, pt.id, message, loaded.path, line, col, "plan", phrase=phrase)
        )

    owner = f" (owner: {pt.owner})" if pt.owner else ""
    if pt.status not in _FINISHED and pt.end < as_of:
        add(
            Severity(pt.task.severity),
            "task-overdue",
            f"'{title}' was to end {pt.end.isoformat()} and is still {pt.status}{owner}",
            Phrase.of("task-overdue", title=shown, end=pt.end, status=pt.status, owner=who),
        )
    if pt.status == "blocked" and pt.start < as_of:
        add(
            Severity.WARNING,
            "task-blocked",
            f"'{title}' was to start {pt.start.isoformat()} and is blocked{owner}",
            Phrase.of("task-blocked", title=shown, start=pt.start, owner=who),
        )
    if pt.status not in _FINISHED and pt.slack_bd is not None and pt.slack_bd < 0:
        days = -pt.slack_bd
        deadline = f" {pt.deadline.isoformat()}" if pt.deadline else ""
        add(
            Severity.ERROR,
            "late-plan",
            f"'{title}' ends {pt.end.isoformat()}, {days} working day{'s' if days > 1 else ''} "
            f"after its deadline{deadline}: the plan cannot be kept",
            Phrase.of("late-plan", title=shown, end=pt.end, days=days, deadline=pt.deadline),
        )
    for code, message, phrase in notes:
        add(Severity.WARNING, code, message, phrase)
    return subject, apply_waiver(found, pt.task.waiver, as_of, loaded, loc, pt.id)


def _site_name(plan: Plan, site_id: str) -> str:
    return next((s.name for s in plan.playbook.sites if s.id == site_id), site_id)


def _owner(pb: Playbook, role: str | None) -> str | None:
    """`Dana Levi, Chief executive` (inside the message's own parentheses), else the role."""
    person = pb.people.get(role) if role else None
    if person is None:
        return role
    return f"{person.name}, {person.title}" if person.title else person.name
