"""The manager briefing deck: one self-contained HTML file, Marp Markdown of the same slides,
and an editable PowerPoint file (`deck.pptx`, see `deck_pptx.py`).

The slides follow the manager-meeting agenda of the app-launch guide (seed item S3.3): why we
launch, the managers' role, how success is measured, answering and enlisting, feedback on
content, the timeline, the champions at every site, and the gates. What a slide says comes from
the playbook: its `documents.talking_points` for that slide, or, where it gives none, the fixed
points for the kind of launch it declares (`kind: app|advocacy|community`), so a fixed point never
repeats a talking point. A slide with nothing to say is left out, and a slide too long for one
page continues on the next ("(continued)"), so no row or bullet is ever lost.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from launchkit.model.locales import babel_locale
from launchkit.outputs.render.base import OutputFile, RenderContext, Rendering, gettext_for

if TYPE_CHECKING:
    from launchkit.model import Gate
    from launchkit.model.values import Offset


@dataclass(frozen=True)
class Slide:
    """One slide: a title, an optional lead sentence, bullets, an optional table, Q&A pairs."""

    id: str
    title: str
    lead: str | None = None
    bullets: list[str] = field(default_factory=list)
    head: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    qa: list[tuple[str, str]] = field(default_factory=list)
    ltr_columns: tuple[int, ...] = ()
    """Columns that hold left-to-right text (figures with ≥ and ≤) even in a right-to-left deck."""
    notes: list[str] = field(default_factory=list)
    """Speaker notes: the playbook's talking points for this slide."""
    continued: bool = False
    """A later page of a slide too long for one."""

    @property
    def empty(self) -> bool:
        """Nothing to say: no bullets, no table rows, no questions."""
        return not (self.bullets or self.rows or self.qa)


def _fixed_points(ctx: RenderContext) -> dict[str, list[str]]:
    """The agenda's own points for each slide, by the kind of launch; shown only on a slide for
    which the playbook gives no talking points of its own."""
    _ = gettext_for(ctx.locale)
    app = ctx.app_name
    kind = ctx.playbook.kind
    if kind == "app":
        return {
            "role": [
                _("Know the app well enough to answer your employees."),
                _("Keep an open mind: learn what the app can do and which further services it could offer."),
            ],
            "measure": [
                _("Make sure the employees you manage install %(app)s.", app=app),
                _("Managers are measured on their employees' installs."),
            ],
            "answer": [
                _("Be ready to answer questions and to handle objections."),
                _("Enlist your employees: tell them why it is worth downloading."),
                _("Champions at every site help anyone who gets stuck."),
            ],
            "feedback": [
                _("You see the content before your employees do: tell us how well it meets their needs."),
                _("Flag missing content and ideas for improvement to the system admins."),
                _("Pass on what you hear from the field."),
            ],
        }  # fmt: skip
    if kind == "advocacy":
        return {
            "role": [
                _("Take part yourself first: your team follows your example."),
                _("Invite your team to join; whether and what they share is always their own choice."),
            ],
            "answer": [
                _("Be ready to answer questions: taking part is voluntary."),
            ],
            "feedback": [_("Pass on what you hear from the field.")],
        }  # fmt: skip
    return {
        "role": [
            _("Know the community well enough to point customers and partners to it."),
        ],
        "answer": [_("Be ready to answer questions and to handle objections.")],
        "feedback": [_("Pass on what you hear from the field.")],
    }  # fmt: skip


