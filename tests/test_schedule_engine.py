"""The scheduling rules of DESIGN.md, each with dates checked by hand against a wall calendar.

Italy: Mon–Fri; 2027 holidays used here: Easter Sunday 28 Mar, Easter Monday 29 Mar, Liberation
Day 25 Apr (a Sunday), St Francis 4 Oct. Israel: Sun–Thu; Rosh Hashana 2–3 Oct 2027 (Sat, Sun),
Yom Kippur 11 Oct (Mon).
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from launchkit.diagnostics import LaunchkitError
from launchkit.load import load_playbook
from launchkit.schedule import Moved, Plan, schedule

D = dt.date

ITALY = """\
launchkit: 1
id: t
title: T
locale: en
launch: {launch}
calendar: {{holidays: [IT]}}
"""
ISRAEL = """\
launchkit: 1
id: t
title: T
locale: he
launch: {launch}
calendar: {{workweek: [sun, mon, tue, wed, thu], holidays: [IL]}}
"""


@pytest.fixture
def plan(write):
    def make(head: str, day_l: str, tasks: str, extra: str = "", **kw: object) -> Plan:
        text = (
            head.format(launch=day_l)
            + extra
            + "tasks:\n"
            + textwrap.indent(textwrap.dedent(tasks), "  ")
        )
        return schedule(load_playbook(write(text)), **kw)  # type: ignore[arg-type]

    return make


def dates(plan: Plan) -> dict[str, tuple[dt.date, dt.date]]:
    return {t.id: (t.start, t.end) for t in plan.tasks}


def test_offsets_count_calendar_days_working_days_and_weeks(plan):
    p = plan(
        ITALY,
        "2027-03-31",  # a Wednesday
        """\
        - {id: a, title: A, start: L}
        - {id: b, title: B, start: L-3bd}
        - {id: c, title: C, start: L-2d}
        - {id: d, title: D, start: L+1w}
        - {id: e, title: E, start: 2027-04-25}
        - {id: f, title: F, start: L-3d}
        - {id: g, title: G, start: L+4bd}
        """,
    )
    assert {k: s for k, (s, _) in dates(p).items()} == {
        "a": D(2027, 3, 31),
        "b": D(2027, 3, 25),  # Tue 30, (Easter Monday), Fri 26, Thu 25
        "c": D(2027, 3, 30),  # Easter Monday moves to Tuesday
        "d": D(2027, 4, 7),
        "e": D(2027, 4, 26),
        "f": D(2027, 3, 30),  # Easter Sunday, then Easter Monday, then Tuesday
        "g": D(2027, 4, 6),  # Thu 1, Fri 2, Mon 5, Tue 6
    }
    assert p.task("c").moved == [Moved("start", D(2027, 3, 29), D(2027, 3, 30), "Easter Monday")]
    assert p.task("e").moved[0].note() == "moved from 2027-04-25, Liberation Day"
    assert p.task("f").moved[0].reason == "Easter Sunday"
    assert p.task("a").moved == p.task("b").moved == []


def test_launch_option_overrides_and_supplies_launch_day(plan, write):
    tasks = "- {id: a, title: A, start: L-1bd}\n"
    p = plan(ITALY, "2027-03-31", tasks, launch=D(2027, 4, 1))
    assert p.launch == D(2027, 4, 1)
    assert p.task("a").start == D(2027, 3, 31)
    path = write("launchkit: 1\nid: t\ntitle: T\ntasks:\n  - {id: a, title: A, start: L}\n")
    assert schedule(load_playbook(path), D(2027, 1, 4)).task("a").start == D(2027, 1, 4)
    with pytest.raises(LaunchkitError) as e:
        schedule(load_playbook(path))
    (d,) = e.value.diagnostics
    assert (d.line, d.column, d.code) == (1, 1, "no-launch")
    assert "--launch" in d.message


def test_durations(plan):
    p = plan(
        ITALY,
        "2027-03-31",
        """\
        - {id: one, title: default 1bd, start: L}
        - {id: three, title: 3bd, start: L, duration: 3bd}
        - {id: over, title: over Easter, start: 2027-03-26, duration: 2bd}
        - {id: milestone, title: 0bd, start: L, duration: 0bd}
        - {id: week, title: 1w, start: L, duration: 1w}
        - {id: days, title: 3d, start: 2027-03-25, duration: 3d}
        """,
    )
    assert dates(p) == {
        "one": (D(2027, 3, 31), D(2027, 3, 31)),
        "three": (D(2027, 3, 31), D(2027, 4, 2)),
        "over": (D(2027, 3, 26), D(2027, 3, 30)),
        "milestone": (D(2027, 3, 31), D(2027, 3, 31)),
        "week": (D(2027, 3, 31), D(2027, 4, 6)),  # Wed to Tue, the last working day of 7
        "days": (D(2027, 3, 25), D(2027, 3, 26)),  # Thu, Fri, Sat: ends Friday
    }


def test_after_waits_for_every_predecessor_then_lag_working_days(plan):
    p = plan(
        ISRAEL,
        "2027-10-10",  # a Sunday
        """\
        - {id: a, title: A, start: 2027-09-29, duration: 2bd}
        - {id: b, title: B, start: 2027-10-04}
        - {id: c, title: C, after: [a, b]}
        - {id: d, title: D, after: [a, b], lag: 3bd}
        - {id: e, title: E, after: [a], start: L}
        - {id: f, title: F, after: [a], start: 2027-10-01}
        - {id: g, title: G, after: [a]}
        """,
    )
    s = {k: v[0] for k, v in dates(p).items()}
    assert p.task("a").end == D(2027, 9, 30)
    assert s["c"] == D(2027, 10, 5)  # the day after b, the later one
    assert s["d"] == D(2027, 10, 10)  # Tue 5, Wed 6, Thu 7, then Sunday 10
    assert s["e"] == D(2027, 10, 10)  # start is later than after: start wins
    assert s["g"] == D(2027, 10, 4)  # over Friday, Saturday and Rosh Hashana
    # start (a Friday) and after agree on Monday: the move of the start is noted
    assert s["f"] == D(2027, 10, 4)
    assert [m.note() for m in p.task("f").moved] == ["moved from 2027-10-01, יום שישי"]
    assert p.task("d").after == ["a", "b"]


def test_move_is_not_noted_when_after_decides(plan):
    p = plan(
        ITALY,
        "2027-03-31",
        """\
        - {id: a, title: A, start: 2027-04-05, duration: 3bd}
        - {id: b, title: B, after: [a], start: 2027-03-29}
        """,
    )
    assert p.task("b").start == D(2027, 4, 8)
    assert p.task("b").moved == []


def test_due_alone_ends_on_it_and_moves_back(plan):
    p = plan(
        ITALY,
        "2027-03-31",
        """\
        - {id: a, title: A, due: L-2d, duration: 3bd}
        - {id: b, title: B, due: L}
        - {id: c, title: C, due: 2027-04-25, duration: 0bd}
        """,
    )
    assert dates(p) == {
        "a": (D(2027, 3, 24), D(2027, 3, 26)),  # due on Easter Monday: back to Friday
        "b": (D(2027, 3, 31), D(2027, 3, 31)),
        "c": (D(2027, 4, 23), D(2027, 4, 23)),
    }
    assert p.task("a").moved == [Moved("due", D(2027, 3, 29), D(2027, 3, 26), "Easter Monday")]
    assert p.task("a").deadline == D(2027, 3, 26)


def test_repeat_expands_occurrences_moved_off_closed_days(plan):
    p = plan(
        ITALY,
        "2027-03-31",
        """\
        - {id: weekly, title: W, start: 2027-03-29, repeat: FREQ=WEEKLY;COUNT=5}
        - {id: monthly, title: M, start: 2027-04-25, at: "10:00", repeat: FREQ=MONTHLY;COUNT=3}
        - {id: once, title: O, start: L}
        """,
    )
    weekly = p.task("weekly")
    assert weekly.start == D(2027, 3, 30)
    assert weekly.occurrences == [
        D(2027, 3, 30),
        D(2027, 4, 5),
        D(2027, 4, 12),
        D(2027, 4, 19),
        D(2027, 4, 26),
    ]
    assert [m.what for m in weekly.moved] == ["start"]  # one note for the first day, not two
    monthly = p.task("monthly")
    assert monthly.occurrences == [D(2027, 4, 26), D(2027, 5, 25), D(2027, 6, 25)]
    assert monthly.at == dt.time(10, 0)
    assert p.task("once").occurrences == []


def test_repeat_occurrences_that_meet_after_moving_are_held_once(plan):
    p = plan(
        ISRAEL,
        "2027-10-10",
        "- {id: daily, title: D, start: 2027-09-30, repeat: FREQ=DAILY;COUNT=4}\n",
    )
    daily = p.task("daily")
    assert daily.occurrences == [D(2027, 9, 30), D(2027, 10, 4)]
    assert [(m.original, m.reason) for m in daily.moved] == [
        (D(2027, 10, 1), "יום שישי"),
        (D(2027, 10, 2), "ראש השנה"),
        (D(2027, 10, 3), "ראש השנה"),
    ]


@pytest.mark.parametrize("at", [None, '"09:30"', '"23:59"', '"00:00"'])
def test_a_date_until_covers_its_whole_day_with_or_without_a_time(plan, at):
    # RFC 5545 3.3.10: UNTIL is inclusive; a DATE bounds by the whole day (issue 16).
    timed = f", at: {at}" if at else ""
    p = plan(
        ITALY,
        "2027-04-12",
        f"- {{id: w, title: W, start: 2027-04-05{timed}, repeat: FREQ=WEEKLY;UNTIL=20270419}}\n",
    )
    assert p.task("w").occurrences == [D(2027, 4, 5), D(2027, 4, 12), D(2027, 4, 19)]


SITES = """\
sites:
  - {id: milan, name: Milan office}
  - id: haifa
    name: Haifa plant
    launch: L+1bd
    calendar: {workweek: [sun, mon, tue, wed, thu], holidays: [IL]}
