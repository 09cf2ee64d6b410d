"""The documentation is true because it is run: every command block of README.md, docs/*.md and
examples/*/README.md, compared with the output it shows (see tests/doc_transcripts.py).

After an intended change of output, refresh the docs with
`LAUNCHKIT_UPDATE_DOCS=1 python -m pytest tests/test_docs.py` and review the diff.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from doc_transcripts import ELLIPSIS, Session, matches, read_blocks, refreshed, rewrite
from launchkit.cli import app

DOCS = sorted(
    [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "examples").glob("*/README.md")]
)
# The day the docs are written for: `done` without --on records it, `check` and `status`
# without --as-of judge as of it.
TODAY = "2027-01-03"


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """An empty folder, with the clock and git fixed as the docs assume."""
    monkeypatch.setenv("LAUNCHKIT_TODAY", TODAY)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01T00:00:00Z
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text(
        "[user]\n\tname = Dana Levi\n\temail = dana@example.com\n[init]\n\tdefaultBranch = main\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_command_block_prints_what_the_doc_shows(doc: Path, scratch: Path):
    if doc.parent.parent.name == "examples":
        shutil.copytree(doc.parent, scratch, dirs_exist_ok=True)
    session = Session(scratch, app)
    failures, replacements = [], []
    for block in read_blocks(doc):
        if block.skip:
            continue
        for command in block.commands:
            code, printed = session.run(command.text)
            where = f"{doc.relative_to(ROOT)}:{command.line + 1}: $ {command.text}"
            if not command.compare:
                # a `check` that finds the launch not ready (exit 1) ran as it should
                if code != 0 and not (code == 1 and command.text.startswith("launchkit check")):
                    failures.append(f"{where}\n  exit {code}\n  " + "\n  ".join(printed))
                continue
            if matches(command.shown, printed):
                continue
            replacements.append((command, refreshed(command.shown, printed)))
            diff = difflib.unified_diff(command.shown, printed, "shown", "printed", lineterm="")
            failures.append(f"{where}\n" + "\n".join(diff))
    if failures and os.environ.get("LAUNCHKIT_UPDATE_DOCS") == "1":
        rewrite(doc, replacements)
        failures = [f for f in failures if "\n  exit " in f]
    assert not failures, (
        "\n\n".join(failures)
        + "\n\nIf the new output is right: LAUNCHKIT_UPDATE_DOCS=1 python -m pytest tests/test_docs.py"
    )


def test_every_skipped_block_says_why():
    for doc in DOCS:
        for block in read_blocks(doc):
            if block.skip:
                assert "(" in block.skip, f"{doc}:{block.line}: say why in parentheses"


def test_the_docs_have_command_blocks():
    # guards the reader itself: a change of fences must not leave the docs silently untested
    counted = sum(len(b.commands) for doc in DOCS for b in read_blocks(doc) if not b.skip)
    assert counted >= 20


OUT = ["title", "a", "b", "heading", "c", "d", "end"]


@pytest.mark.parametrize(
    ("shown", "ok"),
    [
        (OUT, True),
        (["title", ELLIPSIS, "end"], True),
        ([ELLIPSIS, "heading", "c", ELLIPSIS], True),
        ([ELLIPSIS], True),
        (["title", ELLIPSIS, "c", "end"], False),  # `...` is whole lines, in order
        (["title", "a", "b"], False),
    ],
)
def test_a_shown_block_matches_with_whole_lines_left_out(shown, ok):
    assert matches(shown, OUT) is ok


@pytest.mark.parametrize(
    ("shown", "new"),
    [
        (["old title", "x"], OUT),
        (["old title", ELLIPSIS, "old end"], ["title", ELLIPSIS, "end"]),
        ([ELLIPSIS, "heading", "old c", ELLIPSIS], [ELLIPSIS, "heading", "c", ELLIPSIS]),
        ([ELLIPSIS, "gone", "x", ELLIPSIS], [ELLIPSIS, "title", "a", ELLIPSIS]),
    ],
)
def test_update_mode_keeps_the_cuts_of_the_page(shown, new):
    assert refreshed(shown, OUT) == new


def test_update_mode_rewrites_only_the_shown_output(tmp_path):
    from launchkit import __version__

    page = tmp_path / "page.md"
    page.write_text(
        "Intro.\n\n```console\n$ launchkit --version\nlaunchkit 0.0.0\n$ echo $?\n0\n```\n\nEnd.\n",
        encoding="utf-8",
    )
    session = Session(tmp_path, app)
    (block,) = read_blocks(page)
    changes = []
    for command in block.commands:
        _, printed = session.run(command.text)
        if not matches(command.shown, printed):
            changes.append((command, refreshed(command.shown, printed)))
    rewrite(page, changes)
    assert page.read_text(encoding="utf-8") == (
        "Intro.\n\n```console\n$ launchkit --version\n"
        f"launchkit {__version__}\n$ echo $?\n0\n```\n\nEnd.\n"
    )
