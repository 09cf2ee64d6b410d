"""The launch repository file, `launchkit.yaml`: several playbooks and what they share.

A comms team runs several launches for the same people, sites and audiences. The repository
file at a folder's root names the playbooks and holds the shared `people`, `sites`, `audiences`
and default `calendar`, and the rules that `check` applies across launches (docs/repository.md).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from launchkit.model.playbook import CalendarSpec, Person, Site, Strict
from launchkit.model.values import Slug

REPOSITORY_FILE = "launchkit.yaml"
"""Name of the repository file at the root of a folder of playbooks."""


class Audience(Strict):
    """A group of people that tasks reach: all employees, managers, a site's staff, champions."""

    id: Slug
    """Short id that tasks name in `audience`."""
    title: str
    """Name shown to people: All employees."""
    size: int | None = Field(default=None, ge=0)
    """How many people it holds, if known."""


class Rules(Strict):
    """What `check` holds every launch of the repository to, together."""

    announcements_per_day: int | None = Field(default=1, ge=1)
    """Most announcements one audience may get on one day (null: no limit)."""
    announcements_per_week: int | None = Field(default=2, ge=1)
    """Most announcements one audience may get in one week, Monday to Sunday (null: no limit)."""
    announcement_kinds: list[Slug] = Field(default_factory=lambda: ["announcement"])
    """Task kinds counted as announcements."""
    no_overlap: list[Slug] = Field(default_factory=list)
    """Kinds that must not overlap for the same audience: [meeting, training]."""
    capacity: int = Field(default=2, ge=1)
    """Tasks a person may carry on one working day when their entry gives no `capacity`."""
    severity: Literal["error", "warning"] = "warning"
    """How collisions and overloads are reported."""


class Repository(Strict):
    """A launch repository: several playbooks run by one team."""

    launchkit: Literal[1]
    """Format version of this file; always 1 for now."""
    playbooks: list[str] | str
    """The playbooks: a list of files, or a folder whose *.yaml are all playbooks (relative paths)."""
    people: dict[Slug, Person] = Field(default_factory=dict)
    """Roles shared by every playbook; a playbook's own entry of the same role replaces it."""
    sites: list[Site] = Field(default_factory=list)
    """Shared sites; a playbook without `sites:` reaches them all, one with `sites:` lists ids or entries."""
    audiences: list[Audience] = Field(default_factory=list)
    """Groups of people that tasks reach, named by id in a task's `audience`."""
    calendar: CalendarSpec | None = None
    """Working days of every playbook that has no `calendar:` of its own."""
    rules: Rules = Field(default_factory=Rules)
    """Limits across launches: announcements per audience, kinds that must not overlap, capacity."""
