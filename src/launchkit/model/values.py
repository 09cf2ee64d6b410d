"""Typed values that playbooks write as short strings: offsets, durations, times, RRULEs, codes.

Each parser raises `PydanticCustomError` whose type is the diagnostic code, so that the loader
can report `[bad-offset]` rather than pydantic's generic `value_error`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

Unit = Literal["d", "bd", "w"]

MAX_REPEATS = 1000
"""Most occurrences a `repeat: ...;COUNT=n` may ask for (a daily stand-up for three years)."""

# Every pattern is used with `fullmatch`: with `match`, a `$` also matches before a final line
# break, and "sam@example.com\n" once validated and then broke the calendar export (issue 15).
_OFFSET = re.compile(r"L(?:\s*([+-])\s*(\d{1,5})\s*(bd|d|w))?")
_SPAN = re.compile(r"(\d{1,5})\s*(bd|d|w)")
_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")
_SOURCE = re.compile(r"[A-Z][A-Z0-9]{0,7}\.\d{1,3}")
_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
"""A day as YAML writes one (YYYY-M-D), real or not: how a date is told from other text."""


@dataclass(frozen=True)
class Offset:
    """A day given relative to launch day L (`L-10bd`, `L+2w`, `L+7d`, `L`) or as a fixed date."""

    amount: int = 0
    unit: Unit = "d"
    date: dt.date | None = None

    @property
    def is_fixed(self) -> bool:
        return self.date is not None

    def __str__(self) -> str:
        if self.date is not None:
            return self.date.isoformat()
        if self.amount == 0 and self.unit == "d":
            return "L"  # L+0bd stays as written: it may differ from L when L is not a working day
        return f"L{self.amount:+d}{self.unit}"


@dataclass(frozen=True)
class Span:
    """A length: `5bd` working days, `3d` calendar days, `2w` calendar weeks."""

    amount: int
    unit: Unit = "bd"

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


def _unit(text: str) -> Unit:
    return "bd" if text == "bd" else "w" if text == "w" else "d"


def parse_offset(value: Any) -> Offset:
    """`L`, `L-10bd`, `L+2w`, `L+7d`, or an ISO date (a YAML date or a quoted string)."""
    if isinstance(value, Offset):
        return value
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("bad-offset", "a day is needed here, not a date and time")
    if isinstance(value, dt.date):
        return Offset(date=value)
    if not isinstance(value, str):
        raise PydanticCustomError(
            "bad-offset",
            "expected an offset such as L-10bd, L+2w, L+7d or a date such as 2027-01-10, "
            "got {text}",
            {"text": _show(value)},
        )
    text = value.strip()
    m = _OFFSET.fullmatch(text)
    if m:
        sign, amount, unit = m.groups()
        if sign is None:
            return Offset()
        n = int(amount) * (-1 if sign == "-" else 1)
        return Offset(amount=n, unit=_unit(unit))
    if DATE_LIKE.fullmatch(text):
        return Offset(date=_real_date(text, "bad-offset"))
    raise PydanticCustomError(
        "bad-offset",
        "'{text}' is not an offset such as L-10bd, L+2w, L+7d or a date such as 2027-01-10"
        + _offset_hint(text),
        {"text": text},
    )


def _real_date(text: str, code: str) -> dt.date:
    """A YYYY-MM-DD string as a date, or an error saying what is wrong with it."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as e:
        raise PydanticCustomError(
            code, "'{text}' is not a real date: {reason}", {"text": text, "reason": str(e)}
        ) from None


def _offset_hint(text: str) -> str:
    """A likely fix for a near-miss offset: `l-3bd`, `L-3 days`, `L+`."""
    fixed = text.replace(" ", "")
    if fixed[:1] == "l":
        fixed = "L" + fixed[1:]
    m = re.fullmatch(r"L([+-])(\d{1,5})([a-z]+)", fixed)
    if m and _unit_word(m.group(3)):
        fixed = f"L{m.group(1)}{m.group(2)}{_unit_word(m.group(3))}"
    if fixed != text and _OFFSET.fullmatch(fixed):
        return f" (did you mean '{fixed}'?)"
    if re.fullmatch(r"L\s*[+-]?\s*", text):
        return "; after L+ or L- give a number and a unit"
    return ""


