"""The Markdown summary that `check` appends to `$GITHUB_STEP_SUMMARY` under GitHub Actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from launchkit.outputs.reporters.base import counts_phrase, place

if TYPE_CHECKING:
    from launchkit.readiness import Report


def _cell(text: str) -> str:
    """Table-cell text: pipes and newlines would break the row; HTML is shown, not rendered."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\n", " ")
    )


def render_summary(report: Report) -> str:
    """A heading with the verdict, the counts, and a table of the findings."""
    mark = "✅ ready" if report.ready else "❌ not ready"
    strict = " (strict)" if report.strict else ""
    lines = [
        f"### launchkit check: {_cell(report.playbook)} — {mark}{strict}",
        "",
        f"As of {report.as_of.isoformat()}, launch {report.launch.isoformat()}: "
        f"{counts_phrase(report)}.",
        "",
    ]
    if report.findings:
        lines += ["| severity | code | id | message | where |", "| --- | --- | --- | --- | --- |"]
        lines += [
            f"| {f.severity} | {f.code} | {_cell(f.id)} | {_cell(f.message)} | `{_cell(place(f))}` |"
            for f in report.findings
        ]
        lines.append("")
    return "\n".join(lines) + "\n"
