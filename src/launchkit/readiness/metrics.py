"""Metric values for gates: inline `metrics:` in the playbook, or a file given with --metrics.

A metrics file is a YAML or JSON mapping (`managers_active_pct: 93`), a CSV of `metric,value`
rows, or a CSV history of `date,metric,value` rows from which the latest value on or before
the as-of day is taken, so that a daily export can be committed as it grows. Every value keeps
the place it came from, so a finding can say which line of which file it judged.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path

from launchkit.diagnostics import (
    Diagnostic,
    LaunchkitError,
    error,
    line_and_column,
    source_lines,
)
from launchkit.load import LoadedPlaybook

MetricScalar = float | bool | str
_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")  # the same rule as the model's `Name`
_TRUE, _FALSE = {"true", "yes", "y"}, {"false", "no", "n"}
MAX_BYTES = 16 * 1024 * 1024
"""A metrics history past this size is refused; ten years of daily rows of 100 metrics is ~15 MiB."""


@dataclass(frozen=True)
class MetricValue:
    """A metric's value and where it was read."""

    value: MetricScalar
    file: str
    line: int
    column: int
    on: dt.date | None = None
    """The history row's date, for values taken from a `date,metric,value` CSV."""

    @property
    def source(self) -> str:
        """`metrics.csv:12 (2027-01-05)` or `launch.yaml:40:24`: what findings cite."""
        if self.on is not None:
            return f"{self.file}:{self.line}, as of {self.on.isoformat()}"
        return f"{self.file}:{self.line}:{self.column}"

    def number(self) -> float | None:
        """The value as a number, or None for yes/no and text values."""
        if isinstance(self.value, bool | str):
            return None
        number = float(self.value)
        # Every source refuses NaN and infinities (`bad-metric`); this keeps a value that got
        # past them from being compared at all, since NaN < 100 and NaN > 100 are both false.
        return number if math.isfinite(number) else None


Metrics = dict[str, MetricValue]


def format_value(value: MetricScalar) -> str:
    """93 rather than 93.0; true/false for yes/no values."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value)


def inline_metrics(loaded: LoadedPlaybook) -> Metrics:
    """The playbook's own `metrics:` values, each pointing at its line."""
    out: Metrics = {}
    for name, value in loaded.playbook.metrics.items():
        line, col = loaded.where(("metrics", name))
        out[name] = MetricValue(value, loaded.path, line, col)
    return out


