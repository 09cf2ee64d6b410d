"""The wall calendar: the launch weeks as month grids, one printed A4 landscape page per month
(HTML) and one picture per month (SVG) for slides and intranet pages.

The grid follows the reader's week (it starts on the locale's first day, via Babel) and the
playbook's work week and holidays. Each day lists what happens on it: launch day and site
waves, gates on their `by` day, timed tasks with their time, each occurrence of a repeating
task, and multi-day tasks on each of their working days. A cell holds what fits; the rest of a
busy day is counted as "+N more" and listed in full below the grid, so nothing is cut.

With sites, the whole playbook's calendar gathers the copies of a per-site task that fall on
one day into one line ("Champions briefed · 3 sites"), and each site gets a calendar of its own
on its own calendar and wave day, for its manager.
"""

from __future__ import annotations

import calendar as pycal
import contextlib
import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from launchkit.model.locales import babel_locale
from launchkit.outputs.render.base import OutputFile, RenderContext, Rendering, gettext_for

if TYPE_CHECKING:
    from launchkit.schedule import PlannedTask
    from launchkit.schedule.workdays import WorkCalendar

Kind = Literal["launch", "wave", "gate", "task"]

# Layout of a printed page, in millimetres: A4 landscape less the margins the template sets.
PAGE_W, PAGE_H = 277.0, 186.0
HEAD_H = 16.0
"""Title and month name above the grid."""
WEEKDAY_H = 6.0
DAYNUM_H = 4.6
"""The day's number (and its holiday's name on the same line) at the top of a cell."""
LINE_H = 3.3
"""One line of a cell's entries at the template's 7.4 pt."""
CHARS_PER_MM = 0.56
"""Characters of an entry per millimetre of cell width, at the cautious end (wide Latin
letters, DejaVu Sans): an estimate too high would let text run out of its cell."""
LEGEND_H = 5.0
SLACK_H = 5.0
"""Kept free for cell borders and rounding, so that a month never spills onto a second page."""
MORE_LIST_LINE_H = 3.2
MORE_LIST_COLUMNS = 4
MIN_ROW = 14.0
"""The lowest a week's row may get to leave room for the list of what did not fit in it."""

# The SVG picture, in its own units (pixels at 96 dpi: A4 landscape).
SVG_W, SVG_H, SVG_PAD = 1123.0, 794.0, 24.0
SVG_HEAD, SVG_WEEKDAY, SVG_DAYNUM, SVG_LINE = 64.0, 26.0, 18.0, 15.0
SVG_CHAR_W = 6.4
"""Average width of a character of the 11 px entry text, for clipping lines to their cell."""


@dataclass(frozen=True)
class Entry:
    """One line on a day: a task, a gate, launch day or a site's wave."""

    kind: Kind
    text: str
    time: str = ""
    """`13:30` for a timed task, in the playbook's time zone."""
    done: bool = False
    continues: bool = False
    """A later working day of a task that started earlier."""
    critical: bool = False

    @property
    def label(self) -> str:
        """The words shown, without the time (which the templates keep left to right)."""
        return self.text

    def length(self) -> int:
        """Characters the entry takes, marks and time included, for fitting it in a cell."""
        return len(self.text) + (len(self.time) + 1 if self.time else 0) + 2


@dataclass
class Day:
    """One cell of the grid."""

    date: dt.date
    in_month: bool
    working: bool
    holiday: str
    """The holiday's (or closed day's) name, in the playbook's language; empty on other days."""
    launch: bool
    entries: list[Entry] = field(default_factory=list)
    shown: list[Entry] = field(default_factory=list)
    """The entries that fit in the cell; `hidden` are the rest."""

    @property
    def hidden(self) -> list[Entry]:
        """The entries the cell has no room for, listed below the grid. A later day of a
        multi-day task is left out there: the task is listed on the day it starts."""
        return [e for e in self.entries[len(self.shown) :] if not e.continues]

    @property
    def more(self) -> int:
        """How many entries the cell's "+N more" stands for."""
        return len(self.hidden)


