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


def render(report: Report, *, color: bool = False) -> str:
    """Headline, then one section per severity that has findings; colour only when asked."""
    from rich.text import Text

    # One Text for the whole report: a rich print per line costs ~0.5 ms, too slow for
    # thousands of findings.
    body = Text()
    body.append(headline(report) + "\n", style="bold green" if report.ready else "bold red")
    for severity in Severity:
        found = [f for f in report.findings if f.severity is severity]
        if not found:
            continue
        body.append("\n")
        body.append(f"{_HEADINGS[severity]} ({len(found)})", style=_STYLES[severity] + " underline")
        body.append("\n")
        for f in found:
            body.append("  ")
            body.append(f.code, style=_STYLES[severity])
            body.append(f" {f.id}")
            if f.waiver and f.code != "waiver-expired":
                body.append(" (waived)", style="dim")
            body.append("  ")
            body.append(place(f), style="dim")
            body.append(f"\n    {f.message}\n")
            line = report.source_line(f)
            if line is not None:
                body.append(f"    {f.line:>4} | {line.rstrip()}\n", style="dim")
    if not report.findings:
        body.append("Every gate is met and every task is on time.\n")
    if not color:
        return body.plain  # what a console would print without styles, at none of its cost
    from rich.console import Console

    out = io.StringIO()
    console = Console(
        file=out, force_terminal=True, color_system="standard", highlight=False, soft_wrap=True
    )
    console.print(body, end="")
    return out.getvalue()
