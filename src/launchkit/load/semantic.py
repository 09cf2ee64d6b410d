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
        for i, gate in self.gates:
            yield from self.gate_problems(("gates", i), gate)

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
                yield self.at((*here, "after", j), "cycle", f"task '{dep}' waits for itself")
            elif dep not in self.task_ids:
                yield self.unknown_task((*here, "after", j), dep)
        owner = task.get("owner")
        if isinstance(owner, str) and owner not in self.roles:
            yield self.at(
                (*here, "owner"),
                "unknown-owner",
                f"'{owner}' is not one of the roles in people{did_you_mean(owner, self.roles)}",
            )
        phase = task.get("phase")
        if isinstance(phase, str) and phase not in self.phase_ids:
            yield self.at(
                (*here, "phase"),
                "unknown-phase",
                f"'{phase}' is not one of the phases{did_you_mean(phase, self.phase_ids)}",
            )
        if task.get("per_site") is True and not self.has_sites:
            yield self.at(
                (*here, "per_site"), "no-sites", "per_site is set but the playbook has no sites"
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
        if (metric is None) == (rule is None):
            yield self.at(here, "gate-kind", f"gate '{name}' needs exactly one of metric or rule")
            return
        if metric is not None and all(gate.get(k) is None for k in ("min", "max", "equals")):
            yield self.at(here, "gate-threshold", f"gate '{name}' needs min, max or equals")
        needs = {
            "champions_per_site": ("min",),
            "employees_per_champion": ("max",),
            "starts_within": ("task", "of", "within"),
        }.get(rule if isinstance(rule, str) else "", ())
        for key in needs:
            if gate.get(key) is None:
                yield self.at(here, "gate-threshold", f"rule {rule} needs {key}")
        if rule in ("champions_per_site", "employees_per_champion") and not self.has_sites:
            yield self.at((*here, "rule"), "no-sites", f"rule {rule} needs sites")
        for key in ("task", "of"):
            ref = gate.get(key)
            if isinstance(ref, str) and ref not in self.task_ids:
                yield self.unknown_task((*here, key), ref)
