"""In-place edits of a playbook that leave every line they do not need to change as it was.

ruamel.yaml's round-trip mode keeps comments, key order, quoting, anchors and flow or block
style, and is told the file's own indentation. It still normalises a few things when it writes
a document back (spaces inside `{ a: 1 }`, trailing spaces, a line it once wrapped), so an edit
is applied in three steps:

1. load the text in round-trip mode and dump it untouched: the *baseline*;
2. make the edit on the loaded data and dump again: the *edited* text;
3. carry over to the original text only the lines where baseline and edited differ (a three-way
   merge over lines, as diff3 does). Where ruamel's normalisation and the edit touch the same
   lines, the edited lines win: those lines had to change anyway.

The merged text is checked to hold the same data as the edited dump; if it ever did not, the
edited dump is used as it is, so the worst case is a larger diff, never a wrong file. Line
endings (CRLF), a byte-order mark, and a missing final newline are kept.
"""

from __future__ import annotations

import io
import itertools
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from launchkit.diagnostics import LaunchkitError, error
from launchkit.load.isolation import tabs_as_spaces

__all__ = [
    "RoundTrip",
    "detect_indent",
    "merge_lines",
    "open_roundtrip",
    "remove_key",
    "set_key",
]

_BOM = "\ufeff"
_WIDTH = 1_000_000
"""Wide enough that ruamel never wraps a long line it writes."""
_PARENT = re.compile(r"^(?P<lead>\s*(?:-\s+)*)(?P<key>[^\s#][^#]*?):\s*(?:#.*)?$")
_DASH = re.compile(r"^(?P<indent>\s*)-(?P<gap>\s+)\S")


@dataclass
class RoundTrip:
    """A playbook loaded for editing: its original text, its round-trip data and how to write it."""

    display: str
    raw: bytes
    """The bytes as read; a write is refused if the file no longer holds them."""
    text: str
    """The original text with any byte-order mark removed, line endings as in the file."""
    data: Any
    """The round-trip data (ruamel CommentedMap): edit it in place, then call `render`."""
    yaml: Any = field(repr=False)
    baseline: str = field(repr=False)
    read_as: str = field(default="", repr=False)
    """The text as ruamel read it (tabs before comments made spaces), where it differs."""

    @property
    def crlf(self) -> bool:
        return self.text.count("\r\n") * 2 > self.text.count("\n")

    def dump(self) -> str:
        """The current data as ruamel writes it (LF line endings)."""
        out = io.StringIO()
        self.yaml.dump(self.data, out)
        return out.getvalue()

    def candidates(self, edited: str | None = None) -> list[bytes]:
        """The edited file's bytes, best first: the original text with only the edit's lines
        changed, then ruamel's dump of the whole document (same line ending, byte-order mark and
        final newline as the original). The caller proves which one holds the right data
        (`launchkit.load.isolation`): ruamel's dump is not always faithful (a folded block whose
        first line is blank gains indentation), so neither is trusted blindly.
        """
        edited = self.dump() if edited is None else edited
        newline = "\r\n" if self.crlf else "\n"
        merged = merge_lines(self.text, self.baseline, edited, newline, self.read_as or None)
        dumped = _with_ending(edited.replace("\n", newline), self.text)
        bom = _BOM if self.raw.startswith(_BOM.encode("utf-8")) else ""
        out = [(bom + merged).encode("utf-8")]
        if dumped != merged:
            out.append((bom + dumped).encode("utf-8"))
        return out

    def render(self) -> bytes:
        """The edited file's bytes by the line merge (see `candidates`)."""
        return self.candidates()[0]


