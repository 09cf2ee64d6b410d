"""`launchkit check` through the CLI: exit codes, -o, today, GitHub step summary, the example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "readiness"

PLAYBOOK = """\
launchkit: 1
id: pilot
title: Pilot
launch: 2027-03-15
tasks:
  - {id: brief, title: Brief managers, start: L-5bd, status: done}
  - {id: posters, title: Put up posters, start: L-3bd}
gates:
  - {id: managers, title: Managers on the app, by: L-1bd, metric: managers_active_pct, min: 100}
metrics:
  managers_active_pct: 100
"""


@pytest.fixture
def playbook(write):
    return write(PLAYBOOK)


def test_ready_exits_0(cli, playbook):
    r = cli("check", str(playbook), "--as-of", "2027-03-10")
    assert r.exit_code == 0
    assert r.stdout == (
        f"{playbook}: ready as of Mar 10, 2027 (launch Mar 15, 2027): 0 errors, 0 warnings, 0 info\n"
        "Every gate is met and every task is on time.\n"
    )


def test_not_ready_exits_1(cli, playbook, write):
    metrics = write("metric,value\nmanagers_active_pct,90\n", "m.csv")
    r = cli("check", str(playbook), "--as-of", "2027-03-12", "--metrics", str(metrics))
    assert r.exit_code == 1
    assert (
        f"managers_active_pct is 90 ({metrics}:2:21), needs at least 100 by Mar 12, 2027"
        in r.stdout
    )


def test_warnings_fail_only_with_strict(cli, playbook):
    # posters ended 2027-03-10 and is still todo: a warning.
    assert cli("check", str(playbook), "--as-of", "2027-03-11").exit_code == 0
    r = cli("check", str(playbook), "--as-of", "2027-03-11", "--strict", "--format", "json")
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert (doc["ready"], doc["counts"]) == (False, {"error": 0, "warning": 1, "info": 0})
    assert doc["findings"][0]["code"] == "task-overdue"


def test_launch_option_moves_every_date(cli, playbook):
    r = cli("check", str(playbook), "--as-of", "2027-03-11", "--launch", "2027-04-15", "-f", "json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["findings"] == []


def test_output_file_keeps_the_exit_code(cli, playbook, tmp_path):
    out = tmp_path / "reports" / "check.sarif"
    r = cli(
        "check", str(playbook), "--as-of", "2027-03-11", "--strict", "-f", "sarif", "-o", str(out)
    )
    assert (r.exit_code, r.stdout) == (1, "")
    assert json.loads(out.read_text())["runs"][0]["results"][0]["ruleId"] == "task-overdue"


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["--metrics", "{dir}/m.csv"],
            "{dir}/m.csv:2:1: error: 'Managers' is not a metric name: lowercase letters, digits "
            "and underscores, such as managers_active_pct [bad-name]\n",
        ),
        (
            ["--metrics", "{dir}/none.yaml"],
            "{dir}/none.yaml:1:1: error: no such file [no-such-file]\n",
        ),
    ],
)
def test_bad_metrics_file_exits_2(cli, playbook, write, args, stderr):
    write("metric,value\nManagers,3\n", "m.csv")
    folder = str(playbook.parent)
    r = cli("check", str(playbook), "--as-of", "2027-03-11", *[a.format(dir=folder) for a in args])
    assert (r.exit_code, r.stdout, r.stderr) == (2, "", stderr.format(dir=folder))


def test_bad_playbook_and_missing_launch_exit_2(cli, write):
    bad = write(PLAYBOOK.replace("launch: 2027-03-15\n", ""), "nolaunch.yaml")
    r = cli("check", str(bad), "--as-of", "2027-03-11")
    assert r.exit_code == 2
    assert "[no-launch]" in r.stderr
    assert cli("check", str(bad), "--as-of", "2027-03-11", "--launch", "2027-03-15").exit_code == 0


def test_bad_as_of_is_a_usage_error(cli, playbook):
    r = cli("check", str(playbook), "--as-of", "next week")
    assert r.exit_code == 2
    assert "--as-of" in r.stderr


def test_today_comes_from_launchkit_today(cli, playbook, monkeypatch):
    monkeypatch.setenv("LAUNCHKIT_TODAY", "2027-03-12")
    r = cli("check", str(playbook), "-f", "json")
    assert json.loads(r.stdout)["as_of"] == "2027-03-12"
    monkeypatch.setenv("LAUNCHKIT_TODAY", "soon")
    r = cli("check", str(playbook))
    assert (r.exit_code, r.stderr) == (
        2,
        "LAUNCHKIT_TODAY:1:1: error: LAUNCHKIT_TODAY is 'soon', not a date such as 2027-01-08 [bad-date]\n",
    )


def test_today_defaults_to_the_playbook_time_zone(monkeypatch):
    import datetime as dt

    from launchkit.clock import today_in as today

    monkeypatch.delenv("LAUNCHKIT_TODAY", raising=False)
    # Kiritimati (UTC+14) and Niue (UTC-11) are never on the same date.
    assert today("Pacific/Kiritimati") - today("Pacific/Niue") == dt.timedelta(days=1)


def test_github_actions_step_summary(cli, playbook, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    r = cli("check", str(playbook), "--as-of", "2027-03-11", "-f", "github")
    assert r.exit_code == 0
    assert r.stdout.startswith(
        f"::warning file={playbook},line=7,col=5,title=task-overdue posters::'Put up posters' "
    )
    text = summary.read_text()
    assert text.startswith("earlier step\n### launchkit check: pilot — ✅ ready\n")
    assert "| warning | task-overdue | posters |" in text


def test_no_summary_outside_github_actions(cli, playbook, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    cli("check", str(playbook), "--as-of", "2027-03-11")
    assert not summary.exists()


EXAMPLE_RUNS = {
    "example.txt": ("--as-of", "2027-01-06"),
    "example.github.txt": ("--as-of", "2027-01-10", "--format", "github"),
    "example.json": ("--as-of", "2027-01-10", "--format", "json"),
    "example.xml": ("--as-of", "2027-01-10", "--format", "junit"),
    "example.sarif": ("--as-of", "2027-01-10", "--format", "sarif"),
}


@pytest.mark.parametrize("name", list(EXAMPLE_RUNS))
def test_worked_example(cli, golden, monkeypatch, name):
    from launchkit import __version__

    monkeypatch.chdir(EXAMPLE)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    r = cli("check", "connect-launch.yaml", "--metrics", "metrics/daily.csv", *EXAMPLE_RUNS[name])
    assert r.exit_code == 1
    golden(f"check/{name}", r.stdout.replace(f'"{__version__}"', '"VERSION"'))


@pytest.mark.parametrize("name", ["example.txt", "example.github.txt"])
def test_example_readme_shows_the_real_output(name):
    readme = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    shown = (Path(__file__).parent / "data" / "check" / name).read_text(encoding="utf-8")
    assert shown in readme


# Issue 18: `check` speaks the playbook's language, with dates through Babel for its locale; the
# machine formats keep the stable English message.
LOCALISED = [
    ("app-launch", "2027-03-01"),
    ("app-launch.he", "2026-12-20"),
    ("advocacy-60-day.tr", "2027-03-20"),
    ("advocacy-60-day.it", "2027-03-20"),
]


@pytest.mark.parametrize(("name", "as_of"), LOCALISED, ids=[n for n, _ in LOCALISED])
def test_check_text_in_each_language_wraps_at_80_columns(cli, golden, monkeypatch, name, as_of):
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("check", name, "--as-of", as_of)
    assert r.exit_code == 1
    golden(f"check/lang/{name}.txt", r.stdout)
    for line in r.stdout.splitlines():
        # Only a source line (`  52 | ...`) may run past the width: it is the file as written.
        assert len(line) <= 80 or " | " in line, line


@pytest.mark.parametrize(("name", "as_of"), LOCALISED, ids=[n for n, _ in LOCALISED])
def test_step_summary_in_each_language(cli, golden, tmp_path, monkeypatch, name, as_of):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    r = cli("check", name, "--as-of", as_of, "--format", "json")
    assert "was to end 20" in json.loads(r.stdout)["findings"][0]["message"]  # JSON: English
    golden(f"check/lang/{name}.summary.md", summary.read_text(encoding="utf-8"))


def test_turkish_check_says_blocked_and_dates_in_turkish(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    r = cli("check", "advocacy-60-day.tr", "--as-of", "2027-03-20")
    assert "5 Mar 2027 tarihinde bitmeliydi" in r.stdout
    assert "2027-03-05" not in r.stdout
    assert "sorumlu: Ayşe Şahin, İK iş ortağı" in r.stdout  # the title, not `people-team`
