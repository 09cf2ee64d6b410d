"""The command's front door: `--version`, `--help` and `python -m launchkit`."""

from __future__ import annotations

import os
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


# `launchkit --help` and `--version` are answered by launchkit.entry without loading the CLI
# (start-up, bench/README.md); the stored help must stay what Typer itself prints.
AS_SCRIPT = "import sys; sys.argv[0] = 'launchkit'; from {module} import main; main()"
AFTER = "; assert 'typer' not in sys.modules, 'the CLI was loaded'"


def as_script(module: str, *args: str, columns: int, check_light: bool = False) -> str:
    code = AS_SCRIPT.format(module=module) + (AFTER if check_light else "")
    env = {**os.environ, "COLUMNS": str(columns)}
    r = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env=env,
    )
    assert (r.returncode, r.stderr) == (0, "")
    return r.stdout


def test_stored_help_is_what_typer_prints():
    from launchkit.entry import HELP_FILE

    typer_help = as_script("launchkit.cli", "--help", columns=120)
    if os.environ.get("LAUNCHKIT_UPDATE_GOLDEN") == "1":
        with open(HELP_FILE, "w", encoding="utf-8") as file:
            file.write(typer_help)
    with open(HELP_FILE, encoding="utf-8") as file:
        stored = file.read()
    assert stored == typer_help, "run with LAUNCHKIT_UPDATE_GOLDEN=1 and review the diff"
    assert stored.startswith("Usage: launchkit [OPTIONS] COMMAND [ARGS]...\n")


def test_help_and_version_come_without_loading_the_cli():
    from launchkit.entry import HELP_FILE

    with open(HELP_FILE, encoding="utf-8") as file:
        stored = file.read()
    for flag in ("--help", "-h"):
        assert as_script("launchkit.entry", flag, columns=100, check_light=True) == stored
    version = as_script("launchkit.entry", "--version", columns=100, check_light=True)
    assert version == f"launchkit {__version__}\n"


def test_a_narrow_terminal_gets_typer_help_wrapped_to_it():
    narrow = as_script("launchkit.entry", "--help", columns=60)
    assert narrow == as_script("launchkit.cli", "--help", columns=60)
    assert max(len(line) for line in narrow.splitlines()) <= 60


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
