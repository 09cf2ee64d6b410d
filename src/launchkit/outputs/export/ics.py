"""iCalendar export: one VCALENDAR that Outlook, Google Calendar and Apple Calendar import.

Design decisions (docs/export.md explains them to users):
- One event per planned task, all-day from its start to the day after its end, even where the
  span crosses a weekend or a holiday; the description lists the non-working days inside it.
  Splitting into one event per working run would give an event per run, whose UIDs would come
  and go as the plan moves, leaving stale copies in every calendar that imported an older export.
- UID `<planned task id>@<playbook id>`: `teasers@app-launch`, `champions-ready@haifa@app-launch`.
- SEQUENCE/DTSTAMP carry over from the calendar being replaced (`ExportOptions.previous`): an
  event whose content changed gets SEQUENCE+1 and a new DTSTAMP, an unchanged one keeps both, and
  an event that disappeared from the plan is kept as STATUS:CANCELLED with SEQUENCE+1.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from launchkit.outputs.export.base import (
    ExportOptions,
    labels,
    non_working_days,
    occurrence_dates,
    owner_text,
    phase_title,
    selected,
    site_name,
)

if TYPE_CHECKING:
    from icalendar import Calendar, Event

    from launchkit.schedule import Plan, PlannedTask

PRODID = "-//launchkit//launchkit playbook export//EN"
HASH = "X-LAUNCHKIT-HASH"
TIMED_LENGTH = dt.timedelta(minutes=30)
"""How long a timed (`at`) task's event lasts: the plan gives it a moment, calendars need a slot."""


class PreviousCalendarError(ValueError):
    """The file an export would replace is not an iCalendar file."""


def export_ics(plan: Plan, options: ExportOptions) -> str:
    """The plan as an iCalendar document (CRLF line ends, UTF-8 text)."""
    import zoneinfo

    from icalendar import Calendar, Timezone

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # X- properties have no known type: icalendar writes their text as it is and refuses a line
    # break in it (found by the fuzz suite). A calendar's name and description are one line each.
    cal.add("x-wr-calname", _one_line(_calendar_name(plan, options)))
    cal.add("x-wr-timezone", plan.timezone)
    if plan.playbook.description:
        cal.add("x-wr-caldesc", _one_line(plan.playbook.description))
    # Subscribers (Outlook, Apple Calendar) poll a published calendar this often.
    cal.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")

    tasks = sorted(selected(plan, options), key=lambda t: (t.start, t.id))
    events = [_event(plan, task, options) for task in tasks]
    if any(t.at is not None for t in tasks):
        years = [d.year for t in tasks for d in occurrence_dates(t)]
        zone = Timezone.from_tzinfo(
            zoneinfo.ZoneInfo(plan.timezone),
            tzid=plan.timezone,
            first_date=dt.date(min(years), 1, 1),
            last_date=dt.date(max(years) + 1, 1, 1),
        )
        cal.add_component(zone)
    previous = _previous_events(options.previous)
    stamp = options.now.astimezone(dt.UTC).replace(microsecond=0)
    for event in events:
        _stamp(event, previous.pop(str(event["UID"]), None), stamp)
        cal.add_component(event)
    for uid in sorted(previous):
        cal.add_component(_cancelled(previous[uid], stamp))
    return str(cal.to_ical().decode("utf-8"))


def read_calendar(data: bytes) -> Calendar:
    """Parse an iCalendar file; PreviousCalendarError when it is not one."""
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as e:
        raise PreviousCalendarError(f"not an iCalendar file ({e})") from e
    if not isinstance(cal, Calendar) or cal.name != "VCALENDAR":
        raise PreviousCalendarError("not an iCalendar file (no VCALENDAR)")
    if str(cal.get("PRODID", "")) != PRODID:
        # Its events are someone else's: carrying them over would cancel them all.
        raise PreviousCalendarError("an iCalendar file that launchkit export did not write")
    return cal


