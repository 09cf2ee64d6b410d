"""Careless or hostile input (issue 15): never a wrong verdict, never a crash, exit 2 in bounded time.

Each case here is one kind of input that once passed validation and broke something later, or
made `check` say "ready" when it was not.
"""

from __future__ import annotations

import pytest

BASE = """launchkit: 1
id: hostile
title: Hostile input
launch: 2027-03-01
people:
  comms: {name: Dana, email: dana@example.com}
sites:
  - {id: haifa, name: Haifa}
phases:
  - {id: prep, title: Preparation}
tasks:
  - id: brief
    title: Brief the managers
    phase: prep
    owner: comms
    due: L-5bd
    at: "10:00"
    channels: [email]
    source: [S3.2]
  - id: ready
    title: Champions ready
    per_site: true
    after: [brief]
gates:
  - {id: managers, title: Managers on the app, metric: managers_active_pct, min: 100}
metrics:
  managers_active_pct: 50
"""


# --- A wrong verdict ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("m.csv", "metric,value\nmanagers_active_pct,nan\n"),
        ("m.csv", "metric,value\nmanagers_active_pct,NaN%\n"),
        ("m.csv", "metric,value\nmanagers_active_pct,inf\n"),
        ("m.csv", "metric,value\nmanagers_active_pct,1e999\n"),
        ("h.csv", "date,metric,value\n2027-01-01,managers_active_pct,-inf\n"),
        ("m.yaml", "managers_active_pct: .nan\n"),
        ("m.yaml", "managers_active_pct: .inf\n"),
        ("m.yaml", "managers_active_pct: " + "9" * 400 + "\n"),
    ],
)
def test_a_metric_that_is_not_a_finite_number_is_refused(write, cli, tmp_path, name, text):
    playbook = write(BASE)
    metrics = tmp_path / name
    metrics.write_text(text, encoding="utf-8")
    r = cli("check", str(playbook), "--metrics", str(metrics), "--as-of", "2027-03-05")
    assert r.exit_code == 2, r.stdout
    line = 1 if name.endswith(".yaml") else 2
    assert r.stderr.startswith(f"{metrics}:{line}:"), r.stderr
    assert r.stderr.rstrip().endswith("[bad-metric]"), r.stderr


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_an_inline_metric_that_is_not_finite_is_refused(write, cli, value):
    path = write(BASE.replace("managers_active_pct: 50", f"managers_active_pct: {value}"))
    r = cli("check", str(path), "--as-of", "2027-03-05")
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{path}:27:24: error:"), r.stderr
    assert "[bad-metric]" in r.stderr


@pytest.mark.parametrize("field", ["min", "max", "equals"])
def test_a_threshold_that_is_not_finite_is_refused(write, cli, field):
    path = write(BASE.replace("min: 100", f"{field}: .nan"))
    r = cli("validate", str(path))
    assert r.exit_code == 2
    assert "is not a finite number" in r.stderr


def test_no_value_that_cannot_be_ordered_meets_a_gate():
    # Every source refuses NaN; should one get through, it is an error or an unmet gate.
    import datetime as dt

    from launchkit.diagnostics import LaunchkitError
    from launchkit.model import Gate
    from launchkit.readiness.gates import _compare
    from launchkit.readiness.metrics import MetricValue

    nan = MetricValue(float("nan"), "m.csv", 2, 1)
    for gate in [
        Gate(id="g", title="g", metric="m", min=100),
        Gate(id="g", title="g", metric="m", max=100),
        Gate(id="g", title="g", metric="m", equals=100),
    ]:
        try:
            assert not _compare(gate, nan, dt.date(2027, 3, 1)).met
        except LaunchkitError as e:
            assert e.diagnostics[0].code == "metric-type"


# --- Validation holes ---------------------------------------------------------------------


def _data() -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(BASE)


def _dump(data: dict) -> str:
    """JSON (which is YAML) with dates as text, so that any character can be written escaped."""
    import json

    return json.dumps(data, default=str)


