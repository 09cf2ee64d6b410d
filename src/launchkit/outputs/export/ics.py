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
import re
from dataclasses import dataclass, field
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


class PreviousCalendarError(ValueError):
    """The file an export would replace is not an iCalendar file."""


def export_ics(plan: Plan, options: ExportOptions) -> str:
    """The plan as an iCalendar document (CRLF line ends, UTF-8 text)."""
    from icalendar import Calendar, vText

    from launchkit.outputs.export.vtimezone import vtimezone

    tasks = sorted(selected(plan, options), key=lambda t: (t.start, t.id))
    lines = _Lines()
    events = [_event(plan, task, options, lines) for task in tasks]
    stamp = options.now.astimezone(dt.UTC).replace(microsecond=0)
    uids = {event.uid for event in events}
    try:
        previous = _previous_events(options.previous, uids)
        _check_owner(plan, previous)
    except PreviousCalendarError:
        if not options.force:
            raise
        # --force: the file is replaced, and nothing in it is carried over or cancelled.
        previous = _Previous()
    cancelled = [_cancelled(previous.gone[uid], stamp) for uid in sorted(previous.gone)]

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = " ".join(_calendar_name(plan, options).split())
    description = (plan.playbook.description or "").strip()
    # The name and description, as RFC 7986 NAME and DESCRIPTION and as the older X-WR- pair
    # that Apple and Google read. All four are TEXT, escaped, and say so with VALUE=TEXT:
    # ical.js and icalendar take NAME and X- properties raw otherwise, vobject always decodes
    # them, and "a, b" written raw was cut at the comma (docs/export.md).
    text = {"VALUE": "TEXT"}
    cal.add("name", vText(name), parameters=text)
    cal.add("x-wr-calname", vText(name), parameters=text)
    if description:
        cal.add("description", vText(description))
        cal.add("x-wr-caldesc", vText(description), parameters=text)
    cal.add("x-wr-timezone", plan.timezone)
    # Subscribers (Outlook, Apple Calendar) poll a published calendar this often.
    cal.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    # RFC 5545 3.2.19: a VTIMEZONE for every TZID any event uses, the cancelled ones included.
    for tzid, (first, last) in sorted(_zones(plan, tasks, cancelled).items()):
        cal.add_component(vtimezone(tzid, first, last))
    return _close(cal, events, cancelled, previous, stamp, lines)


def _close(
    cal: Calendar,
    events: list[Any],
    cancelled: list[Event],
    previous: _Previous,
    stamp: dt.datetime,
    lines: _Lines,
) -> str:
    """The calendar's text: its own lines and time zones through icalendar as a whole, then each
    event written once from its folded lines (see _FastEvent), the cancelled ones, and the end."""
    head = cal.to_ical().decode("utf-8")
    end = "END:VCALENDAR\r\n"
    assert head.endswith(end)
    parts = [head[: -len(end)]]
    for event in events:
        parts.append(event.finish(previous.kept.get(event.uid), stamp, lines))
    for gone in cancelled:
        parts.append(gone.to_ical().decode("utf-8"))
    parts.append(end)
    return "".join(parts)


class ForeignCalendarError(PreviousCalendarError):
    """The file an export would replace holds another playbook's calendar."""


def _check_owner(plan: Plan, previous: _Previous) -> None:
    """Refuse to replace a calendar none of whose events belong to this playbook.

    Its events would all be written back cancelled: `export starter --ics -o app-launch.ics`
    would turn app-launch's calendar into 40 cancelled events. A calendar with no events at all
    (an empty plan's) belongs to nobody and may be replaced.
    """
    uids = [*previous.kept, *previous.gone]
    suffix = f"@{plan.playbook.id}"
    if not uids or any(uid.endswith(suffix) for uid in uids):
        return
    owners = sorted({uid.rpartition("@")[2] for uid in uids})
    raise ForeignCalendarError(
        f"a calendar exported from playbook {', '.join(repr(o) for o in owners)}, "
        f"not '{plan.playbook.id}'"
    )


