"""`launchkit advise`: the best launch days, with their reasons, in the playbook's language; and
the same as JSON for scripts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from launchkit.model.locales import babel_locale, language_of
from launchkit.outputs.jsontext import dumps
from launchkit.readiness.advice import Advice, Candidate, Reason

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "heading": "Launch days from {first} to {last}, best first (as of {as_of})",
        "site": "for {site}",
        "planned": "your launch day",
        "rank": "Your launch day, {day}, ranks {rank} of {count}: {reasons}",
        "none_in_range": "No working day from {first} to {last}.",
        "clear": "nothing in the way",
        "launch-reduced": "launch day is {names}",
        "week-reduced": "launch week loses {names}",
        "moved": "dates moved by holidays: {count} ({names})",
        "wave-closed": "site waves on a local holiday: {count} ({names})",
        "wave-reduced": "site waves on a short or reduced day: {count} ({names})",
        "launch-quiet": "launch day is in a quiet period ({names})",
        "quiet": "announcements in quiet periods: {count} ({names})",
        "late-tasks": "tasks that should already have started: {count} ({names})",
        "late-plan": "tasks that miss their deadlines: {count} ({names})",
        "spread": "working days from the first site wave to the last: {count}",
    },
    "he": {
        "heading": "ימי השקה אפשריים מ־{first} עד {last}, הטובים תחילה (נכון ל־{as_of})",
        "site": "עבור {site}",
        "planned": "יום ההשקה שלכם",
        "rank": "יום ההשקה שלכם, {day}, במקום {rank} מתוך {count}: {reasons}",
        "none_in_range": "אין ימי עבודה מ־{first} עד {last}.",
        "clear": "אין מכשולים",
        "launch-reduced": "יום ההשקה הוא {names}",
        "week-reduced": "שבוע ההשקה מאבד את {names}",
        "moved": "תאריכים שזזו בגלל חגים: {count} ({names})",
        "wave-closed": "גלי השקה בחג מקומי: {count} ({names})",
        "wave-reduced": "גלי השקה ביום מקוצר: {count} ({names})",
        "launch-quiet": "יום ההשקה חל בתקופה שקטה ({names})",
        "quiet": "הודעות בתקופות שקטות: {count} ({names})",
        "late-tasks": "משימות שהיו צריכות כבר להתחיל: {count} ({names})",
        "late-plan": "משימות שמחמיצות את המועד שלהן: {count} ({names})",
        "spread": "ימי עבודה מהגל הראשון עד האחרון: {count}",
    },
    "it": {
        "heading": "Giorni di lancio dal {first} al {last}, i migliori per primi (al {as_of})",
        "site": "per {site}",
        "planned": "il vostro giorno di lancio",
        "rank": "Il vostro giorno di lancio, {day}, è {rank}° su {count}: {reasons}",
        "none_in_range": "Nessun giorno lavorativo dal {first} al {last}.",
        "clear": "nessun ostacolo",
        "launch-reduced": "il giorno del lancio è {names}",
        "week-reduced": "la settimana del lancio perde {names}",
        "moved": "date spostate da festività: {count} ({names})",
        "wave-closed": "ondate in una festività locale: {count} ({names})",
        "wave-reduced": "ondate in un giorno ridotto: {count} ({names})",
        "launch-quiet": "il giorno del lancio cade in un periodo di silenzio ({names})",
        "quiet": "annunci in periodi di silenzio: {count} ({names})",
        "late-tasks": "attività che dovevano già iniziare: {count} ({names})",
        "late-plan": "attività oltre la scadenza: {count} ({names})",
        "spread": "giorni lavorativi dalla prima all'ultima ondata: {count}",
    },
    "tr": {
        "heading": "{first} – {last} arası lansman günleri, en iyisi önce ({as_of} itibarıyla)",
        "site": "{site} için",
        "planned": "sizin lansman gününüz",
        "rank": "Sizin lansman gününüz {day}, {count} gün içinde {rank}. sırada: {reasons}",
        "none_in_range": "{first} – {last} arasında iş günü yok.",
        "clear": "engel yok",
        "launch-reduced": "lansman günü {names}",
        "week-reduced": "lansman haftası {names} nedeniyle kısalıyor",
        "moved": "tatiller yüzünden kayan tarihler: {count} ({names})",
        "wave-closed": "yerel tatile denk gelen dalgalar: {count} ({names})",
        "wave-reduced": "kısaltılmış güne denk gelen dalgalar: {count} ({names})",
        "launch-quiet": "lansman günü sessiz döneme denk geliyor ({names})",
        "quiet": "sessiz dönemdeki duyurular: {count} ({names})",
        "late-tasks": "çoktan başlamış olması gereken görevler: {count} ({names})",
        "late-plan": "son tarihini kaçıran görevler: {count} ({names})",
        "spread": "ilk dalgadan son dalgaya iş günü: {count}",
    },
}
"""Every language has the same keys (a test checks); a locale without a table gets English."""

SHOW_NAMES = 3
"""Names listed in a reason before "…"."""


def _words(locale: str) -> dict[str, str]:
    return WORDS.get(language_of(locale), WORDS["en"])


def reason_text(reason: Reason, locale: str) -> str:
    """One reason in words: "launch week loses Eve of Yom Kippur"."""
    names = list(reason.names[:SHOW_NAMES]) + (["…"] if len(reason.names) > SHOW_NAMES else [])
    return _words(locale)[reason.code].format(count=reason.count, names=", ".join(names))


def reasons_text(c: Candidate, locale: str) -> str:
    words = _words(locale)
    parts = [reason_text(r, locale) for r in sorted(c.reasons, key=lambda r: -r.cost)]
    if not parts:
        parts = [words["clear"]]
    return "; ".join(parts)


def _day(day: dt.date, locale: str) -> str:
    from babel.dates import format_skeleton

    try:
        return str(format_skeleton("yMMMEd", day, locale=babel_locale(locale)))
    except (ValueError, LookupError):
        return str(format_skeleton("yMMMEd", day, locale="en"))


def format_text(advice: Advice, locale: str, top: int = 5) -> str:
    """The best `top` days with their reasons, and where the playbook's own day ranks."""
    words = _words(locale)
    head = words["heading"].format(
        first=_day(advice.first, locale), last=_day(advice.last, locale),
        as_of=_day(advice.as_of, locale),
    )  # fmt: skip
    if advice.site:
        head += " " + words["site"].format(site=advice.site)
    lines = [head]
    if not advice.candidates:
        lines.append(
            words["none_in_range"].format(
                first=_day(advice.first, locale), last=_day(advice.last, locale)
            )
        )
        return "\n".join(lines) + "\n"
    for rank, c in enumerate(advice.candidates[:top], start=1):
        mine = f" ← {words['planned']}" if c.launch == advice.planned else ""
        lines.append(f"{rank}. {_day(c.launch, locale)} [{c.score}]{mine}")
        lines.append(f"   {reasons_text(c, locale)}")
        if c.waves_spread:
            lines.append(f"   {words['spread'].format(count=c.waves_spread)}")
    ranks = {c.launch: i for i, c in enumerate(advice.candidates, start=1)}
    if advice.planned in ranks and ranks[advice.planned] > top:
        c = advice.candidates[ranks[advice.planned] - 1]
        lines.append("")
        lines.append(
            words["rank"].format(
                day=_day(c.launch, locale), rank=ranks[c.launch],
                count=len(advice.candidates), reasons=reasons_text(c, locale),
            )
        )  # fmt: skip
    return "\n".join(lines) + "\n"


def format_json(advice: Advice, locale: str) -> str:
    """Every candidate, best first, with its score and reasons (codes and words)."""
    doc: dict[str, Any] = {
        "playbook": advice.playbook,
        "from": advice.first.isoformat(),
        "to": advice.last.isoformat(),
        "as_of": advice.as_of.isoformat(),
        "planned": advice.planned.isoformat() if advice.planned else None,
        "site": advice.site,
        "candidates": [
            {
                "launch": c.launch.isoformat(),
                "score": c.score,
                "waves_spread_bd": c.waves_spread,
                "reasons": [
                    {
                        "code": r.code,
                        "count": r.count,
                        "cost": r.cost,
                        "names": list(r.names),
                        "message": reason_text(r, locale),
                    }
                    for r in sorted(c.reasons, key=lambda r: -r.cost)
                ],
            }
            for c in advice.candidates
        ],
    }
    return dumps(doc)
