"""The built-in playbooks as a catalogue: id, languages, title and size of each."""

from __future__ import annotations

from dataclasses import dataclass

from launchkit.load import load_playbook


@dataclass(frozen=True)
class CatalogueEntry:
    """One built-in playbook: its id, the languages it comes in, and its default version's size."""

    id: str
    title: str
    languages: tuple[str, ...]
    tasks: int
    gates: int


def builtin_catalogue() -> list[CatalogueEntry]:
    """Every built-in playbook, sorted by id; title and counts come from its default version.

    A built-in file that does not load raises LaunchkitError: the package is broken, and the
    diagnostics say where.
    """
    from launchkit.resources import builtin_playbooks

    names = builtin_playbooks()
    entries = []
    for name in sorted(n for n in names if "." not in n):
        languages = tuple(sorted(n.partition(".")[2] for n in names if n.startswith(name + ".")))
        pb = load_playbook(names[name], name).playbook
        entries.append(CatalogueEntry(name, pb.title, languages, len(pb.tasks), len(pb.gates)))
    return entries
