"""Usage errors are one line, `launchkit: PLACE: error: message [code]`, exit 2 (docs/errors.md)."""

from __future__ import annotations

import sys

import pytest

CASES = [
    (
        ["plan", "app-launch", "--site", "x"],
        "launchkit: --site: error: 'x' is not a site of this playbook "
        "(known: hq, plant, dc, stores-north, stores-south) [bad-option]",
    ),
    (
        ["plan", "app-launch", "--format", "xml"],
        "launchkit: --format: error: 'xml' is not one of 'text', 'json', 'csv' [bad-option]",
    ),
    (
        ["check", "app-launch", "--as-of", "tomorrow"],
        "launchkit: --as-of: error: 'tomorrow' is not a date such as 2027-01-10 [bad-option]",
    ),
    (
        ["check", "app-launch", "--strct"],
        "launchkit: --strct: error: 'launchkit check' has no option --strct "
        "(did you mean --metrics or --strict?) [unknown-option]",
    ),
    (
        ["check"],
        "launchkit: PLAYBOOK: error: missing (usage: launchkit check [OPTIONS] PLAYBOOK) "
        "[missing-argument]",
    ),
    (
        ["render", "app-launch", "handouts"],
        "launchkit: handouts: error: not expected here "
        "(usage: launchkit render [OPTIONS] PLAYBOOK) [extra-argument]",
    ),
    (["chek", "app-launch"], "launchkit: chek: error: no such command (did you mean 'check'?) [unknown-command]"),
    (
        ["export", "app-launch"],
        "launchkit: error: choose exactly one of --ics, --csv or --mermaid [bad-usage]",
    ),
    (
        ["export", "app-launch", "--csv", "--owner", "boss"],
        "launchkit: --owner: error: no role 'boss' in the playbook "
        "(roles: admin, champions-lead, comms, hr, sponsor, vendor) [bad-option]",
    ),
    (
        ["render", "app-launch", "--only", "decks"],
        "launchkit: --only: error: 'decks' is not a document (did you mean 'deck'?) [bad-option]",
    ),
    (
        ["init", "app-launch", "--locale", "tr"],
        "launchkit: --locale: error: 'app-launch' comes in en, he, not 'tr' [bad-option]",
    ),
    (
        ["status", "app-launch", "--launch"],
        "launchkit: --launch: error: option '--launch' requires an argument [bad-option]",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "line"), CASES, ids=lambda v: " ".join(v) if isinstance(v, list) else ""
)
def test_a_usage_error_is_one_line_naming_the_option(cli, tmp_path, monkeypatch, args, line):
    monkeypatch.chdir(tmp_path)
    r = cli(*args)
    assert (r.exit_code, r.stdout, r.stderr) == (2, "", line + "\n")
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_traceback_is_accepted_after_the_command(cli, tmp_path):
    r = cli("check", str(tmp_path / "nothing.yaml"), "--traceback")
    assert r.exit_code == 2
    assert r.stderr.endswith("[no-such-file]\n")


def test_traceback_anywhere_shows_an_internal_error(cli, monkeypatch):
    def broken(name: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(sys.modules["launchkit.cli.plan"], "load", broken)
    r = cli("plan", "app-launch")
    assert r.exit_code == 3
    assert r.stderr.startswith("launchkit: internal error (RuntimeError: boom); this is a bug")
    with pytest.raises(RuntimeError, match="boom"):
        cli("plan", "app-launch", "--traceback")


def test_traceback_after_double_dash_is_an_argument(cli):
    r = cli("plan", "--", "--traceback")
    assert r.exit_code == 2
    assert r.stderr.startswith("--traceback:1:1: error: no such file")


def test_control_characters_typed_on_the_command_line_are_shown_escaped(cli):
    r = cli("plan", "app-launch", "--owner", "x\x1b[31m\nboss")
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and "\x1b" not in r.stderr
    assert r.stderr.startswith("launchkit: --owner: error: 'x\\x1b[31m boss' is not a role")
