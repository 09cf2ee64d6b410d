"""Invariants of the loader, checked on generated input with Hypothesis."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from launchkit.diagnostics import LaunchkitError
from launchkit.load import load_playbook, load_playbook_text
from launchkit.model.values import Offset, parse_offset, parse_span

STARTER = (ROOT / "playbooks" / "starter" / "en.yaml").read_text(encoding="utf-8")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def problems_of(text: str) -> list:
    """The diagnostics for `text`, or [] when it loads; anything else escapes and fails."""
    try:
        load_playbook_text(text, "launch.yaml")
    except LaunchkitError as e:
        assert e.diagnostics, "a LaunchkitError must carry at least one diagnostic"
        return e.diagnostics
    return []


def assert_inside(text: str, diagnostics: list) -> None:
    # YAML's reader also breaks lines at CR, NEL, LS and PS; positions count lines as it does.
    lines = len(re.split("\r\n|[\r\n\x85\u2028\u2029]", text))
    for d in diagnostics:
        assert 1 <= d.line <= lines + 1, d.format()
        assert d.column >= 1, d.format()
        assert d.path == "launch.yaml"
        assert "\n" not in d.message, d.format()


# Text made of the characters that matter to YAML, so that examples reach past the first byte.
yamlish = st.text(
    alphabet=st.sampled_from(list("abLd-+:[]{},&*!|>'\"#?%@`\t\n 0123456789.<é\u05d0")),
    max_size=200,
)


@SETTINGS
@given(st.one_of(st.text(max_size=300), yamlish))
def test_any_text_gives_diagnostics_inside_the_file_or_loads(text):
    assert_inside(text, problems_of(text))


@st.composite
def edited_starter(draw: st.DrawFn) -> str:
    """The starter playbook with a few characters deleted, replaced or inserted."""
    text = STARTER
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 3))
        new = draw(st.sampled_from(["", " ", "\t", ":", "-", "[", "]", "{", "x", "\n", "*a", "&a"]))
        text = text[:at] + new + text[at + cut :]
    return text


@SETTINGS
@given(edited_starter())
def test_edited_playbooks_give_diagnostics_inside_the_file_or_load(text):
    assert_inside(text, problems_of(text))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_in_a_file_give_diagnostics_or_load(tmp_path_factory, raw):
    path = Path(tmp_path_factory.mktemp("bytes")) / "launch.yaml"
    path.write_bytes(raw)
    try:
        load_playbook(path, "launch.yaml")
    except LaunchkitError as e:
        lines = raw.count(b"\n") + 1
        assert all(1 <= d.line <= lines + 1 and d.column >= 1 for d in e.diagnostics)


slugs = st.from_regex(r"\A[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?\Z")
titles = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=30
).filter(str.strip)
offsets = st.one_of(
    st.just("L"),
    st.builds(
        lambda sign, n, unit: f"L{sign}{n}{unit}",
        st.sampled_from("+-"),
        st.integers(0, 400),
        st.sampled_from(["d", "bd", "w"]),
    ),
    st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)).map(dt.date.isoformat),
)


@st.composite
def playbooks(draw: st.DrawFn) -> tuple[str, int]:
    """A valid playbook written as YAML (JSON-quoted values), and its number of tasks."""
    ids = draw(st.lists(slugs, min_size=1, max_size=8, unique=True))
    lines = [
        "launchkit: 1",
        "id: generated",
        f"title: {json.dumps(draw(titles), ensure_ascii=False)}",
        "tasks:",
    ]
    for i, ident in enumerate(ids):
        lines += [
            f"  - id: {json.dumps(ident)}",
            f"    title: {json.dumps(draw(titles), ensure_ascii=False)}",
        ]
        earlier = ids[:i]
        if earlier and draw(st.booleans()):
            after = draw(st.lists(st.sampled_from(earlier), min_size=1, unique=True))
            lines.append(f"    after: {json.dumps(after)}")
        else:
            lines.append(f"    {draw(st.sampled_from(['start', 'due']))}: {draw(offsets)}")
        if draw(st.booleans()):
            lines.append(
                f"    duration: {draw(st.integers(0, 30))}{draw(st.sampled_from(['d', 'bd', 'w']))}"
            )
    return "\n".join(lines) + "\n", len(ids)


@settings(max_examples=60, deadline=None)
@given(playbooks())
def test_generated_valid_playbooks_load(case):
    text, count = case
    loaded = load_playbook_text(text, "launch.yaml")
    assert len(loaded.playbook.tasks) == count


@SETTINGS
@given(offsets)
def test_offsets_round_trip(text):
    value = parse_offset(text)
    assert parse_offset(str(value)) == value
    assert isinstance(value, Offset)


@SETTINGS
@given(st.integers(0, 99_999), st.sampled_from(["d", "bd", "w"]))
def test_spans_round_trip(n, unit):
    span = parse_span(f"{n}{unit}")
    assert parse_span(str(span)) == span


def test_a_next_line_character_counts_as_a_line_break_in_positions():
    # Found by Hypothesis: U+0085 (NEL) ends a line for YAML's reader, so a problem after it is
    # reported on the next line, which must still lie inside the file.
    text = "{\x850"
    diagnostics = problems_of(text)
    assert diagnostics
    assert_inside(text, diagnostics)
