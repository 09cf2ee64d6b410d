"""The edits `launchkit done` and `launchkit set` make to a playbook file, and how they are made safe.

Every edit follows the same steps (`edit_file`): read the file's bytes once, load them as a
playbook (an invalid file is not edited), apply the change to a round-trip copy, build the new
text in memory, load *that* text through the normal loader, and only then write it atomically,
refusing if the file changed in the meantime. So an edit that would make the playbook invalid
leaves the file byte-for-byte as it was, with the loader's `file:line:col` diagnostics.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from launchkit.clock import today_in
from launchkit.diagnostics import LaunchkitError, did_you_mean, error, source_lines
from launchkit.load import LoadedPlaybook, load_playbook_text
from launchkit.load.atomic import (
    check_replaceable,
    edit_lock,
    remove_stale_temporaries,
    write_atomic,
)
from launchkit.load.document import decode_text, read_bytes
from launchkit.load.isolation import comment_changes, only_keys_changed
from launchkit.load.roundtrip import RoundTrip, open_roundtrip, remove_key, set_key

__all__ = ["Change", "EditResult", "edit_file", "mark_done", "set_value", "today_in"]

# Sections that are lists of items with an `id`, addressed as `<section>.<id>.<key>`.
_SECTIONS = ("tasks", "gates", "sites", "phases")
# Where the keys `done` writes go when a task does not have them yet.
_STATUS_KEYS = ("status", "done_on", "evidence")

# The code for an id that names nothing, per section (spelled out so docs/errors.md can list each).
_UNKNOWN = {
    "tasks": "unknown-task",
    "gates": "unknown-gate",
    "sites": "unknown-site",
    "phases": "unknown-phase",
}


@dataclass(frozen=True)
class Change:
    """One value an edit changed: its key path, the value before (None: absent) and after."""

    key: str
    old: Any
    new: Any

    def describe(self) -> str:
        """`tasks.teasers.status: todo -> done`, as the command prints it."""
        return f"{self.key}: {_show(self.old)} -> {_show(self.new)}"


@dataclass(frozen=True)
class EditResult:
    """What an edit did: the changes, and whether the file was written (not for a no-op)."""

    path: str
    changes: list[Change]
    written: bool


Edit = Callable[[RoundTrip, LoadedPlaybook], list[Change]]


def edit_file(
    path: Path | str, edit: Edit, display: str | None = None, *, force: bool = False
) -> EditResult:
    """Apply `edit` to the playbook file at `path`, validating before an atomic write.

    A symbolic link is followed: the file it names is edited, in its own folder. The edit holds
    the file's edit lock from reading to replacing, so two edits take turns. Raises
    LaunchkitError (and leaves the file untouched) when the file is invalid, read-only or
    hard-linked (unless `force`), the edit is refused, the edited text would be invalid or would
    change anything but the edited keys, or the file changed while the edit ran.
    """
    shown = display or str(path)
    try:
        real = Path(path).resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links (RuntimeError before 3.13)
        read_bytes(Path(path), shown)  # says why the file cannot be read
        raise
    with edit_lock(real, shown):
        remove_stale_temporaries(real)
        raw = read_bytes(real, shown)
        before = check_replaceable(real, shown, force=force)
        loaded = load_playbook_text(decode_text(raw, shown), shown)
        rt = open_roundtrip(raw, shown)
        changes = edit(rt, loaded)
        if not changes:
            return EditResult(shown, changes, written=False)
        new = _proven(rt, changes, shown)
        if new == raw:
            return EditResult(shown, changes, written=False)
        load_playbook_text(decode_text(new, shown), shown)
        write_atomic(real, new, expect=raw, display=shown, keep=before)
    return EditResult(shown, changes, written=True)


def _proven(rt: RoundTrip, changes: list[Change], shown: str) -> bytes:
    """The first rendering of the edit that changes the edited keys and nothing else.

    The line merge keeps every other line as it was; ruamel's own dump of the whole document is
    the fallback. Each must hold the same data but for the edited keys, and every comment, once,
    but those that went with the edited value (`launchkit.load.isolation`); if neither does,
    nothing is written.
    """
    wanted = [(c.key, c.new) for c in changes]
    edited = rt.dump()
    broken: tuple[str, str] | None = None
    for candidate in rt.candidates(edited):
        if not only_keys_changed(rt.raw, candidate, wanted):
            continue
        text = candidate.decode("utf-8-sig")
        dropped, repeated = comment_changes(rt.text, rt.baseline, edited, text)
        if not dropped and not repeated:
            return candidate
        if broken is None:
            broken = ("drop", dropped[0]) if dropped else ("repeat", repeated[0])
    if broken is not None:
        verb, comment = broken
        line, column = _place_of(rt.text, comment)
        raise LaunchkitError(
            [
                error(
                    shown,
                    line,
                    column,
                    "edit-breaks-comment",
                    f"this edit would {verb} the comment {comment!r} (the editor cannot place "
                    "it exactly); nothing was written, edit the file by hand or move the comment",
                )
            ]
        )
    raise LaunchkitError(
        [
            error(
                shown,
                1,
                1,
                "edit-not-isolated",
                "this edit would also change other values in the file (a YAML construct the "
                "editor cannot rewrite exactly); nothing was written, edit the file by hand",
            )
        ]
    )


def _place_of(text: str, comment: str) -> tuple[int, int]:
    """The 1-based line and column where `comment` first stands in `text` (1:1 if nowhere)."""
    for number, line in enumerate(source_lines(text), 1):
        if comment in line:
            return number, line.index(comment) + 1
    return 1, 1


def mark_done(task_ref: str, on: dt.date | None = None, evidence: str | None = None) -> Edit:
    """An edit marking `task_ref` done: `id` (every site of a per-site task) or `id@site`."""

    def edit(rt: RoundTrip, loaded: LoadedPlaybook) -> list[Change]:
        task_id, _, site = task_ref.partition("@")
        index = _find(loaded, "tasks", task_id)
        task = loaded.playbook.tasks[index]
        node = _item_node(rt, loaded, "tasks", index)
        day = on or today_in(loaded.playbook.timezone)
        if site:
            _check_site(loaded, index, site)
            return _done_at_site(node, task_id, site, day, evidence)
        changes = _set_done(node, f"tasks.{task_id}", day, evidence, on is not None)
        if task.per_site and "site_status" in node:
            for name, entry in node["site_status"].items():
                if entry.get("status") != "done":
                    changes += _set_done(entry, f"tasks.{task_id}@{name}", day, evidence, True)
        return changes

    return edit


def _done_at_site(
    node: Any, task_id: str, site: str, day: dt.date, evidence: str | None
) -> list[Change]:
    return _set_done(_site_entry(node, site), f"tasks.{task_id}@{site}", day, evidence, True)


def _set_done(
    node: Any, where: str, day: dt.date, evidence: str | None, force_day: bool
) -> list[Change]:
    """Set status/done_on/evidence on one mapping; an already-done task keeps its day unless given."""
    changes: list[Change] = []
    already = node.get("status") == "done"
    wanted: list[tuple[str, Any]] = [("status", "done")]
    if force_day or not already or node.get("done_on") is None:
        wanted.append(("done_on", day))
    if evidence is not None:
        wanted.append(("evidence", evidence))
    for i, (key, value) in enumerate(wanted):
        old = node.get(key)
        if old == value and key in node:
            continue
        set_key(node, key, value, after=_STATUS_KEYS[:i] if key in _STATUS_KEYS else ())
        changes.append(Change(f"{where}.{key}", old, value))
    return changes


def set_value(key: str, value_text: str) -> Edit:
    """An edit setting one value: `tasks.teasers.duration`, `metrics.x`, `launch`, ...

    `value_text` is read as YAML (`4bd`, `97`, `2027-03-20`, `[a, b]`); `null` or `~` removes
    the key.
    """

    def edit(rt: RoundTrip, loaded: LoadedPlaybook) -> list[Change]:
        node, name = _target(rt, loaded, key)
        value = _parse_value(value_text, rt)
        old = node.get(name)
        anchor = _own_anchor(rt, node, name, key)
        if value is None:
            if name not in node:
                return []
            remove_key(node, name)
        elif old == value and name in node and type(old) is type(value):
            return []
        else:
            set_key(node, name, value, anchor=anchor)
        return [Change(key, old, value)]

    return edit


def _target(rt: RoundTrip, loaded: LoadedPlaybook, key: str) -> tuple[Any, str]:
    """The round-trip mapping that holds `key`'s last part, and that part."""
    from launchkit.model import Gate, Phase, Playbook, Site, SiteProgress, Task

    parts = key.split(".")
    head = parts[0]
    models: dict[str, Any] = {"tasks": Task, "gates": Gate, "sites": Site, "phases": Phase}
    if head in _SECTIONS:
        if len(parts) != 3 or not all(parts):
            raise _usage(loaded, f"'{key}' should look like {head}.<id>.<key>")
        item_id, _, site = parts[1].partition("@")
        index = _find(loaded, head, item_id)
        node = _item_node(rt, loaded, head, index)
        model = models[head]
        if site and head == "tasks":
            _check_site(loaded, index, site)
            model = SiteProgress
            node = _site_entry(node, site)
        _check_field(loaded, (head, index), parts[2], model)
        return node, parts[2]
    if head in ("metrics", "vars"):
        if len(parts) != 2 or not parts[1]:
            raise _usage(loaded, f"'{key}' should look like {head}.<name>")
        _check_metric(loaded, head, parts[1])
        if not isinstance(rt.data.get(head), dict):
            from ruamel.yaml.comments import CommentedMap

            set_key(rt.data, head, CommentedMap())
        return rt.data[head], parts[1]
    if len(parts) == 1:
        _check_field(loaded, (), head, Playbook)
        current = rt.data.get(head)
        if head in models:
            raise _usage(
                loaded, f"'{head}' holds several values; set one of them, e.g. {head}.<id>.<key>"
            )
        if isinstance(current, dict | list) or head in ("calendar", "people"):
            raise _usage(
                loaded, f"'{head}' holds several values, which set does not edit; edit the file"
            )
        return rt.data, head
    raise _usage(
        loaded,
        f"cannot set '{key}': give tasks.<id>.<key> (or gates, sites, phases), metrics.<name>, "
        "vars.<name> or a top-level key such as launch",
    )


