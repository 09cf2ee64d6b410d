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
# Text as people type it: any character but the control characters the model refuses
# (`bad-character`) and lone surrogates, which YAML cannot hold.
plain_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=30
).filter(lambda s: s.strip() != "")
words = st.one_of(
    plain_text,
    st.sampled_from([HEBREW, "Lancio dell'app", "Uygulama lansmanı", "Brief the managers",
                     "{{ 7*7 }}", "<b>bold</b> & \"quotes\"", "=cmd|' /C calc'!A0", "a: b # c",
                     "İstanbul ıi", "perché è", "a\u0301\u0302", EMOJI, "line one\nline two",
                     "tab\there", "\u202bעברית\u202c", "\u2067שלום\u2069 ok"]),
    st.builds(lambda m, t: m + t, st.sampled_from("\u200f\u200e"), st.sampled_from([HEBREW, EMOJI])),
)  # fmt: skip
emails = st.builds(
    lambda user, host: f"{user}@{host}.example.com",
    st.from_regex(r"\A[a-z][a-z0-9]{0,5}(\.[a-z0-9]{1,4})?\Z"),
    slugs,
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
spans = st.one_of(
    st.builds(lambda n, unit: f"{n}{unit}", st.integers(0, 10), st.sampled_from(["d", "bd", "w"])),
    st.integers(0, 10),
)
times = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
rrules = st.one_of(
    st.sampled_from(
        ["FREQ=WEEKLY;COUNT=3", "FREQ=MONTHLY;COUNT=2", "FREQ=DAILY;INTERVAL=2;COUNT=4",
         "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3",
         "FREQ=WEEKLY;UNTIL=20270510T000000Z", "FREQ=WEEKLY;UNTIL=20270601", "RRULE:FREQ=DAILY;COUNT=2",
         "FREQ=YEARLY;COUNT=2", "FREQ=MONTHLY;BYMONTHDAY=15;INTERVAL=2;COUNT=3",
         "FREQ=WEEKLY;WKST=SU;BYDAY=SU,TU;COUNT=4"]
    ),
    st.builds(
        lambda freq, n, interval: f"FREQ={freq};INTERVAL={interval};COUNT={n}",
        st.sampled_from(["DAILY", "WEEKLY", "MONTHLY"]),
        st.integers(1, 30),
        st.integers(1, 4),
    ),
)  # fmt: skip
days = st.dates(dt.date(2026, 9, 1), dt.date(2027, 9, 1))


def _calendar(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "workweek": draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True)),
        "holidays": draw(st.lists(st.sampled_from(COUNTRIES), max_size=2, unique=True)),
        "closed": draw(st.lists(days, max_size=3)),
    }


def _maybe(draw: st.DrawFn, target: dict[str, Any], key: str, strategy: Any, p: int = 2) -> None:
    """Set `key` from `strategy` one time in `p`."""
    if draw(st.integers(0, p - 1)) == 0:
        target[key] = draw(strategy)


def _waiver(draw: st.DrawFn) -> dict[str, Any]:
    return {"reason": draw(words), "owner": draw(words), "until": draw(days)}


