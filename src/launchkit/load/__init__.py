"""Layer 2: YAML files to validated models, with every problem pointing at its line and column."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from launchkit.diagnostics import Diagnostic, LaunchkitError, error
from launchkit.load.document import Document, parse_document, read_document
from launchkit.model import Playbook

__all__ = [
    "Document",
    "LoadedPlaybook",
    "load_playbook",
    "load_playbook_text",
    "resolve_playbook",
]


@dataclass
class LoadedPlaybook:
    """A valid playbook and the document it came from, so later layers can point at its lines."""

    playbook: Playbook
    doc: Document
    warnings: list[Diagnostic] = field(default_factory=list)
    """Problems that do not stop a run (an unpaired bidi control); commands print them."""
    _task_index: dict[str, int] = field(default_factory=dict, repr=False)
    _gate_index: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def path(self) -> str:
        return self.doc.path

    def where(self, loc: Sequence[str | int]) -> tuple[int, int]:
        """1-based line and column of the value at `loc`, e.g. `("gates", 0, "min")`."""
        return self.doc.position(loc)

    def task_loc(self, task_id: str) -> tuple[str, int]:
        """The `loc` of a task by id; per-site copies (`id@site`) point at their task."""
        if not self._task_index:
            self._task_index = {t.id: i for i, t in enumerate(self.playbook.tasks)}
        return ("tasks", self._task_index[task_id.partition("@")[0]])

    def gate_loc(self, gate_id: str) -> tuple[str, int]:
        """The `loc` of a gate by id."""
        if not self._gate_index:
            self._gate_index = {g.id: i for i, g in enumerate(self.playbook.gates)}
        return ("gates", self._gate_index[gate_id])

    def error(self, loc: Sequence[str | int], code: str, message: str) -> Diagnostic:
        """An error diagnostic at `loc` in this playbook's file."""
        line, col = self.where(loc)
        return error(self.path, line, col, code, message)


def load_playbook(path: Path | str, display: str | None = None) -> LoadedPlaybook:
    """Read, parse and validate a playbook file; raise LaunchkitError listing every problem.

    A file that a launch repository lists gets the repository's shared entries, wherever it
    is read from (`display` may be a name relative to another folder).
    """
    return _validate(read_document(Path(path), display), near=Path(path))


def load_playbook_text(text: str, display: str, *, near: Path | None = None) -> LoadedPlaybook:
    """Parse and validate playbook text held in memory; `display` names it in diagnostics.

    Edits use it to check the text they are about to write, so that an edit which would make
    the playbook invalid is refused before the file is touched. `near` is the file the text
    stands for when `display` is not its path (an old version from git): the launch repository
    that lists that file lends it its shared entries.
    """
    return _validate(parse_document(text, display), near=near)


def _validate(
    doc: Document, *, find_shared: bool = True, near: Path | None = None
) -> LoadedPlaybook:
    from pydantic import ValidationError

    from launchkit.load.errors import to_diagnostics
    from launchkit.load.semantic import check_references

    if not isinstance(doc.data, dict):
        line, col = doc.position(())
        raise LaunchkitError(
            [
                error(
                    doc.path,
                    line,
                    col,
                    "not-a-mapping",
                    "a playbook is a mapping of keys such as 'launchkit: 1', 'id:', 'title:' "
                    "and 'tasks:', one per line",
                )
            ]
        )
    problems = _shared_entries(doc, near) if find_shared else []
    problems += check_references(doc)
    try:
        playbook = Playbook.model_validate(doc.data)
    except ValidationError as e:
        problems.extend(to_diagnostics(e, doc, Playbook))
    if problems:
        raise LaunchkitError(problems)
    from launchkit.load.bidi import bidi_warnings

    return LoadedPlaybook(playbook, doc, bidi_warnings(doc))


def _shared_entries(doc: Document, near: Path | None = None) -> list[Diagnostic]:
    """Merge in the shared entries of the launch repository that lists this file, if any.

    Only a file with a `launchkit.yaml` in its folder or the one above is looked up, so a
    playbook outside any repository loads exactly as it always has (docs/repository.md).
    """
    path = near or Path(doc.path)
    folders = (path.parent, path.parent.parent)
    if not any((f / "launchkit.yaml").is_file() for f in folders) or not path.is_file():
        return []
    from launchkit.load.repository import shared_for

    shared = shared_for(path)
    return shared.merge(doc) if shared is not None else []


def resolve_playbook(name: str) -> tuple[Path, str]:
    """A file path as given, or a built-in playbook by name (`app-launch`, `app-launch.he`).

    An existing file always wins over a built-in of the same name.
    """
    path = Path(name)
    if path.exists():
        return path, name
    from launchkit.resources import builtin_playbooks

    builtins = builtin_playbooks()
    if name in builtins:
        found = builtins[name]
        return found, name
    if "/" in name or name.endswith((".yaml", ".yml")):
        return path, name
    from launchkit.diagnostics import did_you_mean

    hint = did_you_mean(name, builtins)
    raise LaunchkitError(
        [
            error(
                name,
                1,
                1,
                "no-such-file",
                f"no such file, nor a built-in playbook of that name{hint}",
            )
        ]
    )
