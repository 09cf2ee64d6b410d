"""A plan that reaches years away from launch day is almost surely a typo (`due: 9990-01-01`)."""

from __future__ import annotations

import datetime as dt

from launchkit.diagnostics import Diagnostic, Severity
from launchkit.load import LoadedPlaybook
from launchkit.schedule.plan import PlannedTask

MAX_SPAN_YEARS = 5
"""A plan reaching further than this from L, before or after, gets a `long-plan` warning."""


def span_warnings(
    loaded: LoadedPlaybook, launch: dt.date, tasks: list[PlannedTask]
) -> list[Diagnostic]:
    """A `long-plan` warning at the task that reaches furthest from L, when that is years away."""
    if not tasks:
        return []

    def reach(t: PlannedTask) -> int:
        days = (t.start, t.end, *t.occurrences[-1:])
        return max(abs((d - launch).days) for d in days)

    limit = MAX_SPAN_YEARS * 365.2425
    beyond = [t for t in tasks if reach(t) > limit]
    if not beyond:
        return []
    # Blame a task whose own dates reach that far, not one that only waits for it.
    names = {t.id for t in beyond}
    causes = [t for t in beyond if not any(p in names for p in t.after)] or beyond
    far = max(causes, key=reach)
    years = reach(far) / 365.2425
    loc = loaded.task_loc(far.id)
    fields = [f for f in ("due", "start", "repeat", "after") if getattr(far.task, f)]
    line, col = loaded.where((*loc, fields[0]) if fields else loc)
    day = max((far.start, far.end, *far.occurrences[-1:]), key=lambda d: abs((d - launch).days))
    message = (
        f"task '{far.id}' reaches {day.isoformat()}, {years:,.0f} years from launch day "
        f"{launch.isoformat()}; a plan spanning more than {MAX_SPAN_YEARS} years is probably a "
        "typo in a date or an offset"
    )
    return [Diagnostic(loaded.path, line, col, Severity.WARNING, "long-plan", message)]
