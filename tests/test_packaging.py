"""The wheel works on its own: built-in playbooks and templates travel inside it.

Slow (it builds a wheel and a virtual environment), but it runs in CI: an editable install hides
a missing `force-include`, and only a real wheel installed elsewhere shows it.

The test venv gets launchkit from the wheel alone (`--no-deps`, no index), and its dependencies
from the environment running the tests, whatever that is (a venv, a conda env, the system
Python): a `.pth` file in the venv lists the running interpreter's `sys.path`. A `.pth` file only
appends plain folders, so the running environment's own `.pth` files, among them the editable
install's pointer to `src/`, are not read, and the venv's own site-packages comes first.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from launchkit import __version__
from workflow_support import pinned, read_steps

DISTRIBUTION = "launchkit-playbook"
SOURCE_FOLDERS = ("src", "tests", "bench", "playbooks", "templates")


def run(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    drop = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "CONDA_PREFIX")
    env = {k: v for k, v in os.environ.items() if k not in drop} | (env or {})
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def dependency_folders(venv_python: Path, cwd: Path) -> list[str]:
    """The running interpreter's import folders that the new venv lacks, the source tree left out."""
    own = run(venv_python, "-c", "import json, sys; print(json.dumps(sys.path))", cwd=cwd)
    assert own.returncode == 0, own.stderr
    has = {os.path.realpath(p) for p in json.loads(own.stdout)}
    folders = []
    for entry in sys.path:
        real = os.path.realpath(entry) if entry else ""
        if not entry or not os.path.isdir(real) or real in has:
            continue
        # The checkout itself, src/ (an editable install) and tests/ stay out; a venv inside the
        # checkout (`python -m venv .venv`, as the README's user makes it) stays in.
        if any(Path(real).is_relative_to(ROOT.resolve() / d) for d in SOURCE_FOLDERS) or (
            Path(real) == ROOT.resolve()
        ):
            continue
        folders.append(real)
        has.add(real)
    return folders


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
    (wheel,) = (tmp / "dist").glob("launchkit_playbook-*.whl")
    # With pip in the running environment the venv borrows it through the .pth file (faster,
    # and Debian's Python may lack ensurepip); without it (a uv venv), the venv gets its own.
    has_pip = importlib.util.find_spec("pip") is not None
    venv = tmp / "venv"
    made = run(sys.executable, "-m", "venv", *(["--without-pip"] if has_pip else []), venv, cwd=tmp)
    assert made.returncode == 0, made.stderr
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    where = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp)
    site_packages = Path(where.stdout.strip())
    (site_packages / "_launchkit_test_dependencies.pth").write_text(
        "".join(f"{folder}\n" for folder in dependency_folders(python, tmp)), encoding="utf-8"
    )
    # --ignore-installed: the running environment's launchkit (seen through the .pth file) is
    # neither uninstalled nor taken as already there.
    pip = run(
        python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--ignore-installed",
        wheel, cwd=tmp,
    )  # fmt: skip
    assert pip.returncode == 0, pip.stdout + pip.stderr
    outside = tmp / "elsewhere"
    outside.mkdir()
    return bin_dir, outside


@pytest.mark.slow
def test_the_installed_package_is_the_wheel(installed):
    bin_dir, outside = installed
    code = (
        "import importlib.metadata as m, launchkit; "
        f"print(launchkit.__file__); print(m.version({DISTRIBUTION!r}))"
    )
    r = run(bin_dir / "python", "-c", code, cwd=outside)
    assert r.returncode == 0, r.stderr
    where, version = r.stdout.splitlines()
    assert Path(where).is_relative_to(bin_dir.parent)
    assert not Path(where).is_relative_to(ROOT)
    assert version == __version__


@pytest.mark.slow
def test_validate_finds_the_builtin_playbook_in_the_wheel(installed):
    bin_dir, outside = installed
    r = run(bin_dir / "launchkit", "validate", "starter", cwd=outside)
    assert (r.returncode, r.stdout, r.stderr) == (0, "starter: ok (3 tasks, 1 gate)\n", "")


@pytest.mark.slow
def test_templates_and_playbooks_are_in_the_wheel(installed):
    bin_dir, outside = installed
    code = (
        "from launchkit.resources import data_dir; "
        "print(data_dir('templates')); print(data_dir('playbooks'))"
    )
    r = run(bin_dir / "python", "-c", code, cwd=outside)
    assert r.returncode == 0, r.stderr
    for folder, name in zip(
        map(Path, r.stdout.splitlines()), ("templates", "playbooks"), strict=True
    ):
        assert folder.is_relative_to(bin_dir.parent)
        assert folder.is_dir()
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            p.name for p in (ROOT / name).iterdir()
        )


@pytest.mark.slow
def test_version_and_module_entry_point_from_the_wheel(installed):
    bin_dir, outside = installed
    r = run(bin_dir / "launchkit", "--version", cwd=outside)
    assert (r.returncode, r.stdout) == (0, f"launchkit {__version__}\n")
    # The stored help (launchkit/cli/help.txt) travels in the wheel and answers --help.
    r = run(bin_dir / "launchkit", "--help", cwd=outside, env={"COLUMNS": "100"})
    stored = (ROOT / "src" / "launchkit" / "cli" / "help.txt").read_text(encoding="utf-8")
    assert (r.returncode, r.stdout) == (0, stored)
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
    assert "התפקיד והאחריות שלכם כמנהלים" in deck
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


@pytest.mark.slow
def test_the_workflow_init_writes_runs_with_the_installed_command(installed):
    # What the user's CI does after `pip install "launchkit-playbook==<version>"`: the wheel's
    # own console script runs each `launchkit ...` step of the workflow, in the new repository.
    bin_dir, outside = installed
    r = run(
        bin_dir / "launchkit", "init", "starter", "--dir", "ci-repo", "--launch", "2027-03-01",
        cwd=outside,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    folder = outside / "ci-repo"
    steps = read_steps(folder)
    assert steps.install == pinned()
    version = run(bin_dir / "python", "-m", "pip", "show", DISTRIBUTION, cwd=outside)
    assert f"Version: {__version__}\n" in version.stdout
    for command in steps.launchkit:
        r = run(bin_dir / "launchkit", *command, cwd=folder, env={"LAUNCHKIT_TODAY": "2027-01-04"})
        assert (command, r.returncode, r.stderr) == (command, 0, "")
