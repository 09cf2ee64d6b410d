"""Reading YAML safely into plain Python values while keeping the node tree for positions.

The node tree is kept beside the data: a pydantic error's `loc` (or any path such as
`("tasks", 3, "due")`) is walked down the nodes to find its line and column, so nothing is
recorded for the thousands of nodes that never have a problem.

The tree is composed here from ruamel's event stream rather than by ruamel's composer, because
that composer recurses once per nesting level (the C one crashes the interpreter on a file of
100,000 `[`), and because composing it ourselves lets one pass refuse deep nesting, alias bombs,
recursive aliases and unsupported tags, each with its own line and column.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from launchkit.diagnostics import (
    Diagnostic,
    LaunchkitError,
    error,
    line_and_column,
    source_lines,
)
from launchkit.load.yamlerrors import explain

MAX_BYTES = 8 * 1024 * 1024
"""Playbooks larger than this are refused before parsing (a 10,000-task playbook is ~1 MiB)."""
MAX_ALIAS_VALUES = 100_000
"""Most values that aliases (`*name`) may add to those written out in the file.

Sharing a block of defaults with `<<: *defaults` adds a few hundred; an alias bomb (aliases of
lists of aliases) adds billions in a few lines and stops here before anything is expanded.
"""
MAX_DEPTH = 64
"""Deepest nesting of lists and mappings; a playbook needs about six levels."""

_TAG = "tag:yaml.org,2002:"
_MERGE = _TAG + "merge"
_STR = _TAG + "str"
# Plain YAML values only: no Python objects, no binary, no application tags.
_SCALAR_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_SCALAR_TAGS_WITH_MERGE = _SCALAR_TAGS | {_MERGE}
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
            if type(k).__name__ == "ScalarNode" and _key_text(k) == str(part):
                return k, v
    return None


def _key_text(node: Any) -> str:
    """A key as `_construct` stores it."""
    try:
        return str(_scalar(node))
    except Exception:  # the same fallback as in _construct, for a key that is not a real date
        return str(node.value)


def _pairs(node: Any) -> Iterator[tuple[Any, Any]]:
    """A mapping's pairs with `<<` merges flattened; explicit keys come first and win."""
    merged: list[tuple[Any, Any]] = []
    for k, v in node.value:
        if _tag(k) == _MERGE:
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


_UNICODE_BREAKS = "\x85\u2028\u2029"
"""NEL, LS and PS: line breaks in YAML 1.1 and to libyaml, plain characters in YAML 1.2 and to
an editor."""


def _stand_ins(text: str) -> tuple[dict[int, str], dict[int, str]] | None:
    """Translation tables that hide NEL, LS and PS from the parser, and bring them back.

    libyaml counts them as line breaks: every line number after one would be off from what the
    user's editor shows, and one inside a comment would end it. So the text is parsed with each
    replaced by a private-use character the text does not hold, and scalar values get the
    original back: the same values YAML 1.2 reads, at the lines an editor shows. None when the
    text holds none of them.
    """
    present = [c for c in _UNICODE_BREAKS if c in text]
    if not present:
        return None
    free = (chr(p) for p in range(0xF8FF, 0xE000, -1) if chr(p) not in text)
    hide = {ord(c): next(free) for c in present}
    return hide, {ord(v): chr(k) for k, v in hide.items()}


@cache
def _resolver(major: int, minor: int) -> Callable[[str], str]:
    """The implicit tag of a plain scalar (`3` int, `true` bool, `2027-01-10` timestamp).

    ruamel's own resolver looks up the YAML version through several properties for every
    scalar; this table is built once per version from ruamel's rules.
    """
    from ruamel.yaml.resolver import implicit_resolvers

    version = (major, minor) if (major, minor) in ((1, 1), (1, 2)) else (1, 2)
    table: dict[str | None, list[tuple[str, Any]]] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if version in versions:
            starts: list[str | None] = list(first) if first else [None]
            for ch in starts:
                table.setdefault(ch, []).append((tag, regexp))
    anywhere = table.get(None, [])
    by_first = {ch: rules + anywhere for ch, rules in table.items() if ch is not None}
    # Keys and many values repeat (`id`, `title`, `todo`): each distinct text is matched once.
    known: dict[str, str] = {}

    def resolve(value: str) -> str:
        tag = known.get(value)
        if tag is None:
            tag = _STR
            for rule_tag, regexp in by_first.get(value[:1], anywhere):
                if regexp.match(value):
                    tag = str(rule_tag)
                    break
            if len(known) > 100_000:  # a long-lived process reading many files
                known.clear()
            known[value] = tag
        return tag

    return resolve


