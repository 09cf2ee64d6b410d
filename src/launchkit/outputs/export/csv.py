"""CSV export: one row per task, or per occurrence of a repeating task, safe to open in Excel."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import TYPE_CHECKING

from launchkit.outputs.export.base import ExportOptions, occurrence_dates, selected
from launchkit.outputs.spreadsheet import neutralise

if TYPE_CHECKING:
    from launchkit.schedule import Plan, PlannedTask

COLUMNS = (
    "id",
    "occurrence",
    "title",
    "phase",
    "owner",
    "owner_name",
    "owner_email",
    "site",
    "start",
    "end",
    "at",
    "after",
    "status",
    "critical",
    "slack_bd",
    "source",
    "moved",
)
"""The plan's columns (as in `plan --format json`), one occurrence per row."""


def export_csv(plan: Plan, options: ExportOptions) -> str:
    """The plan as CSV text: a UTF-8 byte-order mark (so Excel reads Hebrew), CRLF rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for task in selected(plan, options):
        for row in _rows(plan, task):
            writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff" + out.getvalue()


def _rows(plan: Plan, task: PlannedTask) -> list[list[str]]:
    person = plan.playbook.people.get(task.owner or "")
    span = dt.timedelta(days=max((task.end - task.start).days, 0))
    days = occurrence_dates(task) if task.task.repeat else [task.start]
    rows = []
    for n, day in enumerate(days, start=1):
        end = day + span if task.task.repeat else task.end
        rows.append(
            [
                task.id,
                str(n) if task.task.repeat else "",
                task.title,
                task.phase or "",
                task.owner or "",
                person.name if person else "",
                (person.email or "") if person else "",
                task.site or "",
                day.isoformat(),
                end.isoformat(),
                task.at.strftime("%H:%M") if task.at else "",
                " ".join(task.after),
                task.status,
                "true" if task.critical else "false",
                "" if task.slack_bd is None else str(task.slack_bd),
                " ".join(task.task.source),
                "; ".join(
                    m.note() for m in task.moved if m.moved_to == day or not task.task.repeat
                ),
            ]
        )
    return rows
