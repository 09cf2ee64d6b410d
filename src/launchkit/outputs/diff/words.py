"""Small phrases the text and Markdown diffs share."""

from __future__ import annotations

import datetime as dt


def bd(n: int) -> str:
    """`+3 working days`, `-1 working day`, `same day`."""
    if n == 0:
        return "same day"
    return f"{n:+d} working day{'s' if abs(n) != 1 else ''}"


def span(start: dt.date, end: dt.date) -> str:
    """`2027-03-01` for one day, `2027-03-01..2027-03-05` for several."""
    return start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"


def slack(n: int | None) -> str:
    """`4 bd`, or `none` where no deadline reaches the task."""
    return "none" if n is None else f"{n} bd"