def _unit_word(word: str) -> str | None:
    """`days` -> `d`, `workdays` -> `bd`, `weeks` -> `w`, for hints."""
    words = {
        "d": "d",
        "day": "d",
        "days": "d",
        "bd": "bd",
        "wd": "bd",
        "workday": "bd",
        "workdays": "bd",
        "businessday": "bd",
        "businessdays": "bd",
        "workingday": "bd",
        "workingdays": "bd",
        "w": "w",
        "wk": "w",
        "week": "w",
        "weeks": "w",
    }
    return words.get(word.lower().replace(" ", "").replace("-", ""))


def parse_day(value: Any) -> dt.date:
    """A calendar day: a YAML date (2027-01-10) or the same quoted. Numbers are refused.

    pydantic's own date type would read `0` or `1700000000` as a Unix timestamp, which is
    never what someone editing a playbook meant.
    """
    if isinstance(value, dt.datetime):
        raise PydanticCustomError(
            "bad-date", "expected a day such as 2027-01-10, not a date and time"
        )
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and DATE_LIKE.fullmatch(value.strip()):
        return _real_date(value.strip(), "bad-date")
    raise PydanticCustomError(
        "bad-date", "expected a date such as 2027-01-10, got {text}", {"text": _show(value)}
    )


def _show(value: Any) -> str:
    """A value as a person would recognise it from their YAML."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


def parse_span(value: Any) -> Span:
    """`5bd`, `3d`, `2w`; a bare whole number means working days."""
    if isinstance(value, Span):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value <= 99_999:
            return Span(value, "bd")
        raise PydanticCustomError(
            "bad-duration", "a length must be between 0 and 99999, not {text}", {"text": value}
        )
    if not isinstance(value, str):
        raise PydanticCustomError(
            "bad-duration",
            "expected a length such as 5bd, 3d or 2w, got {text}",
            {"text": _show(value)},
        )
    text = value.strip()
    m = _SPAN.fullmatch(text)
    if m:
        return Span(int(m.group(1)), _unit(m.group(2)))
    hint = ""
    words = re.fullmatch(r"(-?)(\d{1,5})\s*([A-Za-z -]+)", text)
    if words and words.group(1):
        hint = "; a length cannot be negative"
    elif words and _unit_word(words.group(3)):
        hint = f" (did you mean '{words.group(2)}{_unit_word(words.group(3))}'?)"
    raise PydanticCustomError(
        "bad-duration",
        "'{text}' is not a length such as 5bd (working days), 3d (days) or 2w (weeks)" + hint,
        {"text": text},
    )


def parse_time(value: Any) -> dt.time:
    """`HH:MM` on a 24-hour clock. Quote it in YAML (`at: "13:30"`)."""
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        m = _TIME.fullmatch(value.strip())
        if m:
            return dt.time(int(m.group(1)), int(m.group(2)))
        short = re.fullmatch(r"(\d):([0-5]\d)", value.strip())
        hint = f" (did you mean '0{short.group(1)}:{short.group(2)}'?)" if short else ""
        raise PydanticCustomError(
            "bad-time",
            "'{text}' is not a time of day on a 24-hour clock, written HH:MM such as \"09:00\" "
            'or "13:30"' + hint,
            {"text": value},
        )
    raise PydanticCustomError(
        "bad-time",
        'expected a time of day such as "13:30" (in quotes), got {text}',
        {"text": _show(value)},
    )


_EVENT_LENGTH = re.compile(r"(?:(\d{1,2}) *h)? *(?:(\d{1,4}) *m(?:in)?)?")
MAX_EVENT_LENGTH = dt.timedelta(hours=24)


def parse_event_length(value: Any) -> dt.timedelta:
    """How long a timed task's calendar slot lasts: `45m`, `2h`, `1h30m` (1 minute to 24 hours)."""
    text = value.strip().lower() if isinstance(value, str) else None
    match = _EVENT_LENGTH.fullmatch(text) if text else None
    if match is None or not any(match.groups()):
        raise PydanticCustomError(
            "bad-length",
            "expected how long the event lasts, such as 45m, 2h or 1h30m, got {text}",
            {"text": _show(value)},
        )
    hours, minutes = (int(g) if g else 0 for g in match.groups())
    length = dt.timedelta(hours=hours, minutes=minutes)
    if not dt.timedelta(minutes=1) <= length <= MAX_EVENT_LENGTH:
        raise PydanticCustomError(
            "bad-length",
            "'{text}' is not between 1 minute and 24 hours",
            {"text": text},
        )
    return length


