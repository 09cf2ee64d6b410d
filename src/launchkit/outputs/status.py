"""`launchkit status`: progress at a glance, as of a day.

Counts are of planned tasks, so a per-site task counts once per site. A task counts as done
when its status (its site's status, for a per-site copy) is `done` or `skipped`. "Due this
week" lists the open tasks that end from the as-of day through the last day of the playbook's
work week (Sunday to Thursday for an Israeli playbook), and its heading gives those days; a task
is overdue when it ended before the as-of day and is still open, as `check` counts it.

Owners are shown by name and title (`people`), never by the role id. Words and dates are in the
playbook's locale (the table `plan` uses, dates through Babel with
the weekday). Every row starts with an id, left-to-right, so that a bidi terminal keeps the
columns of a Hebrew status in place, as `plan` does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from launchkit.model import WEEKDAYS, Playbook
from launchkit.model.locales import babel_locale, is_rtl
from launchkit.outputs.console import console_text, string_console
from launchkit.outputs.plan.labels import labels
from launchkit.schedule.plan import Plan, PlannedTask

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from launchkit.readiness.forecast import Forecast, History

WEEKDAY_INDEX: dict[str, int] = {d: i for i, d in enumerate(WEEKDAYS)}

__all__ = ["Progress", "Status", "format_status", "summarize"]

CLOSED = ("done", "skipped")
BAR_WIDTH = 20


@dataclass(frozen=True)
class Progress:
    """Done and total planned tasks of one group (a phase, a site, or the whole plan)."""

    id: str
    """The phase's or site's id; the playbook's for the whole plan; empty for tasks in no phase."""
    label: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


@dataclass(frozen=True)
class Item:
    """One task in a list (due, overdue)."""

    id: str
    title: str
    end: dt.date
    status: str
    owner: str | None


@dataclass(frozen=True)
class GateDue:
    """The next gate to fall due."""

    id: str
    title: str
    by: dt.date
    working_days: int
    """Working days from the as-of day to the gate's day."""


@dataclass(frozen=True)
class GateForecast:
    """A metric gate not yet due and where its metric's trend puts it on the gate's day."""

    id: str
    by: dt.date
    target: float
    misses: bool
    forecast: Forecast | None
    """None: too few dated values to forecast."""


@dataclass(frozen=True)
class Status:
    """Everything `launchkit status` shows."""

    title: str
    playbook: str
    as_of: dt.date
    launch: dt.date
    to_launch: int
    """Working days from the as-of day to launch day (negative once launched)."""
    locale: str
    """The playbook's locale: the language of the words and dates."""
    overall: Progress
    phases: list[Progress]
    sites: list[Progress]
    due: list[Item]
    overdue: list[Item]
    next_gate: GateDue | None
    forecasts: list[GateForecast] = field(default_factory=list)
    """Metric gates not yet due, projected to their day (with `--metrics` history)."""
    week: tuple[dt.date, dt.date] | None = None
    """First and last working weekday of the week "due this week" covers."""


def summarize(plan: Plan, as_of: dt.date, history: History | None = None) -> Status:
    """The progress of a dated plan as of a day; with a metrics history, its forecasts."""
    pb = plan.playbook
    words = labels(pb.locale)
    calendar = plan.calendar()
    phases = [
        _progress(p.id, p.title, [t for t in plan.tasks if t.phase == p.id]) for p in pb.phases
    ]
    loose = [t for t in plan.tasks if t.phase not in {p.id for p in pb.phases}]
    if loose and pb.phases:
        phases.append(_progress("", words["no_phase"], loose))
    sites = [
        _progress(s.id, s.name, copies)
        for s in pb.sites
        if (copies := [t for t in plan.tasks if t.site == s.id])
    ]
    open_ = [t for t in plan.tasks if t.status not in CLOSED]
    week_start, week_end = work_week(pb.calendar.workweek, as_of)
    return Status(
        title=pb.title,
        playbook=pb.id,
        as_of=as_of,
        launch=plan.launch,
        to_launch=calendar.count(as_of, plan.launch),
        locale=pb.locale,
        overall=_progress(pb.id, words["all_tasks"], plan.tasks),
        phases=phases,
        sites=sites,
        due=_items(pb, (t for t in open_ if as_of <= t.end <= week_end)),
        overdue=_items(pb, (t for t in open_ if t.end < as_of)),
        week=(week_start, week_end),
        next_gate=_next_gate(plan, as_of),
        forecasts=_forecasts(plan, as_of, history) if history is not None else [],
    )


