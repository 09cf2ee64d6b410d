"""Shared fixtures: the CLI through Typer's runner, paths to test data, and outside tools."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from launchkit.cli import app

if TYPE_CHECKING:
    from browser import Chromium

DATA = Path(__file__).parent / "data"

# In CI (CI=true) Hypothesis replays a fixed set of examples, so that a run's verdict does not
# depend on luck; exploring new inputs is the job of local runs and the long fuzz run
# (tests/test_fuzz.py), whose finds become regression tests.
if os.environ.get("CI"):
    settings.register_profile("ci", derandomize=True, print_blob=True)
    settings.load_profile("ci")

# Text output wraps to COLUMNS where it is set (pytest-xdist's workers set it to 80, some shells
# export it); the expected outputs are those of a pipe with no COLUMNS, so the tests do not
# depend on the terminal they are started from. A test about widths sets COLUMNS itself.
os.environ.pop("COLUMNS", None)
os.environ.pop("LINES", None)

# The holiday cache goes to a folder of this test run, never the developer's own cache.
os.environ["LAUNCHKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="launchkit-cache-")
ROOT = Path(__file__).parent.parent


# --- Outside tools (Chromium, Node.js and Mermaid's npm packages, git) ---------------------------
# A test that needs a program pip does not install calls `require_tool()` first. Where the tool is
# missing, the test is skipped with one line naming the command that installs it, so that the
# README's `pip install -e '.[test]' && python -m pytest` passes on a fresh clone. Under CI
# (`CI=true`, as GitHub Actions and .ci/run set it) a missing tool fails the test instead: the
# checks against real consumers must not quietly stop running there.

# The commands that install each tool, as the README's "Running the full test suite" gives them.
SETUP_RENDER = "bash .ci/setup-render.sh"  # Chromium and fonts, through apt-get (as root)
SETUP_EXPORT = "bash .ci/setup-export.sh"  # Mermaid and jsdom, through npm (needs Node.js)


def in_ci() -> bool:
    """Whether this run is CI's, where a missing outside tool is a failure, not a skip."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require_tool(name: str, install: str, *, found: bool | None = None) -> str:
    """Skip the calling test unless the outside tool `name` is there; fail instead under CI.

    Without `found`, the tool is a program looked up on PATH and its full path is returned. With
    `found` (for what is not a program, such as npm packages), the caller says whether it is there,
    and `name` is returned. `install` is the command that installs the tool.
    """
    path = shutil.which(name) if found is None else (name if found else None)
    if path is not None:
        return path
    if in_ci():
        pytest.fail(f"{name} not found, and CI=true requires it; install with: {install}", False)
    pytest.skip(f"{name} not found; install with: {install}")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "requires_tool(name, install): skip the test (fail it under CI=true) unless the program "
        "`name` is on PATH; `install` is the command that installs it",
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    """`@pytest.mark.requires_tool("git", "apt-get install git")`: require_tool() as a marker."""
    for mark in item.iter_markers("requires_tool"):
        require_tool(*mark.args, **mark.kwargs)


_SKIP_REASON = re.compile(r"(?:Skipped: )?(.+?) not found; install with: (.+)")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """After the run, one line per missing outside tool: how many tests it cost, how to get it.

    Read from the skipped tests' reports, so that it also counts the skips of xdist's workers.
    """
    counts: dict[str, int] = {}
    installs: dict[str, str] = {}
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = getattr(report, "longrepr", None)
        reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else ""
        found = _SKIP_REASON.fullmatch(str(reason))
        if found:
            counts[found[1]] = counts.get(found[1], 0) + 1
            installs[found[1]] = found[2]
    if not counts:
        return
    terminalreporter.section("outside tools not installed")
    for name, count in sorted(counts.items()):
        tests = "test" if count == 1 else "tests"
        terminalreporter.write_line(
            f"{count} {tests} skipped: {name} not found; install with: {installs[name]}"
        )
    terminalreporter.write_line(
        'everything at once: see "Running the full test suite" in README.md'
    )


@pytest.fixture(scope="session")
def chromium() -> Iterator[Chromium]:
    """One headless Chromium for the whole run (tests/browser.py), started on first use."""
    from browser import INSTALL, Chromium, missing

    lacking = missing()
    if lacking is not None:
        require_tool(lacking, INSTALL, found=False)
    browser = Chromium()
    yield browser
    browser.close()


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run `launchkit ARGS...` in-process; returns exit code, stdout and stderr separately."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        r = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return Result(r.exit_code, r.stdout, r.stderr)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a file under a temporary folder and return its path."""

    def _write(text: str, name: str = "launch.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def golden() -> Callable[[str | Path, str], None]:
    """Compare text with a golden file under tests/data/; rewrite it when asked.

    Regenerate every golden file with `LAUNCHKIT_UPDATE_GOLDEN=1 python -m pytest`, then review
    the diff before committing it.
    """
    import os

    def check(relative: str | Path, actual: str) -> None:
        path = DATA / relative
        if os.environ.get("LAUNCHKIT_UPDATE_GOLDEN") == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"missing golden file {path}; run with LAUNCHKIT_UPDATE_GOLDEN=1"
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"{path} differs; run with LAUNCHKIT_UPDATE_GOLDEN=1 and review"

    return check
