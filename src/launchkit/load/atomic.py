"""Writing files so that a crash or a concurrent edit never leaves a damaged playbook.

A write goes to a temporary file in the same folder (so the final rename stays on one file
system), is flushed to disk, takes over the old file's permissions, and only then replaces the
old file with one `os.replace`: readers see either the old bytes or the new ones, never half.
An edit passes the bytes it read; if the file holds other bytes just before the rename (someone
saved it in an editor, or `git checkout` ran meanwhile) the write is refused instead of
overwriting their work.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from launchkit.diagnostics import LaunchkitError, error

__all__ = ["write_atomic"]


def write_atomic(
    path: Path | str,
    data: bytes,
    *,
    expect: bytes | None = None,
    display: str | None = None,
) -> None:
    """Replace `path` with `data` atomically; with `expect`, only if the file still holds it.

    Raises LaunchkitError (`changed-on-disk`) when `expect` is given and the file's bytes differ
    from it just before the rename; the temporary file is removed on every failure.
    """
    path = Path(path)
    shown = display or str(path)
    folder = path.parent if str(path.parent) else Path()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        reason = e.strerror or str(e)
        raise LaunchkitError(
            [error(shown, 1, 1, "cannot-write", f"cannot write in this folder ({reason})")]
        ) from e
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        tmp.chmod(_mode_for(path))
        if expect is not None:
            _check_unchanged(path, expect, shown)
        tmp.replace(path)  # os.replace: atomic on POSIX and Windows
    except OSError as e:
        tmp.unlink(missing_ok=True)
        reason = e.strerror or str(e)
        raise LaunchkitError(
            [
                error(
                    shown,
                    1,
                    1,
                    "cannot-write",
                    f"cannot write the file ({reason}); it is unchanged",
                )
            ]
        ) from e
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _mode_for(path: Path) -> int:
    """The existing file's permission bits, or what a new file would get under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _check_unchanged(path: Path, expect: bytes, shown: str) -> None:
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        current = None
    if current != expect:
        what = "was deleted" if current is None else "was changed by someone else"
        raise LaunchkitError(
            [
                error(
                    shown,
                    1,
                    1,
                    "changed-on-disk",
                    f"the file {what} while this edit ran; nothing was written, run the command again",
                )
            ]
        )


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some file systems do not allow it, which is harmless."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
