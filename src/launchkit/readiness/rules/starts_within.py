"""`starts_within`: task `task` starts no later than `within` after task `of` ends.

```yaml
- id: training-soon
  title: Training no more than two weeks after the invitations
  rule: starts_within
  task: training
  of: invitations
  within: 2w
```

Checked on the dated plan. `within` in `d` or `w` counts calendar days after the end of `of`,
in `bd` working days. Only the upper bound is checked: starting earlier is allowed. When both
tasks are per-site, each site's copies are compared; when one is, every copy is compared with
the other task.
"""

from __future__ import annotations

from launchkit.model import Gate
from launchkit.readiness.findings import Phrase
from launchkit.readiness.rules.base import Outcome, RuleContext
from launchkit.schedule import PlannedTask


def _pairs(ctx: RuleContext, task: str, of: str) -> list[tuple[PlannedTask, PlannedTask]]:
    firsts, seconds = ctx.plan.copies(of), ctx.plan.copies(task)
    by_site = {t.site: t for t in firsts}
    pairs = []
    for later in seconds:
        if later.site is not None and later.site in by_site:
            pairs.append((by_site[later.site], later))
        else:
            pairs.extend((earlier, later) for earlier in firsts)
    return pairs


def check(gate: Gate, ctx: RuleContext) -> Outcome:
    """Met when every copy of `task` starts within `within` of the end of `of`."""
    assert gate.task is not None and gate.of is not None and gate.within is not None
    span = gate.within
    late: list[str] = []
    parts: list[Phrase] = []
    for earlier, later in _pairs(ctx, gate.task, gate.of):
        if span.unit == "bd":
            # A per-site copy counts working days on its own site's calendar.
            calendar = ctx.calendar if later.site is None else ctx.plan.calendar(later.site)
            gap = calendar.count(earlier.end, later.start)
            unit = "working days"
        else:
            gap = (later.start - earlier.end).days
            unit = "days"
        limit = span.amount * (7 if span.unit == "w" else 1)
        if gap > limit:
            late.append(
                f"{later.id} starts {later.start.isoformat()}, {gap} {unit} after "
                f"{earlier.id} ends {earlier.end.isoformat()}"
            )
            parts.append(
                Phrase.of(
                    "starts-after-bd" if span.unit == "bd" else "starts-after-days",
                    later=later.id,
                    start=later.start,
                    gap=gap,
                    earlier=earlier.id,
                    end=earlier.end,
                )
            )
    if not late:
        return Outcome(True, f"{gate.task} starts within {span} of the end of {gate.of}", "plan")
    return Outcome(
        False,
        f"needs to start within {span}: " + "; ".join(late),
        "plan",
        Phrase.of("starts-late", span=str(span), late=tuple(parts)),
    )
