"""Cells that spreadsheets show as typed: the one defence against CSV formula injection.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and some skip a
leading tab or carriage return first, so a task title such as `=HYPERLINK(...)` could run when
the plan is opened in Excel. A leading apostrophe makes it text; plain numbers such as a
negative slack (`-2`) cannot run anything and stay numbers.
"""

from __future__ import annotations

import re

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def neutralise(cell: str) -> str:
    """`'=1+2` for `=1+2`; every other cell as it is."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.match(cell):
        return "'" + cell
    return cell
