"""`launchkit status`: progress at a glance, as of a day.

Counts are of planned tasks, so a per-site task counts once per site. A task counts as done
when its status (its site's status, for a per-site copy) is `done` or `skipped`. "Due this
week" lists the open tasks that end from the as-of day through the six days after it; a task
is overdue when it ended before the as-of day and is still open, as `check` counts it.

Words and dates are in the playbook's locale (the table `plan` uses, dates through Babel with
the weekday). Every row starts with an id, left-to-right, so that a bidi terminal keeps the
columns of a Hebrew status in place, as `plan` does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from launchkit.outputs.console import console_text, string_console
from launchkit.outputs.plan.labels import labels
from launchkit.schedule.plan import Plan, PlannedTask

if TYPE_CHECKING:
    from rich.text import Text

    from launchkit.readiness.forecast import Forecast, History

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
    week_end = as_of + dt.timedelta(days=6)
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
        due=_items(t for t in open_ if as_of <= t.end <= week_end),
        overdue=_items(t for t in open_ if t.end < as_of),
        next_gate=_next_gate(plan, as_of),
        forecasts=_forecasts(plan, as_of, history) if history is not None else [],
    )


def _forecasts(plan: Plan, as_of: dt.date, history: History) -> list[GateForecast]:
    from launchkit.readiness.dates import due_day
    from launchkit.readiness.forecast import forecast

    out = []
    for gate in plan.playbook.gates:
        target = gate.min if gate.min is not None else gate.max
        if gate.metric is None or target is None:
            continue
        by = due_day(gate.by, plan.launch, plan.calendar())
        if by <= as_of:
            continue
        rising = gate.min is not None
        ahead = forecast(gate.metric, history.get(gate.metric, []), by, target, rising=rising)
        misses = ahead is not None and (
            (gate.min is not None and ahead.value < gate.min)
            or (gate.max is not None and ahead.value > gate.max)
        )
        out.append(GateForecast(gate.id, by, target, misses, ahead))
    return out


def _progress(id: str, label: str, tasks: list[PlannedTask]) -> Progress:
    return Progress(id, label, sum(t.status in CLOSED for t in tasks), len(tasks))


def _items(tasks: Iterable[PlannedTask]) -> list[Item]:
    found = [Item(t.id, t.title, t.end, t.status, t.owner) for t in tasks]
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


def format_status(status: Status, width: int = 80, color: bool = False) -> str:
    """The status as text: progress bars per phase and site, due and overdue tasks, next gate."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    words = labels(status.locale)
    day = _date_formatter(status)
    console = string_console(width, color)
    console.print(Text(f"{status.title} ({status.playbook})", style="bold"))
    as_of = words["as_of"].format(date=_long_date(status.as_of, status.locale))
    console.print(f"{as_of}: {_launch_line(status, words)}")
    rows_by_heading = (
        (words["phases"], [status.overall, *status.phases]),
        (words["sites"], status.sites),
    )
    for heading, rows in rows_by_heading:
        if not rows:
            continue
        console.print(Text(heading, style="bold"))
        table = Table(box=None, show_header=False)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=False)
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        for p in rows:
            # Tasks in no phase have no id: a left-to-right mark stands in for it, so that a
            # bidi terminal still lays the row out left to right.
            table.add_row(p.id or LRM, p.label, _bar(p), f"{p.done}/{p.total}", f"{p.percent}%")
        console.print(Padding(table, (0, 0, 0, 1)))
    for heading, items, style in (
        (words["overdue"], status.overdue, "red"),
        (words["due_week"], status.due, "yellow"),
    ):
        console.print(Text(f"{heading} ({len(items)})", style=f"bold {style}"))
        if not items:
            console.print(f"  {words['none']}")
            continue
        statuses = [words[i.status] for i in items]
        id_w, owner_w = _fold_widths(items, [day(i.end) for i in items], statuses, width)
        table = Table(box=None, show_header=False)
        table.add_column(overflow="fold", width=id_w)
        table.add_column(no_wrap=True)
        table.add_column()
        table.add_column(overflow="fold", width=owner_w)
        table.add_column(no_wrap=True)
        for i in items:
            owner = _break(i.owner or "-", owner_w)
            table.add_row(_break(i.id, id_w), day(i.end), i.title, owner, words[i.status])
        console.print(Padding(table, (0, 0, 0, 1)))
    console.print(Text(words["next_gate"], style="bold"))
    gate = status.next_gate
    if gate is None:
        console.print(f"  {words['no_gate']}")
    else:
        when = _in_days(gate.working_days, status.locale, words)
        table = Table(box=None, show_header=False)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column()
        table.add_row(gate.id, day(gate.by), f"{gate.title} ({when})")
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


LRM = "\u200e"
TITLE_WIDTH = 16
NEAR_DAYS = 120


def _fold_widths(
    items: list[Item], dates: list[str], statuses: list[str], width: int
) -> tuple[int, int]:
    """Widths of the id and owner columns of a task list on a console `width` wide.

    The date and the status stay whole; the title keeps `TITLE_WIDTH` columns before long ids
    and owners fold (rich alone would crop the last columns of a row too wide for the console).
    """
    # One blank of indent, and rich pads each of the five columns with a blank either side.
    room = width - 1 - 10 - max(map(len, dates)) - max(map(len, statuses))
    owner = _widest([i.owner or "-" for i in items], max(8, room // 4))
    return _widest([i.id for i in items], max(10, room - owner - TITLE_WIDTH)), owner


def _widest(slugs: list[str], most: int) -> int:
    """The widest line of `slugs` once each is broken to at most `most`."""
    return min(most, max(len(line) for s in slugs for line in _break(s, most).splitlines()))


def _break(slug: str, width: int) -> str:
    """`slug` on lines of at most `width`, broken before its `@` or else after a `-`, where it can be.

    `recruit-champions@stores-north` becomes `recruit-champions` over `@stores-north` rather
    than being cut mid-word; a piece with no such place is left for rich to fold.
    """
    lines: list[str] = []
    while len(slug) > width:
        at = slug.rfind("@", 1, width + 1)
        cut = at if at > 0 else slug.rfind("-", 0, width) + 1
        if cut <= 0:
            break
        lines.append(slug[:cut])
        slug = slug[cut:]
    return "\n".join([*lines, slug])


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
    form = Locale.parse(locale).plural_form(n)
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
        return str(format_skeleton(skeleton, day, locale=status.locale))

    return fmt


def _long_date(day: dt.date, locale: str) -> str:
    """The heading's dates: weekday, day, abbreviated month and year (`Mon, Jan 4, 2027`)."""
    from babel.dates import format_skeleton

    return str(format_skeleton("yMMMEd", day, locale=locale))
