"""People's load across launches as a small table: tasks per person per day of one week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol


class _Named(Protocol):
    @property
    def ref(self) -> str: ...


def format_week_load(
    load: Mapping[str, Mapping[dt.date, Sequence[_Named]]],
    capacity: Callable[[str], int],
    first: dt.date,
) -> str:
    """`Load, week of 2027-03-01`, then one row per person: their task count each day.

    A count over the person's capacity is marked `!`; people with no task that week are left
    out. The seven days run from `first`.
    """
    days = [first + dt.timedelta(days=i) for i in range(7)]
    rows: list[tuple[str, list[str], str]] = []
    for role in sorted(load):
        counts = [len(load[role].get(d, ())) for d in days]
        if not any(counts):
            continue
        limit = capacity(role)
        cells = [("-" if c == 0 else f"{c}!" if c > limit else str(c)) for c in counts]
        rows.append((role, cells, str(limit)))
    head = f"Load, week of {first.isoformat()} (tasks per day; ! over capacity)\n"
    if not rows:
        return head + "  nobody has a task this week\n"
    width = max(len("person"), *(len(r[0]) for r in rows))
    names = [d.strftime("%a %d") for d in days]
    out = [head, f"  {'person':<{width}}  " + "  ".join(f"{n:>6}" for n in names) + "  capacity\n"]
    for role, cells, most in rows:
        out.append(f"  {role:<{width}}  " + "  ".join(f"{c:>6}" for c in cells) + f"  {most:>8}\n")
    return "".join(out)