def _ser_event_length(length: dt.timedelta) -> str:
    hours, minutes = divmod(int(length.total_seconds()) // 60, 60)
    return (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes or not hours else "")


_RULE_PARTS = ("FREQ", "UNTIL", "COUNT", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH",
               "BYSETPOS", "BYYEARDAY", "BYWEEKNO", "WKST", "BYHOUR", "BYMINUTE", "BYSECOND")  # fmt: skip
_FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_UNTIL = re.compile(r"(\d{8})(?:T(\d{6})(Z?))?")
PROBE_START = dt.datetime(9989, 1, 1)
"""Where a rule is tried out to see that it falls on some day at all: ten years before the
last year a calendar holds, so that trying a rule that never matches (BYMONTH=2;BYMONTHDAY=30)
takes ten years of steps rather than eight thousand."""


def _rule_error(text: str, why: str, **values: Any) -> PydanticCustomError:
    return PydanticCustomError(
        "bad-rrule",
        "'{text}' is not a repeat rule (RFC 5545 RRULE such as FREQ=WEEKLY;COUNT=4): " + why,
        {"text": text, **values},
    )


def rule_for_dateutil(text: str) -> str:
    """The rule as python-dateutil reads it against a day without time zone.

    A UTC UNTIL (`UNTIL=20270510T000000Z`, as Outlook and Google write rules) names the last
    moment in UTC; tasks are dated in days, so its day is read as the last day, without a zone.
    """
    return re.sub(r"(UNTIL=\d{8}(?:T\d{6})?)Z", r"\1", text, flags=re.IGNORECASE)


def parse_rrule(value: Any) -> str:
    """An RFC 5545 RRULE body such as `FREQ=MONTHLY;COUNT=3`, checked part by part.

    Every message names the part that is wrong. A rule must end (COUNT or UNTIL), repeat at
    most daily, and fall on some day; how many days it yields from a task's start is bounded
    by the scheduler (MAX_REPEATS).
    """
    if not isinstance(value, str):
        raise PydanticCustomError(
            "bad-rrule",
            "expected a repeat rule such as FREQ=MONTHLY;COUNT=3, got {text}",
            {"text": _show(value)},
        )
    text = value.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts: dict[str, str] = {}
    for part in text.split(";"):
        name, eq, val = part.partition("=")
        name = name.strip().upper()
        if not eq or not val.strip():
            raise _rule_error(
                text, "the part '{part}' is not written NAME=VALUE, such as COUNT=4", part=part
            )
        if name not in _RULE_PARTS:
            from launchkit.diagnostics import did_you_mean

            raise _rule_error(
                text,
                "'{name}' in the part '{part}' is not a part of a repeat rule"
                + did_you_mean(name, _RULE_PARTS),
                name=name,
                part=part,
            )
        if name in parts:
            raise _rule_error(text, "the part {name}= is given twice", name=name)
        parts[name] = val.strip().upper()
    _check_rule_parts(text, parts)
    from dateutil.rrule import rrulestr

    for name, val in parts.items():
        if name in ("FREQ", "COUNT", "UNTIL"):
            continue
        try:  # one part at a time, so that dateutil's complaint is about this part
            rrulestr(f"FREQ={parts['FREQ']};{name}={val}", dtstart=PROBE_START, cache=False)
        except (ValueError, TypeError, IndexError, KeyError) as e:
            raise _rule_error(
                text,
                "the part '{name}={val}' is wrong: {reason}",
                name=name,
                val=val,
                reason=str(e) or type(e).__name__,
            ) from None
    probe = ";".join(f"{k}={v}" for k, v in parts.items() if k not in ("COUNT", "UNTIL"))
    try:
        first = next(iter(rrulestr(probe, dtstart=PROBE_START, cache=False)), None)
    except (ValueError, TypeError, OverflowError) as e:
        raise _rule_error(text, "{reason}", reason=str(e)) from None
    if first is None:
        by = ";".join(f"{k}={v}" for k, v in parts.items() if k.startswith("BY"))
        raise _rule_error(
            text, "the parts {by} together never fall on a day (or fall years apart)", by=by
        )
    return text


def _check_rule_parts(text: str, parts: dict[str, str]) -> None:
    freq = parts.get("FREQ")
    if freq is None:
        raise _rule_error(text, "it needs a FREQ= part: FREQ=DAILY, WEEKLY, MONTHLY or YEARLY")
    if freq in ("HOURLY", "MINUTELY", "SECONDLY") or any(
        k in parts for k in ("BYHOUR", "BYMINUTE", "BYSECOND")
    ):
        # Tasks are days in a plan; hourly repeats would flood calendars with events.
        raise _rule_error(
            text, "it repeats more than once a day; use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"
        )
    if freq not in _FREQS:
        raise _rule_error(
            text, "the part 'FREQ={freq}' is not DAILY, WEEKLY, MONTHLY or YEARLY", freq=freq
        )
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise PydanticCustomError(
            "bad-rrule",
            "'{text}' repeats forever: add COUNT=n (how many times) or UNTIL=YYYYMMDD (last day)",
            {"text": text},
        )
    if "COUNT" in parts and "UNTIL" in parts:
        raise _rule_error(text, "give COUNT= or UNTIL=, not both (RFC 5545 3.3.10)")
    count = parts.get("COUNT")
    if count is not None and not (count.isdigit() and 1 <= int(count) <= MAX_REPEATS):
        raise PydanticCustomError(
            "bad-rrule",
            "'{text}' has COUNT={count}; a task repeats between 1 and {most} times",
            {"text": text, "count": count, "most": MAX_REPEATS},
        )
    interval = parts.get("INTERVAL")
    if interval is not None and not (interval.isdigit() and 1 <= int(interval) <= 9999):
        raise _rule_error(
            text, "the part 'INTERVAL={val}' is not a whole number from 1 to 9999", val=interval
        )
    until = parts.get("UNTIL")
    if until is not None:
        m = _UNTIL.fullmatch(until)
        problem = "" if m else "write it as YYYYMMDD, or YYYYMMDDTHHMMSSZ in UTC"
        if m:
            day, time = m.group(1), m.group(2) or "000000"
            try:
                dt.datetime(int(day[:4]), int(day[4:6]), int(day[6:]), int(time[:2]),
                            int(time[2:4]), int(time[4:]))  # fmt: skip
            except ValueError as e:
                problem = str(e)
        if problem:
            raise _rule_error(
                text, "the part 'UNTIL={val}' is not a day: {problem}", val=until, problem=problem
            )


def _pattern(
    code: str, regex: re.Pattern[str], what: str, fix: Callable[[str], str] | None = None
) -> PlainValidator:
    """A validator for short codes; `fix` proposes a corrected spelling for the message."""

    def check(value: Any) -> str:
        if isinstance(value, str) and regex.fullmatch(value):
            return value
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise PydanticCustomError(
                code, "expected " + what + ", got {text}", {"text": _show(value)}
            )
        text = str(value)
        if regex.fullmatch(text):
            raise PydanticCustomError(
                code,
                '{text} is read as a number; put it in quotes to use it as text: "{text}"',
                {"text": text},
            )
        suggestion = fix(text) if fix else ""
        good = suggestion != text and regex.fullmatch(suggestion)
        hint = " (did you mean '{fixed}'?)" if good else ""
        raise PydanticCustomError(
            code, "'{text}' is not " + what + hint, {"text": text, "fixed": suggestion}
        )

    return PlainValidator(check)


def _slugify(text: str) -> str:
    """`Manager Briefing` -> `manager-briefing`: how an id with capitals or spaces was meant."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _snake(text: str) -> str:
    """`Managers Active %` -> `managers_active`: how a metric or variable name was meant."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


@cache
def _zone_names() -> frozenset[str]:
    import zoneinfo

    return frozenset(zoneinfo.available_timezones())


def parse_timezone(value: Any) -> str:
    """An IANA time-zone name such as `Asia/Jerusalem`."""
    if isinstance(value, str) and value in _zone_names():
        return value
    from launchkit.diagnostics import did_you_mean

    if not isinstance(value, str):
        raise PydanticCustomError(
            "bad-timezone",
            "expected a time zone name such as Europe/Rome, got {text}",
            {"text": _show(value)},
        )
    by_lower = {z.lower(): z for z in _zone_names()}
    exact = by_lower.get(value.strip().lower().replace(" ", "_"))
    hint = f" (did you mean '{exact}'?)" if exact else did_you_mean(value, _zone_names())
    raise PydanticCustomError(
        "bad-timezone",
        "'{text}' is not an IANA time zone such as Europe/Rome" + hint,
        {"text": str(value)},
    )


def parse_country(value: Any) -> str:
    """A country code of the `holidays` package, optionally with a subdivision: `IL`, `ES-MD`."""
    if not isinstance(value, str):
        raise PydanticCustomError(
            "bad-country",
            "expected a country code such as IL, IT or ES-MD, got {text}",
            {"text": _show(value)},
        )
    from launchkit.model.countries import check_country

    problem = check_country(value)
    if problem:
        raise PydanticCustomError("bad-country", "{problem}", {"problem": problem})
    return value


# The everyday address (`dana.cohen@example.co.il`) is recognised without importing
# email-validator, which takes a tenth of `check`'s start-up; anything else goes to it.
# tests/test_hostile_input.py checks that the two agree.
_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,63}"
)
SPECIAL_USE_DOMAINS = ("arpa", "invalid", "local", "localhost", "onion", "test")
"""Top-level names email-validator refuses (its SPECIAL_USE_DOMAIN_NAMES)."""


