"""The plan as text: one table per phase, dates in the playbook's language, and a Gantt bar.

The table is laid out here, not by rich, so that three promises hold at any width:
- an id is never broken (users type ids into `launchkit done`): its column is as wide as the
  longest id, and the title and owner columns wrap between words instead;
- every column is present in the same order on every line (mark, id, title, owner, start, end,
  slack, then the Gantt), the Gantt taking whatever width is left;
- right-to-left text reads right in both kinds of terminal. In `logical` order (files, pipes,
  terminals with bidi: GNOME's VTE, Konsole, mlterm) each line starts with a left-to-right mark
  and each cell ends with one, so a bidi terminal keeps the columns in place and only turns the
  Hebrew inside each cell. In `visual` order (terminals without bidi) each wrapped line of a
  cell is reordered for display with `python-bidi`, so Hebrew is not shown letters-reversed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from launchkit.model.locales import babel_locale, is_rtl
from launchkit.outputs.plan.gantt import bar, scale_for
from launchkit.outputs.plan.labels import labels
from launchkit.schedule.plan import Plan, PlannedTask

Order = Literal["logical", "visual"]
LRM = "\u200e"
GAP = "  "
TITLE_MIN = 24
"""A title narrower than this wraps too often to read; the Gantt gives way first."""
OWNER_MIN = 8
GANTT_MIN = 10
GANTT_MAX = 60


def format_text(plan: Plan, width: int = 120, color: bool = False, order: Order = "logical") -> str:
    """`launchkit plan`: a heading, then per phase a table of tasks with a Gantt column."""

    words = labels(plan.playbook.locale)
    rtl = is_rtl(plan.playbook.locale)
    cell = _cell_writer(rtl, order)
    out: list[tuple[str, str]] = []

    def say(text: str, style: str = "") -> None:
        import textwrap

        # Whole words only: a line too long for the terminal continues on the next one.
        for line in textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False):
            out.append((cell(line, last=True), style))

    say(plan.playbook.title, "bold")
    say(f"{words['launch']}: L = {_long_date(plan.launch, plan.playbook.locale)}")
    waves = [
        s for s in plan.playbook.sites if plan.site_launch.get(s.id, plan.launch) != plan.launch
    ]
    if waves:
        day = _date_formatter(plan, False)
        listed = ", ".join(f"{s.id} {day(plan.site_launch[s.id])}" for s in waves)
        say(f"{words['site_launch']}: {listed}")
    quiet: dict[str, list[str]] = {}
    if plan.playbook.quiet:
        from launchkit.schedule.quiet import quiet_hits

        for hit in quiet_hits(plan):
            quiet.setdefault(hit.id, []).append(hit.window.reason)
        for reason in dict.fromkeys(quiet.get("launch", [])):
            say("L: " + words["quiet"].format(reason=reason), "yellow")
    if not plan.tasks:
        say(words["empty"])
        return _print(out, color)
    # Dates with the weekday where there is room; day and month alone on a narrow terminal.
    for short in (False, True):
        day = _date_formatter(plan, short)
        rows = [_row(t, plan, words, day, quiet.get(t.id, [])) for t in plan.tasks]
        layout = _layout(rows, words, width, plan)
        if not layout.stacked:
            break
    scale = scale_for(plan.tasks, plan.launch, max(layout.gantt, 1))
    brief = _date_formatter(plan, True)
    by_id = {r.id: r for r in rows}
    for title, tasks in _by_phase(plan, words["other"]):
        out.append(("", ""))
        say(title, "bold")
        header = _Row(None, "", "id", words["title"], words["owner"], words["start"],
                      words["end"], words["slack"])  # fmt: skip
        axis = _axis(scale.first, scale.last, layout.gantt, brief) if layout.gantt else ""
        out += [(line, "bold") for line in _lines(header, layout, cell, axis)]
        out.append(("─" * min(width, layout.total), ""))
        for t in tasks:
            row = by_id[t.id]
            late = t.slack_bd is not None and t.slack_bd < 0
            lines = _lines(row, layout, cell, bar(t, scale) if layout.gantt else "")
            out += [(line, "red" if late else "") for line in lines]
    out.append(("", ""))
    say(words["legend"], "dim")
    if layout.gantt:
        say(words["legend_launch"], "dim")
    return _print(out, color)


def _print(lines: list[tuple[str, str]], color: bool) -> str:
    """The lines as text; with `color`, each with its style (bold, red, dim) in ANSI codes."""
    if not color:
        return "\n".join(line.rstrip() for line, _ in lines) + "\n"
    from rich.text import Text

    from launchkit.outputs.console import console_text, string_console

    # As wide as the longest line: the layout has already fitted them; rich must not wrap.
    console = string_console(max((len(line) for line, _ in lines), default=1) + 1, True)
    for line, style in lines:
        console.print(Text(line, style=style), no_wrap=True, crop=False)
    return console_text(console)


@dataclass(frozen=True)
class _Row:
    """One task's cells as text, before wrapping."""

    task: PlannedTask | None
    mark: str
    id: str
    title: str
    owner: str
    start: str
    end: str
    slack: str


