"""Every file launchkit writes goes through this module: `-o`, `render`, `init`, `done`/`set`.

The rules (docs/editing.md and docs/export.md say them to users):

- **Where.** A path is followed through symbolic links to the file they name, and that file is
  written in its own folder; the link stays a link. A character device, a FIFO or a socket (or
  anything under /dev or /proc, such as /dev/stdout) is written into as it is, never replaced.
- **Whole.** A regular file is replaced atomically: the bytes go to a temporary file beside it
  (`.NAME.launchkit-XXXXXXXX.tmp`), are flushed to disk, take the old file's owner, group and
  mode where the system permits, and replace the old file with one `os.replace`. Readers see the
  old bytes or the new ones, never half; a failure leaves the old file and removes the temporary.
  Only `kill -9` (or a power cut) between the two steps can leave a temporary file behind; the
  next edit of that file removes it (`remove_stale_temporaries`).
- **Nothing else.** A file that is an input of the command is never written (`output-is-input`,
  even with `--force`). Without `--force`, an existing file is replaced only when launchkit
  recognises it as one it wrote (`not-ours` otherwise; each caller says how it recognises its
  files), when it has one hard link (`cannot-write`: replacing it would split the links), and
  when the user may write it (`cannot-write` for a read-only file).
- **One at a time.** An in-place edit holds `edit_lock` around read, check and replace.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from launchkit.diagnostics import LaunchkitError, error

__all__ = [
    "Output",
    "Recognise",
    "check_replaceable",
    "edit_lock",
    "is_mine",
    "read_private",
    "remove_stale_temporaries",
    "write_atomic",
    "write_files",
    "write_output",
    "write_private",
]

Recognise = Callable[[bytes], bool]
"""Says whether existing bytes are a file launchkit wrote (and so may be replaced)."""

_TEMP_INFIX = ".launchkit-"
_LOCK_WAIT_S = 30.0
_SPECIAL_PLACES = ("/dev/", "/proc/")


@dataclass(frozen=True)
class Output:
    """One file to write: the path as the user named it, its bytes, and how to recognise ours."""

    path: Path
    data: bytes
    ours: Recognise | None = None
    """None: any existing file is refused without --force."""
    display: str | None = None

    @property
    def shown(self) -> str:
        return self.display or str(self.path)


@dataclass(frozen=True)
class _Target:
    """Where an output really goes once links are followed."""

    output: Output
    real: Path
    kind: str  # "new" | "file" (a regular file, replaced) | "stream" (written into) | "socket"
    st: os.stat_result | None


def write_output(
    path: Path | str,
    data: bytes,
    *,
    inputs: Sequence[Path | str] = (),
    force: bool = False,
    ours: Recognise | None = None,
    display: str | None = None,
) -> None:
    """Write `data` to what `path` names, by the rules above; bad targets raise LaunchkitError."""
    write_files([Output(Path(path), data, ours, display)], inputs=inputs, force=force)


def write_files(
    outputs: Sequence[Output],
    *,
    inputs: Sequence[Path | str] = (),
    force: bool = False,
    inside: Path | None = None,
) -> list[Path]:
    """Write several files all or nothing: every target is checked and every temporary file
    written before the first one replaces its target. Returns the real paths written.

    `inside`: every file must land inside this folder once links are followed (`outside-folder`).
    """
    root = inside.resolve() if inside is not None else None
    targets = [_resolve(o) for o in outputs]
    for t in targets:
        if root is not None and not t.real.is_relative_to(root):
            raise _fail(
                t.output.shown,
                "outside-folder",
                f"this path leads outside {inside} (through a symbolic link); "
                "launchkit writes only inside the folder it was given",
            )
        _check(t, inputs, force)
    staged: list[tuple[Path, _Target]] = []
    try:
        for t in targets:
            if t.kind in ("new", "file"):
                staged.append((_stage(t.real, t.output.data, t.output.shown, t.st), t))
        for tmp, t in staged:
            _rename(tmp, t.real, t.output.shown)
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
    for t in targets:
        if t.kind == "stream":
            _write_stream(t)
        elif t.kind == "socket":
            _write_socket(t)
    return [t.real for t in targets]


def write_atomic(
    path: Path | str,
    data: bytes,
    *,
    expect: bytes | None = None,
    display: str | None = None,
    keep: os.stat_result | None = None,
) -> None:
    """Replace the regular file `path` (no links followed: resolve first) with `data` atomically.

    With `expect`, only if the file still holds those bytes just before the rename
    (`changed-on-disk` otherwise). `keep`: the stat of the file being replaced, whose owner,
    group and mode the new file takes (read from `path` when not given).
    """
    path = Path(path)
    shown = display or str(path)
    if keep is None:
        with contextlib.suppress(OSError):
            keep = path.stat()
    tmp = _stage(path, data, shown, keep)
    try:
        if expect is not None:
            _check_unchanged(path, expect, shown)
        _rename(tmp, path, shown)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _resolve(output: Output) -> _Target:
    path, shown = output.path, output.shown
    try:
        st = path.stat()
    except FileNotFoundError:
        return _Target(output, path.resolve(), "new", None)
    except OSError as e:
        raise _cannot(shown, f"cannot write here ({_reason(e)})") from e
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise _cannot(shown, "it is a folder, not a file")
    if stat.S_ISBLK(mode):
        raise _cannot(shown, "it is a block device; launchkit does not write to disks")
    if stat.S_ISSOCK(mode):
        return _Target(output, Path(path), "socket", st)
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return _Target(output, Path(path), "stream", st)
    absolute = path.absolute()
    if str(absolute).startswith(_SPECIAL_PLACES):
        # /dev/stdout when the shell sent standard output to a file: write into it, as `cat` would
        return _Target(output, absolute, "stream", st)
    return _Target(output, path.resolve(), "file", st)


def _check(t: _Target, inputs: Sequence[Path | str], force: bool) -> None:
    shown = t.output.shown
    if t.st is None or t.kind != "file":
        return
    for given in inputs:
        try:
            other = Path(given).stat()
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (t.st.st_dev, t.st.st_ino):
            raise _fail(
                shown,
                "output-is-input",
                f"this is {given}, an input of this command; choose another output file",
            )
    if force:
        return
    _refuse_links_and_read_only(t.real, t.st, shown)
    try:
        existing = t.real.read_bytes()
    except OSError as e:
        raise _cannot(shown, f"cannot read it to check what it is ({_reason(e)})") from e
    if t.output.ours is None or not t.output.ours(existing):
        raise _fail(
            shown,
            "not-ours",
            "this file exists and launchkit did not write it (or it was changed since); "
            "refusing to overwrite it (use --force to replace it)",
        )


def check_replaceable(real: Path, shown: str, *, force: bool = False) -> os.stat_result:
    """The stat of the regular file `real` that an edit will replace; without `force`, refuse a
    read-only file and one with several hard links (`cannot-write`)."""
    try:
        st = real.stat()
    except OSError as e:
        raise _cannot(shown, f"cannot write here ({_reason(e)})") from e
    if not stat.S_ISREG(st.st_mode):
        raise _cannot(shown, "it is not a regular file; launchkit edits only files")
    if not force:
        _refuse_links_and_read_only(real, st, shown)
    return st


def _refuse_links_and_read_only(real: Path, st: os.stat_result, shown: str) -> None:
    if st.st_nlink > 1:
        raise _cannot(
            shown,
            f"it has {st.st_nlink} hard links and replacing it would split them; "
            "use --force to replace this name only",
        )
    if not os.access(real, os.W_OK) or not st.st_mode & 0o222:  # root may write anything
        raise _cannot(shown, "it is read-only; use --force to replace it anyway")


def _stage(real: Path, data: bytes, shown: str, keep: os.stat_result | None) -> Path:
    """Write `data` to a new temporary file beside `real`, with `real`'s owner and mode."""
    folder = real.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{real.name}{_TEMP_INFIX}", suffix=".tmp", dir=folder)
    except OSError as e:
        raise _cannot(shown, f"cannot write in this folder ({_reason(e)})") from e
    tmp = Path(name)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
            _take_owner(fd, keep)
            os.fchmod(fd, keep.st_mode & 0o7777 if keep is not None else _new_mode())
        finally:
            os.close(fd)
    except BaseException as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(e, OSError):
            raise _cannot(shown, f"cannot write the file ({_reason(e)}); it is unchanged") from e
        raise
    return tmp


