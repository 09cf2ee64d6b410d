"""`launchkit diff`: what a change to a playbook does to its plan, as text, JSON or Markdown.

`compare_plans` builds one `PlanDiff`; each format is a pure function `PlanDiff -> str`,
registered in `FORMATTERS` under its `DiffFormat`.
"""

from __future__ import annotations

from collections.abc import Callable

from launchkit.outputs.diff.compare import PlanDiff, compare_plans
from launchkit.outputs.diff.json import format_json
from launchkit.outputs.diff.markdown import format_markdown
from launchkit.outputs.diff.text import format_text
from launchkit.outputs.formats import DiffFormat

FORMATTERS: dict[DiffFormat, Callable[[PlanDiff], str]] = {
    DiffFormat.text: format_text,
    DiffFormat.json: format_json,
    DiffFormat.markdown: format_markdown,
}

__all__ = [
    "FORMATTERS",
    "DiffFormat",
    "PlanDiff",
    "compare_plans",
    "format_json",
    "format_markdown",
    "format_text",
]
