"""Plans built by hand for the render tests, so the golden files do not move with the scheduler.

The dates and slack are what the scheduler gives these playbooks today; test_cli_render checks
that the command, through the real scheduler, writes exactly the golden files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from launchkit.load import load_playbook
from launchkit.schedule import Plan, PlannedTask

DATA = Path(__file__).parent / "data" / "render"

# Start and end of every planned task; slack marks the critical ones.
DATES: dict[str, dict[str, tuple[str, str, int | None]]] = {
    "en": {
        "manager-briefing": ("2027-03-01", "2027-03-01", 4),
        "teasers": ("2027-03-02", "2027-03-08", 4),
        "champions-ready@london": ("2027-03-12", "2027-03-12", 0),
        "champions-ready@leeds": ("2027-03-12", "2027-03-12", 0),
        "invitations": ("2027-03-15", "2027-03-15", None),
        "content-meeting": ("2027-03-22", "2027-03-22", None),
    },
    "he": {
        "manager-briefing": ("2026-12-27", "2026-12-27", 4),
        "teasers": ("2026-12-28", "2027-01-03", 4),
        "sms-dry-run": ("2027-01-06", "2027-01-06", 0),
        "contest": ("2027-01-10", "2027-01-10", None),
    },
}
OCCURRENCES = {"content-meeting": ["2027-03-22", "2027-04-22", "2027-05-24"]}


def hand_plan(lang: str, path: Path | None = None) -> Plan:
    """The test playbook of `lang` (or `path`), dated by the table above."""
    source = path or DATA / f"{lang}.yaml"
    loaded = load_playbook(source, source.name)
    tasks_by_id = {t.id: t for t in loaded.playbook.tasks}
    planned = []
    for pid, (start, end, slack) in DATES[lang].items():
        base, _, site = pid.partition("@")
        task = tasks_by_id[base]
        planned.append(
            PlannedTask(
                id=pid,
                task=task,
                site=site or None,
                start=dt.date.fromisoformat(start),
                end=dt.date.fromisoformat(end),
                after=list(task.after),
                slack_bd=slack,
                occurrences=[dt.date.fromisoformat(d) for d in OCCURRENCES.get(pid, [])],
            )
        )
    launch = loaded.playbook.launch
    assert launch is not None
    return Plan(loaded=loaded, launch=launch, tasks=planned)