def build_slides(ctx: RenderContext) -> list[Slide]:
    """The deck's slides after the title slide, in the order of the S3.3 agenda, leaving out
    every slide with nothing to say. Long slides are not split yet (see `paginate`)."""
    _ = gettext_for(ctx.locale)
    pb = ctx.playbook
    tp = pb.documents.talking_points
    app = ctx.app_name
    fixed = _fixed_points(ctx)

    def points(key: str) -> list[str]:
        own: list[str] = list(getattr(tp, key))
        return own or fixed.get(key, [])

    measure_title = (
        _("Every employee on your team installs the app")
        if pb.kind == "app"
        else _("How we measure success")
    )
    answer_title = (
        _("Answering and enlisting your employees")
        if pb.kind == "app"
        else _("Answering questions")
    )
    role_lead = (
        _("You lead this launch, and you are accountable for it.") if pb.kind == "app" else None
    )
    slides = [
        Slide("why", _("Why we are launching %(app)s", app=app),
              _("This year's internal-communications goals"), list(tp.why), notes=list(tp.why)),
        Slide("role", _("Your role as a manager"), role_lead, points("role"), notes=list(tp.role)),
        Slide("measure", measure_title, None, points("measure"), notes=list(tp.measure)),
        Slide("answer", answer_title, None, points("answer"), notes=list(tp.answer)),
        Slide("feedback", _("Your feedback on the content"), None, points("feedback"), notes=list(tp.feedback)),
        _timeline(ctx),
        _champions(ctx),
        *_gates(ctx),
    ]  # fmt: skip
    if pb.documents.faq:
        qa = [(q.q, q.a) for q in pb.documents.faq]
        asked = (
            _("Questions you will be asked")
            if pb.kind == "community"
            else _("Questions employees will ask")
        )
        slides.append(Slide("faq", asked, qa=qa, notes=[f"{q} {a}" for q, a in qa]))
    return [s for s in slides if not s.empty]


def _timeline(ctx: RenderContext) -> Slide:
    _ = gettext_for(ctx.locale)
    rows = [
        [title or _("Other tasks"), ctx.format_date(items[0].start, "medium"),
         ctx.format_date(max(max([t.end, *t.occurrences]) for t in items), "medium")]
        for _id, title, items in ctx.by_phase()
    ]  # fmt: skip
    rows.append([_("Launch day"), ctx.format_date(ctx.plan.launch, "medium"), ""])
    head = [_("Phase"), _("Start"), _("End")]
    notes = list(ctx.playbook.documents.talking_points.timeline)
    return Slide("timeline", _("Timeline"), None, notes, head, rows, notes=notes)


def _champions(ctx: RenderContext) -> Slide:
    _ = gettext_for(ctx.locale)
    rows = [
        [site.name, "" if site.employees is None else str(site.employees),
         (", ".join(site.champions) or "—") + (" ⚠" if len(site.champions) < 2 else "")]
        for site in ctx.playbook.sites
    ]  # fmt: skip
    head = [_("Site"), _("Employees"), _("Champions")] if rows else []
    notes = list(ctx.playbook.documents.talking_points.champions)
    lead = _("At least two champions per site help employees in real time.") if rows else None
    return Slide("champions", _("Champions at every site"), lead, notes, head, rows, notes=notes)


def _gates(ctx: RenderContext) -> list[Slide]:
    """The gates due by launch day, then (on a slide of their own) those due after it."""
    _ = gettext_for(ctx.locale)
    pb = ctx.playbook
    before: list[list[str]] = []
    after: list[list[str]] = []
    for gate in pb.gates:
        day = gate_day(ctx, gate.by)
        now = pb.metrics.get(gate.metric) if gate.metric else None
        if gate.rule == "champions_per_site" and pb.sites:
            now = min(len(site.champions) for site in pb.sites)
        row = [gate.title, ctx.format_date(day, "medium"), _target(gate, ctx), _value(now)]
        (before if day <= ctx.plan.launch else after).append(row)
    head = [_("Gate"), _("By"), _("Target"), _("Now")]
    notes = list(pb.documents.talking_points.gates)
    lead = (
        _("What must be true before we launch to employees.")
        if pb.kind == "app"
        else _("What must be true by launch day.")
    )
    return [
        Slide("gates", _("The gates"), lead, notes, head if before else [], before,
              ltr_columns=(2, 3), notes=notes),
        Slide("later", _("After launch"), _("What we check once the launch is under way."),
              [], head if after else [], after, ltr_columns=(2, 3)),
    ]  # fmt: skip