"""


def test_per_site_copies_links_calendars_and_waves(plan):
    p = plan(
        ITALY,
        "2027-10-06",  # a Wednesday
        """\
        - {id: prep, title: P, start: L-2bd}
        - {id: brief, title: B, per_site: true, after: [prep], start: L-1bd}
        - {id: ready, title: R, per_site: true, after: [brief]}
        - {id: go, title: G, after: [ready]}
        """,
        SITES,
    )
    assert [t.id for t in p.tasks] == [
        "prep",
        "brief@milan",
        "brief@haifa",
        "ready@milan",
        "ready@haifa",
        "go",
    ]
    assert p.site_launch == {"milan": D(2027, 10, 6), "haifa": D(2027, 10, 7)}
    s = {k: v[0] for k, v in dates(p).items()}
    assert s["prep"] == D(2027, 10, 1)  # Tue 5, (St Francis on Mon 4), Fri 1
    assert s["brief@milan"] == D(2027, 10, 5)
    assert s["brief@haifa"] == D(2027, 10, 6)  # Haifa's launch is Thu 7; one Israeli day back
    assert s["ready@milan"] == D(2027, 10, 6)
    assert s["ready@haifa"] == D(2027, 10, 7)
    assert s["go"] == D(2027, 10, 8)  # waits for both sites
    assert p.task("ready@haifa").after == ["brief@haifa"]
    assert p.task("brief@haifa").after == ["prep"]
    assert p.task("go").after == ["ready@milan", "ready@haifa"]
    assert p.task("brief@haifa").site == "haifa"
    assert p.task("go").site is None
    assert p.calendar("haifa").is_working(D(2027, 10, 10))
    assert not p.calendar().is_working(D(2027, 10, 10))
    # prep must end by Friday: a Monday end would put Milan's briefing after its latest start.
    assert (p.task("prep").latest_end, p.task("prep").slack_bd) == (D(2027, 10, 1), 0)


def test_per_site_start_on_a_site_holiday_moves_with_the_sites_reason(plan):
    p = plan(
        ITALY,
        "2027-10-06",
        "- {id: x, title: X, per_site: true, start: L+4d}\n",
        SITES,
    )
    assert p.task("x@milan").start == D(2027, 10, 11)  # from Sunday 10
    assert p.task("x@milan").moved[0].reason == "Sunday"
    assert p.task("x@haifa").start == D(2027, 10, 12)  # Haifa's L+4d is Yom Kippur (Mon 11)
    assert p.task("x@haifa").moved[0].reason == "Yom Kippur"


def test_slack_and_critical_path(plan):
    p = plan(
        ITALY,
        "2027-04-07",  # a Wednesday
        """\
        - {id: a, title: A, start: L-5bd, duration: 2bd}
        - {id: b, title: B, after: [a], lag: 1bd, duration: 2bd}
        - {id: c, title: C, start: L-5bd}
        - {id: d, title: D, start: L, due: L-1bd}
        - {id: e, title: E, start: L+1d}
        """,
    )
    got = {
        t.id: (t.start, t.end, t.deadline, t.latest_end, t.slack_bd, t.critical) for t in p.tasks
    }
    assert got == {
        "a": (D(2027, 3, 31), D(2027, 4, 1), D(2027, 4, 6), D(2027, 4, 1), 0, True),
        "b": (D(2027, 4, 5), D(2027, 4, 6), D(2027, 4, 6), D(2027, 4, 6), 0, True),
        "c": (D(2027, 3, 31), D(2027, 3, 31), D(2027, 4, 6), D(2027, 4, 6), 4, False),
        "d": (D(2027, 4, 7), D(2027, 4, 7), D(2027, 4, 6), D(2027, 4, 6), -1, True),
        "e": (D(2027, 4, 8), D(2027, 4, 8), None, None, None, False),
    }


def test_a_late_successor_makes_its_predecessors_late(plan):
    p = plan(
        ITALY,
        "2027-04-07",
        """\
        - {id: a, title: A, start: L-2bd}
        - {id: b, title: B, after: [a], duration: 3bd, due: L}
        """,
    )
    # b runs Tue 6 to Thu 8, one day past its due date; a inherits the delay.
    assert (p.task("b").end, p.task("b").slack_bd) == (D(2027, 4, 8), -1)
    assert (p.task("a").latest_end, p.task("a").slack_bd) == (D(2027, 4, 2), -1)


@pytest.mark.parametrize(
    ("tasks", "line", "column", "cycle"),
    [
        (
            "- {id: a, title: A, after: [c]}\n"
            "- {id: b, title: B, after: [a]}\n"
            "- {id: c, title: C, after: [b]}\n",
            10,
            31,
            "a -> b -> c -> a",
        ),
        (
            "- {id: x, title: X, start: L}\n"
            "- {id: a, title: A, after: [x, b]}\n"
            "- {id: b, title: B, after: [a]}\n",
            10,
            31,
            "a -> b -> a",
        ),
    ],
)
def test_cycle_is_named_whole_at_the_task_that_closes_it(plan, tasks, line, column, cycle):
    with pytest.raises(LaunchkitError) as e:
        plan(ITALY, "2027-04-07", tasks)
    (d,) = e.value.diagnostics
    assert (d.line, d.column, d.code) == (line, column, "after-cycle")
    assert d.message == (
        f"these tasks wait for each other in a circle, so none can start: {cycle}; "
        "remove one of these after: links"
    )
