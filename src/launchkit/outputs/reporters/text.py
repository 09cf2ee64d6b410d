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
    from rich.console import Console
    from rich.markup import escape
    from rich.text import Text

    out = io.StringIO()
    console = Console(
        file=out,
        width=100,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )
    style = "bold green" if report.ready else "bold red"
    console.print(Text(headline(report), style=style))
    for severity in Severity:
        found = [f for f in report.findings if f.severity is severity]
        if not found:
            continue
        console.print()
        console.print(
            Text(f"{_HEADINGS[severity]} ({len(found)})", style=_STYLES[severity] + " underline")
        )
        for f in found:
            waived = " [dim](waived)[/dim]" if f.waiver and f.code != "waiver-expired" else ""
            console.print(
                f"  [{_STYLES[severity]}]{escape(f.code)}[/] {escape(f.id)}{waived}  "
                f"[dim]{escape(place(f))}[/dim]"
            )
            console.print(Text(f"    {f.message}"))
            line = report.source_line(f)
            if line is not None:
                console.print(Text(f"    {f.line:>4} | {line.rstrip()}", style="dim"))
    if not report.findings:
        console.print(Text("Every gate is met and every task is on time."))
    return out.getvalue()
