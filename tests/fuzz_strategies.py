"""Hypothesis strategies for the fuzz suite: valid playbooks, and the ways people break them.

`playbook_data()` draws a valid playbook as Python values (every reference resolves, `after`
links only point backwards, per-site tasks only where there are sites); `playbook_text()` writes
it as YAML, in block or flow style. `broken_text()` starts from such a playbook, or from a
built-in one, and applies one or more mutations: a value replaced by one of another type, a key
deleted or written twice, unicode (Hebrew, right-to-left marks, emoji, combining marks), huge
numbers, deep nesting, anchors and aliases (an alias bomb among them), a truncated file, random
bytes. Text mutations work on bytes so that invalid UTF-8 and NUL bytes are covered too.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).parent.parent
BUILTIN_TEXTS = sorted(p.read_bytes() for p in (ROOT / "playbooks").glob("*/*.yaml"))

LOCALES = ["en", "he", "tr", "it"]
ZONES = ["UTC", "Asia/Jerusalem", "Europe/Rome", "Europe/Istanbul", "America/New_York"]
COUNTRIES = ["IL", "IT", "TR", "GB", "ES-MD"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
STATUSES = ["todo", "doing", "done", "blocked", "skipped"]

# Text that real playbooks hold, and text that tends to break tools.
HEBREW = "השקת האפליקציה לעובדים"
RTL_MARKS = "\u200f\u200e\u202b\u202a\u202c\u2066\u2067\u2069"
EMOJI = "🚀📱✅👩‍💻🇮🇱"
TRICKY = ["", " ", "~", "null", "yes", "no", "on", "1e3", "0x1F", "0o17", "2027-02-30", "<<",
          "=", "- x", "a: b", "#", "&a", "*a", "!!binary", "%YAML", "---", "...", "{{ 7*7 }}",
          "<b>bold</b>", "=cmd|' /C calc'!A0", "\\", "\"", "'", "\t", "\r\n", "\u2028", "\x85",
          "\ufeff", "İstanbul ıi", "perché è", "a\u0301\u0302\u0303"]  # fmt: skip

slugs = st.from_regex(r"\A[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?\Z")
names = st.from_regex(r"\A[a-z][a-z0-9_]{0,8}\Z")
words = st.one_of(
    st.text(min_size=1, max_size=30).filter(lambda s: s.strip() != ""),
    st.sampled_from([HEBREW, "Lancio dell'app", "Uygulama lansmanı", "Brief the managers"]),
    st.builds(lambda a, b: a + b + a, st.sampled_from(RTL_MARKS), st.sampled_from([HEBREW, EMOJI])),
)
offsets = st.one_of(
    st.just("L"),
    st.builds(
        lambda sign, n, unit: f"L{sign}{n}{unit}",
        st.sampled_from("+-"),
        st.integers(0, 60),
        st.sampled_from(["d", "bd", "w"]),
    ),
    st.dates(dt.date(2026, 6, 1), dt.date(2027, 12, 31)),
)
spans = st.builds(
    lambda n, unit: f"{n}{unit}", st.integers(0, 10), st.sampled_from(["d", "bd", "w"])
)
times = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
rrules = st.sampled_from(
    ["FREQ=WEEKLY;COUNT=3", "FREQ=MONTHLY;COUNT=2", "FREQ=DAILY;INTERVAL=2;COUNT=4",
     "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5"]
)  # fmt: skip


@st.composite
def playbook_data(draw: st.DrawFn) -> dict[str, Any]:
    """A valid playbook as plain Python values."""
    roles = draw(st.lists(slugs, max_size=3, unique=True))
    site_ids = draw(st.lists(slugs, max_size=3, unique=True))
    phase_ids = draw(st.lists(slugs, max_size=3, unique=True))
    task_ids = draw(st.lists(slugs, min_size=1, max_size=8, unique=True))
    data: dict[str, Any] = {
        "launchkit": 1,
        "id": draw(slugs),
        "title": draw(words),
        "locale": draw(st.sampled_from(LOCALES)),
        "timezone": draw(st.sampled_from(ZONES)),
        "launch": draw(st.dates(dt.date(2026, 9, 1), dt.date(2027, 9, 1))),
    }
    if draw(st.booleans()):
        data["calendar"] = {
            "workweek": draw(
                st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True)
            ),
            "holidays": draw(st.lists(st.sampled_from(COUNTRIES), max_size=2, unique=True)),
            "closed": draw(
                st.lists(st.dates(dt.date(2026, 9, 1), dt.date(2027, 9, 1)), max_size=3)
            ),
        }
    if roles:
        data["people"] = {
            r: {
                "name": draw(words),
                **({"email": f"{r}@example.com"} if draw(st.booleans()) else {}),
            }
            for r in roles
        }
    if site_ids:
        data["sites"] = [_site(draw, s) for s in site_ids]
    if phase_ids:
        data["phases"] = [{"id": p, "title": draw(words)} for p in phase_ids]
    data["tasks"] = [
        _task(draw, i, t, task_ids, roles, phase_ids, site_ids) for i, t in enumerate(task_ids)
    ]
    gates = draw(st.lists(st.sampled_from(["metric", "rule"]), max_size=2))
    if gates:
        data["gates"] = [_gate(draw, i, kind, bool(site_ids)) for i, kind in enumerate(gates)]
        data["metrics"] = {"m": draw(st.integers(0, 100))}
    if draw(st.booleans()):
        data["vars"] = {"app_name": draw(words)}
    if draw(st.booleans()):
        data["documents"] = {
            "app_name": draw(words),
            "download_url": "https://example.com/app",
            "faq": [{"q": draw(words), "a": draw(words)}],
            "invitation": {"subject": draw(words), "sms": draw(words)},
        }
    return data


def _site(draw: st.DrawFn, site_id: str) -> dict[str, Any]:
    site: dict[str, Any] = {"id": site_id, "name": draw(words)}
    if draw(st.booleans()):
        site["employees"] = draw(st.integers(0, 5000))
        site["champions"] = [f"c{i}@example.com" for i in range(draw(st.integers(0, 3)))]
    if draw(st.booleans()):
        site["launch"] = draw(st.sampled_from(["L", "L+1bd", "L+2bd", "L-1bd"]))
    return site


def _task(
    draw: st.DrawFn,
    i: int,
    task_id: str,
    ids: list[str],
    roles: list[str],
    phases: list[str],
    sites: list[str],
) -> dict[str, Any]:
    task: dict[str, Any] = {"id": task_id, "title": draw(words)}
    earlier = ids[:i]
    anchors = draw(
        st.lists(st.sampled_from(["start", "due", "after"]), min_size=1, max_size=2, unique=True)
        if earlier
        else st.lists(st.sampled_from(["start", "due"]), min_size=1, max_size=2, unique=True)
    )
    if "start" in anchors:
        task["start"] = draw(offsets)
    if "due" in anchors:
        task["due"] = draw(offsets)
    if "after" in anchors:
        task["after"] = draw(
            st.lists(st.sampled_from(earlier), min_size=1, max_size=2, unique=True)
        )
        if draw(st.booleans()):
            task["lag"] = draw(spans)
    if draw(st.booleans()):
        task["duration"] = draw(spans)
    if roles and draw(st.booleans()):
        task["owner"] = draw(st.sampled_from(roles))
    if phases and draw(st.booleans()):
        task["phase"] = draw(st.sampled_from(phases))
    if sites and draw(st.integers(0, 3)) == 0:
        task["per_site"] = True
    if draw(st.integers(0, 4)) == 0:
        task["at"] = draw(times)
    if "start" in task and draw(st.integers(0, 4)) == 0:
        task["repeat"] = draw(rrules)
    if draw(st.booleans()):
        task["status"] = draw(st.sampled_from(STATUSES))
    if draw(st.integers(0, 3)) == 0:
        task["channels"] = ["email", "posters"]
        task["source"] = ["S3.2"]
    return task


def _gate(draw: st.DrawFn, i: int, kind: str, has_sites: bool) -> dict[str, Any]:
    gate: dict[str, Any] = {"id": f"gate-{i}", "title": draw(words)}
    if draw(st.booleans()):
        gate["by"] = draw(offsets)
    if kind == "rule" and has_sites:
        gate["rule"] = "champions_per_site"
        gate["min"] = draw(st.integers(0, 3))
    else:
        gate["metric"] = "m"
        gate["min"] = draw(st.integers(0, 100))
    if draw(st.booleans()):
        gate["severity"] = draw(st.sampled_from(["error", "warning", "info"]))
    return gate


def dump_yaml(data: Any, *, flow: bool | None = False) -> str:
    """YAML text of plain values (dates as dates); shared objects become anchors and aliases."""
    from ruamel.yaml import YAML

    # The C emitter, like the C parser the loader uses: the pure one writes flow scalars such as
    # `{at: 14:36}` that libyaml (YAML 1.1 rules for `:` in flow context) refuses.
    yaml = YAML(typ="safe", pure=False)
    yaml.default_flow_style = flow
    yaml.allow_unicode = True
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


@st.composite
def playbook_text(draw: st.DrawFn) -> str:
    """A valid playbook written as YAML, in block or flow style."""
    return dump_yaml(draw(playbook_data()), flow=draw(st.sampled_from([False, None])))


# --- Mutations ---------------------------------------------------------------------------

odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([10**30, -(10**30), 2**63, 10**400, 1e308, float("inf"), float("nan")]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from([*TRICKY, HEBREW, EMOJI, RTL_MARKS]),
    st.dates(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.just({"nested": [[[[[]]]]]}),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside nested dicts and lists (the root excluded)."""
    found: list[tuple[Any, ...]] = []
    items: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    for key, child in items:
        found.append((*prefix, key))
        found.extend(_paths(child, (*prefix, key)))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_data(draw: st.DrawFn) -> Any:
    """A valid playbook's values with a few structural mutations."""
    data = draw(playbook_data())
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        action = draw(st.sampled_from(["retype", "delete", "rename", "nest", "share", "unicode"]))
        if action == "retype":
            parent[path[-1]] = draw(odd_values)
        elif action == "delete":
            del parent[path[-1]]
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.sampled_from([*TRICKY, "titel", "tasks", "id", "<<", "7"]))] = (
                parent.pop(path[-1])
            )
        elif action == "nest":
            value = parent[path[-1]]
            for _ in range(draw(st.integers(1, 80))):
                value = [value] if draw(st.booleans()) else {"k": value}
            parent[path[-1]] = value
        elif action == "share":
            # The same object in two places: the YAML writer makes an anchor and an alias.
            other = draw(st.sampled_from(paths))
            if other[: len(path)] != path and path[: len(other)] != other:
                parent[path[-1]] = _parent(data, other)[other[-1]]
        elif action == "unicode":
            parent[path[-1]] = draw(
                st.sampled_from([HEBREW, EMOJI, RTL_MARKS + HEBREW, "\u0000", "\ud800x", "\x7f"])
            )
    return data


