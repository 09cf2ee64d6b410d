"""Waivers as code: a gate or task may accept its findings until a day, with a reason and an owner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from launchkit.diagnostics import Severity
from launchkit.load import LoadedPlaybook
from launchkit.model import Waiver
from launchkit.readiness.findings import Finding, Phrase, WaiverNote


def apply_waiver(
    findings: list[Finding],
    waiver: Waiver | None,
    as_of: dt.date,
    loaded: LoadedPlaybook,
    loc: Sequence[str | int],
    subject_id: str,
) -> list[Finding]:
    """The findings as the waiver leaves them, plus a finding about the waiver once it has run out.

    While the waiver holds (as-of on or before `until`), every error and warning becomes info
    and carries the waiver. After `until` the findings stand at full severity and the waiver
    itself is a warning; an expired waiver with nothing left to cover is only info (remove it).
    """
    if waiver is None:
        return findings
    note = WaiverNote(waiver.reason, waiver.owner, waiver.until)
    # Readers see who waived by name where `people` knows the role.
    person = loaded.playbook.people.get(waiver.owner)
    who = person.name if person is not None else waiver.owner
    counted = [f for f in findings if f.severity is not Severity.INFO]
    if as_of <= waiver.until:
        return [
            replace(
                f,
                severity=Severity.INFO,
                message=f"{f.message} (waived by {waiver.owner} until "
                f"{waiver.until.isoformat()}: {waiver.reason})",
                waiver=note,
                phrase=Phrase.of(
                    "waived",
                    inner=f.phrase,
                    english=f.message,
                    owner=who,
                    until=waiver.until,
                    reason=waiver.reason,
                ),
            )
            if f in counted
            else f
            for f in findings
        ]
    line, col = loaded.where((*loc, "waiver", "until"))
    if counted:
        severity = Severity.WARNING
        message = (
            f"the waiver by {waiver.owner} ran out on {waiver.until.isoformat()} "
            f"({waiver.reason}); renew it or fix what it covered"
        )
        key = "waiver-expired"
    else:
        severity = Severity.INFO
        message = (
            f"the waiver by {waiver.owner} ran out on {waiver.until.isoformat()} "
            "and nothing needs it any more; remove it"
        )
        key = "waiver-unneeded"
    phrase = Phrase.of(key, owner=who, until=waiver.until, reason=waiver.reason)
    expired = Finding(
        severity,
        "waiver-expired",
        subject_id,
        message,
        loaded.path,
        line,
        col,
        waiver=note,
        phrase=phrase,
    )
    return [*findings, expired]