def _forecasts(plan: Plan, as_of: dt.date, history: History) -> list[GateForecast]:
    from launchkit.readiness.forecast import gate_outlook
    from launchkit.schedule.dates import due_day

    out = []
    for gate in plan.playbook.gates:
        by = due_day(gate.by, plan.launch, plan.calendar())
        if by <= as_of:
            continue
        outlook = gate_outlook(gate, history.get(gate.metric or "", []), by)
        if outlook is not None:
            out.append(GateForecast(gate.id, by, outlook.target, outlook.misses, outlook.forecast))
    return out


def _progress(id: str, label: str, tasks: list[PlannedTask]) -> Progress:
    return Progress(id, label, sum(t.status in CLOSED for t in tasks), len(tasks))


def work_week(workweek: Sequence[str], as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last working weekday of the reader's week around `as_of`.

    The week is the playbook's work week: Sunday to Thursday in Israel, Monday to Friday in
    Italy. It starts on the first work day that follows a day off; on a day off after the
    week's last work day (a Friday in Israel, a Saturday in Italy), "this week" is the next one.
    """
    days = [WEEKDAY_INDEX[d] for d in workweek] or [0, 1, 2, 3, 4]
    on = set(days)
    first = next((d for d in range(7) if d in on and (d - 1) % 7 not in on), min(days))
    offset = (as_of.weekday() - first) % 7
    start = as_of - dt.timedelta(days=offset)
    last = max((d - first) % 7 for d in on)
    if offset > last:  # the week's work is over: the reader means the coming week
        start += dt.timedelta(days=7)
    return start, start + dt.timedelta(days=last)


def _items(pb: Playbook, tasks: Iterable[PlannedTask]) -> list[Item]:
    found = [Item(t.id, t.title, t.end, t.status, pb.owner_label(t.owner)) for t in tasks]
    return sorted(found, key=lambda i: (i.end, i.id))


def _next_gate(plan: Plan, as_of: dt.date) -> GateDue | None:
    from launchkit.schedule.offsets import resolve

    calendar = plan.calendar()
    upcoming: list[GateDue] = []
    for gate in plan.playbook.gates:
        day = plan.launch if gate.by is None else resolve(gate.by, calendar, plan.launch)
        day = calendar.on_or_before(day)  # as `check` does: due the working day before
        if day >= as_of:
            upcoming.append(GateDue(gate.id, gate.title, day, calendar.count(as_of, day)))
    return min(upcoming, key=lambda g: (g.by, g.id), default=None)


def format_status(
    status: Status, width: int = 80, color: bool = False, order: str = "logical"
) -> str:
    """The status as text: progress bars per phase and site, due and overdue tasks, next gate.

    `order="visual"` reorders right-to-left text for terminals without bidi (see `plan`): each
    cell, and each line of a wrapped cell, is turned with `python-bidi`.
    """
    from rich.cells import cell_len
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    words = labels(status.locale)
    date = _date_formatter(status)
    visual = order == "visual" and is_rtl(status.locale)
    v = _visual if visual else _logical

    def day(d: dt.date) -> str:
        return v(date(d))

    def wrapped(text: str, width: int) -> str:
        if not visual:
            return text
        import textwrap

        return "\n".join(v(line) for line in textwrap.wrap(text, max(width, 4)) or [""])

    console = string_console(width, color)
    console.print(Text(v(f"{status.title} ({status.playbook})"), style="bold"))
    as_of = words["as_of"].format(date=_long_date(status.as_of, status.locale))
    console.print(wrapped(f"{as_of}: {_launch_line(status, words)}", width))
    rows_by_heading = (
        (words["phases"], [status.overall, *status.phases]),
        (words["sites"], status.sites),
    )
    for heading, rows in rows_by_heading:
        if not rows:
            continue
        console.print(Text(v(heading), style="bold"))
        table = Table(box=None, show_header=False)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=visual)
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        for p in rows:
            # Tasks in no phase have no id: a left-to-right mark stands in for it, so that a
            # bidi terminal still lays the row out left to right.
            table.add_row(p.id or LRM, v(p.label), _bar(p), f"{p.done}/{p.total}", f"{p.percent}%")
        console.print(Padding(table, (0, 0, 0, 1)))
    for heading, items, style in (
        (words["overdue"], status.overdue, "red"),
        (_week_heading(status, words, date), status.due, "yellow"),
    ):
        console.print(Text(v(f"{heading} ({len(items)})"), style=f"bold {style}"))
        if not items:
            console.print(f"  {v(words['none'])}")
            continue
        statuses = [v(words[i.status]) for i in items]
        dates = [day(i.end) for i in items]
        id_w, owner_w, stacked = _widths(items, dates, statuses, width)
        date_w, status_w = max(map(cell_len, dates)), max(map(cell_len, statuses))
        # The indent (3 under a stacked id, else 1) and a blank either side of each column.
        title_w = width - (3 if stacked else 1) - 2 * (4 if stacked else 5) - date_w
        title_w -= owner_w + status_w
        title_w -= 0 if stacked else id_w

        title_w = min(max(title_w, 8), max(cell_len(i.title) for i in items))
        columns = [0 if stacked else id_w, date_w, title_w, owner_w, status_w]
        table = _item_table(columns)
        for i in items:
            cells = [
                day(i.end),
                wrapped(i.title, title_w),
                wrapped(i.owner or "-", owner_w),
                v(words[i.status]),
            ]
            if not stacked:
                table.add_row(i.id, *cells)
                continue
            # Too narrow for the id beside the rest: the id whole on its own line (users type
            # it into `launchkit done`), the row's cells under it, in the same columns.
            mark = LRM if is_rtl(status.locale) else ""
            console.print(Text(f"  {mark}{i.id}"), no_wrap=True, crop=False)
            one = _item_table(columns)
            one.add_row(*cells)
            console.print(Padding(one, (0, 0, 0, 3)))
        if not stacked:
            console.print(Padding(table, (0, 0, 0, 1)))
    console.print(Text(v(words["next_gate"]), style="bold"))
    gate = status.next_gate
    if gate is None:
        console.print(f"  {v(words['no_gate'])}")
    else:
        when = _in_days(gate.working_days, status.locale, words)
        table = Table(box=None, show_header=False)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column()
        room = width - cell_len(gate.id) - cell_len(date(gate.by)) - 7
        table.add_row(gate.id, day(gate.by), wrapped(f"{gate.title} ({when})", room))
        console.print(Padding(table, (0, 0, 0, 1)))
    if status.forecasts:
        console.print(Text(words["forecasts"], style="bold"))
        table = Table(box=None, show_header=False)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column()
        for f in status.forecasts:
            table.add_row(f.id, day(f.by), _forecast_text(f, words, day))
        console.print(Padding(table, (0, 0, 0, 1)))
    return console_text(console)


def _forecast_text(f: GateForecast, words: dict[str, str], day: Callable[[dt.date], str]) -> Text:
    from rich.text import Text as RichText

    from launchkit.readiness.metrics import format_value

    if f.forecast is None:
        return RichText(words["too_few"])
    a = f.forecast
    text = RichText(f"{a.value:.0f} ({a.low:.0f}–{a.high:.0f})", style="red" if f.misses else "")
    text.append(f", {words['needs']} {format_value(f.target)}")
    if a.crossing is not None:
        text.append("; " + words["reaches"].format(date=day(a.crossing)))
    return text


def _visual(text: str) -> str:
    from bidi.algorithm import get_display  # mirrors brackets; bidi.get_display does not

    return str(get_display(text, base_dir="R")) if text else text


def _logical(text: str) -> str:
    return text


def _week_heading(status: Status, words: dict[str, str], day: Callable[[dt.date], str]) -> str:
    """`Due this week, Mon 11 Jan – Fri 15 Jan`: the heading says which days it means."""
    if status.week is None:
        return words["due_week"]
    first, last = status.week
    return words["due_week_dates"].format(first=day(first), last=day(last))


LRM = "\u200e"
TITLE_WIDTH = 16
NEAR_DAYS = 120


def _item_table(widths: list[int]) -> Table:
    """A table of task rows: id (left out when its width is 0), date, title, owner, status."""
    from rich.table import Table

    table = Table(box=None, show_header=False)
    for index, width in enumerate(widths):
        if width:
            table.add_column(no_wrap=index in (0, 1, 4), width=width)
    return table


def _widths(
    items: list[Item], dates: list[str], statuses: list[str], width: int
) -> tuple[int, int, bool]:
    """Widths of the id and owner columns of a task list on a console `width` wide, and whether
    the ids need lines of their own.

    Ids are never broken (users type them into `launchkit done`); the date and the status stay
    whole; the title keeps `TITLE_WIDTH` columns, else each id goes on a line of its own.
    """
    from rich.cells import cell_len

    # One blank of indent, and rich pads each of the five columns with a blank either side.
    room = width - 1 - 10 - max(map(cell_len, dates)) - max(map(cell_len, statuses))
    owners = [i.owner or "-" for i in items]
    word = max((cell_len(w) for o in owners for w in o.split()), default=1)
    owner = min(max(map(cell_len, owners)), max(8, room // 4, min(word, room // 2)))
    ids = max(cell_len(i.id) for i in items)
    return ids, owner, room - ids - owner < TITLE_WIDTH


def _bar(p: Progress) -> str:
    # Block characters rather than rich's ProgressBar: its empty part differs only by colour,
    # which a CI log, a pipe or a golden file does not keep.
    filled = round(BAR_WIDTH * p.done / p.total) if p.total else BAR_WIDTH
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def _launch_line(status: Status, words: dict[str, str]) -> str:
    day = _long_date(status.launch, status.locale)
    if status.to_launch > 0:
        when = _in_days(status.to_launch, status.locale, words)
        return words["launch_in"].format(date=day, when=when)
    if status.to_launch == 0 and status.as_of == status.launch:
        return words["launch_today"]
    return words["launched"].format(date=day)


def _in_days(n: int, locale: str, words: dict[str, str]) -> str:
    """`in 3 working days` in the locale, with its plural form of `n` (Babel's CLDR rules)."""
    from babel import Locale

    if n == 0:
        return words["today"]
    form = Locale.parse(babel_locale(locale)).plural_form(n)
    return words.get(f"in_days_{form}", words["in_days_other"]).format(n=n)


def _date_formatter(status: Status) -> Callable[[dt.date], str]:
    """Short dates with the weekday (`Thu, 1/7`, `יום ה׳, 7.1`, `gio 07/01`).

    The year is left out when every date listed is within about four months of the as-of day,
    which the heading gives with its year: `23.11` next to an as-of day in January can only be
    last November.
    """
    from babel.dates import format_skeleton

    shown = [i.end for i in (*status.due, *status.overdue)]
    if status.next_gate is not None:
        shown.append(status.next_gate.by)
    near = all(abs((d - status.as_of).days) <= NEAR_DAYS for d in shown)
    skeleton = "MEd" if near else "yMEd"

    def fmt(day: dt.date) -> str:
        return str(format_skeleton(skeleton, day, locale=babel_locale(status.locale)))

    return fmt


def _long_date(day: dt.date, locale: str) -> str:
    """The heading's dates: weekday, day, abbreviated month and year (`Mon, Jan 4, 2027`)."""
    from babel.dates import format_skeleton

    return str(format_skeleton("yMMMEd", day, locale=babel_locale(locale)))
