"""Where the built-in playbooks and templates are, in a source checkout and in an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """`playbooks` or `templates`: inside the package in a wheel, at the repository top otherwise."""
    packaged = _HERE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _HERE.parent.parent / name


@cache
def builtin_playbooks() -> dict[str, Path]:
    """Names of built-in playbooks to their files.

    `playbooks/<id>/<locale>.yaml` is reachable as `<id>.<locale>`; plain `<id>` is the English
    version, or the only one there is.
    """
    root = data_dir("playbooks")
    found: dict[str, Path] = {}
    if not root.is_dir():
        return found
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        versions = sorted(folder.glob("*.yaml"))
        for file in versions:
            found[f"{folder.name}.{file.stem}"] = file
        default = folder / "en.yaml"
        if default.exists():
            found[folder.name] = default
        elif versions:
            found[folder.name] = versions[0]
    return found
