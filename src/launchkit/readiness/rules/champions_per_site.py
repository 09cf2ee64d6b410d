"""`champions_per_site`: every site has at least `min` champions.

```yaml
- {id: two-champions, title: At least two champions per site, rule: champions_per_site, min: 2}
```

Counts the `champions` listed on each site; the finding names every site that falls short
and how many champions it has.
"""

from __future__ import annotations

from launchkit.model import Gate
from launchkit.readiness.findings import Phrase
from launchkit.readiness.rules.base import Outcome, RuleContext, number, site_name


def check(gate: Gate, ctx: RuleContext) -> Outcome:
    """Met when no site has fewer than `min` champions."""
    need = gate.min or 0
    short = [s for s in ctx.sites if len(s.champions) < need]
    if not short:
        return Outcome(
            True, f"every site has at least {number(need)} champions", ctx.sites_source()
        )
    parts = ", ".join(f"{site_name(s)} has {len(s.champions)}" for s in short)
    return Outcome(
        False,
        f"{len(short)} of {len(ctx.sites)} sites {'has' if len(short) == 1 else 'have'} "
        f"fewer than {number(need)} champions "
        f"by {ctx.due.isoformat()}: {parts}",
        ctx.sites_source(),
        Phrase.of(
            "champions-short",
            short=len(short),
            total=len(ctx.sites),
            need=number(need),
            due=ctx.due,
            sites=tuple(Phrase.of("site-has", site=s.name, count=len(s.champions)) for s in short),
        ),
    )
