"""The timeline: a Gantt chart of the plan as SVG, and an HTML page holding it with a legend.

Geometry is computed here so the templates only place shapes. In a right-to-left language the
chart is mirrored: labels on the right and time running leftwards, as Hebrew readers expect.
The gates are milestones below the tasks, and a line marks today when it falls in the chart.

`timeline.html` prints on A4 landscape sheets: the chart is scaled to the sheet's width and, when
its rows would be too small to read on one sheet, continues on the next with the date axis
repeated (`sheets`); the task list follows on pages of its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from launchkit.outputs.render.base import OutputFile, RenderContext, Rendering, gettext_for

PALETTE = ("#1f5fae", "#2f8f5b", "#b5651d", "#7b4fa8", "#b03a48", "#2a8c99", "#6d6d2c", "#8a5a44")
ROW_H, TOP, LABEL_W, PAD, BAR_H = 26, 60, 360, 12, 16
SHEET_W_MM, CHART_H_MM = 277.0, 148.0
"""The printed sheet's width inside its margins, and the height left there for the chart."""
PX_MM = 25.4 / 96
"""Millimetres in a CSS pixel, the SVG's unit."""
GATE_COLOR = "#1d2430"
TODAY_COLOR = "#1e7a3c"
LABEL_CHARS = 48
SITE_CHARS = 22
"""A per-site row's site name takes at most this much of its label, the title the rest."""
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_CHART_W = 6600
"""Widest chart, in pixels: three years at the narrowest day. A longer plan (a mistyped
`due: 2120-01-01`) is drawn narrower, without weekend shading and with sparser ticks, so that
the file grows with the number of tasks, never with the span (issue 15)."""
MAX_TICKS = 80


@dataclass(frozen=True)
class Bar:
    """One row of the chart."""

    id: str
    site: str
    """The site's name, clipped, on a per-site copy; empty otherwise. It leads the label so
    that copies of one task stay told apart however much of the title is clipped."""
    label: str
    tooltip: str
    y: float
    x: float
    width: float
    color: str
    critical: bool
    done: bool
    milestone: bool
    marks: list[float]
    """x of each further occurrence of a repeating task."""


@dataclass(frozen=True)
class Gantt:
    """Everything the SVG template draws."""

    width: float
    height: float
    label_x: float
    rtl: bool
    day_w: float
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    shade: list[float]
    launch_x: float
    legend: list[tuple[str, str]]
    today_x: float | None = None
    """x of today's line, when today falls inside the chart."""
    part: int = 1
    """Which sheet of a chart split over several this is (1 for the whole chart)."""


def _clip(text: str, most: int = LABEL_CHARS) -> str:
    """`text` in at most `most` characters, cut with an ellipsis, never inside an unclosed
    bracket (`site (at least…` reads worse than `site…`)."""
    if len(text) <= most:
        return text
    cut = text[: most - 1]
    if cut.count("(") > cut.count(")"):
        cut = cut[: cut.rfind("(")]
    return cut.rstrip(" ,;:·-") + "…"


