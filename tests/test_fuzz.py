"""Fuzzing every command that reads a playbook: no input may crash launchkit.

Random valid playbooks and random breakages of them (tests/fuzz_strategies.py) go through
`validate`, `plan`, `check`, `export` (ICS, CSV, Mermaid) and `render` in-process. Whatever the
input, the exit code is 0, 1 or 2 (never 3, never a traceback), and every line on standard
error is a diagnostic `file:line:col: severity: message [code]` whose line and column lie
inside the file.

The default profile runs a few dozen examples per test (CI). The long run:

    LAUNCHKIT_FUZZ=long python -m pytest tests/test_fuzz.py        # 2,000 examples per test
    LAUNCHKIT_FUZZ=long LAUNCHKIT_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from fuzz_strategies import broken_bytes, mutated_bytes, playbook_text
from launchkit.cli import app

settings.register_profile(
    "fuzz-ci",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz-long",
    max_examples=int(os.environ.get("LAUNCHKIT_FUZZ_EXAMPLES", "2000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
PROFILE = settings.get_profile(
    "fuzz-long" if os.environ.get("LAUNCHKIT_FUZZ") == "long" else "fuzz-ci"
)

AS_OF = "2027-01-03"
DIAGNOSTIC = re.compile(r"^(?P<line>\d+):(?P<col>\d+): (error|warning|info): .+ \[[a-z0-9-]+\]$")


def _has_render() -> bool:
    return any(
        (c.name or getattr(c.callback, "__name__", "")) == "render" for c in app.registered_commands
    )


def commands(path: Path, out: Path) -> list[list[str]]:
    """Every command that reads a playbook, with the options a CI job would give."""
    p = str(path)
    argv = [
        ["validate", p],
        ["plan", p],
        ["plan", p, "--format", "json"],
        ["check", p, "--as-of", AS_OF, "--format", "json"],
        ["check", p, "--as-of", AS_OF],
        ["export", p, "--ics"],
        ["export", p, "--csv"],
        ["export", p, "--mermaid"],
    ]
    if _has_render():
        argv.append(["render", p, "-o", str(out / "documents")])
    return argv


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    # One folder for every example of a module: hypothesis runs examples in the same test call.
    with tempfile.TemporaryDirectory(prefix="launchkit-fuzz-") as name:
        yield Path(name)


def run_all(folder: Path, raw: bytes) -> dict[str, int]:
    """Run every command on a playbook file holding `raw`; check exit codes and diagnostics."""
    path = folder / "launch.yaml"
    path.write_bytes(raw)
    out = folder / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    runner = CliRunner()
    codes: dict[str, int] = {}
    for argv in commands(path, out):
        result = runner.invoke(app, argv, catch_exceptions=False, env={"NO_COLOR": "1"})
        shown = " ".join(argv[:1] + argv[2:])
        assert result.exit_code in (0, 1, 2), (shown, result.exit_code, result.stderr)
        if result.exit_code == 1:
            assert argv[0] == "check", (shown, result.stderr)
        for line in result.stderr.splitlines():
            assert_diagnostic(line, str(path), raw, shown)
        if result.exit_code == 2:
            assert result.stderr.strip(), f"{shown}: exit 2 without a diagnostic"
        codes[shown] = result.exit_code
    return codes


def assert_diagnostic(line: str, shown: str, raw: bytes, command: str) -> None:
    """`file:line:col: severity: message [code]` with the position inside the file."""
    assert line.startswith(shown + ":"), (command, line)
    m = DIAGNOSTIC.match(line[len(shown) + 1 :])
    assert m, (command, line)
    text = raw.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    row, col = int(m["line"]), int(m["col"])
    assert 1 <= row <= len(lines), (command, line, len(lines))
    # One past the end of a line is where a missing value or an unclosed bracket is reported.
    assert 1 <= col <= len(lines[row - 1]) + 1, (command, line, lines[row - 1])


@PROFILE
@given(text=playbook_text())
def test_valid_playbooks_pass_every_command(folder: Path, text: str) -> None:
    codes = run_all(folder, text.encode("utf-8"))
    assert codes["validate"] == 0
    assert codes["plan"] == 0
    assert codes["export --ics"] == 0


@PROFILE
@given(raw=broken_bytes())
def test_broken_playbooks_never_crash(folder: Path, raw: bytes) -> None:
    run_all(folder, raw)


@PROFILE
@given(data=st.data())
def test_truncated_playbooks_never_crash(folder: Path, data: st.DataObject) -> None:
    raw = data.draw(playbook_text()).encode("utf-8")
    cut = data.draw(st.integers(0, len(raw)))
    run_all(folder, raw[:cut])


@PROFILE
@given(data=st.data())
def test_builtin_playbooks_mutated_never_crash(folder: Path, data: st.DataObject) -> None:
    from fuzz_strategies import BUILTIN_TEXTS

    run_all(folder, data.draw(mutated_bytes(data.draw(st.sampled_from(BUILTIN_TEXTS)))))


# Inputs the fuzzer found, kept as plain cases: (file bytes, expected first diagnostic's place).
FOUND = [
    # The C parser put the end of a file without a final line break on a line after the last.
    (b"launchkit: 1\nid: deep\ntitle: x\ntasks: [[[[[[[[[[", "4:18"),
    (b"launchkit: 1\nid: x\ntitle: x\ntasks: {a: 1", "4:13"),
    (b"launchkit: 1\nid: x\ntitle: x\ntasks:\n  - id: a\n    title: [x", "6:14"),
]


@pytest.mark.parametrize(("raw", "place"), FOUND)
def test_inputs_found_by_fuzzing(folder: Path, raw: bytes, place: str) -> None:
    run_all(folder, raw)
    result = CliRunner().invoke(app, ["validate", str(folder / "launch.yaml")])
    assert result.exit_code == 2
    assert result.stderr.split(":")[1:3] == place.split(":")


def test_a_quoted_value_cannot_split_a_diagnostic(write, cli) -> None:  # type: ignore[no-untyped-def]
    # Found by fuzzing: a value with a line break or a record separator, quoted in a message,
    # made two lines of one diagnostic.
    path = write('launchkit: 1\nid: x\ntitle: x\nlocale: "a\\nb\\x1ec\\u2028d\\e[31m"\n')
    result = cli("validate", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:4:9: error: 'a\\x0ab\\x1ec\\u2028d\\x1b[31m' is not one of 'en', 'en-GB', "
        "'en-US', 'he', 'he-IL', 'tr', 'tr-TR', 'it' or 'it-IT' [bad-value]\n"
    )
