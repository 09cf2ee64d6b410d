"""`--format text`: for people at a terminal, findings grouped by severity with the YAML line.

Everything a person reads is in the playbook's language (`words.py`); codes, ids and places
stay as typed. Given a width (the terminal's), long lines wrap between words, never inside a
word or an id, so that an id can be copied whole.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from launchkit.diagnostics import Severity
from launchkit.outputs.reporters.base import place

if TYPE_CHECKING:
    from launchkit.readiness import Report

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def wrap(text: str, width: int | None, indent: str = "") -> str:
    """`text` in lines of at most `width` columns, broken only at spaces; a word (an id, a link)
    longer than a line stands alone on its line, whole."""
    if width is None:
        return indent + text
    import textwrap

    return textwrap.fill(
        text,
        width=max(width, len(indent) + 20),
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def render(report: Report, *, color: bool = False, width: int | None = None) -> str:
    """Headline, then one section per severity that has findings; colour only when asked."""
    from rich.text import Text

    from launchkit.outputs.reporters.words import words_for

    words = words_for(report.locale)
    # One Text for the whole report: a rich print per line costs ~0.5 ms, too slow for
    # thousands of findings.
    body = Text()
    body.append(wrap(words.headline(report), width) + "\n", style=_headline_style(report, color))
    for severity in Severity:
        found = [f for f in report.findings if f.severity is severity]
        if not found:
            continue
        body.append("\n")
        heading = f"{words.heading(str(severity))} ({len(found)})"
        body.append(heading, style=_STYLES[severity] + " underline" if color else "")
        body.append("\n")
        for f in found:
            body.append("  ")
            body.append(f.code, style=_STYLES[severity] if color else "")
            body.append(f" {f.id}")
            if f.waiver and f.code != "waiver-expired":
                body.append(f" {words.waived()}", style="dim" if color else "")
            body.append("  ")
            body.append(place(f), style="dim" if color else "")
            body.append("\n" + wrap(words.message(f), width, "    ") + "\n")
            line = report.source_line(f)
            if line is not None:
                body.append(f"    {f.line:>4} | {line.rstrip()}\n", style="dim" if color else "")
    if not report.findings:
        body.append(wrap(words.all_clear(), width) + "\n")
    if not color:
        return body.plain  # what a console would print without styles, at none of its cost
    from rich.console import Console

    out = io.StringIO()
    console = Console(
        file=out, force_terminal=True, color_system="standard", highlight=False, soft_wrap=True
    )
    console.print(body, end="")
    return out.getvalue()


def _headline_style(report: Report, color: bool) -> str:
    if not color:
        return ""
    return "bold green" if report.ready else "bold red"