def _set(data: dict, path: tuple, value: object) -> dict:
    *parents, last = path
    node = data
    for part in parents:
        node = node.setdefault(part, {}) if isinstance(node, dict) else node[part]
    node[last] = value
    return data


# Every value that a pattern checks, with a valid value for it. A trailing line break must be
# refused: `$` in `re.match` once let "sam@example.com\n" through, then the export crashed.
PATTERNED = [
    (("id",), "hostile"),
    (("tasks", 0, "id"), "brief"),
    (("tasks", 0, "phase"), "prep"),
    (("tasks", 0, "owner"), "comms"),
    (("tasks", 1, "after", 0), "brief"),
    (("tasks", 0, "channels", 0), "email"),
    (("tasks", 0, "source", 0), "S3.2"),
    (("sites", 0, "id"), "haifa"),
    (("gates", 0, "id"), "managers"),
    (("gates", 0, "metric"), "managers_active_pct"),
    (("people", "comms", "email"), "dana@example.com"),
    (("documents", "email_from"), "dana@example.com"),
    (("documents", "download_url"), "https://example.com/app"),
    (("documents", "briefing_task"), "brief"),
]
# Values parsed into dates, times and lengths: the line break may be read past (the value kept
# is a date or a time, which cannot hold one) or refused, but never kept.
PARSED = [
    (("tasks", 0, "due"), "L-5bd"),
    (("tasks", 0, "at"), "10:00"),
    (("tasks", 1, "duration"), "2bd"),
    (("tasks", 0, "repeat"), "FREQ=WEEKLY;COUNT=2"),
    (("launch",), "2027-03-01"),
    (("timezone",), "Europe/Rome"),
    (("calendar", "holidays"), ["IT"]),
]


@pytest.mark.parametrize(("path", "good"), PATTERNED, ids=lambda v: ".".join(map(str, v)))
def test_a_trailing_line_break_is_refused_in_every_patterned_field(path, good):

    from launchkit.diagnostics import LaunchkitError
    from launchkit.load import load_playbook_text

    load_playbook_text(_dump(_set(_data(), path, good)), "p.yaml")  # the value itself is fine
    for bad in (good + "\n", good + "\r\n", good + "\n\n", "\n" + good):
        with pytest.raises(LaunchkitError) as e:
            load_playbook_text(_dump(_set(_data(), path, bad)), "p.yaml")
        assert e.value.diagnostics, bad


@pytest.mark.parametrize(("path", "good"), PARSED, ids=lambda v: ".".join(map(str, v)))
def test_a_trailing_line_break_never_reaches_a_parsed_value(path, good, tmp_path, cli):

    if isinstance(good, list):
        bad: object = [good[0] + "\n"]
    else:
        bad = good + "\n"
    path_ = tmp_path / "p.yaml"
    path_.write_text(_dump(_set(_data(), path, bad)), encoding="utf-8")
    r = cli("export", str(path_), "--ics")
    assert r.exit_code in (0, 2), r.stderr
    if r.exit_code == 0:
        assert "\r\n\r\n" not in r.stdout


@pytest.mark.parametrize(
    "address",
    [
        "q@example.com?bcc=someone%40example.org",
        "Dana <dana@example.com>",
        "dana@example.com, sam@example.com",
        "dana@example.com\n",
        "dana @example.com",
        "mailto:dana@example.com",
    ],
)
def test_an_email_field_holds_one_address_and_nothing_else(write, cli, address):

    path = write(_dump(_set(_data(), ("people", "comms", "email"), address)))
    r = cli("validate", str(path))
    assert r.exit_code == 2
    assert "[bad-email]" in r.stderr


