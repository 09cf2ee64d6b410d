"""The plan as text: one table per phase, dates in the playbook's language, and a Gantt bar.

Right-to-left text stays in logical order (terminals with bidi support lay it out; the rest
show it as stored). Every row starts with left-to-right characters (a mark and the task id) so
that a bidi terminal keeps the columns in place and only turns the Hebrew runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from launchkit.outputs.console import console_text, string_console
from launchkit.outputs.plan.gantt import bar, scale_for
from launchkit.outputs.plan.labels import labels
from launchkit.schedule.plan import Plan, PlannedTask

GANTT_WIDTH = 20


def format_text(plan: Plan, width: int = 120, color: bool = False) -> str:
    """`launchkit plan`: a heading, then per phase a table of tasks with a Gantt column."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    words = labels(plan.playbook.locale)
    day = _date_formatter(plan)
    console = string_console(width, color)
    console.print(Text(plan.playbook.title, style="bold"))
    console.print(f"{words['launch']}: L = {_long_date(plan.launch, plan.playbook.locale)}")
    waves = [
        s for s in plan.playbook.sites if plan.site_launch.get(s.id, plan.launch) != plan.launch
    ]
    if waves:
        listed = ", ".join(f"{s.id} {day(plan.site_launch[s.id])}" for s in waves)
        console.print(f"{words['site_launch']}: {listed}")
    quiet: dict[str, list[str]] = {}
    if plan.playbook.quiet:
        from launchkit.schedule.quiet import quiet_hits

        for hit in quiet_hits(plan):
            quiet.setdefault(hit.id, []).append(hit.window.reason)
        for reason in dict.fromkeys(quiet.get("launch", [])):
            console.print("L: " + words["quiet"].format(reason=reason), style="yellow")
    if not plan.tasks:
        console.print(words["empty"])
        return console_text(console)
    # A narrow terminal gets a shorter Gantt, then none, rather than a cropped one.
    gantt = GANTT_WIDTH if width >= 120 else GANTT_WIDTH // 2 if width >= 100 else 0
    scale = scale_for(plan.tasks, plan.launch, max(gantt, 1))
    for title, tasks in _by_phase(plan, words["other"]):
        table = Table(
            title=title,
            title_justify="left",
            title_style="bold",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            collapse_padding=True,
        )
        table.add_column("", no_wrap=True)
        table.add_column(
            "id", overflow="fold", min_width=_fit([t.id for t in tasks], 24 if gantt else 12)
        )
        table.add_column(words["title"], ratio=1, min_width=16 if gantt else 12, overflow="fold")
        owners = [words["owner"], *(t.owner or "" for t in tasks)]
        table.add_column(
            words["owner"], overflow="fold", min_width=_fit(owners, 12 if gantt else 7)
        )
        table.add_column(words["start"], no_wrap=True)
        table.add_column(words["end"], no_wrap=True)
        table.add_column(words["slack"], justify="right", min_width=len(words["slack"]))
        if gantt:
            table.add_column(_axis(scale.first, scale.last, gantt), no_wrap=True, min_width=gantt)
        for t in tasks:
            cells = [
                _mark(t),
                t.id,
                _title_cell(t, words, day, quiet.get(t.id, [])),
                t.owner or "",
                day(t.start) + (f" {t.at.strftime('%H:%M')}" if t.at else ""),
                day(t.end),
                "" if t.slack_bd is None else str(t.slack_bd),
            ]
            if gantt:
                cells.append(bar(t, scale))
            late = t.slack_bd is not None and t.slack_bd < 0
            table.add_row(*cells, style="red" if late else None)
        console.print()
        console.print(table)
    console.print()
    console.print(words["legend"], style="dim")
    if gantt:
        console.print(words["legend_launch"], style="dim")
    return console_text(console)


def _fit(cells: list[str], most: int) -> int:
    """A column's width: its widest cell, up to `most` (longer ones fold)."""
    return min(most, max(map(len, cells), default=1))


def _mark(t: PlannedTask) -> str:
    if t.slack_bd is not None and t.slack_bd < 0:
        return "!"
    return "*" if t.critical else ""


def _title_cell(
    t: PlannedTask, words: dict[str, str], day: Callable[[dt.date], str], quiet: list[str]
) -> str:
    lines = [t.title]
    for reason in dict.fromkeys(quiet):
        lines.append("  " + words["quiet"].format(reason=reason))
    for m in t.moved:
        lines.append("  " + words["moved"].format(date=day(m.original), reason=m.reason))
    if len(t.occurrences) > 1:
        lines.append("  " + words["repeats"].format(dates=", ".join(map(day, t.occurrences))))
    return "\n".join(lines)


def _by_phase(plan: Plan, other: str) -> list[tuple[str, list[PlannedTask]]]:
    """Tasks grouped under the playbook's phases in their order; within one, by start date."""
    order = {t.id: i for i, t in enumerate(plan.tasks)}
    groups: dict[str | None, list[PlannedTask]] = {}
    for t in plan.tasks:
        groups.setdefault(t.phase, []).append(t)
    titled = [(p.title, groups.pop(p.id, [])) for p in plan.playbook.phases]
    rest = [t for ts in groups.values() for t in ts]
    titled.append((other, rest))
    return [(title, sorted(ts, key=lambda t: (t.start, order[t.id]))) for title, ts in titled if ts]


def _axis(first: dt.date, last: dt.date, width: int) -> str:
    """The Gantt column's heading: its first and last day as day.month, to stay compact."""
    left, right = first.strftime("%d.%m"), last.strftime("%d.%m")
    if width < len(left) + len(right) + 1:
        return left
    return left + " " * (width - len(left) - len(right)) + right


def _date_formatter(plan: Plan) -> Callable[[dt.date], str]:
    """Short localised dates with the weekday (`Wed, 10/6`, `יום ד׳, 6.10`, `mer 6/10`).

    The year is left out when every date falls in the launch's year, which the heading gives.
    """
    from babel.dates import format_skeleton

    days = [d for t in plan.tasks for d in (t.start, t.end)] or [plan.launch]
    skeleton = "MEd" if min(days).year == max(days).year == plan.launch.year else "yMEd"
    locale = plan.playbook.locale

    def fmt(day: dt.date) -> str:
        return str(format_skeleton(skeleton, day, locale=locale))

    return fmt


def _long_date(day: dt.date, locale: str) -> str:
    from babel.dates import format_date

    return str(format_date(day, "full", locale=locale))
