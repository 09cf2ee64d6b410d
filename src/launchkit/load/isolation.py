"""The proof an in-place edit passes before it is written: it changed what was asked, and nothing else.

Both documents, the file as read and the edited text, are loaded as plain data (the same safe
loader whatever wrote the text: the line merge or ruamel's own dump). Each edited key is checked
to hold its new value (or to be gone, for `null`), then removed from both, along with the
mappings the edit had to create for it (`site_status:`, `vars:`); what is left must be equal.

Comments are not data, so they get a proof of their own (`comment_changes`): every comment of the
file is still in the edited text, but those that went with the edited value itself (its own
end-of-line comment when the key is removed, the comments inside a replaced block). Which those
are, ruamel tells: they are in its dump before the edit and not in its dump after.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterable
from typing import Any

__all__ = ["comment_changes", "comments", "data_path", "only_keys_changed", "tabs_as_spaces"]

_SECTIONS = ("tasks", "gates", "sites", "phases")
_MISSING = object()

Step = str | tuple[str, str]
"""A mapping key, or ("id", X): the item of a list whose `id` is X."""


def data_path(key: str) -> list[Step]:
    """Where an edit's key (`tasks.teasers.status`, `tasks.c@haifa.status`, `vars.x`) lives."""
    parts = key.split(".")
    if parts[0] in _SECTIONS and len(parts) == 3:
        item, _, site = parts[1].partition("@")
        steps: list[Step] = [parts[0], ("id", item)]
        if site:
            steps += ["site_status", site]
        return [*steps, parts[2]]
    return list(parts)


def only_keys_changed(old: bytes, new: bytes, changes: Iterable[tuple[str, Any]]) -> bool:
    """True when `new` holds each (key, value) of `changes` and equals `old` everywhere else.

    A value of None means the key was removed.
    """
    before, after = _load(old), _load(new)
    if before is _MISSING or after is _MISSING:
        return False
    paths = []
    for key, value in changes:
        path = data_path(key)
        found = _get(after, path)
        if value is None:
            if found is not _MISSING:
                return False
        elif found is _MISSING or not _equal(found, value):
            return False
        paths.append(path)
    for path in paths:
        _drop(before, path)
        _drop(after, path)
        for depth in range(len(path) - 1, 0, -1):
            holder = _get(after, path[:depth])
            if holder == {} and _get(before, path[:depth]) is _MISSING:
                _drop(after, path[:depth])
    return bool(before == after)


def comments(text: str) -> Counter[str] | None:
    """Every comment of a YAML text (from `#` to the end of its line, trailing spaces cut), or
    None where the text cannot be scanned.

    A comment is a `#` outside every token: YAML's scanner knows where quoted and block scalars
    end, so a `#` inside `'a # b'` or inside a `|` block is not taken for one.
    """
    from ruamel.yaml.error import YAMLError

    try:
        return _scan_comments(text)
    except YAMLError:
        pass
    # ruamel's scanner refuses a tab before a trailing comment or at the end of a line, which
    # YAML allows (see `launchkit.load.roundtrip`): read those tabs as spaces
    spaced = tabs_as_spaces(text)
    try:
        return _scan_comments(spaced) if spaced != text else None
    except YAMLError:
        return None


_TAB_BEFORE_COMMENT = re.compile(r"(?<=\S)[ \t]*\t[ \t]*(?=#|\r?$)", re.MULTILINE)


def tabs_as_spaces(text: str) -> str:
    """`text` with each tab before a trailing comment or at the end of a line made a space."""
    return _TAB_BEFORE_COMMENT.sub(lambda m: " " * len(m.group()), text)


def _scan_comments(text: str) -> Counter[str]:
    from ruamel.yaml import YAML

    found: Counter[str] = Counter()
    at = 0
    for token in YAML(typ="safe", pure=False).scan(text):
        _gap_comments(text, at, token.start_mark.index, found)
        at = max(at, token.end_mark.index)
    _gap_comments(text, at, len(text), found)
    return found


def _gap_comments(text: str, start: int, end: int, found: Counter[str]) -> None:
    at = text.find("#", start, end)
    while at >= 0:
        stop = text.find("\n", at, end)
        stop = end if stop < 0 else stop
        found[text[at:stop].rstrip()] += 1
        at = text.find("#", stop, end)


def comment_changes(
    original: str, baseline: str, edited: str, candidate: str
) -> tuple[list[str], list[str]]:
    """The comments of `original` that `candidate` drops, and those it repeats, leaving out
    those that went with the edit. Both are empty for a faithful edit.

    `baseline` and `edited` are ruamel's dumps before and after the edit: a comment in the first
    and not the second went with the edited value. A comment ruamel never read (it drops a few,
    after an alias for one) is not in `baseline`, so `candidate` must keep it. An unscannable
    candidate drops everything.
    """
    had, kept = comments(original), comments(candidate)
    if had is None:
        return [], []
    if kept is None:
        return sorted(had), []
    # ruamel's dumps are read line by line: they are not always valid YAML (it can join a line
    # that ends in spaces with the next one), and only their difference counts here
    went = _line_comments(baseline) - _line_comments(edited)
    wanted = had - went
    return sorted((wanted - kept).elements()), sorted((kept - had).elements())


_QUOTED = re.compile(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"")


def _line_comments(text: str) -> Counter[str]:
    """The comments of a YAML text found line by line: a `#` at the start of a line or after a
    space or tab, outside quotes. Block scalars are not recognised, which is harmless for
    comparing two versions of one text."""
    found: Counter[str] = Counter()
    for line in text.split("\n"):
        bare = _QUOTED.sub(lambda m: "_" * len(m.group()), line)
        at = bare.find("#")
        while at > 0 and bare[at - 1] not in " \t":
            at = bare.find("#", at + 1)
        if at >= 0:
            found[line[at:].rstrip()] += 1
    return found


def _load(raw: bytes) -> Any:
    from ruamel.yaml import YAML

    safe = YAML(typ="safe", pure=False)  # the C loader where installed, as `validate` uses
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return safe.load(raw.decode("utf-8-sig"))
    except Exception:  # anything unreadable proves nothing: the edit is refused
        return _MISSING


def _equal(found: Any, value: Any) -> bool:
    # ruamel's round-trip types (CommentedSeq, ScalarString, ScalarFloat) subclass the plain ones
    return bool(found == value)


def _get(node: Any, path: list[Step]) -> Any:
    for step in path:
        node = _child(node, step)
        if node is _MISSING:
            return _MISSING
    return node


def _child(node: Any, step: Step) -> Any:
    if isinstance(step, tuple):
        if not isinstance(node, list):
            return _MISSING
        for item in node:
            if isinstance(item, dict) and str(item.get("id")) == step[1]:
                return item
        return _MISSING
    if isinstance(node, dict) and step in node:
        return node[step]
    return _MISSING


def _drop(node: Any, path: list[Step]) -> None:
    parent = _get(node, path[:-1])
    last = path[-1]
    if isinstance(last, str) and isinstance(parent, dict):
        parent.pop(last, None)
