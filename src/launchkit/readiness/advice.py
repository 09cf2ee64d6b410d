"""Which day to launch: every working day of a range tried as launch day L, and ranked.

Each candidate is the whole playbook scheduled for that L (the calendars are built once and
shared), then judged on what a launch owner would weigh:

- launch day itself on a reduced day (a holiday eve, a half day, Chol HaMoed);
- launch week (L and the four working days after it) losing days to eves, half days and
  optional holidays;
- tasks whose dates a holiday moved (weekends do not count: every plan has them);
- site waves that land on a site's own holiday or a reduced day there;
- announcements (tasks with channels, launch day, waves) in a quiet period;
- tasks that would already be late as of today: they should have started before it, and are
  not under way;
- a plan that misses its own deadlines (negative slack).

The score is a weighted count (weights below: what makes a launch fail weighs most); ties go to
the day nearest the playbook's own launch day, then the earlier day. Every candidate carries its
reasons as codes with their details, so the words are chosen by the formatter, in the reader's
language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from launchkit.load import LoadedPlaybook
from launchkit.schedule import Plan, schedule
from launchkit.schedule.quiet import QuietWindow, quiet_hits, quiet_windows
from launchkit.schedule.workdays import WorkCalendar

# What counts against a launch day; the formatter words each one.
LATE_TASKS = "late-tasks"
LATE_PLAN = "late-plan"
LAUNCH_REDUCED = "launch-reduced"
LAUNCH_QUIET = "launch-quiet"
WAVE_CLOSED = "wave-closed"
QUIET = "quiet"
WEEK_REDUCED = "week-reduced"
WAVE_REDUCED = "wave-reduced"
MOVED = "moved"

WEIGHTS = {
    LATE_TASKS: 5,
    LATE_PLAN: 5,
    LAUNCH_REDUCED: 4,
    LAUNCH_QUIET: 4,
    WAVE_CLOSED: 3,
    QUIET: 2,
    WEEK_REDUCED: 2,
    WAVE_REDUCED: 1,
    MOVED: 1,
}
"""What each reason costs, per day, task or site it counts."""
LAUNCH_WEEK_DAYS = 5
"""Launch week: L and the working days after it, this many in all."""
MOST_CANDIDATES = 731
"""Two years of days: a wider range is refused as a usage error."""


@dataclass(frozen=True)
class Reason:
    """One thing that counts against a candidate: a code, how many, and the names involved."""

    code: str
    count: int
    names: tuple[str, ...] = ()

    @property
    def cost(self) -> int:
        return WEIGHTS[self.code] * self.count


@dataclass
class Candidate:
    """One launch day tried, with what counts against it."""

    launch: dt.date
    reasons: list[Reason] = field(default_factory=list)
    waves_spread: int = 0
    """Working days between the first and the last site wave."""

    @property
    def score(self) -> int:
        return sum(r.cost for r in self.reasons)


@dataclass(frozen=True)
class Advice:
    """Every candidate of the range, best first."""

    playbook: str
    first: dt.date
    last: dt.date
    as_of: dt.date
    planned: dt.date | None
    """The playbook's own launch day, if it names one."""
    site: str | None
    candidates: list[Candidate]


def advise(
    loaded: LoadedPlaybook,
    first: dt.date,
    last: dt.date,
    as_of: dt.date,
    site: str | None = None,
) -> Advice:
    """Try every working day from `first` to `last` as launch day and rank them."""
    playbook = loaded.playbook
    calendars: dict[object, WorkCalendar] = {}
    seed = schedule(loaded, first, calendars)
    main = seed.calendar()
    windows = quiet_windows(seed, also=(last,))
    days = main.working_days(first, last)
    candidates = []
    for day in days:
        plan = seed if day == first else schedule(loaded, day, calendars)
        if site is not None:
            plan = plan.only(site=site)
        candidates.append(_judge(plan, as_of, windows))
    planned = playbook.launch

    def order(c: Candidate) -> tuple[int, int, dt.date]:
        near = abs((c.launch - planned).days) if planned is not None else 0
        return (c.score, near, c.launch)

    candidates.sort(key=order)
    return Advice(playbook.id, first, last, as_of, planned, site, candidates)


def _judge(plan: Plan, as_of: dt.date, windows: list[QuietWindow]) -> Candidate:
    main = plan.calendar()
    c = Candidate(plan.launch)
    day_l = main.reduced(plan.launch)
    if day_l is not None:
        c.reasons.append(Reason(LAUNCH_REDUCED, 1, (day_l.name,)))
    week = main.working_days(plan.launch, main.add(plan.launch, LAUNCH_WEEK_DAYS - 1))
    lost = [r.name for d in week[1:] if (r := main.reduced(d)) is not None]
    if lost:
        c.reasons.append(Reason(WEEK_REDUCED, len(lost), tuple(dict.fromkeys(lost))))
    moved = [
        t.id
        for t in plan.tasks
        for m in t.moved
        if m.original.weekday() in plan.calendar_of(t).workweek
    ]
    if moved:
        c.reasons.append(Reason(MOVED, len(moved), tuple(dict.fromkeys(moved))))
    closed, reduced = [], []
    waves = []
    for s in plan.playbook.sites:
        wave = plan.site_launch.get(s.id, plan.launch)
        waves.append(wave)
        local = plan.calendar(s.id)
        if not local.is_working(wave):
            closed.append(s.name)
        elif wave != plan.launch and local.reduced(wave) is not None:
            reduced.append(s.name)  # on launch day itself, `launch-reduced` says it once
    if closed:
        c.reasons.append(Reason(WAVE_CLOSED, len(closed), tuple(closed)))
    if reduced:
        c.reasons.append(Reason(WAVE_REDUCED, len(reduced), tuple(reduced)))
    if len(waves) > 1:
        c.waves_spread = main.count(min(waves), max(waves))
    hits = quiet_hits(plan, windows)
    on_launch = [h for h in hits if h.id == "launch"]
    if on_launch:
        c.reasons.append(Reason(LAUNCH_QUIET, 1, (on_launch[0].window.reason,)))
    others = [h for h in hits if h.id != "launch"]
    if others:
        reasons = tuple(dict.fromkeys(h.window.reason for h in others))
        c.reasons.append(Reason(QUIET, len(others), reasons))
    late = [
        t.id for t in plan.tasks if t.start < as_of and t.status not in ("done", "doing", "skipped")
    ]
    if late:
        c.reasons.append(Reason(LATE_TASKS, len(late), tuple(late)))
    short = [t.id for t in plan.tasks if t.slack_bd is not None and t.slack_bd < 0]
    if short:
        c.reasons.append(Reason(LATE_PLAN, len(short), tuple(short)))
    return c


__all__ = ["Advice", "Candidate", "Reason", "advise"]
