"""The proof an in-place edit passes before it is written: it changed what was asked, and nothing else.

Both documents, the file as read and the edited text, are loaded as plain data (the same safe
loader whatever wrote the text: the line merge or ruamel's own dump). Each edited key is checked
to hold its new value (or to be gone, for `null`), then removed from both, along with the
mappings the edit had to create for it (`site_status:`, `vars:`); what is left must be equal.
Comments and layout are not data, so this cannot see them; the line merge keeps those.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any

__all__ = ["data_path", "only_keys_changed"]

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