def open_roundtrip(raw: bytes, display: str) -> RoundTrip:
    """Load playbook bytes for editing. Bad YAML raises LaunchkitError (the loader says where)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LaunchkitError(
            [error(display, 1, 1, "not-utf8", "the file is not UTF-8; save it as UTF-8")]
        ) from None
    plain = text.replace("\r\n", "\n")
    mapping, sequence, offset = detect_indent(plain)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = _WIDTH
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    read_as = ""
    try:
        data = _load_rt(yaml, plain)
    except YAMLError as e:
        # ruamel's round-trip scanner refuses a tab before a trailing comment or at the end of a
        # line, which YAML and `validate` allow: read those tabs as spaces (the line merge keeps
        # the file's own lines, and the edit's proof checks the data all the same)
        spaced = tabs_as_spaces(plain)
        try:
            data = _load_rt(yaml, spaced) if spaced != plain else None
        except YAMLError:
            data = None
        if data is None:
            raise _syntax_error(display, e) from None
        read_as = tabs_as_spaces(text)
    rt = RoundTrip(display, raw, text, data, yaml, "", read_as)
    rt.baseline = rt.dump()
    return rt


def _load_rt(yaml: Any, text: str) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return yaml.load(text)


def _syntax_error(display: str, e: Exception) -> LaunchkitError:
    """Bad YAML at the place the scanner names (1-based), as `validate` reports it."""
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(e, "problem", None) or str(e).strip().splitlines()[0]
    return LaunchkitError([error(display, line, col, "yaml-syntax", f"invalid YAML: {problem}")])


def detect_indent(text: str) -> tuple[int, int, int]:
    """The file's (mapping indent, sequence indent, dash offset), as ruamel's `indent()` takes.

    Each is the most common one among the file's nested blocks; (2, 2, 0) where it has none.
    """
    mappings: Counter[int] = Counter()
    sequences: Counter[tuple[int, int]] = Counter()
    lines = [ln for ln in text.split("\n") if ln.strip() and not ln.lstrip().startswith("#")]
    for parent, child in itertools.pairwise(lines):
        found = _PARENT.match(parent)
        if not found:
            continue
        key_col = len(found["lead"])
        dash = _DASH.match(child)
        if dash:
            offset = len(dash["indent"]) - key_col
            if offset >= 0:
                sequences[(offset + 1 + len(dash["gap"]), offset)] += 1
            continue
        indent = len(child) - len(child.lstrip(" ")) - key_col
        if indent > 0:
            mappings[indent] += 1
    mapping = mappings.most_common(1)[0][0] if mappings else 2
    sequence, offset = sequences.most_common(1)[0][0] if sequences else (2, 0)
    return mapping, max(sequence, offset + 2), offset


def merge_lines(
    original: str, baseline: str, edited: str, newline: str = "\n", read_as: str | None = None
) -> str:
    """Apply the line changes from `baseline` to `edited` onto `original` (a diff3-style merge).

    `baseline` and `edited` use LF; `original` may use CRLF. Lines taken from `edited` get
    `newline`; lines kept from `original` keep their own ending.
    """
    o_lines = _split(original)
    # lines are matched as ruamel read them (`read_as`: same lines, tabs made spaces) and copied
    # as the file has them
    o_keys = [ln.rstrip("\r\n") for ln in _split(read_as if read_as is not None else original)]
    b_keys = [ln.rstrip("\n") for ln in _split(baseline)]
    e_keys = [ln.rstrip("\n") for ln in _split(edited)]
    to_o = _matches(b_keys, o_keys)
    out: list[str] = []
    done = 0  # original lines already copied or replaced
    for b1, b2, e1, e2 in _hunks(b_keys, e_keys, to_o):
        if b1 < b2:
            o1 = to_o[b1] if b1 in to_o else (to_o[b1 - 1] + 1 if b1 else 0)
            o2 = to_o[b2 - 1] + 1 if b2 - 1 in to_o else (to_o[b2] if b2 in to_o else len(o_keys))
        else:  # a pure insertion goes right after the line before it
            o1 = o2 = _insertion_point(b1, to_o, len(o_keys))
        o1 = max(o1, done)
        out.extend(o_lines[done:o1])
        unread = _unread_tail(o_keys[o1:o2], b_keys[b1:b2])
        # the original lines as the file has them (a tab before a comment stays a tab)
        written = [ln.rstrip("\r\n") for ln in o_lines[o1:o2]]
        lines = _reindent(written[: len(written) - unread], b_keys[b1:b2], e_keys[e1:e2])
        lines = _comment_lines_as_written(written, lines)
        out.extend(key + newline for key in lines)
        out.extend(o_lines[o2 - unread : o2])
        done = max(o2, o1)
    out.extend(o_lines[done:])
    return _with_ending("".join(_ensure_newlines(out, newline)), original)


def _comment_lines_as_written(o_chunk: list[str], lines: list[str]) -> list[str]:
    """`lines` with each comment-only line that the original chunk holds too taken back as the
    file wrote it: ruamel re-indents a comment line it moves (below a removed block scalar, to
    column 0)."""
    written: dict[str, str] = {}
    for o in o_chunk:
        if o.lstrip().startswith("#"):
            written.setdefault(o.strip(), o)
    if not written:
        return lines
    return [written.get(ln.strip(), ln) if ln.lstrip().startswith("#") else ln for ln in lines]


def _unread_tail(o_chunk: list[str], b_chunk: list[str]) -> int:
    """How many comment and blank lines end `o_chunk` that ruamel never read: it drops those
    that follow a flow mapping ending in spaces, so they are in no dump and must be kept as the
    file has them. 0 unless the baseline lines stand for exactly the lines before them."""
    n = 0
    while n < len(o_chunk) and _is_note(o_chunk[-1 - n]):
        n += 1
    if n == 0 or len(o_chunk) - n != len(b_chunk) or any(_is_note(b) for b in b_chunk):
        return 0
    return n


def _is_note(line: str) -> bool:
    """A line holding only a comment, or nothing."""
    return not line.strip() or line.lstrip().startswith("#")


def _insertion_point(b1: int, to_o: dict[int, int], size: int) -> int:
    """The original line before which lines inserted at baseline line `b1` go.

    The baseline line before the insertion may have no original counterpart (ruamel dropped its
    trailing spaces, or joined the lines of a folded block): then the inserted lines go after
    the whole run of such lines, before the next line that has a counterpart (or at the end).
    """
    if b1 == 0:
        return 0
    if b1 - 1 in to_o:
        return to_o[b1 - 1] + 1
    later = [o for b, o in to_o.items() if b >= b1]
    return min(later) if later else size


def _hunks(
    b_keys: list[str], e_keys: list[str], to_o: dict[int, int]
) -> list[tuple[int, int, int, int]]:
    """The baseline-to-edited changes as (b1, b2, e1, e2), each widened over baseline lines that
    have no original counterpart (ruamel wrote them differently) so that it maps onto whole
    original lines; changes whose widened ranges overlap are joined."""
    groups: list[tuple[int, int, list[tuple[int, int, int, int]]]] = []
    for tag, b1, b2, e1, e2 in _opcodes(b_keys, e_keys):
        if tag == "equal":
            continue
        w1, w2 = b1, b2
        if b1 < b2:
            while w1 > 0 and w1 - 1 not in to_o and w1 not in to_o:
                w1 -= 1
            while w2 < len(b_keys) and w2 not in to_o and w2 - 1 not in to_o:
                w2 += 1
        if groups and w1 < groups[-1][1]:
            g1, g2, members = groups.pop()
            groups.append((min(g1, w1), max(g2, w2), [*members, (b1, b2, e1, e2)]))
        else:
            groups.append((w1, w2, [(b1, b2, e1, e2)]))
    out: list[tuple[int, int, int, int]] = []
    for g1, g2, members in groups:
        # outside its changes a group's baseline and edited lines are equal, one for one
        first, last = members[0], members[-1]
        out.append((g1, g2, first[2] - (first[0] - g1), last[3] + (g2 - last[1])))
    return out


def _reindent(o_chunk: list[str], b_chunk: list[str], e_chunk: list[str]) -> list[str]:
    """Edited lines, indented as the original lines were where ruamel indented them otherwise.

    A file may indent one mapping by 4 and another by 2; ruamel writes one indentation for the
    whole file, so a value edited in the other mapping keeps that mapping's own indentation.
    """
    b_chunk, e_chunk = _rejoined(b_chunk, o_chunk), _rejoined(e_chunk, o_chunk)
    if not (len(o_chunk) == len(b_chunk) == len(e_chunk)):
        return e_chunk
    out: list[str] = []
    for o, b, e in zip(o_chunk, b_chunk, e_chunk, strict=True):
        if e == b and " ".join(o.split()) == " ".join(b.split()):
            out.append(o)  # a line the edit did not touch, kept as the file has it
            continue
        unread = ""
        if " ".join(o.split()) != " ".join(b.split()):
            code, unread = _unread_comment(o, b)
            if not unread:
                return e_chunk
            o = code
        b_lead = b[: len(b) - len(b.lstrip(" "))]
        o_lead = o[: len(o) - len(o.lstrip(" "))]
        line = _comment_at(o, o_lead + e[len(b_lead) :] if e.startswith(b_lead) else e)
        out.append(line + unread if unread and "#" not in e else line)
    return out


def _rejoined(chunk: list[str], o_chunk: list[str]) -> list[str]:
    """`chunk` with each comment line that ends a line of `o_chunk` put back at that line's end.

    After an alias ruamel writes the end-of-line comment on a line of its own.
    """
    out: list[str] = []
    for line in chunk:
        comment = line.strip()
        if (
            out
            and comment.startswith("#")
            and all(o.strip() != comment for o in o_chunk)
            and any(re.search(r"\s" + re.escape(comment) + r"\s*$", o) for o in o_chunk)
        ):
            out[-1] = f"{out[-1]}  {comment}"
        else:
            out.append(line)
    return out


def _unread_comment(original: str, baseline: str) -> tuple[str, str]:
    """`original` split into its code and an end-of-line comment that ruamel did not read (it
    drops the one after an alias), or (original, "") if that is not how the two differ."""
    hash_at = _comment_start(original)
    code = original[:hash_at].rstrip()
    if hash_at < 0 or "#" in baseline or " ".join(code.split()) != " ".join(baseline.split()):
        return original, ""
    return code, original[len(code) :]


def _comment_start(line: str) -> int:
    """Where the space or tab before a line's last ` #` stands, or -1."""
    return max(line.rfind(" #"), line.rfind("\t#"))


