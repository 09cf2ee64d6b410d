"""`--help` of every command, as an 80-column terminal shows it, is kept in golden files.

A change of wording, options or layout shows up as a diff of tests/data/help/*.txt; regenerate
them with `LAUNCHKIT_UPDATE_GOLDEN=1 python -m pytest tests/test_help.py` and review it.
"""

from __future__ import annotations

import re

import pytest

from launchkit.cli import app

COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]


@pytest.fixture
def help_at_80(cli, monkeypatch):
    """`launchkit ARGS --help` rendered 80 columns wide, without colour."""
    import typer.rich_utils

    monkeypatch.setattr(typer.rich_utils, "MAX_WIDTH", 80, raising=False)
    monkeypatch.setattr(typer.rich_utils, "FORCE_TERMINAL", False, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str) -> str:
        r = cli(*args, "--help")
        assert (r.exit_code, r.stderr) == (0, "")
        # Rich pads every line to the full width; the padding says nothing
        return "".join(line.rstrip() + "\n" for line in r.stdout.splitlines())

    return run


@pytest.mark.parametrize("command", ["launchkit", *COMMANDS])
def test_help_at_80_columns(help_at_80, golden, command):
    text = help_at_80() if command == "launchkit" else help_at_80(command)
    assert max(len(line) for line in text.splitlines()) <= 80
    golden(f"help/{command}.txt", text)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_speaks_plainly(help_at_80, command):
    text = help_at_80(command)
    # an on/off flag with a type reads as if it took a value (`--strict true` fails)
    assert "<bool>" not in text
    # arguments are named in capitals, the same in the usage line and the table
    assert not re.search(r"[{}]|<str>|<path>|<file>|list\[", text), text
    # one real example per command
    assert re.search(rf"^ Example: launchkit {command} ", text, flags=re.M), text


def test_arguments_have_one_capitalised_name_across_commands():
    import typer.main

    for name, command in typer.main.get_command(app).commands.items():  # type: ignore[attr-defined]
        for param in command.params:
            if param.param_type_name != "argument":
                continue
            shown = param.metavar or ""
            assert shown == shown.upper() and shown.strip("."), (name, param.name, shown)
            if "playbook" in (param.help or "").lower() and name != "init":
                # the playbook a command reads or edits is PLAYBOOK everywhere (diff: OLD, NEW)
                assert shown.rstrip(".") in ("PLAYBOOK", "OLD", "NEW"), (name, shown)


def test_every_help_example_runs(cli, tmp_path, monkeypatch):
    """The example in each command's help works as written, in a launch repository started by
    `launchkit init app-launch` with two commits (for `diff --rev HEAD~1`)."""
    import shlex
    import subprocess

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LAUNCHKIT_TODAY", "2027-01-03")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")
    assert cli("init", "app-launch").exit_code == 0
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    assert cli("set", "launch.yaml", "tasks.teasers.duration", "7bd").exit_code == 0
    subprocess.run([*git, "commit", "-qam", "longer teasers"], check=True)
    for info in app.registered_commands:
        command = info.name or info.callback.__name__  # type: ignore[union-attr]
        example = re.search(rf"Example: (launchkit {command} .*)", info.callback.__doc__ or "")
        assert example, command
        words = shlex.split(example.group(1))[1:]
        r = cli(*words)
        assert r.exit_code in (0, 1), (example.group(1), r.stderr)
        assert r.exit_code == 0 or command == "check", (example.group(1), r.stderr)
