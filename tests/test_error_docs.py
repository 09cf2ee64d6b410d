"""Every diagnostic code raised in src/launchkit/ has a section in docs/errors.md, and back."""

from __future__ import annotations

import re

from conftest import ROOT

CODE = r"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"
# A code is a hyphenated literal passed with its message right after it (`"unknown-key", f"..."`,
# `"bad-id", _SLUG, ...`, `"bad-value", str(...)`), or named as `code="..."`, or the type of a
# PydanticCustomError. Keyword arguments after a literal (`"utf-8", errors=...`) and key-value
# calls (`cal.add("x-wr-calname", name)`, `d.get("some-key", default)`) are not codes.
PATTERNS = [
    re.compile(r'(?<![\w"])"' + CODE + r'",\s*\(?\s*f?"[^"\n]*\s'),
    re.compile(
        r'(?<![\w"])(?<!add\()(?<!get\()(?<!set\()(?<!pop\()"'
        + CODE
        + r'",\s*(?![A-Za-z_]\w*\s*=)[A-Za-z_][\w.]*\s*[(\[,)]'
    ),
    re.compile(r'\bcode\s*=\s*"' + CODE + '"'),
    re.compile(r'PydanticCustomError\(\s*"' + CODE + '"'),
    # a table of codes by section, as `launchkit set` keeps for ids that name nothing
    re.compile(r':\s*"(unknown-[a-z0-9]+(?:-[a-z0-9]+)*)",'),
]
HEADING = re.compile(r"^### `" + CODE + "`$", re.MULTILINE)


def codes_in_source() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "src" / "launchkit").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for pattern in PATTERNS:
            for m in pattern.finditer(text):
                found.setdefault(m.group(1), set()).add(str(path.relative_to(ROOT)))
    return found


def documented() -> list[str]:
    return HEADING.findall((ROOT / "docs" / "errors.md").read_text(encoding="utf-8"))


def test_the_scan_finds_the_loaders_codes():
    # guards the patterns themselves: these are raised in four different call shapes
    assert {"unknown-key", "bad-id", "bad-value", "bad-version", "alias-bomb", "gate-rule"} <= set(
        codes_in_source()
    )


def test_every_code_in_the_source_is_documented():
    missing = {c: sorted(f) for c, f in codes_in_source().items() if c not in documented()}
    assert missing == {}, "add a '### `code`' section to docs/errors.md for each of these"


def test_every_documented_code_exists_once():
    names = documented()
    assert len(names) == len(set(names))
    assert sorted(set(names) - set(codes_in_source())) == []
