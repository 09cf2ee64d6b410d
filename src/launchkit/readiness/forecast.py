"""Forecasts of metric gates: where a metric's dated history is heading, and whether it gets
there by the gate's day.

Two trends are fitted to a metric's history by least squares: a straight line, and, for a
percentage, a saturating adoption curve (a logistic with its ceiling at 100, fitted as a line
on the log-odds). The one with the smaller squared error on the values themselves is used, and
the forecast says which. The band around a projection is an 80% prediction interval from the
straight line's (or the log-odds line's) residuals, with Student's t for the few points a launch
has; so three points give a wide band, as they should. Fewer than three dated values give no
forecast at all: two points always fit a line exactly and say nothing about the noise.

Only the standard library is used: the fits are closed-form, and the t quantiles are a table.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from launchkit.model import Gate
    from launchkit.readiness.metrics import Metrics

Model = Literal["line", "saturating"]

MIN_POINTS = 3
"""Fewer dated values than this give no forecast."""
CEILING = 100.0
"""Where a percentage saturates."""
NEAR_CEILING = 99.5
"""A saturating curve never reaches its ceiling: it counts as reaching 100 here."""

# Two-sided 80% quantiles of Student's t (the 0.9 quantile) for 1..30 degrees of freedom, and
# the normal's beyond: standard table values.
_T90 = (
    3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372,
    1.363, 1.356, 1.350, 1.345, 1.341, 1.337, 1.333, 1.330, 1.328, 1.325,
    1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.310,
)  # fmt: skip
_Z90 = 1.282


@dataclass(frozen=True)
class Point:
    """One dated value of a metric, and the history file's line it came from."""

    on: dt.date
    value: float
    line: int


History = dict[str, list[Point]]


@dataclass(frozen=True)
class Forecast:
    """A metric projected to a day, with its band, the trend used and when it meets a target."""

    metric: str
    model: Model
    on: dt.date
    value: float
    low: float
    high: float
    points: int
    crossing: dt.date | None
    """The first day the projection reaches the target (None: not within the horizon)."""


@dataclass(frozen=True)
class _Line:
    """y = a + b·x fitted by least squares, with what a prediction interval needs."""

    a: float
    b: float
    n: int
    mean_x: float
    sxx: float
    s: float
    """Residual standard error."""

    def at(self, x: float) -> float:
        return self.a + self.b * x

    def half_band(self, x: float) -> float:
        t = _T90[self.n - 3] if self.n - 2 <= len(_T90) else _Z90
        spread = 1 + 1 / self.n + ((x - self.mean_x) ** 2 / self.sxx if self.sxx else 0.0)
        return t * self.s * math.sqrt(spread)


def _fit(xs: list[float], ys: list[float]) -> _Line:
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    b = sxy / sxx if sxx else 0.0
    a = mean_y - b * mean_x
    ssr = sum((y - (a + b * x)) ** 2 for x, y in zip(xs, ys, strict=True))
    s = math.sqrt(ssr / (n - 2)) if n > 2 else 0.0
    return _Line(a, b, n, mean_x, sxx, s)


def _logit(y: float) -> float:
    p = min(max(y, 0.5), NEAR_CEILING) / CEILING
    return math.log(p / (1 - p))


def _logistic(z: float) -> float:
    if z < -700:
        return 0.0
    return CEILING / (1 + math.exp(-z)) if z < 700 else CEILING


def is_percentage(metric: str, points: list[Point], target: float | None) -> bool:
    """A metric read as a percentage: named so (`_pct`, `_percent`), or every value and the
    target within 0..100 with a name that says share or rate."""
    if metric.endswith(("_pct", "_percent", "_percentage")):
        return True
    within = all(0 <= p.value <= CEILING for p in points) and (target is None or target <= CEILING)
    return within and metric.endswith(("_share", "_rate"))


def forecast(
    metric: str,
    points: list[Point],
    on: dt.date,
    target: float | None = None,
    *,
    rising: bool = True,
) -> Forecast | None:
    """`metric` projected to `on` from its history; None with fewer than three dated values.

    `target` with `rising` (a `min:` gate) asks for the first day the projection reaches it;
    with `rising=False` (a `max:` gate), the first day it falls to it.
    """
    if len(points) < MIN_POINTS:
        return None
    try:
        ahead = _forecast(metric, points, on, target, rising)
    except (OverflowError, ZeroDivisionError, ValueError):
        return None  # values so large that their squares leave the floats: no trend to tell
    if ahead is None or not all(math.isfinite(v) for v in (ahead.value, ahead.low, ahead.high)):
        return None
    return ahead


