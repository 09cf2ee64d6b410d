"""Shared fixtures: the CLI through Typer's runner, and paths to test data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from launchkit.cli import app

DATA = Path(__file__).parent / "data"
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