def _site_entry(node: Any, site: str) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if not isinstance(node.get("site_status"), dict):
        set_key(node, "site_status", CommentedMap())
    if not isinstance(node["site_status"].get(site), dict):
        entry = CommentedMap()
        entry.fa.set_flow_style()
        set_key(node["site_status"], site, entry)
    return node["site_status"][site]


def _find(loaded: LoadedPlaybook, section: str, item_id: str) -> int:
    items = getattr(loaded.playbook, section)
    for i, item in enumerate(items):
        if item.id == item_id:
            return i
    ids = [item.id for item in items]
    line, col = loaded.doc.position((section,), key=True) if loaded.doc.has((section,)) else (1, 1)
    raise LaunchkitError(
        [
            error(
                loaded.path,
                line,
                col,
                _UNKNOWN[section],
                f"no {section[:-1]} '{item_id}' in this playbook{did_you_mean(item_id, ids)}",
            )
        ]
    )


def _item_node(rt: RoundTrip, loaded: LoadedPlaybook, section: str, index: int) -> Any:
    """The round-trip mapping of one item, refused when an anchor shares it with other items."""
    node = rt.data[section][index]
    anchor = getattr(getattr(node, "anchor", None), "value", None)
    if anchor and re.search(rf"\*{re.escape(anchor)}(?![\w-])", rt.text):
        raise LaunchkitError(
            [
                loaded.error(
                    (section, index),
                    "shared-anchor",
                    f"this {section[:-1]} is anchored as &{anchor} and reused elsewhere; an edit "
                    "here would change those places too, so edit the file by hand",
                )
            ]
        )
    return node


