"""The built-in rules, by the name a gate gives in `rule:`."""

from __future__ import annotations

from launchkit.readiness.rules import champions_per_site, employees_per_champion, starts_within
from launchkit.readiness.rules.base import Outcome, RuleCheck, RuleContext

RULES: dict[str, RuleCheck] = {
    "champions_per_site": champions_per_site.check,
    "employees_per_champion": employees_per_champion.check,
    "starts_within": starts_within.check,
}
"""Every rule; the model's `Rule` literal lists the same names (a test keeps them equal)."""

__all__ = ["RULES", "Outcome", "RuleCheck", "RuleContext"]
