"""Fuzzing every command that reads a playbook: no input may crash launchkit (issue 15).

Valid playbooks built from the model (tests/fuzz_strategies.py: every kind of field, per-site
tasks, recurrence, metrics, gates of every kind, waivers, documents and vars), the same with one
value perturbed (seven in ten to another value the model accepts, so that most cases reach
schedule, check, export and render), and broken files, go through every command in-process:
`validate`, `plan` (text, JSON, CSV), `check` (JSON, JUnit, with a metrics file), `status`,
`export` (ICS, CSV, Mermaid), `render` and `diff`. Whatever the input, the exit code is 0, 1 or
2 (never 3, never a traceback), every line on standard error is a diagnostic
`file:line:col: severity: message [code]` whose position lies inside the file, and the JUnit
report and the SVG timeline are well-formed XML.

The default profile is derandomised and small, so CI runs the same few dozen cases each time.
The long run (bench/README.md gives the command and the figures):

    LAUNCHKIT_FUZZ=long LAUNCHKIT_FUZZ_EXAMPLES=1000 python -m pytest tests/test_fuzz.py

With LAUNCHKIT_FUZZ_STATS=FILE, every command run appends a JSON line (command, exit code,
seconds, and the peak resident size of the test process during that run) to FILE;
`bench/fuzz.py` runs the long profile and sums those lines up.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from fuzz_strategies import (
    broken_bytes,
    dump_yaml,
    metrics_texts,
    mutated_bytes,
    perturbed_data,
    playbook_data,
    playbook_text,
)
from launchkit.cli import app

LONG = os.environ.get("LAUNCHKIT_FUZZ") == "long"
settings.register_profile(
    "fuzz-ci",
    max_examples=8,
    derandomize=True,  # the same cases on every CI run
    database=None,  # and no replay of cases saved by an earlier run
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz-long",
    max_examples=int(os.environ.get("LAUNCHKIT_FUZZ_EXAMPLES", "2000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
PROFILE = settings.get_profile("fuzz-long" if LONG else "fuzz-ci")
# The perturbed playbooks are the cases that reach deepest; CI runs more of them.
DEEP = settings(PROFILE, max_examples=PROFILE.max_examples * (1 if LONG else 2))
STATS = os.environ.get("LAUNCHKIT_FUZZ_STATS")

# With LAUNCHKIT_FUZZ_KEEP=FOLDER, the files of every run that exits 3 or takes over 5 s are
# copied there with the command, for a regression test.
KEEP = os.environ.get("LAUNCHKIT_FUZZ_KEEP")
SLOW_SECONDS = 5.0

AS_OF = "2027-01-03"
DIAGNOSTIC = re.compile(r"^(?P<line>\d+):(?P<col>\d+): (error|warning|info): .+ \[[a-z0-9-]+\]$")


def commands(path: Path, out: Path, metrics: Path | None, other: Path | None) -> list[list[str]]:
    """Every command that reads a playbook, with the options a CI job would give."""
    p = str(path)
    argv = [
        ["validate", p],
        ["plan", p],
        ["plan", p, "--format", "json"],
        ["plan", p, "--format", "csv"],
        ["check", p, "--as-of", AS_OF, "--format", "json"],
        ["check", p, "--as-of", AS_OF, "--format", "junit"],
        ["status", p, "--as-of", AS_OF],
        ["export", p, "--ics"],
        ["export", p, "--csv"],
        ["export", p, "--mermaid"],
        ["render", p, "-o", str(out / "documents")],
    ]
    if metrics is not None:
        argv.append(["check", p, "--as-of", AS_OF, "--metrics", str(metrics)])
    if other is not None:
        argv.append(["diff", str(other), p])
    return argv


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    # One folder for every example of a module: hypothesis runs examples in the same test call.
    with tempfile.TemporaryDirectory(prefix="launchkit-fuzz-") as name:
        yield Path(name)


def run_all(
    folder: Path, raw: bytes, metrics: tuple[str, str] | None = None, other: bytes | None = None
) -> dict[str, int]:
    """Run every command on a playbook file holding `raw`; check exit codes and diagnostics."""
    path = folder / "launch.yaml"
    path.write_bytes(raw)
    out = folder / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    metrics_path = other_path = None
    if metrics is not None:
        metrics_path = folder / metrics[0]
        metrics_path.write_text(metrics[1], encoding="utf-8")
    if other is not None:
        other_path = folder / "before.yaml"
        other_path.write_bytes(other)
    runner = CliRunner()
    codes: dict[str, int] = {}
    for argv in commands(path, out, metrics_path, other_path):
        if STATS:
            _reset_peak()
        began = time.perf_counter()
        result = runner.invoke(app, argv, catch_exceptions=False, env={"NO_COLOR": "1"})
        took = time.perf_counter() - began
        shown = " ".join(a if not a.startswith(str(folder)) else Path(a).name for a in argv)
        if STATS:
            run = {"command": argv[0], "exit": result.exit_code, "seconds": took}
            run["peak_mb"] = _peak_mb()
            with open(STATS, "a", encoding="utf-8") as f:
                f.write(json.dumps(run) + "\n")
        if KEEP and (result.exit_code == 3 or took > SLOW_SECONDS):
            _keep(folder, argv, result.exit_code, took)
        assert result.exit_code in (0, 1, 2), (shown, result.exit_code, result.stderr)
        assert "Traceback" not in result.stderr, (shown, result.stderr)
        if result.exit_code == 1:
            assert argv[0] == "check", (shown, result.stderr)
        for line in result.stderr.splitlines():
            if argv[0] == "diff" and line.startswith(str(other_path)):
                assert_diagnostic(line, str(other_path), other or b"", shown)
            elif metrics_path is not None and line.startswith(str(metrics_path)):
                assert_diagnostic(
                    line, str(metrics_path), metrics[1].encode() if metrics else b"", shown
                )
            else:
                assert_diagnostic(line, str(path), raw, shown)
        if result.exit_code == 2:
            assert result.stderr.strip(), f"{shown}: exit 2 without a diagnostic"
        if "junit" in argv and result.exit_code in (0, 1):
            ET.fromstring(result.stdout.split("\n", 1)[1])  # well-formed, whatever the text held
        if argv[0] == "render" and result.exit_code == 0:
            ET.parse(out / "documents" / "timeline.svg")
        codes[" ".join(argv[:1] + [a for a in argv[2:] if not a.startswith(str(folder))])] = (
            result.exit_code
        )  # "validate", "plan --format json", "render -o", ...
    return codes


def _reset_peak() -> None:
    """Start measuring this process's peak resident size afresh (Linux: clear_refs 5)."""
    with contextlib.suppress(OSError), open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def _peak_mb() -> float | None:
    """This process's peak resident size since the last reset, in MB (Linux only)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return None
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found[1]) / 1024 if found else None


def _keep(folder: Path, argv: list[str], code: int, took: float) -> None:
    assert KEEP is not None
    case = Path(tempfile.mkdtemp(prefix=f"{argv[0]}-exit{code}-{took:.0f}s-", dir=KEEP))
    for name in ("launch.yaml", "before.yaml", "metrics.csv", "history.csv", "metrics.yaml"):
        if (folder / name).exists():
            shutil.copy(folder / name, case / name)
    shown = [a.replace(str(folder), ".") for a in argv]
    (case / "command.txt").write_text(" ".join(shown) + "\n", encoding="utf-8")


def assert_diagnostic(line: str, shown: str, raw: bytes, command: str) -> None:
    """`file:line:col: severity: message [code]` with the position inside the file."""
    assert line.startswith(shown + ":"), (command, line)
    m = DIAGNOSTIC.match(line[len(shown) + 1 :])
    assert m, (command, line)
    text = raw.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = re.split(r"\r\n|\r|\n", text)  # as an editor counts lines, and launchkit
    row, col = int(m["line"]), int(m["col"])
    assert 1 <= row <= len(lines), (command, line, len(lines))
    # One past the end of a line is where a missing value or an unclosed bracket is reported.
    assert 1 <= col <= len(lines[row - 1]) + 1, (command, line, lines[row - 1])


@PROFILE
@given(data=playbook_data(), flow=st.sampled_from([False, None]))
def test_valid_playbooks_pass_every_command(folder: Path, data: dict, flow: bool | None) -> None:
    codes = run_all(folder, dump_yaml(data, flow=flow).encode("utf-8"))
    assert codes["validate"] == 0
    assert codes["plan"] == 0
    assert codes["export --ics"] == 0
    assert codes["render -o"] == 0


@DEEP
@given(data=st.data())
def test_playbooks_with_one_value_perturbed_never_crash(folder: Path, data: st.DataObject) -> None:
    changed, _ = data.draw(perturbed_data())
    original = data.draw(playbook_data())
    try:
        raw = dump_yaml(changed, flow=data.draw(st.sampled_from([False, None]))).encode("utf-8")
    except Exception:  # a value YAML cannot write (a lone surrogate): the broken tests cover it
        return
    metrics = data.draw(metrics_texts(changed))
    run_all(folder, raw, metrics, dump_yaml(original).encode("utf-8"))


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