def _zones(
    plan: Plan, tasks: list[PlannedTask], cancelled: list[Event]
) -> dict[str, tuple[dt.date, dt.date]]:
    """Each TZID the events use, with the whole years their local times fall in."""
    days: dict[str, list[dt.date]] = {}
    for task in tasks:
        if task.at is not None:
            dates = occurrence_dates(task)
            # A long event late in the day ends on the next one.
            days.setdefault(plan.timezone, []).extend([dates[0], dates[-1] + dt.timedelta(days=1)])
    for event in cancelled:
        for tzid, found in _zoned_days(event).items():
            days.setdefault(tzid, []).extend(found)
    return {
        tzid: (dt.date(min(found).year, 1, 1), dt.date(max(found).year, 12, 31))
        for tzid, found in days.items()
        # Only IANA names can be rebuilt; launchkit writes no others (the model checks them).
        if _known_zone(tzid)
    }


def _known_zone(tzid: str) -> bool:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(tzid)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


_ZONED = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE")


def _zoned_days(event: Event) -> dict[str, list[dt.date]]:
    """The TZIDs an event's properties name, each with the days it uses it on (its last, for a rule)."""
    days: dict[str, list[dt.date]] = {}
    for name in _ZONED:
        found = event.get(name)
        for prop in found if isinstance(found, list) else [found]:
            tzid = getattr(prop, "params", {}).get("TZID") if prop is not None else None
            if not tzid:
                continue
            values = [v.dt for v in prop.dts] if hasattr(prop, "dts") else [prop.dt]
            days.setdefault(str(tzid), []).extend(
                v.date() if isinstance(v, dt.datetime) else v for v in values
            )
    start = event.get("DTSTART")
    rule = event.get("RRULE")
    if start is not None and rule is not None and "TZID" in start.params:
        last = _last_occurrence(rule, start.dt)
        if last is not None:
            days[str(start.params["TZID"])].append(last)
    return days


def _last_occurrence(rule: Any, start: dt.date) -> dt.date | None:
    """The last day a (finite) rule reaches from `start`, or None when it cannot be read."""
    from dateutil.rrule import rrulestr

    naive = start.replace(tzinfo=None) if isinstance(start, dt.datetime) else start
    try:
        text = rule.to_ical().decode("ascii")
        if "UNTIL" not in text.upper() and "COUNT" not in text.upper():
            return None
        found = list(rrulestr(text, dtstart=naive, ignoretz=True, cache=False))
    except (ValueError, TypeError):
        return None
    return found[-1].date() if found else None


def read_calendar(data: bytes) -> Calendar:
    """Parse an iCalendar file; PreviousCalendarError when it is not one."""
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as e:
        raise PreviousCalendarError("not an iCalendar file") from e
    if not isinstance(cal, Calendar) or cal.name != "VCALENDAR":
        raise PreviousCalendarError("not an iCalendar file")
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


