"""The output formats a command offers, kept apart from their formatters.

The CLI declares `--format` choices when `launchkit --help` builds its commands; importing the
formatters for that would bring in the whole model. So the choices live here, light, and each
formatter registry maps every member to its function (a test per registry checks it does).
"""

from __future__ import annotations

import enum


class PlanFormat(enum.StrEnum):
    """Output formats of `launchkit plan`."""

    text = "text"
    json = "json"
    csv = "csv"


class DiffFormat(enum.StrEnum):
    """Output formats of `launchkit diff`."""

    text = "text"
    json = "json"
    markdown = "markdown"
