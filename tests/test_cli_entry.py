"""The command's front door: `--version`, `--help` and `python -m launchkit`."""

from __future__ import annotations

import re
import subprocess
import sys

from launchkit import __version__


def test_version(cli):
    r = cli("--version")
    assert (r.exit_code, r.stdout) == (0, f"launchkit {__version__}\n")


def test_help_lists_the_commands(cli):
    r = cli("--help")
    assert r.exit_code == 0
    for command in ("validate", "schema"):
        # a row of the commands table starts with the command's name
        assert re.search(rf"^\W*{command}\s+\w", r.stdout, re.MULTILINE), r.stdout


def test_no_arguments_shows_help_and_is_a_usage_error(cli):
    r = cli()
    assert r.exit_code == 2
    assert "validate" in r.stdout + r.stderr


def test_python_dash_m_runs_the_same_cli():
    r = subprocess.run(
        [sys.executable, "-m", "launchkit", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert (r.returncode, r.stdout) == (0, f"launchkit {__version__}\n")


def test_a_reader_that_stops_early_ends_the_output_quietly():
    # `launchkit plan app-launch | true`: the pipe closes before launchkit writes.
    r = subprocess.run(
        f"{sys.executable} -m launchkit plan app-launch --format json | true; "
        'exit "${PIPESTATUS[0]}"',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert (r.returncode, r.stderr) == (141, "")
