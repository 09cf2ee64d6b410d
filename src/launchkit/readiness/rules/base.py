"""What every rule is given and gives back.

A rule is a function `check(gate, ctx) -> Outcome` in a module of its own; its docstring is
its user documentation. `rules/__init__.py` registers each under the name playbooks use in
`rule:`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from launchkit.model import Gate, Site
from launchkit.readiness.findings import Phrase
from launchkit.schedule import Plan
from launchkit.schedule.dates import WorkingDays


@dataclass(frozen=True)
class Outcome:
    """Whether the rule holds, in words either way, and what it read."""

    met: bool
    message: str
    source: str | None = None
    phrase: Phrase | None = None
    """The message for readers in the playbook's language (see `Phrase`)."""


@dataclass(frozen=True)
class RuleContext:
    """What a rule may read: the plan, its working days, and the day the gate is due."""

    plan: Plan
    calendar: WorkingDays
    due: dt.date

    @property
    def sites(self) -> list[Site]:
        return self.plan.playbook.sites

    def sites_source(self) -> str:
        """`launch.yaml:14:3`: where the sites the site rules read are written."""
        line, col = self.plan.loaded.where(("sites",))
        return f"{self.plan.loaded.path}:{line}:{col}"


class RuleCheck(Protocol):
    """The signature every rule module's `check` has."""

    def __call__(self, gate: Gate, ctx: RuleContext) -> Outcome: ...


def number(value: float) -> str:
    """2 rather than 2.0."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def site_name(site: Site) -> str:
    return site.name if site.name == site.id else f"{site.name} ({site.id})"
