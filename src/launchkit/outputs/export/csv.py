"""CSV export: one row per task, or per occurrence of a repeating task, safe to open in Excel."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import TYPE_CHECKING

from launchkit.outputs.export.base import ExportOptions, occurrence_dates, selected

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

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection); a tab or
# carriage return in front of one is skipped by some of them, so those count too.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def neutralise(cell: str) -> str:
    """`'=1+2` for `=1+2`: a leading apostrophe makes spreadsheets show the text as typed.

    Plain numbers such as a negative slack (`-2`) stay numbers: they cannot run anything.
    """
    if cell.startswith(_FORMULA_START) and not _NUMBER.match(cell):
        return "'" + cell
    return cell


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
