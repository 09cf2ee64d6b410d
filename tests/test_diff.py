"""`launchkit diff`: what a change does to the plan, as text, JSON and Markdown."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from launchkit.outputs.diff import FORMATTERS, DiffFormat

DATA = Path(__file__).parent / "data" / "diff"


@pytest.fixture
def in_data(monkeypatch):
    monkeypatch.chdir(DATA)


@pytest.mark.parametrize("fmt", list(DiffFormat))
def test_every_format_matches_its_golden_file(cli, golden, in_data, fmt):
    r = cli("diff", "old.yaml", "new.yaml", "--format", fmt.value)
    assert (r.exit_code, r.stderr) == (0, "")
    golden(
        f"diff/expected.{ {'text': 'txt', 'json': 'json', 'markdown': 'md'}[fmt.value] }", r.stdout
    )


def test_every_format_is_registered_and_offered_on_the_command_line():
    assert set(FORMATTERS) == set(DiffFormat)


def test_json_names_each_kind_of_change(cli, in_data):
    doc = json.loads(cli("diff", "old.yaml", "new.yaml", "-f", "json").stdout)
    assert doc["launch"] == {"old": "2027-03-15", "new": "2027-03-17", "moved_bd": 2}
    assert [t["id"] for t in doc["tasks"]["added"]] == ["video"]
    assert [t["id"] for t in doc["tasks"]["removed"]] == ["posters"]
    teasers = next(m for m in doc["tasks"]["moved"] if m["id"] == "teasers")
    assert (teasers["start_moved_bd"], teasers["end_moved_bd"]) == (2, 5)
    assert doc["critical"] == {"added": ["briefing", "teasers"], "removed": []}
    assert {g["id"]: g["change"] for g in doc["gates"]} == {
        "champions-per-site": "tightened",
        "faq-ready": "tightened",
        "managers": "loosened",
        "sms-test": "added",
    }


def test_no_change_says_so_and_exits_0(cli, in_data):
    r = cli("diff", "old.yaml", "old.yaml")
    assert r.exit_code == 0
    assert r.stdout == "Plan changes from old.yaml to old.yaml\nNo change to the plan.\n"


def test_reversed_diff_swaps_loosened_and_tightened(cli, in_data):
    doc = json.loads(cli("diff", "new.yaml", "old.yaml", "-f", "json").stdout)
    assert {g["id"]: g["change"] for g in doc["gates"]}["managers"] == "tightened"
    assert {g["id"]: g["change"] for g in doc["gates"]}["sms-test"] == "removed"
    assert doc["critical"] == {"added": [], "removed": ["briefing", "teasers"]}


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_rev_compares_the_file_with_an_earlier_commit(cli, tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    git(repo, "init", "-q")
    target = repo / "plans" / "launch.yaml"
    shutil.copyfile(DATA / "old.yaml", target)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "old")
    shutil.copyfile(DATA / "new.yaml", target)
    monkeypatch.chdir(tmp_path)
    r = cli("diff", "repo/plans/launch.yaml", "--rev", "HEAD")
    assert (r.exit_code, r.stderr) == (0, "")
    expected = (DATA / "expected.txt").read_text(encoding="utf-8")
    expected = expected.replace(
        "from old.yaml to new.yaml", "from repo/plans/launch.yaml@HEAD to repo/plans/launch.yaml"
    )
    assert r.stdout == expected


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_bad_revision_is_bad_input(cli, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copyfile(DATA / "old.yaml", repo / "launch.yaml")
    r = cli("diff", str(repo / "launch.yaml"), "--rev", "nope~1")
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{repo / 'launch.yaml'}@nope~1:1:1: error: ")
    assert r.stderr.endswith("[git-failed]\n")


def test_two_files_and_a_revision_together_are_refused(cli, in_data):
    r = cli("diff", "old.yaml", "new.yaml", "--rev", "HEAD")
    assert r.exit_code == 2
    assert r.stderr == (
        "launchkit: error: give two files (launchkit diff OLD NEW) or one file and --rev REV "
        "[bad-usage]\n"
    )


def test_an_invalid_side_is_reported_with_its_place(cli, in_data, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (DATA / "new.yaml").read_text(encoding="utf-8").replace("duration: 8bd", "duration: 8x")
    )
    r = cli("diff", "old.yaml", str(bad))
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{bad}:33:15: error: '8x' is not a length")
