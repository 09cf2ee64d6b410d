"""A launch repository: `launchkit.yaml`, the playbooks it names, and what they share.

Shared entries are merged into each playbook's data before the playbook is checked, so that an
owner or a per-site task that relies on a shared role or site is valid, while every position
still points into the file that holds the entry: a playbook's own entries keep their places
(shared people are added to the mapping, a site named by id is replaced in place), and the
shared entries themselves were checked in `launchkit.yaml` first.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from launchkit.diagnostics import Diagnostic, LaunchkitError, did_you_mean, error
from launchkit.load import LoadedPlaybook, _validate
from launchkit.load.document import Document, read_document
from launchkit.model.repository import REPOSITORY_FILE, Repository

__all__ = [
    "LoadedRepository",
    "Shared",
    "find_repository",
    "load_repository",
    "shared_for",
]


@dataclass
class Shared:
    """The repository's shared entries as plain YAML data, ready to merge into a playbook's."""

    people: dict[str, Any] = field(default_factory=dict)
    sites: list[dict[str, Any]] = field(default_factory=list)
    calendar: Any = None
    audiences: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, doc: Document) -> Shared:
        data = doc.data
        people = data.get("people")
        sites = data.get("sites")
        audiences = data.get("audiences")
        return cls(
            people=dict(people) if isinstance(people, dict) else {},
            sites=[s for s in sites if isinstance(s, dict)] if isinstance(sites, list) else [],
            calendar=data.get("calendar"),
            audiences={
                a["id"]
                for a in (audiences if isinstance(audiences, list) else [])
                if isinstance(a, dict) and isinstance(a.get("id"), str)
            },
        )

    def merge(self, doc: Document) -> list[Diagnostic]:
        """Put the shared entries into `doc.data`; the problems only the repository can see."""
        data = doc.data
        if not isinstance(data, dict):
            return []
        merged = dict(data)
        problems: list[Diagnostic] = []
        people = data.get("people")
        if self.people and (people is None or isinstance(people, dict)):
            merged["people"] = {**self.people, **(people or {})}
        sites = data.get("sites")
        by_id = {s.get("id"): s for s in self.sites}
        if "sites" not in data and self.sites:
            merged["sites"] = list(self.sites)
        elif isinstance(sites, list):
            resolved: list[Any] = []
            for i, entry in enumerate(sites):
                if isinstance(entry, str):
                    if entry in by_id:
                        resolved.append(by_id[entry])
                        continue
                    line, col = doc.position(("sites", i))
                    problems.append(
                        error(
                            doc.path,
                            line,
                            col,
                            "unknown-site",
                            f"'{entry}' is not one of the repository's sites"
                            f"{did_you_mean(entry, [str(k) for k in by_id])}",
                        )
                    )
                    entry = {"id": entry, "name": entry}  # keeps the other entries' places
                resolved.append(entry)
            merged["sites"] = resolved
        if "calendar" not in data and self.calendar is not None:
            merged["calendar"] = self.calendar
        doc.data = merged
        problems.extend(self.audience_problems(doc))
        return problems

    def audience_problems(self, doc: Document) -> list[Diagnostic]:
        tasks = doc.data.get("tasks")
        out: list[Diagnostic] = []
        for i, task in enumerate(tasks if isinstance(tasks, list) else []):
            audience = task.get("audience") if isinstance(task, dict) else None
            if isinstance(audience, str) and audience not in self.audiences:
                line, col = doc.position(("tasks", i, "audience"))
                known = ", ".join(sorted(self.audiences)) or "none yet"
                hint = did_you_mean(audience, self.audiences) or f" (audiences: {known})"
                out.append(
                    error(
                        doc.path,
                        line,
                        col,
                        "unknown-audience",
                        f"'{audience}' is not one of the repository's audiences{hint}",
                    )
                )
        return out


@dataclass
class LoadedRepository:
    """A valid repository file and every playbook it names, each loaded with the shared entries."""

    repository: Repository
    doc: Document
    launches: list[LoadedPlaybook]

    @property
    def path(self) -> str:
        return self.doc.path

    @property
    def name(self) -> str:
        """The folder's name, as reports title the repository."""
        return Path(self.doc.path).resolve().parent.name or "repository"

    def where(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        return self.doc.position(loc, key=key)

    def person_place(self, role: str) -> tuple[str, int, int]:
        """File, line and column where a role is defined: the repository, else a playbook.

        `role@playbook` is that playbook's own entry for the role.
        """
        role, _, launch = role.partition("@")
        if role in self.repository.people and not launch:
            line, col = self.where(("people", role), key=True)
            return self.path, line, col
        for loaded in self.launches:
            if launch and loaded.playbook.id != launch:
                continue
            if loaded.doc.has(("people", role)):
                line, col = loaded.doc.position(("people", role), key=True)
                return loaded.path, line, col
        return self.path, 1, 1


def find_repository(folder: Path) -> Path | None:
    """The repository file of a folder, if it has one."""
    candidate = folder / REPOSITORY_FILE
    return candidate if candidate.is_file() else None


def load_repository(path: Path, display: str | None = None) -> LoadedRepository:
    """Load `launchkit.yaml` and its playbooks; raise LaunchkitError listing every problem."""
    doc = _read_repository(path, display)
    repository = _validate_repository(doc)
    shared = Shared.of(doc)
    problems: list[Diagnostic] = []
    launches: list[LoadedPlaybook] = []
    files = _playbook_files(doc, repository, Path(path).parent, problems)
    first_id: dict[str, LoadedPlaybook] = {}
    for file, shown in files:
        try:
            loaded = _load_with(file, shown, shared)
        except LaunchkitError as e:
            problems.extend(e.diagnostics)
            continue
        ident = loaded.playbook.id
        if ident in first_id:
            line, col = loaded.where(("id",))
            other = first_id[ident].path
            problems.append(
                error(
                    loaded.path,
                    line,
                    col,
                    "duplicate-playbook",
                    f"playbook id '{ident}' is also the id of {other}; calendar UIDs and "
                    "reports need each launch's id to be unique",
                )
            )
            continue
        first_id[ident] = loaded
        launches.append(loaded)
    if problems:
        raise LaunchkitError(problems)
    return LoadedRepository(repository, doc, launches)


def shared_for(playbook: Path) -> Shared | None:
    """The shared entries of the repository that names this playbook file, if one does.

    A playbook of a repository may rely on shared roles and sites; looking up its folder and
    the one above for a `launchkit.yaml` that lists it lets it be loaded on its own too.
    """
    target = playbook.resolve()
    for folder in list(target.parents)[:2]:
        found = find_repository(folder)
        if found is None:
            continue
        doc = _read_repository(found, str(found))
        repository = _validate_repository(doc)
        files = _playbook_files(doc, repository, folder, [])
        if any(file.resolve() == target for file, _ in files):
            return Shared.of(doc)
    return None


def _load_with(file: Path, shown: str, shared: Shared) -> LoadedPlaybook:
    doc = read_document(file, shown)
    problems = shared.merge(doc)
    try:
        loaded = _validate(doc, find_shared=False)
    except LaunchkitError as e:
        raise LaunchkitError([*problems, *e.diagnostics]) from None
    if problems:
        raise LaunchkitError(problems)
    return loaded


def _read_repository(path: Path, display: str | None) -> Document:
    doc = read_document(path, display)
    if not isinstance(doc.data, dict):
        line, col = doc.position(())
        raise LaunchkitError(
            [
                error(
                    doc.path,
                    line,
                    col,
                    "not-a-mapping",
                    "a launch repository file is a mapping of keys such as 'launchkit: 1' "
                    "and 'playbooks:', one per line",
                )
            ]
        )
    return doc


def _validate_repository(doc: Document) -> Repository:
    from pydantic import ValidationError

    from launchkit.load.errors import to_diagnostics
    from launchkit.load.semantic import duplicate_ids

    problems = [*duplicate_ids(doc, "sites"), *duplicate_ids(doc, "audiences")]
    try:
        repository = Repository.model_validate(doc.data)
    except ValidationError as e:
        problems.extend(to_diagnostics(e, doc, Repository))
        raise LaunchkitError(problems) from None
    if problems:
        raise LaunchkitError(problems)
    return repository


def _playbook_files(
    doc: Document, repository: Repository, root: Path, problems: list[Diagnostic]
) -> list[tuple[Path, str]]:
    """Each playbook's path and the name diagnostics show for it, in the order given."""
    shown_root = str(Path(doc.path).parent)

    def shown(rel: str) -> str:
        return os.path.normpath(f"{shown_root}/{rel}")

    def problem(loc: Sequence[str | int], code: str, message: str) -> None:
        line, col = doc.position(loc)
        problems.append(error(doc.path, line, col, code, message))

    if isinstance(repository.playbooks, str):
        folder = root / repository.playbooks
        if not folder.is_dir():
            problem(("playbooks",), "no-such-file", f"no folder '{repository.playbooks}' here")
            return []
        found = sorted(
            p
            for p in folder.iterdir()
            if p.suffix in (".yaml", ".yml") and p.name != REPOSITORY_FILE and p.is_file()
        )
        if not found:
            problem(("playbooks",), "no-playbooks", f"'{repository.playbooks}' holds no *.yaml")
        rel = Path(repository.playbooks)
        return [(p, shown(str(rel / p.name))) for p in found]
    out: list[tuple[Path, str]] = []
    seen: dict[Path, int] = {}
    if not repository.playbooks:
        problem(("playbooks",), "no-playbooks", "list at least one playbook file")
    for i, name in enumerate(repository.playbooks):
        file = root / name
        if not file.is_file():
            problem(("playbooks", i), "no-such-file", f"no playbook file '{name}' here")
            continue
        key = file.resolve()
        if key in seen:
            line = doc.position(("playbooks", seen[key]))[0]
            problem(
                ("playbooks", i),
                "duplicate-playbook",
                f"'{name}' is listed twice (first on line {line})",
            )
            continue
        seen[key] = i
        out.append((file, shown(name)))
    return out