class _Lines:
    """Content lines as icalendar writes them, without building and serialising a component.

    Every value goes through icalendar's own value types (escaping, dates, parameters) and
    every long line through its folding; what this saves is the component machinery around
    them, and doing the same date or stamp twice.
    """

    def __init__(self) -> None:
        from icalendar import Event
        from icalendar.parser import Contentline
        from icalendar.parser_tools import to_unicode

        self._types = Event.types_factory
        self._contentline: Any = Contentline  # icalendar leaves it untyped
        self._to_unicode = to_unicode
        self._classes: dict[str, Any] = {}
        self._memo: dict[tuple[str, Any], list[tuple[str, str]]] = {}

    def fold(self, line: str) -> str:
        """A content line folded as icalendar folds it (a line under 75 octets never is)."""
        if len(line) < 75 and (line.isascii() or len(line.encode("utf-8")) < 75):
            return line
        return str(self._contentline(line).to_ical().decode("utf-8"))

    def text(self, name: str, value: str) -> tuple[str, str]:
        """`NAME:value` for a property whose value type takes a string and no parameters."""
        cls = self._classes.get(name)
        if cls is None:
            cls = self._classes[name] = self._types.for_property(name)
        return name, self.fold(f"{name}:{self._to_unicode(cls(value).to_ical())}")

    def general(
        self, name: str, value: Any, parameters: dict[str, str] | None = None
    ) -> list[tuple[str, str]]:
        """Any property, exactly as `Event.add` then `Event.to_ical` would write it."""
        from icalendar import Event

        scratch = Event()
        if parameters is None:
            scratch.add(name, value)
        else:
            scratch.add(name, value, parameters=parameters)
        return [
            (key, self.fold(scratch.content_line(key, item)))
            for key, item in scratch.property_items(recursive=False)
            if key not in ("BEGIN", "END")
        ]

    def same(self, name: str, value: Any, key: Any = None) -> list[tuple[str, str]]:
        """`general` for values that recur (dates, stamps, phases): written once each.

        `key` stands for a value that cannot be a dictionary key (a list).
        """
        key = (name, value if key is None else key)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self.general(name, value)
        return found


def _component(kind: str, order: tuple[str, ...], props: list[tuple[str, str]], subs: str) -> str:
    """A component's text in icalendar's order: canonical names first, then the rest by name.

    Several lines of one name keep the order they were added in, as icalendar's lists do.
    """
    rank = {name: i for i, name in enumerate(order)}
    tail = len(order)
    ordered = sorted(props, key=lambda p: (rank.get(p[0], tail), "" if p[0] in rank else p[0]))
    body = "".join(line + "\r\n" for _, line in ordered)
    return f"BEGIN:{kind}\r\n{body}{subs}END:{kind}\r\n"


class _Event:
    """One VEVENT's lines, and the hash of its content before SEQUENCE and DTSTAMP are added."""

    ORDER = (
        "SUMMARY",
        "DTSTART",
        "DTEND",
        "DURATION",
        "DTSTAMP",
        "UID",
        "RECURRENCE-ID",
        "SEQUENCE",
        "RRULE",
        "RDATE",
        "EXDATE",
    )

    def __init__(self, uid: str, props: list[tuple[str, str]], alarm: str) -> None:
        self.uid = uid
        self.props = props
        self.alarm = alarm
        content = _component("VEVENT", self.ORDER, props, alarm)
        self.hash = hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]

    def finish(self, before: _Before | None, now: dt.datetime, lines: _Lines) -> str:
        """The event's text with its SEQUENCE and DTSTAMP (see `_stamp`) and its hash."""
        sequence, stamp = _stamp(before, self.hash, now)
        props = [
            *self.props,
            *lines.same("sequence", sequence),
            *lines.same("dtstamp", stamp),
            lines.text(HASH, self.hash),
        ]
        return _component("VEVENT", self.ORDER, props, self.alarm)