@pytest.mark.parametrize("char", ["\x0b", "\x1b", "\x0c", "\r", "\x00", "\x7f", "\x85", "\x9b"])
@pytest.mark.parametrize(
    "path",
    [
        ("title",),
        ("tasks", 0, "title"),
        ("tasks", 0, "description"),
        ("people", "comms", "name"),
        ("sites", 0, "name"),
        ("gates", 0, "title"),
        ("documents", "faq"),
        ("documents", "teasers", "poster"),
        ("vars", "app_name"),
    ],
    ids=lambda v: ".".join(map(str, v)),
)
def test_control_characters_are_refused_in_every_text(write, cli, char, path):

    value: object = f"Print posters {char}now"
    if path[-1] == "faq":
        value = [{"q": "Why?", "a": value}]
    path_ = write(_dump(_set(_data(), path, value)))
    r = cli("validate", str(path_))
    assert r.exit_code == 2, r.stdout
    assert r.stderr.rstrip().endswith("[bad-character]"), r.stderr
    assert f"U+{ord(char):04X}" in r.stderr


def test_tab_and_line_feed_stay_allowed_in_text(write, cli):

    path = write(_dump(_set(_data(), ("tasks", 0, "description"), "one\ttwo\nthree")))
    assert cli("validate", str(path)).exit_code == 0


# --- Writers of XML, SVG and HTML are safe on their own -------------------------------------


def test_xml_safe_replaces_every_character_xml_forbids():
    from launchkit.outputs.xmltext import REPLACEMENT, xml_safe

    assert (
        xml_safe("a\x1b[1mb\x00c\x0bd\x85e\ufffe")
        == "a" + REPLACEMENT + "[1mb" + "".join(REPLACEMENT + c for c in "cde") + REPLACEMENT
    )
    assert xml_safe("tab\tline\nשלום 🚀") == "tab\tline\nשלום 🚀"


def test_junit_stays_well_formed_with_a_control_character_in_a_metric(write, cli, tmp_path):
    import xml.etree.ElementTree as ET

    path = write(BASE.replace("min: 100", "equals: live"))
    metrics = tmp_path / "m.csv"
    metrics.write_text("metric,value\nmanagers_active_pct,\x1b[1mnow\x1b[0m\n", encoding="utf-8")
    r = cli("check", str(path), "--metrics", str(metrics), "--as-of", "2027-03-05", "-f", "junit")
    assert r.exit_code == 1
    ET.fromstring(r.stdout.split("\n", 1)[1])  # parses: no raw 0x1B left


# --- User templates are bounded -------------------------------------------------------------

TEMPLATES = [
    ('{{ "a" * 1000000000 }}', "template-too-large"),
    ("{{ range(10**9)|list }}", "template-too-large"),
    ("{{ range(10**30)|list }}", "template-too-large"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}", "template-unsafe"),
    ('{{ "x"|center(1000000000) }}', "template-too-large"),
    ('{{ "x".ljust(1000000000) }}', "template-too-large"),
    ('{{ "%1000000000s" % "x" }}', "template-too-large"),
    ('{{ "%*s" % (1000000000, "x") }}', "template-too-large"),
    ('{{ "{:>1000000000}".format(1) }}', "template-too-large"),
    ("{{ 7 ** 999999999 }}", "template-too-large"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
     "template-too-large"),
    ('{% set a = "a" * 3000000 %}{% for i in range(40) %}{{ a }}{% endfor %}',
     "template-too-large"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "code"), TEMPLATES)
def test_a_user_template_is_bounded_in_work_and_size(cli, tmp_path, source, code):
    folder = tmp_path / "templates" / "checklist"
    folder.mkdir(parents=True)
    template = folder / "checklist.md.j2"
    template.write_text("# Checklist\n" + source + "\n", encoding="utf-8")
    r = cli(
        "render", "starter", "--templates", str(tmp_path / "templates"), "-o", str(tmp_path / "out")
    )
    assert r.exit_code == 2, r.stderr
    errors = [line for line in r.stderr.splitlines() if ": error: " in line]
    assert errors == [errors[0]] and errors[0].startswith(f"{template}:2:1: error: "), r.stderr
    assert errors[0].endswith(f"[{code}]")
    assert not (tmp_path / "out" / "checklist.md").exists()


