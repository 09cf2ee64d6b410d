"""Formatters of a dated plan: text (a table per phase with a small Gantt), JSON and CSV.

Each is a pure function `Plan -> str`; `FORMATTERS` maps every `PlanFormat` to its function.
"""

from __future__ import annotations

from collections.abc import Callable

from launchkit.outputs.formats import PlanFormat
from launchkit.outputs.plan.csv import format_csv
from launchkit.outputs.plan.json import format_json, plan_document
from launchkit.outputs.plan.text import format_text
from launchkit.schedule.plan import Plan

FORMATTERS: dict[PlanFormat, Callable[[Plan], str]] = {
    PlanFormat.text: format_text,
    PlanFormat.json: format_json,
    PlanFormat.csv: format_csv,
}

__all__ = ["FORMATTERS", "PlanFormat", "format_csv", "format_json", "format_text", "plan_document"]