def _event(plan: Plan, task: PlannedTask, options: ExportOptions, lines: _Lines) -> _Event:
    uid = f"{task.id}@{plan.playbook.id}"
    props = [lines.text("UID", uid), lines.text("SUMMARY", task.title)]
    days = occurrence_dates(task)
    first: dt.date = days[0]
    ruled = False
    if task.task.repeat:
        if task.at is not None and not all(_exact(plan, task, d) for d in days):
            _listed(plan, task, days, props, lines)
        else:
            first = _recurrence(plan, task, props, lines)
            ruled = True
    if task.at is None:
        props += lines.same("DTSTART", first)
        end = first + dt.timedelta(days=max((task.end - task.start).days, 0) + 1)
        props += lines.same("DTEND", end)
        # A campaign running all week should not mark its owner busy all week.
        props.append(lines.text("TRANSP", "TRANSPARENT"))
    else:
        start = _at(plan, task, first)
        if not ruled and not _exact(plan, task, first):
            # At or across a clock change: readers disagree on the local times, the instant
            # leaves no doubt (RFC 5545 allows a UTC DTSTART; the calendar shows local time).
            start = start.astimezone(dt.UTC)
        props += lines.same("DTSTART", start)
        # DURATION, not DTEND: an exact length (RFC 5545 3.3.6), where a wall-clock end across
        # a clock change makes readers disagree on how long the event lasts.
        assert task.length is not None
        props += lines.same("DURATION", task.length)
        props.append(lines.text("TRANSP", "OPAQUE"))
    props.append(lines.text("STATUS", "CANCELLED" if task.status == "skipped" else "CONFIRMED"))
    props.append(lines.text("DESCRIPTION", _description(plan, task)))
    title = phase_title(plan, task)
    if title:
        props += lines.same("CATEGORIES", [title], key=(title,))
    if task.site is not None:
        props.append(lines.text("LOCATION", site_name(plan, task.site)))
    person = plan.playbook.people.get(task.owner or "")
    if person is not None and person.email:
        params = {"CN": _param(person.name)}
        props += lines.general("ORGANIZER", f"mailto:{person.email}", parameters=params)
        props += lines.general(
            "ATTENDEE",
            f"mailto:{person.email}",
            parameters={**params, "ROLE": "REQ-PARTICIPANT", "PARTSTAT": "ACCEPTED"},
        )
    alarm = ""
    if options.alarm is not None:
        alarm_props = [
            lines.text("ACTION", "DISPLAY"),
            lines.text("DESCRIPTION", task.title),
            *lines.same("TRIGGER", -options.alarm),
        ]
        alarm = _component("VALARM", (), alarm_props, "")
    return _Event(uid, props, alarm)


def _zone(plan: Plan) -> dt.tzinfo:
    import zoneinfo

    return zoneinfo.ZoneInfo(plan.timezone)


def _at(plan: Plan, task: PlannedTask, day: dt.date) -> dt.datetime:
    """The task's local time on `day`; the first of two, or the offset before a gap (fold=0).

    RFC 5545 3.3.5: an ambiguous local time means its first occurrence, and a time skipped by
    the spring change is read with the offset in force before it.
    """
    assert task.at is not None
    return dt.datetime.combine(day, task.at, tzinfo=_zone(plan))


def _exact(plan: Plan, task: PlannedTask, day: dt.date) -> bool:
    """Whether the task's event on `day` reads the same in every reader.

    Its start and end must each happen once on the clock, and no clock change may fall
    between them: ical.js and the Python readers add a DURATION in wall-clock time, so across
    a change they would end it an hour off the exact length (RFC 5545 3.3.6).
    """
    start = _at(plan, task, day)
    assert task.length is not None
    end = (start.astimezone(dt.UTC) + task.length).astimezone(start.tzinfo)
    return (
        _once(start)
        and _once(end)
        and end.replace(tzinfo=None) == start.replace(tzinfo=None) + task.length
    )


def _once(moment: dt.datetime) -> bool:
    """Whether a local time happens exactly once that day (not repeated, not skipped)."""
    return moment.utcoffset() == moment.replace(fold=1).utcoffset()


def _recurrence(
    plan: Plan, task: PlannedTask, props: list[tuple[str, str]], lines: _Lines
) -> dt.date:
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
        # RFC 5545: UNTIL is in UTC for a zoned DTSTART, and a DATE for an all-day one. The end
        # of the last day, so that no reading of that day's local time falls after it.
        end_of_day = dt.datetime.combine(last, dt.time(23, 59, 59), _zone(plan))
        rule["UNTIL"] = [end_of_day.astimezone(dt.UTC) if timed else last]
    props += lines.general("RRULE", rule)
    if raw - actual:
        props += lines.general("EXDATE", [value(d) for d in sorted(raw - actual)])
    if actual - raw:
        props += lines.general("RDATE", [value(d) for d in sorted(actual - raw)])
    return anchor


