"""What every artefact shares: the sandboxed Jinja environment, the facts templates see, and
the rules for naming output files.

Playbook text reaches templates only as values, never as template source, so `{{ 7*7 }}` in a
title stays as typed; HTML and SVG templates autoescape. All templates, built-in and the user's,
run in Jinja's immutable sandbox, so a template can read the facts it is given and nothing else.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from launchkit.diagnostics import Diagnostic, LaunchkitError, Severity, error
from launchkit.model.locales import babel_locale, language_of
from launchkit.outputs.render.i18n import text_direction, translations

if TYPE_CHECKING:
    from jinja2 import Environment

    from launchkit.model import Documents, Person, Playbook
    from launchkit.schedule import Plan, PlannedTask


@dataclass(frozen=True)
class OutputFile:
    """One rendered file: its path inside the output folder (POSIX, relative) and its text, or
    for a binary file (`deck.pptx`) an empty text and its bytes in `data`."""

    name: str
    text: str
    data: bytes | None = None

    @property
    def content(self) -> bytes:
        """The bytes written to disk."""
        return self.data if self.data is not None else self.text.encode("utf-8")


@dataclass
class Rendering:
    """The files an artefact produced and the warnings it raised (an SMS over one segment)."""

    files: list[OutputFile] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    def extend(self, other: Rendering) -> None:
        """Add another artefact's files and warnings."""
        self.files.extend(other.files)
        self.warnings.extend(other.warnings)


def safe_name(part: str) -> str:
    """One path component made safe: separators, dots at the start and odd characters replaced.

    Ids in the model are already lowercase slugs; this guards the folder anyway, because file
    names are also built from channel names and could one day come from freer text.
    """
    cleaned = "".join(c if c.isalnum() or c in "-_.@" else "-" for c in part.strip())
    cleaned = cleaned.lstrip(".-") or "file"
    return cleaned[:120]


def output_path(folder: Path, name: str) -> Path:
    """`folder/name`, refusing any name that would land outside `folder` by its spelling."""
    relative = PurePosixPath(name)
    if not relative.parts or relative.is_absolute() or ".." in relative.parts:
        raise ValueError(f"output name {name!r} leaves the output folder")
    # Symbolic links inside the folder are the write layer's to check (`outside-folder`): they
    # are bad input, while a name like this one would be a bug in a renderer.
    return folder / Path(*relative.parts)


@dataclass(frozen=True)
class Owner:
    """A role that owns tasks, with the person who fills it when `people` names one."""

    role: str | None
    person: Person | None

    @property
    def label(self) -> str:
        if self.person is None:
            return self.role or ""
        if self.person.title:
            return f"{self.person.name} ({self.person.title})"
        return self.person.name