def test_a_user_template_within_the_limits_renders(cli, tmp_path):
    folder = tmp_path / "templates" / "checklist"
    folder.mkdir(parents=True)
    (folder / "checklist.md.j2").write_text(
        '{{ "%s|%s" % ("a", 3) }} {{ "{}".format(tasks|length) }} {{ range(3)|list }} '
        '{{ "-" * 10 }} {{ 2 ** 10 }}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    r = cli("render", "starter", "--templates", str(tmp_path / "templates"), "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert (out / "checklist.md").read_text(encoding="utf-8") == (
        "a|3 3 [0, 1, 2] ---------- 1024\n"
    )


# --- Repeat rules -----------------------------------------------------------------------------

RULE_TASK = """launchkit: 1
id: rules
title: Rules
launch: 2027-03-01
tasks:
  - id: stand-up
    title: Stand-up
    start: L-20bd
    repeat: "{rule}"
"""


@pytest.mark.parametrize(
    "rule", ["FREQ=WEEKLY;UNTIL=20270510T000000Z", "FREQ=WEEKLY;UNTIL=20270510T235959Z"]
)
def test_a_utc_until_is_accepted_by_every_command(write, cli, tmp_path, rule):
    path = write(RULE_TASK.format(rule=rule))
    for argv in (
        ["validate", str(path)],
        ["plan", str(path), "-f", "json"],
        ["check", str(path), "--as-of", "2027-01-04"],
        ["export", str(path), "--ics"],
        ["render", str(path), "-o", str(tmp_path / "out")],
    ):
        r = cli(*argv)
        assert r.exit_code == 0, (argv, r.stderr)


@pytest.mark.parametrize(
    ("rule", "named"),
    [
        ("FREQ=WEEKLY;UNTL=20270510", "'UNTL=20270510'"),
        ("FREQ=WEEKLY;;COUNT=2", "the part ''"),
        ("FREQ=WEEKLY;COUNT", "the part 'COUNT'"),
        ("FREQ=FORTNIGHTLY;COUNT=2", "'FREQ=FORTNIGHTLY'"),
        ("FREQ=WEEKLY;BYDAY=XX;COUNT=2", "'BYDAY=XX'"),
        ("FREQ=WEEKLY;BYSETPOS=400;COUNT=2", "'BYSETPOS=400'"),
        ("FREQ=WEEKLY;UNTIL=20271340", "'UNTIL=20271340'"),
        ("FREQ=WEEKLY;UNTIL=tomorrow", "'UNTIL=TOMORROW'"),
        ("FREQ=WEEKLY;INTERVAL=0;COUNT=2", "'INTERVAL=0'"),
        ("FREQ=WEEKLY;COUNT=2;COUNT=3", "COUNT= is given twice"),
        ("FREQ=WEEKLY;COUNT=2;UNTIL=20270510", "COUNT= or UNTIL="),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=3", "BYMONTH=2;BYMONTHDAY=30"),
        ("FREQ=DAILY;BYHOUR=9;COUNT=3", "more than once a day"),
        ("COUNT=3", "FREQ="),
    ],
)
def test_every_bad_rule_message_names_the_wrong_part(write, cli, rule, named):
    path = write(RULE_TASK.format(rule=rule))
    r = cli("validate", str(path))
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{path}:9:13: error: "), r.stderr
    assert named in r.stderr and r.stderr.rstrip().endswith("[bad-rrule]"), r.stderr


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;UNTIL=99991231",
        "FREQ=WEEKLY;INTERVAL=1;UNTIL=99991231T235959Z",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=3",
        "FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31;UNTIL=99991231",
    ],
)
@pytest.mark.parametrize("command", ["plan", "check", "export", "render"])
def test_a_rule_without_bound_ends_quickly_with_exit_2(write, cli, tmp_path, rule, command):
    path = write(RULE_TASK.format(rule=rule))
    argv = {
        "plan": ["plan", str(path)],
        "check": ["check", str(path), "--as-of", "2027-01-04"],
        "export": ["export", str(path), "--ics"],
        "render": ["render", str(path), "-o", str(tmp_path / "out")],
    }[command]
    r = cli(*argv)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{path}:9:13: error: "), r.stderr
    assert r.stderr.rstrip().endswith("[bad-rrule]")