def _plain_address(value: str) -> bool:
    """Whether `value` is an ASCII addr-spec that email-validator certainly accepts."""
    if len(value) > 254 or _PLAIN_EMAIL.fullmatch(value) is None:
        return False
    local, _, domain = value.partition("@")
    top = domain.rsplit(".", 1)[-1].lower()
    return len(local) <= 64 and "--" not in domain and top not in SPECIAL_USE_DOMAINS


def parse_email(value: Any) -> str:
    """One address (an RFC 5322 addr-spec as mail clients accept it), checked by email-validator.

    Nothing else may ride along: a `?bcc=...` or a display name would reach every calendar
    export as part of `mailto:`. The domain is not looked up (no network, no DNS).
    """
    if not isinstance(value, str):
        raise PydanticCustomError(
            "bad-email",
            "expected an e-mail address such as dana@example.com, got {text}",
            {"text": _show(value)},
        )
    if _plain_address(value):
        return value
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as e:
        hint = " (did you mean '{fixed}'?)" if value.strip() != value and "@" in value else ""
        raise PydanticCustomError(
            "bad-email",
            "'{text}' is not an e-mail address such as dana@example.com: {reason}" + hint,
            {"text": value, "reason": str(e).rstrip("."), "fixed": value.strip()},
        ) from None
    return value