def _listed(
    plan: Plan, task: PlannedTask, days: list[dt.date], props: list[tuple[str, str]], lines: _Lines
) -> None:
    """RDATE for every occurrence of a timed repeat that meets a clock change.

    Readers disagree on a local time that happens twice or never, and an EXDATE cannot take
    one out of the rule: it would also remove the UTC RDATE at the same instant. So such a
    series is written as its occurrences, local times where they are exact, UTC instants where
    they are not (docs/export.md). The first is listed too, though it is DTSTART: ical.js and
    Home Assistant's reader leave DTSTART out of a recurrence set that has RDATE and no RRULE.
    """
    local = [_at(plan, task, d) for d in days if _exact(plan, task, d)]
    utc = [_at(plan, task, d).astimezone(dt.UTC) for d in days if not _exact(plan, task, d)]
    if local:
        props += lines.general("RDATE", local)
    if utc:
        props += lines.general("RDATE", utc)


def _expand(rule: Any, anchor: dt.date) -> list[dt.date]:
    """The days a rule yields from `anchor` (by dateutil, as calendar apps would expand it)."""
    from itertools import islice

    from dateutil.rrule import rrulestr
    from icalendar import vRecur

    from launchkit.model.values import MAX_REPEATS

    plain = vRecur(rule)
    until = plain.get("UNTIL")
    if until:
        last = until[0].date() if isinstance(until[0], dt.datetime) else until[0]
        plain["UNTIL"] = [dt.datetime.combine(last, dt.time(23, 59, 59))]
    start = dt.datetime.combine(anchor, dt.time())
    text = plain.to_ical().decode("ascii")  # type: ignore[no-untyped-call]  # icalendar leaves it untyped
    # The scheduler refused rules of over MAX_REPEATS days; the bound holds here all the same.
    days = islice(rrulestr(text, dtstart=start, cache=False), 2 * MAX_REPEATS)
    return sorted({d.date() for d in days})


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


@dataclass(frozen=True)
class _Before:
    """What the calendar being replaced says about an event still in the plan."""

    sequence: int
    hash: str
    stamp: Event | dt.datetime
    """The DTSTAMP, or the event to read it from (only when it is needed, as before)."""


@dataclass
class _Previous:
    """The calendar being replaced, by UID."""

    kept: dict[str, _Before] = field(default_factory=dict)
    """Events still in the plan."""
    gone: dict[str, Event] = field(default_factory=dict)
    """Events no longer in the plan, whole, to be written back cancelled."""


_NAME = re.compile(r"[A-Za-z0-9-]+(?=[;:])")
_READ = frozenset({"UID", "SEQUENCE", "DTSTAMP", HASH})
_BLOCK = "X-LAUNCHKIT-BLOCK"
# The four lines as launchkit writes them, whose values need no icalendar to read: no escapes,
# no parameters, a UTC stamp (anything else is read by icalendar).
_PLAIN = {
    "UID": re.compile(r"UID:([^\\]*)"),
    "SEQUENCE": re.compile(r"SEQUENCE:([0-9]{1,9})"),
    "DTSTAMP": re.compile(r"DTSTAMP:([0-9]{8}T[0-9]{6}Z)"),
    HASH: re.compile(re.escape(HASH) + r":([0-9a-f]{16})"),
}


@dataclass
class _Block:
    """One VEVENT of the calendar being replaced: its lines' positions and, if plain, values."""

    begin: int
    plain: bool
    """Directly inside the calendar, closed by END:VEVENT, no event inside it."""
    values: dict[str, str] = field(default_factory=dict)


