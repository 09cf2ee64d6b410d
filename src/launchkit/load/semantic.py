"""Checks that span several parts of a playbook: unique ids and references that must resolve.

They read the raw YAML data rather than the validated model, so that a file with a wrong type
in one task still gets its unknown references reported in the same run. Values of the wrong
type are skipped here: the model's validation reports those.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from launchkit.diagnostics import Diagnostic, did_you_mean, error
from launchkit.load.document import Document

Loc = Sequence[str | int]


def check_references(doc: Document) -> list[Diagnostic]:
    """Every cross-reference problem in the playbook."""
    return list(_References(doc).problems())


def duplicate_ids(doc: Document, section: str) -> list[Diagnostic]:
    """Entries of a list section (`sites`, `audiences`) whose id an earlier entry already has."""
    return list(_References(doc).duplicates(section))


def _items(data: Any, section: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(section) if isinstance(data, dict) else None
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _ids(items: list[tuple[int, dict[str, Any]]]) -> set[str]:
    return {item["id"] for _, item in items if isinstance(item.get("id"), str)}


def _strings(value: Any) -> list[tuple[int, str]]:
    return (
        [(j, v) for j, v in enumerate(value) if isinstance(v, str)]
        if isinstance(value, list)
        else []
    )


class _References:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        data = doc.data
        self.tasks = _items(data, "tasks")
        self.gates = _items(data, "gates")
        self.task_ids = _ids(self.tasks)
        self.phase_ids = _ids(_items(data, "phases"))
        people = data.get("people")
        self.roles = set(people) if isinstance(people, dict) else set()
        sites = data.get("sites")
        self.has_sites = isinstance(sites, list) and len(sites) > 0
        self.site_ids = _ids(_items(data, "sites"))

    def at(self, loc: Loc, code: str, message: str, *, key: bool = False) -> Diagnostic:
        line, col = self.doc.position(loc, key=key)
        return error(self.doc.path, line, col, code, message)

    def problems(self) -> Iterator[Diagnostic]:
        for section in ("tasks", "gates", "phases", "sites"):
            yield from self.duplicates(section)
        for i, task in self.tasks:
            yield from self.task_problems(("tasks", i), task)
        yield from self.cycles()
        for i, gate in self.gates:
            yield from self.gate_problems(("gates", i), gate)
        for i, period in _items(self.doc.data, "quiet"):
            yield from self.quiet_problems(("quiet", i), period)

    def quiet_problems(self, here: tuple[str, int], period: dict[str, Any]) -> Iterator[Diagnostic]:
        """A quiet period is dates (`from` and `to`) or a holiday's name, not both."""
        start, end, holiday = period.get("from"), period.get("to"), period.get("holiday")
        if holiday is not None and (start is not None or end is not None):
            yield self.at(
                here, "quiet-kind", "a quiet period has dates (from, to) or a holiday, not both"
            )
        elif holiday is None and (start is None or end is None):
            yield self.at(
                here,
                "quiet-kind",
                "a quiet period needs both from and to (the first and last day), or a holiday",
            )
        elif start is not None and end is not None and str(end) < str(start):
            yield self.at((*here, "to"), "quiet-order", f"'to' ({end}) is before 'from' ({start})")
        elif isinstance(holiday, str) and not holiday.strip():
            yield self.at((*here, "holiday"), "quiet-kind", "name a holiday, such as Sukkot")

    def duplicates(self, section: str) -> Iterator[Diagnostic]:
        first: dict[str, int] = {}
        for i, item in _items(self.doc.data, section):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            if ident in first:
                line = self.doc.position((section, first[ident], "id"))[0]
                yield self.at(
                    (section, i, "id"),
                    "duplicate-id",
                    f"{section[:-1]} id '{ident}' is used twice (first on line {line})",
                )
            else:
                first[ident] = i

    def cycles(self) -> Iterator[Diagnostic]:
        """Tasks that wait for each other in a circle (a task waiting for itself is reported
        where it is checked); each circle once, at the `after` entry that closes it."""
        waits: dict[str, list[tuple[str, Loc]]] = {}
        for i, task in self.tasks:
            ident = task.get("id")
            if isinstance(ident, str) and ident not in waits:
                waits[ident] = [
                    (dep, ("tasks", i, "after", j))
                    for j, dep in _strings(task.get("after"))
                    if dep in self.task_ids and dep != ident
                ]
        state: dict[str, int] = {}  # 1: on the current path, 2: finished
        for start in waits:
            if start in state:
                continue
            path: list[str] = [start]
            todo: list[Iterator[tuple[str, Loc]]] = [iter(waits[start])]
            state[start] = 1
            while todo:
                step = next(todo[-1], None)
                if step is None:
                    state[path.pop()] = 2
                    todo.pop()
                    continue
                dep, _ = step
                if state.get(dep) == 1:
                    yield self.circle(path[path.index(dep) :], waits)
                elif dep not in state and dep in waits:
                    state[dep] = 1
                    path.append(dep)
                    todo.append(iter(waits[dep]))

    def circle(self, waiting: list[str], waits: dict[str, list[tuple[str, Loc]]]) -> Diagnostic:
        """One diagnostic for a circle found as a chain of waits (each task waits for the next).

        It is told in the order the tasks would run (`a -> b -> c -> a`), ending with the task
        written last in the file, and points at that task's `after` entry that closes it.
        """
        order = list(reversed(waiting))  # each task now runs before the next
        index = {ident: i for i, ident in enumerate(waits)}
        last = max(range(len(order)), key=lambda k: index[order[k]])
        order = order[last + 1 :] + order[: last + 1]
        closer, before = order[-1], order[-2] if len(order) > 1 else order[-1]
        loc = next(loc for dep, loc in waits[closer] if dep == before)
        return self.at(
            loc,
            "after-cycle",
            "these tasks wait for each other in a circle, so none can start: "
            + " -> ".join([*order, order[0]])
            + "; remove one of these after: links",
        )

    def unknown_task(self, loc: Loc, ref: str) -> Diagnostic:
        return self.at(
            loc,
            "unknown-task",
            f"'{ref}' is not a task of this playbook{did_you_mean(ref, self.task_ids)}",
        )

    def task_problems(self, here: tuple[str, int], task: dict[str, Any]) -> Iterator[Diagnostic]:
        after = _strings(task.get("after"))
        for j, dep in after:
            if dep == task.get("id"):
                yield self.at(
                    (*here, "after", j),
                    "after-cycle",
                    f"task '{dep}' waits for itself; remove '{dep}' from its after: list",
                )
            elif dep not in self.task_ids:
                yield self.unknown_task((*here, "after", j), dep)
        owner = task.get("owner")
        if isinstance(owner, str) and owner not in self.roles:
            yield self.at(
                (*here, "owner"),
                "unknown-owner",
                f"'{owner}' is not one of the roles under people"
                + _choices(owner, self.roles, " (people: lists no roles yet)"),
            )
        phase = task.get("phase")
        if isinstance(phase, str) and phase not in self.phase_ids:
            yield self.at(
                (*here, "phase"),
                "unknown-phase",
                f"'{phase}' is not one of the phases"
                + _choices(phase, self.phase_ids, " (phases: lists none yet)"),
            )
        if task.get("per_site") is True and not self.has_sites:
            yield self.at(
                (*here, "per_site"),
                "no-sites",
                "per_site makes one copy of the task per site, but the playbook lists no sites",
            )
        if task.get("length") is not None and task.get("at") is None:
            yield self.at(
                (*here, "length"),
                "length-without-at",
                f"task '{task.get('id')}' has a length but no at: length is how long a timed"
                ' event lasts; add at: "HH:MM" or remove length',
                key=True,
            )
        yield from self.site_status_problems(here, task)
        if all(task.get(k) in (None, []) for k in ("start", "due", "after")):
            yield self.at(
                here,
                "no-anchor",
                f"task '{task.get('id')}' has no start, due or after: give it one",
            )

    def site_status_problems(
        self, here: tuple[str, int], task: dict[str, Any]
    ) -> Iterator[Diagnostic]:
        by_site = task.get("site_status")
        if not isinstance(by_site, dict) or not by_site:
            return
        if task.get("per_site") is not True:
            yield self.at(
                (*here, "site_status"),
                "not-per-site",
                f"task '{task.get('id')}' has site_status but is not per_site",
                key=True,
            )
            return
        for site in by_site:
            if isinstance(site, str) and site not in self.site_ids:
                hint = did_you_mean(site, self.site_ids)
                yield self.at(
                    (*here, "site_status", site),
                    "unknown-site",
                    f"'{site}' is not one of the sites{hint}",
                    key=True,
                )

    def gate_problems(self, here: tuple[str, int], gate: dict[str, Any]) -> Iterator[Diagnostic]:
        name = gate.get("id")
        metric, rule = gate.get("metric"), gate.get("rule")
        if metric is not None and rule is not None:
            yield self.at(
                here, "gate-kind", f"gate '{name}' has both metric and rule; keep only one"
            )
            return
        if metric is None and rule is None:
            yield self.at(
                here,
                "gate-kind",
                f"gate '{name}' needs a metric (with min, max or equals) or a rule",
            )
            return
        if metric is not None and all(gate.get(k) is None for k in ("min", "max", "equals")):
            yield self.at(
                here,
                "gate-threshold",
                f"gate '{name}' reads metric {metric} but sets no min, max or equals to "
                "compare it with",
            )
        needs = _RULE_KEYS.get(rule if isinstance(rule, str) else "", ())
        missing = [key for key in needs if gate.get(key) is None]
        if missing:
            yield self.at(
                here,
                "gate-rule",
                f"gate '{name}' uses rule {rule}, which needs {_and(needs)}: add "
                + (
                    ("it" if len(needs) == 1 else "them")
                    if missing == list(needs)
                    else _and(missing)
                ),
            )
        if rule in ("champions_per_site", "employees_per_champion") and not self.has_sites:
            yield self.at(
                (*here, "rule"),
                "no-sites",
                f"rule {rule} counts per site, but the playbook lists no sites",
            )
        for key in ("task", "of"):
            ref = gate.get(key)
            if isinstance(ref, str) and ref not in self.task_ids:
                yield self.unknown_task((*here, key), ref)


_RULE_KEYS: dict[str, tuple[str, ...]] = {
    "champions_per_site": ("min",),
    "employees_per_champion": ("max",),
    "starts_within": ("task", "of", "within"),
}


def _and(words: Sequence[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _choices(word: str, names: set[str], none: str) -> str:
    """A close match, or the few names there are, or `none` when there are none."""
    hint = did_you_mean(word, names)
    if hint:
        return hint
    if not names:
        return none
    if len(names) <= 8:
        return " (they are: " + ", ".join(sorted(names)) + ")"
    return ""
