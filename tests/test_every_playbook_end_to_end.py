"""Every built-in and example playbook goes through every command a launch team uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from launchkit.resources import builtin_playbooks

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted(
    p
    for p in (ROOT / "examples").rglob("*.yaml")
    if ".github" not in p.parts
    and p.name != "launchkit.yaml"  # a launch repository file (tests/test_repository.py)
    and "\nlaunchkit: 1" in p.read_text(encoding="utf-8")
)
PLAYBOOKS = [name for name in builtin_playbooks() if "." in name] + [str(p) for p in EXAMPLES]


def _id(name: str) -> str:
    return str(Path(name).relative_to(ROOT)) if name.startswith("/") else name


@pytest.mark.parametrize("name", PLAYBOOKS, ids=_id)
def test_plans_checks_exports_and_renders(cli, tmp_path, name):
    plan = cli("plan", name, "--format", "json")
    assert (plan.exit_code, plan.stderr) == (0, "")
    assert json.loads(plan.stdout)["tasks"]

    check = cli("check", name, "--format", "json", "--as-of", "2026-11-23")
    assert check.exit_code in (0, 1), check.stderr
    assert set(json.loads(check.stdout)["counts"]) == {"error", "warning", "info"}

    for fmt in ("--ics", "--csv", "--mermaid"):
        r = cli("export", name, fmt, "-o", str(tmp_path / f"out{fmt}"))
        assert (r.exit_code, r.stderr) == (0, ""), fmt

    r = cli("render", name, "-o", str(tmp_path / "docs"))
    assert r.exit_code == 0, r.stderr
    written = {
        p.relative_to(tmp_path / "docs").as_posix() for p in (tmp_path / "docs").rglob("*.*")
    }
    assert {"checklist.md", "checklist.html", "deck.html", "deck.md", "timeline.svg"} <= written
    assert " error: " not in r.stderr