def _previous_events(data: bytes | None, current: set[str]) -> _Previous:
    """The events of the calendar being replaced, parsed by icalendar only as far as needed.

    A calendar of 40,000 events takes icalendar tens of seconds to parse whole, and what an
    event still in the plan needs is four short lines. icalendar accepts any line inside a
    VEVENT (a line it cannot read is recorded on the event, never raised), so leaving such lines
    out changes neither what it reads nor whether the file fails. So icalendar parses the file
    without them: the calendar's own lines, time zones and reminders whole, and of each event
    only BEGIN/END, a tag with its number and the four lines, or nothing at all when those are
    in the plain shape launchkit writes (read here instead, see _PLAIN). Events that left the
    plan are parsed again, whole. A line in a shape this reading does not expect (not `NAME:`
    or `NAME;`, a BEGIN or END with parameters or escapes) makes it parse the whole file.
    """
    from icalendar.parser import Contentlines

    if data is None:
        return _Previous()
    try:
        lines = [line for line in Contentlines.from_ical(data) if line]  # type: ignore[no-untyped-call]
        found = _event_blocks(lines)
    except ValueError:
        found = None
    if found is None:
        everything = _events_by_uid(read_calendar(data))
        return _Previous(
            {u: _before(e) for u, e in everything.items() if u in current},
            {u: e for u, e in everything.items() if u not in current},
        )
    owners, blocks = found
    fast = {
        number
        for number, block in enumerate(blocks)
        if block.plain and set(block.values) == set(_PLAIN) and _stamp_of(block) is not None
    }
    short: list[str] = []
    for line, owner in zip(lines, owners, strict=True):
        if owner is None:
            short.append(line)
        elif owner < 0:  # BEGIN:VEVENT of block -1 - owner
            if -1 - owner not in fast:
                short += [line, f"{_BLOCK}:{-1 - owner}"]
        elif owner in fast:
            continue
        elif _NAME.match(line).group().upper() in _READ or line[:4].upper() == "END:":  # type: ignore[union-attr]
            short.append(line)
    try:
        cal = read_calendar(_joined(short))
    except PreviousCalendarError:
        read_calendar(data)  # the same failure, with the message the whole file gives
        raise
    parsed = {int(str(e[_BLOCK])): e for e in _events(cal) if _BLOCK in e}
    # In the order of their BEGIN lines, as icalendar walks them; a later UID wins.
    by_uid: dict[str, tuple[int, _Before]] = {}
    for number, block in enumerate(blocks):
        if number in fast:
            uid = block.values["UID"]
            stamp = _stamp_of(block)
            assert stamp is not None
            by_uid[uid] = (
                number,
                _Before(int(block.values["SEQUENCE"]), block.values[HASH], stamp),
            )
        elif number in parsed and "UID" in parsed[number]:
            by_uid[str(parsed[number]["UID"])] = (number, _before(parsed[number]))
    previous = _Previous({u: b for u, (_, b) in by_uid.items() if u in current})
    leaving = {number for u, (number, _) in by_uid.items() if u not in current}
    if leaving:
        if all(blocks[number].plain for number in leaving):
            # The other events' lines left out; their reminders stay, outside any event.
            whole = _joined(
                [
                    line
                    for line, owner in zip(lines, owners, strict=True)
                    if owner is None or (-1 - owner if owner < 0 else owner) in leaving
                ]
            )
        else:
            whole = data
        for uid, event in _events_by_uid(read_calendar(whole)).items():
            if uid not in current:
                previous.gone[uid] = event
    return previous


def _event_blocks(lines: list[str]) -> tuple[list[int], list[_Block]] | None:
    """Each line's VEVENT block (`-1 - n` on its BEGIN line, n on its own lines), and the blocks.

    None when a line is not in the shape launchkit writes, so that the caller parses the file
    the usual way.
    """
    owners: list[int | None] = []
    stack: list[int | None] = []  # the block number of each open component (None: not a VEVENT)
    blocks: list[_Block] = []
    for line in lines:
        match = _NAME.match(line)
        if match is None:
            return None
        name = match.group().upper()
        top = stack[-1] if stack else None
        if name in ("BEGIN", "END"):
            value = line[len(name) + 1 :]
            if line[len(name)] != ":" or "\\" in value:
                return None
            if name == "END":
                if stack:
                    stack.pop()
                if top is not None and value.upper() != "VEVENT":
                    blocks[top].plain = False
                owners.append(top)
            elif value.upper() == "VEVENT":
                for open_ in stack:
                    if open_ is not None:
                        blocks[open_].plain = False
                blocks.append(_Block(len(owners), plain=len(stack) == 1))
                stack.append(len(blocks) - 1)
                owners.append(-len(blocks))
            else:
                stack.append(None)
                owners.append(None)
        else:
            owners.append(top)
            if top is not None and name in _READ:
                block = blocks[top]
                plain = _PLAIN[name].fullmatch(line)
                if plain is None or name in block.values:
                    block.plain = False
                else:
                    block.values[name] = plain.group(1)
    for number in stack:
        if number is not None:
            blocks[number].plain = False  # never closed
    return owners, blocks  # type: ignore[return-value]