# --- Bidi controls --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "flagged"),
    [
        ("evil\u202eexe.txt", "the RLO (U+202E) at character 5 is never closed"),
        ("\u2067שלום", "the RLI (U+2067) at character 1 is never closed"),
        ("a\u202cb", "a PDF (U+202C) with no embedding or override to close"),
        ("a\u2069b", "a PDI (U+2069) with no isolate to close"),
        ("\u2066\u202ex\u2069", None),  # PDI closes the isolate and the override inside it
        ("\u202bשלום\u202c", None),
        ("השקה\u200f 2027 \u200e(ok)", None),  # marks have no extent
    ],
)
def test_unpaired_bidi_controls_are_warned_at_their_position(write, cli, title, flagged):
    path = write(_dump(_set(_data(), ("tasks", 0, "title"), title)))
    r = cli("plan", str(path))
    assert r.exit_code == 0
    warnings = [line for line in r.stderr.splitlines() if "[bidi-control]" in line]
    if flagged is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and flagged in warnings[0]
        assert warnings[0].startswith(f"{path}:1:"), warnings[0]  # the JSON is one line
        assert ": warning: " in warnings[0]


def test_validate_lists_a_bidi_warning_and_still_passes(write, cli):
    import json

    path = write(BASE.replace("title: Brief the managers", 'title: "evil\\u202eexe"'))
    r = cli("validate", str(path))
    assert r.exit_code == 0
    assert r.stderr.startswith(f"{path}:13:12: warning: ")
    doc = json.loads(cli("validate", str(path), "-f", "json").stdout)
    assert doc["valid"] and doc["files"][0]["diagnostics"][0]["code"] == "bidi-control"


@pytest.mark.parametrize("char", ["\u2028", "\u2029"])
def test_a_line_or_paragraph_separator_in_a_text_does_not_shift_later_positions(
    write, cli, tmp_path, char
):
    # an editor, and YAML 1.2, read LS and PS as characters, not line breaks
    text = BASE.replace("title: Hostile input", f"title: Hostile{char}input")
    text = text.replace("    after: [brief]", "    after: [brief, nope]")
    path = write(text)
    r = cli("validate", str(path))
    assert r.exit_code == 2
    line = text.split("\n").index("    after: [brief, nope]") + 1
    assert r.stderr.startswith(f"{path}:{line}:20: error: 'nope' is not a task"), r.stderr

    path = write(text.replace(", nope]", "]").replace("[email]", "[email, poster]"))
    r = cli("render", str(path), "-o", str(tmp_path / "docs"))
    assert r.exit_code == 0, r.stderr
    line = text.split("\n").index("    channels: [email]") + 1
    assert f"{path}:{line}:" in r.stderr, r.stderr


def test_a_separator_in_a_comment_is_part_of_the_comment(write, cli):
    # YAML 1.1 readers (libyaml among them) would end the comment there and read what follows
    text = BASE.replace("    after: [brief]", "    after: [brief]  # see\u2028below\x85too")
    path = write(text.replace("[brief]  #", "[brief, nope]  #"))
    r = cli("validate", str(path))
    line = text.split("\n").index("    after: [brief]  # see\u2028below\x85too") + 1
    assert (
        r.stderr
        == f"{path}:{line}:20: error: 'nope' is not a task of this playbook [unknown-task]\n"
    )
    assert cli("validate", str(write(text))).exit_code == 0


def test_a_raw_next_line_character_in_quotes_is_refused_not_made_a_space(write, cli):
    path = write(BASE.replace("title: Champions ready", 'title: "Champions\x85ready"'))
    r = cli("validate", str(path))
    assert r.exit_code == 2
    line = BASE.split("\n").index("    title: Champions ready") + 1
    assert r.stderr.startswith(
        f"{path}:{line}:12: error: the text holds the invisible next line U+0085"
    )


