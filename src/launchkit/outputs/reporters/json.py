"""`--format json`: the stable contract of DESIGN.md, with `source` and `waived` appended."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from launchkit.outputs import jsontext

if TYPE_CHECKING:
    from launchkit.readiness import Finding, Report


def _finding(f: Finding) -> dict[str, Any]:
    # The first seven keys are the contract; anything new goes after them.
    return {
        "severity": str(f.severity),
        "code": f.code,
        "id": f.id,
        "message": f.message,
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "source": f.source,
        "waived": None
        if f.waiver is None
        else {
            "reason": f.waiver.reason,
            "owner": f.waiver.owner,
            "until": f.waiver.until.isoformat(),
        },
    }


def render(report: Report, *, color: bool = False, width: int | None = None) -> str:
    """`{"ready", "as_of", "counts", "findings", ...}` as indented JSON."""
    doc = {
        "ready": report.ready,
        "as_of": report.as_of.isoformat(),
        "counts": report.counts,
        "findings": [_finding(f) for f in report.findings],
        "playbook": report.playbook,
        "file": report.file,
        "launch": report.launch.isoformat(),
        "strict": report.strict,
    }
    return jsontext.dumps(doc) + "\n"
