"""The playbook, format version 1: the schema that `launchkit schema` writes and the loader checks.

Every field's docstring becomes its description in the JSON Schema, which editors show as
completion help, so they are written for the person editing the YAML.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat

from launchkit.model.locales import Locale
from launchkit.model.values import (
    CountryCode,
    Day,
    Email,
    EventLengthValue,
    MetricNumber,
    Name,
    OffsetValue,
    RRuleValue,
    Slug,
    SourceId,
    SpanValue,
    Text,
    TimeValue,
    TimezoneName,
)

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Status = Literal["todo", "doing", "done", "blocked", "skipped"]
Severity = Literal["error", "warning", "info"]
Rule = Literal["champions_per_site", "employees_per_champion", "starts_within"]
Channel = Slug
DayTreatment = Literal["working", "half", "off"]

WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Strict(BaseModel):
    """Unknown keys are errors; field docstrings are schema descriptions (model/fielddocs.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class CalendarSpec(Strict):
    """Which days count as working days."""

    workweek: list[Weekday] = Field(default_factory=lambda: list(WEEKDAYS[:5]))
    """Working weekdays, e.g. [sun, mon, tue, wed, thu] in Israel."""
    holidays: list[CountryCode] = Field(default_factory=list)
    """Country codes whose public holidays are non-working days (the `holidays` package): IL, IT, TR, ES-MD."""
    closed: list[Day] = Field(default_factory=list)
    """Extra non-working days: a company retreat, a site closure."""
    eves: DayTreatment | None = None
    """Holiday eves (Israel: before Rosh Hashana, Yom Kippur, Sukkot, Pesach, Shavuot): working, half or off."""
    optional: DayTreatment | None = None
    """Optional days of the `holidays` package (Israel: Chol HaMoed, Purim): working (default), half or off."""
    half_days: DayTreatment | None = None
    """Half days of the `holidays` package (Turkey: the arife of each Bayram): working, half (default) or off."""
    closes_at: TimeValue | None = None
    """When a half day ends (HH:MM, default 13:00): a timed task after it is flagged by check."""


class QuietPeriod(Strict):
    """Days when announcements should not go out, with the reason."""

    start: Day | None = Field(default=None, alias="from")
    """First day of the period (with `to`)."""
    to: Day | None = None
    """Last day of the period (inclusive)."""
    holiday: Text | None = None
    """Instead of dates: the holidays, eves and optional days whose name holds this text: Sukkot, Ferragosto."""
    reason: Text
    """Why, shown wherever a date falls in it: "staff are away for Sukkot"."""


class Person(Strict):
    """Someone a role stands for."""

    name: Text
    """Full name, as it should appear on checklists and invitations."""
    title: Text | None = None
    """Job title in the playbook's language, shown beside the name to readers: Head of HR."""
    email: Email | None = None
    """E-mail address; calendar exports invite this person to the tasks they own."""
    capacity: int | None = Field(default=None, ge=1)
    """Tasks this person can carry at once; in a launch repository a day with more is a warning."""


class Site(Strict):
    """A site or branch that the launch reaches."""

    id: Slug
    """Short id used in per-site task ids: champions-ready@haifa."""
    name: Text
    """Name shown to people: Haifa plant."""
    employees: int | None = Field(default=None, ge=0)
    """Number of employees at the site."""
    champions: list[Text] = Field(default_factory=list)
    """The site's app champions (names or e-mail addresses)."""
    calendar: CalendarSpec | None = None
    """The site's own working days (another country's holidays); replaces the playbook's calendar for this site."""
    launch: OffsetValue | None = None
    """The site's own launch day, as an offset from L (a wave: L+2bd) or a date."""


class Phase(Strict):
    """A stage of the launch; tasks name it in `phase`."""

    id: Slug
    """Short id that tasks refer to."""
    title: Text
    """Heading shown on plans and checklists."""
    description: Text | None = None
    """What the phase is for."""


class Waiver(Strict):
    """A recorded, time-limited decision to accept a finding."""

    reason: Text
    """Why the finding is accepted for now."""
    owner: Text
    """Who accepted it (a role or a name)."""
    until: Day
    """Last day the waiver holds; after it the finding counts again."""


class SiteProgress(Strict):
    """Progress of a per-site task at one site; `launchkit done task@site` writes it."""

    status: Status = "todo"
    """todo, doing, done, blocked or skipped, at this site."""
    done_on: Day | None = None
    """Day the task was done at this site."""
    evidence: Text | None = None
    """Link or note that shows it was done at this site."""


class Task(Strict):
    """A piece of work with dates."""

    id: Slug
    """Unique id: lowercase letters, digits and hyphens."""
    title: Text
    """What is done, in the playbook's language."""
    description: Text | None = None
    """Details and tips for whoever does it."""
    phase: Slug | None = None
    """Id of the phase this task belongs to."""
    owner: Slug | None = None
    """Role (a key of `people`) responsible for the task."""
    start: OffsetValue | None = None
    """Start day, or the earliest start when `after` is given too: L-10bd, L+1w, 2027-01-03."""
    due: OffsetValue | None = None
    """Deadline. With no `start` or `after`, the task ends on it."""
    after: list[Slug] = Field(default_factory=list)
    """Tasks that must end before this one starts (finish-to-start)."""
    lag: SpanValue | None = None
    """Extra working days to wait after the tasks in `after` end."""
    duration: SpanValue | None = None
    """How long it takes: 1bd (the default), 5bd, 2w. 0bd makes a milestone."""
    at: TimeValue | None = None
    """Time of day for a timed event, as "HH:MM" in the playbook's time zone."""
    length: EventLengthValue | None = None
    """How long a timed (`at`) task's calendar event lasts: 45m, 2h, 1h30m (default 30m)."""
    repeat: RRuleValue | None = None
    """Recurrence as an RFC 5545 RRULE, e.g. FREQ=MONTHLY;COUNT=3."""
    per_site: bool = False
    """One copy of the task per site, with ids like champions-ready@haifa."""
    channels: list[Channel] = Field(default_factory=list)
    """Channels the task uses: email-signature, poster, tv, notice-board, email, sms, ..."""
    source: list[SourceId] = Field(default_factory=list)
    """Items of the source documents this task covers (S3.2, EA.4, A60.8)."""
    status: Status = "todo"
    """todo, doing, done, blocked or skipped."""
    done_on: Day | None = None
    """Day the task was done."""
    evidence: Text | None = None
    """Link or note that shows it was done."""
    site_status: dict[Slug, SiteProgress] = Field(default_factory=dict)
    """For a per_site task: progress at each site, by site id; it overrides `status` for that site."""
    severity: Literal["error", "warning"] = "warning"
    """How `check` reports the task when it is overdue."""
    waiver: Waiver | None = None
    """Accept this task being overdue until a day."""
    audience: Slug | None = None
    """Who the task reaches: an id of the launch repository's `audiences` (all-employees, managers)."""
    kind: Slug | None = None
    """What sort of task it is: announcement, meeting, training, ...; a launch repository's rules count them."""


class Gate(Strict):
    """A readiness condition that `check` evaluates: a metric threshold or a rule."""

    id: Slug
    """Unique id among gates."""
    title: Text
    """The condition in words: 100% of managers use the app."""
    description: Text | None = None
    """Why the gate matters."""
    by: OffsetValue | None = None
    """Day the gate must be met (default: launch day)."""
    metric: Name | None = None
    """Metric the gate reads (a key of `metrics` or of the --metrics file)."""
    min: FiniteFloat | None = None
    """Lowest acceptable value (for a metric) or count (for a rule)."""
    max: FiniteFloat | None = None
    """Highest acceptable value."""
    equals: bool | FiniteFloat | Text | None = None
    """Exact value required, e.g. true for a yes/no metric."""
    rule: Rule | None = None
    """A built-in rule instead of a metric: champions_per_site, employees_per_champion, starts_within."""
    task: Slug | None = None
    """For starts_within: the task that must start in time."""
    of: Slug | None = None
    """For starts_within: the task it must start soon after."""
    within: SpanValue | None = None
    """For starts_within: the longest allowed gap, e.g. 2w."""
    severity: Severity = "error"
    """How an unmet gate is reported once due."""
    source: list[SourceId] = Field(default_factory=list)
    """Items of the source documents this gate covers."""
    waiver: Waiver | None = None
    """Accept this gate being unmet until a day."""


class TalkingPoints(Strict):
    """The manager deck's bullets, slide by slide; a slide without any shows fixed points for the `kind`."""

    why: list[Text] = Field(default_factory=list)
    """Why we launch, and this year's internal-communications goals."""
    role: list[Text] = Field(default_factory=list)
    """The managers' role and accountability."""
    measure: list[Text] = Field(default_factory=list)
    """How success is measured (for an app: managers on their employees' installs)."""
    answer: list[Text] = Field(default_factory=list)
    """Answering and enlisting employees, handling objections."""
    feedback: list[Text] = Field(default_factory=list)
    """Feedback on content, missing content and ideas."""
    timeline: list[Text] = Field(default_factory=list)
    """Notes for the timeline slide (the dated milestones are added from the plan)."""
    champions: list[Text] = Field(default_factory=list)
    """Notes for the champions slide (the sites and their champions are added from the playbook)."""
    gates: list[Text] = Field(default_factory=list)
    """Notes for the gates slide (the gates and their dates are added from the playbook)."""


class Question(Strict):
    """One entry of the launch FAQ."""

    q: Text
    """The question as employees ask it."""
    a: Text
    """The answer champions and managers give."""


class Invitation(Strict):
    """Wording of the invitations sent to employees."""

    subject: Text | None = None
    """E-mail subject line."""
    email: Text | None = None
    """E-mail body, plain text (link and QR code are added); its own greeting replaces ours."""
    sms: Text | None = None
    """SMS text; the download link is appended. Over one segment is a warning."""


class Documents(Strict):
    """What the rendered documents need: names, links, the deck's talking points, the FAQ."""

    app_name: Text | None = None
    """Name of the app or platform as employees know it (default: `vars.app_name`, else the title)."""
    download_url: str | None = Field(default=None, pattern=r"^https?://[^\s\x00-\x1f\x7f-\x9f]+$")
    """Download or invitation link; posters carry it as a QR code (default: `vars.download_url`)."""
    link_kind: Literal["download", "join", "read"] | None = None
    """What the link leads to: download (an app), join (a programme) or read (a page); default: join for …/join."""
    sms_sender: Text | None = Field(default=None, max_length=11)
    """Sender name shown on SMS invitations (at most 11 characters)."""
    email_from: Email | None = None
    """Sender address of e-mail invitations."""
    talking_points: TalkingPoints = Field(default_factory=TalkingPoints)
    """The manager deck's bullets, slide by slide (also its speaker notes in deck.pptx)."""
    faq: list[Question] = Field(default_factory=list)
    """Launch-difficulty FAQ for champions and managers."""
    teasers: dict[Channel, Text] = Field(default_factory=dict)
    """Teaser text per channel; name plan days as {launch}, {task:ID} or {site:ID}."""
    invitation: Invitation = Field(default_factory=Invitation)
    """Wording of e-mail and SMS invitations."""
    briefing_task: Slug | None = None
    """Task whose day the deck shows as the meeting day (default: the first task citing S3.3, else S3.2)."""
    signed_by: Text | None = None
    """Who signs invitations and the deck's title slide (default: the `sponsor` role's name)."""


class Playbook(Strict):
    """A launch playbook, format version 1."""

    launchkit: Literal[1]
    """Format version of this file; always 1 for now."""
    id: Slug
    """Short id of the playbook: app-launch."""
    title: Text
    """Title shown on every document."""
    description: Text | None = None
    """What this launch is and who it is for: a planning note, not shown on the manager deck."""
    kind: Literal["app", "advocacy", "community"] = "app"
    """What is launched, which sets the deck's fixed points: app, advocacy (sharing is voluntary), community."""
    locale: Locale = "en"
    """Language of every output (en, he, tr, it), with a region for dates and numbers: en-GB, he-IL."""
    timezone: TimezoneName = "UTC"
    """IANA time zone of timed tasks and of "today": Asia/Jerusalem, Europe/Rome."""
    launch: Day | None = None
    """Launch day L. May be left out and given with --launch."""
    calendar: CalendarSpec = Field(default_factory=CalendarSpec)
    """Working days: work week, country holidays, closed days."""
    quiet: list[QuietPeriod] = Field(default_factory=list)
    """Periods when announcements (tasks with channels, launch day, waves) should not go out."""
    people: dict[Slug, Person] = Field(default_factory=dict)
    """Roles that tasks name as owners, and who fills them."""
    sites: list[Site] = Field(default_factory=list)
    """Sites or branches of a multi-site roll-out."""
    phases: list[Phase] = Field(default_factory=list)
    """Stages of the launch, in order."""
    tasks: list[Task] = Field(default_factory=list)
    """The work, with dates relative to launch day."""
    gates: list[Gate] = Field(default_factory=list)
    """Readiness conditions that `check` evaluates."""
    metrics: dict[Name, MetricNumber] = Field(default_factory=dict)
    """Current metric values; --metrics FILE overrides them."""
    vars: dict[Name, Text | FiniteFloat | bool] = Field(default_factory=dict)
    """Free values for templates: app name, download link, ..."""
    documents: Documents = Field(default_factory=Documents)
    """What the rendered documents need."""

    def owner_label(self, role: str | None) -> str:
        """How a reader sees a task's owner: `Dana Levi (Chief executive)`, `Dana Levi`, or the
        role id when `people` names no one (the id is what users type, not what they read)."""
        if role is None:
            return ""
        person = self.people.get(role)
        if person is None:
            return role
        return f"{person.name} ({person.title})" if person.title else person.name
