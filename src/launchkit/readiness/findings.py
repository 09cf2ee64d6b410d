"""What `check` produces: findings about gates and tasks, gathered into one report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from launchkit.diagnostics import Severity, source_lines

Kind = Literal["gate", "task", "person"]
"""A person is a subject only in a launch repository, where their load is checked."""

CODES: dict[str, str] = {
    "gate-unmet": "A gate's metric or rule is not met (info until the gate is due).",
    "metric-missing": "A gate reads a metric that neither the playbook nor the metrics file gives.",
    "task-overdue": "A task's end has passed and it is neither done nor skipped.",
    "task-blocked": "A blocked task's start has passed.",
    "late-plan": "The plan ends a task after its deadline (negative slack).",
    "waiver-expired": "A waiver's `until` day has passed.",
    "quiet-period": "An announcement (a task with channels, launch day, a site's wave) falls in a quiet period.",
    "half-day": "A timed task falls after the closing time of a half day (a holiday eve, an arife).",
    "forecast-miss": "A metric's trend misses its gate's target on the gate's day (warning before it is due).",
    "forecast": "A metric's trend, projected to its gate's day; or why there is no forecast.",
    "announcement-day": "An audience gets more announcements on one day than the repository allows.",
    "announcement-week": "An audience gets more announcements in a week than the repository allows.",
    "kind-overlap": "Tasks of kinds that must not overlap reach the same audience on the same days.",
    "overload": "A person owns more tasks on a working day than their capacity allows.",
}
"""Every finding code, with the one-line description reporters give (SARIF rules, docs)."""


@dataclass(frozen=True)
class Phrase:
    """What a finding says, as a kind of sentence and its values, for readers in any language.

    `Finding.message` is the stable English that the machine formats (JSON, JUnit, SARIF,
    annotations) carry; the text report and the step summary say the phrase in the playbook's
    language instead, with dates through Babel. Values are text, numbers, days, or phrases
    (a part of the sentence, or a list of parts).
    """

    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **values: object) -> Phrase:
        """`Phrase.of("task-overdue", title=..., end=...)`."""
        return cls(key, tuple(values.items()))

    def get(self, name: str) -> object:
        """The value called `name`, or None."""
        return next((v for k, v in self.values if k == name), None)


@dataclass(frozen=True)
class WaiverNote:
    """The waiver that turned a finding into info, or that has run out."""

    reason: str
    owner: str
    until: dt.date


@dataclass(frozen=True)
class Finding:
    """One thing `check` has to say about a gate or a task, at its place in the playbook."""

    severity: Severity
    code: str
    id: str
    """Id of the gate or the planned task (`champions-ready@haifa`) the finding is about."""
    message: str
    file: str
    line: int
    column: int
    source: str | None = None
    """Where the value the finding judges came from: `metrics.csv:4`, `launch.yaml:60:3`, `plan`."""
    waiver: WaiverNote | None = None
    """Set when a waiver holds: the finding is info and says why."""
    phrase: Phrase | None = None
    """The message as a phrase for reporters that speak the playbook's language."""

    @property
    def sort_key(self) -> tuple[int, str, int, int, str, str]:
        return (self.severity.rank, self.file, self.line, self.column, self.id, self.code)


@dataclass(frozen=True)
class Subject:
    """A gate or a planned task that `check` looked at; JUnit makes one test case of each."""

    kind: Kind
    id: str
    title: str
    file: str
    line: int
    column: int
    due: dt.date | None = None
    """The gate's `by` day, or the task's end."""


@dataclass
class Report:
    """Every finding of one `check` run, and the verdict."""

    playbook: str
    file: str
    as_of: dt.date
    launch: dt.date
    findings: list[Finding]
    locale: str = "en"
    """The playbook's locale: the language the text report and the step summary speak."""
    subjects: list[Subject] = field(default_factory=list)
    strict: bool = False
    sources: dict[str, str] = field(default_factory=dict)
    """Text of each file findings point into, so reporters can show the line."""
    # Indexes built on first use: reporters ask per subject and per finding, thousands of times.
    _by_id: dict[str, list[Finding]] | None = field(default=None, init=False, repr=False)
    _lines: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.findings = sorted(self.findings, key=lambda f: f.sort_key)

    @property
    def counts(self) -> dict[str, int]:
        """Findings per severity, always with all three keys."""
        counts = {str(s): 0 for s in Severity}
        for f in self.findings:
            counts[str(f.severity)] += 1
        return counts

    def fails(self, finding: Finding) -> bool:
        """Whether this finding keeps the launch from being ready."""
        if finding.severity is Severity.ERROR:
            return True
        return self.strict and finding.severity is Severity.WARNING

    @property
    def ready(self) -> bool:
        """No error remains (with --strict: no warning either)."""
        return not any(self.fails(f) for f in self.findings)

    def findings_for(self, subject_id: str) -> list[Finding]:
        """The findings about one gate or planned task."""
        if self._by_id is None:
            self._by_id = {}
            for f in self.findings:
                self._by_id.setdefault(f.id, []).append(f)
        return list(self._by_id.get(subject_id, []))

    def source_line(self, finding: Finding) -> str | None:
        """The line of the file the finding points at, without its newline."""
        if finding.file not in self._lines:
            text = self.sources.get(finding.file)
            self._lines[finding.file] = source_lines(text) if text is not None else []
        lines = self._lines[finding.file]
        return lines[finding.line - 1] if 0 < finding.line <= len(lines) else None
