"""The dated plan: what the scheduler produces and every later layer reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from launchkit.diagnostics import Diagnostic
from launchkit.load import LoadedPlaybook
from launchkit.model import Playbook, Task
from launchkit.schedule.workdays import WorkCalendar

DEFAULT_EVENT_LENGTH = dt.timedelta(minutes=30)
"""How long a timed (`at`) task lasts when it gives no `length`: calendars need a slot."""


@dataclass(frozen=True)
class Moved:
    """A date that fell on a non-working day and was moved, and why."""

    what: Literal["start", "due", "occurrence"]
    original: dt.date
    moved_to: dt.date
    reason: str
    """What closes the original day: a weekday name, a holiday's name, or "closed"."""

    def note(self) -> str:
        """`moved from 2027-04-25, Liberation Day`."""
        return f"moved from {self.original.isoformat()}, {self.reason}"


@dataclass
class PlannedTask:
    """One dated task; a per-site task yields one of these per site (`id@site`)."""

    id: str
    task: Task
    site: str | None
    start: dt.date
    end: dt.date
    """Last working day of the task (inclusive)."""
    after: list[str] = field(default_factory=list)
    """Ids of the planned tasks it waits for (per-site copies already resolved)."""
    deadline: dt.date | None = None
    latest_end: dt.date | None = None
    slack_bd: int | None = None
    occurrences: list[dt.date] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)

    @property
    def critical(self) -> bool:
        return self.slack_bd is not None and self.slack_bd <= 0

    @property
    def title(self) -> str:
        return self.task.title

    @property
    def phase(self) -> str | None:
        return self.task.phase

    @property
    def owner(self) -> str | None:
        return self.task.owner

    @property
    def status(self) -> str:
        """The task's status; a per-site copy reads its site's entry in `site_status` first."""
        progress = self.task.site_status.get(self.site) if self.site else None
        return progress.status if progress is not None else self.task.status

    @property
    def done_on(self) -> dt.date | None:
        """Day this task (or this site's copy) was done."""
        progress = self.task.site_status.get(self.site) if self.site else None
        return progress.done_on if progress is not None else self.task.done_on

    @property
    def at(self) -> dt.time | None:
        return self.task.at

    @property
    def length(self) -> dt.timedelta | None:
        """How long a timed task's event lasts (`length`, else 30 minutes); None without `at`."""
        if self.task.at is None:
            return None
        return self.task.length or DEFAULT_EVENT_LENGTH


@dataclass
class Plan:
    """A playbook with every task dated against its calendars and launch day."""

    loaded: LoadedPlaybook
    launch: dt.date
    tasks: list[PlannedTask]
    site_launch: dict[str, dt.date] = field(default_factory=dict)
    """Each site's own launch day (equal to `launch` where the site sets none)."""
    warnings: list[Diagnostic] = field(default_factory=list)
    """What dating found suspicious without stopping (a plan spanning years: `long-plan`)."""
    _by_id: dict[str, PlannedTask] = field(default_factory=dict, repr=False)
    calendars: dict[str, WorkCalendar] = field(default_factory=dict, repr=False)
    _copies: dict[str, list[PlannedTask]] = field(default_factory=dict, repr=False)
    """Working-day calendar per site id; the key "" holds the playbook's own calendar."""

    @property
    def playbook(self) -> Playbook:
        return self.loaded.playbook

    @property
    def timezone(self) -> str:
        return self.playbook.timezone

    def task(self, task_id: str) -> PlannedTask:
        """The planned task with this id (`teasers`, `champions-ready@haifa`)."""
        if len(self._by_id) != len(self.tasks):
            self._by_id = {t.id: t for t in self.tasks}
        return self._by_id[task_id]

    def calendar(self, site: str | None = None) -> WorkCalendar:
        """The working-day calendar of a site (its own, else the playbook's); None: the playbook's."""
        key = site or ""
        if key not in self.calendars:
            spec = self.playbook.calendar
            if site is not None:
                own = next((s.calendar for s in self.playbook.sites if s.id == site), None)
                spec = own or spec
            self.calendars[key] = WorkCalendar(spec, self.playbook.locale, self.launch)
        return self.calendars[key]

    def calendar_of(self, planned: PlannedTask) -> WorkCalendar:
        """The calendar a planned task was dated against."""
        return self.calendar(planned.site)

    def launch_of(self, planned: PlannedTask) -> dt.date:
        """The launch day a planned task counts from: its site's wave, else L."""
        if planned.site is None:
            return self.launch
        return self.site_launch.get(planned.site, self.launch)

    def only(self, site: str | None = None, owner: str | None = None) -> Plan:
        """The plan narrowed to one site (its copies and the shared tasks) and/or one owner."""
        kept = [
            t
            for t in self.tasks
            if (site is None or t.site in (None, site)) and (owner is None or t.owner == owner)
        ]
        return Plan(
            self.loaded,
            self.launch,
            kept,
            dict(self.site_launch),
            calendars=self.calendars,
            warnings=self.warnings,
        )

    def copies(self, task_id: str) -> list[PlannedTask]:
        """The planned tasks made from one playbook task: itself, or its per-site copies."""
        if sum(len(c) for c in self._copies.values()) != len(self.tasks):
            self._copies = {}
            for t in self.tasks:
                self._copies.setdefault(t.task.id, []).append(t)
        return list(self._copies.get(task_id, []))