# ---- fitting slides to the page ------------------------------------------------------------
# The slide is 254 mm x 142.875 mm (16:9) in deck.html and deck.pptx alike. These estimates of
# the height text takes are on the safe side; the Chromium test in tests/test_deck_layout.py
# checks that nothing runs over the slide with the fonts the deck really uses.

SLIDE_W, SLIDE_H = 254.0, 142.875
PAD_TOP, PAD_BOTTOM, PAD_SIDE = 12.0, 16.0, 16.0
BODY_W = SLIDE_W - 2 * PAD_SIDE
BODY_H = SLIDE_H - PAD_TOP - PAD_BOTTOM
PT = 0.3528
"""Millimetres in a point."""
TITLE_PT, LEAD_PT, BULLET_PT, TABLE_PT, QA_PT = 22.0, 14.0, 13.0, 11.0, 11.5
CHAR_EM = 0.58
"""Width of an average character in ems, a little wider than DejaVu Sans's to be safe."""


def _lines(text: str, width_mm: float, size_pt: float, em: float = CHAR_EM) -> int:
    per_line = max(1, int(width_mm / (size_pt * PT * em)))
    words = text.split() or [""]
    lines, used = 1, 0
    for word in words:
        need = len(word) + (1 if used else 0)
        if used and used + need > per_line:
            lines += 1 + (len(word) - 1) // per_line
            used = len(word) % per_line or per_line
        else:
            used += need
            if used > per_line:
                lines += (used - 1) // per_line
                used = used % per_line or per_line
    return lines


