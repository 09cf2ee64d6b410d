"""`--format text`: for people at a terminal, findings grouped by severity with the YAML line."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from launchkit.diagnostics import Severity
from launchkit.outputs.reporters.base import headline, place

if TYPE_CHECKING:
    from launchkit.readiness import Report

_HEADINGS = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Info"}
_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


# The control characters rich strips from text it is given (bell, backspace, vertical tab, form
# feed, carriage return); the plain report strips the same, so both print the same characters.
# tests/test_check_reporters.py checks this table against rich's.
CONTROL_STRIP = {7: None, 8: None, 11: None, 12: None, 13: None}


def render(report: Report, *, color: bool = False) -> str:
    """Headline, then one section per severity that has findings; colour only when asked."""
    parts = _parts(report)
    if not color:
        # Without colour rich is not imported at all: it was a tenth of `check`'s start-up.
        return "".join(text for text, _ in parts).translate(CONTROL_STRIP)
    from rich.console import Console
    from rich.text import Text

    # One Text for the whole report: a rich print per line costs ~0.5 ms, too slow for
    # thousands of findings.
    body = Text()
    for text, style in parts:
        body.append(text, style=style)
    out = io.StringIO()
    console = Console(
        file=out, force_terminal=True, color_system="standard", highlight=False, soft_wrap=True
    )
    console.print(body, end="")
    return out.getvalue()


def _parts(report: Report) -> list[tuple[str, str | None]]:
    """The report as (text, rich style) pieces, in order."""
    parts: list[tuple[str, str | None]] = []
    add = parts.append
    add((headline(report) + "\n", "bold green" if report.ready else "bold red"))
    for severity in Severity:
        found = [f for f in report.findings if f.severity is severity]
        if not found:
            continue
        add(("\n", None))
        add((f"{_HEADINGS[severity]} ({len(found)})", _STYLES[severity] + " underline"))
        add(("\n", None))
        for f in found:
            add(("  ", None))
            add((f.code, _STYLES[severity]))
            add((f" {f.id}", None))
            if f.waiver and f.code != "waiver-expired":
                add((" (waived)", "dim"))
            add(("  ", None))
            add((place(f), "dim"))
            add((f"\n    {f.message}\n", None))
            line = report.source_line(f)
            if line is not None:
                add((f"    {f.line:>4} | {line.rstrip()}\n", "dim"))
    if not report.findings:
        add(("Every gate is met and every task is on time.\n", None))
    return parts
