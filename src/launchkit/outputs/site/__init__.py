"""The launch room: one static site for the people a launch depends on who never open git.

`build_site` is pure: from dated plans (with their metrics) it returns every file of the site,
which the CLI writes into a folder. The site is plain HTML and CSS with no script and nothing
fetched at view time, so it opens from `file://` as well as from GitHub Pages:

    index.html                      every launch: ready or not, days to go, next gate, counts
    style.css
    <launch>/index.html             one launch: readiness, timeline, progress, this week, metrics
    <launch>/docs/...               every rendered document (`launchkit render`)
    feeds/[<token>/]<launch>.ics    calendar feeds: the launch, each owner, each site
    feeds/[<token>/]<launch>--owner-<role>.ics, <launch>--site-<site>.ics

Feeds keep their paths from one build to the next, and carry SEQUENCE over from the feed they
replace (`previous`), so a subscribed calendar updates its events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from launchkit.model.locales import babel_locale, is_rtl
from launchkit.outputs.render.i18n import text_direction
from launchkit.outputs.site.words import words_for

if TYPE_CHECKING:
    from launchkit.readiness import Metrics, Report
    from launchkit.readiness.forecast import History
    from launchkit.schedule import Plan


@dataclass(frozen=True)
class SiteFile:
    """One file of the site: its path (POSIX, relative to the site's folder) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class LaunchInput:
    """One playbook's dated plan, with the metrics `check` judges it on."""

    plan: Plan
    metrics: Metrics | None = None
    history: History | None = None
    as_of: dt.date | None = None
    """The day to judge as of; None: today in the playbook's time zone."""


@dataclass(frozen=True)
class Feed:
    label: str
    path: str
    """From the site's root."""
    url: str | None
    """Absolute https address, with --base-url."""
    webcal: str | None


@dataclass(frozen=True)
class Finding:
    severity: str
    severity_word: str
    code: str
    message: str
    owner: str
    fix: str


@dataclass(frozen=True)
class Bar:
    id: str
    label: str
    done: int
    total: int
    percent: int


@dataclass
class Launch:
    """What the pages show of one launch."""

    id: str
    title: str
    locale: str
    dir: str
    words: dict[str, str]
    ready: bool
    as_of: str
    launch: str
    to_launch: int
    next_gate: str | None
    next_gate_day: str
    next_gate_met: bool
    overdue: int
    due: int
    findings: list[Finding]
    phases: list[Bar]
    sites: list[Bar]
    per_owner: list[tuple[str, list[tuple[str, str, str]]]]
    charts: list[dict[str, Any]]
    documents: list[tuple[str, str]]
    feeds: list[Feed]
    timeline: str | None
    counts: dict[str, int] = field(default_factory=dict)


def build_site(
    launches: list[LaunchInput],
    *,
    now: dt.datetime,
    base_url: str | None = None,
    token: str | None = None,
    previous: Callable[[str], bytes | None] = lambda _name: None,
) -> list[SiteFile]:
    """Every file of the site for these launches (in the order given)."""
    from launchkit.resources import data_dir

    files: list[SiteFile] = []
    pages: list[Launch] = []
    feed_dir = f"feeds/{token}" if token else "feeds"
    for given in launches:
        launch, own = _launch(given, feed_dir, base_url, now, previous)
        pages.append(launch)
        files.extend(own)
    env = _environment()
    home_locale = _shared_locale([p.locale for p in pages])
    home_words = words_for(home_locale)
    updated = now.strftime("%Y-%m-%d %H:%M UTC")
    for page in pages:
        html = env.get_template("site/launch.html.j2").render(
            launch=page, w=page.words, updated=updated, lang=page.locale, dir=page.dir
        )
        files.append(SiteFile(f"{page.id}/index.html", html.encode("utf-8")))
    home = env.get_template("site/home.html.j2").render(
        launches=pages,
        w=home_words,
        updated=updated,
        lang=home_locale,
        dir=text_direction(home_locale),
    )
    files.append(SiteFile("index.html", home.encode("utf-8")))
    css = (data_dir("templates") / "site" / "style.css").read_bytes()
    files.append(SiteFile("style.css", css))
    return files


def _shared_locale(locales: list[str]) -> str:
    """The home page's language: the launches' own when they share one, else English."""
    return locales[0] if locales and all(x == locales[0] for x in locales) else "en"


def _environment() -> Any:
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from launchkit.resources import data_dir

    return ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(data_dir("templates"))),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _launch(
    given: LaunchInput,
    feed_dir: str,
    base_url: str | None,
    now: dt.datetime,
    previous: Callable[[str], bytes | None],
) -> tuple[Launch, list[SiteFile]]:
    from launchkit.clock import today_in
    from launchkit.outputs.render import render
    from launchkit.outputs.status import summarize
    from launchkit.readiness import check_readiness

    plan = given.plan
    pb = plan.playbook
    words = words_for(pb.locale)
    as_of = given.as_of or today_in(pb.timezone)
    report = check_readiness(plan, as_of, given.metrics, history=given.history)
    status = summarize(plan, as_of)
    day = _date_formatter(pb.locale)
    files: list[SiteFile] = []
    documents: list[tuple[str, str]] = []
    timeline = None
    for f in render(plan).files:
        name = f"{pb.id}/docs/{f.name}"
        files.append(SiteFile(name, f.text.encode("utf-8")))
        documents.append((f.name, f"docs/{f.name}"))
        if f.name == "timeline.svg":
            timeline = "docs/timeline.svg"
    feeds, feed_files = _feeds(plan, feed_dir, base_url, now, previous, words)
    files.extend(feed_files)
    gate = status.next_gate
    gate_met = gate is not None and not any(
        f.id == gate.id and f.code in ("gate-unmet", "metric-missing") for f in report.findings
    )
    launch = Launch(
        id=pb.id,
        title=pb.title,
        locale=pb.locale,
        dir=text_direction(pb.locale),
        words=words,
        ready=report.ready,
        as_of=day(as_of),
        launch=day(plan.launch),
        to_launch=status.to_launch,
        next_gate=gate.title if gate else None,
        next_gate_day=day(gate.by) if gate else "",
        next_gate_met=gate_met,
        overdue=len(status.overdue),
        due=len(status.due),
        findings=_findings(report, plan, words),
        phases=[Bar(p.id, p.label, p.done, p.total, p.percent) for p in status.phases],
        sites=[Bar(s.id, s.label, s.done, s.total, s.percent) for s in status.sites],
        per_owner=_per_owner(status.due, plan, words, day),
        charts=_charts(plan, report, given.history, as_of, words, day),
        documents=documents,
        feeds=feeds,
        timeline=timeline,
        counts=report.counts,
    )
    return launch, files


