"""The manager briefing deck: one self-contained HTML file and Marp Markdown of the same slides.

The slides follow the manager-meeting agenda of the app-launch guide (seed item S3.3): why we
launch and this year's goals, the managers' role and accountability, measuring managers on their
employees' installs, answering and enlisting employees, feedback on content, the timeline, the
champions at every site, and the gates. Each slide opens with fixed points from the message
catalogs and then adds the playbook's own `documents.talking_points`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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


def build_slides(ctx: RenderContext) -> list[Slide]:
    """The deck's slides after the title slide, in the order of the S3.3 agenda."""
    _ = gettext_for(ctx.locale)
    pb = ctx.playbook
    tp = pb.documents.talking_points
    app = ctx.app_name
    why = ([pb.description] if pb.description else []) + list(tp.why)
    slides = [
        Slide("why", _("Why we are launching %(app)s", app=app),
              _("This year's internal-communications goals"), why),
        Slide("role", _("Your role as a manager"), _("You lead this launch, and you are accountable for it."), [
            _("Know the app well enough to answer your employees."),
            _("Keep an open mind: learn what the app can do and which further services it could offer."),
            *tp.role]),
        Slide("measure", _("Every employee on your team installs the app"), None, [
            _("Make sure the employees you manage install %(app)s.", app=app),
            _("Managers are measured on their employees' installs."),
            _("100% of managers use the app before the launch to employees."),
            *tp.measure]),
        Slide("answer", _("Answering and enlisting your employees"), None, [
            _("Be ready to answer questions and to handle objections."),
            _("Enlist your employees: tell them why it is worth downloading."),
            _("Champions at every site help anyone who gets stuck."),
            *tp.answer]),
        Slide("feedback", _("Your feedback on the content"), None, [
            _("You see the content before your employees do: tell us how well it meets their needs."),
            _("Flag missing content and ideas for improvement to the system admins."),
            _("Pass on what you hear from the field."),
            *tp.feedback]),
        _timeline(ctx),
        _champions(ctx),
        _gates(ctx),
    ]  # fmt: skip
    if pb.documents.faq:
        slides.append(
            Slide(
                "faq", _("Questions employees will ask"), qa=[(q.q, q.a) for q in pb.documents.faq]
            )
        )
    return slides


def _timeline(ctx: RenderContext) -> Slide:
    _ = gettext_for(ctx.locale)
    rows = [
        [title or _("Other tasks"), ctx.format_date(items[0].start, "medium"),
         ctx.format_date(max(max([t.end, *t.occurrences]) for t in items), "medium")]
        for _id, title, items in ctx.by_phase()
    ]  # fmt: skip
    rows.append([_("Launch day"), ctx.format_date(ctx.plan.launch, "medium"), ""])
    head = [_("Phase"), _("Start"), _("End")]
    return Slide(
        "timeline",
        _("Timeline"),
        None,
        list(ctx.playbook.documents.talking_points.timeline),
        head,
        rows,
    )


def _champions(ctx: RenderContext) -> Slide:
    _ = gettext_for(ctx.locale)
    rows = [
        [site.name, "" if site.employees is None else str(site.employees),
         (", ".join(site.champions) or "—") + (" ⚠" if len(site.champions) < 2 else "")]
        for site in ctx.playbook.sites
    ]  # fmt: skip
    head = [_("Site"), _("Employees"), _("Champions")] if rows else []
    notes = list(ctx.playbook.documents.talking_points.champions)
    lead = _("At least two champions per site help employees in real time.")
    return Slide("champions", _("Champions at every site"), lead, notes, head, rows)


def _gates(ctx: RenderContext) -> Slide:
    _ = gettext_for(ctx.locale)
    pb = ctx.playbook
    rows = []
    for gate in pb.gates:
        day = gate_day(ctx, gate.by)
        now = pb.metrics.get(gate.metric) if gate.metric else None
        if gate.rule == "champions_per_site" and pb.sites:
            now = min(len(site.champions) for site in pb.sites)
        rows.append([gate.title, ctx.format_date(day, "medium"), _target(gate), _value(now)])
    head = [_("Gate"), _("By"), _("Target"), _("Now")] if rows else []
    lead = _("What must be true before we launch to employees.")
    notes = list(pb.documents.talking_points.gates)
    return Slide("gates", _("The gates"), lead, notes, head, rows, ltr_columns=(2, 3))


def _number(x: float) -> str:
    return f"{x:g}"


def _value(value: float | bool | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return _number(value)


def _target(gate: Gate) -> str:
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
    """`deck.html` (one slide per printed page) and `deck.md` (Marp)."""
    values = {"slides": build_slides(ctx), "briefing": ctx.briefing_task()}
    return Rendering(
        [
            OutputFile("deck.html", ctx.render("deck/deck.html.j2", **values)),
            OutputFile("deck.md", ctx.render("deck/deck.md.j2", **values)),
        ]
    )