class RenderContext:
    """A plan plus everything templates need to turn it into documents in its language."""

    def __init__(
        self,
        plan: Plan,
        templates: Path | None = None,
        builtin: Path | None = None,
        *,
        site: str | None = None,
        first_day: dt.date | None = None,
        last_day: dt.date | None = None,
    ) -> None:
        from launchkit.resources import data_dir

        self.plan = plan
        self.site = site
        """The one site the documents are for (`render --site`), else None: the whole playbook."""
        self.first_day = first_day
        self.last_day = last_day
        """The days the wall calendar runs from and to (`--from`, `--to`); None: the plan's."""
        self.playbook: Playbook = plan.playbook
        self.locale: str = self.playbook.locale
        self.direction = text_direction(self.locale)
        self.user_templates = templates.resolve() if templates is not None else None
        self.builtin_templates = (builtin or data_dir("templates")).resolve()
        self._dates: dict[tuple[dt.date, str], str] = {}
        # Every artefact, built-in or the user's, reads `documents:` with its plan dates filled.
        self.playbook = self.playbook.model_copy(update={"documents": self.documents})
        self.env = self._environment()

    # ---- the environment -------------------------------------------------------------------

    def _environment(self) -> Environment:
        from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

        from launchkit.outputs.render.sandbox import BoundedSandbox
        from launchkit.resources import data_dir

        loaders = [FileSystemLoader(str(self.builtin_templates))]
        kind: type[Environment] = BoundedSandbox
        if self.user_templates is not None:
            loaders.insert(0, FileSystemLoader(str(self.user_templates)))
        elif self.builtin_templates == data_dir("templates").resolve():
            # Only launchkit's own templates, which never run playbook text as a template:
            # the sandbox's check on every attribute and call is most of a large render's time.
            # A user's templates (and any folder handed in as `builtin`) stay in the sandbox.
            kind = Environment
        env = kind(
            loader=ChoiceLoader(loaders),
            autoescape=lambda name: name is not None and name.endswith((".html.j2", ".svg.j2")),
            undefined=StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.install_gettext_translations(translations(self.locale), newstyle=True)  # type: ignore[attr-defined]
        env.filters.update(
            date=self.format_date,
            ltr=self.ltr,
            md_cells=self.md_cells,
            weekday=self.weekday,
            short=self.short_date,
            # Every case change of playbook text follows the language: Turkish "i" is "İ".
            capfirst=lambda text: capfirst(str(text), self.locale),
            upper=lambda text: upper(str(text), self.locale),
            lower=lambda text: lower(str(text), self.locale),
            capitalize=lambda text: capfirst(lower(str(text), self.locale), self.locale),
        )
        env.globals.update(self.facts())
        if isinstance(env, BoundedSandbox):
            env.guard_filters()
        return env

    def facts(self) -> dict[str, Any]:
        """The names every template sees."""
        pb = self.playbook
        return {
            "playbook": pb,
            "plan": self.plan,
            "documents": self.documents,
            "vars": pb.vars,
            "lang": self.locale,
            "dir": self.direction,
            "launch": self.plan.launch,
            "app_name": self.app_name,
            "app_named": self.app_named,
            "download_url": self.download_url,
            "link": self.link_words(),
            "link_kind": self.link_kind,
            "signed_by": self.signed_by,
            "tasks": self.tasks,
            "phases": self.by_phase(),
            "owners": self.by_owner(),
            "owner_of": self.owner_of,
            "site_name": self.site_name,
            "phase_title": self.phase_title,
        }

    # ---- facts derived from the playbook ---------------------------------------------------

    @functools.cached_property
    def documents(self) -> Documents:
        """The playbook's `documents:` with every plan-date placeholder filled in (`{launch}`)."""
        from launchkit.load.plandates import NOT_PROSE

        def fill(value: Any, top: bool = False) -> Any:
            if isinstance(value, str):
                return self.fill(value)
            if isinstance(value, dict):
                return {k: v if top and k in NOT_PROSE else fill(v) for k, v in value.items()}
            if isinstance(value, list):
                return [fill(v) for v in value]
            return value

        docs = self.playbook.documents
        return type(docs).model_validate(fill(docs.model_dump(), top=True))

    def fill(self, text: str) -> str:
        """`text` with `{launch}`, `{task:ID}` and `{site:ID}` replaced by the plan's days.

        The text is data: only these placeholders are replaced, by dates formatted in the
        playbook's language; any other braces, and a placeholder naming nothing, stay as typed
        (`validate` and `render` warn about those).
        """
        from launchkit.load.plandates import FORMS, PLACEHOLDER

        if "{" not in text:
            return text

        def day_of(m: re.Match[str]) -> str:
            day = self.plan_day(m["kind"], m["id"])
            form = m["form"] or "day"
            return m.group(0) if day is None or form not in FORMS else self.day_in_words(day, form)

        return PLACEHOLDER.sub(day_of, text)

    def plan_day(self, kind: str, name: str | None) -> dt.date | None:
        """The launch day, a task's first day (`ID` or `ID@SITE`) or a site's launch day."""
        if kind == "launch":
            return self.plan.launch if name is None else None
        if kind == "site":
            known = name in {s.id for s in self.playbook.sites}
            return self.plan.site_launch.get(name or "", self.plan.launch) if known else None
        copies = self.plan.copies(name or "")
        if not copies and name is not None and name in {t.id for t in self.plan.tasks}:
            copies = [self.plan.task(name)]
        return min(t.start for t in copies) if copies else None

    def day_in_words(self, day: dt.date, form: str) -> str:
        """A placeholder's day: `day` (15 March), `long`, `full`, `weekday` (Monday), `short`."""
        if form == "day":
            key = (day, " MMMMd")
            text = self._dates.get(key)
            if text is None:
                from babel.dates import format_skeleton

                text = self._dates[key] = str(
                    format_skeleton("MMMMd", day, locale=babel_locale(self.locale))
                )
            return text
        if form == "weekday":
            return self.format_date(day, "EEEE")
        if form in ("long", "full", "short"):
            return self.format_date(day, form)
        return self.day_in_words(day, "day")

    @property
    def app_named(self) -> bool:
        """Whether the playbook names its app (`documents.app_name` or `vars.app_name`)."""
        pb = self.playbook
        return (pb.documents.app_name or pb.vars.get("app_name")) not in (None, "")

    @property
    def app_name(self) -> str:
        """The app's name: `documents.app_name`, else `vars.app_name`, else "the app" in words."""
        pb = self.playbook
        if self.app_named:
            return str(pb.documents.app_name or pb.vars.get("app_name"))
        _ = gettext_for(self.locale)
        return _("the app")

    def sentence(self, text: str) -> str:
        """`text` with a capital first letter where it starts with the unnamed app ("The app")."""
        if not self.app_named and text.startswith(self.app_name):
            return capfirst(text, self.locale)
        return text

    @property
    def link_kind(self) -> str:
        """What the link leads to: `download` (an app), `join` (a programme), `read` (a page).

        `documents.link_kind` says so; without it, a link whose last path segment is a sign-up
        word (`/join`, `/signup`, `/katil`, `/invito`, ...) is `join`, any other `download`.
        """
        pb = self.playbook
        if pb.documents.link_kind is not None:
            return pb.documents.link_kind
        url = self.download_url or ""
        last = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1].casefold()
        return "join" if last in JOIN_WORDS else "download"

    def link_words(self) -> dict[str, str]:
        """The words around the link, by its kind: the button, the line before it, its label,
        the poster's call to scan."""
        _ = gettext_for(self.locale)
        kind = self.link_kind
        if kind == "join":
            return {
                "button": _("Join"),
                "here": _("Join here:"),
                "label": _("Link to join"),
                "scan": _("Scan the code to join"),
            }
        if kind == "read":
            return {
                "button": _("Read"),
                "here": _("Read it here:"),
                "label": _("Link to read"),
                "scan": _("Scan the code to read"),
            }
        return {
            "button": _("Download"),
            "here": _("Download the app here:"),
            "label": _("Download link"),
            "scan": _("Scan the code to download"),
        }

    @property
    def download_url(self) -> str | None:
        """The download link: `documents.download_url`, else `vars.download_url`."""
        pb = self.playbook
        url = pb.documents.download_url or pb.vars.get("download_url")
        return str(url) if url not in (None, "") else None

    @property
    def signed_by(self) -> str | None:
        """Who signs: `documents.signed_by`, else the sponsor's name."""
        pb = self.playbook
        if pb.documents.signed_by:
            return pb.documents.signed_by
        sponsor = pb.people.get("sponsor")
        return sponsor.name if sponsor else None

    @functools.cached_property
    def tasks(self) -> list[PlannedTask]:
        """Planned tasks in date order (start, end, id), the order every document lists them."""
        return sorted(self.plan.tasks, key=lambda t: (t.start, t.end, t.id))

    def by_phase(self) -> list[tuple[str | None, str, list[PlannedTask]]]:
        """(phase id, title, tasks) in the playbook's phase order; tasks with no phase last."""
        # One pass over the tasks, not one per phase: a large playbook has many of both.
        of: dict[str | None, list[PlannedTask]] = {}
        for t in self.tasks:
            of.setdefault(t.phase, []).append(t)
        groups: list[tuple[str | None, str, list[PlannedTask]]] = []
        for phase in self.playbook.phases:
            found = of.get(phase.id, [])
            if found:
                groups.append((phase.id, phase.title, list(found)))
        known = {p.id for p in self.playbook.phases}
        rest = [t for t in self.tasks if t.phase not in known]
        if rest:
            groups.append((None, "", rest))
        return groups

    def by_owner(self) -> list[tuple[Owner, list[PlannedTask]]]:
        """(owner, tasks) in the order of `people`, other roles by name, unowned tasks last."""
        of: dict[str | None, list[PlannedTask]] = {}
        for t in self.tasks:
            of.setdefault(t.owner, []).append(t)
        roles = list(self.playbook.people)
        roles += sorted({t.owner for t in self.tasks if t.owner and t.owner not in roles})
        groups = [(self.owner_of(r), list(of.get(r, []))) for r in roles]
        groups.append((Owner(None, None), [t for t in self.tasks if not t.owner]))
        return [(o, ts) for o, ts in groups if ts]

    def phase_title(self, phase_id: str | None) -> str:
        """The title of a phase (every phase with that id, as a loop over `playbook.phases`)."""
        return self._phase_titles.get(phase_id, "") if phase_id is not None else ""

    @functools.cached_property
    def _phase_titles(self) -> dict[str, str]:
        titles: dict[str, str] = {}
        for phase in self.playbook.phases:
            titles[phase.id] = titles.get(phase.id, "") + phase.title
        return titles

    def owner_of(self, role: str | None) -> Owner:
        """The owner behind a role name."""
        return Owner(role, self.playbook.people.get(role) if role else None)

    def site_name(self, site_id: str | None) -> str:
        """A site's display name."""
        return self._site_names.get(site_id, site_id or "") if site_id is not None else ""

    @functools.cached_property
    def _site_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for site in self.playbook.sites:
            names.setdefault(site.id, site.name)  # the first site of an id, as a search finds
        return names

    def briefing_task(self) -> PlannedTask | None:
        """The manager meeting: `documents.briefing_task`, else the first task citing S3.3/S3.2."""
        pb = self.playbook
        wanted = pb.documents.briefing_task
        if wanted is not None:
            copies = self.plan.copies(wanted)
            if not copies:
                raise LaunchkitError(
                    [
                        self.plan.loaded.error(
                            ("documents", "briefing_task"),
                            "unknown-task",
                            f"briefing_task names '{wanted}', which is not a task",
                        )
                    ]
                )
            return copies[0]
        for item in ("S3.3", "S3.2"):
            for t in self.tasks:
                if item in t.task.source:
                    return t
        return None

    # ---- filters ---------------------------------------------------------------------------

    # Babel formats a date in tens of microseconds, and a large plan asks for the same few
    # hundred days tens of thousands of times: each (day, form) is formatted once per render.

    def format_date(self, day: dt.date | None, form: str = "long") -> str:
        """A day in the playbook's language: `long` (10 January 2027), `medium`, `short`, `full`."""
        if day is None:
            return ""
        key = (day, form)
        text = self._dates.get(key)
        if text is None:
            from babel.dates import format_date

            text = self._dates[key] = str(format_date(day, form, locale=babel_locale(self.locale)))
        return text

    def month_year(self, day: dt.date) -> str:
        """Abbreviated month and year (Jan 2031), for the axis of a plan spanning years."""
        key = (day, " yMMM")
        text = self._dates.get(key)
        if text is None:
            from babel.dates import format_skeleton

            text = self._dates[key] = str(format_skeleton("yMMM", day, locale=self.locale))
        return text

    def short_date(self, day: dt.date) -> str:
        """Day and abbreviated month (10 Jan), for axes and tight tables."""
        key = (day, " MMMd")
        text = self._dates.get(key)
        if text is None:
            from babel.dates import format_skeleton

            text = self._dates[key] = str(
                format_skeleton("MMMd", day, locale=babel_locale(self.locale))
            )
        return text

    def weekday(self, day: dt.date) -> str:
        """The weekday's abbreviated name."""
        return self.format_date(day, "EEE")

    def ltr(self, text: object) -> Any:
        """A left-to-right run (a link, an address, an id) isolated so RTL text cannot reorder it."""
        from markupsafe import Markup, escape

        return Markup('<bdi dir="ltr">{}</bdi>').format(escape(str(text)))

    def md_cells(self, row: Sequence[object], ltr_columns: Sequence[int] = ()) -> str:
        """A Markdown table row's cells, pipes escaped; in a right-to-left document the
        left-to-right columns (`≥ 100`) are isolated (U+2066 … U+2069), or a viewer shows
        "100 ≤" (Markdown has no `<bdi>` that every viewer keeps)."""
        cells = []
        for index, cell in enumerate(row):
            text = str(cell).replace("|", "\\|")
            if self.direction == "rtl" and index in ltr_columns:
                text = f"\u2066{text}\u2069"
            cells.append(text)
        return " | ".join(cells)

    # ---- rendering -------------------------------------------------------------------------

    def render(self, template: str, **values: Any) -> str:
        """Render one template; a broken or unsafe user template is reported as bad input."""
        from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError
        from jinja2.exceptions import SecurityError

        from launchkit.outputs.render.sandbox import (
            BoundedSandbox,
            TemplateTooLarge,
            bounded_render,
        )
        from launchkit.outputs.xmltext import xml_safe

        try:
            loaded = self.env.get_template(template)
            if isinstance(self.env, BoundedSandbox):
                self.env.reset()
                text = bounded_render(loaded, values)
            else:
                text = loaded.render(**values)
        except TemplateSyntaxError as e:
            raise LaunchkitError(
                [error(e.filename or template, e.lineno, 1, "template-syntax", e.message or "")]
            ) from e
        except TemplateNotFound as e:
            raise LaunchkitError(
                [error(template, 1, 1, "template-missing", f"template '{e.name}' not found")]
            ) from e
        except SecurityError as e:
            path, line = self._where(e, template)
            raise LaunchkitError([error(path, line, 1, "template-unsafe", str(e))]) from e
        except TemplateError as e:
            path, line = self._where(e, template)
            raise LaunchkitError([error(path, line, 1, "template-error", str(e))]) from e
        except RecursionError as e:
            path, line = self._where(e, template)
            message = "the template calls itself without end (a macro or include that recurses)"
            raise LaunchkitError([error(path, line, 1, "template-unsafe", message)]) from None
        except (TemplateTooLarge, OverflowError, MemoryError) as e:
            path, line = self._where(e, template)
            if isinstance(e, TemplateTooLarge) and e.line is not None:
                path, line = loaded.filename or path, e.line
            message = f"the template asks for more than a document can hold: {e}"
            raise LaunchkitError([error(path, line, 1, "template-too-large", message)]) from None
        if template.endswith((".html.j2", ".svg.j2")):
            # Whatever reached the template, the file is one that XML and HTML parsers read.
            text = xml_safe(text)
        return text

    def _where(self, e: BaseException, template: str) -> tuple[str, int]:
        """The template file and line where rendering failed (Jinja maps frames to templates)."""
        for frame in reversed(traceback.extract_tb(e.__traceback__)):
            if frame.filename.endswith(".j2"):
                return frame.filename, frame.lineno or 1
        return template, 1

    def warning(self, loc: Sequence[str | int], code: str, message: str) -> Diagnostic:
        """A warning pointing at `loc` in the playbook, or at its parent where `loc` is absent."""
        doc = self.plan.loaded.doc
        place = list(loc)
        while place and not doc.has(place):
            place.pop()
        line, col = doc.position(place)
        return Diagnostic(self.plan.loaded.path, line, col, Severity.WARNING, code, message)


