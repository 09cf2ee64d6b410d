"""VTIMEZONE components that every calendar reader resolves the same way.

icalendar's `Timezone.from_tzinfo` gives each sub-component `DTSTART:<first onset>` and
`RDATE:<later onsets>`. RFC 5545 (3.8.5.2) counts DTSTART as an onset too, but Mozilla's ical.js
(Thunderbird) counts it only when there is no RDATE, so a whole summer came out on standard
time there. So this module writes one sub-component per onset, with DTSTART alone: a shape no
reader can expand two ways.

Each onset is written, as in RFC 5545's own examples (3.6.5), in the local time in force *before*
the change: the spring change in Jerusalem is `DTSTART:20270326T020000` with
`TZOFFSETFROM:+0200`, the autumn one `DTSTART:20271031T020000` with `TZOFFSETFROM:+0300`.

The component covers a range of years: the onset in force when the range starts (however long
ago: Istanbul's is in 2016) and every onset inside it. Names are read from the tz database
(zoneinfo), never guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import zoneinfo

    from icalendar import Timezone

_DAY = dt.timedelta(days=1)
_WEEK = dt.timedelta(days=7)
_EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
"""How far back to look for the onset in force at the start of the range."""


@dataclass(frozen=True)
class Onset:
    """A change of a zone's UTC offset or name, and what is in force after it."""

    at: dt.datetime
    """The instant of the change, in UTC."""
    before: dt.timedelta
    after: dt.timedelta
    name: str
    daylight: bool

    @property
    def local(self) -> dt.datetime:
        """The onset in the local time in force before the change (RFC 5545's DTSTART)."""
        return (self.at + self.before).replace(tzinfo=None)


def vtimezone(tzid: str, first: dt.date, last: dt.date) -> Timezone:
    """The VTIMEZONE for IANA zone `tzid`, right for local times from `first` to `last`."""
    import zoneinfo

    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = zoneinfo.ZoneInfo(tzid)
    component = Timezone()
    component.add("tzid", tzid)
    # A day either side: a local time near midnight can be on the other side of a UTC day;
    # but not past the first or last day a datetime holds in every zone (the whole years of a
    # plan near the calendar's ends reach them).
    low = max(first, dt.date(1, 1, 3)) - _DAY
    high = min(last, dt.date(9999, 12, 29)) + _DAY
    for onset in onsets(zone, low, high):
        sub = TimezoneDaylight() if onset.daylight else TimezoneStandard()
        sub.add("dtstart", onset.local)
        sub.add("tzoffsetfrom", onset.before)
        sub.add("tzoffsetto", onset.after)
        sub.add("tzname", onset.name)
        component.add_component(sub)
    return component


def onsets(zone: zoneinfo.ZoneInfo, first: dt.date, last: dt.date) -> list[Onset]:
    """The onset in force at `first` (midnight UTC), then every onset up to `last`, in order.

    A zone that never changed (UTC) gets one onset in 1970 from and to its only offset.
    """
    start = dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC)
    end = dt.datetime.combine(last, dt.time(), tzinfo=dt.UTC)
    found: list[Onset] = []
    earlier = _previous(zone, start)
    if earlier is None:
        state = _state(zone, start)
        epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) - state[0]
        found.append(Onset(min(epoch, start), state[0], state[0], state[2], state[1]))
    else:
        found.append(earlier)
    day = start
    while day < end:
        following = day + _DAY
        if _state(zone, day) != _state(zone, following):
            found.append(_onset(zone, day, following))
        day = following
    return found


def _state(zone: zoneinfo.ZoneInfo, instant: dt.datetime) -> tuple[dt.timedelta, bool, str]:
    local = instant.astimezone(zone)
    offset, dst = local.utcoffset(), local.dst()
    assert offset is not None
    return offset, dst is not None and dst > dt.timedelta(0), local.tzname() or ""


def _onset(zone: zoneinfo.ZoneInfo, low: dt.datetime, high: dt.datetime) -> Onset:
    """The change between `low` and `high` (one at most), found to the second."""
    before = _state(zone, low)
    while high - low > dt.timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if middle <= low:
            break
        if _state(zone, middle) == before:
            low = middle
        else:
            high = middle
    after = _state(zone, high)
    return Onset(high, before[0], after[0], after[2], after[1])


def _previous(zone: zoneinfo.ZoneInfo, start: dt.datetime) -> Onset | None:
    """The last change at or before `start`, or None when the zone has none since 1900."""
    now = _state(zone, start)
    high = start
    while high > _EARLIEST:
        low = high - _WEEK
        if _state(zone, low) != now:
            day = high
            while _state(zone, day - _DAY) == now:
                day -= _DAY
            return _onset(zone, day - _DAY, day)
        high = low
    return None