@pytest.mark.parametrize(
    ("raw", "where"), [(b"\r\x00# x\n", "2:1"), (b"id: x\r\ntitle: [a\x00\n", "2:10")]
)
def test_a_lone_carriage_return_ends_a_line_in_every_position(tmp_path, cli, raw, where):
    # found by the long fuzz run: the NUL check counted only LF
    path = tmp_path / "launch.yaml"
    path.write_bytes(raw)
    r = cli("validate", str(path))
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{path}:{where}: error: the file holds a NUL byte"), r.stderr


# --- Spans, edges of the calendar -----------------------------------------------------------

LONG = BASE.replace("    due: L-5bd\n", "    due: 2120-01-01\n")


def test_a_plan_spanning_decades_is_warned_and_its_outputs_stay_small(write, cli, tmp_path):
    path = write(LONG)
    r = cli("plan", str(path))
    assert r.exit_code == 0
    assert r.stderr.startswith(f"{path}:16:10: warning: task 'brief' reaches 2120-01-01, 93 years")
    assert r.stderr.rstrip().endswith("[long-plan]")
    out = tmp_path / "out"
    assert cli("render", str(path), "-o", str(out), "--only", "timeline").exit_code == 0
    assert (out / "timeline.svg").stat().st_size < 30_000
    chart = cli("export", str(path), "--mermaid").stdout
    assert len(chart) < 5_000


@pytest.mark.parametrize("due", ["9990-01-01", "L+99999w", "0002-01-01"])
def test_a_date_beyond_a_century_from_launch_is_refused_quickly(write, cli, due):
    path = write(BASE.replace("    due: L-5bd\n", f"    due: {due}\n"))
    r = cli("plan", str(path))
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{path}:16:10: error: task 'brief' reaches too far: ")
    assert r.stderr.rstrip().endswith("[date-range]")


@pytest.mark.parametrize("by", ["1900-03-01", "L+99999w", "0002-01-01", "9998-12-30"])
@pytest.mark.parametrize("command", ["plan", "check", "status", "render"])
def test_a_gate_due_beyond_a_century_from_launch_is_refused(write, cli, tmp_path, by, command):
    # found by the long fuzz run: check, status, the launch room and the wall calendar each
    # computed the gate's day on their own, past the calendar's reach (exit 3)
    gate = "  - {id: managers, title: Managers on the app,"
    path = write(BASE.replace(gate, f"{gate} by: {by},"))
    extra = ["-o", str(tmp_path / "out")] if command == "render" else []
    r = cli(command, str(path), *extra)
    assert r.exit_code == 2, r.stderr
    line = BASE.split("\n").index(gate + " metric: managers_active_pct, min: 100}") + 1
    assert r.stderr.startswith(f"{path}:{line}:"), r.stderr
    assert "gate 'managers' falls due too far from L: " in r.stderr
    assert r.stderr.rstrip().endswith("[date-range]")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("launch", ["9999-12-31", "0001-01-01"])
def test_a_launch_day_at_the_calendar_edge_says_how_far_the_plan_reaches(cli, launch):
    r = cli("plan", "starter", "--launch", launch)
    assert r.exit_code == 2
    assert r.stderr == (
        f"starter:3:1: error: --launch {launch} leaves no room for the plan, which reaches 19 "
        "days before L and 1 day after it, past the years a calendar holds; give a launch day "
        "from 0001-03-20 to 9998-12-16 [date-range]\n"
    )


