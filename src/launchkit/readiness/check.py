"""`check_readiness`: every gate and task of a plan judged as of a day."""

from __future__ import annotations

import datetime as dt

from launchkit.readiness.dates import WorkingDays
from launchkit.readiness.findings import Finding, Report, Subject
from launchkit.readiness.gates import GateContext, evaluate_gate
from launchkit.readiness.metrics import Metrics, inline_metrics
from launchkit.readiness.tasks import evaluate_task
from launchkit.schedule import Plan


def check_readiness(
    plan: Plan,
    as_of: dt.date,
    metrics: Metrics | None = None,
    *,
    calendar: WorkingDays | None = None,
    strict: bool = False,
) -> Report:
    """Judge the plan's gates and tasks as of `as_of`.

    `metrics` are the values of a --metrics file; they override the playbook's inline
    `metrics:` name by name. `calendar` is the playbook's working-day calendar, which places a
    gate's `by` and counts working days for rules (default: the plan's own).
    """
    if calendar is None:
        calendar = plan.calendar()
    values = {**inline_metrics(plan.loaded), **(metrics or {})}
    ctx = GateContext(plan, as_of, values, calendar)
    subjects: list[Subject] = []
    findings: list[Finding] = []
    for index, gate in enumerate(plan.playbook.gates):
        subject, found = evaluate_gate(index, gate, ctx)
        subjects.append(subject)
        findings.extend(found)
    for pt in plan.tasks:
        subject, found = evaluate_task(pt, plan, as_of)
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
