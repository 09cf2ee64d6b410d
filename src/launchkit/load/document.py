"""Reading YAML safely into plain Python values while keeping the node tree for positions.

The node tree from ruamel's composer is kept beside the data: a pydantic error's `loc` (or any
path such as `("tasks", 3, "due")`) is walked down the nodes to find its line and column, so
nothing is recorded for the thousands of nodes that never have a problem.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from launchkit.diagnostics import Diagnostic, LaunchkitError, error

MAX_BYTES = 8 * 1024 * 1024
"""Playbooks larger than this are refused before parsing (a 10,000-task playbook is ~1.5 MiB)."""
MAX_NODES = 2_000_000
"""Most nodes a document may expand to, aliases followed; an alias bomb stops here."""

_MERGE = "tag:yaml.org,2002:merge"
Loc = Sequence[str | int]


@dataclass
class Document:
    """A parsed YAML file: its data, its root node, and where it came from."""

    path: str
    data: Any
    root: Any
    text: str

    def node_at(self, loc: Loc) -> tuple[Any, Any]:
        """The (key node, value node) deepest along `loc`; the key node is None for list items."""
        key_node, node = None, self.root
        for part in loc:
            found = _child(node, part)
            if found is None:
                break
            key_node, node = found
        return key_node, node

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at `loc`, or of its key when `key` is true."""
        key_node, node = self.node_at(loc)
        mark = (key_node if key and key_node is not None else node).start_mark
        return mark.line + 1, mark.column + 1

    def has(self, loc: Loc) -> bool:
        """Whether every step of `loc` exists in the document."""
        node = self.root
        for part in loc:
            found = _child(node, part)
            if found is None:
                return False
            node = found[1]
        return True


def _child(node: Any, part: str | int) -> tuple[Any, Any] | None:
    kind = type(node).__name__
    if kind == "SequenceNode" and isinstance(part, int):
        return (None, node.value[part]) if 0 <= part < len(node.value) else None
    if kind == "MappingNode":
        for k, v in _pairs(node):
            if str(_scalar(k)) == str(part):
                return k, v
    return None


def _pairs(node: Any) -> Iterator[tuple[Any, Any]]:
    """A mapping's pairs with `<<` merges flattened; explicit keys come first and win."""
    merged: list[tuple[Any, Any]] = []
    for k, v in node.value:
        if k.tag == _MERGE:
            sources = v.value if type(v).__name__ == "SequenceNode" else [v]
            for src in sources:
                if type(src).__name__ == "MappingNode":
                    merged.extend(_pairs(src))
        else:
            yield k, v
    yield from merged


@cache
def _yaml() -> Any:
    from ruamel.yaml import YAML

    # The C parser when ruamel.yaml.clib is installed; the pure one otherwise.
    return YAML(typ="safe", pure=False)


