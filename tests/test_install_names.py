"""Whatever tells a user to install launchkit names our distribution, pinned, never a stranger's.

`launchkit` on PyPI is an unrelated project: a workflow that ran `pip install launchkit` would run
someone else's code with the repository's token. Every `pip install` in the README, the docs, the
templates `init` writes, the examples and the pre-commit hook's usage installs a checkout (`.`),
a git URL at a release tag, or `launchkit-playbook==<this version>`.
"""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import ROOT
from launchkit import DISTRIBUTION, __version__

FILES = sorted(
    [
        ROOT / "README.md",
        ROOT / ".pre-commit-hooks.yaml",
        *(ROOT / "docs").glob("*.md"),
        *(ROOT / "templates" / "init").iterdir(),
        *(p for p in (ROOT / "examples").rglob("*") if p.is_file() and p.suffix != ".csv"),
    ]
)
# Inside a command line: pip install, then its arguments up to a quote-free end or a comment.
PIP_INSTALL = re.compile(
    r"pip install ((?:\"[^\"]*\"|'[^']*'|[^\s`\"'#])+(?: +(?:\"[^\"]*\"|'[^']*'|[^\s`\"'#|&;)]+))*)"
)
ALLOWED = [
    re.compile(r"\.(\[test\])?"),  # a checkout
    re.compile(r"-e|\.\[test\]"),
    re.compile(rf"{DISTRIBUTION}=={re.escape(__version__)}"),
    re.compile(
        rf"git\+https://github\.com/OWNER/REPO@v({re.escape(__version__)}|<version>|{{{{ version }}}})"
    ),
    re.compile(r"{{ requirement }}"),  # filled in by init with the pin (tested in test_cli_init)
    re.compile(rf"{DISTRIBUTION}==<version>"),
    re.compile(r"pre-commit"),  # the hook runner itself, not launchkit
]


def install_arguments(text: str) -> list[str]:
    """Every argument given to `pip install` in the text."""
    found = []
    for match in PIP_INSTALL.finditer(text):
        try:
            words = shlex.split(match.group(1))
        except ValueError:  # an unbalanced quote in prose: take the words as they are
            words = match.group(1).split()
        found.extend(w for w in words if not w.startswith("-q"))
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_pip_install_names_our_distribution_pinned(path):
    text = path.read_text(encoding="utf-8")
    bad = [a for a in install_arguments(text) if not any(r.fullmatch(a) for r in ALLOWED)]
    assert bad == [], f"{path.relative_to(ROOT)}: pip install {bad}"


def test_the_checker_sees_a_bare_name():
    assert install_arguments("run: pip install launchkit\n") == ["launchkit"]
    assert install_arguments('`pip install "launchkit==0.1.6"`') == ["launchkit==0.1.6"]
    assert install_arguments("pip install -e '.[test]' && python -m pytest") == ["-e", ".[test]"]
