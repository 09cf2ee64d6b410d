"""Shared fixtures: the CLI through Typer's runner, and paths to test data."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from launchkit.cli import app

DATA = Path(__file__).parent / "data"

# In CI (CI=true) Hypothesis replays a fixed set of examples, so that a run's verdict does not
# depend on luck; exploring new inputs is the job of local runs and the long fuzz run
# (tests/test_fuzz.py), whose finds become regression tests.
if os.environ.get("CI"):
    settings.register_profile("ci", derandomize=True, print_blob=True)
    settings.load_profile("ci")

# The holiday cache goes to a folder of this test run, never the developer's own cache.
os.environ["LAUNCHKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="launchkit-cache-")
ROOT = Path(__file__).parent.parent


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
