"""`check` in the reader's language: findings, headings and counts from the message catalogs.

The machine formats (JSON, JUnit, SARIF, annotations) keep each finding's stable English
`message`; the text report and the GitHub step summary say its `Phrase` in the playbook's
language instead, with dates and lists through Babel for the playbook's locale (`en-GB` writes
"5 Mar 2027", `en-US` "Mar 5, 2027"). Every `_()` here is a catalog message (a test checks
that each catalog has them all, translated).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING

from launchkit.model.locales import babel_locale

if TYPE_CHECKING:
    from collections.abc import Callable

    from launchkit.readiness import Finding, Report
    from launchkit.readiness.findings import Phrase


class Words:
    """The sentences of one locale."""

    def __init__(self, locale: str) -> None:
        from launchkit.outputs.render.i18n import translations

        catalog = translations(locale)
        self.locale = babel_locale(locale)

        def _(message: str, **values: object) -> str:
            text = str(catalog.ugettext(message))
            return text % values if values else text

        self._: Callable[..., str] = _

    # ---- values ------------------------------------------------------------------------

    def date(self, day: dt.date) -> str:
        """A day as the locale writes it, with the month in letters: 5 Mar 2027."""
        return _format_date(day, self.locale)

    def join(self, parts: list[str]) -> str:
        """`a, b and c` in the locale's words."""
        from babel.lists import format_list

        return str(format_list(parts, locale=self.locale)) if parts else ""

    def plural(self, n: int) -> str:
        """`one` or `other`: which of a message's two forms a count takes."""
        from babel import Locale

        return "one" if Locale.parse(self.locale).plural_form(n) == "one" else "other"

    def status(self, status: str) -> str:
        """A task status in words."""
        _ = self._
        words = {
            "todo": _("to do"),
            "doing": _("in progress"),
            "done": _("done"),
            "blocked": _("blocked"),
            "skipped": _("skipped"),
        }
        return words.get(status, status)

    def _values(self, phrase: Phrase) -> dict[str, str]:
        from launchkit.readiness.findings import Phrase

        shown: dict[str, str] = {}
        for name, value in phrase.values:
            if isinstance(value, Phrase):
                shown[name] = self.say(value)
            elif isinstance(value, tuple):
                shown[name] = self.join([self.say(p) for p in value if isinstance(p, Phrase)])
            elif isinstance(value, dt.date):
                shown[name] = self.date(value)
            elif value is None:
                shown[name] = ""
            else:
                shown[name] = str(value)
        return shown

    # ---- sentences ---------------------------------------------------------------------

    def message(self, finding: Finding) -> str:
        """What a finding says, in the locale; its English message where it has no phrase."""
        return self.say(finding.phrase) if finding.phrase is not None else finding.message

    def say(self, phrase: Phrase) -> str:
        """One phrase in words."""
        _ = self._
        v = self._values(phrase)
        match phrase.key:
            case "task-overdue":
                v["status"] = self.status(v["status"])
                text = _("'%(title)s' was to end on %(end)s and is still %(status)s", **v)
                return self._owned(text, v["owner"])
            case "task-blocked":
                text = _("'%(title)s' was to start on %(start)s and is blocked", **v)
                return self._owned(text, v["owner"])
            case "late-plan":
                days = int(v["days"])
                v["span"] = (
                    _("%(n)s working day", n=days)
                    if self.plural(days) == "one"
                    else _("%(n)s working days", n=days)
                )
                if v["deadline"]:
                    return _(
                        "'%(title)s' ends on %(end)s, %(span)s after its deadline of "
                        "%(deadline)s: the plan cannot be kept",
                        **v,
                    )
                return _(
                    "'%(title)s' ends on %(end)s, %(span)s after its deadline: "
                    "the plan cannot be kept",
                    **v,
                )
            case "not-due":
                return _("%(inner)s (not due yet)", **v)
            case "waived":
                v["inner"] = v["inner"] or v.pop("english", "")
                v.pop("english", None)
                return _("%(inner)s (waived by %(owner)s until %(until)s: %(reason)s)", **v)
            case "waiver-expired":
                return _(
                    "the waiver by %(owner)s ran out on %(until)s (%(reason)s); "
                    "renew it or fix what it covered",
                    **v,
                )
            case "waiver-unneeded":
                return _(
                    "the waiver by %(owner)s ran out on %(until)s and nothing needs it any "
                    "more; remove it",
                    **v,
                )
            case "metric-missing":
                return _(
                    "no value for %(metric)s, needed by %(due)s: add it under metrics: or to "
                    "the --metrics file",
                    **v,
                )
            case "metric-unmet":
                return _("%(metric)s is %(value)s (%(source)s), needs %(needs)s by %(due)s", **v)
            case "at-least":
                return _("at least %(value)s", **v)
            case "at-most":
                return _("at most %(value)s", **v)
            case "to-be":
                return _("to be %(value)s", **v)
            case "champions-short" if self.plural(int(v["short"])) == "one":
                return _(
                    "%(short)s of %(total)s sites has fewer than %(need)s champions by "
                    "%(due)s: %(sites)s",
                    **v,
                )
            case "champions-short":
                return _(
                    "%(short)s of %(total)s sites have fewer than %(need)s champions by "
                    "%(due)s: %(sites)s",
                    **v,
                )
            case "site-has":
                return _("%(site)s has %(count)s", **v)
            case "ratio-unmet":
                return _(
                    "needs at most %(limit)s employees per champion by %(due)s: %(sites)s", **v
                )
            case "site-no-count":
                return _("%(site)s gives no employee count", **v)
            case "site-no-champion":
                return _("%(site)s has %(employees)s employees and no champion", **v)
            case "site-ratio":
                return _(
                    "%(site)s has %(ratio)s (%(employees)s employees, %(champions)s champions)",
                    **v,
                )
            case "starts-late":
                return _("needs to start within %(span)s: %(late)s", **v)
            case "starts-after-days":
                return _("%(later)s starts on %(start)s, %(gap)s days after %(earlier)s ends", **v)
            case "starts-after-bd":
                return _(
                    "%(later)s starts on %(start)s, %(gap)s working days after %(earlier)s ends",
                    **v,
                )
            case "quiet-period" if v["last"]:
                return _(
                    "'%(title)s' goes out on %(day)s, in the quiet period '%(reason)s' "
                    "(%(first)s – %(last)s)",
                    **v,
                )
            case "quiet-period":
                v.pop("last")
                return _(
                    "'%(title)s' goes out on %(day)s, in the quiet period '%(reason)s' (%(first)s)",
                    **v,
                )
            case "half-day":
                return _(
                    "'%(title)s' is at %(at)s on %(day)s, %(holiday)s: a half day that ends "
                    "at %(closes)s",
                    **v,
                )
            case "forecast-short" if self.plural(int(v["count"])) == "one":
                return _(
                    "%(metric)s has %(count)s dated value up to %(day)s; a forecast needs at "
                    "least 3",
                    **v,
                )
            case "forecast-short":
                return _(
                    "%(metric)s has %(count)s dated values up to %(day)s; a forecast needs at "
                    "least 3",
                    **v,
                )
            case "projected" if v["reach"]:
                return _(
                    "%(metric)s is projected at %(value)s (%(low)s–%(high)s) on %(due)s, "
                    "needs %(needs)s (%(basis)s); %(reach)s",
                    **v,
                )
            case "projected":
                v.pop("reach")
                return _(
                    "%(metric)s is projected at %(value)s (%(low)s–%(high)s) on %(due)s, "
                    "needs %(needs)s (%(basis)s)",
                    **v,
                )
            case "launch-day":
                return _("Launch day")
            case "launch-at":
                return _("Launch at %(site)s", **v)
            case "trend-line":
                return _("a straight line through %(n)s values", **v)
            case "trend-saturating":
                return _("a saturating curve through %(n)s values", **v)
            case "reaches":
                return _("on this trend it reaches %(target)s on %(day)s", **v)
            case "does-not-reach":
                return _("on this trend it does not reach %(target)s", **v)
        return phrase.key

    def _owned(self, text: str, owner: str) -> str:
        return self._("%(text)s (owner: %(owner)s)", text=text, owner=owner) if owner else text

    # ---- the report around the findings ------------------------------------------------

    def counts(self, report: Report) -> str:
        """`1 error, 2 warnings, 0 info`."""
        _ = self._
        c = report.counts
        one = self.plural(c["error"]) == "one"
        errors = _("%(n)s error", n=c["error"]) if one else _("%(n)s errors", n=c["error"])
        one = self.plural(c["warning"]) == "one"
        warnings = (
            _("%(n)s warning", n=c["warning"]) if one else _("%(n)s warnings", n=c["warning"])
        )
        # English "info" has one form; Italian says "1 nota", "2 note"
        one = self.plural(c["info"]) == "one"
        info = _("%(n)s info (one)", n=c["info"]) if one else _("%(n)s info", n=c["info"])
        return ", ".join([errors, warnings, info])

    def headline(self, report: Report) -> str:
        """`launch.yaml: NOT READY as of 8 Jan 2027 (launch 10 Jan 2027): 1 error, ...`."""
        _ = self._
        values = {
            "file": report.file,
            "as_of": self.date(report.as_of),
            "launch": self.date(report.launch),
            "counts": self.counts(report),
        }
        if report.ready:
            if report.strict:
                return _(
                    "%(file)s: ready as of %(as_of)s (launch %(launch)s, strict): %(counts)s",
                    **values,
                )
            return _("%(file)s: ready as of %(as_of)s (launch %(launch)s): %(counts)s", **values)
        if report.strict:
            return _(
                "%(file)s: NOT READY as of %(as_of)s (launch %(launch)s, strict): %(counts)s",
                **values,
            )
        return _("%(file)s: NOT READY as of %(as_of)s (launch %(launch)s): %(counts)s", **values)

    def heading(self, severity: str) -> str:
        """The heading of a severity's section."""
        _ = self._
        return {"error": _("Errors"), "warning": _("Warnings"), "info": _("Info")}[severity]

    def severity(self, severity: str) -> str:
        """A severity as a word in a table."""
        _ = self._
        return {"error": _("error"), "warning": _("warning"), "info": _("info")}[severity]

    def waived(self) -> str:
        return self._("(waived)")

    def all_clear(self) -> str:
        return self._("Every gate is met and every task is on time.")

    def summary_title(self, report: Report) -> str:
        """The step summary's heading, after `launchkit check: <playbook> — `."""
        _ = self._
        if report.ready:
            return _("✅ ready (strict)") if report.strict else _("✅ ready")
        return _("❌ not ready (strict)") if report.strict else _("❌ not ready")

    def summary_line(self, report: Report) -> str:
        return self._(
            "As of %(as_of)s, launch %(launch)s: %(counts)s.",
            as_of=self.date(report.as_of),
            launch=self.date(report.launch),
            counts=self.counts(report),
        )

    def summary_columns(self) -> list[str]:
        _ = self._
        return [_("severity"), _("code"), _("id"), _("message"), _("where")]


@cache
def words_for(locale: str) -> Words:
    """The sentences of `locale`, built once."""
    return Words(locale)


@cache
def _format_date(day: dt.date, locale: str) -> str:
    from babel.dates import format_date

    return str(format_date(day, "medium", locale=locale))
