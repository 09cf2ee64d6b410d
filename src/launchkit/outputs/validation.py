"""Results of `validate`, as text for people and JSON for tools."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from launchkit.diagnostics import Diagnostic, LaunchkitError
from launchkit.outputs import jsontext


@dataclass
class FileResult:
    """One file's outcome: its counts when valid, its problems when not."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Errors, then any warnings (an unpaired bidi control, a plan spanning years, a date
    written out in a document's text)."""
    tasks: int = 0
    gates: int = 0

    @property
    def valid(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


def validate_files(names: Iterable[str]) -> list[FileResult]:
    """Load each file in turn, collecting problems instead of stopping at the first bad file.

    A playbook that names its launch day is also scheduled, so that what only dates reveal (a
    work week with no working day, a date out of range) is caught by `validate` and its
    pre-commit hook, not first by `plan` in CI. One without a launch day may get it from
    `--launch` later, so it is not an error here.
    """
    from launchkit.load import load_playbook, resolve_playbook
    from launchkit.load.plandates import check_texts
    from launchkit.schedule import schedule

    results = []
    for name in names:
        try:
            path, shown = resolve_playbook(name)
            loaded = load_playbook(path, shown)
            warnings = list(loaded.warnings)
            if loaded.playbook.launch is not None:
                warnings += schedule(loaded).warnings
        except LaunchkitError as e:
            results.append(FileResult(name, e.diagnostics))
            continue
        pb = loaded.playbook
        warnings += check_texts(
            loaded.doc, pb.locale, {t.id for t in pb.tasks}, {s.id for s in pb.sites}
        )
        results.append(FileResult(name, warnings, len(pb.tasks), len(pb.gates)))
    return results


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def format_text(results: list[FileResult]) -> tuple[str, str]:
    """(standard output, standard error): a summary line per good file, diagnostics for bad ones."""
    out: list[str] = []
    err: list[str] = []
    for r in results:
        err.extend(d.format() for d in r.diagnostics)
        if r.valid:
            out.append(f"{r.path}: ok ({_count(r.tasks, 'task')}, {_count(r.gates, 'gate')})")
    return "\n".join(out), "\n".join(err)


def format_json(results: list[FileResult]) -> str:
    """`{"valid": bool, "files": [{"path", "valid", "tasks", "gates", "diagnostics": [...]}]}`."""
    doc = {
        "valid": all(r.valid for r in results),
        "files": [
            {
                "path": r.path,
                "valid": r.valid,
                "tasks": r.tasks,
                "gates": r.gates,
                "diagnostics": [
                    {
                        "severity": str(d.severity),
                        "code": d.code,
                        "message": d.message,
                        "file": d.path,
                        "line": d.line,
                        "column": d.column,
                    }
                    for d in r.diagnostics
                ],
            }
            for r in results
        ],
    }
    return jsontext.dumps(doc)