@dataclass
class Month:
    """One page: a month's weeks, each a row of seven days in the reader's order."""

    year: int
    month: int
    title: str
    weekdays: list[str]
    weeks: list[list[Day]]
    row_mm: float
    """Height of a week's row on the printed page."""
    svg_row: float
    """Height of a week's row in the SVG picture."""
    long: bool = False
    """Too busy for one page: the list below the grid continues on the next."""

    @property
    def busy(self) -> list[Day]:
        """Days of this month with more than their cell shows, for the list below the grid."""
        return [d for w in self.weeks for d in w if d.in_month and d.more]

    @property
    def slug(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass
class WallCalendar:
    """Every month from the first planned day to the last (or the range asked for)."""

    title: str
    subtitle: str
    months: list[Month]


def first_weekday(ctx: RenderContext) -> int:
    """The weekday a week starts on for the reader (0 Monday .. 6 Sunday), from Babel.

    A locale without a region takes its region from the playbook's first holiday country
    (English with GB holidays is British, so its week starts on Monday), else from the
    language's most likely region (Hebrew: Israel, Sunday).
    """
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    name = babel_locale(ctx.locale)
    try:
        locale = Locale.parse(name)
    except (ValueError, UnknownLocaleError):
        return 0
    if locale.territory is None:
        countries = [c.split("-")[0].upper() for c in ctx.playbook.calendar.holidays]
        territory = countries[0] if countries else None
        if territory is None or len(territory) != 2:
            likely = get_global("likely_subtags").get(locale.language, "")
            territory = likely.split("_")[-1] if "_" in likely else None
        if territory:
            with contextlib.suppress(ValueError, UnknownLocaleError):
                locale = Locale(locale.language, territory=territory)
    return int(locale.first_week_day)


class _Builder:
    """Lays out the months of one plan (the whole playbook, or one site's part of it)."""

    def __init__(self, ctx: RenderContext, site: str | None) -> None:
        self.ctx = ctx
        self.site = site
        self.plan = ctx.plan if site is None else ctx.plan.only(site=site)
        self.cal: WorkCalendar = ctx.plan.calendar(site)
        self.launch = ctx.plan.site_launch.get(site, ctx.plan.launch) if site else ctx.plan.launch
        self._ = gettext_for(ctx.locale)

    # ---- what happens on each day ----------------------------------------------------------

    def entries(self) -> dict[dt.date, list[Entry]]:
        """Every day's entries, in the order a reader wants them: marks, gates, timed, others."""
        days: dict[dt.date, list[Entry]] = {}
        _ = self._
        days.setdefault(self.launch, []).append(Entry("launch", _("Launch day")))
        if self.site is None:
            for site in self.ctx.playbook.sites:
                wave = self.ctx.plan.site_launch.get(site.id)
                if wave is not None and wave != self.launch:
                    text = _("Wave: %(site)s", site=site.name)
                    days.setdefault(wave, []).append(Entry("wave", text))
        from launchkit.schedule.dates import due_day

        for gate in self.ctx.playbook.gates:
            day = due_day(gate.by, self.ctx.plan.launch, self.ctx.plan.calendar())
            days.setdefault(day, []).append(Entry("gate", gate.title))
        for day, entry in self._task_entries():
            days.setdefault(day, []).append(entry)
        rank = {"launch": 0, "wave": 1, "gate": 2, "task": 3}
        for entries in days.values():
            entries.sort(key=lambda e: (rank[e.kind], e.continues, e.time == "", e.time))
        return days

    def _task_entries(self) -> Iterator[tuple[dt.date, Entry]]:
        # Copies of one per-site task on one day become one line on the whole calendar.
        grouped: dict[tuple[dt.date, str, bool], list[PlannedTask]] = {}
        for t in self.plan.tasks:
            for day, continues in self._days_of(t):
                key = (day, t.task.id if self.site is None and t.site else t.id, continues)
                grouped.setdefault(key, []).append(t)
        for (day, _key, continues), copies in grouped.items():
            first = copies[0]
            text = first.title
            if len(copies) > 1 or (self.site is None and first.site):
                text = self._with_sites(text, copies)
            time = first.at.strftime("%H:%M") if first.at is not None and not continues else ""
            done = all(c.status in ("done", "skipped") for c in copies)
            critical = any(c.critical for c in copies)
            yield day, Entry("task", text, time, done, continues, critical)

    def _with_sites(self, title: str, copies: list[PlannedTask]) -> str:
        if len(copies) == 1:
            return f"{title} · {self.ctx.site_name(copies[0].site)}"
        return f"{title} · " + self._("%(count)s sites", count=len(copies))

    def _days_of(self, t: PlannedTask) -> Iterator[tuple[dt.date, bool]]:
        """The days a task shows on: each occurrence of a repeat, else each working day."""
        if t.occurrences:
            for day in t.occurrences:
                yield day, False
            return
        yield t.start, False
        if t.end > t.start:
            calendar = self.ctx.plan.calendar_of(t)
            for day in calendar.working_days(t.start + dt.timedelta(days=1), t.end):
                yield day, True

    # ---- the months ------------------------------------------------------------------------

    def months(
        self, first: dt.date, last: dt.date, start_weekday: int, *, whole: bool = True
    ) -> list[Month]:
        """The months from `first` to `last`; unless `whole`, without the long empty stretches
        (more than GAP months in a row with nothing on them)."""
        entries = self.entries()
        shown = _month_list(first, last)
        if not whole:
            busy = {(d.year, d.month) for d in entries if first <= d <= last}
            shown = _without_long_gaps(shown, busy)
        grid = pycal.Calendar(firstweekday=start_weekday)
        names = self._weekday_names(grid)
        months = []
        for year, month in shown:
            start = dt.date(year, month, 1)
            end = dt.date(year, month, pycal.monthrange(year, month)[1])
            holidays = self.cal.holidays_between(
                start - dt.timedelta(days=7), end + dt.timedelta(days=7)
            )
            weeks = [
                [self._day(d, month, holidays, entries) for d in week]
                for week in grid.monthdatescalendar(year, month)
            ]
            months.append(
                self._fit(Month(year, month, self._month_title(year, month), names, weeks, 0, 0))
            )
        return months

    def _day(
        self,
        day: dt.date,
        month: int,
        holidays: dict[dt.date, str],
        entries: dict[dt.date, list[Entry]],
    ) -> Day:
        working = self.cal.is_working(day)
        holiday = holidays.get(day, "")
        if not holiday and not working and day in self.cal.closed:
            holiday = self.cal.why_closed(day) or ""
        in_month = day.month == month
        return Day(
            date=day,
            in_month=in_month,
            working=working,
            holiday=holiday,
            launch=day == self.launch,
            entries=list(entries.get(day, [])) if in_month else [],
        )

    def _weekday_names(self, grid: pycal.Calendar) -> list[str]:
        from babel.dates import get_day_names

        names = get_day_names("wide", locale=babel_locale(self.ctx.locale))
        return [str(names[d]) for d in grid.iterweekdays()]

    def _month_title(self, year: int, month: int) -> str:
        from babel.dates import format_skeleton

        return str(
            format_skeleton("yMMMM", dt.date(year, month, 1), locale=babel_locale(self.ctx.locale))
        )

    def _fit(self, month: Month) -> Month:
        """Decide what each cell shows so that one page holds the grid and, below it, what did
        not fit in the cells: the tallest rows for which both fit. A month too busy for any
        such split keeps full rows and lets its list run onto a second page."""
        weeks = len(month.weeks)
        cells = [d for w in month.weeks for d in w]
        chars = max(8, int((PAGE_W / 7 - 2.4) * CHARS_PER_MM))
        list_chars = max(20, int((PAGE_W / MORE_LIST_COLUMNS - 5) * CHARS_PER_MM))
        grid = PAGE_H - HEAD_H - WEEKDAY_H - LEGEND_H - SLACK_H
        full = grid / weeks
        row = full
        while True:
            for day in cells:
                day.shown = _fill(day, row, chars)
            busy = [d for d in cells if d.in_month and d.more]
            lines = sum(1 + sum(math.ceil(e.length() / list_chars) for e in d.hidden) for d in busy)
            need = math.ceil(lines / MORE_LIST_COLUMNS) * MORE_LIST_LINE_H + 7 if busy else 0.0
            if weeks * row + need <= grid:
                break
            if row - 0.5 < MIN_ROW:
                month.long = True
                row = full
                for day in cells:
                    day.shown = _fill(day, row, chars)
                break
            row -= 0.5
        month.row_mm = round(row, 2)
        month.svg_row = round((SVG_H - 2 * SVG_PAD - SVG_HEAD - SVG_WEEKDAY) / weeks, 2)
        return month


def _fill(day: Day, row_mm: float, chars: int) -> list[Entry]:
    """The entries of a day that fit in a cell `row_mm` high, keeping a line for "+N more"."""
    budget = int((row_mm - DAYNUM_H - 1.2) // LINE_H)
    if day.holiday:
        budget -= math.ceil(len(day.holiday) / chars)
    shown: list[Entry] = []
    used = 0
    for i, entry in enumerate(day.entries):
        need = math.ceil(entry.length() / chars)
        last = i == len(day.entries) - 1
        if used + need + (0 if last else 1) > budget:
            break
        shown.append(entry)
        used += need
    return shown


GAP = 2
"""Empty months in a row that a wall calendar still shows, so a short lull keeps its place."""


def _month_list(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    """(year, month) of every month from `first`'s to `last`'s."""
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _without_long_gaps(
    months: list[tuple[int, int]], busy: set[tuple[int, int]]
) -> list[tuple[int, int]]:
    """`months` less every run of more than GAP months with nothing on them: a plan whose
    tasks lie years apart prints the months that matter, not a decade of empty grids."""
    kept: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for ym in months:
        if ym in busy:
            kept += run if len(run) <= GAP else []
            run = []
            kept.append(ym)
        else:
            run.append(ym)
    return kept + (run if len(run) <= GAP else [])


def _span(
    ctx: RenderContext, first: dt.date | None, last: dt.date | None
) -> tuple[dt.date, dt.date]:
    """The first and last day to show: the plan's, unless the caller narrowed it."""
    days = [ctx.plan.launch, *ctx.plan.site_launch.values()]
    for t in ctx.plan.tasks:
        days += [t.start, t.end, *t.occurrences]
    lo, hi = min(days), max(days)
    lo = first or lo
    hi = last or hi
    if hi < lo:
        hi = lo
    return lo, hi


def build_calendar(
    ctx: RenderContext,
    site: str | None = None,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> WallCalendar:
    """The wall calendar of the plan, or of one site's part of it."""
    builder = _Builder(ctx, site)
    lo, hi = _span(ctx, first, last)
    # the months asked for (--from, --to) are shown whole, empty or not
    whole = first is not None or last is not None
    months = builder.months(lo, hi, first_weekday(ctx), whole=whole)
    subtitle = ctx.site_name(site) if site else ""
    return WallCalendar(ctx.playbook.title, subtitle, months)


def _svg_lines(ctx: RenderContext, month: Month) -> list[tuple[Day, list[str]]]:
    """Per cell, the text lines of the SVG picture, each clipped to the cell's width."""
    cell_w = (SVG_W - 2 * SVG_PAD) / 7
    most = max(6, int((cell_w - 8) / SVG_CHAR_W))
    _ = gettext_for(ctx.locale)
    out = []
    for week in month.weeks:
        for day in week:
            room = (
                month.svg_row - SVG_DAYNUM - 6 - (SVG_LINE if day.holiday and day.in_month else 0)
            )
            budget = max(1, int(room // SVG_LINE))
            lines = []
            for entry in day.entries:
                mark = "✓ " if entry.done else ("◆ " if entry.kind == "gate" else "")
                text = mark + (entry.time + " " if entry.time else "") + entry.text
                lines.append(text if len(text) <= most else text[: most - 1].rstrip() + "…")
            if len(lines) > budget:
                hidden = len(lines) - (budget - 1)
                lines = [*lines[: budget - 1], _("+%(count)s more", count=hidden)]
            out.append((day, lines))
    return out


def render_calendar(ctx: RenderContext) -> Rendering:
    """`calendar.html` and `calendar/<yyyy-mm>.svg`; and for each site, `calendar/<site>.html`
    for its manager (with `--site`, that site's calendar is `calendar.html` with its pictures)."""
    from launchkit.outputs.render.base import safe_name

    files: list[OutputFile] = []
    main = ctx.site
    wall = build_calendar(ctx, main, ctx.first_day, ctx.last_day)
    files.append(OutputFile("calendar.html", ctx.render("calendar/calendar.html.j2", wall=wall)))
    for month in wall.months:
        svg = ctx.render(
            "calendar/month.svg.j2",
            wall=wall,
            month=month,
            cells=_svg_lines(ctx, month),
            geometry=_geometry(ctx, month),
        )
        files.append(OutputFile(f"calendar/{month.slug}.svg", svg))
    if main is None:
        for site in dict.fromkeys(s.id for s in ctx.playbook.sites):
            own = build_calendar(ctx, site, ctx.first_day, ctx.last_day)
            page = ctx.render("calendar/calendar.html.j2", wall=own)
            files.append(OutputFile(f"calendar/{safe_name(site)}.html", page))
    return Rendering(files)


@dataclass(frozen=True)
class Geometry:
    """Where the SVG template puts each column and row."""

    width: float
    height: float
    pad: float
    cell_w: float
    row_h: float
    top: float
    head: float
    weekday_h: float
    daynum: float
    line: float
    rtl: bool

    def x(self, column: int) -> float:
        """The left edge of a column, mirrored in a right-to-left language."""
        if self.rtl:
            return round(self.width - self.pad - (column + 1) * self.cell_w, 2)
        return round(self.pad + column * self.cell_w, 2)

    def text_x(self, column: int) -> float:
        """Where a cell's text starts: its left edge, or its right edge in RTL."""
        left = self.x(column)
        return round(left + self.cell_w - 5 if self.rtl else left + 5, 2)

    def y(self, row: int) -> float:
        return round(self.top + row * self.row_h, 2)


def _geometry(ctx: RenderContext, month: Month) -> Geometry:
    return Geometry(
        width=SVG_W,
        height=SVG_H,
        pad=SVG_PAD,
        cell_w=round((SVG_W - 2 * SVG_PAD) / 7, 2),
        row_h=month.svg_row,
        top=SVG_PAD + SVG_HEAD + SVG_WEEKDAY,
        head=SVG_HEAD,
        weekday_h=SVG_WEEKDAY,
        daynum=SVG_DAYNUM,
        line=SVG_LINE,
        rtl=ctx.direction == "rtl",
    )
