"""Property test of in-place edits on hand-written files full of formatting noise (issue 14).

Hypothesis writes valid playbooks the way people do: comments in Hebrew and with tabs, blank
lines, trailing spaces, CRLF, a byte-order mark, no final newline, flow and block styles,
anchors and aliases, folded and literal blocks. Then one random `done` or `set`. After success:
every comment is still there (but the own comment of a removed key), the data outside the edited
key is unchanged, the file validates, and its line ending, byte-order mark and final newline are
kept. After a refusal: the bytes are unchanged.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from launchkit.diagnostics import LaunchkitError
from launchkit.load import load_playbook
from launchkit.load.edit import edit_file, mark_done, set_value

COMMENTS = ["# הערה בעברית", "# a\ttab inside", "# note: keep me", "#", "# שלב ההכנה — prepare"]
TITLES = ["Brief the managers", "תדריך מנהלים", '"Quoted: title"', "'single # not a comment'"]


@dataclass
class Noisy:
    """A playbook being written line by line, with what the checks need to know about it."""

    lines: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    own: dict[str, str] = field(default_factory=dict)
    """The end-of-line comment of a key (`timezone`, `tasks.t1.channels`), by its edit key."""
    inner: dict[str, list[str]] = field(default_factory=dict)
    """Comments inside a key's block value: they go with the value when it is replaced."""

    def add(self, line: str, eol: str = "", key: str | None = None, within: str = "") -> None:
        self.lines.append(line + eol)
        if "#" in eol:
            comment = eol[eol.index("#") :]
            self.comments.append(comment)
            if key is not None:
                self.own[key] = comment
            if within:
                self.inner.setdefault(within, []).append(comment)


eols = st.sampled_from(["", "", "   ", " ", *(f"  {c}" for c in COMMENTS), "\t# after a tab"])


@st.composite
def noisy_playbook(draw: st.DrawFn) -> tuple[bytes, Noisy, int]:
    doc = Noisy()
    for _ in range(draw(st.integers(0, 2))):
        doc.add(draw(st.sampled_from(COMMENTS)), "")
        doc.comments.append(doc.lines[-1])
    doc.add("launchkit: 1", draw(eols))
    doc.add("id: noisy", draw(eols))
    doc.add(f"title: {draw(st.sampled_from(TITLES))}", draw(eols))
    doc.add("timezone: Europe/Rome", draw(eols), key="timezone")
    if draw(st.booleans()):
        doc.add("# the line under timezone")
        doc.comments.append(doc.lines[-1])
    doc.add("launch: 2027-03-15", draw(eols), key="launch")
    if draw(st.booleans()):
        doc.add("vars:", draw(eols))
        doc.add("  app_name: &app Connect", draw(eols), key="vars.app_name")
    doc.add("")
    doc.add("tasks:", draw(eols))
    count = draw(st.integers(2, 5))
    for i in range(count):
        _task(draw, doc, i)
        for _ in range(draw(st.integers(0, 2))):
            doc.add(draw(st.sampled_from(["", "  " + COMMENTS[0], "", COMMENTS[2]])))
            if "#" in doc.lines[-1]:
                doc.comments.append(doc.lines[-1].strip())
    text = "\n".join(doc.lines) + "\n"
    if draw(st.booleans()):
        text = text.rstrip("\n")
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-8")
    if draw(st.booleans()):
        raw = b"\xef\xbb\xbf" + raw
    return raw, doc, count


def _task(draw: st.DrawFn, doc: Noisy, i: int) -> None:
    title = draw(st.sampled_from(TITLES))
    if draw(st.booleans()):
        doc.add(f"  - {{id: t{i}, title: {title}, start: L-{i + 2}bd}}", draw(eols))
        return
    doc.add(f"  - id: t{i}", draw(eols))
    doc.add(f"    title: {title}", draw(eols), key=f"tasks.t{i}.title")
    doc.add(f"    start: L-{i + 2}bd", draw(eols), key=f"tasks.t{i}.start")
    if draw(st.booleans()):
        doc.add("    channels: [poster, tv]", draw(eols), key=f"tasks.t{i}.channels")
    elif draw(st.booleans()):
        doc.add("    channels:", draw(eols), key=f"tasks.t{i}.channels")
        doc.add("      - poster", draw(eols), within=f"tasks.t{i}.channels")
    block = draw(st.sampled_from(["", ">-", "|", ">"]))
    if block:
        doc.add(f"    description: {block}", "")
        if draw(st.booleans()):
            doc.add("")  # a blank first line
        doc.add("      first line of the block", draw(st.sampled_from(["", "   "])))
        doc.add("      second line, כולל עברית")
    if i > 0 and draw(st.booleans()) and any("&app" in ln for ln in doc.lines):
        doc.add("    evidence: *app", draw(eols))


