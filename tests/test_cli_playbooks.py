from __future__ import annotations

import json


def test_lists_builtin_playbooks_as_a_table(cli):
    r = cli("playbooks")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["ID", "LANGUAGES", "TASKS", "GATES", "TITLE"]
    assert lines[1] == (
        "advocacy-60-day   en it tr      20      8  "
        "The first 60 days of our employee advocacy programme"
    )
    assert [line.split()[0] for line in lines[1:]] == [
        "advocacy-60-day",
        "advocacy-program",
        "app-launch",
        "community-launch",
        "starter",
    ]


def test_json_gives_languages_and_counts(cli):
    r = cli("playbooks", "--format", "json")
    assert r.exit_code == 0
    entries = {e["id"]: e for e in json.loads(r.stdout)["playbooks"]}
    assert entries["app-launch"] == {
        "id": "app-launch",
        "title": "Launching our employee app",
        "languages": ["en", "he"],
        "tasks": 24,
        "gates": 7,
    }
    assert entries["community-launch"]["languages"] == ["en"]