def build_gantt(ctx: RenderContext) -> Gantt:
    """Lay the plan out: one row per planned task in date order, then one per gate."""
    from launchkit.clock import today_in
    from launchkit.outputs.render.deck import gate_day

    _ = gettext_for(ctx.locale)
    tasks = ctx.tasks
    launch = ctx.plan.launch
    gates = [(g, gate_day(ctx, g.by)) for g in ctx.playbook.gates]
    days = [launch] + [t.start for t in tasks] + [t.end for t in tasks] + [d for _g, d in gates]
    days += [d for t in tasks for d in t.occurrences]
    first, last = min(days) - dt.timedelta(days=1), max(days) + dt.timedelta(days=1)
    span = (last - first).days + 1
    day_w = max(6.0, min(28.0, 900 / span))
    long = span * day_w > MAX_CHART_W
    if long:
        day_w = MAX_CHART_W / span
    chart_w = span * day_w
    width = LABEL_W + chart_w + 2 * PAD
    rtl = ctx.direction == "rtl"

    def x_of(day: dt.date, length: float = 0.0) -> float:
        left = PAD + LABEL_W + (day - first).days * day_w
        return round(width - left - length if rtl else left, 1)

    phase_ids = [p.id for p in ctx.playbook.phases]
    colors = {pid: PALETTE[i % len(PALETTE)] for i, pid in enumerate(phase_ids)}
    bars = []
    for row, t in enumerate(tasks):
        duration = t.task.duration
        milestone = duration is not None and duration.amount == 0
        length = max(1, (t.end - t.start).days + 1) * day_w
        site = _clip(ctx.site_name(t.site), SITE_CHARS) if t.site else ""
        # The template puts " · " between the site and the title.
        room = LABEL_CHARS - (len(site) + 3 if site else 0)
        dates = ctx.format_date(t.start, "medium")
        if t.end != t.start:
            dates += " – " + ctx.format_date(t.end, "medium")
        bars.append(
            Bar(
                id=t.id,
                site=site,
                label=_clip(t.title, room),
                tooltip=(f"{ctx.site_name(t.site)} · " if t.site else "") + f"{t.title}: {dates}",
                y=TOP + row * ROW_H,
                x=x_of(t.start, length),
                width=round(length, 1),
                color=colors.get(t.phase or "", "#5a6472"),
                critical=t.critical,
                done=t.status in ("done", "skipped"),
                milestone=milestone,
                marks=[x_of(d, day_w) for d in t.occurrences if d != t.start],
            )
        )
    for row, (gate, day) in enumerate(sorted(gates, key=lambda g: g[1]), start=len(tasks)):
        bars.append(
            Bar(
                id=f"gate-{gate.id}",
                site="",
                label=_clip(_("Gate") + ": " + gate.title),
                tooltip=f"{gate.title}: {ctx.format_date(day, 'medium')}",
                y=TOP + row * ROW_H,
                x=x_of(day, day_w),
                width=round(day_w, 1),
                color=GATE_COLOR,
                critical=False,
                done=False,
                milestone=True,
                marks=[],
            )
        )
    workdays = {WEEKDAYS.index(d) for d in ctx.playbook.calendar.workweek}
    week_start = WEEKDAYS.index(ctx.playbook.calendar.workweek[0]) if workdays else 0
    step = 7 if span <= 120 else 14
    step = max(step, 7 * -(-span // (7 * MAX_TICKS)))  # at most MAX_TICKS ticks
    first_tick = first + dt.timedelta(days=(week_start - first.weekday()) % 7)
    # Ticks years apart name the year ("Mar 2031"); week ticks the day ("10 Jan").
    label = ctx.month_year if long else ctx.short_date
    ticks = [
        (x_of(d), label(d))
        for d in (first_tick + dt.timedelta(days=n) for n in range(0, span, step))
        if d <= last
    ]
    # Weekends and holidays shaded one rectangle a day, while a day is wide enough to see.
    all_days = [] if long else [first + dt.timedelta(days=i) for i in range(span)]
    legend = [
        (colors[p.id], p.title) for p in ctx.playbook.phases if any(t.phase == p.id for t in tasks)
    ]
    if gates:
        legend.append((GATE_COLOR, _("Gate")))
    today = today_in(ctx.playbook.timezone)
    today_x = None
    if first <= today <= last:
        today_x = x_of(today, day_w / 2) if rtl else x_of(today) + day_w / 2
    return Gantt(
        width=round(width, 1),
        height=TOP + max(1, len(bars)) * ROW_H + PAD,
        label_x=width - PAD if rtl else PAD,
        rtl=rtl,
        day_w=round(day_w, 2),
        bars=bars,
        ticks=ticks,
        shade=[x_of(d, day_w) for d in all_days if d.weekday() not in workdays],
        launch_x=x_of(launch, day_w / 2) if rtl else x_of(launch) + day_w / 2,
        legend=legend,
        today_x=today_x,
    )


def sheets(gantt: Gantt) -> list[Gantt]:
    """The chart cut into parts that each fit a printed sheet at a readable size: as many rows
    as fit when the chart is scaled to the sheet's width, each part with its own date axis."""
    scale = SHEET_W_MM / (gantt.width * PX_MM)  # printed mm per SVG mm
    room = CHART_H_MM / (scale * PX_MM)  # SVG units of height on one sheet
    per_sheet = max(1, int((room - TOP - PAD) // ROW_H))
    rows = gantt.bars
    if len(rows) <= per_sheet:
        return [gantt]
    # Share the rows evenly, so that the last sheet does not hold one lonely row.
    count = -(-len(rows) // per_sheet)
    per_sheet = -(-len(rows) // count)
    parts = []
    for n, start in enumerate(range(0, len(rows), per_sheet), start=1):
        chunk = rows[start : start + per_sheet]
        shift = start * ROW_H
        parts.append(
            dataclasses.replace(
                gantt,
                bars=[dataclasses.replace(b, y=b.y - shift) for b in chunk],
                height=TOP + len(chunk) * ROW_H + PAD,
                part=n,
            )
        )
    return parts


def render_timeline(ctx: RenderContext) -> Rendering:
    """`timeline.svg` and `timeline.html`."""
    gantt = build_gantt(ctx)
    return Rendering(
        [
            OutputFile("timeline.svg", ctx.render("timeline/timeline.svg.j2", gantt=gantt)),
            OutputFile(
                "timeline.html",
                ctx.render("timeline/timeline.html.j2", gantt=gantt, sheets=sheets(gantt)),
            ),
        ]
    )