@st.composite
def an_edit(draw: st.DrawFn, count: int) -> tuple[str, Any]:
    i = draw(st.integers(0, count))  # t{count} does not exist: refused
    choices: list[tuple[str, Any]] = [
        (f"tasks.t{i}.status", mark_done(f"t{i}", dt.date(2027, 1, 4))),
        (f"tasks.t{i}.duration", set_value(f"tasks.t{i}.duration", f"{i + 1}bd")),
        (f"tasks.t{i}.evidence", set_value(f"tasks.t{i}.evidence", "https://intra/x")),
        (f"tasks.t{i}.channels", set_value(f"tasks.t{i}.channels", "[email, poster]")),
        (f"tasks.t{i}.channels", set_value(f"tasks.t{i}.channels", "null")),
        (f"tasks.t{i}.description", set_value(f"tasks.t{i}.description", "null")),
        ("timezone", set_value("timezone", "null")),
        ("timezone", set_value("timezone", "Asia/Jerusalem")),
        ("launch", set_value("launch", "2027-04-01")),
        ("vars.app_name", set_value("vars.app_name", "Other")),
        ("vars.extra", set_value("vars.extra", "'new value'")),
        (f"tasks.t{i}.duration", set_value(f"tasks.t{i}.duration", "banana")),  # invalid
    ]
    return draw(st.sampled_from(choices))


def _data(raw: bytes) -> Any:
    return YAML(typ="safe").load(raw.decode("utf-8-sig"))


def _without(data: Any, key: str) -> Any:
    parts = key.split(".")
    node = data
    if parts[0] == "tasks":
        node = next((t for t in data["tasks"] if t["id"] == parts[1]), {})
        parts = parts[2:]
        if key.endswith(".status"):  # `done` sets status, done_on and evidence
            for extra in ("done_on", "evidence"):
                node.pop(extra, None)
    for part in parts[:-1]:
        node = node.get(part, {})
    node.pop(parts[-1], None)
    if isinstance(data.get("vars"), dict) and not data["vars"]:
        del data["vars"]
    return data


@settings(
    max_examples=int(__import__("os").environ.get("LAUNCHKIT_EDIT_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_an_edit_changes_its_key_and_nothing_else(data: st.DataObject) -> None:
    raw, doc, count = data.draw(noisy_playbook())
    key, edit = data.draw(an_edit(count))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "launch.yaml"
        path.write_bytes(raw)
        load_playbook(path)  # the generator writes valid playbooks
        try:
            result = edit_file(path, edit)
        except LaunchkitError as e:
            event(f"refused: {e.diagnostics[0].code}")
            assert path.read_bytes() == raw
            return
        new = path.read_bytes()
        event("written" if result.written else "nothing to change")
        if not result.written:
            assert new == raw
            return
        text, old_text = new.decode("utf-8-sig"), raw.decode("utf-8-sig")
        removed = result.changes[0].new is None
        for comment in doc.comments:
            if (removed and doc.own.get(key) == comment) or comment in doc.inner.get(key, []):
                continue
            assert text.count(comment) >= 1, f"lost comment {comment!r}"
        assert _without(_data(new), key) == _without(_data(raw), key)
        load_playbook(path)
        assert new.startswith(b"\xef\xbb\xbf") == raw.startswith(b"\xef\xbb\xbf")
        assert text.endswith("\n") == old_text.endswith("\n")
        if "\r\n" in old_text:
            assert text.count("\n") == text.count("\r\n")
        else:
            assert "\r" not in text
        assert sorted(p.name for p in Path(folder).iterdir()) == ["launch.yaml"]