def _comment_at(original: str, line: str) -> str:
    """`line` with its end-of-line comment moved back to the column it had in `original`, or as
    far from a longer value as it was from the old one."""
    hash_at = _comment_start(original)
    if hash_at < 0:
        return line
    comment = original[hash_at + 1 :]
    if not line.endswith(" " + comment):
        return line
    code = line[: -len(comment)].rstrip()
    head = original[: hash_at + 1]
    gap = head[len(head.rstrip()) :]
    if "\t" in gap:  # a tab lines comments up in the user's editor, not at a column here
        return code + gap + comment
    # the comment's column, or its distance when the new value reaches past that column
    return code + " " * (hash_at + 1 - len(code) if len(code) < hash_at else len(gap)) + comment


def _split(text: str) -> list[str]:
    lines = text.split("\n")
    out = [ln + "\n" for ln in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def _matches(a: list[str], b: list[str]) -> dict[int, int]:
    """Index in `b` of each line of `a` that lies in a block the two have in common."""
    if len(a) == len(b):
        # ruamel's normalisations rewrite lines in place: pair them one for one, which is a
        # valid alignment and, unlike a general diff, linear in the file's length.
        return {i: i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x == y}
    found: dict[int, int] = {}
    for tag, a1, a2, b1, _ in _opcodes(a, b):
        if tag == "equal":
            found.update({a1 + k: b1 + k for k in range(a2 - a1)})
    return found


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, with the common head and tail cut off first.

    An edit changes a few lines of a long file, and SequenceMatcher without its "junk"
    heuristic (which would skip the many identical `status: todo` lines) is quadratic.
    """
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    ops: list[tuple[str, int, int, int, int]] = []
    if head:
        ops.append(("equal", 0, head, 0, head))
    matcher = SequenceMatcher(
        None, a[head : len(a) - tail], b[head : len(b) - tail], autojunk=False
    )
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        ops.append((tag, a1 + head, a2 + head, b1 + head, b2 + head))
    if tail:
        ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return ops


def _ensure_newlines(lines: list[str], newline: str) -> list[str]:
    """Every line but the last ends with a line break (an original last line may have had none)."""
    return [
        ln if ln.endswith("\n") or i == len(lines) - 1 else ln + newline
        for i, ln in enumerate(lines)
    ]


def _with_ending(text: str, original: str) -> str:
    """Keep the original's final newline, or its absence (and then no blank line ruamel added)."""
    if not original or original.endswith("\n") or not text.endswith("\n"):
        return text
    return text.rstrip("\r\n")


def set_key(
    mapping: Any, key: str, value: Any, *, after: tuple[str, ...] = (), anchor: str | None = None
) -> None:
    """Set `mapping[key]`, keeping the old value's quoting and the mapping's comments in place.

    `anchor` is put on the new value (where it can carry one): the old value's anchor, when
    nothing else refers to it.

    A new key goes right after the last of `after` that the mapping has, else at the end. At the
    end, the comment lines and blank lines that followed the old last entry stay after the new
    one (ruamel would otherwise put the new key below them, next to the following item).
    """
    value = _flow_safe(mapping, value)
    if key in mapping:
        old = mapping[key]
        # ruamel hangs the comment lines below a block value on its last line, so they would
        # leave with the value they only follow: keep them below the new one
        token = _trailing_comment(old)
        below = token.value.partition("\n")[2] if token is not None else ""
        _drop_borrowed_comment(mapping, key)
        new = _like(old, value)
        if anchor and hasattr(new, "yaml_set_anchor"):
            new.yaml_set_anchor(anchor, always_dump=True)
        mapping[key] = new
        if below:
            _append_lines(mapping, key, below)
        return
    present = [k for k in after if k in mapping]
    keys = list(mapping)
    if present and keys.index(present[-1]) < len(keys) - 1:
        mapping.insert(keys.index(present[-1]) + 1, key, value)
        return
    token = _trailing_comment(mapping)
    mapping[key] = value
    if token is not None:
        from ruamel.yaml.error import CommentMark
        from ruamel.yaml.tokens import CommentToken

        eol, _, rest = token.value.partition("\n")
        token.value = eol + "\n"
        mapping.ca.items[key] = [None, None, CommentToken("\n" + rest, CommentMark(0), None), None]


def _drop_borrowed_comment(mapping: Any, key: str) -> None:
    """Forget a comment ruamel gave `key` from another line: after an alias (`*app`) it lends
    the key the comment of the anchor's line, which a new value would then carry."""
    entry = mapping.ca.items.get(key)
    token = entry[2] if entry and len(entry) > 2 else None
    line = getattr(getattr(token, "start_mark", None), "line", None)
    if line is not None and line < mapping.lc.key(key)[0]:
        entry[2] = None


def remove_key(mapping: Any, key: str) -> None:
    """Delete `mapping[key]` and its own end-of-line comment; the comment lines below it stay,
    moved to the entry before it."""
    if key not in mapping:
        return
    keys = list(mapping)
    at = keys.index(key)
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    token = _own_comment(mapping, key)
    # after a block scalar (`>-`, `|`) there is no end-of-line comment: every line is its own
    own_line = not isinstance(mapping[key], FoldedScalarString | LiteralScalarString)
    del mapping[key]
    rest = "" if token is None else token.value.partition("\n")[2] if own_line else token.value
    if rest and at > 0:
        _append_lines(mapping, keys[at - 1], rest)


def _own_comment(mapping: Any, key: str) -> Any:
    """The comment token after `key`'s value: its end-of-line comment, then any comment lines."""
    if _is_block(mapping[key]):
        return _trailing_comment(mapping[key])
    entry = mapping.ca.items.get(key)
    return entry[2] if entry else None


def _append_lines(mapping: Any, key: str, lines: str) -> None:
    """Put comment `lines` (each ending in a newline) right after the entry `key`."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    holder = _own_comment(mapping, key)
    if holder is not None:
        holder.value = holder.value + lines
        return
    node: Any = mapping
    last: Any = key
    while _is_block(node[last]):
        node = node[last]
        last = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
    token = CommentToken("\n" + lines, CommentMark(0), None)
    node.ca.items[last] = (
        [None, None, token, None] if isinstance(node, CommentedMap) else [token, None]
    )


def _flow_safe(mapping: Any, value: Any) -> Any:
    """A plain string for a `{...}` mapping, quoted where it holds a flow indicator: ruamel would
    write `{evidence: https://x}`, which YAML 1.1 readers (and launchkit's own) refuse."""
    from ruamel.yaml.scalarstring import ScalarString, SingleQuotedScalarString

    flow = getattr(getattr(mapping, "fa", None), "flow_style", lambda: False)()
    plain = isinstance(value, str) and not isinstance(value, ScalarString)
    if flow and plain and re.search(r"[:#,\[\]{}]", value):
        return SingleQuotedScalarString(value)
    return value


def _like(old: Any, new: Any) -> Any:
    """`new`, written in the same quoting style as `old` when both are strings."""
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(old, ScalarString) and isinstance(new, str) and not isinstance(new, ScalarString):
        return type(old)(new)
    return new


def _is_block(node: Any) -> bool:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    return (
        isinstance(node, CommentedMap | CommentedSeq) and len(node) > 0 and not node.fa.flow_style()
    )


def _trailing_comment(node: Any) -> Any:
    """The comment token after a block collection's last line, which ruamel hangs on its last item."""
    from ruamel.yaml.comments import CommentedMap

    if not _is_block(node):
        return None
    if isinstance(node, CommentedMap):
        last: Any = list(node)[-1]
        slot = 2
    else:
        last, slot = len(node) - 1, 0
    if _is_block(node[last]):
        return _trailing_comment(node[last])
    entry = node.ca.items.get(last)
    return entry[slot] if entry else None
