"""The wall calendar (`render --only calendar`): the reader's week, the playbook's work week and
holidays, what each day shows, busy days, per-site calendars, and its options on the command line.
Golden files for English and Hebrew are in test_render.py with every other artefact."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from launchkit.load import load_playbook
from launchkit.outputs.render import Artefact, render
from launchkit.outputs.render.base import RenderContext
from launchkit.outputs.render.calendar import Day, build_calendar, first_weekday
from launchkit.schedule import Plan, schedule
from render_plans import hand_plan

PLAYBOOK = """\
launchkit: 1
id: wall
title: Wall calendar test
locale: {locale}
timezone: Europe/Rome
launch: 2027-04-26
calendar:
  workweek: [mon, tue, wed, thu, fri]
  holidays: [{country}]
sites:
  - {{id: milan, name: Milan office, launch: L+2bd,
     calendar: {{workweek: [mon, tue, wed, thu, fri], holidays: [{country}], closed: [2027-05-04]}}}}
  - {{id: rome, name: Rome office}}
gates:
  - {{id: ready, title: Everyone has the app, by: L-1bd, metric: installs, min: 90}}
tasks:
  - {{id: kickoff, title: Kick-off meeting, start: 2027-04-22, at: "13:30"}}
  - {{id: posters, title: Put up posters, start: L-3bd, duration: 3bd, status: done}}
  - {{id: weekly, title: Weekly stand-up, start: 2027-05-03, repeat: "FREQ=WEEKLY;COUNT=3"}}
  - {{id: champions, title: Champions briefed, per_site: true, due: L-1bd}}
