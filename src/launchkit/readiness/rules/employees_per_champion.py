"""`employees_per_champion`: no site has more than `max` employees per champion.

```yaml
- {id: champion-ratio, title: One champion per 150 employees, rule: employees_per_champion, max: 150}
```

Reads each site's `employees` and `champions`. A site with employees but no champion, or
with no `employees` count at all, cannot meet the rule, and the finding says so.
"""

from __future__ import annotations

from launchkit.model import Gate
from launchkit.readiness.findings import Phrase
from launchkit.readiness.rules.base import Outcome, RuleContext, number, site_name


def check(gate: Gate, ctx: RuleContext) -> Outcome:
    """Met when every site's employees divided by its champions is at most `max`."""
    limit = gate.max if gate.max is not None else float("inf")
    problems: list[str] = []
    parts: list[Phrase] = []
    for site in ctx.sites:
        champions = len(site.champions)
        if site.employees is None:
            problems.append(f"{site_name(site)} gives no employee count")
            parts.append(Phrase.of("site-no-count", site=site.name))
        elif champions == 0 and site.employees > 0:
            problems.append(f"{site_name(site)} has {site.employees} employees and no champion")
            parts.append(Phrase.of("site-no-champion", site=site.name, employees=site.employees))
        elif champions and site.employees / champions > limit:
            ratio = site.employees / champions
            problems.append(
                f"{site_name(site)} has {number(round(ratio, 1))} "
                f"({site.employees} employees, {champions} champions)"
            )
            parts.append(
                Phrase.of(
                    "site-ratio",
                    site=site.name,
                    ratio=number(round(ratio, 1)),
                    employees=site.employees,
                    champions=champions,
                )
            )
    if not problems:
        return Outcome(
            True,
            f"every site has at most {number(limit)} employees per champion",
            ctx.sites_source(),
        )
    return Outcome(
        False,
        f"needs at most {number(limit)} employees per champion by {ctx.due.isoformat()}: "
        + "; ".join(problems),
        ctx.sites_source(),
        Phrase.of("ratio-unmet", limit=number(limit), due=ctx.due, sites=tuple(parts)),
    )
