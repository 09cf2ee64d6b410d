"""Mermaid export: a `gantt` chart that GitHub renders in Markdown, optionally with a task table."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from launchkit.model import WEEKDAYS
from launchkit.outputs.export.base import (
    ExportOptions,
    labels,
    non_working_days,
    occurrence_dates,
    owner_text,
    phase_title,
    selected,
    site_name,
)

if TYPE_CHECKING:
    from launchkit.schedule import Plan, PlannedTask

_DAY_NAMES = dict(
    zip(
        WEEKDAYS,
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        strict=True,
    )
)

# Characters that would end or change a statement, written as Mermaid entity codes (`#58;`),
# which Mermaid turns back into the character when it draws the chart. `#` goes too, so that
# no text of the playbook can spell an entity itself; `%` because `%%{...}%%` is a directive;
# a backtick because three of them would end the Markdown fence around the chart.
_ESCAPE = {c: f"#{ord(c)};" for c in "#:;%`"}
# A statement starting with one of these words (case-insensitive) or with a date is not read as
# a task; such a title gets its first character written as an entity code instead.
_KEYWORD = re.compile(
    r"^(?:gantt\b|dateformat\s|inclusiveenddates\b|topaxis\b|axisformat\s|tickinterval\s|"
    r"includes\s|excludes\s|todaymarker\s|weekday\s|weekend\s|title\s|accdescription\s|"
    r"accdescr|acctitle|section\s|click\s|href\s|call\s|\d{4}-\d\d-\d\d)",
    re.IGNORECASE,
)


def escape(text: str) -> str:
    """Text that Mermaid shows as written and that cannot break out of its statement."""
    text = " ".join(text.split())
    escaped = "".join(_ESCAPE.get(c, c) for c in text)
    if _KEYWORD.match(escaped):
        escaped = f"#{ord(escaped[0])};{escaped[1:]}"
    return escaped


def export_mermaid(plan: Plan, options: ExportOptions) -> str:
    """The plan as a Mermaid gantt chart; with `options.markdown`, a fenced chart and a table."""
    tasks = selected(plan, options)
    chart = _gantt(plan, tasks)
    if not options.markdown:
        return chart
    return f"```mermaid\n{chart}```\n\n{_table(plan, tasks)}"


def _gantt(plan: Plan, tasks: list[PlannedTask]) -> str:
    lines = ["gantt", f"    title {escape(plan.playbook.title) or plan.playbook.id}"]
    lines.append("    dateFormat YYYY-MM-DD")
    excludes = [_DAY_NAMES[d] for d in WEEKDAYS if d not in plan.playbook.calendar.workweek]
    # Weekends are named above; only holidays and closed days need listing as dates. Mermaid
    # shades them across the chart; for a plan spanning years (a mistyped `due: 2120-01-01`)
    # only those under a bar are listed, so that the chart grows with the plan's tasks, not
    # with its span (issue 15).
    workweek = plan.playbook.calendar.workweek
    days = [d for t in tasks for d in (*occurrence_dates(t), t.end)]
    ranges = [(min(days), max(days))] if days else []
    if days and (max(days) - min(days)).days > LONG_SPAN_DAYS:
        ranges = _bars(tasks)
    closed: list[str] = []
    for first, last in ranges:
        for d in non_working_days(plan.calendar(), first, last):
            if WEEKDAYS[d.weekday()] in workweek and len(closed) < MAX_EXCLUDES:
                closed.append(d.isoformat())
    excludes += closed
    if excludes:
        lines.append(f"    excludes {', '.join(excludes)}")
    sections: dict[str | None, list[PlannedTask]] = {}
    for task in tasks:
        sections.setdefault(task.phase, []).append(task)
    order = [p.id for p in plan.playbook.phases]
    for phase in sorted(sections, key=lambda p: order.index(p) if p in order else len(order)):
        members = sections[phase]
        title = phase_title(plan, members[0]) if phase else labels(plan)["task"]
        lines.append(f"    section {escape(title or '-')}")
        for task in sorted(members, key=lambda t: (t.start, t.id)):
            lines += _task_lines(task)
    return "\n".join(lines) + "\n"


MAX_EXCLUDES = 400
"""Most holiday and closed-day dates listed: years of a busy holiday calendar."""
LONG_SPAN_DAYS = 5 * 366
"""A plan spanning more days than this lists only the holidays under its bars."""


def _bars(tasks: list[PlannedTask]) -> list[tuple[dt.date, dt.date]]:
    """The days the chart draws bars on, as merged (first, last) ranges."""
    ranges = sorted(
        (day, day + (t.end - t.start if not t.occurrences else dt.timedelta()))
        for t in tasks
        for day in occurrence_dates(t)
    )
    merged: list[tuple[dt.date, dt.date]] = []
    for first, last in ranges:
        if merged and first <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, max(first, last)))
    return merged


def _task_lines(task: PlannedTask) -> list[str]:
    tags = []
    if task.critical:
        tags.append("crit")
    if task.status == "done":
        tags.append("done")
    elif task.status == "doing":
        tags.append("active")
    zero = task.end < task.start or (
        task.task.duration is not None and task.task.duration.amount == 0
    )
    if zero or task.at is not None:
        tags.append("milestone")
    name = escape(task.title) or task.id
    ident = task.id.replace("@", "-at-")
    span = dt.timedelta(days=max((task.end - task.start).days, 0))
    days = occurrence_dates(task)
    lines = []
    for n, day in enumerate(days, start=1):
        key = ident if len(days) == 1 else f"{ident}-{n}"
        # Mermaid's end date is exclusive; a milestone is a point on its day.
        when = (
            f"{day.isoformat()}, 0d"
            if "milestone" in tags
            else (f"{day.isoformat()}, {(day + span + dt.timedelta(days=1)).isoformat()}")
        )
        lines.append(f"    {name} :{', '.join([*tags, key, when])}")
    return lines


def _cell(text: str | None) -> str:
    if not text:
        return ""
    text = " ".join(text.split()).replace("&", "&amp;")
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)


def _table(plan: Plan, tasks: list[PlannedTask]) -> str:
    words = labels(plan)
    head = [words[k] for k in ("task", "phase", "owner", "start", "end", "status")]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for task in sorted(tasks, key=lambda t: (t.start, t.id)):
        at = f" {task.at.strftime('%H:%M')}" if task.at is not None else ""
        days = occurrence_dates(task) if task.task.repeat else [task.start]
        start = ", ".join(d.isoformat() + at for d in days)
        status = words.get(task.status, task.status)
        if task.critical:
            status += f", {words['critical']}"
        title = task.title if task.site is None else f"{task.title} ({site_name(plan, task.site)})"
        cells = [
            _cell(title),
            _cell(phase_title(plan, task)),
            _cell(owner_text(plan, task)),
            start,
            task.end.isoformat() if not task.task.repeat else "",
            _cell(status),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"
