"""`--format github`: workflow commands that GitHub Actions shows as annotations on the YAML lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from launchkit.outputs.reporters.base import headline

if TYPE_CHECKING:
    from launchkit.readiness import Finding, Report

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message, as the Actions runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property (file, title): also `:` and `,`, which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """`::error file=launch.yaml,line=41,col=5,title=gate-unmet managers-on-app::message`."""
    props = ",".join(
        [
            f"file={escape_property(finding.file)}",
            f"line={finding.line}",
            f"col={finding.column}",
            f"title={escape_property(f'{finding.code} {finding.id}')}",
        ]
    )
    return f"::{_LEVEL[str(finding.severity)]} {props}::{escape_data(finding.message)}"


def render(report: Report, *, color: bool = False) -> str:
    """One annotation per finding, then the verdict as a plain log line."""
    lines = [annotation(f) for f in report.findings]
    lines.append(headline(report))
    return "\n".join(lines) + "\n"