def _scalar(node: Any) -> Any:
    if type(node).__name__ != "ScalarNode":
        return node
    tag = node.tag
    if tag == "tag:yaml.org,2002:str":
        return node.value
    return _yaml().constructor.construct_object(node, deep=True)


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and parse one YAML file, or raise LaunchkitError with every problem found."""
    shown = display or str(path)
    return parse_document(_read_text(path, shown), shown)


def parse_document(text: str, shown: str) -> Document:
    """Parse YAML text already in memory (an edit not yet written), as `read_document` does."""
    if not text.strip():
        raise LaunchkitError([error(shown, 1, 1, "empty-file", "the file is empty")])
    root = _compose(text, shown)
    problems: list[Diagnostic] = []
    if root is None:
        raise LaunchkitError([error(shown, 1, 1, "empty-file", "the file holds no YAML document")])
    _check_size(root, shown)
    data = _construct(root, shown, problems, {})
    if problems:
        raise LaunchkitError(problems)
    return Document(shown, data, root, text)


def _read_text(path: Path, shown: str) -> str:
    return decode_text(read_bytes(path, shown), shown)


def read_bytes(path: Path, shown: str) -> bytes:
    """A playbook file's bytes, refusing folders, missing files and files over MAX_BYTES."""
    try:
        if path.is_dir():
            raise LaunchkitError(
                [error(shown, 1, 1, "not-a-file", "this is a folder, not a playbook file")]
            )
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LaunchkitError(
                [
                    error(
                        shown,
                        1,
                        1,
                        "file-too-large",
                        f"the file has {size:,} bytes; the limit is {MAX_BYTES:,}",
                    )
                ]
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise LaunchkitError([error(shown, 1, 1, "no-such-file", "no such file")]) from None
    except OSError as e:
        raise LaunchkitError([error(shown, 1, 1, "unreadable", e.strerror or str(e))]) from None


def decode_text(raw: bytes, shown: str) -> str:
    """UTF-8 text of a playbook's bytes; binary or non-UTF-8 content is refused with its place."""
    if b"\x00" in raw:
        line, col = _line_col(raw, raw.index(b"\x00"))
        raise LaunchkitError(
            [
                error(
                    shown,
                    line,
                    col,
                    "binary-file",
                    "the file holds a NUL byte: it is binary, not YAML",
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line, col = _line_col(raw, e.start)
        raise LaunchkitError(
            [
                error(
                    shown,
                    line,
                    col,
                    "not-utf8",
                    f"byte 0x{raw[e.start]:02x} is not UTF-8; save the file as UTF-8",
                )
            ]
        ) from None
    if not text.strip():
        raise LaunchkitError([error(shown, 1, 1, "empty-file", "the file is empty")])
    return text


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = len(before) - (before.rfind(b"\n") + 1) + 1
    return line, col


def _compose(text: str, shown: str) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _yaml().compose(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (e.problem or e.context or "invalid YAML").strip()
        if "tab" in problem:
            return _fail(
                shown, line, col, "yaml-tab", "a tab is used for indentation; indent with spaces"
            )
        return _fail(shown, line, col, "yaml-syntax", f"invalid YAML: {problem}")
    except YAMLError as e:
        return _fail(shown, 1, 1, "yaml-syntax", f"invalid YAML: {e}")
    except RecursionError:
        return _fail(shown, 1, 1, "too-deep", "the YAML is nested too deeply")


def _fail(shown: str, line: int, col: int, code: str, message: str) -> Any:
    raise LaunchkitError([error(shown, line, col, code, message)])


def _check_size(root: Any, shown: str) -> None:
    """Count the nodes the document expands to, each distinct node once (aliases reuse counts)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes and not done:
            continue
        kind = type(node).__name__
        children = (
            [c for pair in node.value for c in pair]
            if kind == "MappingNode"
            else node.value
            if kind == "SequenceNode"
            else []
        )
        if done:
            total = 1 + sum(sizes[id(c)] for c in children)
            sizes[id(node)] = total
            if total > MAX_NODES:
                line, col = node.start_mark.line + 1, node.start_mark.column + 1
                _fail(
                    shown,
                    line,
                    col,
                    "alias-bomb",
                    f"this expands to more than {MAX_NODES:,} values (aliases repeated inside aliases)",
                )
            continue
        if id(node) in sizes:
            continue
        sizes[id(node)] = 0  # a recursive alias meets its own 0 and stays finite
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)


def _construct(node: Any, shown: str, problems: list[Diagnostic], memo: dict[int, Any]) -> Any:
    if id(node) in memo:
        return memo[id(node)]
    kind = type(node).__name__
    if kind == "ScalarNode":
        try:
            return _scalar(node)
        except Exception as e:  # ruamel raises several types for bad timestamps and numbers
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            problems.append(
                error(shown, line, col, "yaml-syntax", f"cannot read value '{node.value}': {e}")
            )
            return None
    if kind == "SequenceNode":
        out: list[Any] = []
        memo[id(node)] = out
        out.extend(_construct(c, shown, problems, memo) for c in node.value)
        return out
    result: dict[str, Any] = {}
    memo[id(node)] = result
    seen: dict[str, Any] = {}
    explicit = [(k, v) for k, v in node.value if k.tag != _MERGE]
    for k, v in explicit:
        if type(k).__name__ != "ScalarNode":
            line, col = k.start_mark.line + 1, k.start_mark.column + 1
            problems.append(
                error(
                    shown, line, col, "bad-key", "a key must be a plain word, not a list or mapping"
                )
            )
            continue
        key = str(_scalar(k))
        if key in seen:
            line, col = k.start_mark.line + 1, k.start_mark.column + 1
            first = seen[key].start_mark.line + 1
            problems.append(
                error(
                    shown,
                    line,
                    col,
                    "duplicate-key",
                    f"key '{key}' appears twice (first on line {first})",
                )
            )
            continue
        seen[key] = k
        result[key] = _construct(v, shown, problems, memo)
    if len(explicit) < len(node.value):
        # `<<` merges fill in only the keys the mapping does not set itself.
        for k, v in _pairs(node):
            name = str(_scalar(k)) if type(k).__name__ == "ScalarNode" else None
            if name is not None and name not in result:
                result[name] = _construct(v, shown, problems, memo)
    return result
