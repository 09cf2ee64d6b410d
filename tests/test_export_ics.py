"""ICS export, read back by independent consumers: icalendar and recurring-ical-events."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st

from export_support import D, sample_plan
from launchkit.outputs.export import ExportOptions
from launchkit.outputs.export.ics import PreviousCalendarError, export_ics
from launchkit.schedule import Plan, PlannedTask

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 12, 20, 17, 45, tzinfo=dt.UTC)
JERUSALEM = zoneinfo.ZoneInfo("Asia/Jerusalem")


def read(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def events(text: str) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in read(text).walk("VEVENT")}


def occurrences(text: str) -> dict[str, list[tuple[object, object]]]:
    """Each UID's (start, end) per occurrence, as recurring-ical-events expands them."""
    found: dict[str, list[tuple[object, object]]] = {}
    for e in recurring_ical_events.of(read(text)).between(D(2000, 1, 1), D(2100, 1, 1)):
        found.setdefault(str(e["UID"]), []).append((e["DTSTART"].dt, e["DTEND"].dt))
    return {uid: sorted(v) for uid, v in found.items()}


def expected(plan: Plan) -> dict[str, list[tuple[object, object]]]:
    """What every consumer must see: the plan's own dates and times."""
    want: dict[str, list[tuple[object, object]]] = {}
    for t in plan.tasks:
        days = sorted({t.start, *t.occurrences})
        span = dt.timedelta(days=(t.end - t.start).days + 1)
        uid = f"{t.id}@{plan.playbook.id}"
        if t.at is None:
            want[uid] = [(d, d + span) for d in days]
        else:
            starts = [dt.datetime.combine(d, t.at, tzinfo=JERUSALEM) for d in days]
            want[uid] = [(s, s + dt.timedelta(minutes=30)) for s in starts]
    return want


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    return sample_plan(tmp_path)


def test_one_calendar_with_its_header(plan: Plan) -> None:
    cal = read(export_ics(plan, ExportOptions(now=NOW)))
    assert cal["PRODID"] == "-//launchkit//launchkit playbook export//EN"
    assert cal["VERSION"] == "2.0"
    assert cal["METHOD"] == "PUBLISH"
    assert cal["X-WR-CALNAME"] == "השקת האפליקציה; שלב א, 2027 🚀"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Jerusalem"]


def test_every_occurrence_equals_the_plan(plan: Plan) -> None:
    assert occurrences(export_ics(plan, ExportOptions(now=NOW))) == expected(plan)


def test_all_day_events_are_dates_with_exclusive_end(plan: Plan) -> None:
    teasers = events(export_ics(plan, ExportOptions(now=NOW)))["teasers@app-launch"]
    assert teasers["DTSTART"].dt == D(2026, 12, 28)
    assert teasers["DTEND"].dt == D(2027, 1, 4)
    assert not isinstance(teasers["DTSTART"].dt, dt.datetime)


def test_an_event_across_non_working_days_lists_them(plan: Plan) -> None:
    teasers = events(export_ics(plan, ExportOptions(now=NOW)))["teasers@app-launch"]
    assert "ימי עבודה: 5/7 (לא ימי עבודה: 2027-01-01 יום שישי; 2027-01-02 יום שבת)" in str(
        teasers["DESCRIPTION"]
    )


def test_timed_events_are_in_the_playbook_zone(plan: Plan) -> None:
    contest = events(export_ics(plan, ExportOptions(now=NOW)))["contest@app-launch"]
    start = contest["DTSTART"]
    assert start.params["TZID"] == "Asia/Jerusalem"
    assert start.dt.astimezone(dt.UTC) == dt.datetime(2027, 1, 10, 11, 30, tzinfo=dt.UTC)


