"""A small disk cache of country holidays, so that `check` in CI and in editors starts fast.

Asking the `holidays` package for one country imports all of its ~250 country modules (about
0.1 s, most of `check`'s start-up on a small playbook). The dates and names it gives for one
country, subdivision, year and language never change within one version of the package, so they
are kept as one small JSON file each under the user's cache folder:

    $XDG_CACHE_HOME/launchkit/holidays/<package version>/<code>.<locale>.<year>.json

A cache that cannot be read or written is simply not used. `LAUNCHKIT_CACHE_DIR` moves it;
`LAUNCHKIT_CACHE_DIR=off` turns it off. The folders are created private (0700); a folder or file
that is a symbolic link or belongs to another user is ignored, and files are written through a
fresh unguessable temporary name, so in a shared place such as a CI runner's /tmp nobody else can
make launchkit overwrite a file or read holidays they planted.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

Compute = Callable[[list[int]], dict[dt.date, str]]


def cached_holidays(
    code: str, years: Iterable[int], locale: str, compute: Compute
) -> dict[dt.date, str]:
    """Holidays of `code` (`IL`, `ES-MD`) in `years`, named for `locale`, from the cache or `compute`."""
    folder = _folder()
    readable = folder is not None and _usable(folder)
    found: dict[dt.date, str] = {}
    missing: list[int] = []
    for year in years:
        table = _read(folder / f"{code}.{locale}.{year}.json") if folder and readable else None
        if table is None:
            missing.append(year)
        else:
            found.update(table)
    if missing:
        fresh = compute(missing)
        found.update(fresh)
        if folder is not None:
            for year in missing:
                _write(
                    folder,
                    f"{code}.{locale}.{year}.json",
                    {d: n for d, n in fresh.items() if d.year == year},
                )
    return found


@cache
def _folder() -> Path | None:
    setting = os.environ.get("LAUNCHKIT_CACHE_DIR")
    if setting == "off":
        return None
    version = _package_version()
    if version is None:
        return None
    base = (
        Path(setting)
        if setting
        else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "launchkit"
    )
    return base / "holidays" / version


def _package_version() -> str | None:
    """The installed `holidays` version, from its dist-info folder's name, without importing it.

    Where there is no such folder (an unusual install), the package file's modification time
    stands in, so that an upgrade still starts a fresh cache.
    """
    import importlib.util

    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return None
    package = Path(spec.origin).parent
    try:
        infos = sorted(package.parent.glob("holidays-*.dist-info"))
        if len(infos) == 1:
            return infos[0].name.removeprefix("holidays-").removesuffix(".dist-info")
        return f"t{Path(spec.origin).stat().st_mtime_ns}"
    except OSError:
        return None


def _read(path: Path) -> dict[dt.date, str] | None:
    from launchkit.load.atomic import read_private

    data = read_private(path)  # not through a link, and only a file this user owns
    if data is None:
        return None
    try:
        raw = json.loads(data.decode("utf-8"))
        return {dt.date.fromisoformat(day): str(name) for day, name in raw.items()}
    except (ValueError, AttributeError):
        return None  # half-written by an old version, or not ours: compute it again


def _write(folder: Path, name: str, table: dict[dt.date, str]) -> None:
    from launchkit.load.atomic import private_folder, write_private

    text = json.dumps({d.isoformat(): n for d, n in sorted(table.items())}, ensure_ascii=False)
    if _usable(folder) or _make_private(folder, private_folder):
        write_private(folder, name, text.encode("utf-8"))  # readers see the old or the new file


def _usable(folder: Path) -> bool:
    """The cache folders exist, are real folders (not links) and belong to this user."""
    import stat

    from launchkit.load.atomic import is_mine

    for level in (folder.parent.parent, folder.parent, folder):
        try:
            st = os.lstat(level)
        except OSError:
            return False
        if not stat.S_ISDIR(st.st_mode) or not is_mine(st):
            return False
    return True


def _make_private(folder: Path, make: Callable[[Path], bool]) -> bool:
    """Create the cache folders down from the launchkit folder, each 0700 and this user's own."""
    chain = [folder.parent.parent, folder.parent, folder]
    return all(make(level) for level in chain)