CONTROL_NAMES = {0x09: "tab", 0x0A: "line feed", 0x0B: "vertical tab", 0x0C: "form feed",
                 0x0D: "carriage return", 0x1B: "escape", 0x7F: "delete", 0x85: "next line",
                 0xFFFE: "noncharacter", 0xFFFF: "noncharacter"}  # fmt: skip
# C0 and C1 controls; and what XML cannot hold at all (a deck, an SVG, a JUnit report): the
# noncharacters U+FFFE and U+FFFF, and lone surrogates (which YAML's parser already refuses).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def check_text(value: str) -> str:
    """Text without C0/C1 control characters other than tab and line feed.

    Decided once, here, for every text field: such a character (a vertical tab is what a line
    break pasted from Word or PowerPoint becomes) cannot be carried by calendars, CSV, XML or
    SVG, so it is refused at its position rather than changed behind the writer's back.
    """
    found = _CONTROL.search(value)
    if found is None:
        return value
    code = ord(found.group())
    name = CONTROL_NAMES.get(code, "lone surrogate" if code >= 0xD800 else "control character")
    fix = "use a real line break or delete it" if code in (0x0B, 0x0C, 0x0D, 0x85) else "delete it"
    raise PydanticCustomError(
        "bad-character",
        "the text holds the invisible {name} U+{code} (character {at}), which calendars, "
        "spreadsheets and documents cannot carry; {fix}",
        {"name": name, "code": f"{code:04X}", "at": found.start() + 1, "fix": fix},
    )


