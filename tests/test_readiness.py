"""Readiness findings at their boundary days: the day before, on and after each date."""

from __future__ import annotations

import typing

import pytest

from launchkit.diagnostics import LaunchkitError
from launchkit.model.playbook import Rule
from launchkit.readiness import check_readiness, load_metrics
from launchkit.readiness.rules import RULES
from readiness_fixtures import D, Weekdays, load, plan_of

HEAD = """\
launchkit: 1
id: pilot
title: Pilot launch
launch: 2027-03-15
"""
CAL = Weekdays()


def findings(tmp_path, body, as_of, dates=None, metrics=None, strict=False, slack=None):
    loaded = load(tmp_path, HEAD + body)
    plan = plan_of(loaded, dates or {}, slack=slack)
    report = check_readiness(plan, as_of, metrics, calendar=CAL, strict=strict)
    return report, [(str(f.severity), f.code, f.id) for f in report.findings]


METRIC_GATE = """\
gates:
  - {id: managers, title: All managers on the app, by: L-1bd, metric: managers_active_pct, min: 100}
metrics:
  managers_active_pct: 93
"""


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2027, 3, 11), [("info", "gate-unmet", "managers")]),
        (D(2027, 3, 12), [("error", "gate-unmet", "managers")]),
        (D(2027, 3, 13), [("error", "gate-unmet", "managers")]),
    ],
)
def test_unmet_gate_is_info_until_its_by_day(tmp_path, as_of, expected):
    report, found = findings(tmp_path, METRIC_GATE, as_of)
    assert found == expected
    assert report.ready is (as_of < D(2027, 3, 12))


def test_unmet_gate_message_names_value_source_and_day(tmp_path):
    report, _ = findings(tmp_path, METRIC_GATE, D(2027, 3, 12))
    f = report.findings[0]
    assert f.message == (
        "managers_active_pct is 93 (launch.yaml:8:24), needs at least 100 by 2027-03-12"
    )
    assert (f.file, f.line, f.column) == ("launch.yaml", 6, 5)
    assert f.source == "launch.yaml:8:24"


def test_not_yet_due_message_says_so(tmp_path):
    report, _ = findings(tmp_path, METRIC_GATE, D(2027, 3, 11))
    assert report.findings[0].message.endswith("by 2027-03-12 (not due yet)")


def test_met_gate_has_no_finding(tmp_path):
    report, found = findings(tmp_path, METRIC_GATE.replace("93", "100"), D(2027, 3, 20))
    assert found == []
    assert report.ready


def test_by_on_a_weekend_is_due_the_friday_before(tmp_path):
    body = METRIC_GATE.replace("L-1bd", "L-2d")  # Saturday 2027-03-13
    _, found = findings(tmp_path, body, D(2027, 3, 12))
    assert found == [("error", "gate-unmet", "managers")]


def test_gate_without_by_is_due_on_launch_day(tmp_path):
    body = METRIC_GATE.replace("by: L-1bd, ", "")
    assert findings(tmp_path, body, D(2027, 3, 14))[1] == [("info", "gate-unmet", "managers")]
    assert findings(tmp_path, body, D(2027, 3, 15))[1] == [("error", "gate-unmet", "managers")]


@pytest.mark.parametrize(
    ("as_of", "severity"),
    [(D(2027, 3, 11), "info"), (D(2027, 3, 12), "error"), (D(2027, 3, 13), "error")],
)
def test_missing_metric_is_an_error_once_due(tmp_path, as_of, severity):
    body = METRIC_GATE.replace("managers_active_pct: 93", "other: 1")
    report, found = findings(tmp_path, body, as_of)
    assert found == [(severity, "metric-missing", "managers")]
    assert "no value for managers_active_pct" in report.findings[0].message


def test_gate_severity_warning_does_not_stop_the_launch_unless_strict(tmp_path):
    body = METRIC_GATE.replace("min: 100}", "min: 100, severity: warning}")
    report, found = findings(tmp_path, body, D(2027, 3, 12))
    assert found == [("warning", "gate-unmet", "managers")]
    assert report.ready
    strict, _ = findings(tmp_path, body, D(2027, 3, 12), strict=True)
    assert not strict.ready