def _rename(tmp: Path, real: Path, shown: str) -> None:
    try:
        tmp.replace(real)  # os.replace: atomic on POSIX and Windows
    except OSError as e:
        raise _cannot(shown, f"cannot write the file ({_reason(e)}); it is unchanged") from e
    _sync_folder(real.parent)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _take_owner(fd: int, keep: os.stat_result | None) -> None:
    """Give the new file the old one's owner and group, as far as this user may."""
    if keep is None or not hasattr(os, "fchown"):
        return
    now = os.fstat(fd)
    if (now.st_uid, now.st_gid) == (keep.st_uid, keep.st_gid):
        return
    for uid in (keep.st_uid, -1):
        try:
            os.fchown(fd, uid, keep.st_gid)
            return
        except PermissionError:
            continue


def _new_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _write_stream(t: _Target) -> None:
    """Write into a device, a FIFO or a /dev, /proc path as it is (a FIFO waits for a reader)."""
    shown = t.output.shown
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0)
    if t.st is not None and stat.S_ISREG(t.st.st_mode):
        flags |= os.O_TRUNC
    try:
        fd = os.open(t.real, flags)
        try:
            _write_all(fd, t.output.data)
        finally:
            os.close(fd)
    except OSError as e:
        raise _cannot(shown, f"cannot write into it ({_reason(e)})") from e


def _write_socket(t: _Target) -> None:
    import socket

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.connect(str(t.real))
            sock.sendall(t.output.data)
    except OSError as e:
        raise _cannot(t.output.shown, f"cannot write into this socket ({_reason(e)})") from e


