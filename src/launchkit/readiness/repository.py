"""Checks across the launches of a repository: announcement collisions and people's load.

Both collapse a per-site task's copies into one piece of work (`champions-ready` at twelve
sites is one announcement to an audience, and one task for its owner on each day), and both
count only tasks that are not done or skipped. docs/repository.md explains the rules.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from launchkit.diagnostics import Severity
from launchkit.load.repository import LoadedRepository
from launchkit.model import Waiver
from launchkit.readiness.check import check_readiness
from launchkit.readiness.findings import Finding, Report, Subject, WaiverNote
from launchkit.schedule import Plan, PlannedTask

_FINISHED = ("done", "skipped")


@dataclass(frozen=True)
class Work:
    """One task of one launch, its per-site copies taken together."""

    launch: str
    plan: Plan
    task_id: str
    first: PlannedTask
    days: tuple[dt.date, ...]
    """The days it happens on (its start, or each occurrence), over all its copies."""
    start: dt.date
    end: dt.date
    copies: tuple[PlannedTask, ...] = ()
    """The unfinished planned tasks it stands for: itself, or its per-site copies."""

    @property
    def ref(self) -> str:
        """`task@playbook`, as the combined report and calendar name it."""
        return f"{self.task_id}@{self.launch}"

    @property
    def title(self) -> str:
        return self.first.title

    def place(self) -> tuple[str, int, int]:
        loaded = self.plan.loaded
        line, col = loaded.where(loaded.task_loc(self.task_id))
        return loaded.path, line, col

    @property
    def waiver(self) -> Waiver | None:
        return self.first.task.waiver


def works(plans: Iterable[Plan]) -> list[Work]:
    """Every unfinished task of every launch, per-site copies collapsed."""
    out: list[Work] = []
    for plan in plans:
        copies: dict[str, list[PlannedTask]] = {}
        for pt in plan.tasks:
            if pt.status not in _FINISHED:
                copies.setdefault(pt.task.id, []).append(pt)
        for task_id, group in copies.items():
            days = sorted({d for pt in group for d in (pt.start, *pt.occurrences)})
            out.append(
                Work(
                    plan.playbook.id,
                    plan,
                    task_id,
                    group[0],
                    tuple(days),
                    min(pt.start for pt in group),
                    max(pt.end for pt in group),
                    tuple(group),
                )
            )
    return out


def person_load(plans: Iterable[Plan]) -> dict[str, dict[dt.date, list[Work]]]:
    """Each role's tasks on each working day, across launches.

    A task loads its owner on every working day from its start to its end (on each occurrence
    day for a `repeat`); a milestone (`duration: 0bd`) loads nobody. A role is one person across
    launches while they give it the same entry; a launch that names someone else for the role
    (its own `people:` entry) counts that person apart, as `role@playbook`.
    """
    load: dict[str, dict[dt.date, list[Work]]] = defaultdict(lambda: defaultdict(list))
    first_person: dict[str, object] = {}
    for work in works(plans):
        owner = work.first.owner
        duration = work.first.task.duration
        if owner is None or (duration is not None and duration.amount == 0):
            continue
        person = work.plan.playbook.people.get(owner)
        if first_person.setdefault(owner, person) != person:
            owner = f"{owner}@{work.launch}"
        days: set[dt.date] = set()
        plan = work.plan
        for pt in work.copies:
            if pt.occurrences:
                days.update(pt.occurrences)
            else:
                days.update(plan.calendar_of(pt).working_days(pt.start, pt.end))
        for day in days:
            load[owner][day].append(work)
    return load


def capacity_of(repo: LoadedRepository, role: str) -> int:
    """A role's capacity: its shared entry's, else a playbook's entry's, else the default."""
    role, _, launch = role.partition("@")
    if launch:
        own = next(p for p in repo.launches if p.playbook.id == launch).playbook.people[role]
        return own.capacity if own.capacity is not None else repo.repository.rules.capacity
    shared = repo.repository.people.get(role)
    if shared is not None and shared.capacity is not None:
        return shared.capacity
    for loaded in repo.launches:
        person = loaded.playbook.people.get(role)
        if person is not None and person.capacity is not None:
            return person.capacity
    return repo.repository.rules.capacity


def overloads(repo: LoadedRepository, plans: list[Plan]) -> list[Finding]:
    """A finding for each run of consecutive days a person carries the same too many tasks."""
    severity = Severity(repo.repository.rules.severity)
    found: list[Finding] = []
    for role, by_day in sorted(person_load(plans).items()):
        limit = capacity_of(repo, role)
        file, line, col = repo.person_place(role)
        runs: list[tuple[dt.date, dt.date, tuple[str, ...]]] = []
        for day in sorted(by_day):
            refs = tuple(sorted(w.ref for w in by_day[day]))
            if len(refs) <= limit:
                continue
            if runs and runs[-1][2] == refs and (day - runs[-1][1]).days <= 4:
                runs[-1] = (runs[-1][0], day, refs)
            else:
                runs.append((day, day, refs))
        for first, last, refs in runs:
            when = first.isoformat() if first == last else f"{first} to {last}"
            found.append(
                Finding(
                    severity,
                    "overload",
                    role,
                    f"{role} has {len(refs)} tasks at once on {when} (capacity {limit}): "
                    + ", ".join(refs),
                    file,
                    line,
                    col,
                    "plan",
                )
            )
    return found


def collisions(repo: LoadedRepository, plans: list[Plan], as_of: dt.date) -> list[Finding]:
    """Announcement limits per audience and kinds that must not overlap, on both tasks' lines."""
    rules = repo.repository.rules
    severity = Severity(rules.severity)
    all_work = [w for w in works(plans) if w.first.task.audience]
    groups: list[tuple[str, list[Work], str]] = []
    announcing = set(rules.announcement_kinds)
    by_day: dict[tuple[str, dt.date], list[Work]] = defaultdict(list)
    by_week: dict[tuple[str, dt.date], list[Work]] = defaultdict(list)
    for w in all_work:
        if w.first.task.kind not in announcing:
            continue
        audience = str(w.first.task.audience)
        weeks = set()
        for day in w.days:
            by_day[(audience, day)].append(w)
            weeks.add(day - dt.timedelta(days=day.weekday()))
        for monday in weeks:
            by_week[(audience, monday)].append(w)
    if rules.announcements_per_day is not None:
        limit = rules.announcements_per_day
        for (audience, day), group in sorted(by_day.items()):
            if len(group) > limit:
                text = (
                    f"{len(group)} announcements to '{audience}' on {day} (at most {limit} a day)"
                )
                groups.append(("announcement-day", group, text))
    if rules.announcements_per_week is not None:
        limit = rules.announcements_per_week
        for (audience, monday), group in sorted(by_week.items()):
            if len(group) > limit:
                text = (
                    f"{len(group)} announcements to '{audience}' in the week of {monday} "
                    f"(at most {limit} a week)"
                )
                groups.append(("announcement-week", group, text))
    groups.extend(_overlaps(all_work, set(rules.no_overlap)))
    found: list[Finding] = []
    for code, group, text in groups:
        for w in group:
            others = [o for o in group if o is not w]
            listed = ", ".join(f"{o.ref} ({_span(o)})" for o in others)
            message = f"{text}: '{w.title}' ({_span(w)}) collides with {listed}"
            file, line, col = w.place()
            finding = Finding(severity, code, w.ref, message, file, line, col, "plan")
            found.append(_waived(finding, [w, *others], as_of))
    return found