def _calendar_name(plan: Plan, options: ExportOptions) -> str:
    name = plan.playbook.title
    for site in plan.playbook.sites:
        if site.id == options.site:
            name = f"{name} — {site.name}"
    return name


def _event(plan: Plan, task: PlannedTask, options: ExportOptions) -> Event:
    from icalendar import Alarm, Event

    event = Event()
    event.add("uid", f"{task.id}@{plan.playbook.id}")
    event.add("summary", task.title)
    days = occurrence_dates(task)
    first: dt.date = days[0]
    if task.task.repeat:
        first = _recurrence(plan, task, event)
    if task.at is None:
        event.add("dtstart", first)
        event.add("dtend", first + dt.timedelta(days=max((task.end - task.start).days, 0) + 1))
        # A campaign running all week should not mark its owner busy all week.
        event.add("transp", "TRANSPARENT")
    else:
        start = _at(plan, task, first)
        event.add("dtstart", start)
        event.add("dtend", start + TIMED_LENGTH)
        event.add("transp", "OPAQUE")
    event.add("status", "CANCELLED" if task.status == "skipped" else "CONFIRMED")
    event.add("description", _description(plan, task))
    title = phase_title(plan, task)
    if title:
        event.add("categories", [title])
    if task.site is not None:
        event.add("location", site_name(plan, task.site))
    person = plan.playbook.people.get(task.owner or "")
    if person is not None and person.email:
        params = {"CN": _param(person.name)}
        event.add("organizer", f"mailto:{person.email}", parameters=params)
        event.add(
            "attendee",
            f"mailto:{person.email}",
            parameters={**params, "ROLE": "REQ-PARTICIPANT", "PARTSTAT": "ACCEPTED"},
        )
    if options.alarm is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", task.title)
        alarm.add("trigger", -options.alarm)
        event.add_component(alarm)
    event.add(HASH, hashlib.sha256(event.to_ical()).hexdigest()[:16])
    return event


def _at(plan: Plan, task: PlannedTask, day: dt.date) -> dt.datetime:
    import zoneinfo

    assert task.at is not None
    return dt.datetime.combine(day, task.at, tzinfo=zoneinfo.ZoneInfo(plan.timezone))


def _recurrence(plan: Plan, task: PlannedTask, event: Event) -> dt.date:
    """Add RRULE, and EXDATE/RDATE for the days the plan moved; return the rule's first day.

    A consumer expanding RRULE + RDATE - EXDATE gets exactly the plan's occurrences.
    """
    from icalendar import vRecur

    assert task.task.repeat is not None
    actual = set(occurrence_dates(task))
    rule = vRecur.from_ical(task.task.repeat)
    # The rule counts from the day the playbook meant, before it was moved off a non-working
    # day; expanding from the moved day could shift every later occurrence (the 18th, not 17th).
    anchors = [task.start] + [
        m.original
        for m in task.moved
        if m.what in ("start", "occurrence") and m.moved_to == task.start
    ]
    expansions = [(anchor, set(_expand(rule, anchor))) for anchor in anchors]
    anchor, raw = min(expansions, key=lambda pair: len(pair[1] ^ actual))
    timed = task.at is not None

    def value(day: dt.date) -> dt.date | dt.datetime:
        return _at(plan, task, day) if timed else day

    until = rule.get("UNTIL")
    if until:
        last = until[0].date() if isinstance(until[0], dt.datetime) else until[0]
        # RFC 5545: UNTIL is in UTC for a zoned DTSTART, and a DATE for an all-day one.
        rule["UNTIL"] = [_at(plan, task, last).astimezone(dt.UTC) if timed else last]
    event.add("rrule", rule)
    if raw - actual:
        event.add("exdate", [value(d) for d in sorted(raw - actual)])
    if actual - raw:
        event.add("rdate", [value(d) for d in sorted(actual - raw)])
    return anchor


