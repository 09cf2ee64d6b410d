"""Writing a folder of outputs (`render -o`, `site -o`) with a manifest of what launchkit wrote.

The manifest (`.launchkit-render.json`, `.launchkit-site.json`) lists each file written there with
its SHA-256. Writing again replaces a file only when the manifest lists it with the digest it
has now, so a file of the user's, or one they edited after launchkit wrote it, is refused
(`not-ours`) unless `force`. All files are written or none (`launchkit.load.atomic.write_files`),
and only inside the folder.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = ["read_manifest", "write_folder"]


def write_folder(
    files: Sequence[tuple[Path, str, bytes]],
    folder: Path,
    manifest: str,
    *,
    writer: str,
    force: bool = False,
    inputs: Sequence[Path] = (),
) -> list[Path]:
    """Write each (target, name in the folder, bytes) and the manifest `folder/manifest`.

    Returns the real paths of the files written (the manifest left out).
    """
    from launchkit.load.atomic import Output, write_files

    known = read_manifest(folder / manifest)
    outputs = [Output(target, data, _recorded(known, name)) for target, name, data in files]
    record = dict(known)
    record.update({name: _digest(data) for _, name, data in files})
    body = {"written_by": writer, "files": dict(sorted(record.items()))}
    text = (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    outputs.append(Output(folder / manifest, text, lambda old: _is_manifest(old, writer)))
    return write_files(outputs, inputs=inputs, force=force, inside=folder)[:-1]


def read_manifest(path: Path) -> dict[str, str]:
    """The files a manifest lists and their SHA-256; empty when there is none or it is not one."""
    try:
        body = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    files = body.get("files") if isinstance(body, dict) else None
    if not isinstance(files, dict):
        return {}
    return {str(k): str(v) for k, v in files.items()}


def _recorded(known: dict[str, str], name: str) -> Callable[[bytes], bool]:
    return lambda existing: known.get(name) == _digest(existing)


def _is_manifest(existing: bytes, writer: str) -> bool:
    try:
        body = json.loads(existing)
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("written_by") == writer


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