"""


def plan_of(tmp_path: Path, locale: str = "en", country: str = "IT", extra: str = "") -> Plan:
    source = tmp_path / "wall.yaml"
    source.write_text(PLAYBOOK.format(locale=locale, country=country) + extra, encoding="utf-8")
    return schedule(load_playbook(source, source.name))


def days_of(plan: Plan, site: str | None = None) -> dict[dt.date, Day]:
    wall = build_calendar(RenderContext(plan), site)
    return {d.date: d for m in wall.months for w in m.weeks for d in w if d.in_month}


def texts(day: Day) -> list[str]:
    return [(e.time + " " if e.time else "") + e.text for e in day.entries]


@pytest.mark.parametrize(
    ("locale", "country", "first"),
    [("he", "IL", "Sun"), ("it", "IT", "Mon"), ("tr", "TR", "Mon"), ("en", "GB", "Mon"),
     ("en", "US", "Sun")],
)  # fmt: skip
def test_the_week_starts_on_the_readers_first_day(
    tmp_path: Path, locale: str, country: str, first: str
) -> None:
    plan = plan_of(tmp_path, locale, country)
    weekday = first_weekday(RenderContext(plan))
    assert ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[weekday] == first
    month = build_calendar(RenderContext(plan)).months[0]
    assert all(week[0].date.strftime("%a") == first for week in month.weeks)


def test_each_day_shows_what_happens_on_it(tmp_path: Path) -> None:
    days = days_of(plan_of(tmp_path))
    # A timed task with its time, before a task that continues from the day before.
    assert texts(days[dt.date(2027, 4, 22)]) == ["13:30 Kick-off meeting", "Put up posters"]
    # Launch day and the site waves are marked; a wave counts on the playbook's calendar.
    assert texts(days[dt.date(2027, 4, 26)])[0] == "Launch day"
    assert days[dt.date(2027, 4, 26)].launch
    assert "Wave: Milan office" in texts(days[dt.date(2027, 4, 28)])
    # A gate on its `by` day; the per-site copies on one day gathered into one line.
    friday = texts(days[dt.date(2027, 4, 23)])
    assert friday[0] == "Everyone has the app"
    # Milan's wave is two days later, so its copy is due on its own day.
    assert "Champions briefed · Rome office" in friday
    assert "Champions briefed · Milan office" in texts(days[dt.date(2027, 4, 27)])
    # A three-day task on each of its working days, marked done, later days as continuing.
    posters = [e for d in days.values() for e in d.entries if e.text == "Put up posters"]
    assert [e.continues for e in posters] == [False, True, True]
    assert all(e.done for e in posters)
    # A repeat on each occurrence.
    weekly = [d for d, day in days.items() if "Weekly stand-up" in texts(day)]
    assert weekly == [dt.date(2027, 5, 3), dt.date(2027, 5, 10), dt.date(2027, 5, 17)]


def test_non_working_days_and_holidays_in_the_playbooks_language(tmp_path: Path) -> None:
    days = days_of(plan_of(tmp_path, "it", "IT"))
    liberation = days[dt.date(2027, 4, 25)]
    assert not liberation.working
    assert liberation.holiday == "Anniversario della Liberazione"  # as `holidays` names it
    assert not days[dt.date(2027, 5, 1)].working and days[dt.date(2027, 5, 1)].holiday
    assert days[dt.date(2027, 4, 27)].working and not days[dt.date(2027, 4, 27)].holiday


def test_a_sites_calendar_uses_its_own_wave_and_calendar(tmp_path: Path) -> None:
    plan = plan_of(tmp_path)
    days = days_of(plan, "milan")
    assert not days[dt.date(2027, 5, 4)].working and days[dt.date(2027, 5, 4)].holiday
    assert days[dt.date(2027, 4, 28)].launch  # the site's wave is its launch day
    assert texts(days[dt.date(2027, 4, 28)])[0] == "Launch day"
    assert not days[dt.date(2027, 4, 26)].launch
    assert all("Rome office" not in t for d in days.values() for t in texts(d))
    rome = days_of(plan, "rome")
    assert rome[dt.date(2027, 4, 26)].launch
    assert rome[dt.date(2027, 5, 4)].working and not rome[dt.date(2027, 5, 4)].holiday


def test_a_busy_day_collapses_and_lists_the_rest_below_the_grid(tmp_path: Path) -> None:
    many = "".join(
        f"  - {{id: t{i}, title: Busy task number {i} with a long title, start: 2027-04-21}}\n"
        for i in range(14)
    )
    plan = plan_of(tmp_path, extra=many)
    wall = build_calendar(RenderContext(plan))
    april = wall.months[0]
    day = next(d for w in april.weeks for d in w if d.date == dt.date(2027, 4, 21))
    assert len(day.entries) == 15  # the posters start that day too
    assert 0 < len(day.shown) < 15 and day.more == 15 - len(day.shown)
    assert day in april.busy and day.hidden == day.entries[len(day.shown) :]
    assert not april.long
    html = render(plan, [Artefact.calendar]).files[0].text
    assert f"+{day.more} more" in html
    for i in range(14):  # every task is on the page: in its cell or in the list below
        assert f"Busy task number {i} with" in html


def test_files_one_svg_per_month_and_one_page_per_site(tmp_path: Path) -> None:
    names = [f.name for f in render(plan_of(tmp_path), [Artefact.calendar]).files]
    assert names == [
        "calendar.html", "calendar/2027-04.svg", "calendar/2027-05.svg",
        "calendar/milan.html", "calendar/rome.html",
    ]  # fmt: skip


def test_long_empty_stretches_are_left_out_unless_asked_for(tmp_path: Path) -> None:
    # A follow-up 16 months after launch: the months in between hold nothing. A lull of two
    # months keeps its place; a longer one is left out, unless --from/--to ask for it.
    extra = (
        "  - {id: survey, title: Pulse survey, start: 2027-08-02}\n"
        "  - {id: review, title: Year review, start: 2028-09-04}\n"
    )
    plan = plan_of(tmp_path, extra=extra)
    shown = [m.slug for m in build_calendar(RenderContext(plan)).months]
    assert shown == ["2027-04", "2027-05", "2027-06", "2027-07", "2027-08", "2028-09"]
    asked = build_calendar(RenderContext(plan), None, dt.date(2027, 4, 1), dt.date(2028, 9, 30))
    assert len(asked.months) == 18


@pytest.mark.parametrize("lang", ["en", "he"])
def test_svg_is_well_formed_and_mirrored_in_hebrew(lang: str) -> None:
    files = render(hand_plan(lang), [Artefact.calendar]).files
    svgs = [f for f in files if f.name.endswith(".svg")]
    assert svgs
    for f in svgs:
        root = ET.fromstring(f.text)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert (root.get("direction") == "rtl") == (lang == "he")


def test_hebrew_page_is_right_to_left_with_dates_and_times_left_to_right() -> None:
    html = render(hand_plan("he"), [Artefact.calendar]).files[0].text
    assert '<html lang="he" dir="rtl">' in html
    assert '<bdi dir="ltr" class="time">13:30</bdi>' in html
    # Sunday is the first column, so in a right-to-left page it stands on the right.
    head = html.split("<thead>")[1].split("</thead>")[0]
    assert head.index("ראשון") < head.index("שבת")


def test_render_site_and_range_on_the_command_line(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    plan_of(tmp_path)
    source = str(tmp_path / "wall.yaml")
    out = tmp_path / "out"
    result = cli("render", source, "--only", "calendar", "--site", "milan", "-o", str(out),
                 "--from", "2027-05-01", "--to", "2027-05-31")  # fmt: skip
    assert result.exit_code == 0, result.stdout + result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        ".launchkit-render.json",  # what render wrote there (docs/render.md)
        "calendar.html",
        "calendar/2027-05.svg",
    ]
    assert "Milan office" in (out / "calendar.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--site", "naples"], "'naples' is not a site of this playbook"),
        (["--from", "2027-05-02", "--to", "2027-05-01"], "comes before --from"),
        (["--from", "May"], "'May' is not a date"),
    ],
)
def test_bad_calendar_options_exit_2(tmp_path: Path, cli, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    plan_of(tmp_path)
    source = str(tmp_path / "wall.yaml")
    result = cli("render", source, "--only", "calendar", "-o", str(tmp_path / "o"), *args)
    assert result.exit_code == 2
    assert message in (result.stdout + result.stderr)
    assert not (tmp_path / "o").exists()