@dataclass(frozen=True)
class _Layout:
    """Column widths in terminal cells."""

    id: int
    title: int
    owner: int
    start: int
    end: int
    slack: int
    gantt: int
    stacked: bool = False
    """Too narrow for the ids beside the other cells: each id gets a line of its own."""

    @property
    def total(self) -> int:
        widths = [1, self.title, self.owner, self.start, self.end, self.slack]
        widths += [self.id] if not self.stacked else []
        widths += [self.gantt] if self.gantt else []
        return sum(widths) + len(GAP) * (len(widths) - 1)


def _row(
    t: PlannedTask,
    plan: Plan,
    words: dict[str, str],
    day: Callable[[dt.date], str],
    quiet: list[str],
) -> _Row:
    return _Row(
        t,
        _mark(t),
        t.id,
        _title_cell(t, words, day, quiet),
        plan.playbook.owner_label(t.owner),
        day(t.start) + (f" {_time(t.at, plan.playbook.locale)}" if t.at else ""),
        day(t.end),
        "" if t.slack_bd is None else str(t.slack_bd),
    )


def _layout(rows: list[_Row], words: dict[str, str], width: int, plan: Plan) -> _Layout:
    """Widths for every column at `width`: fixed columns at their widest cell, ids whole, the
    rest shared between title, owner and the Gantt, the Gantt only when the title keeps room."""
    from rich.cells import cell_len

    def widest(cells: list[str], heading: str) -> int:
        lines = [line for c in cells for line in c.split("\n")]
        return max([cell_len(heading), *map(cell_len, lines)])

    ids = widest([r.id for r in rows], "id")
    start = widest([r.start for r in rows], words["start"])
    end = widest([r.end for r in rows], words["end"])
    slack = widest([r.slack for r in rows], words["slack"])
    fixed = 1 + ids + start + end + slack + len(GAP) * 6
    stacked = width - fixed < TITLE_MIN + OWNER_MIN
    if stacked:
        fixed -= ids + len(GAP)
    room = max(width - fixed, TITLE_MIN // 2 + OWNER_MIN)
    owners = widest([r.owner for r in rows], words["owner"])
    # Wide enough for the longest word of a name or title, so that none is cut in two.
    word = max((cell_len(w) for r in rows for w in r.owner.split()), default=0)
    owner = min(owners, max(OWNER_MIN, room // 4, min(word, room // 2)))
    title = room - owner
    titles = widest([r.title for r in rows], words["title"])
    spare = title - max(TITLE_MIN, min(titles, title)) - len(GAP)
    if title > TITLE_MIN and spare < GANTT_MIN:
        # Give the Gantt the title's excess over its minimum, if that is enough for a strip.
        spare = title - TITLE_MIN - len(GAP)
    days = (max(t.end for t in plan.tasks) - min(t.start for t in plan.tasks)).days + 1
    gantt = min(spare, GANTT_MAX, max(days, GANTT_MIN)) if spare >= GANTT_MIN else 0
    if gantt:
        title -= gantt + len(GAP)
    return _Layout(ids, title, owner, start, end, slack, gantt, stacked)


def _lines(row: _Row, layout: _Layout, cell: Callable[..., str], gantt: str) -> list[str]:
    """The row's lines: wrapped title and owner, every other cell on the first line."""
    titles = _wrap(row.title, layout.title)
    owners = _wrap(row.owner, layout.owner)
    height = max(len(titles), len(owners), 1)
    lines = []
    lead = cell("", 0, last=True)
    if layout.stacked:
        # The id whole on a line of its own, the row's other cells under it.
        lines.append(lead + GAP.join([cell(row.mark, 1), row.id]).rstrip())
    for i in range(height):
        first = i == 0
        cells = [(row.mark if first and not layout.stacked else "", 1, False)]
        if not layout.stacked:
            cells.append((row.id if first else "", layout.id, False))
        cells += [
            (titles[i] if i < len(titles) else "", layout.title, False),
            (owners[i] if i < len(owners) else "", layout.owner, False),
            (row.start if first else "", layout.start, False),
            (row.end if first else "", layout.end, False),
            (row.slack if first else "", layout.slack, True),
        ]
        if layout.gantt:
            cells.append((gantt if first else "", layout.gantt, False))
        line = GAP.join(cell(text, width, right) for text, width, right in cells)
        lines.append(lead + line.rstrip())
    return lines


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells, broken between words; a note line keeps its indent."""
    import textwrap

    lines: list[str] = []
    for part in text.split("\n"):
        indent = part[: len(part) - len(part.lstrip(" "))]
        lines += textwrap.wrap(
            part.strip(),
            width=max(width, len(indent) + 4),
            initial_indent=indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
        ) or [""]
    return lines


def _cell_writer(rtl: bool, order: Order) -> Callable[..., str]:
    """A function `(text, width=0, right=False, last=False) -> str` that pads one cell (or,
    with `last`, writes a whole line's lead) for the playbook's direction and the order."""
    from rich.cells import cell_len

    if rtl and order == "visual":
        from bidi.algorithm import get_display  # mirrors brackets; bidi.get_display does not

        def visual(text: str, width: int = 0, right: bool = False, last: bool = False) -> str:
            shown = str(get_display(text, base_dir="R")) if text else ""
            if last:
                return shown
            pad = " " * max(0, width - cell_len(shown))
            return pad + shown if right else shown + pad

        return visual

    def logical(text: str, width: int = 0, right: bool = False, last: bool = False) -> str:
        pad = " " * max(0, width - cell_len(text))
        if last:
            # A line's lead: in a right-to-left plan, a mark that makes every line a
            # left-to-right paragraph, so that a bidi terminal keeps the columns in order.
            return (LRM + text) if rtl else text
        if rtl and text:
            text += LRM  # ends a cell's right-to-left run before the next column
        return pad + text if right else text + pad

    return logical


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


def _axis(first: dt.date, last: dt.date, width: int, day: Callable[[dt.date], str]) -> str:
    """The Gantt column's heading: its first and last day, as short as the locale writes them."""
    left, right = day(first), day(last)
    if width < len(left) + len(right) + 1:
        return left[:width]
    return left + " " * (width - len(left) - len(right)) + right


def _date_formatter(plan: Plan, short: bool = False) -> Callable[[dt.date], str]:
    """Short localised dates with the weekday (`Wed, 10/6`, `יום ד׳, 6.10`, `mer 6/10`), or
    without it when `short` (`10/6`, `6.10`).

    The year is left out when every date falls in the launch's year, which the heading gives.
    """
    from babel.dates import format_skeleton

    days = [d for t in plan.tasks for d in (t.start, t.end)] or [plan.launch]
    one_year = min(days).year == max(days).year == plan.launch.year
    skeleton = ("Md" if one_year else "yyMd") if short else ("MEd" if one_year else "yMEd")
    locale = babel_locale(plan.playbook.locale)

    def fmt(day: dt.date) -> str:
        return str(format_skeleton(skeleton, day, locale=locale))

    return fmt


def _time(at: dt.time, locale: str) -> str:
    """A time of day as the locale writes it: 13:30, or 1:30 PM in American English."""
    from babel.dates import format_time

    return str(format_time(at, "short", locale=babel_locale(locale)))


def _long_date(day: dt.date, locale: str) -> str:
    from babel.dates import format_date

    return str(format_date(day, "full", locale=babel_locale(locale)))
