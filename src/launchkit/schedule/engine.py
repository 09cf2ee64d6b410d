"""The scheduler: a loaded playbook and a launch day in, a dated Plan out.

Tasks are dated in dependency order (see graph.py), each per-site task once per site against
that site's calendar and launch day; then a backward pass from the deadlines gives slack
(see slack.py). Every step is a binary search on a calendar, so the whole is O(n log n) in
tasks and links.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from launchkit.diagnostics import Diagnostic, LaunchkitError
from launchkit.load import LoadedPlaybook
from launchkit.model import CalendarSpec, Site, Span, Task
from launchkit.model.values import MAX_REPEATS
from launchkit.schedule.graph import dependency_order
from launchkit.schedule.offsets import earliest_after, end_from_start, resolve, start_from_end
from launchkit.schedule.plan import Moved, Plan, PlannedTask
from launchkit.schedule.recurrence import TooManyRepeats, occurrences
from launchkit.schedule.slack import backward_pass
from launchkit.schedule.span import span_warnings
from launchkit.schedule.workdays import MAX_REACH_YEARS, OutOfReach, WorkCalendar, calendar_key

ONE_DAY = Span(1, "bd")


@dataclass(frozen=True)
class Context:
    """Where a task copy is dated: its site (None for a plain task), calendar and launch day."""

    site: str | None
    calendar: WorkCalendar
    launch: dt.date


def schedule(
    loaded: LoadedPlaybook,
    launch: dt.date | None = None,
    calendars: dict[object, WorkCalendar] | None = None,
) -> Plan:
    """Date every task of a playbook; `launch` overrides (or supplies) the playbook's launch day.

    `calendars` keeps the working-day calendars between calls (by spec), for a caller that
    schedules one playbook for many launch days (`advise`).

    Raises LaunchkitError for a playbook that cannot be dated: no launch day (`no-launch`),
    tasks waiting for each other (`after-cycle`), a calendar without working days (`no-workdays`).
    """
    playbook = loaded.playbook
    day_l = launch or playbook.launch
    if day_l is None:
        raise LaunchkitError(
            [
                loaded.error(
                    (),
                    "no-launch",
                    "the playbook has no launch day: add `launch: YYYY-MM-DD` or give --launch",
                )
            ]
        )
    try:
        plan = _schedule(loaded, day_l, calendars)
    except LaunchkitError as e:
        edge = [d for d in e.diagnostics if d.code == "date-range"]
        if not edge or isinstance(e.__cause__, OutOfReach):
            raise
        reach = _reach(loaded)
        if reach is None:
            raise
        raise LaunchkitError([_edge_error(loaded, day_l, launch is not None, reach)]) from None
    days = [d for t in plan.tasks for d in (t.start, t.end, *t.occurrences)]
    days += [day_l, *plan.site_launch.values()]
    if min(days) < FIRST_DAY or max(days) > LAST_DAY:
        # Dated, but too near the calendar's ends for what reads a plan (a month's grid, a
        # week around a day, a range of launch days to advise on) to stay inside it.
        reach = _reach(loaded) or (0, 0)
        raise LaunchkitError([_edge_error(loaded, day_l, launch is not None, reach)])
    _check_gate_days(loaded, plan)
    return plan


def _check_gate_days(loaded: LoadedPlaybook, plan: Plan) -> None:
    """Every gate's `by` falls within the plan's reach, as every task's days do: `by: 1900-03-01`
    or `by: L+99999w` is a typo that `check`, `status`, `site` and the wall calendar would
    otherwise each meet on their own."""
    from launchkit.schedule.dates import due_day

    calendar = plan.calendar()
    for i, gate in enumerate(loaded.playbook.gates):
        try:
            # the calendar refuses a day over MAX_REACH_YEARS from launch day (OutOfReach)
            day = due_day(gate.by, plan.launch, calendar)
            problem = (
                ""
                if FIRST_DAY <= day <= LAST_DAY
                else f"{day.isoformat()} is outside the days a plan may reach, "
                f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"
            )
        except (OutOfReach, ValueError, OverflowError) as e:  # past the calendar's years
            problem = str(e)
        if problem:
            raise LaunchkitError(
                [
                    loaded.error(
                        ("gates", i, "by") if gate.by is not None else ("gates", i),
                        "date-range",
                        f"gate '{gate.id}' falls due too far from L: {problem}; a plan may reach "
                        f"at most {MAX_REACH_YEARS} years from L (is a date or an offset "
                        "mistyped?)",
                    )
                ]
            )


def _schedule(
    loaded: LoadedPlaybook,
    day_l: dt.date,
    shared: dict[object, WorkCalendar] | None = None,
) -> Plan:
    playbook = loaded.playbook
    calendars = _Calendars(loaded, day_l, shared)
    main = Context(None, calendars.get(playbook.calendar, ("calendar",)), day_l)
    sites = []
    for i, site in enumerate(playbook.sites):
        try:
            sites.append(_site_context(loaded, i, site, main, calendars))
        except (
            ValueError,
            OverflowError,
        ) as e:  # a wave offset past the calendar (found by fuzzing)
            message = f"site '{site.id}' launches outside the years a calendar can hold ({e})"
            raise LaunchkitError(
                [loaded.error(("sites", i, "launch"), "date-range", message)]
            ) from e
    order = dependency_order(loaded)
    dated = _Dater(loaded, main, sites).run(order)
    try:
        backward_pass(dated, {c.site: c for c in [main, *sites]})
    except (ValueError, OverflowError) as e:
        message = f"the deadlines fall outside the years a calendar can hold ({e})"
        raise LaunchkitError([loaded.error(("launch",), "date-range", message)]) from e
    planned = [p for task in playbook.tasks for p in dated[task.id]]

    return Plan(
        loaded,
        day_l,
        planned,
        site_launch={c.site: c.launch for c in sites if c.site is not None},
        calendars={"": main.calendar} | {c.site: c.calendar for c in sites if c.site},
        warnings=span_warnings(loaded, day_l, planned),
    )


FIRST_DAY = dt.date(1, 3, 1)
LAST_DAY = dt.date(9998, 12, 31) - dt.timedelta(days=14)
"""The first and last day a plan may reach: a margin at each end of the calendar, so that every
reader of a plan (a month's grid, the weeks around a day, a year's holidays) stays inside it."""

NEUTRAL_LAUNCH = dt.date(2000, 1, 3)
"""A launch day far from both ends of the calendar, to measure how far a plan reaches."""


def _reach(loaded: LoadedPlaybook) -> tuple[int, int] | None:
    """(days before L, days after L) that the plan spans, measured with a neutral launch day."""
    try:
        plan = _schedule(loaded, NEUTRAL_LAUNCH)
    except (LaunchkitError, ValueError, OverflowError):
        return None
    days = [d for t in plan.tasks for d in (t.start, t.end, *t.occurrences)]
    if not days:
        return None
    return max(0, (NEUTRAL_LAUNCH - min(days)).days), max(0, (max(days) - NEUTRAL_LAUNCH).days)


def _days(n: int) -> str:
    return f"{n:,} day" if n == 1 else f"{n:,} days"


def _edge_error(
    loaded: LoadedPlaybook, day_l: dt.date, given: bool, reach: tuple[int, int]
) -> Diagnostic:
    """`plan --launch 9999-12-31`: say how far from L the plan reaches, not blame one task."""
    before, after = reach
    first = FIRST_DAY + dt.timedelta(days=before)
    last = LAST_DAY - dt.timedelta(days=after)
    where = "--launch" if given else "launch day"
    message = (
        f"{where} {day_l.isoformat()} leaves no room for the plan, which reaches "
        f"{_days(before)} before L and {_days(after)} after it, past the years a calendar holds; "
        f"give a launch day from {first.isoformat()} to {last.isoformat()}"
    )
    loc: tuple[str, ...] = ("launch",) if not given and loaded.playbook.launch else ()
    return loaded.error(loc, "date-range", message)


class _Calendars:
    """One WorkCalendar per distinct calendar spec, shared by every site that uses it."""

    def __init__(
        self,
        loaded: LoadedPlaybook,
        around: dt.date,
        made: dict[object, WorkCalendar] | None = None,
    ) -> None:
        self.loaded = loaded
        self.around = around
        self.made: dict[object, WorkCalendar] = {} if made is None else made

    def get(self, spec: CalendarSpec, loc: tuple[str | int, ...]) -> WorkCalendar:
        key = calendar_key(spec)
        if key not in self.made:
            if not spec.workweek:
                raise LaunchkitError(
                    [
                        self.loaded.error(
                            (*loc, "workweek"),
                            "no-workdays",
                            "the work week is empty: list at least one working day",
                        )
                    ]
                )
            self.made[key] = WorkCalendar(spec, self.loaded.playbook.locale, self.around)
        return self.made[key]


def _site_context(
    loaded: LoadedPlaybook, i: int, site: Site, main: Context, calendars: _Calendars
) -> Context:
    """A site's calendar (its own, else the playbook's) and launch day (a wave offset from L).

    The wave offset counts on the playbook's calendar: `L+2bd` is two of the launch team's
    working days after L, whatever the site's own week looks like.
    """
    calendar = (
        calendars.get(site.calendar, ("sites", i, "calendar"))
        if site.calendar is not None
        else main.calendar
    )
    launch = resolve(site.launch, main.calendar, main.launch) if site.launch else main.launch
    return Context(site.id, calendar, launch)


class _Dater:
    """The forward pass: dates each task copy once all it waits for are dated."""

    def __init__(self, loaded: LoadedPlaybook, main: Context, sites: list[Context]) -> None:
        self.loaded = loaded
        self.main = main
        self.sites = sites
        self.by_task = {t.id: t for t in loaded.playbook.tasks}
        self.dated: dict[str, list[PlannedTask]] = {}
        # Per-site copies by site, so that linking one site's copies is a lookup, not a scan.
        self.site_copy: dict[tuple[str, str], PlannedTask] = {}

    def run(self, order: list[int]) -> dict[str, list[PlannedTask]]:
        tasks = self.loaded.playbook.tasks
        for i in order:
            task = tasks[i]
            contexts = self.sites if task.per_site else [self.main]
            try:
                self.dated[task.id] = [self.place(task, c) for c in contexts]
                if task.per_site:
                    for c in self.dated[task.id]:
                        self.site_copy[task.id, c.site or ""] = c
            except TooManyRepeats as e:
                raise LaunchkitError(
                    [
                        self.loaded.error(
                            ("tasks", i, "repeat"),
                            "bad-rrule",
                            f"'{task.repeat}' yields over {MAX_REPEATS:,} days from the task's "
                            f"start {e.first.isoformat()} (day {MAX_REPEATS + 1:,} is "
                            f"{e.reached.isoformat()}); a task repeats at most {MAX_REPEATS:,} "
                            "times: lower COUNT or bring UNTIL closer",
                        )
                    ]
                ) from None
            except OutOfReach as e:
                field = next((f for f in ("due", "start", "repeat") if getattr(task, f)), None)
                loc = ("tasks", i, field) if field else ("tasks", i)
                raise LaunchkitError(
                    [
                        self.loaded.error(
                            loc,
                            "date-range",
                            f"task '{task.id}' reaches too far: {e}; a plan may reach at most "
                            f"{MAX_REACH_YEARS} years from L (is a date or an offset mistyped?)",
                        )
                    ]
                ) from e
            except (ValueError, OverflowError) as e:
                raise LaunchkitError(
                    [
                        self.loaded.error(
                            ("tasks", i),
                            "date-range",
                            f"task '{task.id}' falls outside the years a calendar can hold ({e})",
                        )
                    ]
                ) from e
        return self.dated

    def predecessors(self, task: Task, site: str | None) -> list[PlannedTask]:
        """What a copy waits for: the same site's copy of a per-site task, else every copy."""
        found: list[PlannedTask] = []
        for name in dict.fromkeys(task.after):
            if site is not None and self.by_task[name].per_site:
                found.append(self.site_copy[name, site])
            else:
                found.extend(self.dated[name])
        return found

    def place(self, task: Task, ctx: Context) -> PlannedTask:
        cal = ctx.calendar
        moved: list[Moved] = []
        preds = self.predecessors(task, ctx.site)
        duration = task.duration or ONE_DAY
        start: dt.date | None = None
        rule_start: dt.date | None = None
        start_move: Moved | None = None
        if task.start is not None:
            rule_start = resolve(task.start, cal, ctx.launch)
            start = cal.on_or_after(rule_start)
            if start != rule_start:
                start_move = Moved("start", rule_start, start, _reason(cal, rule_start))
        if preds:
            ready = earliest_after(max(p.end for p in preds), task.lag, cal)
            if start is None or ready > start:
                # The predecessors, not the written start, decide: its move no longer matters.
                start, rule_start, start_move = ready, None, None
        if start_move is not None:
            moved.append(start_move)
        deadline: dt.date | None = None
        if task.due is not None:
            raw_due = resolve(task.due, cal, ctx.launch)
            deadline = cal.on_or_before(raw_due)
            if deadline != raw_due:
                moved.append(Moved("due", raw_due, deadline, _reason(cal, raw_due)))
        if start is None:
            # Only `due`: the task ends on it and starts its duration earlier.
            assert deadline is not None, "the loader requires start, due or after"
            end = deadline
            start = start_from_end(end, duration, cal)
        else:
            end = end_from_start(start, duration, cal)
        if deadline is None and end < ctx.launch:
            deadline = cal.add(ctx.launch, -1)
        planned = PlannedTask(
            id=task.id if ctx.site is None or not task.per_site else f"{task.id}@{ctx.site}",
            task=task,
            site=ctx.site if task.per_site else None,
            start=start,
            end=end,
            after=[p.id for p in preds],
            deadline=deadline,
            moved=moved,
        )
        if task.repeat:
            planned.occurrences = occurrences(
                task.repeat, rule_start or start, task.at, cal, planned.moved
            )
        return planned


def _reason(calendar: WorkCalendar, day: dt.date) -> str:
    return calendar.why_closed(day) or ""