@pytest.mark.parametrize(
    ("gate", "value", "met"),
    [
        ("max: 5", "5", True),
        ("max: 5", "5.5", False),
        ("equals: true", "true", True),
        ("equals: true", "false", False),
        ("equals: 1", "true", False),  # yes/no is not the number 1
        ("min: 1, max: 3", "2", True),
        ("equals: green", "GREEN", True),
    ],
)
def test_thresholds(tmp_path, gate, value, met):
    body = f"gates:\n  - {{id: g, title: G, metric: m, {gate}}}\nmetrics:\n  m: {value}\n"
    if value == "GREEN":
        body = body.replace("metrics:\n  m: GREEN\n", "")
        (tmp_path / "m.yaml").write_text("m: GREEN\n")
        metrics = load_metrics(tmp_path / "m.yaml", D(2027, 3, 20))
    else:
        metrics = None
    _, found = findings(tmp_path, body, D(2027, 3, 20), metrics=metrics)
    assert (found == []) is met


def test_min_on_a_word_is_bad_input_at_the_metric(tmp_path):
    (tmp_path / "m.csv").write_text("metric,value\nm,lots\n")
    metrics = load_metrics(tmp_path / "m.csv", D(2027, 3, 20), "m.csv")
    body = "gates:\n  - {id: g, title: G, metric: m, min: 1}\n"
    with pytest.raises(LaunchkitError) as e:
        findings(tmp_path, body, D(2027, 3, 20), metrics=metrics)
    assert [d.format() for d in e.value.diagnostics] == [
        "m.csv:2:3: error: m is 'lots' but gate 'g' compares it with a number [metric-type]"
    ]


# -- waivers ---------------------------------------------------------------------------------

WAIVED = METRIC_GATE.replace(
    "min: 100}",
    "min: 100,\n     waiver: {reason: rollout slipped a week, owner: sponsor, until: 2027-03-16}}",
)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2027, 3, 15), [("info", "gate-unmet", "managers")]),
        (D(2027, 3, 16), [("info", "gate-unmet", "managers")]),
        (
            D(2027, 3, 17),
            [("error", "gate-unmet", "managers"), ("warning", "waiver-expired", "managers")],
        ),
    ],
)
def test_waiver_holds_through_until_then_the_finding_returns(tmp_path, as_of, expected):
    report, found = findings(tmp_path, WAIVED, as_of)
    assert found == expected
    first = report.findings[0]
    if as_of <= D(2027, 3, 16):
        assert first.waiver is not None
        assert first.message.endswith(
            "(waived by sponsor until 2027-03-16: rollout slipped a week)"
        )
        assert report.ready
    else:
        expired = report.findings[1]
        assert (expired.line, expired.column) == (7, 70)  # the `until` value
        assert "ran out on 2027-03-16" in expired.message


def test_expired_waiver_with_nothing_to_cover_is_info(tmp_path):
    body = WAIVED.replace("93", "100")
    _, found = findings(tmp_path, body, D(2027, 3, 17))
    assert found == [("info", "waiver-expired", "managers")]


def test_task_waiver_covers_overdue(tmp_path):
    body = (
        "tasks:\n  - id: a\n    title: A\n    start: L-5bd\n    severity: error\n"
        "    waiver: {reason: vendor late, owner: comms, until: 2027-03-12}\n"
    )
    dates = {"a": (D(2027, 3, 8), D(2027, 3, 9))}
    assert findings(tmp_path, body, D(2027, 3, 12), dates)[1] == [("info", "task-overdue", "a")]
    assert findings(tmp_path, body, D(2027, 3, 13), dates)[1] == [
        ("error", "task-overdue", "a"),
        ("warning", "waiver-expired", "a"),
    ]


# -- tasks -----------------------------------------------------------------------------------

TASK = "tasks:\n  - id: brief\n    title: Brief managers\n    start: L-10bd\n{extra}"


