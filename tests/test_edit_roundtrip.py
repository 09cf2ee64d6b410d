"""Round-trip fidelity: an edit changes exactly the lines it must, byte for byte."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from launchkit.load import load_playbook
from launchkit.load.edit import edit_file, mark_done, set_value
from launchkit.load.roundtrip import detect_indent, merge_lines, open_roundtrip
from launchkit.resources import builtin_playbooks

HAND = Path(__file__).parent / "data" / "edit" / "hand-formatted.yaml"
BUILTINS = sorted({p.resolve() for p in builtin_playbooks().values()})


def changed(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    """Lines removed and lines added, each with its line ending (so CRLF mistakes show)."""
    a = before.decode("utf-8").splitlines(keepends=True)
    b = after.decode("utf-8").splitlines(keepends=True)
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if tag != "equal":
            removed += a[i1:i2]
            added += b[j1:j2]
    return removed, added


def edited(tmp_path: Path, source: Path | bytes, edit) -> tuple[bytes, bytes]:
    path = tmp_path / "launch.yaml"
    if isinstance(source, bytes):
        path.write_bytes(source)
    else:
        shutil.copyfile(source, path)
    before = path.read_bytes()
    edit_file(path, edit)
    return before, path.read_bytes()


@pytest.mark.parametrize("path", [*BUILTINS, HAND], ids=lambda p: "/".join(p.parts[-2:]))
def test_loading_and_writing_back_without_an_edit_gives_the_same_bytes(path):
    raw = path.read_bytes()
    assert open_roundtrip(raw, str(path)).render() == raw


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: "/".join(p.parts[-2:]))
def test_marking_a_builtin_task_done_only_adds_its_status_lines(tmp_path, path):
    first = load_playbook(path).playbook.tasks[0]
    before, after = edited(tmp_path, path, mark_done(first.id, dt.date(2027, 1, 4), "ok"))
    removed, added = changed(before, after)
    if removed:  # a task written as one flow mapping: that one line changes
        assert len(removed) == 1 and len(added) == 1
        assert added[0].endswith(", status: done, done_on: 2027-01-04, evidence: ok}\n")
    else:
        assert [a.strip() for a in added] == ["status: done", "done_on: 2027-01-04", "evidence: ok"]


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: "/".join(p.parts[-2:]))
def test_setting_a_builtin_duration_changes_one_line(tmp_path, path):
    task = next(t for t in load_playbook(path).playbook.tasks if t.duration is not None)
    new = "7bd" if str(task.duration) != "7bd" else "6bd"
    before, after = edited(tmp_path, path, set_value(f"tasks.{task.id}.duration", new))
    removed, added = changed(before, after)
    assert len(removed) == len(added) == 1
    assert added[0] == removed[0].replace(str(task.duration), new, 1)


EDITS = [
    (
        mark_done("teasers", dt.date(2027, 1, 3), "https://intra/x"),
        [],
        ["  status: done\n", "  done_on: 2027-01-03\n", "  evidence: https://intra/x\n"],
    ),
    (
        mark_done("contest", dt.date(2027, 1, 10), "נעשה"),
        [
            "- {id: contest, title: 'הגרלה למורידים עד 13:30', phase: launch, start: L, "
            'at: "13:30"}\n'
        ],
        [
            "- {id: contest, title: 'הגרלה למורידים עד 13:30', phase: launch, start: L, "
            'at: "13:30", status: done, done_on: 2027-01-10, evidence: נעשה}\n'
        ],
    ),
    (
        mark_done("champions-ready@haifa", dt.date(2027, 1, 4)),
        [],
        ["  site_status:\n", "      haifa: {status: done, done_on: 2027-01-04}\n"],
    ),
    (
        mark_done("dry-run", dt.date(2027, 1, 7)),
        [],
        ["  status: done\n", "  done_on: 2027-01-07\n"],
    ),
    (set_value("tasks.teasers.duration", "4bd"), ["  duration: 5bd\n"], ["  duration: 4bd\n"]),
    (
        set_value("tasks.teasers.channels", "[tv]"),
        ["  channels: [email-signature, poster, tv]   # three channels\n"],
        ["  channels: [tv]                            # three channels\n"],
    ),
    (set_value("gates.two-champions.min", "3"), ["  min: 2   # S3.8\n"], ["  min: 3   # S3.8\n"]),
    (
        set_value("gates.managers-on-app.by", "L-2bd"),
        [
            '- {id: managers-on-app, title: "100% מהמנהלים משתמשים", by: L-1bd, '
            "metric: managers_active_pct, min: 100}\n"
        ],
        [
            '- {id: managers-on-app, title: "100% מהמנהלים משתמשים", by: L-2bd, '
            "metric: managers_active_pct, min: 100}\n"
        ],
    ),
    (
        set_value("metrics.managers_active_pct", "97"),
        ["  managers_active_pct: 93     # from the HR export\n"],
        ["  managers_active_pct: 97     # from the HR export\n"],
    ),
    (
        set_value("launch", "2027-01-17"),
        ["launch: 2027-01-10   # day L\n"],
        ["launch: 2027-01-17   # day L\n"],
    ),
    (
        set_value("title", "השקה"),
        ['title: "השקת אפליקציית העובדים"   # double-quoted Hebrew title\n'],
        ['title: "השקה"                     # double-quoted Hebrew title\n'],
    ),
    (set_value("vars.app_name", "Link"), ["  app_name: 'Connect'\n"], ["  app_name: 'Link'\n"]),
    (set_value("tasks.champions-ready.duration", "null"), ["  duration: *one\n"], []),
]


@pytest.mark.parametrize(("edit", "removed", "added"), EDITS)
def test_an_edit_of_a_hand_formatted_file_changes_only_its_lines(tmp_path, edit, removed, added):
    before, after = edited(tmp_path, HAND, edit)
    assert changed(before, after) == (removed, added)


@pytest.mark.parametrize(("edit", "removed", "added"), EDITS[:6])
def test_crlf_line_endings_are_kept(tmp_path, edit, removed, added):
    crlf = HAND.read_bytes().replace(b"\n", b"\r\n")
    before, after = edited(tmp_path, crlf, edit)
    assert b"\n" not in after.replace(b"\r\n", b"")
    crlf_lines = (
        [r.replace("\n", "\r\n") for r in removed],
        [a.replace("\n", "\r\n") for a in added],
    )
    assert changed(before, after) == crlf_lines


def test_a_missing_final_newline_stays_missing(tmp_path):
    raw = HAND.read_bytes().rstrip(b"\n")
    _, after = edited(tmp_path, raw, set_value("vars.app_name", "Link"))
    assert after == raw.replace(b"app_name: 'Connect'", b"app_name: 'Link'")
    assert not after.endswith(b"\n")


def test_an_edit_of_the_last_line_without_newline_keeps_it_without(tmp_path):
    raw = b"launchkit: 1\nid: x\ntitle: t\nlaunch: 2027-01-10"
    _, after = edited(tmp_path, raw, set_value("launch", "2027-01-11"))
    assert after == b"launchkit: 1\nid: x\ntitle: t\nlaunch: 2027-01-11"


def test_a_byte_order_mark_and_the_modeline_are_kept(tmp_path):
    raw = b"\xef\xbb\xbf" + HAND.read_bytes()
    before, after = edited(tmp_path, raw, set_value("tasks.teasers.duration", "4bd"))
    assert after.startswith(b"\xef\xbb\xbf# yaml-language-server: $schema=")
    assert changed(before[3:], after[3:]) == (["  duration: 5bd\n"], ["  duration: 4bd\n"])


def test_a_long_line_is_not_rewrapped(tmp_path):
    long_title = "A title " + "that keeps going " * 12
    raw = f"launchkit: 1\nid: x\ntitle: {long_title.strip()}\nlaunch: 2027-01-10\n".encode()
    before, after = edited(tmp_path, raw, set_value("title", long_title.strip() + " again"))
    assert changed(before, after)[1] == [f"title: {long_title.strip()} again\n"]


def test_a_new_key_lands_above_the_comment_that_introduces_the_next_item(tmp_path):
    raw = (
        b"launchkit: 1\nid: x\ntitle: t\ntasks:\n"
        b"  - id: a\n    title: A\n    start: L   # first\n\n  # the second one\n"
        b"  - id: b\n    title: B\n    start: L\n"
    )
    _, after = edited(tmp_path, raw, mark_done("a", dt.date(2027, 1, 4)))
    assert after.decode().splitlines()[6:11] == [
        "    start: L   # first",
        "    status: done",
        "    done_on: 2027-01-04",
        "",
        "  # the second one",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n  b: 1\nc:\n  - x\n", (2, 4, 2)),
        ("a:\n    b: 1\nc:\n    - x\n", (4, 6, 4)),
        ("tasks:\n  - id: a\n    x: 1\nb:\n  c: 1\n", (2, 4, 2)),
        ("tasks:\n- id: a\n  x: 1\n", (2, 2, 0)),
        ("a: 1\n", (2, 2, 0)),
    ],
)
def test_the_files_own_indentation_is_detected(text, expected):
    assert detect_indent(text) == expected


def test_merge_keeps_original_lines_that_only_ruamel_would_have_normalised():
    original = "a: { x: 1 }\nb: 2   \nc: 3\n"
    baseline = "a: {x: 1}\nb: 2\nc: 3\n"
    edited_ = "a: {x: 1}\nb: 2\nc: 4\n"
    assert merge_lines(original, baseline, edited_) == "a: { x: 1 }\nb: 2   \nc: 4\n"


lines_ = st.lists(st.sampled_from(["a: 1", "b: 2", "  - x", "# c", "", "k: {y: 1}"]), max_size=12)


@settings(max_examples=60, deadline=None)
@given(lines_, lines_)
def test_merge_applies_any_edit_and_keeps_an_untouched_original_line(base, edit):
    baseline = "".join(ln + "\n" for ln in base)
    edited_ = "".join(ln + "\n" for ln in edit)
    assert merge_lines(baseline, baseline, edited_) == edited_
    # a last line that ruamel wrote without its trailing spaces, and the edit did not touch
    merged = merge_lines(baseline + "z: 0   \n", baseline + "z: 0\n", edited_ + "z: 0\n")
    assert merged == edited_ + "z: 0   \n"


@settings(max_examples=60, deadline=None)
@given(lines_, st.sets(st.integers(0, 11)))
def test_merge_without_an_edit_keeps_the_original(base, padded):
    baseline = "".join(ln + "\n" for ln in base)
    original = "".join(ln + ("   " if i in padded else "") + "\n" for i, ln in enumerate(base))
    assert merge_lines(original, baseline, baseline) == original