def _expand(rule: Any, anchor: dt.date) -> list[dt.date]:
    """The days a rule yields from `anchor` (by dateutil, as calendar apps would expand it)."""
    from dateutil.rrule import rrulestr
    from icalendar import vRecur

    plain = vRecur(rule)
    until = plain.get("UNTIL")
    if until:
        last = until[0].date() if isinstance(until[0], dt.datetime) else until[0]
        plain["UNTIL"] = [dt.datetime.combine(last, dt.time(23, 59, 59))]
    start = dt.datetime.combine(anchor, dt.time())
    text = plain.to_ical().decode("ascii")  # type: ignore[no-untyped-call]  # icalendar leaves it untyped
    return sorted({d.date() for d in rrulestr(text, dtstart=start, cache=False)})


def _description(plan: Plan, task: PlannedTask) -> str:
    words = labels(plan)
    lines: list[str] = []
    if task.task.description:
        lines += [task.task.description.strip(), ""]
    owner = owner_text(plan, task)
    if owner:
        lines.append(f"{words['owner']}: {owner}")
    phase = phase_title(plan, task)
    if phase:
        lines.append(f"{words['phase']}: {phase}")
    status = words.get(task.status, task.status)
    if task.critical:
        status += f", {words['critical']}"
    lines.append(f"{words['status']}: {status}")
    if task.site is not None:
        lines.append(f"{words['site']}: {site_name(plan, task.site)}")
    if task.task.source:
        lines.append(f"{words['sources']}: {', '.join(task.task.source)}")
    if task.end > task.start:
        closed = non_working_days(plan.calendar_of(task), task.start, task.end)
        total = (task.end - task.start).days + 1
        line = f"{words['working_days']}: {total - len(closed)}/{total}"
        if closed:
            line += f" ({words['not_working']}: "
            line += "; ".join(f"{d.isoformat()} {why}" for d, why in closed.items()) + ")"
        lines.append(line)
    for moved in task.moved:
        lines.append(
            f"{words['moved']}: {moved.original.isoformat()} → {moved.moved_to.isoformat()}"
            f" ({moved.reason})"
        )
    return "\n".join(lines)


def _param(text: str) -> str:
    # A parameter value cannot hold a double quote (RFC 5545 3.2), whatever the quoting.
    return text.replace('"', "'")


def _previous_events(data: bytes | None) -> dict[str, Event]:
    from icalendar import Event

    if data is None:
        return {}
    cal = read_calendar(data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT") if "UID" in e and isinstance(e, Event)}


def _stamp(event: Event, before: Event | None, now: dt.datetime) -> None:
    """SEQUENCE and DTSTAMP: carried over when nothing changed, bumped when something did."""
    if before is None:
        event.add("sequence", 0)
        event.add("dtstamp", now)
        return
    sequence = int(before.get("SEQUENCE", 0))
    if str(before.get(HASH, "")) == str(event[HASH]) and before.DTSTAMP is not None:
        event.add("sequence", sequence)
        event.add("dtstamp", before.DTSTAMP)
    else:
        event.add("sequence", sequence + 1)
        event.add("dtstamp", now)


def _cancelled(before: Event, now: dt.datetime) -> Event:
    """A task that left the plan: tell calendars that imported it to drop it."""
    if str(before.get("STATUS", "")).upper() == "CANCELLED":
        return before
    event = before.copy()
    for sub in before.subcomponents:
        event.add_component(sub)
    for name in ("STATUS", "SEQUENCE", "DTSTAMP", HASH):
        event.pop(name, None)
    event.add("status", "CANCELLED")
    event.add(HASH, hashlib.sha256(event.to_ical()).hexdigest()[:16])
    event.add("sequence", int(before.get("SEQUENCE", 0)) + 1)
    event.add("dtstamp", now)
    return event


def _one_line(text: str) -> str:
    return " ".join(text.split())
