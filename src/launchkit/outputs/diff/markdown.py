"""The plan diff as GitHub-flavoured Markdown, for a pull-request comment."""

from __future__ import annotations

from launchkit.outputs.diff.compare import PlanDiff
from launchkit.outputs.diff.words import bd, slack, span


def _cell(text: str) -> str:
    # A pipe would end the cell and a newline the row; playbook text is data, never markup.
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def format_markdown(diff: PlanDiff) -> str:
    """A heading, then one table per kind of change."""
    out = [f"### Plan changes: `{diff.old_label}` → `{diff.new_label}`", ""]
    if diff.empty:
        return "\n".join([*out, "No change to the plan."]) + "\n"
    if diff.launch:
        out += [
            f"**Launch day** moves from {diff.launch.old.isoformat()} to "
            f"{diff.launch.new.isoformat()} ({bd(diff.launch.bd)}).",
            "",
        ]

    def table(title: str, header: list[str], rows: list[list[str]]) -> None:
        if not rows:
            return
        out.extend([f"#### {title} ({len(rows)})", ""])
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + "|".join(" --- " for _ in header) + "|")
        out.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
        out.append("")

    table(
        "Tasks added",
        ["Task", "Title", "Dates"],
        [[f"`{t.id}`", t.title, span(t.start, t.end)] for t in diff.added],
    )
    table(
        "Tasks removed",
        ["Task", "Title", "Dates"],
        [[f"`{t.id}`", t.title, span(t.start, t.end)] for t in diff.removed],
    )
    table(
        "Dates moved",
        ["Task", "Before", "After", "Start", "End"],
        [
            [
                f"`{m.id}`",
                span(m.old_start, m.old_end),
                span(m.new_start, m.new_end),
                bd(m.start_bd),
                bd(m.end_bd),
            ]
            for m in diff.moved
        ],
    )
    table("Status", ["Task", "Before", "After"], [[f"`{s.id}`", s.old, s.new] for s in diff.status])
    critical = [[f"`{i}`", "now critical"] for i in diff.now_critical] + [
        [f"`{i}`", "no longer critical"] for i in diff.no_longer_critical
    ]
    table("Critical path", ["Task", "Change"], critical)
    table(
        "Slack",
        ["Task", "Before", "After"],
        [[f"`{s.id}`", slack(s.old), slack(s.new)] for s in diff.slack],
    )
    table(
        "Gates",
        ["Gate", "Change", "Details"],
        [[f"`{g.id}`", g.change, "; ".join(g.details)] for g in diff.gates],
    )
    return "\n".join(out).rstrip("\n") + "\n"