@cache
def _tags() -> dict[str, Any]:
    """One shared ruamel Tag per tag name: a node made from a plain string would build its own
    Tag and decode it again on every `.tag` read, which dominated loading large files."""
    from ruamel.yaml.tag import Tag

    class Tags(dict[str, Any]):
        def __missing__(self, name: str) -> Any:
            tag = self[name] = Tag(suffix=name)
            _TAG_NAMES[id(tag)] = name
            return tag

    return Tags()


_TAG_NAMES: dict[int, str] = {}
"""The name of each shared Tag, by identity: reading `node.tag` decodes the Tag every time."""


def _tag(node: Any) -> str:
    """A node's tag name (`tag:yaml.org,2002:str`), without decoding a shared Tag again."""
    ctag = node.ctag
    name = _TAG_NAMES.get(id(ctag))
    return name if name is not None else str(ctag)


def _scalar(node: Any) -> Any:
    """The Python value of a scalar node (str, int, float, bool, None or a date)."""
    if type(node).__name__ != "ScalarNode":
        return node
    tag = _tag(node)
    if tag == _STR:
        return node.value
    if tag == _MERGE:
        return "<<"
    constructor = _yaml().constructor
    # Called directly rather than through construct_object, which would remember every node
    # of every file ever read in a long-lived process.
    return type(constructor).yaml_constructors[tag](constructor, node)


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and parse one YAML file, or raise LaunchkitError with every problem found."""
    shown = display or str(path)
    return parse_document(decode_text(read_bytes(path, shown), shown), shown)


def parse_document(text: str, shown: str) -> Document:
    """Parse YAML text already in memory (an edit not yet written), as `read_document` does."""
    if not text.strip():
        raise LaunchkitError([error(shown, 1, 1, "empty-file", "the file is empty")])
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:  # a lone surrogate, possible only in text built in memory
        line, col = line_and_column(text, e.start)
        _fail(shown, line, col, "bad-character", "this character cannot be written as UTF-8")
    root = _Composer(shown).compose(text)
    if root is None or (type(root).__name__ == "ScalarNode" and root.tag == _TAG + "null"):
        raise LaunchkitError(
            [error(shown, 1, 1, "empty-file", "the file holds only comments, no playbook")]
        )
    problems: list[Diagnostic] = []
    data = _construct(root, shown, problems, {})
    if problems:
        raise LaunchkitError(problems)
    return Document(shown, data, root, text)


def read_bytes(path: Path, shown: str) -> bytes:
    """A playbook file's bytes, refusing folders, missing files and files over MAX_BYTES.

    At most MAX_BYTES + 1 bytes are read whatever the file claims to hold, so a device or a pipe
    given as the playbook (`/dev/zero`, `<(yes)`) is refused instead of read forever.
    """
    try:
        if path.is_dir():
            raise LaunchkitError(
                [error(shown, 1, 1, "not-a-file", "this is a folder, not a playbook file")]
            )
        size = path.stat().st_size
        raw = b""
        if size <= MAX_BYTES:  # devices and pipes say 0 here, whatever they hold
            with path.open("rb") as f:
                raw = f.read(MAX_BYTES + 1)
        if size > MAX_BYTES or len(raw) > MAX_BYTES:
            message = (
                f"the file has {size:,} bytes; a playbook may have at most {MAX_BYTES:,}"
                if size > MAX_BYTES
                else f"the file goes on past the {MAX_BYTES:,} bytes a playbook may have"
            )
            raise LaunchkitError([error(shown, 1, 1, "file-too-large", message)])
        return raw
    except FileNotFoundError:
        raise LaunchkitError([error(shown, 1, 1, "no-such-file", "no such file")]) from None
    except OSError as e:
        raise LaunchkitError(
            [error(shown, 1, 1, "unreadable-file", f"cannot read the file: {e.strerror or e}")]
        ) from None


def decode_text(raw: bytes, shown: str) -> str:
    """UTF-8 text of a playbook's bytes; binary or non-UTF-8 content is refused with its place."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        # Windows Notepad's "Unicode": every other byte of Latin text is NUL
        raise LaunchkitError(
            [
                error(
                    shown,
                    1,
                    1,
                    "not-utf8",
                    "the file is UTF-16 text; save it as UTF-8 (in Notepad: Save as, "
                    "Encoding: UTF-8)",
                )
            ]
        )
    if b"\x00" in raw:
        line, col = line_and_column(raw, raw.index(b"\x00"))
        raise LaunchkitError(
            [
                error(
                    shown,
                    line,
                    col,
                    "binary-file",
                    "the file holds a NUL byte: it is binary, not a YAML text file",
                )
            ]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line, col = line_and_column(raw, e.start)
        raise LaunchkitError(
            [
                error(
                    shown,
                    line,
                    col,
                    "not-utf8",
                    f"byte 0x{raw[e.start]:02x} is not UTF-8 text; save the file as UTF-8",
                )
            ]
        ) from None


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: NUL in every other byte of the first line's ASCII."""
    head = raw[:64]
    return len(head) >= 8 and (
        head[1::2].count(0) == len(head) // 2 or head[::2].count(0) == len(head) // 2
    )


def _inside(text: str, line: int, col: int) -> tuple[int, int]:
    """A 1-based position moved inside `text`.

    The C parser reports the end of a file that does not end in a line break on the line after
    the last one; an editor cannot jump there, so the end of the last line is shown instead.
    """
    lines = source_lines(text, last=True)
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, min(col, len(lines[line - 1]) + 1)


def _fail(shown: str, line: int, col: int, code: str, message: str) -> Any:
    raise LaunchkitError([error(shown, line, col, code, message)])


class _Composer:
    """Builds ruamel nodes from parser events without recursion, checking limits as it goes."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.anchors: dict[str, Any] = {}
        # Expanded size of each finished collection, so that an alias costs one lookup.
        self.sizes: dict[int, int] = {}
        self.written = 0

    def fail_at(self, mark: Any, code: str, message: str) -> Any:
        return _fail(self.shown, mark.line + 1, mark.column + 1, code, message)

    def compose(self, text: str) -> Any:
        from ruamel.yaml.error import MarkedYAMLError, YAMLError
        from ruamel.yaml.reader import ReaderError

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return self._compose(text)
        except MarkedYAMLError as e:
            line, col, code, message = explain(e, text)
            line, col = _inside(text, line, col)
            return _fail(self.shown, line, col, code, message)
        except ReaderError as e:
            # Control characters (ESC, BEL, ...) that YAML forbids anywhere in a file. The C
            # reader counts its position in bytes, not characters, so the character itself is
            # looked up: being forbidden everywhere, its first occurrence is the one reported.
            char = e.character if isinstance(e.character, int) else ord(str(e.character)[:1] or "?")
            found = text.find(chr(char))
            at = found if found >= 0 else min(e.position, len(text))
            line, col = line_and_column(text, at)
            return _fail(
                self.shown,
                line,
                col,
                "bad-character",
                f"the invisible control character U+{char:04X} is not allowed in YAML; delete it",
            )
        except YAMLError as e:  # no other kind is raised for text input; kept as a safety net
            first = str(e).splitlines()[0] if str(e) else type(e).__name__
            return _fail(self.shown, 1, 1, "yaml-syntax", f"this is not valid YAML: {first}")

    def _compose(self, text: str) -> Any:
        from ruamel.yaml import events as ev
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        resolve = _resolver(1, 2)
        tags = _tags()
        root: Any = None
        documents = 0
        # Open collections: [node, pending mapping key or None, expanded size so far].
        stack: list[list[Any]] = []
        # Names bound once: this loop runs for every value of a file (170,000 at 10,000 tasks).
        scalar_event, scalar_tags = ev.ScalarEvent, _SCALAR_TAGS_WITH_MERGE
        tables = _stand_ins(text)
        back = tables[1] if tables else None
        for event in _yaml().parse(text.translate(tables[0]) if tables else text):
            kind = type(event)
            if kind is scalar_event:
                value = event.value if back is None else event.value.translate(back)
                # `event.ctag` is what the `event.tag` property converts to str on every read.
                tag = event.ctag
                if tag is None or tag == "!":
                    tag = resolve(value) if event.implicit[0] else _STR
                elif type(tag) is not str:
                    tag = str(tag)
                if tag not in scalar_tags:
                    self.check_tag(tag, event.start_mark, scalar=True)
                node: Any = ScalarNode(
                    tags[tag], value, event.start_mark, event.end_mark, style=event.style
                )
                size = 1
                self.written += 1
                if event.anchor:
                    self.anchors[event.anchor] = node
            elif kind is ev.DocumentStartEvent:
                if event.version:  # a `%YAML 1.1` directive: yes/no are booleans there
                    resolve = _resolver(*event.version)
                documents += 1
                if documents > 1:
                    self.fail_at(
                        event.start_mark,
                        "yaml-syntax",
                        "a playbook file holds one YAML document; remove this second '---'",
                    )
                continue
            elif kind is ev.AliasEvent:
                node = self.anchors.get(event.anchor)
                if node is None:
                    self.fail_at(
                        event.start_mark,
                        "yaml-alias",
                        f"'*{event.anchor}' refers to no anchor: write '&{event.anchor}' "
                        "on a value above it first",
                    )
                size = self.sizes.get(id(node), 1) if type(node) is not ScalarNode else 1
                if type(node) is not ScalarNode and id(node) not in self.sizes:
                    self.fail_at(
                        event.start_mark,
                        "alias-loop",
                        f"'*{event.anchor}' is inside the very value it refers to, "
                        "so it would repeat forever",
                    )
            elif kind is ev.SequenceStartEvent or kind is ev.MappingStartEvent:
                is_seq = kind is ev.SequenceStartEvent
                cls = SequenceNode if is_seq else MappingNode
                tag = event.tag
                if tag is None or tag == "!":
                    tag = _TAG + ("seq" if is_seq else "map")
                self.check_tag(tag, event.start_mark, scalar=False, seq=is_seq)
                node = cls(tags[tag], [], event.start_mark, None, flow_style=event.flow_style)
                self.written += 1
                if event.anchor:
                    self.anchors[event.anchor] = node
                if len(stack) >= MAX_DEPTH:
                    self.fail_at(
                        event.start_mark,
                        "too-deep",
                        f"lists and mappings are nested more than {MAX_DEPTH} levels deep here",
                    )
                stack.append([node, None, 1])
                continue
            elif kind is ev.SequenceEndEvent or kind is ev.MappingEndEvent:
                node, _, size = stack.pop()
                node.end_mark = event.end_mark
                self.sizes[id(node)] = size
                if size > self.written + MAX_ALIAS_VALUES:
                    self.fail_at(
                        node.start_mark,
                        "alias-bomb",
                        f"aliases (*name) make this expand to more than {MAX_ALIAS_VALUES:,} "
                        "values beyond those written in the file",
                    )
            else:
                continue
            if not stack:
                root = node
                continue
            top = stack[-1]
            top[2] += size
            parent = top[0]
            if type(parent) is SequenceNode:
                parent.value.append(node)
            elif top[1] is None:
                top[1] = node
            else:
                parent.value.append((top[1], node))
                top[1] = None
        return root

    def check_tag(self, tag: str, mark: Any, *, scalar: bool, seq: bool = False) -> None:
        allowed = _SCALAR_TAGS_WITH_MERGE if scalar else {_TAG + "seq"} if seq else {_TAG + "map"}
        if tag not in allowed:
            shown = tag.replace(_TAG, "!!")
            self.fail_at(
                mark,
                "yaml-tag",
                f"the tag '{shown}' is not supported: a playbook holds plain text, numbers, "
                "dates, lists and mappings; remove the tag",
            )


def _construct(node: Any, shown: str, problems: list[Diagnostic], memo: dict[int, Any]) -> Any:
    if id(node) in memo:
        return memo[id(node)]
    kind = type(node).__name__
    if kind == "ScalarNode":
        try:
            return _scalar(node)
        except Exception as e:  # ruamel raises several types for bad timestamps and numbers
            if _tag(node) == _TAG + "timestamp":
                # Not a real date (2027-02-30): keep the text, so that a date field says
                # what is wrong with it and a text field (a title) simply takes it.
                return node.value
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            problems.append(_bad_scalar(shown, line, col, node, e))
            return None
    if kind == "SequenceNode":
        out: list[Any] = []
        memo[id(node)] = out
        out.extend(_construct(c, shown, problems, memo) for c in node.value)
        return out
    result: dict[str, Any] = {}
    memo[id(node)] = result
    seen: dict[str, Any] = {}
    explicit = [(k, v) for k, v in node.value if _tag(k) != _MERGE]
    for k, v in explicit:
        if type(k).__name__ != "ScalarNode":
            line, col = k.start_mark.line + 1, k.start_mark.column + 1
            problems.append(
                error(
                    shown,
                    line,
                    col,
                    "bad-key",
                    "a key must be a plain word, not a list or mapping",
                )
            )
            continue
        key = _key_text(k)
        if key in seen:
            line, col = k.start_mark.line + 1, k.start_mark.column + 1
            first = seen[key].start_mark.line + 1
            problems.append(
                error(
                    shown,
                    line,
                    col,
                    "duplicate-key",
                    f"key '{key}' appears twice in the same place (first on line {first}); "
                    "keep one",
                )
            )
            continue
        seen[key] = k
        result[key] = _construct(v, shown, problems, memo)
    if len(explicit) < len(node.value):
        for k, v in node.value:
            if _tag(k) == _MERGE and type(v).__name__ not in ("MappingNode", "SequenceNode"):
                line, col = v.start_mark.line + 1, v.start_mark.column + 1
                problems.append(
                    error(
                        shown, line, col, "yaml-merge", "'<<:' merges a mapping: write '<<: *name'"
                    )
                )
        # `<<` merges fill in only the keys the mapping does not set itself.
        for k, v in _pairs(node):
            name = _key_text(k) if type(k).__name__ == "ScalarNode" else None
            if name is not None and name not in result:
                result[name] = _construct(v, shown, problems, memo)
    return result


def _bad_scalar(shown: str, line: int, col: int, node: Any, e: Exception) -> Diagnostic:
    from launchkit.load.yamlerrors import unreadable_scalar

    return error(shown, line, col, "yaml-syntax", unreadable_scalar(str(node.value), e))