def test_moved_occurrences_become_exdate_and_rdate(plan: Plan) -> None:
    digest = events(export_ics(plan, ExportOptions(now=NOW)))["weekly-digest@app-launch"]
    assert digest["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=4"
    assert [d.dt for d in digest["EXDATE"].dts] == [D(2027, 1, 24)]
    assert [d.dt for d in digest["RDATE"].dts] == [D(2027, 1, 25)]


def test_text_survives_commas_semicolons_newlines_hebrew_and_emoji(plan: Plan) -> None:
    briefing = events(export_ics(plan, ExportOptions(now=NOW)))["manager-briefing@app-launch"]
    assert briefing["SUMMARY"] == "Brief managers: agenda, Q&A; then #feedback 🎉"
    assert str(briefing["DESCRIPTION"]).splitlines() == [
        "Line one, with commas; and semicolons",
        "Line two: שלום",
        "",
        "אחראי: דנה לוי",
        "שלב: לפני ההשקה: הכנות",
        "סטטוס: לביצוע, קריטי",
        "מקורות: S3.2, S3.3",
    ]


def test_owner_with_email_is_organizer_and_attendee(plan: Plan) -> None:
    briefing = events(export_ics(plan, ExportOptions(now=NOW)))["manager-briefing@app-launch"]
    assert briefing["ORGANIZER"] == "mailto:dana@example.com"
    assert briefing["ORGANIZER"].params["CN"] == "דנה לוי"
    assert briefing["ATTENDEE"] == "mailto:dana@example.com"
    teasers = events(export_ics(plan, ExportOptions(now=NOW)))["teasers@app-launch"]
    assert "ORGANIZER" not in teasers  # comms has no e-mail address


def test_uids_are_stable_and_per_site(plan: Plan) -> None:
    first = export_ics(plan, ExportOptions(now=NOW))
    assert sorted(events(first)) == sorted(
        [
            "manager-briefing@app-launch",
            "teasers@app-launch",
            "content-meeting@app-launch",
            "contest@app-launch",
            "weekly-digest@app-launch",
            "champions-ready@haifa@app-launch",
            "champions-ready@rome@app-launch",
            "go-live@app-launch",
        ]
    )
    assert export_ics(plan, ExportOptions(now=NOW)) == first


def test_alarm(plan: Plan) -> None:
    text = export_ics(plan, ExportOptions(now=NOW, alarm=dt.timedelta(hours=2)))
    alarm = events(text)["go-live@app-launch"].walk("VALARM")[0]
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm["TRIGGER"].dt == -dt.timedelta(hours=2)
    assert "VALARM" not in export_ics(plan, ExportOptions(now=NOW))


def test_filters_by_owner_and_site(plan: Plan) -> None:
    mine = events(export_ics(plan, ExportOptions(now=NOW, owner="sponsor")))
    assert sorted(mine) == ["content-meeting@app-launch", "manager-briefing@app-launch"]
    haifa = events(export_ics(plan, ExportOptions(now=NOW, site="haifa")))
    assert "champions-ready@haifa@app-launch" in haifa
    assert "champions-ready@rome@app-launch" not in haifa
    assert "go-live@app-launch" in haifa
    assert read(export_ics(plan, ExportOptions(now=NOW, site="haifa")))["X-WR-CALNAME"].endswith(
        "— מפעל חיפה"
    )


def _move(plan: Plan, task_id: str, days: int) -> Plan:
    shift = dt.timedelta(days=days)
    tasks = [
        dataclasses.replace(t, start=t.start + shift, end=t.end + shift) if t.id == task_id else t
        for t in plan.tasks
    ]
    return dataclasses.replace(plan, tasks=tasks, _by_id={})


def test_unchanged_plan_reexports_byte_for_byte(plan: Plan) -> None:
    first = export_ics(plan, ExportOptions(now=NOW))
    again = export_ics(plan, ExportOptions(now=LATER, previous=first.encode()))
    assert again == first


def test_changed_dates_bump_sequence_and_dtstamp(plan: Plan) -> None:
    first = export_ics(plan, ExportOptions(now=NOW))
    second = export_ics(
        _move(plan, "go-live", 1), ExportOptions(now=LATER, previous=first.encode())
    )
    after = events(second)
    assert after["go-live@app-launch"]["SEQUENCE"] == 1
    assert after["go-live@app-launch"]["DTSTAMP"].dt == LATER
    assert after["go-live@app-launch"]["DTSTART"].dt == D(2027, 1, 11)
    assert after["teasers@app-launch"]["SEQUENCE"] == 0
    assert after["teasers@app-launch"]["DTSTAMP"].dt == NOW
    third = export_ics(
        _move(plan, "go-live", 2), ExportOptions(now=LATER, previous=second.encode())
    )
    assert events(third)["go-live@app-launch"]["SEQUENCE"] == 2


def test_a_task_that_left_the_plan_is_cancelled(plan: Plan) -> None:
    first = export_ics(plan, ExportOptions(now=NOW))
    fewer = dataclasses.replace(plan, tasks=[t for t in plan.tasks if t.id != "teasers"], _by_id={})
    second = export_ics(fewer, ExportOptions(now=LATER, previous=first.encode()))
    teasers = events(second)["teasers@app-launch"]
    assert (teasers["STATUS"], teasers["SEQUENCE"], teasers["DTSTAMP"].dt) == (
        "CANCELLED",
        1,
        LATER,
    )
    # Later exports keep it cancelled without bumping it again.
    third = export_ics(fewer, ExportOptions(now=LATER, previous=second.encode()))
    assert events(third)["teasers@app-launch"]["SEQUENCE"] == 1
    # And it comes back, newer than its cancellation, when it returns to the plan.
    back = export_ics(plan, ExportOptions(now=LATER, previous=third.encode()))
    assert (
        events(back)["teasers@app-launch"]["STATUS"],
        events(back)["teasers@app-launch"]["SEQUENCE"],
    ) == (
        "CONFIRMED",
        2,
    )


def test_skipped_tasks_are_cancelled_events(plan: Plan) -> None:
    task = plan.task("go-live")
    skipped = dataclasses.replace(task, task=task.task.model_copy(update={"status": "skipped"}))
    plan = dataclasses.replace(
        plan, tasks=[skipped if t.id == "go-live" else t for t in plan.tasks], _by_id={}
    )
    assert events(export_ics(plan, ExportOptions(now=NOW)))["go-live@app-launch"]["STATUS"] == (
        "CANCELLED"
    )


def test_refuses_to_carry_over_a_calendar_it_did_not_write(plan: Plan) -> None:
    other = b"BEGIN:VCALENDAR\r\nPRODID:-//Someone//Else//EN\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    with pytest.raises(PreviousCalendarError, match="did not write"):
        export_ics(plan, ExportOptions(now=NOW, previous=other))
    with pytest.raises(PreviousCalendarError, match="not an iCalendar file"):
        export_ics(plan, ExportOptions(now=NOW, previous=b"launchkit: 1\nid: x\n"))


def _repeating(plan: Plan, rule: str, at: dt.time | None, start: D, days: list[D]) -> Plan:
    base = plan.task("weekly-digest")
    model = base.task.model_copy(update={"repeat": rule, "at": at})
    task = PlannedTask("series", model, None, start, start, occurrences=days)
    return dataclasses.replace(plan, tasks=[task], _by_id={})


def test_a_moved_first_occurrence_keeps_the_rule_on_its_own_days(plan: Plan) -> None:
    # Monthly on the 17th; January's 17th was closed, so the plan starts on the 18th.
    days = [D(2027, 1, 18), D(2027, 2, 17), D(2027, 3, 17)]
    series = _repeating(plan, "FREQ=MONTHLY;COUNT=3", dt.time(9, 15), days[0], days)
    from launchkit.schedule import Moved

    series.tasks[0].moved.append(Moved("start", D(2027, 1, 17), D(2027, 1, 18), "closed"))
    text = export_ics(series, ExportOptions(now=NOW))
    assert occurrences(text) == expected(series)
    assert len(events(text)["series@app-launch"]["EXDATE"].dts) == 1


def test_until_is_utc_for_timed_series(plan: Plan) -> None:
    days = [D(2027, 1, 11), D(2027, 1, 18), D(2027, 1, 25)]
    series = _repeating(plan, "FREQ=WEEKLY;UNTIL=20270125", dt.time(23, 30), days[0], days)
    text = export_ics(series, ExportOptions(now=NOW))
    # The end of the last day (23:59:59 in Jerusalem), so no reading of its 23:30 falls after.
    assert b"UNTIL=20270125T215959Z" in events(text)["series@app-launch"]["RRULE"].to_ical()
    assert occurrences(text) == expected(series)


@settings(max_examples=30, deadline=None)
@given(
    freq=st.sampled_from(["DAILY", "WEEKLY", "MONTHLY"]),
    count=st.integers(1, 8),
    shifts=st.lists(st.integers(0, 2), min_size=8, max_size=8),
    timed=st.booleans(),
)
def test_any_moved_series_expands_to_the_plan(
    tmp_path_factory: pytest.TempPathFactory,
    freq: str,
    count: int,
    shifts: list[int],
    timed: bool,
) -> None:
    from dateutil.rrule import rrulestr

    plan = sample_plan(tmp_path_factory.mktemp("p"))
    rule = f"FREQ={freq};COUNT={count}"
    start = dt.datetime(2027, 1, 31)
    raw = [d.date() for d in rrulestr(rule, dtstart=start)]
    # The scheduler moves some occurrences forward off non-working days; never onto another one.
    moved = sorted({d + dt.timedelta(days=s) for d, s in zip(raw, shifts, strict=False)})
    series = _repeating(plan, rule, dt.time(8, 0) if timed else None, moved[0], moved)
    assert occurrences(export_ics(series, ExportOptions(now=NOW))) == expected(series)


def test_a_title_with_a_line_break_survives_in_the_calendar_name(cli, tmp_path):
    # Found by the fuzz suite: a YAML block scalar title ends in a line break.
    path = tmp_path / "launch.yaml"
    path.write_text(
        "launchkit: 1\nid: a\ntitle: |\n  Our launch\n  second line\nlaunch: 2027-03-15\n"
        'description: "two\\nlines"\ntasks:\n  - {id: a, title: A, start: L}\n',
        encoding="utf-8",
    )
    r = cli("export", str(path), "--ics")
    assert r.exit_code == 0, r.stderr
    from icalendar import Calendar

    cal = Calendar.from_ical(r.stdout)
    assert str(cal["x-wr-calname"]) == "Our launch second line"
    # TEXT (VALUE=TEXT): the description keeps its lines, escaped as \\n.
    assert str(cal["x-wr-caldesc"]) == str(cal["description"]) == "two\nlines"


def _old_reading(data: bytes) -> dict[str, tuple[int, str]]:
    """SEQUENCE and hash per UID as icalendar reads the whole file, for comparison."""
    return {
        uid: (int(e.get("SEQUENCE", 0)), str(e.get("X-LAUNCHKIT-HASH", "")))
        for uid, e in events(data.decode()).items()
    }


def test_a_hand_edited_calendar_is_read_as_icalendar_reads_it(plan: Plan) -> None:
    first = export_ics(plan, ExportOptions(now=NOW))
    # Edits a person might make: a lower-case name, a parameter on UID, an unreadable line
    # inside an event (icalendar tolerates it), a line of another application.
    edited = (
        first.replace("SEQUENCE:0\r\nCATEGORIES", "sequence:4\r\nCATEGORIES", 1)
        .replace("\r\nUID:go-live@", "\r\nUID;X-NOTE=1:go-live@", 1)
        .replace("\r\nTRANSP:", "\r\nDTSTART:garbage\r\nX-OTHER-APP:1\r\nTRANSP:", 2)
    )
    assert _old_reading(edited.encode())
    again = events(export_ics(plan, ExportOptions(now=LATER, previous=edited.encode())))
    for uid, (sequence, _) in _old_reading(edited.encode()).items():
        assert again[uid]["SEQUENCE"] == sequence  # unchanged content keeps what it had
        assert again[uid]["DTSTAMP"].dt == NOW
    assert 4 in {int(e["SEQUENCE"]) for e in again.values()}


def test_a_broken_calendar_line_fails_as_the_whole_file_does(plan: Plan) -> None:
    first = export_ics(plan, ExportOptions(now=NOW))
    broken = first.replace("METHOD:PUBLISH", "METHOD;=:PUBLISH").encode()
    with pytest.raises(ValueError) as whole:
        icalendar.Calendar.from_ical(broken)
    with pytest.raises(PreviousCalendarError) as ours:
        export_ics(plan, ExportOptions(now=NOW, previous=broken))
    # the reader is told it is not a calendar; the parser's words stay behind --traceback
    assert str(ours.value) == "not an iCalendar file"
    assert str(ours.value.__cause__) == str(whole.value)


def test_a_cancelled_event_among_many_keeps_its_reminder(plan: Plan) -> None:
    first = export_ics(plan, ExportOptions(now=NOW, alarm=dt.timedelta(days=1)))
    fewer = dataclasses.replace(plan, tasks=[t for t in plan.tasks if t.id != "teasers"], _by_id={})
    second = export_ics(
        fewer, ExportOptions(now=LATER, previous=first.encode(), alarm=dt.timedelta(days=1))
    )
    gone = events(second)["teasers@app-launch"]
    assert gone["STATUS"] == "CANCELLED"
    assert [c.name for c in gone.subcomponents] == ["VALARM"]
    assert second.count("BEGIN:VALARM") == first.count("BEGIN:VALARM")
