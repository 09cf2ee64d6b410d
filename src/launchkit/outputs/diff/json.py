"""The plan diff as JSON, for CI steps and bots."""

from __future__ import annotations

from typing import Any

from launchkit.outputs import jsontext
from launchkit.outputs.diff.compare import DatedTask, PlanDiff


def diff_document(diff: PlanDiff) -> dict[str, Any]:
    """The JSON document as Python values."""
    return {
        "old": diff.old_label,
        "new": diff.new_label,
        "changed": not diff.empty,
        "launch": None
        if diff.launch is None
        else {
            "old": diff.launch.old.isoformat(),
            "new": diff.launch.new.isoformat(),
            "moved_bd": diff.launch.bd,
        },
        "tasks": {
            "added": [_dated(t) for t in diff.added],
            "removed": [_dated(t) for t in diff.removed],
            "moved": [
                {
                    "id": m.id,
                    "title": m.title,
                    "old_start": m.old_start.isoformat(),
                    "new_start": m.new_start.isoformat(),
                    "old_end": m.old_end.isoformat(),
                    "new_end": m.new_end.isoformat(),
                    "start_moved_bd": m.start_bd,
                    "end_moved_bd": m.end_bd,
                }
                for m in diff.moved
            ],
            "status": [{"id": s.id, "old": s.old, "new": s.new} for s in diff.status],
        },
        "critical": {"added": diff.now_critical, "removed": diff.no_longer_critical},
        "slack": [{"id": s.id, "old_bd": s.old, "new_bd": s.new} for s in diff.slack],
        "gates": [
            {"id": g.id, "title": g.title, "change": g.change, "details": g.details}
            for g in diff.gates
        ],
    }


def _dated(t: DatedTask) -> dict[str, str]:
    return {"id": t.id, "title": t.title, "start": t.start.isoformat(), "end": t.end.isoformat()}


def format_json(diff: PlanDiff) -> str:
    """The diff as indented JSON, one trailing newline."""
    return jsontext.dumps(diff_document(diff)) + "\n"
