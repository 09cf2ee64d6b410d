"""Working-day calendars: a work week, country holidays and closed days, with fast day arithmetic.

The working days of the years a plan needs are kept as a sorted list of ordinals, so adding or
counting working days is a binary search (O(log n)) instead of a walk day by day. The years are
extended on demand when a date falls outside them: an offset of `L+400bd` simply asks for more.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from launchkit.model import WEEKDAYS, CalendarSpec
from launchkit.model.locales import babel_locale, language_of

CLOSED_DAY = {"en": "closed day", "he": "יום סגור", "it": "giorno di chiusura", "tr": "kapalı gün"}
"""What `why_closed` says about a day listed under `closed`, per locale."""

_MIN_YEAR, _MAX_YEAR = 1, 9998
MAX_REACH_YEARS = 100
"""How far from its launch day (`around`) a calendar reaches. A date further away is almost
surely a typo (`due: 9990-01-01`), and covering it would cost seconds and hundreds of
megabytes of working days and holidays (issue 15)."""


class OutOfReach(ValueError):
    """A date further from launch day than a calendar reaches."""


class WorkCalendar:
    """The working days of one calendar spec, named in one locale.

    Day arithmetic follows one rule everywhere: `add(day, n)` is the n-th working day after
    `day` (before it when n < 0), whether or not `day` itself is a working day; for a working day
    it is simply n steps along the list of working days.
    """

    def __init__(self, spec: CalendarSpec, locale: str = "en", around: dt.date | None = None):
        self.spec = spec
        self.locale = language_of(locale)
        self.workweek = frozenset(WEEKDAYS.index(d) for d in spec.workweek)
        if not self.workweek:
            raise ValueError("a calendar needs at least one working weekday")
        self.closed = frozenset(spec.closed)
        self.countries = tuple(spec.holidays)
        self.closes_at = spec.closes_at or dt.time(13, 0)
        self._holidays: dict[dt.date, str] = {}
        self._reduced: dict[dt.date, Reduced] = {}
        self._days: list[int] = []
        year = (around or dt.date.today()).year
        self.around = around or dt.date.today()
        self._reach = (year - MAX_REACH_YEARS, year + MAX_REACH_YEARS)
        self._lo = self._hi = year
        self._load_years(year - 1, year + 1)

    # -- the table of working days -------------------------------------------------------------

    def _load_years(self, lo: int, hi: int) -> None:
        """Cover the years lo..hi (inclusive) in addition to what is covered already."""
        lo, hi = max(lo, _MIN_YEAR), min(hi, _MAX_YEAR)
        if self._days:
            new = [y for y in range(lo, hi + 1) if not self._lo <= y <= self._hi]
            lo, hi = min(lo, self._lo), max(hi, self._hi)
        else:
            new = list(range(lo, hi + 1))
        for country in self.countries:
            public = _holidays(country, tuple(new), self.locale)
            self._holidays.update(public)
            for kind in KINDS:
                how = treatment(self.spec, kind, country)
                for day, name in _special(country, kind, tuple(new), self.locale).items():
                    if day in self._holidays and day not in self._reduced:
                        continue  # a public holiday is a day off whatever else it is
                    if how == "off":
                        self._holidays[day] = name
                        self._reduced.pop(day, None)
                    elif day not in self._reduced:
                        self._reduced[day] = Reduced(kind, name, how)
        start, end = dt.date(lo, 1, 1).toordinal(), dt.date(hi, 12, 31).toordinal()
        self._days = [o for o in range(start, end + 1) if self._open(dt.date.fromordinal(o))]
        self._lo, self._hi = lo, hi

    def _open(self, day: dt.date) -> bool:
        return (
            day.weekday() in self.workweek and day not in self.closed and day not in self._holidays
        )

    def _cover(self, day: dt.date) -> None:
        """Make sure the year of `day` is in the table, growing it by at least its own span."""
        if self._lo <= day.year <= self._hi:
            return
        if not self._reach[0] <= day.year <= self._reach[1]:
            raise OutOfReach(
                f"{day.isoformat()} is over {MAX_REACH_YEARS} years from launch day "
                f"{self.around.isoformat()}"
            )
        span = self._hi - self._lo + 1
        if day.year > self._hi:
            self._load_years(self._hi + 1, max(day.year, self._hi + span))
        else:
            self._load_years(min(day.year, self._lo - span), self._lo - 1)

    def _at(self, index: int) -> dt.date:
        """The working day at `index` of the table, growing the table when it falls outside."""
        while index >= len(self._days):
            if self._hi >= min(_MAX_YEAR, self._reach[1]):
                raise ValueError("date out of range")
            self._cover(dt.date(self._hi + 1, 1, 1))
        while index < 0:
            if self._lo <= max(_MIN_YEAR, self._reach[0]):
                raise ValueError("date out of range")
            before = len(self._days)
            self._cover(dt.date(self._lo - 1, 12, 31))
            # Years added in front shift every index by the working days they hold.
            index += len(self._days) - before
        return dt.date.fromordinal(self._days[index])

    # -- questions -----------------------------------------------------------------------------

    def is_working(self, day: dt.date) -> bool:
        """Whether `day` is a working day: in the work week, not a holiday, not closed."""
        self._cover(day)
        return self._open(day)

    def why_closed(self, day: dt.date) -> str | None:
        """Why `day` is not a working day: a holiday's name, "closed day" or a weekday's name.

        Names are in the calendar's locale where the holidays package has that language.
        None for a working day.
        """
        self._cover(day)
        if day in self._holidays:
            return self._holidays[day]
        if day in self.closed:
            return CLOSED_DAY.get(self.locale, CLOSED_DAY["en"])
        if day.weekday() not in self.workweek:
            return _weekday_name(day.weekday(), self.locale)
        return None

    def reduced(self, day: dt.date) -> Reduced | None:
        """What makes a working day less than a full one (an eve, a half day, an optional
        holiday), or None for an ordinary day and for days off."""
        self._cover(day)
        return self._reduced.get(day) if self._open(day) else None

    def reduced_between(self, first: dt.date, last: dt.date) -> dict[dt.date, Reduced]:
        """The reduced working days from `first` to `last` (inclusive)."""
        self._cover(first)
        self._cover(last)
        return {
            d: r for d, r in sorted(self._reduced.items()) if first <= d <= last and self._open(d)
        }

    def holidays_between(self, first: dt.date, last: dt.date) -> dict[dt.date, str]:
        """The holidays from `first` to `last` (inclusive) with their names."""
        self._cover(first)
        self._cover(last)
        return {d: n for d, n in sorted(self._holidays.items()) if first <= d <= last}

    # -- arithmetic ----------------------------------------------------------------------------

    def add(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day` (n > 0) or before it (n < 0).

        With n == 0: `day` itself when it is a working day, else the next working day.
        """
        self._cover(day)
        o = day.toordinal()
        if n > 0:
            return self._at(bisect_right(self._days, o) + n - 1)
        if n < 0:
            index = bisect_left(self._days, o) + n
            return self._at(index)
        return self.on_or_after(day)

    def on_or_after(self, day: dt.date) -> dt.date:
        """`day` if it is a working day, else the next working day."""
        self._cover(day)
        return self._at(bisect_left(self._days, day.toordinal()))

    def on_or_before(self, day: dt.date) -> dt.date:
        """`day` if it is a working day, else the previous working day."""
        self._cover(day)
        return self._at(bisect_right(self._days, day.toordinal()) - 1)

    def count(self, first: dt.date, last: dt.date) -> int:
        """Working days in (first, last]; negative (working days in (last, first]) when last < first.

        For two working days it is the number of steps between them: `add(first, count) == last`.
        """
        self._cover(first)
        self._cover(last)
        return bisect_right(self._days, last.toordinal()) - bisect_right(
            self._days, first.toordinal()
        )

    def working_days(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Every working day from `first` to `last` inclusive."""
        self._cover(first)
        self._cover(last)
        lo = bisect_left(self._days, first.toordinal())
        hi = bisect_right(self._days, last.toordinal())
        return [dt.date.fromordinal(o) for o in self._days[lo:hi]]


def calendar_key(spec: CalendarSpec) -> tuple[object, ...]:
    """A hashable key of a calendar spec, so that equal specs share one WorkCalendar."""
    return (
        tuple(spec.workweek),
        tuple(spec.holidays),
        tuple(sorted(set(spec.closed))),
        spec.eves,
        spec.optional,
        spec.half_days,
        spec.closes_at,
    )


Kind = Literal["eves", "optional", "half_days"]
KINDS: tuple[Kind, ...] = ("eves", "optional", "half_days")


@dataclass(frozen=True)
class Reduced:
    """A working day that is less than a full one, and how the playbook treats it."""

    kind: Kind
    name: str
    """The day's name in the calendar's language: "ערב סוכות", "Kurban Bayramı arifesi"."""
    treatment: str
    """`working` (an ordinary day, noted) or `half` (work ends at `closes_at`)."""


EVE_OF = {"en": "Eve of {}", "he": "ערב {}", "tr": "{} arifesi", "it": "Vigilia di {}"}
"""How an eve is named, per language, from the name of the holiday it leads into."""

# The holidays whose eve most Israeli workplaces close early or entirely (their first day).
_IL_EVES = ("Rosh Hashanah", "Yom Kippur", "Sukkot", "Pesach", "Shavuot")


def treatment(spec: CalendarSpec, kind: Kind, country: str) -> str:
    """How a playbook treats one kind of day: its own word, else the country's custom.

    Israel: eves are half days (most workplaces close early, by collective agreements and
    custom); Chol HaMoed and the package's other optional days stay working days, since many
    workplaces only run reduced then. The package's half days (Turkey's arife from 13:00) are
    half days.
    """
    given = {"eves": spec.eves, "optional": spec.optional, "half_days": spec.half_days}[kind]
    if given is not None:
        return given
    if kind == "eves":
        return "half" if country.partition("-")[0] == "IL" else "working"
    return "working" if kind == "optional" else "half"


def _special(code: str, kind: Kind, years: tuple[int, ...], locale: str) -> dict[dt.date, str]:
    """Days of one kind (eves, optional days, half days) of a country, named in `locale`."""
    from launchkit.schedule.holiday_cache import cached_holidays

    country = code.partition("-")[0]
    if not years or (kind == "eves" and country != "IL"):
        return {}
    # A country without the category caches an empty table: a cached year never imports the
    # holidays package, which is most of `check`'s start-up (bench/README.md).
    return cached_holidays(
        f"{code}~{kind}1",
        list(years),
        locale,
        lambda missing: _compute_special(code, kind, missing, locale),
    )


def _compute_special(code: str, kind: Kind, years: list[int], locale: str) -> dict[dt.date, str]:
    import holidays

    country, _, subdiv = code.partition("-")
    category = {"optional": "optional", "half_days": "half_day"}.get(kind)
    if category is not None and category not in _categories(country):
        return {}
    if kind != "eves":
        category = "optional" if kind == "optional" else "half_day"
        table = holidays.country_holidays(
            country,
            subdiv=subdiv or None,
            years=years,
            categories=(category,),
            language=holiday_language(country, locale),
        )
        return dict(table.items())
    english = holidays.country_holidays(
        country, subdiv=subdiv or None, years=years, language=holiday_language(country, "en")
    )
    named = _compute(code, years, locale)
    pattern = EVE_OF.get(locale, EVE_OF["en"])
    eves: dict[dt.date, str] = {}
    for day, name in english.items():
        eve = day - dt.timedelta(days=1)
        if name in _IL_EVES and eve not in english:
            eves[eve] = pattern.format(named.get(day, name))
    return eves


@cache
def _categories(country: str) -> tuple[str, ...]:
    import holidays

    cls = type(holidays.country_holidays(country, years=[]))
    return tuple(getattr(cls, "supported_categories", ()))


def holiday_language(country: str, locale: str) -> str | None:
    """The language code the holidays package uses for `locale` in `country`, else English.

    The package names languages variously (`he`, `it_IT`, `en_US`): the locale matches a code
    equal to it or starting with `<locale>_`. None means the package's own default.
    """
    from holidays.registry import COUNTRIES

    codes = {entry[1] for entry in COUNTRIES.values()}
    if country not in codes:
        return None
    supported = _supported_languages(country)
    for wanted in (locale, "en"):
        for code in supported:
            if code == wanted or code.startswith(wanted + "_"):
                return code
    return None


@cache
def _supported_languages(country: str) -> tuple[str, ...]:
    import holidays

    cls = type(holidays.country_holidays(country, years=[]))
    return tuple(sorted(getattr(cls, "supported_languages", ())))


def _holidays(code: str, years: Iterable[int], locale: str) -> dict[dt.date, str]:
    """Holidays of `IL` or `ES-MD` in `years`, named in `locale` where the package can."""
    from launchkit.schedule.holiday_cache import cached_holidays

    years = list(years)
    if not years:
        return {}
    return cached_holidays(code, years, locale, lambda missing: _compute(code, missing, locale))


def _compute(code: str, years: list[int], locale: str) -> dict[dt.date, str]:
    import holidays

    country, _, subdiv = code.partition("-")
    table = holidays.country_holidays(
        country,
        subdiv=subdiv or None,
        years=years,
        language=holiday_language(country, locale),
    )
    return dict(table.items())


# CLDR's wide weekday names, Monday first, as babel's `get_day_names("wide")` gives them, for
# launchkit's own languages: a moved weekly meeting needs one, and importing babel and loading
# its locale data for it was a tenth of `check`'s start-up. tests/test_schedule_workdays.py
# checks the table against babel; any other locale asks babel.
WEEKDAY_NAMES = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "he": ("יום שני", "יום שלישי", "יום רביעי", "יום חמישי", "יום שישי", "יום שבת", "יום ראשון"),
    "tr": ("Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
}


@cache
def _weekday_name(weekday: int, locale: str) -> str:
    if locale in WEEKDAY_NAMES:
        return WEEKDAY_NAMES[locale][weekday]
    from babel.dates import get_day_names

    try:
        return str(get_day_names("wide", locale=babel_locale(locale))[weekday])
    except (ValueError, LookupError):
        return str(get_day_names("wide", locale="en")[weekday])
