"""`done` without --on and `status` without --as-of use the same day `check` does."""

from __future__ import annotations


def test_launchkit_today_fixes_the_day_for_done_and_status(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("LAUNCHKIT_TODAY", "2027-03-03")
    path = tmp_path / "launch.yaml"
    path.write_text(
        "launchkit: 1\nid: x\ntitle: X\nlaunch: 2027-03-15\n"
        "tasks:\n  - {id: brief, title: Brief, start: L-10bd}\n",
        encoding="utf-8",
    )
    r = cli("done", str(path), "brief")
    assert r.exit_code == 0, r.stderr
    assert "done_on: 2027-03-03" in path.read_text(encoding="utf-8")
    status = cli("status", str(path))
    assert status.exit_code == 0
    assert "2027" in status.stdout and "Mar 3" in status.stdout


def test_a_bad_launchkit_today_is_bad_input(cli, monkeypatch):
    monkeypatch.setenv("LAUNCHKIT_TODAY", "yesterday")
    r = cli("status", "starter")
    assert r.exit_code == 2
    assert r.stderr == (
        "LAUNCHKIT_TODAY:1:1: error: LAUNCHKIT_TODAY is 'yesterday', not a date such as "
        "2027-01-08 [bad-date]\n"
    )
