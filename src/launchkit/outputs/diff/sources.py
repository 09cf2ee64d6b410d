"""The two playbooks a diff compares: two files, or one file now and at a git revision."""

from __future__ import annotations

import subprocess
from pathlib import Path

from launchkit.diagnostics import LaunchkitError, error
from launchkit.load import LoadedPlaybook, load_playbook, load_playbook_text

Labelled = tuple[LoadedPlaybook, str]


def load_pair(old: Path, new: Path | None, rev: str | None) -> tuple[Labelled, Labelled]:
    """(old playbook, label), (new playbook, label); bad input raises LaunchkitError."""
    if (new is None) == (rev is None):
        raise LaunchkitError(
            [
                error(
                    str(old),
                    1,
                    1,
                    "bad-usage",
                    "give two files (launchkit diff OLD NEW) or one file and --rev REV",
                )
            ]
        )
    if new is not None:
        return (load_playbook(old, str(old)), str(old)), (load_playbook(new, str(new)), str(new))
    assert rev is not None
    current = load_playbook(old, str(old))
    label = f"{old}@{rev}"
    old_text = git_show(old, rev)
    return (load_playbook_text(old_text, label, near=old), label), (current, str(old))


def git_show(path: Path, rev: str) -> str:
    """The file's text at a git revision, read with `git show REV:./NAME` in its folder."""
    folder = path.parent if str(path.parent) else Path()
    shown = f"{path}@{rev}"
    if rev.startswith("-"):
        raise LaunchkitError([error(shown, 1, 1, "git-failed", f"'{rev}' is not a git revision")])
    try:
        done = subprocess.run(
            ["git", "show", f"{rev}:./{path.name}"],
            cwd=folder,
            capture_output=True,
            check=False,
            timeout=60,
        )
    except FileNotFoundError:
        raise LaunchkitError(
            [error(shown, 1, 1, "git-failed", "git is not installed or not on PATH")]
        ) from None
    except subprocess.TimeoutExpired:
        raise LaunchkitError([error(shown, 1, 1, "git-failed", "git show took too long")]) from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        message = why[0] if why else f"git show exited with {done.returncode}"
        raise LaunchkitError([error(shown, 1, 1, "git-failed", message.removeprefix("fatal: "))])
    from launchkit.load.document import decode_text

    return decode_text(done.stdout, shown)
