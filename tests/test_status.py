"""`launchkit status`: progress at a glance."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from launchkit.load import load_playbook
from launchkit.load.edit import edit_file, mark_done, set_value
from launchkit.outputs.plan.labels import LABELS
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
    assert [(p.id, p.label, p.done, p.total) for p in status.sites] == [
        ("haifa", "מפעל חיפה", 1, 1),
        ("tel-aviv", "Tel Aviv HQ", 0, 1),
    ]
    assert [i.id for i in status.overdue] == ["manager-briefing"]
    assert [i.id for i in status.due] == ["dry-run", "champions-ready@tel-aviv"]
    assert status.next_gate is not None and status.next_gate.id == "managers-on-app"
    assert status.to_launch == 3


def test_after_the_last_gate_there_is_none_to_come(progressed):
    status = summarize(schedule(load_playbook(progressed)), dt.date(2027, 2, 1))
    text = format_status(status, width=80)
    assert "ההשקה הייתה ביום א׳, 10 בינו׳ 2027" in text
    assert text.endswith("תנאי הסף הבא\n  (לא נותרו תנאי סף)\n")


def test_a_narrow_console_wraps_titles_and_gives_long_ids_a_line_of_their_own(progressed):
    status = summarize(schedule(load_playbook(progressed)), dt.date(2027, 1, 4))
    text = format_status(status, width=60)
    assert all(len(line) <= 60 for line in text.splitlines())
    assert "  app-launch-he  כל         ██████████░░░░░░░░░░  3/6   50%\n" in text
    # Ids are never broken (users type them into `launchkit done`): each gets its own line.
    assert "\n  \u200echampions-ready@tel-aviv\n    יום ה׳, 7.1  אלופים מתודרכים" in text


def test_status_without_as_of_uses_today_in_the_playbooks_time_zone(cli, progressed, monkeypatch):
    monkeypatch.setenv("LAUNCHKIT_TODAY", "2027-01-08")
    r = cli("status", "launch.yaml")
    assert r.stdout.splitlines()[1] == (
        "נכון ליום ו׳, 8 בינו׳ 2027: השקה ביום א׳, 10 בינו׳ 2027, בעוד יום עבודה אחד"
    )


@pytest.mark.parametrize(
    ("playbook", "as_of", "name"),
    [
        ("app-launch", "2027-03-01", "app-launch.en"),
        ("app-launch.he", "2026-12-10", "app-launch.he"),
        ("advocacy-60-day.it", "2027-03-10", "advocacy-60-day.it"),
    ],
)
def test_status_speaks_the_playbooks_language(cli, golden, playbook, as_of, name):
    r = cli("status", playbook, "--as-of", as_of)
    assert (r.exit_code, r.stderr) == (0, "")
    golden(f"status/{name}.txt", r.stdout)


@pytest.mark.parametrize(
    ("playbook", "as_of", "line"),
    [
        (
            "app-launch",
            "2027-03-12",
            "As of Fri, 12 Mar 2027: launch Mon, 15 Mar 2027, in 1 working day",
        ),
        ("app-launch", "2027-03-15", "As of Mon, 15 Mar 2027: launch day"),
        ("app-launch", "2027-03-16", "As of Tue, 16 Mar 2027: launched Mon, 15 Mar 2027"),
        (
            "advocacy-60-day.it",
            "2027-04-09",
            "Situazione al ven 9 apr 2027: lancio lun 12 apr 2027, tra 1 giorno lavorativo",
        ),
        (
            "advocacy-60-day.it",
            "2027-04-13",
            "Situazione al mar 13 apr 2027: lancio avvenuto il lun 12 apr 2027",
        ),
        (
            "advocacy-60-day.tr",
            "2027-04-07",
            "7 Nis 2027 Çar itibarıyla: lansman 12 Nis 2027 Pzt, 3 iş günü sonra",
        ),
        ("advocacy-60-day.tr", "2027-04-12", "12 Nis 2027 Pzt itibarıyla: lansman günü"),
        (
            "app-launch.he",
            "2027-01-07",
            "נכון ליום ה׳, 7 בינו׳ 2027: השקה ביום א׳, 10 בינו׳ 2027, בעוד יום עבודה אחד",
        ),
        ("app-launch.he", "2027-01-10", "נכון ליום א׳, 10 בינו׳ 2027: יום ההשקה"),
    ],
)
def test_the_launch_line_in_each_language(cli, playbook, as_of, line):
    r = cli("status", playbook, "--as-of", as_of)
    assert line in r.stdout.splitlines()


def test_every_locale_has_every_word():
    for locale, words in LABELS.items():
        assert words.keys() == LABELS["en"].keys(), locale


def test_task_statuses_are_in_the_playbooks_language(cli, progressed):
    r = cli("status", "launch.yaml", "--as-of", "2027-01-04")
    assert (
        "  manager-briefing  יום ה׳, 24.12  תדריך מנהלים פנים אל פנים  דנה לוי  לביצוע" in r.stdout
    )
    assert "todo" not in r.stdout