@pytest.mark.parametrize(
    ("as_of", "extra", "expected"),
    [
        (D(2027, 3, 4), "", []),
        (D(2027, 3, 5), "", []),
        (D(2027, 3, 6), "", [("warning", "task-overdue", "brief")]),
        (D(2027, 3, 6), "    severity: error\n", [("error", "task-overdue", "brief")]),
        (D(2027, 3, 6), "    status: done\n", []),
        (D(2027, 3, 6), "    status: skipped\n", []),
        (D(2027, 3, 6), "    status: doing\n", [("warning", "task-overdue", "brief")]),
    ],
)
def test_overdue_after_end(tmp_path, as_of, extra, expected):
    dates = {"brief": (D(2027, 3, 1), D(2027, 3, 5))}
    _, found = findings(tmp_path, TASK.format(extra=extra), as_of, dates)
    assert found == expected


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2027, 2, 28), []),
        (D(2027, 3, 1), []),
        (D(2027, 3, 2), [("warning", "task-blocked", "brief")]),
        (
            D(2027, 3, 6),
            [("warning", "task-overdue", "brief"), ("warning", "task-blocked", "brief")],
        ),
    ],
)
def test_blocked_after_start(tmp_path, as_of, expected):
    dates = {"brief": (D(2027, 3, 1), D(2027, 3, 5))}
    body = TASK.format(extra="    status: blocked\n")
    report, found = findings(tmp_path, body, as_of, dates)
    assert sorted(found) == sorted(expected)
    assert report.ready  # warnings only


def test_negative_slack_is_late_plan(tmp_path):
    dates = {"brief": (D(2027, 3, 1), D(2027, 3, 5))}
    body = TASK.format(extra="")
    report, found = findings(tmp_path, body, D(2027, 2, 1), dates, slack={"brief": -2})
    assert found == [("error", "late-plan", "brief")]
    assert report.findings[0].message == (
        "'Brief managers' ends 2027-03-05, 2 working days after its deadline 2027-03-03: "
        "the plan cannot be kept"
    )
    assert findings(tmp_path, body, D(2027, 2, 1), dates, slack={"brief": 0})[1] == []
    done = TASK.format(extra="    status: done\n")
    assert findings(tmp_path, done, D(2027, 2, 1), dates, slack={"brief": -2})[1] == []


def test_per_site_copies_are_judged_one_by_one(tmp_path):
    body = (
        "sites:\n  - {id: haifa, name: Haifa}\n  - {id: eilat, name: Eilat}\n"
        "tasks:\n  - id: ready\n    title: Champions ready\n    per_site: true\n    due: L-1bd\n"
    )
    dates = {
        "ready@haifa": (D(2027, 3, 12), D(2027, 3, 12)),
        "ready@eilat": (D(2027, 3, 1), D(2027, 3, 1)),
    }
    report, found = findings(tmp_path, body, D(2027, 3, 5), dates)
    assert found == [("warning", "task-overdue", "ready@eilat")]
    assert report.findings[0].message == (
        "'Champions ready (eilat)' was to end 2027-03-01 and is still todo"
    )


# -- rules -----------------------------------------------------------------------------------

SITES = """\
sites:
  - {id: haifa, name: Haifa plant, employees: 420, champions: [a, b, c]}
  - {id: eilat, name: Eilat, employees: 90, champions: [d]}
  - {id: lod, name: Lod, champions: []}
"""


def test_every_rule_of_the_model_is_registered():
    assert set(RULES) == set(typing.get_args(Rule))


def test_champions_per_site_names_the_short_sites(tmp_path):
    body = SITES + "gates:\n  - {id: two, title: Two per site, rule: champions_per_site, min: 2}\n"
    report, found = findings(tmp_path, body, D(2027, 3, 15))
    assert found == [("error", "gate-unmet", "two")]
    assert report.findings[0].message == (
        "2 of 3 sites have fewer than 2 champions by 2027-03-15: Eilat (eilat) has 1, Lod (lod) has 0"
    )
    assert report.findings[0].source == "launch.yaml:6:3"
    assert findings(tmp_path, body.replace("min: 2", "min: 0"), D(2027, 3, 15))[1] == []


