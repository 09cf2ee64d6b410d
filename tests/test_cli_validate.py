from __future__ import annotations

import json


def test_builtin_playbook_by_name_is_valid(cli):
    r = cli("validate", "starter")
    assert r.exit_code == 0
    assert r.stdout == "starter: ok (3 tasks, 1 gate)\n"


def test_bad_file_reports_every_problem_and_exits_2(cli, write):
    path = write(
        "launchkit: 1\nid: x\ntitle: t\ntasks:\n"
        "  - id: a\n    title: A\n    duraton: 2bd\n    start: L\n"
        "  - id: b\n    title: B\n    after: [c]\n"
    )
    r = cli("validate", str(path))
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [
        f"{path}:7:5: error: unknown key 'duraton' (did you mean 'duration'?) [unknown-key]",
        f"{path}:11:13: error: 'c' is not a task of this playbook [unknown-task]",
    ]


def test_json_format_lists_each_file(cli, write):
    good = "starter"
    bad = write("launchkit: 2\n", "bad.yaml")
    r = cli("validate", good, str(bad), "--format", "json")
    assert r.exit_code == 2
    doc = json.loads(r.stdout)
    assert doc["valid"] is False
    assert [f["valid"] for f in doc["files"]] == [True, False]
    assert {d["code"] for d in doc["files"][1]["diagnostics"]} >= {"bad-version", "missing-key"}


def test_a_playbook_with_a_launch_day_is_also_scheduled(cli, write):
    path = write(
        "launchkit: 1\nid: x\ntitle: X\nlaunch: 2027-01-10\ncalendar: {workweek: []}\n"
        "tasks:\n  - {id: a, title: A, start: L}\n"
    )
    r = cli("validate", str(path))
    assert r.exit_code == 2
    assert r.stderr == (
        f"{path}:5:22: error: the work week is empty: list at least one working day [no-workdays]\n"
    )


def test_a_playbook_without_a_launch_day_is_valid(cli, write):
    path = write("launchkit: 1\nid: x\ntitle: X\ntasks:\n  - {id: a, title: A, start: L}\n")
    r = cli("validate", str(path))
    assert (r.exit_code, r.stdout) == (0, f"{path}: ok (1 task, 0 gates)\n")
