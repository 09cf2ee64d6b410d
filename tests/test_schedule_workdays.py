"""Working-day calendars: Israel's Sun–Thu week with Jewish holidays, Italy's Mon–Fri with Easter Monday."""

from __future__ import annotations

import datetime as dt

import pytest

from launchkit.model import CalendarSpec
from launchkit.schedule.workdays import WorkCalendar, holiday_language

D = dt.date
ISRAEL = CalendarSpec(workweek=["sun", "mon", "tue", "wed", "thu"], holidays=["IL"])
ITALY = CalendarSpec(holidays=["IT"])


@pytest.fixture(scope="module")
def il() -> WorkCalendar:
    return WorkCalendar(ISRAEL, "he", D(2027, 1, 1))


@pytest.fixture(scope="module")
def it() -> WorkCalendar:
    return WorkCalendar(ITALY, "it", D(2027, 1, 1))


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        (D(2027, 10, 10), True, None),  # a Sunday is a working day in Israel
        (D(2027, 10, 8), False, "יום שישי"),  # Friday
        (D(2027, 10, 9), False, "יום שבת"),  # Saturday
        (D(2027, 10, 3), False, "ראש השנה"),  # Rosh Hashana, second day, on a Sunday
        (D(2027, 10, 11), False, "יום כיפור"),  # Yom Kippur, a Monday
        (D(2027, 4, 22), False, "פסח"),  # Passover, a Thursday
        (D(2027, 5, 12), False, "יום העצמאות"),
    ],
)
def test_israel(il, day, working, why):
    assert il.is_working(day) is working
    assert il.why_closed(day) == why


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        (D(2027, 3, 29), False, "Lunedì dell'Angelo"),  # Easter Monday
        (D(2027, 3, 26), True, None),  # Good Friday is a working day in Italy
        (D(2027, 4, 25), False, "Anniversario della Liberazione"),  # a Sunday and a holiday
        (D(2027, 6, 2), False, "Festa della Repubblica"),
        (D(2027, 4, 24), False, "sabato"),
        (D(2027, 4, 26), True, None),
    ],
)
def test_italy(it, day, working, why):
    assert it.is_working(day) is working
    assert it.why_closed(day) == why


def test_holiday_names_fall_back_to_english_and_match_language_variants():
    assert holiday_language("IT", "it") == "it_IT"
    assert holiday_language("IL", "he") == "he"
    assert holiday_language("IL", "it") == "en_US"
    en = WorkCalendar(ITALY, "en", D(2027, 1, 1))
    assert en.why_closed(D(2027, 4, 25)) == "Liberation Day"
    assert en.why_closed(D(2027, 4, 24)) == "Saturday"


def test_closed_days_and_subdivisions():
    cal = WorkCalendar(
        CalendarSpec(holidays=["ES-MD"], closed=[D(2027, 7, 7)]), "en", D(2027, 1, 1)
    )
    assert cal.why_closed(D(2027, 7, 7)) == "closed day"
    assert cal.why_closed(D(2027, 5, 3)) == "Monday following Madrid Day"  # Madrid only
    assert WorkCalendar(CalendarSpec(holidays=["ES"]), "en", D(2027, 1, 1)).is_working(
        D(2027, 5, 3)
    )
    assert WorkCalendar(ISRAEL, "it").why_closed(D(2027, 10, 11)) == "Yom Kippur"


def test_add_steps_over_weekends_and_holidays(il, it):
    assert it.add(D(2027, 3, 26), 1) == D(2027, 3, 30)  # over the weekend and Easter Monday
    assert it.add(D(2027, 3, 30), -1) == D(2027, 3, 26)
    assert il.add(D(2027, 10, 7), 1) == D(2027, 10, 10)  # Thursday to Sunday
    assert il.add(D(2027, 10, 10), 1) == D(2027, 10, 12)  # over Yom Kippur
    assert il.add(D(2027, 10, 10), -5) == D(2027, 9, 30)  # back over Rosh Hashana
    # From a non-working day, +1 is the next working day and -1 the previous one.
    assert il.add(D(2027, 10, 9), 1) == D(2027, 10, 10)
    assert il.add(D(2027, 10, 9), -1) == D(2027, 10, 7)
    assert il.add(D(2027, 10, 9), 0) == D(2027, 10, 10)


def test_on_or_after_and_before(it):
    assert it.on_or_after(D(2027, 4, 24)) == D(2027, 4, 26)
    assert it.on_or_before(D(2027, 3, 29)) == D(2027, 3, 26)
    assert it.on_or_after(D(2027, 3, 30)) == D(2027, 3, 30)


def test_count_is_the_inverse_of_add(it):
    assert it.count(D(2027, 3, 26), D(2027, 3, 30)) == 1
    assert it.count(D(2027, 3, 30), D(2027, 3, 26)) == -1
    assert it.count(D(2027, 3, 26), D(2027, 3, 26)) == 0
    assert it.working_days(D(2027, 3, 25), D(2027, 3, 31)) == [
        D(2027, 3, 25),
        D(2027, 3, 26),
        D(2027, 3, 30),
        D(2027, 3, 31),
    ]


def test_years_are_added_on_demand_both_ways():
    cal = WorkCalendar(ITALY, "en", D(2027, 1, 1))
    # Far outside the three years first loaded: Easter Monday 2031 is 14 April.
    assert cal.why_closed(D(2031, 4, 14)) == "Easter Monday"
    assert cal.add(D(2031, 4, 11), 1) == D(2031, 4, 15)
    back = WorkCalendar(ITALY, "en", D(2027, 1, 1))
    # Walk 1,000 working days back by hand, one day at a time, to check the jump.
    import holidays

    closed = holidays.IT(years=range(2020, 2028))
    day, left = D(2027, 1, 4), 1000
    while left:
        day -= dt.timedelta(days=1)
        left -= day.weekday() < 5 and day not in closed
    assert back.add(D(2027, 1, 4), -1000) == day
    assert back.count(day, D(2027, 1, 4)) == 1000
    assert back.why_closed(D(2020, 4, 13)) == "Easter Monday"


def test_empty_workweek_is_refused():
    with pytest.raises(ValueError, match="at least one working weekday"):
        WorkCalendar(CalendarSpec(workweek=[]))


def test_the_weekday_names_kept_for_start_up_are_babels():
    from babel.dates import get_day_names

    from launchkit.schedule.workdays import WEEKDAY_NAMES

    for locale, names in WEEKDAY_NAMES.items():
        assert names == tuple(str(get_day_names("wide", locale=locale)[i]) for i in range(7))