def test_employees_per_champion(tmp_path):
    body = SITES + "gates:\n  - {id: ratio, title: Ratio, rule: employees_per_champion, max: 100}\n"
    report, found = findings(tmp_path, body, D(2027, 3, 15))
    assert found == [("error", "gate-unmet", "ratio")]
    assert report.findings[0].message == (
        "needs at most 100 employees per champion by 2027-03-15: "
        "Haifa plant (haifa) has 140 (420 employees, 3 champions); Lod (lod) gives no employee count"
    )
    met = body.replace("max: 100", "max: 140").replace(
        "{id: lod, name: Lod, champions: []}", "{id: lod, name: Lod, employees: 0}"
    )
    assert findings(tmp_path, met, D(2027, 3, 15))[1] == []


WITHIN = """\
tasks:
  - {id: invitations, title: Invitations, start: L-10bd}
  - {id: training, title: Training, start: L}
gates:
  - {id: soon, title: Training soon after invitations, rule: starts_within, task: training, of: invitations, within: 2w}
"""


@pytest.mark.parametrize(
    ("training_start", "met"),
    [(D(2027, 3, 14), True), (D(2027, 3, 15), True), (D(2027, 3, 16), False)],
)
def test_starts_within_two_weeks(tmp_path, training_start, met):
    dates = {
        "invitations": (D(2027, 2, 26), D(2027, 3, 1)),
        "training": (training_start, training_start),
    }
    report, found = findings(tmp_path, WITHIN, D(2027, 2, 1), dates)
    assert (found == []) is met
    if not met:
        assert report.findings[0].message == (
            "needs to start within 2w: training starts 2027-03-16, 15 days after invitations "
            "ends 2027-03-01 (not due yet)"
        )


def test_starts_within_working_days(tmp_path):
    body = WITHIN.replace("within: 2w", "within: 5bd")
    dates = {
        "invitations": (D(2027, 3, 1), D(2027, 3, 1)),
        "training": (D(2027, 3, 8), D(2027, 3, 8)),
    }
    assert findings(tmp_path, body, D(2027, 3, 1), dates)[1] == []
    dates["training"] = (D(2027, 3, 9), D(2027, 3, 9))
    assert findings(tmp_path, body, D(2027, 3, 1), dates)[1] == [("info", "gate-unmet", "soon")]


# -- metrics files ---------------------------------------------------------------------------


def test_file_overrides_inline_and_says_so(tmp_path):
    (tmp_path / "metrics.csv").write_text("metric,value\nmanagers_active_pct,100\n")
    metrics = load_metrics(tmp_path / "metrics.csv", D(2027, 3, 12), "metrics.csv")
    assert findings(tmp_path, METRIC_GATE, D(2027, 3, 12), metrics=metrics)[1] == []
    (tmp_path / "metrics.csv").write_text("metric,value\nmanagers_active_pct,97%\n")
    metrics = load_metrics(tmp_path / "metrics.csv", D(2027, 3, 12), "metrics.csv")
    report, _ = findings(tmp_path, METRIC_GATE, D(2027, 3, 12), metrics=metrics)
    assert report.findings[0].message.startswith("managers_active_pct is 97 (metrics.csv:2:21)")


HISTORY = """\
date,metric,value
2027-03-08,managers_active_pct,80
2027-03-10,managers_active_pct,95
2027-03-10,champions_trained,yes
2027-03-12,managers_active_pct,100
"""


@pytest.mark.parametrize(
    ("as_of", "value", "line"),
    [
        (D(2027, 3, 7), None, None),
        (D(2027, 3, 8), 80.0, 2),
        (D(2027, 3, 9), 80.0, 2),
        (D(2027, 3, 10), 95.0, 3),
        (D(2027, 3, 11), 95.0, 3),
        (D(2027, 3, 12), 100.0, 5),
    ],
)
def test_history_gives_the_value_as_of_the_day(tmp_path, as_of, value, line):
    (tmp_path / "h.csv").write_text(HISTORY)
    metrics = load_metrics(tmp_path / "h.csv", as_of, "h.csv")
    got = metrics.get("managers_active_pct")
    assert (got.value if got else None) == value
    if got:
        assert got.source == f"h.csv:{line}, as of {got.on}"


