"""`launchkit done` and `launchkit set`: what users see, and that a refused edit changes nothing."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from launchkit.diagnostics import LaunchkitError
from launchkit.load import load_playbook
from launchkit.load.edit import edit_file, set_value

HAND = Path(__file__).parent / "data" / "edit" / "hand-formatted.yaml"


@pytest.fixture
def playbook(tmp_path: Path) -> Path:
    path = tmp_path / "launch.yaml"
    shutil.copyfile(HAND, path)
    return path


def test_done_marks_a_task_and_says_what_changed(cli, playbook):
    r = cli("done", str(playbook), "teasers", "--on", "2027-01-03", "--evidence", "https://x/1")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout.splitlines() == [
        f"{playbook}: tasks.teasers.status: (none) -> done",
        f"{playbook}: tasks.teasers.done_on: (none) -> 2027-01-03",
        f"{playbook}: tasks.teasers.evidence: (none) -> https://x/1",
    ]
    task = next(t for t in load_playbook(playbook).playbook.tasks if t.id == "teasers")
    assert (task.status, task.done_on, task.evidence) == (
        "done",
        dt.date(2027, 1, 3),
        "https://x/1",
    )


def test_done_without_a_date_uses_today_in_the_playbooks_time_zone(cli, playbook, monkeypatch):
    seen: list[str] = []

    def today(zone: str) -> dt.date:
        seen.append(zone)
        return dt.date(2027, 1, 6)

    monkeypatch.setattr("launchkit.load.edit.today_in", today)
    r = cli("done", str(playbook), "teasers")
    assert r.exit_code == 0
    assert seen == ["Asia/Jerusalem"]
    assert "  done_on: 2027-01-06\n" in playbook.read_text(encoding="utf-8")


def test_done_twice_changes_nothing_the_second_time(cli, playbook):
    cli("done", str(playbook), "teasers", "--on", "2027-01-03")
    before = playbook.read_bytes()
    r = cli("done", str(playbook), "teasers")
    assert r.stdout == f"{playbook}: nothing to change, it is already so\n"
    assert playbook.read_bytes() == before


def test_done_at_one_site_then_all_sites(cli, playbook):
    r = cli("done", str(playbook), "champions-ready@haifa", "--on", "2027-01-04")
    assert r.exit_code == 0
    r = cli("set", str(playbook), "tasks.champions-ready@tel-aviv.status", "blocked")
    assert r.stdout == f"{playbook}: tasks.champions-ready@tel-aviv.status: (none) -> blocked\n"
    task = load_playbook(playbook).playbook.tasks[2]
    assert {k: v.status for k, v in task.site_status.items()} == {
        "haifa": "done",
        "tel-aviv": "blocked",
    }
    assert task.status == "todo"
    r = cli("done", str(playbook), "champions-ready", "--on", "2027-01-06")
    assert r.stdout.splitlines()[-2:] == [
        f"{playbook}: tasks.champions-ready@tel-aviv.status: blocked -> done",
        f"{playbook}: tasks.champions-ready@tel-aviv.done_on: (none) -> 2027-01-06",
    ]
    task = load_playbook(playbook).playbook.tasks[2]
    assert task.status == "done"
    assert task.site_status["haifa"].done_on == dt.date(2027, 1, 4)  # kept: done there earlier


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("done", "teaser"),
            ":36:1: error: no task 'teaser' in this playbook (did you mean 'teasers'?) [unknown-task]",
        ),
        (
            ("done", "champions-ready@hifa"),
            ":57:3: error: 'hifa' is not one of the sites (did you mean 'haifa'?) [unknown-site]",
        ),
        (
            ("done", "teasers@haifa"),
            ":47:3: error: task 'teasers' is not per_site; name it without @haifa [not-per-site]",
        ),
        (
            ("done", "manager-briefing"),
            ":38:3: error: this task is anchored as &briefing and reused elsewhere; an edit here "
            "would change those places too, so edit the file by hand [shared-anchor]",
        ),
        (
            ("set", "tasks.teasers.duraton", "4bd"),
            ":47:3: error: unknown key 'duraton' for a task (did you mean 'duration'?) [unknown-key]",
        ),
        (
            ("set", "gates.two-champs.min", "3"),
            ":73:1: error: no gate 'two-champs' in this playbook (did you mean 'two-champions'?) "
            "[unknown-gate]",
        ),
        (
            ("set", "metrics.managers_active", "97"),
            ":80:1: error: no gate reads metric 'managers_active' (did you mean "
            "'managers_active_pct'?) [unknown-metric]",
        ),
        (
            ("set", "tasks.teasers.duration", "4xd"),
            ":53:13: error: '4xd' is not a length such as 5bd (working days), 3d (days) or 2w (weeks) [bad-duration]",
        ),
        (
            ("set", "tasks.teasers.status", "finished"),
            ":55:11: error: 'finished' is not one of 'todo', 'doing', 'done', 'blocked' or "
            "'skipped' [bad-value]",
        ),
        (
            ("set", "tasks.teasers.after", "[nobody]"),
            ":51:11: error: 'nobody' is not a task of this playbook [unknown-task]",
        ),
        (
            ("set", "tasks", "[]"),
            ":1:1: error: 'tasks' should look like tasks.<id>.<key> [bad-key]",
        ),
    ],
)
def test_a_refused_edit_leaves_the_file_byte_for_byte_unchanged(cli, playbook, args, message):
    before = playbook.read_bytes()
    command, *rest = args
    r = cli(command, str(playbook), *rest)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr == f"{playbook}{message}\n"
    assert playbook.read_bytes() == before
    assert sorted(p.name for p in playbook.parent.iterdir()) == ["launch.yaml"]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("launch", "2027-02-29", "'2027-02-29' is not a real date: day is out of range for month "
         "[bad-date]"),
        ("tasks.teasers.done_on", "2027-13-01", "'2027-13-01' is not a real date: month must be "
         "in 1..12 [bad-date]"),
        ("gates.two-champions.by", "0000-01-01", "'0000-01-01' is not a real date: year 0 is out "
         "of range [bad-date]"),
        ("metrics.managers_active_pct", "9" * 5000, "'" + "9" * 40 + "… (5,000 characters)' is "
         "too long a number (5,000 digits) [bad-value]"),
    ],
)  # fmt: skip
def test_a_value_yaml_reads_but_python_cannot_hold_is_refused(cli, playbook, key, value, message):
    # a mistyped date once ended `set` with exit 3 and a bug report
    before = playbook.read_bytes()
    r = cli("set", str(playbook), key, value)
    assert (r.exit_code, r.stderr) == (2, f"<value>:1:1: error: {message}\n")
    assert playbook.read_bytes() == before


def test_a_builtin_playbook_name_is_not_edited(cli):
    r = cli("done", "starter", "teasers")
    assert r.exit_code == 2
    assert r.stderr == (
        "starter:1:1: error: no such file: 'starter' is a built-in playbook, which launchkit "
        "does not change; `launchkit init` writes a copy to edit [no-such-file]\n"
    )


def test_an_invalid_file_is_not_edited(cli, write):
    path = write("launchkit: 1\nid: x\ntitle: t\ntasks:\n  - {id: a, title: A, start: L+x}\n")
    before = path.read_bytes()
    r = cli("done", str(path), "a")
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{path}:5:30: error: 'L+x' is not an offset")
    assert path.read_bytes() == before


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_crash_in_the_middle_of_a_write_leaves_the_old_file_and_no_temporary_file(
    cli, playbook, monkeypatch, failing
):
    before = playbook.read_bytes()

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, crash)
    r = cli("set", str(playbook), "tasks.teasers.duration", "4bd")
    monkeypatch.undo()
    assert r.exit_code == 2
    assert r.stderr == (
        f"{playbook}:1:1: error: cannot write the file (No space left on device); "
        "it is unchanged [cannot-write]\n"
    )
    assert playbook.read_bytes() == before
    assert sorted(p.name for p in playbook.parent.iterdir()) == ["launch.yaml"]


def test_an_interrupt_in_the_middle_of_a_write_leaves_no_temporary_file(playbook, monkeypatch):
    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    before = playbook.read_bytes()
    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        edit_file(playbook, set_value("tasks.teasers.duration", "4bd"))
    monkeypatch.undo()
    assert playbook.read_bytes() == before
    assert sorted(p.name for p in playbook.parent.iterdir()) == ["launch.yaml"]


def test_a_file_changed_by_someone_else_during_the_edit_is_not_overwritten(
    cli, playbook, monkeypatch
):
    theirs = HAND.read_bytes().replace(b"managers_active_pct: 93", b"managers_active_pct: 95")
    from launchkit.load import edit as edit_module

    real = edit_module.load_playbook_text
    calls: list[int] = []

    def load_then_someone_saves(text: str, display: str):
        calls.append(1)
        if len(calls) == 2:  # the edited text is being validated: now the user saves in an editor
            playbook.write_bytes(theirs)
        return real(text, display)

    monkeypatch.setattr(edit_module, "load_playbook_text", load_then_someone_saves)
    r = cli("set", str(playbook), "tasks.teasers.duration", "4bd")
    assert r.exit_code == 2
    assert r.stderr == (
        f"{playbook}:1:1: error: the file was changed by someone else while this edit ran; "
        "nothing was written, run the command again [changed-on-disk]\n"
    )
    assert playbook.read_bytes() == theirs
    assert sorted(p.name for p in playbook.parent.iterdir()) == ["launch.yaml"]


def test_permissions_are_kept(cli, playbook):
    playbook.chmod(0o640)
    cli("set", str(playbook), "tasks.teasers.duration", "4bd")
    assert playbook.stat().st_mode & 0o777 == 0o640


def test_set_null_removes_a_key_and_set_adds_a_missing_one(cli, playbook):
    r = cli("set", str(playbook), "tasks.teasers.lag", "2bd")
    assert r.stdout == f"{playbook}: tasks.teasers.lag: (none) -> 2bd\n"
    r = cli("set", str(playbook), "tasks.teasers.lag", "null")
    assert r.stdout == f"{playbook}: tasks.teasers.lag: 2bd -> (none)\n"
    assert playbook.read_bytes() == HAND.read_bytes()


def test_edit_file_raises_with_diagnostics_for_an_invalid_value(playbook):
    with pytest.raises(LaunchkitError) as e:
        edit_file(playbook, set_value("launch", "soon"))
    assert [d.code for d in e.value.diagnostics] == ["bad-date"]


@pytest.mark.parametrize(
    ("task", "message"),
    [
        (
            "  - {id: a, title: A, start: L, per_site: true, site_status: {hifa: {status: done}}}\n",
            "6:63: error: 'hifa' is not one of the sites (did you mean 'haifa'?) [unknown-site]",
        ),
        (
            "  - {id: a, title: A, start: L, site_status: {haifa: {status: done}}}\n",
            "6:33: error: task 'a' has site_status but is not per_site [not-per-site]",
        ),
    ],
)
def test_site_status_must_name_sites_of_a_per_site_task(cli, write, task, message):
    path = write(
        "launchkit: 1\nid: x\ntitle: t\nsites: [{id: haifa, name: Haifa}]\ntasks:\n" + task
    )
    r = cli("validate", str(path))
    assert r.exit_code == 2
    assert r.stderr == f"{path}:{message}\n"