@pytest.mark.parametrize("launch", ["0001-03-20", "9998-12-16"])
def test_every_command_works_on_the_first_and_last_launch_day_allowed(cli, tmp_path, launch):
    # The window plan gives leaves room for every reader of the plan: the wall calendar's
    # grid, the weeks around launch, advise's range; once they ran past the calendar (exit 3).
    out = tmp_path / "out"
    for args in (
        ["plan", "starter", "--launch", launch],
        ["render", "starter", "--launch", launch, "-o", str(out)],
        ["export", "starter", "--launch", launch, "--ics"],
        ["advise", "starter", "--between", launch, launch, "--as-of", launch],
        ["check", "starter", "--launch", launch, "--as-of", launch],
        ["status", "starter", "--launch", launch, "--as-of", launch],
    ):
        r = cli(*args)
        assert r.exit_code in (0, 1), (args, r.stderr)
    # a launch day that dates but leaves no margin is refused with the window, not a crash
    r = cli("render", "starter", "--launch", "0001-03-01", "-o", str(tmp_path / "o2"))
    assert r.exit_code == 2
    assert "give a launch day from 0001-03-20 to 9998-12-16 [date-range]" in r.stderr


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize("command", ["status", "check"])
def test_an_as_of_day_at_the_calendar_edge_is_a_usage_error(cli, command, day):
    r = cli(command, "starter", "--as-of", day)
    assert r.exit_code == 2
    assert "is over 100 years from launch day" in r.stderr


# --- diff --rev and the job summary ---------------------------------------------------------


