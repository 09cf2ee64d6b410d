"""A metric's small chart for the launch room: its dated values, the gate's target and day, and
where the forecast puts it on that day (a point with its band). Plain SVG, no script."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markupsafe import Markup

    from launchkit.readiness.forecast import Forecast, Point

W, H, PAD = 320.0, 120.0, 14.0


def metric_chart(
    points: list[Point],
    target: float | None,
    by: dt.date,
    ahead: Forecast | None,
    rtl: bool = False,
) -> Markup:
    """The chart as an inline <svg> element (time runs right to left in a right-to-left page)."""
    from markupsafe import Markup

    points = sorted(points, key=lambda p: p.on)
    first = points[0].on
    last = max(by, points[-1].on)
    span = max(1, (last - first).days)
    values = [p.value for p in points]
    if target is not None:
        values.append(target)
    if ahead is not None:
        values += [ahead.low, ahead.high]
    low, high = min(values), max(values)
    if high == low:
        high = low + 1

    def x(day: dt.date) -> float:
        share = (day - first).days / span
        if rtl:
            share = 1 - share
        return round(PAD + share * (W - 2 * PAD), 1)

    def y(value: float) -> float:
        return round(H - PAD - (value - low) / (high - low) * (H - 2 * PAD), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W:g} {H:g}" class="chart" '
        'role="img" aria-hidden="true" focusable="false">',
        f'<rect x="0" y="0" width="{W:g}" height="{H:g}" fill="#fafbfc" stroke="#d5dae1"/>',
    ]
    if target is not None:
        parts.append(
            f'<line x1="{PAD}" x2="{W - PAD}" y1="{y(target)}" y2="{y(target)}" '
            'stroke="#a33a00" stroke-dasharray="4 3"/>'
        )
    parts.append(
        f'<line x1="{x(by)}" x2="{x(by)}" y1="{PAD}" y2="{H - PAD}" stroke="#5a6472" '
        'stroke-dasharray="2 3"/>'
    )
    if ahead is not None:
        parts.append(
            f'<line x1="{x(by)}" x2="{x(by)}" y1="{y(ahead.low)}" y2="{y(ahead.high)}" '
            'stroke="#1f5fae" stroke-width="6" stroke-opacity="0.3" stroke-linecap="round"/>'
        )
        tail = points[-1]
        parts.append(
            f'<line x1="{x(tail.on)}" y1="{y(tail.value)}" x2="{x(by)}" y2="{y(ahead.value)}" '
            'stroke="#1f5fae" stroke-dasharray="3 3"/>'
        )
        parts.append(
            f'<circle cx="{x(by)}" cy="{y(ahead.value)}" r="3.5" fill="#fff" stroke="#1f5fae"/>'
        )
    line = " ".join(f"{x(p.on)},{y(p.value)}" for p in points)
    parts.append(f'<polyline points="{line}" fill="none" stroke="#1f5fae" stroke-width="2"/>')
    for p in points:
        parts.append(f'<circle cx="{x(p.on)}" cy="{y(p.value)}" r="2.5" fill="#1f5fae"/>')
    parts.append("</svg>")
    # Every part is built from numbers alone: no playbook text reaches the markup.
    return Markup("".join(parts))
