"""Launch repositories: launchkit.yaml, shared people and sites, collisions and people's load."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = """\
launchkit: 1
playbooks: [a.yaml, b.yaml]
people:
  sponsor: {name: Dana Sponsor, capacity: 1}
  comms: {name: Comms Lead}
sites:
  - {id: haifa, name: Haifa, employees: 40}
  - {id: rome, name: Rome}
audiences:
  - {id: all-employees, title: All employees}
  - {id: managers, title: Managers}
calendar:
  workweek: [mon, tue, wed, thu, fri]
rules:
  announcements_per_day: 1
  announcements_per_week: 2
  no_overlap: [training, meeting]
"""

A = """\
launchkit: 1
id: app
title: App roll-out
launch: 2027-03-01
tasks:
  - {id: invite, title: App invitation, due: L, owner: comms, audience: all-employees, kind: announcement}
  - {id: brief, title: Sponsor briefing, due: L-1bd, owner: sponsor, audience: managers, kind: meeting}
  - {id: posters, title: Posters, due: L, per_site: true, owner: comms}
"""

B = """\
launchkit: 1
id: advocacy
title: Advocacy programme
launch: 2027-03-01
sites: [rome]
tasks:
  - {id: invite, title: Advocacy invitation, due: L, owner: comms, audience: all-employees, kind: announcement}
  - {id: train, title: Manager training, due: L-1bd, duration: 2bd, owner: sponsor, audience: managers, kind: training}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "launchkit.yaml").write_text(REPO, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(A, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(B, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_shared_people_sites_and_calendar_reach_each_playbook(repo):
    from launchkit.load.repository import load_repository

    loaded = load_repository(repo / "launchkit.yaml", "launchkit.yaml")
    app, advocacy = loaded.launches
    assert set(app.playbook.people) == {"sponsor", "comms"}
    assert [s.id for s in app.playbook.sites] == ["haifa", "rome"]
    assert [s.id for s in advocacy.playbook.sites] == ["rome"]
    assert app.playbook.calendar.workweek == ["mon", "tue", "wed", "thu", "fri"]
    assert app.path == "a.yaml"


def test_a_playbooks_own_entry_overrides_the_shared_one(repo):
    from launchkit.load.repository import load_repository

    (repo / "b.yaml").write_text(
        B.replace("sites: [rome]", "sites: [rome]\npeople:\n  sponsor: {name: Local Sponsor}"),
        encoding="utf-8",
    )
    loaded = load_repository(repo / "launchkit.yaml", "launchkit.yaml")
    assert loaded.launches[1].playbook.people["sponsor"].name == "Local Sponsor"
    assert loaded.launches[0].playbook.people["sponsor"].name == "Dana Sponsor"


def test_a_repository_playbook_loads_alone_with_the_shared_entries(cli, repo):
    r = cli("plan", "a.yaml", "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert {t["id"] for t in json.loads(r.stdout)["tasks"]} >= {"posters@haifa", "posters@rome"}


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "launchkit.yaml",
            "  - {id: rome, name: Rome}",
            "  - {id: haifa, name: Rome}",
            "launchkit.yaml:8:10: error: site id 'haifa' is used twice (first on line 7) "
            "[duplicate-id]",
        ),
        (
            "launchkit.yaml",
            "  - {id: managers, title: Managers}",
            "  - {id: all-employees, title: Managers}",
            "launchkit.yaml:11:10: error: audience id 'all-employees' is used twice "
            "(first on line 10) [duplicate-id]",
        ),
        (
            "launchkit.yaml",
            "playbooks: [a.yaml, b.yaml]",
            "playbooks: [a.yaml, b.yaml, a.yaml]",
            "launchkit.yaml:2:29: error: 'a.yaml' is listed twice (first on line 2) "
            "[duplicate-playbook]",
        ),
        (
            "launchkit.yaml",
            "playbooks: [a.yaml, b.yaml]",
            "playbooks: [a.yaml, c.yaml]",
            "launchkit.yaml:2:21: error: no playbook file 'c.yaml' here [no-such-file]",
        ),
        (
            "b.yaml",
            "id: advocacy",
            "id: app",
            "b.yaml:2:5: error: playbook id 'app' is also the id of a.yaml; calendar UIDs and "
            "reports need each launch's id to be unique [duplicate-playbook]",
        ),
        (
            "b.yaml",
            "sites: [rome]",
            "sites: [rome, milan]",
            "b.yaml:5:15: error: 'milan' is not one of the repository's sites [unknown-site]",
        ),
        (
            "a.yaml",
            "audience: managers",
            "audience: manager",
            "a.yaml:7:80: error: 'manager' is not one of the repository's audiences "
            "(did you mean 'managers'?) [unknown-audience]",
        ),
        (
            "launchkit.yaml",
            "  comms: {name: Comms Lead}",
            "  comms: {name: Comms Lead, capacity: 0}",
            "launchkit.yaml:5:39: error:",
        ),
    ],
)
def test_problems_point_at_their_file_line_and_column(cli, repo, file, old, new, expected):
    path = repo / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    r = cli("check", ".")
    assert r.exit_code == 2
    assert expected in r.stderr
    assert "Traceback" not in r.stderr


def test_a_folder_without_launchkit_yaml_is_an_error(cli, tmp_path):
    r = cli("plan", str(tmp_path))
    assert r.exit_code == 2
    assert "[no-repository]" in r.stderr


def test_plan_lists_every_launch_and_filters(cli, repo):
    r = cli("plan", ".", "-f", "json")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert [p["playbook"] for p in doc["launches"]] == ["app", "advocacy"]
    r = cli("plan", ".", "-f", "json", "--owner", "sponsor")
    ids = [t["id"] for p in json.loads(r.stdout)["launches"] for t in p["tasks"]]
    assert ids == ["brief", "train"]
    r = cli("plan", ".", "-f", "csv", "--site", "haifa", "--audience", "all-employees")
    assert r.stdout.splitlines()[0].startswith("playbook,id,")
    assert [line.split(",")[:2] for line in r.stdout.splitlines()[1:]] == [
        ["app", "invite"],
        ["advocacy", "invite"],
    ]
    assert cli("plan", ".", "--owner", "nobody").exit_code == 2


def test_plan_by_owner_lists_a_persons_work_across_launches(cli, repo):
    r = cli("plan", ".", "--by", "owner")
    assert r.exit_code == 0, r.stderr
    sponsor = r.stdout.split("sponsor — Dana Sponsor (2 tasks)\n")[1].split("\n\n")[0]
    assert "train@advocacy" in sponsor.splitlines()[0]
    assert "brief@app" in sponsor.splitlines()[1]


def test_check_reports_collisions_on_both_tasks_and_overloads(cli, repo):
    r = cli("check", ".", "--as-of", "2027-02-01", "-f", "json")
    assert r.exit_code == 0, r.stderr
    found = {
        (f["code"], f["id"], f"{f['file']}:{f['line']}") for f in json.loads(r.stdout)["findings"]
    }
    assert found == {
        ("announcement-day", "invite@app", "a.yaml:6"),
        ("announcement-day", "invite@advocacy", "b.yaml:7"),
        ("kind-overlap", "brief@app", "a.yaml:7"),
        ("kind-overlap", "train@advocacy", "b.yaml:8"),
        ("overload", "sponsor", "launchkit.yaml:4"),
        ("overload", "comms", "launchkit.yaml:5"),
    }
    text = cli("check", ".", "--as-of", "2027-02-01").stdout
    assert "on 2027-03-01 (at most 1 a day)" in text
    assert (
        "sponsor has 2 tasks at once on 2027-02-26 (capacity 1): brief@app, train@advocacy" in text
    )
    assert cli("check", ".", "--as-of", "2027-02-01", "--strict").exit_code == 1


def test_a_waiver_accepts_a_collision(cli, repo):
    path = repo / "b.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "kind: announcement}",
            "kind: announcement, waiver: {reason: same mail, owner: comms, until: 2027-03-31}}",
        ),
        encoding="utf-8",
    )
    r = cli("check", ".", "--as-of", "2027-02-01", "-f", "json")
    day = [f for f in json.loads(r.stdout)["findings"] if f["code"] == "announcement-day"]
    assert len(day) == 2
    assert {f["severity"] for f in day} == {"info"}


