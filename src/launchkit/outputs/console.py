"""A rich console that prints into a string, for the text formatters (`plan`, `status`)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def string_console(width: int, color: bool) -> Console:
    """A console of `width` columns writing to memory; ANSI colours only when `color`."""
    from rich.console import Console

    return Console(
        file=io.StringIO(),
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )


def console_text(console: Console) -> str:
    """What the console printed, without the blanks rich pads table cells with (they only get in
    the way of diffs), ending in one line break."""
    file = console.file
    assert isinstance(file, io.StringIO)
    return "\n".join(line.rstrip() for line in file.getvalue().splitlines()) + "\n"