def parse_metric_number(value: Any) -> float | bool:
    """A metric's value: yes/no or a finite number. NaN would pass every gate (issue 15)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            number = float("inf")
        if number == number and number not in (float("inf"), float("-inf")):
            return number
        raise PydanticCustomError(
            "bad-metric",
            "{text} is not a finite number; give a value such as 93 or true",
            {"text": _show(value) if isinstance(value, float) else "a number too large"},
        )
    raise PydanticCustomError(
        "bad-metric", "expected a number or true/false, got {text}", {"text": _show(value)}
    )


def _ser(value: object) -> str:
    return str(value)


_OFFSET_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "pattern": r"^L(\s*[+-]\s*\d{1,5}\s*(bd|d|w))?$"},
        {"type": "string", "format": "date"},
    ],
    "description": "L (launch day), L-10bd (working days), L+7d (calendar days), "
    "L+2w (weeks), or a date such as 2027-01-10",
    "examples": ["L-10bd", "L+1w", "2027-01-10"],
}

Day = Annotated[
    dt.date,
    PlainValidator(parse_day),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2027-01-10"]}),
]
"""A calendar day written as YYYY-MM-DD."""

OffsetValue = Annotated[
    Offset, PlainValidator(parse_offset), PlainSerializer(_ser), WithJsonSchema(_OFFSET_SCHEMA)
]
SpanValue = Annotated[
    Span,
    PlainValidator(parse_span),
    PlainSerializer(_ser),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{1,5}\s*(bd|d|w)$"},
                {"type": "integer", "minimum": 0, "maximum": 99_999},
            ],
            "description": "5bd (working days), 3d (calendar days) or 2w (weeks)",
            "examples": ["1bd", "5bd", "2w"],
        }
    ),
]
TimeValue = Annotated[
    dt.time,
    PlainValidator(parse_time),
    PlainSerializer(lambda t: t.strftime("%H:%M")),
    WithJsonSchema(
        {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$", "examples": ["13:30"]}
    ),
]
EventLengthValue = Annotated[
    dt.timedelta,
    PlainValidator(parse_event_length),
    PlainSerializer(_ser_event_length),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^ *(\d{1,2} *h)? *(\d{1,4} *m(in)?)? *$",
            "minLength": 2,
            "examples": ["30m", "45m", "2h", "1h30m"],
        }
    ),
]
RRuleValue = Annotated[
    str,
    PlainValidator(parse_rrule),
    WithJsonSchema({"type": "string", "examples": ["FREQ=MONTHLY;COUNT=3", "FREQ=WEEKLY;COUNT=8"]}),
]
TimezoneName = Annotated[
    str,
    PlainValidator(parse_timezone),
    WithJsonSchema({"type": "string", "examples": ["Asia/Jerusalem", "Europe/Rome"]}),
]
CountryCode = Annotated[
    str,
    PlainValidator(parse_country),
    WithJsonSchema(
        {
            "type": "string",
            # Subdivisions are codes (ES-MD) or, for some cities and regions, names (IT-Andria).
            "pattern": r"^[A-Z]{2}(-\S.*)?$",
            "examples": ["IL", "IT", "ES-MD"],
        }
    ),
]
Slug = Annotated[
    str,
    _pattern(
        "bad-id",
        _SLUG,
        "an id: lowercase letters, digits and hyphens, such as manager-briefing",
        _slugify,
    ),
    WithJsonSchema({"type": "string", "pattern": "^" + _SLUG.pattern + "$"}),
]
Name = Annotated[
    str,
    _pattern(
        "bad-name",
        _NAME,
        "a name: lowercase letters, digits and underscores, such as managers_active_pct",
        _snake,
    ),
    WithJsonSchema({"type": "string", "pattern": "^" + _NAME.pattern + "$"}),
]
SourceId = Annotated[
    str,
    _pattern("bad-source", _SOURCE, "a source item id such as S3.2, EA.4 or A60.8", str.upper),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^" + _SOURCE.pattern + "$",
            "examples": ["S3.2", "EA.1", "A60.8"],
        }
    ),
]
Email = Annotated[
    str,
    PlainValidator(lambda value: parse_email(value)),
    WithJsonSchema({"type": "string", "format": "email"}),
]
Text = Annotated[str, AfterValidator(check_text)]
"""Text as people write it: any character but the control characters outputs cannot carry."""

MetricNumber = Annotated[
    float | bool,
    PlainValidator(parse_metric_number),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "boolean"}]}),
]
"""A metric's value in the playbook: a finite number, or true/false."""
