"""ICS export, issue 16: time zones every reader resolves alike, lengths, names, ownership.

(tests/test_ics_readers.py reads the same files with six readers; these pin the file's shape.)
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from launchkit.outputs.export.vtimezone import onsets, vtimezone

HEAD = """\
launchkit: 1
id: {id}
title: "Launch, phase 1; {id}"
description: "All staff, both sites"
locale: en
timezone: {zone}
launch: 2027-01-10
calendar: {{workweek: [mon, tue, wed, thu, fri, sat, sun]}}
tasks:
"""


def playbook(tasks: str, zone: str = "Asia/Jerusalem", id: str = "jer") -> str:
    return HEAD.format(zone=zone, id=id) + tasks


def export(cli, path: Path, out: Path, *args: str):
    return cli("export", str(path), "--ics", "-o", str(out), *args)


def blocks(text: str, name: str) -> list[str]:
    return re.findall(rf"BEGIN:{name}\r\n(.*?)END:{name}\r\n", text, re.DOTALL)


def test_one_onset_per_block_in_the_local_time_before_the_change():
    text = vtimezone("Asia/Jerusalem", dt.date(2026, 1, 1), dt.date(2027, 12, 31)).to_ical()
    text = text.decode()
    assert "RDATE" not in text
    subs = re.findall(r"BEGIN:(STANDARD|DAYLIGHT)\r\n(.*?)END:\1", text, re.DOTALL)
    found = [(kind, re.search(r"DTSTART:(\S+)", body).group(1)) for kind, body in subs]
    assert found == [
        ("STANDARD", "20251026T020000"),  # in force on 2026-01-01
        ("DAYLIGHT", "20260327T020000"),  # 02:00 IST becomes 03:00 IDT
        ("STANDARD", "20261025T020000"),  # 02:00 IDT becomes 01:00 IST
        ("DAYLIGHT", "20270326T020000"),
        ("STANDARD", "20271031T020000"),
    ]
    assert "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300" in text.replace("TZNAME:IDT\r\n", "")


def test_a_zone_without_changes_for_years_names_the_last_one():
    found = onsets(ZoneInfo("Europe/Istanbul"), dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert len(found) == 1
    assert found[0].at.year == 2016 and found[0].after == dt.timedelta(hours=3)
    utc = onsets(ZoneInfo("UTC"), dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert [(o.before, o.after) for o in utc] == [(dt.timedelta(0), dt.timedelta(0))]


def test_timed_events_have_a_duration_from_their_length(cli, write, tmp_path):
    path = write(
        playbook(
            '  - {id: meet, title: Meet, start: L, at: "10:00", length: 1h30m}\n'
            '  - {id: raffle, title: Raffle, start: L, at: "13:30"}\n'
        )
    )
    r = export(cli, path, tmp_path / "a.ics")
    assert r.exit_code == 0, r.stderr
    text = (tmp_path / "a.ics").read_bytes().decode("utf-8")
    assert "DTEND;TZID" not in text
    meet, raffle = sorted(blocks(text, "VEVENT"), key=lambda b: "raffle" in b)
    assert "DURATION:PT1H30M" in meet and "DURATION:PT30M" in raffle


def test_a_time_the_autumn_change_repeats_is_written_as_its_first_instant(cli, write, tmp_path):
    path = write(
        playbook(
            '  - {id: late, title: Late, start: 2027-10-31, at: "02:30"}\n'
            '  - {id: daily, title: D, start: 2027-10-30, at: "02:30",'
            " repeat: FREQ=DAILY;COUNT=3}\n",
            zone="Europe/Rome",
            id="rome",
        )
    )
    assert export(cli, path, tmp_path / "a.ics").exit_code == 0
    text = (tmp_path / "a.ics").read_bytes().decode("utf-8")
    late = next(b for b in blocks(text, "VEVENT") if "UID:late@" in b)
    assert "DTSTART:20271031T003000Z" in late  # 02:30 CEST, the first of the two
    daily = next(b for b in blocks(text, "VEVENT") if "UID:daily@" in b)
    assert "RRULE" not in daily
    assert "RDATE;TZID=Europe/Rome:20271030T023000,20271101T023000" in daily
    assert "RDATE:20271031T003000Z" in daily


def test_a_cancelled_timed_event_keeps_its_time_zone_defined(cli, write, tmp_path):
    out = tmp_path / "a.ics"
    path = write(
        playbook(
            '  - {id: meet, title: Meet, start: L, at: "10:00"}\n  - {id: a, title: A, start: L}\n'
        )
    )
    assert export(cli, path, out).exit_code == 0
    path = write(playbook("  - {id: a, title: A, start: L}\n"))
    r = export(cli, path, out)
    assert r.exit_code == 0, r.stderr
    text = out.read_bytes().decode("utf-8")
    meet = next(b for b in blocks(text, "VEVENT") if "UID:meet@" in b)
    assert "STATUS:CANCELLED" in meet and "DTSTART;TZID=Asia/Jerusalem:" in meet
    assert [re.search(r"TZID:(\S+)", b).group(1) for b in blocks(text, "VTIMEZONE")] == [
        "Asia/Jerusalem"
    ]


def test_a_time_zone_change_defines_both_zones(cli, write, tmp_path):
    out = tmp_path / "a.ics"
    tasks = '  - {id: meet, title: Meet, start: L, at: "10:00"}\n  - {id: gone, title: G, start: L, at: "11:00"}\n'
    assert export(cli, write(playbook(tasks)), out).exit_code == 0
    moved = playbook(tasks.splitlines(keepends=True)[0], zone="Europe/Rome")
    assert export(cli, write(moved), out).exit_code == 0
    text = out.read_bytes().decode("utf-8")
    zones = sorted(re.search(r"TZID:(\S+)", b).group(1) for b in blocks(text, "VTIMEZONE"))
    assert zones == ["Asia/Jerusalem", "Europe/Rome"]
    used = set(re.findall(r";TZID=([^:;]+)", text))
    assert used <= set(zones)


def test_names_are_text_for_every_reader(cli, write, tmp_path):
    path = write(playbook("  - {id: a, title: A, start: L}\n"))
    assert export(cli, path, tmp_path / "a.ics").exit_code == 0
    text = (tmp_path / "a.ics").read_bytes().decode("utf-8")
    assert "\r\nNAME;VALUE=TEXT:Launch\\, phase 1\\; jer\r\n" in text
    assert "\r\nX-WR-CALNAME;VALUE=TEXT:Launch\\, phase 1\\; jer\r\n" in text
    assert "\r\nDESCRIPTION:All staff\\, both sites\r\n" in text
    assert "\r\nX-WR-CALDESC;VALUE=TEXT:All staff\\, both sites\r\n" in text


def test_another_playbooks_calendar_is_refused_unless_forced(cli, write, tmp_path):
    out = tmp_path / "app.ics"
    other = write(playbook("  - {id: a, title: A, start: L}\n", id="app-launch"), "app.yaml")
    assert export(cli, other, out).exit_code == 0
    before = out.read_bytes()
    mine = write(playbook("  - {id: b, title: B, start: L}\n", id="starter"), "starter.yaml")
    r = export(cli, mine, out)
    assert r.exit_code == 2
    assert r.stderr == (
        f"{out}:1:1: error: a calendar exported from playbook 'app-launch', not 'starter';"
        " refusing to overwrite it (--force replaces it) [other-playbook]\n"
    )
    assert out.read_bytes() == before
    r = export(cli, mine, out, "--force")
    assert r.exit_code == 0, r.stderr
    text = out.read_bytes().decode("utf-8")
    assert "UID:b@starter" in text and "app-launch" not in text and "CANCELLED" not in text


def test_an_empty_calendar_belongs_to_nobody(cli, write, tmp_path):
    from launchkit.outputs.export.ics import PRODID

    out = tmp_path / "a.ics"
    out.write_text(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{PRODID}\r\nEND:VCALENDAR\r\n", encoding="utf-8"
    )
    assert export(cli, write(playbook("  - {id: b, title: B, start: L}\n")), out).exit_code == 0


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("45m", 45), ("2h", 120), ("1h30m", 90), ("1h 30m", 90), ("90min", 90), ("24h", 1440)],
)
def test_lengths(text, minutes):
    from launchkit.model.values import parse_event_length

    assert parse_event_length(text) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize(
    "text", ["", "90", "0m", "25h", "1d", "h", 45, None, "1h30", "1h\n30m", "25h\n"]
)
def test_bad_lengths(text):
    from pydantic_core import PydanticCustomError

    from launchkit.model.values import parse_event_length

    with pytest.raises(PydanticCustomError):
        parse_event_length(text)


def test_a_length_needs_a_time(cli, write):
    path = write(playbook("  - {id: a, title: A, start: L, length: 45m}\n"))
    r = cli("validate", str(path))
    assert r.exit_code == 2
    assert "[length-without-at]" in r.stderr
