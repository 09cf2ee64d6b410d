"""`launchkit playbooks` output: a table for people, JSON for tools."""

from __future__ import annotations

from dataclasses import asdict

from launchkit.load.catalogue import CatalogueEntry
from launchkit.outputs import jsontext

_HEADERS = ("ID", "LANGUAGES", "TASKS", "GATES", "TITLE")


def format_text(entries: list[CatalogueEntry]) -> str:
    """A plain table, one playbook per line, columns padded to their widest cell."""
    rows = [_HEADERS] + [
        (e.id, " ".join(e.languages), str(e.tasks), str(e.gates), e.title) for e in entries
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADERS) - 1)]
    lines = []
    for row in rows:
        cells = [
            row[0].ljust(widths[0]),
            row[1].ljust(widths[1]),
            row[2].rjust(widths[2]),
            row[3].rjust(widths[3]),
            row[4],
        ]
        lines.append("  ".join(cells))
    return "\n".join(lines) + "\n"


def format_json(entries: list[CatalogueEntry]) -> str:
    """`{"playbooks": [{"id", "title", "languages", "tasks", "gates"}, ...]}`, sorted by id."""
    items = [{**asdict(e), "languages": list(e.languages)} for e in entries]
    return jsontext.dumps({"playbooks": items}) + "\n"
