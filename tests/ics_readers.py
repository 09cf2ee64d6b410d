"""Six independent iCalendar readers, and what `launchkit plan --format json` says they must see.

Each reader's view of a calendar file is brought to one shape: per UID, the summary, status,
start and end (a date for an all-day event, a UTC instant `YYYY-MM-DDTHH:MM:SSZ` for a timed
one) and the occurrences its recurrence expands to (None for a reader that does not expand
recurrences: icalendar alone and ics-py). Plus the calendar's name and description where the
reader exposes them.

- ical.js (Mozilla, Thunderbird's parser) under Node, one process for a batch of files;
- icalendar, and recurring-ical-events on top of it for occurrences;
- vobject (dateutil underneath, reads the VTIMEZONE itself);
- ics (ics-py 0.7, TatSu grammar; no RRULE expansion, calendar properties kept raw);
- ical (Home Assistant's strict pydantic parser, with its own timeline for occurrences).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import zoneinfo
from pathlib import Path
from typing import Any

import pytest

from export_support import NODE_MODULES

SCRIPT = Path(__file__).parent / "js" / "ical_read.mjs"
PYTHON_READERS = ("icalendar", "recurring-ical-events", "vobject", "ics", "ical")
READERS = ("ical.js", *PYTHON_READERS)
UTC = dt.UTC
Event = dict[str, Any]
Reading = dict[str, Any]  # {"name", "description", "events": {uid: Event}}


def when(value: dt.date | dt.datetime) -> str:
    """A date as `YYYY-MM-DD`, an aware date-time as its UTC instant."""
    if isinstance(value, dt.datetime):
        assert value.tzinfo is not None, f"floating time {value}"
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


# What the plan says -------------------------------------------------------------------------


def expected(plan: dict[str, Any], playbook_id: str) -> dict[str, Event]:
    """Per UID, what every reader must see for the plan (`launchkit plan --format json`).

    A local time is read as RFC 5545 3.3.5 says: an ambiguous one (the repeated autumn hour) is
    its first occurrence, a non-existent one (the skipped spring hour) takes the offset in force
    before the gap: Python's fold=0 for both.
    """
    zone = zoneinfo.ZoneInfo(plan["timezone"])
    events: dict[str, Event] = {}
    for task in plan["tasks"]:
        days = sorted({task["start"], *task["occurrences"]})
        if task["at"] is None:
            length = dt.date.fromisoformat(task["end"]) - dt.date.fromisoformat(task["start"])
            starts = [dt.date.fromisoformat(d) for d in days]
            ends = [d + length + dt.timedelta(days=1) for d in starts]
        else:
            hour, minute = map(int, task["at"].split(":"))
            starts = [
                dt.datetime.combine(dt.date.fromisoformat(d), dt.time(hour, minute), zone)
                for d in days
            ]
            ends = [
                (s.astimezone(UTC) + dt.timedelta(minutes=task["length_minutes"])) for s in starts
            ]
        events[f"{task['id']}@{playbook_id}"] = {
            "summary": task["title"],
            "status": "CANCELLED" if task["status"] == "skipped" else "CONFIRMED",
            "start": when(starts[0]),
            "end": when(ends[0]),
            "occurrences": [when(s) for s in starts],
        }
    return events


def cancelled(before: dict[str, Event], now: dict[str, Event]) -> dict[str, Event]:
    """The events of an earlier export that left the plan: written back, cancelled."""
    return {
        uid: {**event, "status": "CANCELLED"} for uid, event in before.items() if uid not in now
    }


# ical.js ------------------------------------------------------------------------------------


def icaljs_missing() -> str | None:
    """Why ical.js cannot run here, naming the command that installs it; None when it can."""
    if shutil.which("node") is None:
        return "Node.js is not installed; ical.js needs it (then run: bash .ci/setup-ics.sh)"
    if not (NODE_MODULES / "ical.js" / "package.json").is_file():
        return f"ical.js is not installed under {NODE_MODULES}; run: bash .ci/setup-ics.sh"
    return None


def need_icaljs() -> None:
    """Skip (fail under CI=true) when ical.js is missing, with a one-line reason."""
    why = icaljs_missing()
    if why is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(why)
    pytest.skip(why)


def read_icaljs(paths: list[Path]) -> dict[Path, Reading]:
    """ical.js's reading of each file, from one Node process."""
    need_icaljs()
    node = shutil.which("node")
    assert node is not None
    env = {**os.environ, "TZ": "UTC", "LAUNCHKIT_NODE_MODULES": str(NODE_MODULES)}
    done = subprocess.run(
        [node, str(SCRIPT)],
        input=json.dumps([str(p) for p in paths]),
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    readings: dict[Path, Reading] = {}
    for path in paths:
        result = found[str(path)]
        assert result["ok"], f"ical.js cannot read {path}: {result['error']}"
        cal = result["calendar"]
        readings[path] = {
            "name": cal["name"],
            "x-wr-calname": cal["x_wr_calname"],
            "description": cal["description"],
            "x-wr-caldesc": cal["x_wr_caldesc"],
            "events": {
                e["uid"]: {
                    "summary": e["summary"],
                    "status": e["status"],
                    "start": e["start"],
                    "end": e["end"],
                    "occurrences": e["occurrences"],
                }
                for e in cal["events"]
            },
        }
    return readings


# The Python readers ---------------------------------------------------------------------------


def read_python(path: Path, readers: tuple[str, ...] = PYTHON_READERS) -> dict[str, Reading]:
    """The named Python readers' reading of one file."""
    text = path.read_text(encoding="utf-8")
    functions = {
        "icalendar": _icalendar,
        "recurring-ical-events": _recurring,
        "vobject": _vobject,
        "ics": _ics,
        "ical": _ical,
    }
    return {reader: functions[reader](text) for reader in readers}


def _icalendar(text: str) -> Reading:
    from icalendar import Calendar

    cal = Calendar.from_ical(text)
    events = {}
    for e in cal.walk("VEVENT"):
        events[str(e["UID"])] = {
            "summary": str(e["SUMMARY"]),
            "status": str(e["STATUS"]),
            "start": when(e.start),
            "end": when(e.end),
            "occurrences": None,
        }
    return {
        "name": str(cal["NAME"]),
        "x-wr-calname": str(cal["X-WR-CALNAME"]),
        "description": str(cal["DESCRIPTION"]) if "DESCRIPTION" in cal else None,
        "x-wr-caldesc": str(cal["X-WR-CALDESC"]) if "X-WR-CALDESC" in cal else None,
        "events": events,
    }


def _recurring(text: str) -> Reading:
    import recurring_ical_events
    from icalendar import Calendar

    cal = Calendar.from_ical(text)
    events: dict[str, Event] = {}
    for e in cal.walk("VEVENT"):
        events[str(e["UID"])] = {
            "summary": str(e["SUMMARY"]),
            "status": str(e["STATUS"]),
            "start": when(e.start),
            "end": when(e.end),
            "occurrences": [],
        }
    for occurrence in recurring_ical_events.of(cal).between((1900, 1, 1), (2200, 1, 1)):
        events[str(occurrence["UID"])]["occurrences"].append(when(occurrence.start))
    for event in events.values():
        event["occurrences"].sort()
    return {"events": events}


def _vobject(text: str) -> Reading:
    import vobject
    import vobject.icalendar

    # vobject keeps every VTIMEZONE it reads in one registry for the whole process, and the
    # first one read for a TZID wins: a later file's wider range would be ignored. A calendar
    # client reads a file alone; so does this.
    registry = vars(vobject.icalendar)["__tzidMap"]
    registry.clear()
    vobject.icalendar.registerTzid("UTC", vobject.icalendar.utc)
    cal = vobject.readOne(text)
    events: dict[str, Event] = {}
    for e in cal.contents.get("vevent", []):
        start = e.dtstart.value
        # vobject gives the properties; a client adds DURATION to DTSTART itself.
        end = e.dtend.value if "dtend" in e.contents else start + e.duration.value
        rules = e.getrruleset(addRDate=True)
        if rules is None:
            occurrences = [start]
        else:
            occurrences = [o.date() if not isinstance(start, dt.datetime) else o for o in rules]
        events[e.uid.value] = {
            "summary": e.summary.value,
            "status": e.status.value,
            "start": when(start),
            "end": when(end),
            "occurrences": sorted(when(o) for o in occurrences),
        }

    def value(name: str) -> str | None:
        found = cal.contents.get(name)
        return found[0].value if found else None

    return {
        "name": value("name"),
        "x-wr-calname": value("x-wr-calname"),
        "description": value("description"),
        "x-wr-caldesc": value("x-wr-caldesc"),
        "events": events,
    }


def _ics(text: str) -> Reading:
    import ics
    import tatsu.color

    # ics-py parses each line with TatSu, which calls colorama.init() on every
    # parse where colorama is installed; each call wraps sys.stdout once more,
    # and a few thousand lines later isatty() recurses too deep. The reader
    # needs no colours, so TatSu's colour set-up is skipped while it reads.
    colour_init = tatsu.color.init
    tatsu.color.init = lambda: None
    try:
        cal = ics.Calendar(text)
    finally:
        tatsu.color.init = colour_init
    events: dict[str, Event] = {}
    for e in cal.events:
        if e.all_day:
            start: Any = e.begin.date()
            end: Any = e.end.date()
        else:
            start = e.begin.datetime
            end = e.end.datetime
        events[e.uid] = {
            "summary": e.name,
            "status": e.status,
            "start": when(start),
            "end": when(end),
            "occurrences": None,
        }
    return {"events": events}


def _ical(text: str) -> Reading:
    from ical.calendar_stream import IcsCalendarStream

    cal = IcsCalendarStream.calendar_from_ics(text)
    events: dict[str, Event] = {}
    for e in cal.events:
        events[e.uid] = {
            "summary": e.summary,
            "status": e.status.value if e.status is not None else None,
            "start": when(e.dtstart),
            "end": when(e.end),
            "occurrences": [],
        }
    for occurrence in cal.timeline_tz(UTC):
        events[occurrence.uid]["occurrences"].append(when(occurrence.dtstart))
    for event in events.values():
        event["occurrences"].sort()
    return {
        "name": cal.name[0] if cal.name else None,
        "description": cal.description[0] if cal.description else None,
        "events": events,
    }