def _stamp_of(block: _Block) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(block.values["DTSTAMP"], "%Y%m%dT%H%M%SZ").replace(
            tzinfo=dt.UTC
        )
    except (KeyError, ValueError):
        return None


def _joined(lines: list[str]) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _events(cal: Calendar) -> list[Event]:
    from icalendar import Event

    return [e for e in cal.walk("VEVENT") if isinstance(e, Event)]


def _events_by_uid(cal: Calendar) -> dict[str, Event]:
    return {str(e["UID"]): e for e in _events(cal) if "UID" in e}


def _before(event: Event) -> _Before:
    return _Before(int(event.get("SEQUENCE", 0)), str(event.get(HASH, "")), event)


def _stamp(before: _Before | None, hash_: str, now: dt.datetime) -> tuple[int, dt.datetime]:
    """SEQUENCE and DTSTAMP: carried over when nothing changed, bumped when something did."""
    if before is None:
        return 0, now
    if before.hash == hash_:
        stamp = before.stamp if isinstance(before.stamp, dt.datetime) else before.stamp.DTSTAMP
        if stamp is not None:
            return before.sequence, stamp
    return before.sequence + 1, now


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


def export_ics_launches(plans: list[Plan], options: ExportOptions, name: str) -> str:
    """Several launches in one calendar, each event with the UID its own export gives it.

    UIDs stay `<planned task id>@<playbook id>`, so subscribing to a launch's own calendar and to
    the combined one shows each task once: calendar programs merge events by UID. Time zones
    are written as for one launch: a VTIMEZONE for every zone an event uses, cancelled ones
    included.
    """
    from icalendar import Calendar, vText

    from launchkit.outputs.export.vtimezone import vtimezone

    lines = _Lines()
    chosen = [(plan, task) for plan in plans for task in selected(plan, options)]
    chosen.sort(key=lambda pt: (pt[1].start, pt[1].id, pt[0].playbook.id))
    events = [_event(plan, task, options, lines) for plan, task in chosen]
    stamp = options.now.astimezone(dt.UTC).replace(microsecond=0)
    previous = _previous_events(options.previous, {event.uid for event in events})
    cancelled = [_cancelled(previous.gone[uid], stamp) for uid in sorted(previous.gone)]

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    text = {"VALUE": "TEXT"}
    shown = " ".join(name.split())
    cal.add("name", vText(shown), parameters=text)
    cal.add("x-wr-calname", vText(shown), parameters=text)
    cal.add("x-wr-timezone", plans[0].timezone if plans else "UTC")
    cal.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    zones: dict[str, tuple[dt.date, dt.date]] = {}
    for plan in plans:
        mine = [t for p, t in chosen if p is plan]
        for tzid, (first, last) in _zones(plan, mine, []).items():
            lo, hi = zones.get(tzid, (first, last))
            zones[tzid] = (min(lo, first), max(hi, last))
    if plans:
        for tzid, (first, last) in _zones(plans[0], [], cancelled).items():
            lo, hi = zones.get(tzid, (first, last))
            zones[tzid] = (min(lo, first), max(hi, last))
    for tzid, (first, last) in sorted(zones.items()):
        cal.add_component(vtimezone(tzid, first, last))
    return _close(cal, events, cancelled, previous, stamp, lines)
