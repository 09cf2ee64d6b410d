"""A table of broken playbooks: each folder under tests/data/bad/ holds a `launch.yaml` and the
exact lines `launchkit validate launch.yaml` must print on stderr (`expected.txt`).

Add a case by creating `tests/data/bad/<name>/launch.yaml`, then write its `expected.txt` with
`LAUNCHKIT_UPDATE_GOLDEN=1 python -m pytest tests/test_bad_playbooks.py` and read it: every line
must point at the right place and say, in words an HR or comms person follows, what to change.
"""

from __future__ import annotations

import re

import pytest

from conftest import DATA

BAD = DATA / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if (p / "launch.yaml").is_file())
LINE = re.compile(r"^launch\.yaml:(\d+):(\d+): error: .+ \[[a-z0-9-]+\]$")


def test_the_table_is_large_enough():
    assert len(CASES) >= 35


@pytest.mark.parametrize("case", CASES)
def test_broken_playbook_is_reported_exactly(case, cli, golden, monkeypatch):
    monkeypatch.chdir(BAD / case)
    r = cli("validate", "launch.yaml")
    assert r.exit_code == 2, r.stdout + r.stderr
    assert r.stdout == ""
    golden(f"bad/{case}/expected.txt", r.stderr)


@pytest.mark.parametrize("case", CASES)
def test_expected_lines_are_well_formed_sorted_and_inside_the_file(case):
    text = (BAD / case / "launch.yaml").read_text(encoding="utf-8")
    lines = (BAD / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert lines, "a broken playbook must produce at least one error"
    places = []
    for line in lines:
        m = LINE.match(line)
        assert m, line
        row, col = int(m.group(1)), int(m.group(2))
        assert 1 <= row <= text.count("\n") + 1
        places.append((row, col))
    assert places == sorted(places)


def test_several_errors_are_all_reported_in_line_order(cli, monkeypatch):
    monkeypatch.chdir(BAD / "several-errors")
    codes = [
        line.rsplit("[", 1)[1].rstrip("]")
        for line in cli("validate", "launch.yaml").stderr.splitlines()
    ]
    assert codes == [
        "unknown-owner",
        "bad-offset",
        "unknown-key",
        "duplicate-id",
        "unknown-task",
        "gate-kind",
        "bad-timezone",
    ]