@st.composite
def playbook_data(draw: st.DrawFn) -> dict[str, Any]:
    """A valid playbook as plain Python values, using every kind of field the model has."""
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
        "launch": draw(days),
    }
    if draw(st.booleans()):
        data["description"] = draw(words)
    if draw(st.booleans()):
        data["calendar"] = _calendar(draw)
    if roles:
        data["people"] = {
            r: {"name": draw(words), **({"email": draw(emails)} if draw(st.booleans()) else {})}
            for r in roles
        }
    if site_ids:
        data["sites"] = [_site(draw, s) for s in site_ids]
    if phase_ids:
        data["phases"] = [
            {
                "id": p,
                "title": draw(words),
                **({"description": draw(words)} if draw(st.booleans()) else {}),
            }
            for p in phase_ids
        ]
    per_site = {t for t in task_ids if site_ids and draw(st.integers(0, 3)) == 0}
    data["tasks"] = [
        _task(draw, i, t, task_ids, roles, phase_ids, site_ids, per_site)
        for i, t in enumerate(task_ids)
    ]
    kinds = draw(st.lists(st.sampled_from(["metric", "bool", "rule", "within"]), max_size=3))
    metrics: dict[str, Any] = {}
    if kinds:
        data["gates"] = [
            _gate(draw, i, kind, site_ids, task_ids, metrics) for i, kind in enumerate(kinds)
        ]
    if metrics or draw(st.booleans()):
        data["metrics"] = metrics or {draw(names): draw(st.integers(0, 100))}
    if draw(st.booleans()):
        data["vars"] = {
            "app_name": draw(words),
            "download_url": "https://example.com/app",
            draw(names): draw(
                st.one_of(words, st.integers(-5, 5000), st.floats(-1e6, 1e6), st.booleans())
            ),
        }
    if draw(st.booleans()):
        data["documents"] = _documents(draw, task_ids)
    return data


def _documents(draw: st.DrawFn, task_ids: list[str]) -> dict[str, Any]:
    docs: dict[str, Any] = {}
    _maybe(draw, docs, "app_name", words)
    _maybe(
        draw,
        docs,
        "download_url",
        st.sampled_from(["https://example.com/app", "http://x.example.org/a?b=c&d=%20"]),
    )
    _maybe(draw, docs, "sms_sender", st.from_regex(r"\A[A-Za-z0-9]{1,11}\Z"))
    _maybe(draw, docs, "email_from", emails)
    _maybe(draw, docs, "signed_by", words)
    _maybe(draw, docs, "briefing_task", st.sampled_from(task_ids))
    if draw(st.booleans()):
        docs["talking_points"] = {
            part: draw(st.lists(words, min_size=1, max_size=2))
            for part in draw(st.lists(st.sampled_from(
                ["why", "role", "measure", "answer", "feedback", "timeline", "champions", "gates"]
            ), max_size=3, unique=True))
        }  # fmt: skip
    if draw(st.booleans()):
        docs["faq"] = [{"q": draw(words), "a": draw(words)} for _ in range(draw(st.integers(1, 2)))]
    if draw(st.booleans()):
        channels = st.sampled_from(["email-signature", "poster", "tv", "notice-board"])
        docs["teasers"] = {
            c: draw(words) for c in draw(st.lists(channels, max_size=2, unique=True))
        }
    if draw(st.booleans()):
        docs["invitation"] = {}
        for key in ("subject", "email", "sms"):
            _maybe(draw, docs["invitation"], key, words)
    return docs


def _site(draw: st.DrawFn, site_id: str) -> dict[str, Any]:
    site: dict[str, Any] = {"id": site_id, "name": draw(words)}
    if draw(st.booleans()):
        site["employees"] = draw(st.integers(0, 5000))
        site["champions"] = draw(st.lists(st.one_of(emails, words), max_size=3))
    if draw(st.booleans()):
        site["launch"] = draw(st.sampled_from(["L", "L+1bd", "L+2bd", "L-1bd", "L+1w"]))
    if draw(st.integers(0, 3)) == 0:
        site["calendar"] = _calendar(draw)
    return site


