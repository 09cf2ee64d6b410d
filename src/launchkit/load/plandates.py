"""Plan dates named in playbook text, and literal dates that should have been named.

Copy such as "Coming on {launch}" or "from {task:manager-briefing|full}" names a day of the
plan instead of writing it out, so that moving launch day moves every document with it. A
placeholder is found by one regular expression and replaced by a formatted date: it is data
substituted into data, never template code, and anything in braces that is not a placeholder
(`{{ 7*7 }}`, `{name}`) stays as typed.

`validate` and `render` warn about a text that writes a day out ("on 15 March", "ב-10 בינואר",
"12 Nisan'da", "il 12 aprile", 2027-03-15) and about a placeholder that names no task or site.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from launchkit.diagnostics import Diagnostic, Severity, source_lines

PLACEHOLDER = re.compile(
    r"\{(?P<kind>launch|task|site)(?::(?P<id>[a-z0-9][a-z0-9-]*(?:@[a-z0-9][a-z0-9-]*)?))?(?:\|(?P<form>[a-z]+))?\}"
)
"""`{launch}`, `{task:ID}` (`{task:ID@SITE}` for a site's copy), `{site:ID}`, each with an
optional `|FORM`."""

FORMS = ("day", "long", "full", "weekday", "short")
"""How a placeholder's day is written: `day` (15 March, the default), `long` (15 March 2027),
`full` (Monday, 15 March 2027), `weekday` (Monday), `short` (15/03/2027)."""

# Fields of `documents:` that are names, links or ids rather than prose.
NOT_PROSE = frozenset({"app_name", "download_url", "sms_sender", "email_from", "briefing_task"})


@dataclass(frozen=True)
class Placeholder:
    """One placeholder found in a text."""

    start: int
    end: int
    kind: str
    id: str | None
    form: str


def placeholders(text: str) -> Iterator[Placeholder]:
    """Every placeholder of `text`, in order."""
    for m in PLACEHOLDER.finditer(text):
        yield Placeholder(m.start(), m.end(), m["kind"], m["id"], m["form"] or "day")


def placeholder_problem(p: Placeholder, tasks: set[str], sites: set[str]) -> str | None:
    """Why a placeholder cannot be filled, or None when it can."""
    if p.kind == "launch" and p.id is not None:
        return f"'{{launch}}' takes no id (write '{{task:{p.id}}}' for a task's day)"
    if p.kind != "launch" and p.id is None:
        return f"'{{{p.kind}:...}}' needs the id of a {p.kind}, as in '{{{p.kind}:id}}'"
    if p.kind == "task" and p.id is not None:
        task, _, site = p.id.partition("@")
        if task not in tasks or (site and site not in sites):
            return f"'{{task:{p.id}}}' names no task of this playbook"
    if p.kind == "site" and p.id not in sites:
        return f"'{{site:{p.id}}}' names no site of this playbook"
    if p.form not in FORMS:
        return f"'|{p.form}' is not a date form; use one of {', '.join(FORMS)}"
    return None


# ---- literal dates ----------------------------------------------------------------------------


@functools.cache
def _literal_date(locale: str) -> re.Pattern[str]:
    """A pattern for a day written out in `locale` or in English: 15 March, March 8, 2027-03-15."""
    from babel.dates import get_month_names

    from launchkit.model.locales import babel_locale

    names: set[str] = set()
    for loc in {locale, "en"}:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for n in get_month_names(width, context, babel_locale(loc)).values():
                    # As written mid-sentence and at a sentence's start; English months are
                    # never lower case, so "you may 3 times" is not a date.
                    name = str(n).rstrip(".׳'")
                    names.update({name, name[:1].upper() + name[1:]})
    months = "|".join(sorted((re.escape(n) for n in names if len(n) >= 3), key=len, reverse=True))
    day = r"(?<![\d:.,])\d{1,2}(?:st|nd|rd|th|º|°)?\.?"
    return re.compile(
        rf"{day}\s+(?:of\s+|de\s+)?(?:ב-?)?(?:{months})(?![^\W\d_])"  # 15 March, 10 בינואר
        rf"|(?<![^\W\d_])(?:{months})\.?\s+\d{{1,2}}(?![\d:])"  # March 8
        r"|\b\d{4}-\d{2}-\d{2}\b"  # 2027-03-15
        r"|(?<![\d.:/])\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})(?![\d.:/])"  # 15/03/2027
    )


def literal_dates(text: str, locale: str) -> list[re.Match[str]]:
    """The days written out in `text` (outside placeholders)."""
    return list(_literal_date(locale).finditer(text))


# ---- checking a playbook's texts --------------------------------------------------------------


def prose(
    data: Any, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, text) of every text under `documents:` that ends up in a document."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if not (len(loc) == 1 and key in NOT_PROSE):
                yield from prose(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from prose(value, (*loc, i))


def check_texts(doc: Any, locale: str, tasks: set[str], sites: set[str]) -> list[Diagnostic]:
    """Warnings for literal dates (`literal-date`) and placeholders that name nothing
    (`unknown-placeholder`) in the texts of `documents:`."""
    data = doc.data.get("documents") if isinstance(doc.data, dict) else None
    found: list[Diagnostic] = []
    for loc, text in prose(data, ("documents",)):
        for p in placeholders(text):
            problem = placeholder_problem(p, tasks, sites)
            if problem is not None:
                line, col = _where(doc, loc, text, p.start, p.end)
                found.append(
                    Diagnostic(
                        doc.path, line, col, Severity.WARNING, "unknown-placeholder", problem
                    )
                )
        for m in literal_dates(PLACEHOLDER.sub(" ", text), locale):
            line, col = _where(doc, loc, text, m.start(), m.end())
            found.append(
                Diagnostic(
                    doc.path,
                    line,
                    col,
                    Severity.WARNING,
                    "literal-date",
                    f"'{m.group(0)}' is a date written out, which stays behind when the plan "
                    "moves; name the plan's day instead: {launch}, {task:ID} or {site:ID}",
                )
            )
    return sorted(found)


def _where(doc: Any, loc: Sequence[str | int], text: str, start: int, end: int) -> tuple[int, int]:
    """Line and column of `text[start:end]` in the file: searched for in the value's own lines,
    which holds for plain, quoted and block scalars alike; the value's start where a fold or an
    escape hides it."""
    _, node = doc.node_at(loc)
    line, col = node.start_mark.line, node.start_mark.column
    lines = source_lines(doc.text)[line : node.end_mark.line + 1]
    wanted = text[start:end]
    skip = text[:start].count(wanted)  # the same day written twice: find the right one
    for i, source in enumerate(lines):
        at = source.find(wanted, col if i == 0 else 0)
        while at >= 0:
            if skip == 0:
                return line + i + 1, at + 1
            skip -= 1
            at = source.find(wanted, at + 1)
    return line + 1, col + 1
