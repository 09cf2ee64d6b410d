"""The Markdown summary that `check` appends to `$GITHUB_STEP_SUMMARY` under GitHub Actions.

People read it on the run's page, so its words and dates are in the playbook's language;
codes, ids and places stay as typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from launchkit.outputs.reporters.base import place

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
    from launchkit.outputs.reporters.words import words_for

    words = words_for(report.locale)
    lines = [
        f"### launchkit check: {_cell(report.playbook)} — {words.summary_title(report)}",
        "",
        words.summary_line(report),
        "",
    ]
    if report.findings:
        columns = words.summary_columns()
        lines += ["| " + " | ".join(columns) + " |", "| --- | --- | --- | --- | --- |"]
        lines += [
            f"| {words.severity(str(f.severity))} | {f.code} | {_cell(f.id)} | "
            f"{_cell(words.message(f))} | `{_cell(place(f))}` |"
            for f in report.findings
        ]
        lines.append("")
    return "\n".join(lines) + "\n"