def _overlaps(all_work: list[Work], kinds: set[str]) -> list[tuple[str, list[Work], str]]:
    by_audience: dict[str, list[Work]] = defaultdict(list)
    for w in all_work:
        if w.first.task.kind in kinds:
            by_audience[str(w.first.task.audience)].append(w)
    out: list[tuple[str, list[Work], str]] = []
    for audience, group in sorted(by_audience.items()):
        group.sort(key=lambda w: (w.start, w.ref))
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if b.start > a.end:
                    break
                text = (
                    f"{a.first.task.kind} and {b.first.task.kind} for '{audience}' overlap "
                    "(these kinds must not)"
                )
                pair = [a, b]
                out.append(("kind-overlap", pair, text))
    return out


def _span(w: Work) -> str:
    if w.start == w.end:
        return w.start.isoformat()
    return f"{w.start} to {w.end}"


def _waived(finding: Finding, group: list[Work], as_of: dt.date) -> Finding:
    """A collision is accepted while a waiver of any task in it holds."""
    for w in group:
        waiver = w.waiver
        if waiver is not None and as_of <= waiver.until:
            return replace(
                finding,
                severity=Severity.INFO,
                message=f"{finding.message} (waived on {w.ref} by {waiver.owner} until "
                f"{waiver.until.isoformat()}: {waiver.reason})",
                waiver=WaiverNote(waiver.reason, waiver.owner, waiver.until),
            )
    return finding


def check_repository(
    repo: LoadedRepository, plans: list[Plan], as_of: dt.date, *, strict: bool = False
) -> Report:
    """Every launch judged on its own, then the collisions and overloads across them.

    Findings and subjects of each launch are named `id@playbook` so that launches may reuse ids.
    """
    findings: list[Finding] = []
    subjects: list[Subject] = []
    sources = {repo.path: repo.doc.text}
    for plan in plans:
        report = check_readiness(plan, as_of)
        pid = plan.playbook.id
        findings.extend(replace(f, id=f"{f.id}@{pid}") for f in report.findings)
        subjects.extend(replace(s, id=f"{s.id}@{pid}") for s in report.subjects)
        sources.update(report.sources)
    findings.extend(collisions(repo, plans, as_of))
    overloaded = overloads(repo, plans)
    findings.extend(overloaded)
    for role in sorted({f.id for f in overloaded}):
        file, line, col = repo.person_place(role)
        subjects.append(Subject("person", role, f"load of {role}", file, line, col))
    launch = min(p.launch for p in plans) if plans else as_of
    return Report(
        playbook=repo.name,
        file=repo.path,
        as_of=as_of,
        launch=launch,
        findings=findings,
        subjects=subjects,
        strict=strict,
        sources=sources,
    )
