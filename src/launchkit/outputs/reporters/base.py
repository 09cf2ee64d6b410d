"""What every reporter is: a pure function from a readiness report to the text it prints."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # `check` imports the Format enum at start-up; the layer below stays unloaded
    from launchkit.readiness import Finding, Report


class Format(enum.StrEnum):
    """The `--format` choices of `launchkit check`."""

    text = "text"
    json = "json"
    junit = "junit"
    github = "github"
    sarif = "sarif"


class Reporter(Protocol):
    """`render(report, color=..., width=...) -> str`; only the text reporter uses colour and
    width (the terminal's columns, to wrap long lines at; None: no wrapping)."""

    def __call__(self, report: Report, *, color: bool = False, width: int | None = None) -> str: ...


def verdict(report: Report) -> str:
    """`ready` or `NOT READY`, the word every reporter leads with."""
    return "ready" if report.ready else "NOT READY"


def counts_phrase(report: Report) -> str:
    """`1 error, 2 warnings, 0 info`."""
    c = report.counts
    plural = {"error": "errors", "warning": "warnings", "info": "info"}
    return ", ".join(
        f"{c[k]} {k if c[k] == 1 else plural[k]}" for k in ("error", "warning", "info")
    )


def headline(report: Report) -> str:
    """`launch.yaml: NOT READY as of 2027-01-08 (launch 2027-01-10): 1 error, 2 warnings, 0 info`."""
    strict = ", strict" if report.strict else ""
    return (
        f"{report.file}: {verdict(report)} as of {report.as_of.isoformat()} "
        f"(launch {report.launch.isoformat()}{strict}): {counts_phrase(report)}"
    )


def place(finding: Finding) -> str:
    """`launch.yaml:41:5`."""
    return f"{finding.file}:{finding.line}:{finding.column}"
