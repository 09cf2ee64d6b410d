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
    if not rev.strip():
        # `git show :./NAME` reads the git index (the staged file), not a revision.
        raise LaunchkitError(
            [
                error(
                    shown,
                    1,
                    1,
                    "bad-usage",
                    "--rev needs a revision such as HEAD~1 or main; an empty one would read "
                    "the staged file instead",
                )
            ]
        )
    if rev.startswith("-"):
        raise LaunchkitError([error(shown, 1, 1, "git-failed", f"'{rev}' is not a git revision")])
    from launchkit.load.document import MAX_BYTES, decode_text

    try:
        data, why, code = _run_limited(["git", "show", f"{rev}:./{path.name}"], folder, MAX_BYTES)
    except FileNotFoundError:
        raise LaunchkitError(
            [error(shown, 1, 1, "git-failed", "git is not installed or not on PATH")]
        ) from None
    except subprocess.TimeoutExpired:
        raise LaunchkitError([error(shown, 1, 1, "git-failed", "git show took too long")]) from None
    if data is None:
        message = f"the file at {rev} has over {MAX_BYTES:,} bytes, the most a playbook may have"
        raise LaunchkitError([error(shown, 1, 1, "file-too-large", message)])
    if code != 0:
        lines = why.decode("utf-8", "replace").strip().splitlines()
        message = lines[0] if lines else f"git show exited with {code}"
        raise LaunchkitError([error(shown, 1, 1, "git-failed", message.removeprefix("fatal: "))])
    return decode_text(data, shown)


def _run_limited(argv: list[str], folder: Path, most: int) -> tuple[bytes | None, bytes, int]:
    """(output, error output, exit code) of a command; output None when it passes `most` bytes.

    The output is read as it comes and the command stopped once it is too large, so that a
    revision holding a huge file costs no more memory than the limit (issue 15).
    """
    with subprocess.Popen(
        argv, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        data = proc.stdout.read(most + 1)
        if len(data) > most:
            proc.kill()
            proc.wait()
            return None, b"", 0
        # git's error output is a line or two; read after the output, which has ended.
        why = proc.stderr.read(64 * 1024)
        code = proc.wait(timeout=60)
    return data, why, code
