"""Evaluating one gate: a metric against min/max/equals, or a built-in rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from launchkit.diagnostics import LaunchkitError, Severity, error
from launchkit.model import Gate
from launchkit.readiness.findings import Finding, Phrase, Subject
from launchkit.readiness.forecast import History, gate_outlook
from launchkit.readiness.metrics import Metrics, MetricValue, format_value
from launchkit.readiness.rules import RULES, Outcome, RuleContext
from launchkit.readiness.waivers import apply_waiver
from launchkit.schedule import Plan
from launchkit.schedule.dates import WorkingDays, due_day


@dataclass(frozen=True)
class GateContext:
    plan: Plan
    as_of: dt.date
    metrics: Metrics
    calendar: WorkingDays
    history: History | None = None
    """Dated values of the metrics (a `date,metric,value` file), for forecasts."""


def evaluate_gate(index: int, gate: Gate, ctx: GateContext) -> tuple[Subject, list[Finding]]:
    """The gate as a subject, and its findings (none when it is met)."""
    loaded = ctx.plan.loaded
    loc = ("gates", index)
    line, col = loaded.where(loc)
    due = due_day(gate.by, ctx.plan.launch, ctx.calendar)
    subject = Subject("gate", gate.id, gate.title, loaded.path, line, col, due)
    code, outcome = _outcome(gate, due, ctx)
    ahead = _forecast(gate, due, ctx, loaded.path, line, col)
    if outcome.met:
        # A met gate may still carry a waiver that has run out and should be removed.
        return subject, apply_waiver(ahead, gate.waiver, ctx.as_of, loaded, loc, gate.id)
    is_due = due <= ctx.as_of
    severity = Severity(gate.severity) if is_due else Severity.INFO
    message = outcome.message if is_due else f"{outcome.message} (not due yet)"
    phrase = outcome.phrase
    if phrase is not None and not is_due:
        phrase = Phrase.of("not-due", inner=phrase)
    finding = Finding(
        severity, code, gate.id, message, loaded.path, line, col, outcome.source, phrase=phrase
    )
    return subject, apply_waiver([finding, *ahead], gate.waiver, ctx.as_of, loaded, loc, gate.id)


def _forecast(
    gate: Gate, due: dt.date, ctx: GateContext, path: str, line: int, col: int
) -> list[Finding]:
    """Before a metric gate is due: where its metric's trend puts it on the gate's day.

    A projection that misses the target is a warning (`forecast-miss`); one that meets it, or
    a history too short to project, is info (`forecast`). Nothing without a history file.
    """
    if ctx.history is None or gate.metric is None or due <= ctx.as_of:
        return []
    points = ctx.history.get(gate.metric, [])
    outlook = gate_outlook(gate, points, due)
    if outlook is None:
        return []
    ahead, target, misses = outlook.forecast, outlook.target, outlook.misses
    if ahead is None:
        message = (
            f"{gate.metric} has {len(points)} dated value{'s' if len(points) != 1 else ''} "
            f"up to {ctx.as_of.isoformat()}; a forecast needs at least 3"
        )
        phrase = Phrase.of("forecast-short", metric=gate.metric, count=len(points), day=ctx.as_of)
        return [
            Finding(Severity.INFO, "forecast", gate.id, message, path, line, col, phrase=phrase)
        ]
    value, low, high = _number(ahead.value), _number(ahead.low), _number(ahead.high)
    shown = f"{gate.metric} is projected at {value} ({low}–{high}) on {due.isoformat()}"
    trend = "a saturating curve" if ahead.model == "saturating" else "a straight line"
    basis = f"{trend} through {ahead.points} values"
    limits = {"at-least": gate.min, "at-most": gate.max}
    bounds = [(key, format_value(v)) for key, v in limits.items() if v is not None]
    # the phrase's key in words is the English: "at least 100"
    needs = " and ".join(f"{key.replace('-', ' ')} {v}" for key, v in bounds)
    reach, reach_phrase = "", None
    if ahead.crossing is not None:
        reach = f"; on this trend it reaches {format_value(target)} on {ahead.crossing.isoformat()}"
        reach_phrase = Phrase.of("reaches", target=format_value(target), day=ahead.crossing)
    elif misses:
        reach = f"; on this trend it does not reach {format_value(target)}"
        reach_phrase = Phrase.of("does-not-reach", target=format_value(target))
    message = f"{shown}, needs {needs} ({basis}){reach}"
    phrase = Phrase.of(
        "projected",
        metric=gate.metric,
        value=value,
        low=low,
        high=high,
        due=due,
        needs=tuple(Phrase.of(key, value=v) for key, v in bounds),
        basis=Phrase.of(f"trend-{ahead.model}", n=ahead.points),
        reach=reach_phrase,
    )
    code, severity = ("forecast-miss", Severity.WARNING) if misses else ("forecast", Severity.INFO)
    return [Finding(severity, code, gate.id, message, path, line, col, phrase=phrase)]


def _number(value: float) -> str:
    """A projected value as people read it: whole numbers, or one decimal below 10."""
    return f"{value:.1f}" if abs(value) < 10 and round(value, 1) != round(value) else f"{value:.0f}"


def _outcome(gate: Gate, due: dt.date, ctx: GateContext) -> tuple[str, Outcome]:
    if gate.rule is not None:
        rule = RULES[gate.rule]
        return "gate-unmet", rule(gate, RuleContext(ctx.plan, ctx.calendar, due))
    assert gate.metric is not None  # the loader insists on exactly one of metric and rule
    value = ctx.metrics.get(gate.metric)
    if value is None:
        return "metric-missing", Outcome(
            False,
            f"no value for {gate.metric}, needed by {due.isoformat()}: "
            "add it under metrics: or to the --metrics file",
            phrase=Phrase.of("metric-missing", metric=gate.metric, due=due),
        )
    return "gate-unmet", _compare(gate, value, due)


def _compare(gate: Gate, mv: MetricValue, due: dt.date) -> Outcome:
    shown = f"{gate.metric} is {format_value(mv.value)} ({mv.source})"
    needs: list[str] = []
    parts: list[Phrase] = []
    if gate.min is not None or gate.max is not None:
        number = mv.number()
        if number is None:
            raise LaunchkitError(
                [
                    error(
                        mv.file,
                        mv.line,
                        mv.column,
                        "metric-type",
                        f"{gate.metric} is '{format_value(mv.value)}' but gate '{gate.id}' "
                        "compares it with a number",
                    )
                ]
            )
        # Written as "not met" rather than "below": a comparison with NaN is always false,
        # and a value that cannot be ordered must never count as meeting a gate.
        if gate.min is not None and not number >= gate.min:
            needs.append(f"at least {format_value(gate.min)}")
            parts.append(Phrase.of("at-least", value=format_value(gate.min)))
        if gate.max is not None and not number <= gate.max:
            needs.append(f"at most {format_value(gate.max)}")
            parts.append(Phrase.of("at-most", value=format_value(gate.max)))
    if gate.equals is not None and not _same(mv.value, gate.equals):
        needs.append(f"to be {format_value(gate.equals)}")
        parts.append(Phrase.of("to-be", value=format_value(gate.equals)))
    if needs:
        phrase = Phrase.of(
            "metric-unmet",
            metric=gate.metric,
            value=format_value(mv.value),
            source=mv.source,
            needs=tuple(parts),
            due=due,
        )
        return Outcome(
            False,
            f"{shown}, needs {' and '.join(needs)} by {due.isoformat()}",
            mv.source,
            phrase,
        )
    return Outcome(True, shown, mv.source)


def _same(value: float | bool | str, wanted: float | bool | str) -> bool:
    """Equality that keeps yes/no apart from 1/0 and compares text without case."""
    if isinstance(wanted, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(wanted, bool) and value == wanted
    if isinstance(wanted, str) or isinstance(value, str):
        return str(value).strip().casefold() == format_value(wanted).strip().casefold()
    return float(value) == float(wanted)  # NaN never equals anything, so it fails the gate