def _check_site(loaded: LoadedPlaybook, index: int, site: str) -> None:
    task = loaded.playbook.tasks[index]
    if not task.per_site:
        raise LaunchkitError(
            [
                loaded.error(
                    ("tasks", index),
                    "not-per-site",
                    f"task '{task.id}' is not per_site; name it without @{site}",
                )
            ]
        )
    sites = [s.id for s in loaded.playbook.sites]
    if site not in sites:
        raise LaunchkitError(
            [
                loaded.error(
                    ("tasks", index),
                    "unknown-site",
                    f"'{site}' is not one of the sites{did_you_mean(site, sites)}",
                )
            ]
        )


def _check_field(loaded: LoadedPlaybook, loc: tuple[str | int, ...], name: str, model: Any) -> None:
    if name in model.model_fields:
        return
    line, col = loaded.where(loc) if loc else (1, 1)
    what = model.__name__.lower() if loc else "playbook"
    raise LaunchkitError(
        [
            error(
                loaded.path,
                line,
                col,
                "unknown-key",
                f"unknown key '{name}' for a {what}{did_you_mean(name, model.model_fields)}",
            )
        ]
    )


def _check_metric(loaded: LoadedPlaybook, section: str, name: str) -> None:
    """A new metric must be one a gate reads, so a typo does not add a metric nobody reads."""
    pb = loaded.playbook
    if section == "vars" or name in pb.metrics:
        return
    known = set(pb.metrics) | {g.metric for g in pb.gates if g.metric}
    if name in known:
        return
    line, col = (
        loaded.doc.position(("metrics",), key=True) if loaded.doc.has(("metrics",)) else (1, 1)
    )
    raise LaunchkitError(
        [
            error(
                loaded.path,
                line,
                col,
                "unknown-metric",
                f"no gate reads metric '{name}'{did_you_mean(name, known)}",
            )
        ]
    )


