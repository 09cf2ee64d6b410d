"""Every actionable item of the source documents is cited by its playbook, in every language.

The list of items is the project's own docs/sources.md (a Markdown table), never the seeds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from launchkit.load import load_playbook

ROOT = Path(__file__).parent.parent
_ROW = re.compile(r"^\|\s*([A-Z][A-Z0-9]*\.\d+)\s*\|[^|]+\|\s*([\w-]+)\s*\|\s*([\w-]+)\s*\|\s*$")


def source_items() -> dict[str, str]:
    """ID -> playbook, from the table in docs/sources.md."""
    items = {}
    for line in (ROOT / "docs" / "sources.md").read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line)
        if m:
            items[m.group(1)] = m.group(3)
    return items


def test_sources_table_lists_every_series_in_order():
    items = source_items()
    assert [i for i in items if i.startswith("S3.")] == [f"S3.{n}" for n in range(1, 11)]
    assert [i for i in items if i.startswith("EA.")] == [f"EA.{n}" for n in range(1, 11)]
    assert [i for i in items if i.startswith("A60.")] == [f"A60.{n}" for n in range(1, 17)]


PLAYBOOKS = sorted(set(source_items().values()))


def _versions(playbook: str) -> list[Path]:
    return sorted((ROOT / "playbooks" / playbook).glob("*.yaml"))


@pytest.mark.parametrize(
    "path",
    [p for name in PLAYBOOKS for p in _versions(name)],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_item_is_cited_and_nothing_else(path):
    pb = load_playbook(path).playbook
    cited = {s for item in [*pb.tasks, *pb.gates] for s in item.source}
    expected = {i for i, name in source_items().items() if name == pb.id}
    assert sorted(expected - cited) == []  # items this version forgets
    assert sorted(cited - expected) == []  # citations of items that are not this playbook's
