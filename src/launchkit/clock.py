"""What day it is for a playbook: today in its time zone, or the day `LAUNCHKIT_TODAY` fixes.

Every command that needs "today" (`check`, `status`, `done` without `--on`) asks here, so that a
demo, a test or a CI replay can fix the day once for all of them.
"""

from __future__ import annotations

import datetime as dt
import os

from launchkit.diagnostics import LaunchkitError, error


def today_in(timezone: str) -> dt.date:
    """Today in `timezone` (an IANA name), or `LAUNCHKIT_TODAY=YYYY-MM-DD` when it is set."""
    fixed = os.environ.get("LAUNCHKIT_TODAY")
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            message = f"LAUNCHKIT_TODAY is '{fixed}', not a date such as 2027-01-08"
            raise LaunchkitError([error("LAUNCHKIT_TODAY", 1, 1, "bad-date", message)]) from None
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo(timezone)).date()


def now_utc() -> dt.datetime:
    """The clock of exported calendars and built sites (DTSTAMP, "updated"), in UTC;
    `SOURCE_DATE_EPOCH` pins it, as reproducible builds expect."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)