def _check_unchanged(path: Path, expect: bytes, shown: str) -> None:
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        current = None
    if current != expect:
        what = "was deleted" if current is None else "was changed by someone else"
        raise _fail(
            shown,
            "changed-on-disk",
            f"the file {what} while this edit ran; nothing was written, run the command again",
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


# --- in-place edits -------------------------------------------------------------------------

# mkstemp's names: what launchkit left behind before its temporaries said `.launchkit-`.
_OLD_TEMP = re.compile(r"\.[a-z0-9_]{8}\.tmp\Z")


def remove_stale_temporaries(real: Path) -> list[Path]:
    """Remove temporary files an interrupted write of `real` left beside it (ours only).

    Call it holding `edit_lock(real)`: no other launchkit edit of the file is running then.
    """
    removed: list[Path] = []
    prefix = f".{real.name}."
    for candidate in real.parent.glob(glob.escape(prefix) + "*.tmp"):
        rest = candidate.name[len(prefix) - 1 :]
        if not (rest.startswith(_TEMP_INFIX) or _OLD_TEMP.match(rest)):
            continue
        try:
            st = os.lstat(candidate)
            if stat.S_ISREG(st.st_mode) and is_mine(st):
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue
    return removed


@contextlib.contextmanager
def edit_lock(real: Path, shown: str) -> Iterator[None]:
    """Hold an exclusive lock on editing `real` (a resolved path) for the `with` block.

    The lock file lives in a private folder of the user's (`$LAUNCHKIT_CACHE_DIR/locks`,
    `$XDG_RUNTIME_DIR/launchkit`, `~/.cache/launchkit/locks`, else one in the system's temporary
    folder), not beside the playbook, so nothing appears in the repository. A second edit waits
    for the first, for up to 30 s.
    """
    from filelock import FileLock, Timeout

    folder = _lock_folder()
    if folder is None:  # no private folder anywhere: the changed-on-disk check still applies
        yield
        return
    key = hashlib.sha256(os.fsencode(real)).hexdigest()[:32]
    lock = FileLock(str(folder / f"{key}.lock"), timeout=_LOCK_WAIT_S)
    try:
        lock.acquire()
    except Timeout:
        raise _fail(
            shown,
            "file-locked",
            f"another launchkit edit of this file has been running for {_LOCK_WAIT_S:.0f} s; "
            "nothing was written, try again when it is done",
        ) from None
    try:
        yield
    finally:
        lock.release()


def _lock_folder() -> Path | None:
    setting = os.environ.get("LAUNCHKIT_CACHE_DIR")
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    candidates = [Path(setting) / "locks"] if setting and setting != "off" else []
    candidates += [Path(runtime) / "launchkit"] if runtime else []
    candidates += [
        Path(cache) / "launchkit" / "locks",
        Path(tempfile.gettempdir()) / f"launchkit-locks-{getattr(os, 'geteuid', lambda: 'user')()}",
    ]
    for folder in candidates:
        if private_folder(folder):
            return folder
    return None


# --- private caches ---------------------------------------------------------------------------


def is_mine(st: os.stat_result) -> bool:
    """The file belongs to this user (always true where the system has no user ids: Windows)."""
    geteuid = getattr(os, "geteuid", None)
    return geteuid is None or st.st_uid == geteuid()


def private_folder(folder: Path) -> bool:
    """Make `folder` (mode 0700) if needed; true only if it is a real folder owned by this user.

    A folder someone else owns, or a symbolic link planted in its place, is not used: in a shared
    place such as /tmp another user could otherwise choose what launchkit reads or overwrites.
    """
    try:
        if not folder.is_dir():
            parent = folder.parent
            if parent != folder and not parent.exists():
                parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            folder.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and is_mine(st)


def read_private(path: Path) -> bytes | None:
    """The bytes of a regular file this user owns, not through a link; None for anything else."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not is_mine(st):
            return None
        with os.fdopen(os.dup(fd), "rb") as f:
            return f.read()
    except OSError:
        return None
    finally:
        os.close(fd)


def write_private(folder: Path, name: str, data: bytes) -> bool:
    """Replace `folder/name` atomically through a fresh, unguessable temporary (mode 0600).

    `folder` must have passed `private_folder`. Returns false, writing nothing, on any failure.
    """
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{name}{_TEMP_INFIX}", suffix=".tmp", dir=folder)
    except OSError:
        return False
    tmp = Path(tmp_name)
    try:
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        tmp.replace(folder / name)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False


# --- errors -----------------------------------------------------------------------------------


def _reason(e: OSError) -> str:
    if e.errno == errno.EFBIG:
        return "file too large"
    return e.strerror or str(e)


def _cannot(shown: str, message: str) -> LaunchkitError:
    return _fail(shown, "cannot-write", message)


def _fail(shown: str, code: str, message: str) -> LaunchkitError:
    return LaunchkitError([error(shown, 1, 1, code, message)])