def _forecast(
    metric: str, points: list[Point], on: dt.date, target: float | None, rising: bool
) -> Forecast | None:
    points = sorted(points, key=lambda p: p.on)
    first = points[0].on
    xs = [float((p.on - first).days) for p in points]
    ys = [p.value for p in points]
    x0 = float((on - first).days)
    line = _fit(xs, ys)
    best: Model = "line"
    value, half = line.at(x0), line.half_band(x0)
    low, high = value - half, value + half
    if is_percentage(metric, points, target):
        odds = _fit(xs, [_logit(y) for y in ys])
        line_error = sum((y - line.at(x)) ** 2 for x, y in zip(xs, ys, strict=True))
        curve_error = sum((y - _logistic(odds.at(x))) ** 2 for x, y in zip(xs, ys, strict=True))
        if curve_error < line_error:
            best = "saturating"
            z, zhalf = odds.at(x0), odds.half_band(x0)
            value, low, high = _logistic(z), _logistic(z - zhalf), _logistic(z + zhalf)
            line = odds
    if is_percentage(metric, points, target):
        # A share cannot pass 100% or fall below 0, whatever a straight line says.
        value, low, high = (min(max(v, 0.0), CEILING) for v in (value, low, high))
    crossing = None
    if target is not None:
        crossing = _crossing(line, best, target, first, xs[-1], rising)
    return Forecast(metric, best, on, value, low, high, len(points), crossing)


def _crossing(
    line: _Line, model: Model, target: float, first: dt.date, last_x: float, rising: bool
) -> dt.date | None:
    """The first day after the last value on which the trend reaches the target."""
    goal = _logit(min(target, NEAR_CEILING)) if model == "saturating" else target
    if line.b == 0 or (line.b > 0) != rising:
        return None
    x = (goal - line.a) / line.b
    x = max(x, last_x)
    if x > 3660:  # ten years out is no forecast
        return None
    return first + dt.timedelta(days=math.ceil(x))


@dataclass(frozen=True)
class GateOutlook:
    """Where a `min:` or `max:` gate's metric is heading by the gate's day."""

    target: float
    forecast: Forecast | None
    """None: fewer than three dated values, or none that a trend can be fitted to."""
    misses: bool
    """The projection falls short of `min` (or goes past `max`) on the gate's day."""


def gate_outlook(gate: Gate, points: list[Point], due: dt.date) -> GateOutlook | None:
    """The gate's metric projected to `due`; None for a gate with no `min` or `max` to reach."""
    target = gate.min if gate.min is not None else gate.max
    if gate.metric is None or target is None:
        return None
    ahead = forecast(gate.metric, points, due, target, rising=gate.min is not None)
    misses = ahead is not None and (
        (gate.min is not None and ahead.value < gate.min)
        or (gate.max is not None and ahead.value > gate.max)
    )
    return GateOutlook(target, ahead, misses)


def load_with_history(path: Path, as_of: dt.date) -> tuple[Metrics, History | None]:
    """A `--metrics` file's values as of `as_of` (problems reported with their places), and its
    dated history when it is a `date,metric,value` file (None for any other kind)."""
    from launchkit.readiness.metrics import load_metrics

    values = load_metrics(path, as_of)
    dated = any(v.on is not None for v in values.values())
    return values, read_history(path, as_of) if dated else None


def read_history(path: Path | str, as_of: dt.date) -> History:
    """The dated numeric values of a `date,metric,value` CSV up to `as_of`, per metric.

    The file has already been read and checked by `load_metrics` (which reports its problems
    with their places), so rows that are not dated numbers are simply not part of a history.
    """
    from launchkit.diagnostics import source_lines
    from launchkit.readiness.metrics import _cells, _read, _value

    text = _read(Path(path), str(path))
    history: History = {}
    lines = [
        (n, _cells(line))
        for n, line in enumerate(source_lines(text), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines or [c.lower() for c, _ in lines[0][1]] != ["date", "metric", "value"]:
        return history
    for n, cells in lines[1:]:
        if len(cells) != 3:
            continue
        (day, _), (name, _), (raw, _) = cells
        try:
            on = dt.date.fromisoformat(day)
        except ValueError:
            continue
        value = _value(raw)
        if on > as_of or isinstance(value, bool | str) or not math.isfinite(value):
            continue
        history.setdefault(name, []).append(Point(on, float(value), n))
    return history