def test_history_yes_no_values(tmp_path):
    (tmp_path / "h.csv").write_text(HISTORY)
    assert load_metrics(tmp_path / "h.csv", D(2027, 3, 12))["champions_trained"].value is True


def test_yaml_and_json_metrics(tmp_path):
    (tmp_path / "m.yaml").write_text("# export\nmanagers_active_pct: 93.5\nready: true\n")
    (tmp_path / "m.json").write_text('{"managers_active_pct": 93.5,\n "ready": true}\n')
    for name in ("m.yaml", "m.json"):
        metrics = load_metrics(tmp_path / name, D(2027, 3, 12), name)
        assert metrics["managers_active_pct"].value == 93.5
        assert metrics["ready"].value is True
    assert (
        load_metrics(tmp_path / "m.json", D(2027, 3, 12), "m.json")["ready"].source == "m.json:2:11"
    )


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "m.csv",
            "metric,value\nmanagers active,3\n",
            [
                "m.csv:2:1: error: 'managers active' is not a metric name: lowercase letters, digits "
                "and underscores, such as managers_active_pct [bad-name]"
            ],
        ),
        (
            "m.csv",
            "metric,value\na,1\nb\na,2\n",
            [
                "m.csv:3:1: error: expected 2 cells (metric,value), found 1 [metrics-row]",
                "m.csv:4:1: error: metric 'a' is given twice (first on line 2) [duplicate-metric]",
            ],
        ),
        (
            "m.csv",
            "name;value\n",
            [
                "m.csv:1:1: error: the first row must be the header metric,value or date,metric,value [metrics-header]"
            ],
        ),
        (
            "h.csv",
            "date,metric,value\n2027-13-01,a,1\n2027-01-02, a ,\n",
            [
                "h.csv:2:1: error: '2027-13-01' is not a date such as 2027-01-05 [bad-date]",
                "h.csv:3:16: error: metric 'a' has no value [bad-metric]",
            ],
        ),
        (
            "m.yaml",
            "a: 1\nb: [1, 2]\nBad: 3\n",
            [
                "m.yaml:2:4: error: metric 'b' needs a number, true/false or a word, not list [bad-metric]",
                "m.yaml:3:1: error: 'Bad' is not a metric name: lowercase letters, digits and "
                "underscores, such as managers_active_pct [bad-name]",
            ],
        ),
        (
            "m.yaml",
            "a: [1\n",
            ["m.yaml:2:1: error: the '[' opened on line 1 is never closed with ']' [yaml-syntax]"],
        ),
        (
            "m.yaml",
            "- 1\n",
            ["m.yaml:1:1: error: a metrics file is a mapping: name: value [not-a-mapping]"],
        ),
        (
            "m.xlsx",
            "x",
            [
                "m.xlsx:1:1: error: a metrics file is .yaml, .yml, .json (a mapping) "
                "or .csv/.txt (metric,value or date,metric,value) [metrics-kind]"
            ],
        ),
        ("gone.csv", None, ["gone.csv:1:1: error: no such file [no-such-file]"]),
    ],
)
def test_bad_metrics_files_point_at_the_cell(tmp_path, name, text, expected):
    if text is not None:
        (tmp_path / name).write_text(text)
    with pytest.raises(LaunchkitError) as e:
        load_metrics(tmp_path / name, D(2027, 3, 12), name)
    assert [d.format() for d in e.value.diagnostics] == expected


def test_quoted_csv_cells(tmp_path):
    (tmp_path / "m.csv").write_text('metric,value\n"status","on, track"\n')
    mv = load_metrics(tmp_path / "m.csv", D(2027, 3, 12))["status"]
    assert (mv.value, mv.column) == ("on, track", 10)
