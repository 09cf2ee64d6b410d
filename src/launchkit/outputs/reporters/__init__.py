"""Reporters for `launchkit check`: one module per format, chosen by the `Format` enum."""

from __future__ import annotations

from typing import assert_never

from launchkit.outputs.reporters import github, json, junit, sarif, text
from launchkit.outputs.reporters.base import Format, Reporter
from launchkit.outputs.reporters.summary import render_summary


def reporter(fmt: Format) -> Reporter:
    """The reporter of one format."""
    match fmt:
        case Format.text:
            return text.render
        case Format.json:
            return json.render
        case Format.junit:
            return junit.render
        case Format.github:
            return github.render
        case Format.sarif:
            return sarif.render
        case _:
            assert_never(fmt)


REPORTERS: dict[Format, Reporter] = {fmt: reporter(fmt) for fmt in Format}
"""Every reporter by format."""

__all__ = ["REPORTERS", "Format", "Reporter", "render_summary", "reporter"]