def _to_bytes(draw: st.DrawFn, data: Any) -> bytes:
    try:
        text = dump_yaml(data, flow=draw(st.sampled_from([False, None])))
    except Exception:  # values YAML cannot write (a lone surrogate): fall back to a repr
        text = repr(data)
    return text.encode("utf-8", errors="surrogatepass")


ALIAS_BOMB = b"""launchkit: 1
id: bomb
title: lol
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
tasks: *g
"""

SNIPPETS = [
    b"\x00", b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\t", b"\r", b"\n\n",
    b": ", b"- ", b"[", b"]", b"{", b"}", b"&x ", b"*x", b"*undefined", b"!!python/object:os.system ",
    b"!!binary ", b"!custom ", b"<<: *x\n", b"%YAML 1.1\n---\n", b"%TAG ! tag:x,2000:\n---\n",
    b"---\n", b"...\n", b"? ", b"|\n", b">-\n", b"'", b'"', b"\\u", b"#", b"@", b"`",
    "\u200f".encode(), "🚀".encode(), HEBREW.encode(), b"99999999999999999999999999999999",
    b"1e99999", b"0x", b"2027-13-45", b"2027-02-29", b"L+99999bd", b"L-", b"FREQ=",
]  # fmt: skip


@st.composite
def mutated_bytes(draw: st.DrawFn, source: bytes) -> bytes:
    """`source` with snippets inserted, lines deleted or duplicated, or cut short."""
    raw = source
    for _ in range(draw(st.integers(1, 4))):
        action = draw(
            st.sampled_from(["insert", "random", "dup-line", "del-line", "indent", "truncate"])
        )
        at = draw(st.integers(0, len(raw)))
        if action == "insert":
            raw = raw[:at] + draw(st.sampled_from(SNIPPETS)) + raw[at:]
        elif action == "random":
            raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
        elif action in ("dup-line", "del-line", "indent"):
            lines = raw.split(b"\n")
            n = draw(st.integers(0, max(0, len(lines) - 1)))
            if action == "dup-line":  # a key written twice, a list item repeated
                lines.insert(n, lines[n])
            elif action == "del-line":
                del lines[n]
            else:
                lines[n] = b" " * draw(st.integers(1, 5)) + lines[n]
            raw = b"\n".join(lines)
        else:
            raw = raw[:at]
    return raw


@st.composite
def broken_bytes(draw: st.DrawFn) -> bytes:
    """A playbook file that is probably not valid, in one of many ways."""
    kind = draw(st.sampled_from(["data", "text", "builtin", "random", "bomb", "deep"]))
    if kind == "data":
        return _to_bytes(draw, draw(mutated_data()))
    if kind == "text":
        return draw(mutated_bytes(draw(playbook_text()).encode("utf-8")))
    if kind == "builtin":
        return draw(mutated_bytes(draw(st.sampled_from(BUILTIN_TEXTS))))
    if kind == "bomb":
        return draw(mutated_bytes(ALIAS_BOMB)) if draw(st.booleans()) else ALIAS_BOMB
    if kind == "deep":
        depth = draw(st.integers(10, 3000))
        opener = draw(st.sampled_from([b"[", b"{a: ", b"- "]))
        return b"launchkit: 1\nid: deep\ntitle: x\ntasks: " + opener * depth
    return draw(st.binary(max_size=200))