def _column_widths(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[float]:
    """Rough widths of a table's columns as a browser's automatic layout gives them."""
    n = max(len(head), *(len(r) for r in rows)) if rows else len(head)
    natural = [
        max([len(head[i]) if i < len(head) else 0] + [len(r[i]) for r in rows if i < len(r)]) + 2
        for i in range(n)
    ]
    total = sum(natural)
    return [BODY_W * w / total for w in natural]


def _row_height(cells: Sequence[str], widths: Sequence[float], size_pt: float) -> float:
    pad = 2 * 0.35 * size_pt * PT
    inner = [max(5.0, w - 2 * 0.5 * size_pt * PT) for w in widths]
    lines = max(_lines(c, w, size_pt) for c, w in zip(cells, inner, strict=False)) if cells else 1
    return lines * size_pt * PT * 1.45 + pad + 0.3


def paginate(slides: Sequence[Slide], continued: Callable[[str], str]) -> list[Slide]:
    """Split every slide whose bullets, rows or questions do not fit one page over as many pages
    as they need; later pages are titled by `continued(title)` and repeat the table's head."""
    out: list[Slide] = []
    for s in slides:
        out.extend(_split(s, continued))
    return out


def _split(s: Slide, continued: Callable[[str], str]) -> list[Slide]:
    widths = _column_widths(s.head, s.rows) if s.rows else []
    head_h = _row_height(s.head, widths, TABLE_PT * 0.85) if s.rows else 0.0
    items: list[tuple[str, object, float]] = []
    for b in s.bullets:
        h = _lines(b, BODY_W - 7, BULLET_PT) * BULLET_PT * PT * 1.45 + 2.2
        items.append(("bullet", b, h))
    for r in s.rows:
        items.append(("row", r, _row_height(r, widths, TABLE_PT)))
    for q, a in s.qa:
        size = QA_PT * PT * 1.45
        h = 2.5 + (_lines(q, BODY_W, QA_PT, CHAR_EM + 0.04) + _lines(a, BODY_W, QA_PT)) * size
        items.append(("qa", (q, a), h))

    pages: list[Slide] = []
    i = 0
    while True:
        first = not pages
        title = s.title if first else continued(s.title)
        lead = s.lead if first else None
        used = _lines(title, BODY_W, TITLE_PT, 0.62) * TITLE_PT * PT * 1.2 + 4
        if lead:
            used += _lines(lead, BODY_W, LEAD_PT, 0.62) * LEAD_PT * PT * 1.45 + 4
        page: dict[str, list[object]] = {"bullet": [], "row": [], "qa": []}
        while i < len(items):
            kind, value, h = items[i]
            extra = h
            if kind == "row" and not page["row"]:
                extra += head_h + 3 + (2 if page["bullet"] else 0)
            if kind == "qa" and not page["qa"] and (page["bullet"] or page["row"]):
                extra += 3
            # Always place at least one item on a page, so a page is never empty and the
            # loop always ends (an item taller than a page is the test's to catch).
            if used + extra > BODY_H and any(page.values()):
                break
            used += extra
            page[kind].append(value)
            i += 1
        pages.append(
            dataclasses.replace(
                s,
                title=title,
                lead=lead,
                bullets=[str(b) for b in page["bullet"]],
                rows=[list(r) for r in page["row"] if isinstance(r, list)],
                qa=[qa for qa in page["qa"] if isinstance(qa, tuple)],
                head=s.head if page["row"] else [],
                continued=not first,
            )
        )
        if i >= len(items):
            return pages


def _number(x: float) -> str:
    return f"{x:g}"


def _value(value: float | bool | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return _number(value)


def _target(gate: Gate, ctx: RenderContext) -> str:
    if gate.rule == "starts_within" and gate.within is not None:
        return f"≤ {_span(gate.within.amount, gate.within.unit, ctx)}"
    if gate.rule == "champions_per_site":
        return f"≥ {_number(gate.min if gate.min is not None else 2)}"
    if isinstance(gate.equals, bool):  # shown as the "Now" column shows a yes/no metric
        return _value(gate.equals)
    if gate.equals is not None:
        return f"= {_number(gate.equals) if isinstance(gate.equals, float) else gate.equals}"
    if gate.min is not None and gate.max is not None:
        return f"{_number(gate.min)}–{_number(gate.max)}"
    if gate.min is not None:
        return f"≥ {_number(gate.min)}"
    if gate.max is not None:
        return f"≤ {_number(gate.max)}"
    return ""


def _span(amount: int, unit: str, ctx: RenderContext) -> str:
    """A length in words in the deck's language: 2 weeks, 10 days, 5 working days."""
    if unit == "bd":
        _ = gettext_for(ctx.locale)
        return _("%(n)s working days", n=amount)
    from babel.dates import format_timedelta

    days = amount * 7 if unit == "w" else amount
    step: Literal["week", "day"] = "week" if unit == "w" else "day"
    return str(
        format_timedelta(dt.timedelta(days=days), threshold=10**6, granularity=step,
                         format="long", locale=babel_locale(ctx.locale))
    )  # fmt: skip


def gate_day(ctx: RenderContext, offset: Offset | None) -> dt.date:
    """The day a gate is due: its `by` against the playbook's working days, or launch day."""
    from launchkit.schedule import WorkCalendar
    from launchkit.schedule.offsets import resolve

    launch = ctx.plan.launch
    if offset is None:
        return launch
    calendar = WorkCalendar(ctx.playbook.calendar, ctx.locale, around=launch)
    return resolve(offset, calendar, launch)


def render_deck(ctx: RenderContext) -> Rendering:
    """`deck.html` (one slide per printed page), `deck.md` (Marp) and `deck.pptx`."""
    _ = gettext_for(ctx.locale)
    slides = paginate(build_slides(ctx), lambda title: _("%(title)s (continued)", title=title))
    briefing = ctx.briefing_task()
    values = {"slides": slides, "briefing": briefing, "title_app": title_app(ctx)}
    from launchkit.outputs.render.deck_pptx import deck_pptx

    return Rendering(
        [
            OutputFile("deck.html", ctx.render("deck/deck.html.j2", **values)),
            OutputFile("deck.md", ctx.render("deck/deck.md.j2", **values)),
            OutputFile("deck.pptx", "", data=deck_pptx(ctx, slides, briefing)),
        ]
    )


def title_app(ctx: RenderContext) -> str | None:
    """The app's name for the title slide, unless the playbook's title already says it."""
    if not ctx.app_named or ctx.app_name.casefold() in ctx.playbook.title.casefold():
        return None
    return ctx.app_name