ArtefactRenderer = Callable[[RenderContext], Rendering]


JOIN_WORDS = frozenset(
    {"join", "signup", "sign-up", "register", "invite", "katil", "katıl", "kayit", "kayıt"}
    | {"invito", "iscriviti", "iscrizione", "aderisci", "הצטרפות"}
)
"""Last path segments that make a link one to join (`…/join`), not one to download."""

_DOTTED = frozenset({"tr", "az"})
"""Languages whose i has a dot in upper case (İ) and whose I has none in lower case (ı)."""


def upper(text: str, locale: str = "en") -> str:
    """`text` in upper case by the language's rules: Turkish "iletişim" is "İLETİŞİM"."""
    if language_of(locale) in _DOTTED:
        text = text.replace("i", "İ").replace("ı", "I")
    return text.upper()


def lower(text: str, locale: str = "en") -> str:
    """`text` in lower case by the language's rules: Turkish "IŞIK" is "ışık"."""
    if language_of(locale) in _DOTTED:
        text = text.replace("I", "ı").replace("İ", "i")
    return text.lower()


def capfirst(text: str, locale: str = "en") -> str:
    """The first letter made upper case by the language's rules, the rest untouched (unlike
    Jinja's `capitalize`): Turkish "iletişim" is "İletişim"."""
    return upper(text[:1], locale) + text[1:]


def gettext_for(locale: str) -> Callable[..., str]:
    """`_("text %(name)s", name=...)` in Python code, translated into `locale`.

    Babel's extractor finds these calls like the templates' `_()`, so the catalog test sees them.
    """
    catalog = translations(locale)

    def _(message: str, **values: object) -> str:
        text = str(catalog.ugettext(message))
        return text % values if values else text

    return _


RLM = "\u200f"


def rtl_paragraphs(text: str) -> str:
    """Plain text with a right-to-left mark at the start of every line that has text.

    In plain text every line is a paragraph to the Unicode bidi algorithm, and a paragraph
    takes its direction from its first strong letter: a Hebrew line that starts with a Latin
    name or a link would be laid out left to right. The mark makes each one right to left.
    """
    return "\n".join(
        line if not line.strip() or line.startswith(RLM) else RLM + line
        for line in text.split("\n")
    )