def _task(
    draw: st.DrawFn,
    i: int,
    task_id: str,
    ids: list[str],
    roles: list[str],
    phases: list[str],
    sites: list[str],
    per_site: set[str],
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
        _maybe(draw, task, "lag", spans)
    _maybe(draw, task, "description", words)
    _maybe(draw, task, "duration", spans)
    if roles:
        _maybe(draw, task, "owner", st.sampled_from(roles))
    if phases:
        _maybe(draw, task, "phase", st.sampled_from(phases))
    if task_id in per_site:
        task["per_site"] = True
        if draw(st.booleans()):
            task["site_status"] = {
                s: _progress(draw)
                for s in draw(st.lists(st.sampled_from(sites), max_size=2, unique=True))
            }
    _maybe(draw, task, "at", times, 4)
    if "start" in task or "due" in task:
        _maybe(draw, task, "repeat", rrules, 4)
    task.update(_progress(draw))
    if draw(st.integers(0, 3)) == 0:
        task["channels"] = draw(
            st.lists(
                st.sampled_from(["email", "poster", "tv", "sms", "notice-board"]),
                min_size=1,
                max_size=3,
                unique=True,
            )
        )
        task["source"] = draw(
            st.lists(
                st.sampled_from(["S3.2", "S3.3", "EA.4", "A60.8"]),
                min_size=1,
                max_size=2,
                unique=True,
            )
        )
    _maybe(draw, task, "severity", st.sampled_from(["error", "warning"]), 3)
    if draw(st.integers(0, 4)) == 0:
        task["waiver"] = _waiver(draw)
    return task  # fmt: skip


def _progress(draw: st.DrawFn) -> dict[str, Any]:
    progress: dict[str, Any] = {}
    _maybe(draw, progress, "status", st.sampled_from(STATUSES))
    if progress.get("status") == "done":
        _maybe(draw, progress, "done_on", days)
        _maybe(draw, progress, "evidence", st.one_of(words, st.just("https://example.com/proof")))
    return progress


def _gate(
    draw: st.DrawFn,
    i: int,
    kind: str,
    sites: list[str],
    tasks: list[str],
    metrics: dict[str, Any],
) -> dict[str, Any]:
    gate: dict[str, Any] = {"id": f"gate-{i}", "title": draw(words)}
    _maybe(draw, gate, "description", words, 3)
    _maybe(draw, gate, "by", offsets)
    if kind == "rule" and sites:
        rule = draw(st.sampled_from(["champions_per_site", "employees_per_champion"]))
        gate["rule"] = rule
        gate["min" if rule == "champions_per_site" else "max"] = draw(st.integers(0, 300))
    elif kind == "within":
        gate.update(rule="starts_within", task=draw(st.sampled_from(tasks)),
                    of=draw(st.sampled_from(tasks)), within=draw(spans))  # fmt: skip
    elif kind == "bool":
        name = f"flag_{i}"
        gate.update(metric=name, equals=draw(st.booleans()))
        metrics[name] = draw(st.booleans())
    else:
        name = f"m_{i}"
        gate["metric"] = name
        bounds = draw(
            st.lists(st.sampled_from(["min", "max", "equals"]), min_size=1, max_size=2, unique=True)
        )
        for b in bounds:
            gate[b] = draw(st.one_of(st.integers(0, 100), st.floats(0, 100)))
        metrics[name] = draw(st.one_of(st.integers(0, 100), st.floats(0, 100)))
    _maybe(draw, gate, "severity", st.sampled_from(["error", "warning", "info"]))
    gate["source"] = draw(st.lists(st.sampled_from(["S3.2", "EA.1"]), max_size=1))
    if draw(st.integers(0, 3)) == 0:
        gate["waiver"] = _waiver(draw)
    return gate  # fmt: skip


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


# --- One value perturbed ------------------------------------------------------------------

# Values of the same kind pushed to their edges, most of which the loader still accepts, so that
# the perturbed playbook reaches schedule, check, export and render; and values of another
# kind, which it refuses with a diagnostic.
# Text the model accepts but that tends to break writers, and text it must refuse.
EDGE_TEXT = [
    " ",
    "x" * 5000,
    "a\n",
    "\n",
    "evil\u202eexe.txt",
    "\u2066open",
    "\u202c",
    HEBREW * 40,
    "{% raw %}",
    "{{ range(10**9)|list }}",
    "<script>alert(1)</script>",
    "]]>",
    "&#0;",
    "\ufffe",
    '=HYPERLINK("http://x")',
    "#58;",
    "%%{init}%%",
    "```",
    "BEGIN:VEVENT\nEND:VCALENDAR",
    "a;b,c\\d",
    "\u2028",
    "Dana <d@x.com>",
    "-",
    "@",
]
HOSTILE_TEXT = ["", "a\r\nb", "\x0b", "Print posters \x1b[1mnow\x1b[0m", "\x85", "\x00",
                "q@example.com?bcc=someone%40example.org", "sam@example.com\n"]  # fmt: skip
EDGE_NUMBERS = [0, -1, 1, 10**30, -(10**30), 10**400, 1e308, -1e-308, float("nan"),
                float("inf"), float("-inf"), 0.1, 99_999, 100_000]  # fmt: skip
EDGE_DATES = [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(9990, 1, 1), dt.date(2120, 1, 1),
              dt.date(1900, 3, 1), dt.date(2024, 2, 29), dt.date(2027, 3, 1)]  # fmt: skip
EDGE_OFFSETS = ["L+99999w", "L-99999bd", "L+99999d", "L+0bd", "L-0d", "L +3 bd", "L+1w\n",
                "9990-01-01", "0001-01-01", "2027-02-29", "L-10 days", "l-3bd"]  # fmt: skip
EDGE_RULES = ["FREQ=DAILY;UNTIL=99991231", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=3",
              "FREQ=WEEKLY;UNTIL=20270510T000000Z", "FREQ=YEARLY;COUNT=1000",
              "FREQ=DAILY;COUNT=1000", "FREQ=DAILY;COUNT=1001", "FREQ=MINUTELY;COUNT=2",
              "FREQ=WEEKLY;UNTL=2027", "FREQ=WEEKLY;COUNT=2;UNTIL=20270101", "FREQ=WEEKLY",
              "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR;COUNT=3",
              "FREQ=YEARLY;BYWEEKNO=53;COUNT=2", "FREQ=WEEKLY;INTERVAL=9999;COUNT=3"]  # fmt: skip
EDGE_SPANS = ["0bd", "99999bd", "99999w", "-1bd", 99_999, 100_000, "5 days", "1.5d"]


def _leaves(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a scalar inside nested dicts and lists."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaves(v, (*prefix, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaves(v, (*prefix, i))]
    return [prefix]


VALID_DATES = [dt.date(2024, 2, 29), dt.date(2027, 3, 1), dt.date(2027, 12, 31), dt.date(2031, 1, 1),
               dt.date(2120, 1, 1), dt.date(1990, 5, 5)]  # fmt: skip
VALID_OFFSETS = ["L+0bd", "L-0d", "L +3 bd", "L+52w", "L-260bd", "L+999d", "L+1w", *VALID_DATES]
VALID_RULES = ["FREQ=WEEKLY;UNTIL=20270510T000000Z", "FREQ=YEARLY;COUNT=90", "FREQ=DAILY;COUNT=1000",
               "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR;COUNT=3",
               "FREQ=YEARLY;BYWEEKNO=53;COUNT=2", "FREQ=WEEKLY;INTERVAL=99;COUNT=3"]  # fmt: skip
VALID_SPANS = ["0bd", "250bd", "52w", 0, 999]
VALID_NUMBERS = [0, 1, 0.1, 99_999, 1e6, -1]


def _edge_for(path: tuple[Any, ...], value: Any, hostile: bool) -> st.SearchStrategy[Any]:
    """Values at the edges of what the field at `path` holds: ones the model accepts, or
    (`hostile`) ones it must refuse with a diagnostic, never a crash."""
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    pick = st.sampled_from
    if key == "repeat":
        return pick(EDGE_RULES if hostile else VALID_RULES)
    if key in ("start", "due", "by") or (key == "launch" and len(path) > 1):
        return pick([*EDGE_OFFSETS, *EDGE_DATES] if hostile else VALID_OFFSETS)
    if key in ("duration", "lag", "within"):
        return pick(EDGE_SPANS if hostile else VALID_SPANS)
    if isinstance(value, dt.date):
        return pick(EDGE_DATES if hostile else VALID_DATES)
    if isinstance(value, bool):
        return pick(["yes", 1, None] if hostile else [not value])
    if isinstance(value, int | float):
        return pick(EDGE_NUMBERS if hostile else VALID_NUMBERS)
    if isinstance(value, str) and hostile:
        return st.one_of(
            pick(HOSTILE_TEXT),
            st.builds(lambda extra: value + extra, pick(["\n", "\x0b", "\u202e", " ", "\x1b"])),
        )
    if isinstance(value, str):
        return pick(EDGE_TEXT)
    return odd_values


def _order(path: tuple[Any, ...]) -> int:
    """Values whose change keeps the playbook valid first; ids and references after them."""
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    if path == ("launchkit",):
        return 3
    if key in ("id", "after", "owner", "phase", "metric", "task", "of", "briefing_task"):
        return 2
    return 0 if key in _WIDE else 1


_WIDE = {"title", "description", "name", "q", "a", "reason", "evidence", "subject", "email",
         "sms", "app_name", "signed_by", "due", "start", "by", "duration", "lag", "repeat", "at",
         "launch", "min", "max", "equals", "employees", "until", "done_on", "closed", "champions"}  # fmt: skip


@st.composite
def perturbed_data(draw: st.DrawFn) -> tuple[dict[str, Any], tuple[Any, ...]]:
    """A valid playbook with exactly one value changed, and the path of that value.

    Seven cases in ten change a value to another the model accepts (an edge of its kind: a
    plan reaching decades, a rule of 1,000 days, text that breaks naive writers), so that they
    reach schedule, check, export and render; the rest give a value the model must refuse.
    """
    data = draw(playbook_data())
    hostile = draw(st.integers(0, 9)) >= 7
    leaves = sorted(_leaves(data), key=_order)
    if not hostile:  # a valid change to an id would break the references to it
        leaves = [p for p in leaves if _order(p) < 2] or leaves
    path = draw(st.sampled_from(leaves))
    parent = _parent(data, path)
    old = parent[path[-1]]
    if hostile and draw(st.booleans()):
        parent[path[-1]] = draw(odd_values)  # another kind of value altogether
    else:
        parent[path[-1]] = draw(_edge_for(path, old, hostile))
    return data, path


def metrics_texts(data: dict[str, Any]) -> st.SearchStrategy[tuple[str, str]]:
    """(file name, text) of a metrics file giving values for the playbook's metrics."""
    names_ = list(data.get("metrics") or {}) or ["m"]
    value = st.one_of(
        st.integers(-5, 200).map(str),
        st.sampled_from(
            ["93%", "yes", "no", "nan", "inf", "1e999", "", "most", "\x1b[1m", "1_000"]
        ),
    )
    csv = st.lists(st.tuples(st.sampled_from(names_), value), min_size=1, max_size=4).map(
        lambda rows: "metric,value\n" + "".join(f"{n},{v}\n" for n, v in rows)
    )
    history = st.lists(st.tuples(days, st.sampled_from(names_), value), min_size=1, max_size=4).map(
        lambda rows: "date,metric,value\n" + "".join(f"{d},{n},{v}\n" for d, n, v in rows)
    )
    mapping = st.dictionaries(
        st.sampled_from(names_),
        st.one_of(st.integers(-5, 200), st.booleans(), st.sampled_from([".nan", "word"])),
    ).map(lambda m: "".join(f"{k}: {v}\n" for k, v in m.items()) or "{}\n")
    return st.one_of(
        csv.map(lambda t: ("metrics.csv", t)),
        history.map(lambda t: ("history.csv", t)),
        mapping.map(lambda t: ("metrics.yaml", t)),
    )
