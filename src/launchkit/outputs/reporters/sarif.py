"""`--format sarif`: SARIF 2.1.0, so GitHub code scanning shows findings on the playbook's lines.

A waived finding is reported with an in-source suppression carrying the waiver's reason, which
code scanning shows as dismissed rather than open.
"""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from launchkit import __version__
from launchkit.outputs import jsontext

if TYPE_CHECKING:
    from launchkit.readiness import Finding, Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative URI for a relative path (as code scanning expects), a file: URI otherwise."""
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute() or PureWindowsPath(path).is_absolute():
        drive = "/" if not posix.startswith("/") else ""
        return "file://" + quote(drive + posix)
    return quote(posix.removeprefix("./"))


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": _LEVEL[str(f.severity)],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(f.file)},
                    "region": {"startLine": f.line, "startColumn": f.column},
                }
            }
        ],
        "partialFingerprints": {"launchkitFinding/v1": f"{f.code}:{f.id}"},
        "properties": {"id": f.id, "source": f.source},
    }
    if f.waiver is not None and f.code != "waiver-expired":
        result["suppressions"] = [
            {
                "kind": "inSource",
                "status": "accepted",
                "justification": f"{f.waiver.reason} ({f.waiver.owner}, until "
                f"{f.waiver.until.isoformat()})",
            }
        ]
    return result


def render(report: Report, *, color: bool = False, width: int | None = None) -> str:
    """One run of the `launchkit` tool, one rule per finding code, one result per finding."""
    from launchkit.readiness.findings import CODES

    codes = sorted(CODES)
    index = {code: i for i, code in enumerate(codes)}
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "launchkit",
                        "version": __version__,
                        "rules": [
                            {
                                "id": code,
                                "name": code.replace("-", " ").title().replace(" ", ""),
                                "shortDescription": {"text": CODES[code]},
                            }
                            for code in codes
                        ],
                    }
                },
                "results": [_result(f, index) for f in report.findings],
                "properties": {
                    "ready": report.ready,
                    "as_of": report.as_of.isoformat(),
                    "launch": report.launch.isoformat(),
                    "strict": report.strict,
                },
            }
        ],
    }
    return jsontext.dumps(doc) + "\n"
