"""`check_readiness`: every gate and task of a plan judged as of a day."""

from __future__ import annotations

import datetime as dt

from launchkit.diagnostics import Severity
from launchkit.readiness.days import Notes, day_notes
from launchkit.readiness.findings import Finding, Report, Subject
from launchkit.readiness.forecast import History
from launchkit.readiness.gates import GateContext, evaluate_gate
from launchkit.readiness.metrics import Metrics, inline_metrics
from launchkit.readiness.tasks import evaluate_task
from launchkit.schedule import Plan
from launchkit.schedule.dates import WorkingDays


def check_readiness(
    plan: Plan,
    as_of: dt.date,
    metrics: Metrics | None = None,
    *,
    calendar: WorkingDays | None = None,
    strict: bool = False,
    history: History | None = None,
) -> Report:
    """Judge the plan's gates and tasks as of `as_of`.

    `metrics` are the values of a --metrics file; they override the playbook's inline
    `metrics:` name by name. `calendar` is the playbook's working-day calendar, which places a
    gate's `by` and counts working days for rules (default: the plan's own). `history` holds
    the metrics' dated values, from which each metric gate not yet due gets a forecast.
    """
    if calendar is None:
        calendar = plan.calendar()
    values = {**inline_metrics(plan.loaded), **(metrics or {})}
    ctx = GateContext(plan, as_of, values, calendar, history)
    subjects: list[Subject] = []
    findings: list[Finding] = []
    for index, gate in enumerate(plan.playbook.gates):
        subject, found = evaluate_gate(index, gate, ctx)
        subjects.append(subject)
        findings.extend(found)
    notes = day_notes(plan, as_of)
    for pt in plan.tasks:
        subject, found = evaluate_task(pt, plan, as_of, notes.get(pt.id, ()))
        subjects.append(subject)
        findings.extend(found)
    for subject, found in _launch_days(plan, notes):
        subjects.append(subject)
        findings.extend(found)
    loaded = plan.loaded
    return Report(
        playbook=plan.playbook.id,
        file=loaded.path,
        as_of=as_of,
        launch=plan.launch,
        findings=findings,
        locale=plan.playbook.locale,
        subjects=subjects,
        strict=strict,
        sources={loaded.path: loaded.doc.text},
    )


def _launch_days(plan: Plan, notes: Notes) -> list[tuple[Subject, list[Finding]]]:
    """Launch day and the site waves, as subjects, where a note concerns them."""
    loaded = plan.loaded
    out = []
    places: list[tuple[str, str, tuple[str | int, ...], dt.date]] = [
        ("launch", "Launch day", ("launch",), plan.launch)
    ]
    for i, site in enumerate(plan.playbook.sites):
        wave = plan.site_launch.get(site.id, plan.launch)
        places.append((f"launch@{site.id}", f"Launch at {site.name}", ("sites", i, "launch"), wave))
    for id, title, loc, day in places:
        if id not in notes:
            continue
        while loc and not loaded.doc.has(list(loc)):
            loc = loc[:-1]
        line, col = loaded.where(loc)
        found = [
            Finding(
                Severity.WARNING, code, id, message, loaded.path, line, col, "plan", phrase=phrase
            )
            for code, message, phrase in notes[id]
        ]
        out.append((Subject("task", id, title, loaded.path, line, col, day), found))
    return out
