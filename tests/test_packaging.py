"""The wheel works on its own: built-in playbooks and templates travel inside it.

Slow (it builds a wheel and a virtual environment), but it runs in CI: an editable install hides
a missing `force-include`, and only a real wheel installed elsewhere shows it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from launchkit import __version__


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(bin folder of a fresh venv with the wheel installed, a folder outside the repository)."""
    tmp = tmp_path_factory.mktemp("wheel")
    built = run(
        sys.executable,
        "-m",
        "build",
        "--wheel",
        "--no-isolation",
        "--outdir",
        tmp / "dist",
        ".",
        cwd=ROOT,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tmp / "dist").glob("launchkit-*.whl")
    # System site-packages give the dependencies without a network; the wheel itself goes into
    # the venv's own site-packages, which comes first on sys.path.
    made = run(sys.executable, "-m", "venv", "--system-site-packages", tmp / "venv", cwd=tmp)
    assert made.returncode == 0, made.stderr
    bin_dir = tmp / "venv" / ("Scripts" if os.name == "nt" else "bin")
    pip = run(
        bin_dir / "python", "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel, cwd=tmp
    )
    assert pip.returncode == 0, pip.stdout + pip.stderr
    outside = tmp / "elsewhere"
    outside.mkdir()
    return bin_dir, outside


@pytest.mark.slow
def test_the_installed_package_is_the_wheel(installed):
    bin_dir, outside = installed
    r = run(bin_dir / "python", "-c", "import launchkit; print(launchkit.__file__)", cwd=outside)
    assert Path(r.stdout.strip()).is_relative_to(bin_dir.parent)


@pytest.mark.slow
def test_validate_finds_the_builtin_playbook_in_the_wheel(installed):
    bin_dir, outside = installed
    r = run(bin_dir / "launchkit", "validate", "starter", cwd=outside)
    assert (r.returncode, r.stdout, r.stderr) == (0, "starter: ok (3 tasks, 1 gate)\n", "")


@pytest.mark.slow
def test_templates_are_in_the_wheel(installed):
    bin_dir, outside = installed
    code = "from launchkit.resources import data_dir; print(data_dir('templates'))"
    r = run(bin_dir / "python", "-c", code, cwd=outside)
    templates = Path(r.stdout.strip())
    assert templates.is_relative_to(bin_dir.parent)
    assert templates.is_dir()
    assert sorted(p.name for p in templates.iterdir()) == sorted(
        p.name for p in (ROOT / "templates").iterdir()
    )


@pytest.mark.slow
def test_version_and_module_entry_point_from_the_wheel(installed):
    bin_dir, outside = installed
    r = run(bin_dir / "launchkit", "--version", cwd=outside)
    assert (r.returncode, r.stdout) == (0, f"launchkit {__version__}\n")
    r = run(bin_dir / "python", "-m", "launchkit", "--help", cwd=outside)
    assert r.returncode == 0
    assert "validate" in r.stdout
    assert "schema" in r.stdout


@pytest.mark.slow
def test_render_and_init_work_from_the_wheel(installed):
    # Templates, message catalogs and init's files must all travel inside the wheel.
    bin_dir, outside = installed
    r = run(bin_dir / "launchkit", "render", "app-launch.he", "-o", "docs", cwd=outside)
    assert r.returncode == 0, r.stderr
    deck = (outside / "docs" / "deck.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in deck
    # A heading from the Hebrew message catalog (not in the playbook), not its English msgid.
    assert "היעדים של הארגון בתקשורת הפנים ארגונית בשנה הקרובה" in deck
    r = run(
        bin_dir / "launchkit",
        "init",
        "advocacy-60-day",
        "--locale",
        "it",
        "--dir",
        "repo",
        cwd=outside,
    )
    assert r.returncode == 0, r.stderr
    r = run(bin_dir / "launchkit", "validate", "repo/launch.yaml", cwd=outside)
    assert (r.returncode, r.stderr) == (0, "")