def load_metrics(path: Path | str, as_of: dt.date, display: str | None = None) -> Metrics:
    """Read a metrics file (YAML/JSON mapping, CSV `metric,value` or `date,metric,value`).

    Raises LaunchkitError with `file:line:col` diagnostics for anything that cannot be read.
    """
    path = Path(path)
    shown = display or str(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        return _mapping(path, shown)
    if suffix in (".csv", ".txt"):
        return _csv(_read(path, shown), shown, as_of)
    raise LaunchkitError(
        [
            error(
                shown,
                1,
                1,
                "metrics-kind",
                "a metrics file is .yaml, .yml, .json (a mapping) or .csv/.txt (metric,value or date,metric,value)",
            )
        ]
    )


def _mapping(path: Path, shown: str) -> Metrics:
    from launchkit.load.document import read_document

    doc = read_document(path, shown)
    if not isinstance(doc.data, dict):
        line, col = doc.position(())
        raise LaunchkitError(
            [error(shown, line, col, "not-a-mapping", "a metrics file is a mapping: name: value")]
        )
    problems: list[Diagnostic] = []
    out: Metrics = {}
    for name, value in doc.data.items():
        line, col = doc.position((name,))
        if not _NAME.fullmatch(name):
            kline, kcol = doc.position((name,), key=True)
            problems.append(_bad_name(shown, kline, kcol, name))
        elif isinstance(value, bool | int | float) and not isinstance(value, bool):
            if not _finite(value):
                problems.append(_not_finite(shown, line, col, name, value))
                continue
            out[name] = MetricValue(float(value), shown, line, col)
        elif isinstance(value, bool | str):
            out[name] = MetricValue(value, shown, line, col)
        else:
            problems.append(
                error(
                    shown,
                    line,
                    col,
                    "bad-metric",
                    f"metric '{name}' needs a number, true/false or a word, not {type(value).__name__}",
                )
            )
    if problems:
        raise LaunchkitError(problems)
    return out


def _finite(value: int | float) -> bool:
    """A number that can be compared: not NaN, not an infinity, not too large for a float."""
    try:
        return math.isfinite(float(value))
    except OverflowError:  # an integer of hundreds of digits
        return False


def _not_finite(shown: str, line: int, col: int, name: str, value: object) -> Diagnostic:
    text = (
        value
        if isinstance(value, str)
        else format_value(value)
        if isinstance(value, float)
        else "a number too large"
    )
    return error(
        shown,
        line,
        col,
        "bad-metric",
        f"metric '{name}' is '{text}', not a finite number; give a value such as 93 or 93%",
    )


def _bad_name(shown: str, line: int, col: int, name: str) -> Diagnostic:
    return error(
        shown,
        line,
        col,
        "bad-name",
        f"'{name}' is not a metric name: lowercase letters, digits and underscores, "
        "such as managers_active_pct",
    )


def _read(path: Path, shown: str) -> str:
    try:
        if path.is_dir():
            raise LaunchkitError([error(shown, 1, 1, "not-a-file", "this is a folder, not a file")])
        if path.stat().st_size > MAX_BYTES:
            raise LaunchkitError(
                [error(shown, 1, 1, "file-too-large", f"the limit is {MAX_BYTES:,} bytes")]
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LaunchkitError([error(shown, 1, 1, "no-such-file", "no such file")]) from None
    except OSError as e:
        raise LaunchkitError([error(shown, 1, 1, "unreadable", e.strerror or str(e))]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line, col = line_and_column(raw, e.start)
        raise LaunchkitError(
            [error(shown, line, col, "not-utf8", "the file is not UTF-8; save it as UTF-8")]
        ) from None


def _cells(line: str) -> list[tuple[str, int]]:
    """Split one CSV line into (cell, 1-based column) pairs; double quotes may wrap a cell."""
    cells: list[tuple[str, int]] = []
    i, n = 0, len(line)
    while True:
        start = i
        if i < n and line[i] == '"':
            i += 1
            text: list[str] = []
            while i < n:
                if line[i] == '"' and i + 1 < n and line[i + 1] == '"':
                    text.append('"')
                    i += 2
                elif line[i] == '"':
                    i += 1
                    break
                else:
                    text.append(line[i])
                    i += 1
            cell = "".join(text)
            while i < n and line[i] != ",":
                i += 1
        else:
            j = line.find(",", i)
            j = n if j < 0 else j
            cell, i = line[i:j], j
        lead = len(cell) - len(cell.lstrip())
        cells.append((cell.strip(), start + 1 + lead))
        if i >= n:
            return cells
        i += 1  # the comma


def _value(text: str) -> MetricScalar:
    low = text.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    number = text[:-1].strip() if text.endswith("%") else text
    try:
        return float(number.replace("_", "")) if number else text
    except ValueError:
        return text


def _csv(text: str, shown: str, as_of: dt.date) -> Metrics:
    rows = [
        (n, _cells(line))
        for n, line in enumerate(source_lines(text), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not rows:
        raise LaunchkitError([error(shown, 1, 1, "empty-file", "the file holds no rows")])
    header_line, header = rows[0]
    names = [c.lower() for c, _ in header]
    if names == ["metric", "value"]:
        history = False
    elif names == ["date", "metric", "value"]:
        history = True
    else:
        raise LaunchkitError(
            [
                error(
                    shown,
                    header_line,
                    1,
                    "metrics-header",
                    "the first row must be the header metric,value or date,metric,value",
                )
            ]
        )
    problems: list[Diagnostic] = []
    found: dict[str, MetricValue] = {}
    seen: dict[tuple[str, dt.date | None], int] = {}
    for n, cells in rows[1:]:
        if len(cells) != len(header):
            col = cells[len(header)][1] if len(cells) > len(header) else cells[-1][1]
            problems.append(
                error(
                    shown,
                    n,
                    col,
                    "metrics-row",
                    f"expected {len(header)} cells ({','.join(names)}), found {len(cells)}",
                )
            )
            continue
        on: dt.date | None = None
        if history:
            (day, dcol), *cells = cells
            try:
                on = dt.date.fromisoformat(day)
            except ValueError:
                problems.append(
                    error(shown, n, dcol, "bad-date", f"'{day}' is not a date such as 2027-01-05")
                )
                continue
        (name, ncol), (raw, vcol) = cells
        if not _NAME.fullmatch(name):
            problems.append(_bad_name(shown, n, ncol, name))
            continue
        if not raw:
            problems.append(error(shown, n, vcol, "bad-metric", f"metric '{name}' has no value"))
            continue
        if (name, on) in seen:
            when = f" on {on.isoformat()}" if on else ""
            problems.append(
                error(
                    shown,
                    n,
                    ncol,
                    "duplicate-metric",
                    f"metric '{name}'{when} is given twice (first on line {seen[(name, on)]})",
                )
            )
            continue
        seen[(name, on)] = n
        value = _value(raw)
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(_not_finite(shown, n, vcol, name, raw))
            continue
        if on is not None and on > as_of:
            continue  # a row from after the as-of day does not exist yet for this check
        earlier = found.get(name)
        if earlier is None or (on is not None and earlier.on is not None and on > earlier.on):
            found[name] = MetricValue(value, shown, n, vcol, on)
    if problems:
        raise LaunchkitError(problems)
    return found