def test_weekly_announcement_limit(cli, repo):
    path = repo / "a.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - {id: reminder, title: Reminder, due: L+2bd, owner: hr-less, "
        "audience: all-employees, kind: announcement}\n".replace("owner: hr-less, ", ""),
        encoding="utf-8",
    )
    r = cli("check", ".", "--as-of", "2027-02-01", "-f", "json")
    week = [f for f in json.loads(r.stdout)["findings"] if f["code"] == "announcement-week"]
    assert sorted(f["id"] for f in week) == ["invite@advocacy", "invite@app", "reminder@app"]
    assert "in the week of 2027-03-01 (at most 2 a week)" in week[0]["message"]


def test_status_shows_the_weeks_load_per_person(cli, repo):
    r = cli("status", ".", "--as-of", "2027-02-26")
    assert r.exit_code == 0, r.stderr
    load = r.stdout.split("Load, week of 2027-02-22")[1]
    sponsor = next(line for line in load.splitlines() if line.strip().startswith("sponsor"))
    assert sponsor.split() == ["sponsor", "-", "-", "-", "1", "2!", "-", "-", "1"]


def test_combined_calendar_keeps_each_launchs_uids(cli, repo, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    combined = cli("export", ".", "--ics").stdout
    alone = cli("export", "a.yaml", "--ics").stdout

    def uids(text: str) -> list[str]:
        return sorted(line[4:] for line in text.splitlines() if line.startswith("UID:"))

    assert set(uids(alone)) <= set(uids(combined))
    assert uids(combined) == sorted(
        [
            *("invite@app", "brief@app", "posters@haifa@app", "posters@rome@app"),
            *("invite@advocacy", "train@advocacy"),
        ]
    )
    sponsor = cli("export", ".", "--ics", "--owner", "sponsor").stdout
    assert uids(sponsor) == ["brief@app", "train@advocacy"]
    assert cli("export", ".", "--csv").exit_code == 2
    managers = cli("export", ".", "--ics", "--audience", "managers").stdout
    assert uids(managers) == ["brief@app", "train@advocacy"]
    assert uids(cli("export", "b.yaml", "--ics", "--audience", "managers").stdout) == [
        "train@advocacy"
    ]
    assert cli("export", ".", "--ics", "--audience", "nobody").exit_code == 2


def test_a_single_playbook_is_not_checked_for_collisions(cli, write):
    solo = A.replace("tasks:", "people:\n  comms: {name: C}\n  sponsor: {name: S}\ntasks:")
    path = write(solo.replace(", per_site: true", ""), "solo.yaml")
    r = cli("check", str(path), "--as-of", "2027-02-01", "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["findings"] == []


def test_validate_and_done_work_on_a_repository_playbook(cli, repo):
    assert cli("validate", "a.yaml", "b.yaml").exit_code == 0
    r = cli("done", "a.yaml", "posters@haifa", "--on", "2027-02-26")
    assert r.exit_code == 0, r.stderr
    assert "posters: {" in (repo / "a.yaml").read_text(encoding="utf-8") or "site_status" in (
        repo / "a.yaml"
    ).read_text(encoding="utf-8")


def test_a_role_another_launch_gives_to_someone_else_is_counted_apart(cli, repo):
    (repo / "b.yaml").write_text(
        B.replace("sites: [rome]", "sites: [rome]\npeople:\n  sponsor: {name: Local Sponsor}"),
        encoding="utf-8",
    )
    r = cli("check", ".", "--as-of", "2027-02-01", "-f", "json")
    overloads = [f for f in json.loads(r.stdout)["findings"] if f["code"] == "overload"]
    assert [f["id"] for f in overloads] == ["comms"]


def test_the_retail_example_is_a_launch_repository(cli):
    from conftest import ROOT

    example = str(ROOT / "examples" / "retail-chain")
    r = cli("check", example, "--as-of", "2027-01-19", "-f", "json")
    assert r.exit_code == 0, r.stderr
    codes = {(f["code"], f["id"]) for f in json.loads(r.stdout)["findings"]}
    assert ("overload", "comms") in codes
    assert ("announcement-day", "launch-contest@app-launch") in codes
    plan = cli("plan", example, "-f", "json")
    launches = [p["playbook"] for p in json.loads(plan.stdout)["launches"]]
    assert launches == ["advocacy-italia", "app-launch"]
    assert cli("status", example, "--as-of", "2027-01-19").exit_code == 0
    assert cli("export", example, "--ics").exit_code == 0


def test_plan_by_owner_works_for_one_playbook_too(cli, repo):
    r = cli("plan", "a.yaml", "--by", "owner", "-f", "csv")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines()[0] == "owner,playbook,id,title,start,end,status"
    assert {line.split(",")[0] for line in r.stdout.splitlines()[1:]} == {"comms", "sponsor"}


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git (apt-get install git)")
def test_diff_against_a_revision_uses_the_shared_entries(cli, repo):
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
            cwd=repo,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "first")
    (repo / "a.yaml").write_text(A.replace("due: L-1bd", "due: L-2bd"), encoding="utf-8")
    r = cli("diff", "a.yaml", "--rev", "HEAD")
    assert (r.exit_code, r.stderr) == (0, "")
    assert "brief" in r.stdout


def test_junit_has_a_case_for_each_overloaded_person(cli, repo):
    r = cli("check", ".", "--as-of", "2027-02-01", "-f", "junit", "--strict")
    assert r.exit_code == 1
    assert 'name="sponsor: load of sponsor"' in r.stdout
    assert 'name="invite@app: App invitation"' in r.stdout
