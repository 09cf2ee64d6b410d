"""How launchkit recognises a file it wrote, so that `-o FILE` replaces only those without --force.

No output carries a marker (JSON and CSV have no room for one, and the formats are stable), so
each kind is recognised by the shape launchkit always gives it, compared with the new output:

| output | recognised when the existing file |
| --- | --- |
| JSON (plan, check, diff, schema) | is a JSON object with the same top-level keys |
| SARIF, schema | ... and launchkit as its tool / the same title |
| CSV (plan, export) | starts with the same header row |
| Mermaid | starts with the same lines up to the chart's title (`gantt`, `title …`; a fence before) |
| plan text | starts with the same title line, and has `L = ` (the launch day) on its second |
| check text | starts with the verdict line of the same playbook (`FILE: …`, in any language, with its three counts) |
| check github | has `::error`/`::warning`/`::notice` lines, then the same verdict line |
| check junit | starts with launchkit's `<testsuites name="launchkit check"` |
| diff text and markdown | starts with `Plan changes from` / `### Plan changes:` |
| ICS | has launchkit's PRODID |

An empty file is always replaced: nothing would be lost. `render` keeps a manifest instead
(`outputs/render/manifest.py`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

__all__ = ["recogniser"]

_TEXT: dict[str, re.Pattern[str]] = {
    "plan.text": re.compile(r"\A[^\n]*\n[^\n]*\bL = "),
    "check.github": re.compile(r"\A(?:::(?:error|warning|notice) [^\n]*\n)*[^\n]*\n?\Z"),
    "check.junit": re.compile(r"\A<\?xml[^\n]*\n<testsuites name=\"launchkit check\""),
    "diff.text": re.compile(r"\APlan changes from "),
    "diff.markdown": re.compile(r"\A### Plan changes: "),
    "export.ics": re.compile(r"^PRODID:-//launchkit//", re.MULTILINE),
}
_FIRST_LINE = ("plan.csv", "export.csv")
_JSON = ("plan.json", "check.json", "check.sarif", "diff.json", "schema")


def recogniser(kind: str, new: bytes) -> Callable[[bytes], bool]:
    """A test of existing bytes: were they written by launchkit as output `kind`?

    `kind` is `command.format` (`plan.csv`, `check.sarif`, `export.ics`, `schema`); `new` is
    what launchkit is about to write there.
    """

    def ours(existing: bytes) -> bool:
        old = _text(existing)
        if not old.strip():
            return True
        if kind in _JSON:
            return _same_json_kind(kind, old, _text(new))
        if kind in _FIRST_LINE:
            return _first_line(old) == _first_line(_text(new))
        if kind == "export.mermaid":
            # a Gantt chart of someone's own starts with `gantt` too, but not with this title
            return _head(old) == _head(_text(new))
        if kind == "plan.text" and _first_line(old) != _first_line(_text(new)):
            return False
        if kind in ("check.text", "check.github"):
            # The verdict's line is in the playbook's language: it is recognised by the same
            # playbook label and the three counts (errors, warnings, info) any language gives.
            line = _verdict_line(old, kind)
            label = _verdict_line(_text(new), kind).partition(": ")[0]
            counts = re.search(r"\d+\D+\d+\D+\d+\D*$", line)
            if not (line.startswith(label + ": ") and counts):
                return False
            if kind == "check.text":
                return True
        pattern = _TEXT.get(kind)
        return bool(pattern and pattern.search(old))

    return ours


def _verdict_line(text: str, kind: str) -> str:
    """The check report's verdict line: the first (text) or the last (github annotations)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return ""
    return re.sub(r"\x1b\[[0-9;]*m", "", lines[0] if kind == "check.text" else lines[-1])


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff").replace("\r\n", "\n")


def _first_line(text: str) -> str:
    return text.partition("\n")[0].rstrip()


def _head(text: str) -> list[str]:
    """A Mermaid chart's lines up to its title line (at most four), stripped."""
    head = []
    for line in text.split("\n")[:4]:
        head.append(line.strip())
        if line.strip().startswith("title"):
            break
    return head


def _same_json_kind(kind: str, old: str, new: str) -> bool:
    try:
        a, b = json.loads(old), json.loads(new)
    except ValueError:
        return False
    if not isinstance(a, dict) or not isinstance(b, dict) or set(a) != set(b):
        return False
    if kind == "schema":
        return bool(a.get("title") == b.get("title"))
    if kind == "check.sarif":
        return _sarif_tool(a) == _sarif_tool(b)
    return True


def _sarif_tool(doc: dict[str, Any]) -> object:
    try:
        return doc["runs"][0]["tool"]["driver"]["name"]
    except (KeyError, IndexError, TypeError):
        return None
