"""Unpaired bidirectional controls: text that shows reversed in every output (issue 15).

An embedding or override (U+202A-U+202E) runs until a POP DIRECTIONAL FORMATTING (U+202C), an
isolate (U+2066-U+2068) until a POP DIRECTIONAL ISOLATE (U+2069). Left open, they reorder what
follows, in the playbook's own value and in whatever a writer puts after it: a file named
"evil\u202eexe.txt" shows as "eviltxt.exe". The marks RLM and LRM (U+200F, U+200E) that Hebrew
text legitimately holds have no extent and are not flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from launchkit.diagnostics import Diagnostic, Severity
from launchkit.load.document import Document

_OPENERS = {"\u202a": "LRE", "\u202b": "RLE", "\u202d": "LRO", "\u202e": "RLO",
            "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI"}  # fmt: skip
_CLOSERS = {"\u202c": "PDF", "\u2069": "PDI"}
_ANY = re.compile("[\u202a-\u202e\u2066-\u2069]")


def unpaired(text: str) -> str | None:
    """The name and place of the first control left open or closed without an opener."""
    stack: list[tuple[str, int]] = []
    for i, c in enumerate(text):
        if c in _OPENERS:
            stack.append((c, i))
        elif c == "\u2069":  # PDI closes the last isolate and every embedding inside it
            while stack and stack[-1][0] not in "\u2066\u2067\u2068":
                stack.pop()
            if not stack:
                return f"a {_CLOSERS[c]} (U+2069) with no isolate to close, at character {i + 1}"
            stack.pop()
        elif c == "\u202c":
            if stack and stack[-1][0] not in "\u2066\u2067\u2068":
                stack.pop()
            else:
                return (
                    f"a PDF (U+202C) with no embedding or override to close, at character {i + 1}"
                )
    if stack:
        c, i = stack[0]
        return f"the {_OPENERS[c]} (U+{ord(c):04X}) at character {i + 1} is never closed"
    return None


def _strings(value: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, (*loc, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _strings(child, (*loc, i))


def bidi_warnings(doc: Document) -> list[Diagnostic]:
    """A `bidi-control` warning at every text value holding an unpaired bidi control."""
    found: list[Diagnostic] = []
    for loc, text in _strings(doc.data, ()):
        if _ANY.search(text) is None:
            continue
        problem = unpaired(text)
        if problem is not None:
            line, col = doc.position(loc)
            message = (
                f"the text holds an unpaired direction control: {problem}; it reverses the text "
                "after it in every output (delete it, or close it)"
            )
            found.append(Diagnostic(doc.path, line, col, Severity.WARNING, "bidi-control", message))
    return found
