"""The dated plan: what the scheduler produces and every later layer reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from launchkit.load import LoadedPlaybook
from launchkit.model import Playbook, Task


@dataclass(frozen=True)
class Moved:
    """A date that fell on a non-working day and was moved, and why."""

    what: Literal["start", "due", "occurrence"]
    original: dt.date
    moved_to: dt.date
    reason: str
    """What closes the original day: a weekday name, a holiday's name, or "closed"."""

    def note(self) -> str:
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


@dataclass
class Plan:
    """A playbook with every task dated against its calendars and launch day."""

    loaded: LoadedPlaybook
    launch: dt.date
    tasks: list[PlannedTask]
    site_launch: dict[str, dt.date] = field(default_factory=dict)
    """Each site's own launch day (equal to `launch` where the site sets none)."""
    _by_id: dict[str, PlannedTask] = field(default_factory=dict, repr=False)

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

    def copies(self, task_id: str) -> list[PlannedTask]:
        """The planned tasks made from one playbook task: itself, or its per-site copies."""
        return [t for t in self.tasks if t.task.id == task_id]
