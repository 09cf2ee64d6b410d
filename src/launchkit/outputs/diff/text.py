"""The plan diff as plain text, for a terminal or a CI log."""

from __future__ import annotations

from launchkit.outputs.diff.compare import PlanDiff
from launchkit.outputs.diff.words import bd, slack, span


def format_text(diff: PlanDiff) -> str:
    """Sections for what changed; one line saying so when nothing did."""
    lines = [f"Plan changes from {diff.old_label} to {diff.new_label}"]
    if diff.empty:
        return "\n".join([*lines, "No change to the plan."]) + "\n"
    if diff.launch:
        lines.append(
            f"Launch day: {diff.launch.old.isoformat()} -> {diff.launch.new.isoformat()} "
            f"({bd(diff.launch.bd)})"
        )

    def section(title: str, rows: list[str]) -> None:
        if rows:
            lines.append(f"{title} ({len(rows)}):")
            lines.extend(f"  {row}" for row in rows)

    section("Tasks added", [f"+ {t.id}: {t.title}, {span(t.start, t.end)}" for t in diff.added])
    section("Tasks removed", [f"- {t.id}: {t.title}, {span(t.start, t.end)}" for t in diff.removed])
    section(
        "Dates moved",
        [
            f"{m.id}: {span(m.old_start, m.old_end)} -> {span(m.new_start, m.new_end)} "
            f"(start {bd(m.start_bd)}, end {bd(m.end_bd)})"
            for m in diff.moved
        ],
    )
    section("Status", [f"{s.id}: {s.old} -> {s.new}" for s in diff.status])
    section("Now on the critical path", diff.now_critical)
    section("No longer on the critical path", diff.no_longer_critical)
    section("Slack", [f"{s.id}: {slack(s.old)} -> {slack(s.new)}" for s in diff.slack])
    section("Gates", [f"{g.change} {g.id}: {'; '.join(g.details)}" for g in diff.gates])
    return "\n".join(lines) + "\n"