def _date_formatter(locale: str) -> Callable[[dt.date], str]:
    from babel.dates import format_skeleton

    def fmt(day: dt.date) -> str:
        return str(format_skeleton("yMMMEd", day, locale=babel_locale(locale)))

    return fmt


def _who(plan: Plan, role: str | None) -> str:
    if not role:
        return ""
    person = plan.playbook.people.get(role)
    return f"{person.name} ({role})" if person else role


def _findings(report: Report, plan: Plan, words: dict[str, str]) -> list[Finding]:
    ids = {t.id for t in plan.tasks}
    out = []
    for f in report.findings:
        owner = _who(plan, plan.task(f.id).owner) if f.id in ids else ""
        out.append(
            Finding(
                severity=str(f.severity),
                severity_word=words[f"severity_{f.severity}"],
                code=f.code,
                message=f.message,
                owner=owner,
                fix=words.get(f"fix_{f.code}", ""),
            )
        )
    return out


def _per_owner(
    due: list[Any], plan: Plan, words: dict[str, str], day: Callable[[dt.date], str]
) -> list[tuple[str, list[tuple[str, str, str]]]]:
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for item in due:
        who = _who(plan, item.owner) or words["nobody"]
        groups.setdefault(who, []).append((item.id, item.title, day(item.end)))
    return sorted(groups.items())


def _feeds(
    plan: Plan,
    folder: str,
    base_url: str | None,
    now: dt.datetime,
    previous: Callable[[str], bytes | None],
    words: dict[str, str],
) -> tuple[list[Feed], list[SiteFile]]:
    from launchkit.outputs.export import ExportOptions
    from launchkit.outputs.export.ics import export_ics

    pb = plan.playbook
    wanted: list[tuple[str, str, ExportOptions]] = [(words["feed_all"], pb.id, ExportOptions())]
    roles = list(pb.people) + sorted({t.owner for t in pb.tasks if t.owner} - set(pb.people))
    for role in roles:
        if any(t.owner == role for t in plan.tasks):
            label = words["feed_owner"].format(who=_who(plan, role))
            wanted.append((label, f"{pb.id}--owner-{role}", ExportOptions(owner=role)))
    for site in pb.sites:
        label = words["feed_site"].format(site=site.name)
        wanted.append((label, f"{pb.id}--site-{site.id}", ExportOptions(site=site.id)))
    feeds, files = [], []
    for label, stem, options in wanted:
        path = f"{folder}/{stem}.ics"
        options = ExportOptions(
            owner=options.owner, site=options.site, now=now, previous=previous(path)
        )
        files.append(SiteFile(path, export_ics(plan, options).encode("utf-8")))
        url = f"{base_url.rstrip('/')}/{path}" if base_url else None
        webcal = "webcal://" + url.split("://", 1)[1] if url else None
        feeds.append(Feed(label, path, url, webcal))
    return feeds, files


def _charts(
    plan: Plan,
    report: Report,
    history: History | None,
    as_of: dt.date,
    words: dict[str, str],
    day: Callable[[dt.date], str],
) -> list[dict[str, Any]]:
    """One small chart per metric gate: its dated history, the target, and the forecast."""
    from launchkit.outputs.site.chart import metric_chart
    from launchkit.readiness.forecast import gate_outlook
    from launchkit.readiness.metrics import format_value
    from launchkit.schedule.dates import due_day

    charts = []
    for gate in plan.playbook.gates:
        if gate.metric is None:
            continue
        by = due_day(gate.by, plan.launch, plan.calendar())
        points = (history or {}).get(gate.metric, [])
        # A gate already due gets its target drawn, but no forecast (no points to fit).
        outlook = gate_outlook(gate, points if by > as_of else [], by)
        target = outlook.target if outlook is not None else None
        ahead = outlook.forecast if outlook is not None else None
        projected = ""
        if ahead is not None:
            projected = words["projected"].format(
                value=f"{ahead.value:.0f}", low=f"{ahead.low:.0f}", high=f"{ahead.high:.0f}",
                date=day(by),
            )  # fmt: skip
        met = not any(f.id == gate.id and f.code == "gate-unmet" for f in report.findings)
        charts.append(
            {
                "id": gate.id,
                "title": gate.title,
                "metric": gate.metric,
                "target": words["target"].format(
                    target=format_value(target)
                    if target is not None
                    else format_value(gate.equals or ""),
                    date=day(by),
                ),
                "projected": projected,
                "met": met,
                "svg": metric_chart(points, target, by, ahead, rtl=is_rtl(plan.playbook.locale))
                if points
                else None,
                "no_history": words["no_history"],
            }
        )
    return charts
