"""`launchkit status`: progress at a glance."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from launchkit.load import load_playbook
from launchkit.load.edit import edit_file, mark_done, set_value
from launchkit.outputs.status import format_status, summarize
from launchkit.schedule import schedule

HAND = Path(__file__).parent / "data" / "edit" / "hand-formatted.yaml"


@pytest.fixture
def progressed(tmp_path, monkeypatch) -> Path:
    """The hand-formatted playbook after a week of `launchkit done`."""
    path = tmp_path / "launch.yaml"
    shutil.copyfile(HAND, path)
    edit_file(path, mark_done("teasers", dt.date(2026, 12, 31), "https://intra/teasers"))
    edit_file(path, mark_done("champions-ready@haifa", dt.date(2027, 1, 3)))
    edit_file(path, set_value("tasks.contest.status", "skipped"))
    monkeypatch.chdir(tmp_path)
    return path


def test_status_golden(cli, golden, progressed):
    r = cli("status", "launch.yaml", "--as-of", "2027-01-04")
    assert (r.exit_code, r.stderr) == (0, "")
    golden("status/hand-formatted.txt", r.stdout)


def test_status_counts_per_site_copies_and_skipped_tasks(progressed):
    status = summarize(schedule(load_playbook(progressed)), dt.date(2027, 1, 4))
    assert (status.overall.done, status.overall.total) == (3, 6)
    assert [(p.label, p.done, p.total) for p in status.sites] == [
        ("מפעל חיפה", 1, 1),
        ("Tel Aviv HQ", 0, 1),
    ]
    assert [i.id for i in status.overdue] == ["manager-briefing"]
    assert [i.id for i in status.due] == ["dry-run", "champions-ready@tel-aviv"]
    assert status.next_gate is not None and status.next_gate.id == "managers-on-app"
    assert status.to_launch == 3


def test_after_the_last_gate_there_is_none_to_come(progressed):
    status = summarize(schedule(load_playbook(progressed)), dt.date(2027, 2, 1))
    text = format_status(status, width=80)
    assert "launched 2027-01-10" in text
    assert text.endswith("Next gate\n  none still to come\n")


def test_a_narrow_console_wraps_titles_but_keeps_ids_and_bars_whole(progressed):
    status = summarize(schedule(load_playbook(progressed)), dt.date(2027, 1, 4))
    text = format_status(status, width=60)
    assert all(len(line) <= 60 for line in text.splitlines())
    assert "  All tasks   ██████████░░░░░░░░░░  3/6   50%" in text
    assert "  2027-01-07  champions-ready@tel-aviv  " in text


def test_status_without_as_of_uses_today_in_the_playbooks_time_zone(cli, progressed, monkeypatch):
    monkeypatch.setattr("launchkit.load.edit.today_in", lambda zone: dt.date(2027, 1, 8))
    r = cli("status", "launch.yaml")
    assert r.stdout.splitlines()[1] == "As of 2027-01-08: launch 2027-01-10, in 1 working day"
