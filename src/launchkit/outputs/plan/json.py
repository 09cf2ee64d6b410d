"""The plan as JSON: the stable contract of DESIGN.md, then a few additive keys."""

from __future__ import annotations

from typing import Any

from launchkit.outputs import jsontext
from launchkit.schedule.plan import Moved, Plan, PlannedTask


def plan_document(plan: Plan) -> dict[str, Any]:
    """The JSON document as Python values, keys in contract order."""
    doc: dict[str, Any] = {
        "launchkit": 1,
        "playbook": plan.playbook.id,
        "launch": plan.launch.isoformat(),
        "timezone": plan.timezone,
        "tasks": [task_document(t) for t in plan.tasks],
    }
    # Additive, after the contract's keys: each site's launch day (its wave).
    doc["sites"] = [
        {"id": s.id, "launch": plan.site_launch.get(s.id, plan.launch).isoformat()}
        for s in plan.playbook.sites
    ]
    return doc


def task_document(t: PlannedTask) -> dict[str, Any]:
    """One task: the contract's keys in their order, then deadline, latest_end, moved, length."""
    return {
        "id": t.id,
        "title": t.title,
        "phase": t.phase,
        "owner": t.owner,
        "site": t.site,
        "start": t.start.isoformat(),
        "end": t.end.isoformat(),
        "at": t.at.strftime("%H:%M") if t.at else None,
        "after": list(t.after),
        "status": t.status,
        "critical": t.critical,
        "slack_bd": t.slack_bd,
        "occurrences": [d.isoformat() for d in t.occurrences],
        "deadline": t.deadline.isoformat() if t.deadline else None,
        "latest_end": t.latest_end.isoformat() if t.latest_end else None,
        "moved": [moved_document(m) for m in t.moved],
        # Additive (issue 16): how long a timed task's event lasts; null for an all-day task.
        "length_minutes": int(t.length.total_seconds()) // 60 if t.length else None,
    }


def moved_document(m: Moved) -> dict[str, str]:
    """A moved date: which date, from, to, why."""
    return {
        "what": m.what,
        "from": m.original.isoformat(),
        "to": m.moved_to.isoformat(),
        "reason": m.reason,
    }


def format_json(plan: Plan) -> str:
    """`launchkit plan --format json`."""
    return jsontext.dumps(plan_document(plan)) + "\n"