def _usage(loaded: LoadedPlaybook, message: str) -> LaunchkitError:
    return LaunchkitError([error(loaded.path, 1, 1, "bad-key", message)])


def _parse_value(text: str, rt: RoundTrip) -> Any:
    """The command-line value read as YAML, in round-trip form so `[a, b]` stays a flow list."""
    import io

    from ruamel.yaml.error import YAMLError

    try:
        _refuse_anchors(text, rt)
        value = rt.yaml.load(io.StringIO(text))
    except YAMLError as e:
        first = str(e).strip().splitlines()[0]
        raise LaunchkitError(
            [error("<value>", 1, 1, "bad-value", f"'{text}' is not a YAML value: {first}")]
        ) from None
    except (ValueError, OverflowError) as e:
        # YAML reads it, but it is no value: 2027-02-29, 2027-13-01, a 5,000-digit number.
        from launchkit.load.yamlerrors import unreadable_scalar
        from launchkit.model.values import DATE_LIKE

        if DATE_LIKE.fullmatch(text.strip()):
            code, message = "bad-date", f"'{text.strip()}' is not a real date: {e}"
        else:
            code, message = "bad-value", unreadable_scalar(text, e)
        raise LaunchkitError([error("<value>", 1, 1, code, message)]) from None
    if hasattr(value, "fa") and not value.fa.flow_style():
        value.fa.set_flow_style()
    return value


def _refuse_anchors(text: str, rt: RoundTrip) -> None:
    """A value may not carry an anchor (`&s L-1bd`) or an alias (`*s`): once in the file, an
    alias elsewhere could come to point at it and silently change another item. Nor a tag
    (`!secret x`, `!!str 123`): the playbook's loader refuses tags, so quoting says it instead."""
    import io

    from ruamel.yaml.events import AliasEvent

    for event in rt.yaml.parse(io.StringIO(text)):
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            problem = "carries a YAML anchor or alias; give the value itself"
        elif getattr(event, "tag", None):
            problem = "carries a YAML tag; give the value itself, in quotes if it must stay text"
        else:
            continue
        raise LaunchkitError([error("<value>", 1, 1, "bad-value", f"'{text}' {problem}")])


def _own_anchor(rt: RoundTrip, node: Any, name: str, key: str) -> str | None:
    """The anchor the new value keeps: the old value's, when nothing else refers to it.

    A value shared through an anchor (`start: &s L-10bd`, and `start: *s` elsewhere) is refused
    where it is anchored: ruamel would move the anchor to the alias, rewriting that other line
    too. At an alias the value is that place's own to replace, and the anchor stays where it is.
    """
    old = node.get(name)
    anchor = getattr(getattr(old, "anchor", None), "value", None)
    if anchor is None:
        return None
    lines = _lines_holding(rt.data, old)
    line = node.lc.key(name)[0]
    if len(lines) < 2:
        return str(anchor)
    if line != min(lines):
        return None
    others = len(lines) - 1
    raise LaunchkitError(
        [
            error(
                rt.display,
                line + 1,
                node.lc.value(name)[1] + 1,
                "shared-anchor",
                f"'{key}' is shared through the anchor &{anchor} with {others} other "
                f"place{'s' if others > 1 else ''} (*{anchor}); edit the file by hand, giving "
                "each place its own value",
            )
        ]
    )


def _lines_holding(data: Any, target: Any) -> list[int]:
    """The 0-based lines of the places in the round-trip data that hold the object `target`
    (an alias is the same object as its anchor's value)."""
    found: list[int] = []
    stack, seen = [data], set()
    while stack:
        item: Any = stack.pop()
        if not isinstance(item, dict | list) or id(item) in seen:
            continue
        seen.add(id(item))
        # the round-trip types know where each entry stands; a key merged in (`<<: *base`)
        # stands nowhere of its own
        places: dict[Any, Any] = getattr(getattr(item, "lc", None), "data", None) or {}
        for k, v in item.items() if isinstance(item, dict) else enumerate(item):
            if v is target:
                found.append(places[k][0] if k in places else sys.maxsize)
            stack.append(v)
    return found


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return str(value)
