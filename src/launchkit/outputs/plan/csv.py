"""The plan as CSV, one row per planned task, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from launchkit.outputs.spreadsheet import neutralise
from launchkit.schedule.plan import Plan

COLUMNS = (
    "id",
    "title",
    "phase",
    "owner",
    "site",
    "start",
    "end",
    "at",
    "after",
    "status",
    "critical",
    "slack_bd",
    "occurrences",
    "deadline",
    "moved",
)


def format_csv(plan: Plan) -> str:
    """`launchkit plan --format csv`: the JSON's columns; lists joined by spaces, notes by `; `."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for t in plan.tasks:
        writer.writerow(
            [
                t.id,
                neutralise(t.title),
                t.phase or "",
                t.owner or "",
                t.site or "",
                t.start.isoformat(),
                t.end.isoformat(),
                t.at.strftime("%H:%M") if t.at else "",
                " ".join(t.after),
                t.status,
                "true" if t.critical else "false",
                "" if t.slack_bd is None else str(t.slack_bd),
                " ".join(d.isoformat() for d in t.occurrences),
                t.deadline.isoformat() if t.deadline else "",
                neutralise("; ".join(m.note() for m in t.moved)),
            ]
        )
    return out.getvalue()