def _git(folder, *args):
    import subprocess

    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(
    __import__("shutil").which("git") is None, reason="needs git (apt-get install git)"
)
def test_diff_rev_is_refused_empty_and_limited_in_size(cli, tmp_path):
    from launchkit.load.document import MAX_BYTES

    path = tmp_path / "p.yaml"
    path.write_text(BASE, encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "p.yaml")
    _git(tmp_path, "commit", "-qm", "small")
    r = cli("diff", str(path), "--rev", "")
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{path}@:1:1: error: --rev needs a revision")
    assert r.stderr.rstrip().endswith("[bad-usage]")
    path.write_bytes(b"# padding\n" * (MAX_BYTES // 10 + 1))
    _git(tmp_path, "commit", "-qam", "huge")
    path.write_text(BASE, encoding="utf-8")
    r = cli("diff", str(path), "--rev", "HEAD")
    assert r.exit_code == 2
    assert r.stderr.rstrip().endswith("[file-too-large]"), r.stderr
    assert cli("diff", str(path), "--rev", "HEAD~1").exit_code == 0


@pytest.mark.parametrize("target", ["/nonexistent/folder/x.md", "."])
def test_an_unwritable_job_summary_is_a_warning_and_the_verdict_stands(
    write, cli, monkeypatch, target
):
    path = write(BASE)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", target)
    r = cli("check", str(path), "--as-of", "2027-03-05", "-f", "json")
    assert r.exit_code == 1  # the gate needs 100, the metric is 50
    assert '"ready": false' in r.stdout
    assert r.stderr.startswith(f"{target}:1:1: warning: cannot write the job summary")
    assert r.stderr.rstrip().endswith("[summary-unwritable]")


def test_html_and_svg_never_carry_a_character_xml_forbids(cli, tmp_path):
    folder = tmp_path / "templates" / "checklist"
    folder.mkdir(parents=True)
    (folder / "checklist.html.j2").write_text(
        "<p>a\x1bb{{ '\\x0b' }}c\x00d</p>\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    r = cli("render", "starter", "--templates", str(tmp_path / "templates"), "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert (out / "checklist.html").read_text(encoding="utf-8") == (
        "<p>a\ufffdb\ufffdc\ufffdd</p>\n"
    )
    assert (out / "checklist.md").exists()  # the built-in templates still render


def test_a_site_wave_before_the_first_day_a_calendar_holds_is_bad_input(write, cli):
    # Found by the fuzz suite: a site's `launch: L-1bd` with L on 0001-01-01 crashed (exit 3).
    text = BASE.replace("launch: 2027-03-01", "launch: 0001-01-01").replace(
        "  - {id: haifa, name: Haifa}", "  - {id: haifa, name: Haifa, launch: L-1bd}"
    )
    path = write(text)
    r = cli("plan", str(path))
    assert r.exit_code == 2
    assert r.stderr.rstrip().endswith("[date-range]"), r.stderr


ADDRESSES = [
    "dana@example.com", "Dana.Cohen@Example.CO.IL", "a%b@x.com", "a+tag@x.co.uk", "_a@x.com",
    "a@x-.com", "a@-x.com", "a@x.invalid", "a@x.arpa", "a@sub.test.com", "a@x.test", "a@x.c0m",
    "a@xn--abc.com", "a@x.local", "a..b@x.com", ".a@x.com", "a.@x.com", "a@x", "a@x.c",
    "a" * 65 + "@x.com", "a@" + "b" * 64 + ".com", "a@" + ("b" * 60 + ".") * 5 + "com",
    "ünï@x.com", "a@ünï.com", "a b@x.com", "a@x.com\n", "q@example.com?bcc=x%40example.org",
    "a@x..com", "a@123.com", "a@x.123", "a!b@x.com", "a@x_y.com",
]  # fmt: skip


@pytest.mark.parametrize("address", ADDRESSES)
def test_the_fast_path_for_addresses_agrees_with_email_validator(address):
    from email_validator import EmailNotValidError, validate_email

    from launchkit.model.values import _plain_address

    try:
        validate_email(address, check_deliverability=False)
        accepted = True
    except EmailNotValidError:
        accepted = False
    if _plain_address(address):
        assert accepted, address  # the fast path never accepts what the validator refuses


def test_the_special_use_names_are_email_validators():
    from email_validator import SPECIAL_USE_DOMAIN_NAMES

    from launchkit.model.values import SPECIAL_USE_DOMAINS

    assert sorted(SPECIAL_USE_DOMAINS) == sorted(SPECIAL_USE_DOMAIN_NAMES)


def test_a_number_too_long_to_read_is_named_without_advice_for_programmers(cli, write) -> None:
    # Python refuses integers of over 4,300 digits and says to raise a limit; a playbook's
    # reader learns only that the number is too long, and the 5,000 digits are not echoed.
    path = write(f"launchkit: 1\nid: x\ntitle: X\nmetrics: {{pct: {'9' * 5000}}}\ntasks: []\n")
    r = cli("validate", str(path))
    assert r.exit_code == 2
    assert r.stderr == (
        f"{path}:4:16: error: '{'9' * 40}… (5,000 characters)' is too long a number "
        "(5,000 digits) [yaml-syntax]\n"
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_named_as_such(cli, tmp_path, encoding):
    path = tmp_path / "launch.yaml"
    path.write_bytes("launchkit: 1\nid: x\ntitle: Lancio\n".encode(encoding))
    r = cli("validate", str(path))
    assert r.exit_code == 2
    assert r.stderr == (
        f"{path}:1:1: error: the file is UTF-16 text; save it as UTF-8 (in Notepad: Save as, "
        "Encoding: UTF-8) [not-utf8]\n"
    )


@pytest.mark.parametrize(
    ("escape", "name", "code"),
    [("\\uFFFE", "noncharacter", "FFFE"), ("\\uFFFF", "noncharacter", "FFFF")],
)  # fmt: skip
def test_what_xml_cannot_hold_is_refused_in_any_text(cli, write, tmp_path, escape, name, code):
    # Found by the long fuzz run: a champion named "\uFFFE" made the editable deck (XML) fail
    # with exit 3.
    path = write(
        "launchkit: 1\nid: x\ntitle: X\nlaunch: 2027-03-01\n"
        f'sites:\n  - {{id: a, name: A, champions: [Dana, "{escape}"]}}\n'
        "tasks:\n  - {id: t, title: T, start: L}\n"
    )
    r = cli("render", str(path), "-o", str(tmp_path / "out"))
    assert r.exit_code == 2
    assert f"the text holds the invisible {name} U+{code} (character 1)" in r.stderr
    assert r.stderr.rstrip().endswith("[bad-character]")
