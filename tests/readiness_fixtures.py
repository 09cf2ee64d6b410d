"""Plans built by hand for readiness tests, so each finding can be pinned to its boundary day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from launchkit.load import LoadedPlaybook, load_playbook
from launchkit.schedule import Plan, PlannedTask

D = dt.date


class Weekdays:
    """Monday to Friday, minus `closed` days: enough of a working-day calendar for these tests."""

    def __init__(self, closed: tuple[dt.date, ...] = ()) -> None:
        self.closed = set(closed)

    def _open(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.closed

    def add(self, day: dt.date, n: int) -> dt.date:
        step = 1 if n > 0 else -1
        left = abs(n)
        while left:
            day += dt.timedelta(days=step)
            if self._open(day):
                left -= 1
        return day

    def on_or_before(self, day: dt.date) -> dt.date:
        while not self._open(day):
            day -= dt.timedelta(days=1)
        return day

    def count(self, first: dt.date, last: dt.date) -> int:
        lo, hi = sorted((first, last))
        n = sum(self._open(lo + dt.timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
        return n if last >= first else -n


def load(tmp_path: Path, text: str, name: str = "launch.yaml") -> LoadedPlaybook:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_playbook(path, name)


def plan_of(
    loaded: LoadedPlaybook,
    dates: dict[str, tuple[dt.date, dt.date]],
    *,
    slack: dict[str, int] | None = None,
    launch: dt.date = D(2027, 3, 15),
) -> Plan:
    """A plan with the given (start, end) per planned task id (`id` or `id@site`)."""
    tasks = {t.id: t for t in loaded.playbook.tasks}
    planned = []
    for pid, (start, end) in dates.items():
        base, _, site = pid.partition("@")
        s = (slack or {}).get(pid)
        planned.append(
            PlannedTask(
                pid,
                tasks[base],
                site or None,
                start,
                end,
                deadline=end + dt.timedelta(days=s) if s is not None else None,
                slack_bd=s,
            )
        )
    return Plan(loaded, launch, planned)
