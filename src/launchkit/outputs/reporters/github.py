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


def annotation(finding: Finding, message: str | None = None) -> str:
    """`::error file=launch.yaml,line=41,col=5,title=gate-unmet managers-on-app::message`.

    The title (code and id) stays English for tools; `message` is what a person reads, in the
    playbook's language (default: the finding's English message).
    """
    if message is None:
        message = finding.message
    props = ",".join(
        [
            f"file={escape_property(finding.file)}",
            f"line={finding.line}",
            f"col={finding.column}",
            f"title={escape_property(f'{finding.code} {finding.id}')}",
        ]
    )
    return f"::{_LEVEL[str(finding.severity)]} {props}::{escape_data(message)}"


def render(report: Report, *, color: bool = False, width: int | None = None) -> str:
    """One annotation per finding, its message in the playbook's language, then the verdict as
    a plain log line (English, for logs that tools read)."""
    from launchkit.outputs.reporters.words import words_for

    words = words_for(report.locale)
    lines = [annotation(f, words.message(f)) for f in report.findings]
    lines.append(headline(report))
    return "\n".join(lines) + "\n"
