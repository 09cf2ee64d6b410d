"""Typed values that playbooks write as short strings: offsets, durations, times, RRULEs, codes.

Each parser raises `PydanticCustomError` whose type is the diagnostic code, so that the loader
can report `[bad-offset]` rather than pydantic's generic `value_error`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

Unit = Literal["d", "bd", "w"]

_OFFSET = re.compile(r"^L(?:\s*([+-])\s*(\d{1,5})\s*(bd|d|w))?$")
_SPAN = re.compile(r"^(\d{1,5})\s*(bd|d|w)$")
_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_SOURCE = re.compile(r"^[A-Z][A-Z0-9]{0,7}\.\d{1,3}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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
        if self.amount == 0:
            return "L"
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
            "expected an offset such as L-10bd, L+2w, L+7d or a date such as 2027-01-10",
        )
    text = value.strip()
    m = _OFFSET.match(text)
    if m:
        sign, amount, unit = m.groups()
        if sign is None:
            return Offset()
        n = int(amount) * (-1 if sign == "-" else 1)
        return Offset(amount=n, unit=_unit(unit))
    try:
        return Offset(date=dt.date.fromisoformat(text))
    except ValueError:
        pass
    raise PydanticCustomError(
        "bad-offset",
        "'{text}' is not an offset such as L-10bd, L+2w, L+7d or a date such as 2027-01-10",
        {"text": text},
    )


def parse_span(value: Any) -> Span:
    """`5bd`, `3d`, `2w`; a bare whole number means working days."""
    if isinstance(value, Span):
        return value
    if isinstance(value, bool):
        raise PydanticCustomError("bad-duration", "expected a length such as 5bd, 3d or 2w")
    if isinstance(value, int):
        if 0 <= value <= 99_999:
            return Span(value, "bd")
        raise PydanticCustomError("bad-duration", "a length must be between 0 and 99999")
    if isinstance(value, str):
        m = _SPAN.match(value.strip())
        if m:
            return Span(int(m.group(1)), _unit(m.group(2)))
    raise PydanticCustomError(
        "bad-duration", "'{text}' is not a length such as 5bd, 3d or 2w", {"text": str(value)}
    )


def parse_time(value: Any) -> dt.time:
    """`HH:MM` on a 24-hour clock. Quote it in YAML (`at: "13:30"`)."""
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str):
        m = _TIME.match(value.strip())
        if m:
            return dt.time(int(m.group(1)), int(m.group(2)))
    raise PydanticCustomError(
        "bad-time", "'{text}' is not a time of day as HH:MM (e.g. \"13:30\")", {"text": str(value)}
    )


def parse_rrule(value: Any) -> str:
    """An RFC 5545 RRULE body such as `FREQ=MONTHLY;COUNT=3`, checked by python-dateutil."""
    if not isinstance(value, str):
        raise PydanticCustomError("bad-rrule", "expected an RRULE such as FREQ=MONTHLY;COUNT=3")
    text = value.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    from dateutil.rrule import rrulestr

    try:
        rule = rrulestr(text, dtstart=dt.datetime(2000, 1, 1), cache=False)
    except (ValueError, TypeError) as e:
        raise PydanticCustomError(
            "bad-rrule", "'{text}' is not a valid RRULE: {reason}", {"text": text, "reason": str(e)}
        ) from e
    if "COUNT=" not in text.upper() and "UNTIL=" not in text.upper():
        raise PydanticCustomError(
            "bad-rrule", "'{text}' never ends: give it COUNT= or UNTIL=", {"text": text}
        )
    del rule
    return text


def _pattern(code: str, regex: re.Pattern[str], what: str) -> PlainValidator:
    def check(value: Any) -> str:
        if isinstance(value, str) and regex.match(value):
            return value
        raise PydanticCustomError(code, "'{text}' is not " + what, {"text": str(value)})

    return PlainValidator(check)


@cache
def _zone_names() -> frozenset[str]:
    import zoneinfo

    return frozenset(zoneinfo.available_timezones())


def parse_timezone(value: Any) -> str:
    """An IANA time-zone name such as `Asia/Jerusalem`."""
    if isinstance(value, str) and value in _zone_names():
        return value
    from launchkit.diagnostics import did_you_mean

    hint = did_you_mean(str(value), _zone_names())
    raise PydanticCustomError(
        "bad-timezone",
        "'{text}' is not an IANA time zone such as Europe/Rome" + hint,
        {"text": str(value)},
    )


def parse_country(value: Any) -> str:
    """A country code of the `holidays` package, optionally with a subdivision: `IL`, `ES-MD`."""
    if not isinstance(value, str):
        raise PydanticCustomError("bad-country", "expected a country code such as IL or ES-MD")
    from launchkit.model.countries import check_country

    problem = check_country(value)
    if problem:
        raise PydanticCustomError("bad-country", problem)
    return value


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
                {"type": "integer", "minimum": 0},
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
            "pattern": r"^[A-Z]{2}(-[A-Z0-9]{1,4})?$",
            "examples": ["IL", "IT", "ES-MD"],
        }
    ),
]
Slug = Annotated[
    str,
    _pattern(
        "bad-id", _SLUG, "an id: lowercase letters, digits and hyphens, such as manager-briefing"
    ),
    WithJsonSchema({"type": "string", "pattern": _SLUG.pattern}),
]
Name = Annotated[
    str,
    _pattern(
        "bad-name",
        _NAME,
        "a name: lowercase letters, digits and underscores, such as managers_active_pct",
    ),
    WithJsonSchema({"type": "string", "pattern": _NAME.pattern}),
]
SourceId = Annotated[
    str,
    _pattern("bad-source", _SOURCE, "a source item id such as S3.2, EA.4 or A60.8"),
    WithJsonSchema(
        {"type": "string", "pattern": _SOURCE.pattern, "examples": ["S3.2", "EA.1", "A60.8"]}
    ),
]
Email = Annotated[
    str,
    _pattern("bad-email", _EMAIL, "an e-mail address"),
    WithJsonSchema({"type": "string", "format": "email"}),
]
