"""Forecasts of metric gates: hand-checked fits, the choice between a straight line and a
saturating curve, too few points, and `check` warning before a gate is due."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from launchkit.readiness.forecast import Point, forecast

D = dt.date.fromisoformat


def points(*rows: tuple[str, float]) -> list[Point]:
    return [Point(D(day), value, n) for n, (day, value) in enumerate(rows, start=2)]


# 41, 78, 92 a week apart: adoption slowing as it nears everyone. Worked by hand: the log-odds
# line is z = -0.288 + 0.2004·x (x in days from Jan 18); on Feb 4 (x = 17) z = 3.119, so 95.8%;
# its residual error is 0.185, and with t = 3.078 (one degree of freedom) the 80% band on z is
# ±0.876, so 90.4% to 98.2%. The straight line, 44.8 + 3.64·x, would say 106.8 and "on track".
SLOWING = points(("2027-01-18", 41), ("2027-01-25", 78), ("2027-02-01", 92))


def test_a_slowing_adoption_takes_the_saturating_curve_where_the_line_overshoots() -> None:
    ahead = forecast("managers_active_pct", SLOWING, D("2027-02-04"), 100)
    assert ahead is not None
    assert ahead.model == "saturating"
    assert round(ahead.value, 1) == 95.8
    assert (round(ahead.low, 1), round(ahead.high, 1)) == (90.4, 98.2)
    # It counts as reaching 100 at 99.5%: z = 5.293 at x = 27.9, so Feb 15.
    assert ahead.crossing == D("2027-02-15")


def test_a_count_takes_a_straight_line() -> None:
    # 0, 4, 11 items: not a percentage, so only the line: 11/2·x/7 - 0.5, i.e. 13.5 on Feb 3.
    items = points(("2027-01-18", 0), ("2027-01-25", 4), ("2027-02-01", 11))
    ahead = forecast("launch_week_items_loaded", items, D("2027-02-03"), 12)
    assert ahead is not None and ahead.model == "line"
    assert round(ahead.value, 2) == round(-0.5 + 5.5 / 7 * 16, 2)
    assert ahead.low < ahead.value < ahead.high
    # 12 = -0.5 + 0.7857·x at x = 15.9: Feb 3.
    assert ahead.crossing == D("2027-02-03")


def test_a_steady_line_through_exact_points_has_no_band() -> None:
    exact = points(("2027-01-01", 10), ("2027-01-02", 20), ("2027-01-03", 30), ("2027-01-04", 40))
    ahead = forecast("tickets", exact, D("2027-01-06"), 100)
    assert ahead is not None
    assert (ahead.value, ahead.low, ahead.high) == pytest.approx((60, 60, 60))
    assert ahead.crossing == D("2027-01-10")


def test_a_falling_metric_meets_a_max_gate() -> None:
    falling = points(("2027-01-01", 50), ("2027-01-08", 40), ("2027-01-15", 30))
    ahead = forecast("open_tickets", falling, D("2027-01-29"), 15, rising=False)
    assert ahead is not None and round(ahead.value) == 10
    assert ahead.crossing == D("2027-01-26")  # 50 - 10/7·x = 15 at x = 24.5
    assert forecast("open_tickets", falling, D("2027-01-29"), 15, rising=True).crossing is None  # type: ignore[union-attr]


@pytest.mark.parametrize("count", [0, 1, 2])
def test_too_few_points_give_no_forecast(count: int) -> None:
    assert forecast("x_pct", SLOWING[:count], D("2027-02-04"), 100) is None


PLAYBOOK = """\
launchkit: 1
id: forecasts
title: Forecast test
launch: 2027-02-07
calendar: {workweek: [sun, mon, tue, wed, thu]}
tasks:
  - {id: go, title: Go live, start: L}
gates:
  - {id: managers-on-app, title: Managers use the app, by: 2027-02-04, metric: managers_active_pct, min: 100}
  - {id: items, title: Launch week content loaded, by: 2027-02-04, metric: items_loaded, min: 10}
  - {id: downloads, title: Downloads, by: L+5bd, metric: downloads_pct, min: 60}
"""

HISTORY = """\
date,metric,value
2027-01-18,managers_active_pct,41
2027-01-18,items_loaded,0
2027-01-18,downloads_pct,0
2027-01-25,managers_active_pct,78
2027-01-25,items_loaded,4
2027-02-01,managers_active_pct,92
2027-02-01,items_loaded,11
"""


def run_check(cli: Callable[..., Any], tmp_path: Path, as_of: str) -> dict[str, Any]:
    (tmp_path / "launch.yaml").write_text(PLAYBOOK, encoding="utf-8")
    (tmp_path / "history.csv").write_text(HISTORY, encoding="utf-8")
    r = cli(
        "check", str(tmp_path / "launch.yaml"), "--metrics", str(tmp_path / "history.csv"),
        "--as-of", as_of, "--format", "json",
    )  # fmt: skip
    assert r.exit_code in (0, 1), r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_check_warns_before_the_gate_is_due(cli: Callable[..., Any], tmp_path: Path) -> None:
    report = run_check(cli, tmp_path, "2027-02-02")
    by_code = {(f["code"], f["id"]): f for f in report["findings"]}
    miss = by_code[("forecast-miss", "managers-on-app")]
    assert miss["severity"] == "warning"
    assert miss["message"] == (
        "managers_active_pct is projected at 96 (90–98) on 2027-02-04, needs at least 100 "
        "(a saturating curve through 3 values); on this trend it reaches 100 on 2027-02-15"
    )
    on_track = by_code[("forecast", "items")]
    assert on_track["severity"] == "info"
    assert on_track["message"].startswith("items_loaded is projected at 13 (")
    assert "(a straight line through 3 values)" in on_track["message"]
    too_few = by_code[("forecast", "downloads")]
    assert too_few["message"] == (
        "downloads_pct has 1 dated value up to 2027-02-02; a forecast needs at least 3"
    )


@pytest.mark.parametrize(
    ("locale", "miss", "short"),
    [
        (
            "it",
            "La previsione per managers_active_pct è 96 (90–98) il 4 feb 2027, deve essere almeno "
            "100 (una curva di saturazione su 3 valori); con questo andamento arriva a 100 il "
            "15 feb 2027",
            "downloads_pct ha 1 valore datato fino al 2 feb 2027; una previsione ne richiede "
            "almeno 3",
        ),
        (
            "he",
            "התחזית למדד managers_active_pct היא 96 (90–98) ב־4 בפבר׳ 2027, ונדרש לפחות 100 "
            "(עקומת רוויה דרך 3 ערכים); במגמה הזו המדד מגיע ל־100 ב־15 בפבר׳ 2027",
            "למדד downloads_pct יש 1 ערך מתוארך עד 2 בפבר׳ 2027; לתחזית נדרשים לפחות 3",
        ),
    ],
)
def test_the_text_report_says_forecasts_in_the_playbooks_language(
    cli: Callable[..., Any], tmp_path: Path, locale: str, miss: str, short: str
) -> None:
    (tmp_path / "launch.yaml").write_text(
        PLAYBOOK.replace("launchkit: 1\n", f"launchkit: 1\nlocale: {locale}\n"), encoding="utf-8"
    )
    (tmp_path / "history.csv").write_text(HISTORY, encoding="utf-8")
    argv = ["check", str(tmp_path / "launch.yaml"), "--as-of", "2027-02-02"]
    r = cli(*argv, "--metrics", str(tmp_path / "history.csv"))
    assert miss in r.stdout
    assert short in r.stdout
    # the machine formats keep the English message
    j = cli(*argv, "--metrics", str(tmp_path / "history.csv"), "--format", "json")
    assert "is projected at 96 (90–98) on 2027-02-04" in j.stdout


def test_no_forecast_once_the_gate_is_due_nor_without_a_history(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    report = run_check(cli, tmp_path, "2027-02-05")
    codes = {(f["code"], f["id"]) for f in report["findings"]}
    assert ("forecast-miss", "managers-on-app") not in codes
    assert ("gate-unmet", "managers-on-app") in codes
    (tmp_path / "now.csv").write_text("metric,value\nmanagers_active_pct,92\n", encoding="utf-8")
    r = cli(
        "check", str(tmp_path / "launch.yaml"), "--metrics", str(tmp_path / "now.csv"),
        "--as-of", "2027-02-02", "--format", "json",
    )  # fmt: skip
    assert not [f for f in json.loads(r.stdout)["findings"] if f["code"].startswith("forecast")]


def test_strict_counts_a_forecast_miss(cli: Callable[..., Any], tmp_path: Path) -> None:
    run_check(cli, tmp_path, "2027-02-02")
    r = cli(
        "check", str(tmp_path / "launch.yaml"), "--metrics", str(tmp_path / "history.csv"),
        "--as-of", "2027-02-02", "--strict",
    )  # fmt: skip
    assert r.exit_code == 1
    assert "forecast-miss" in r.stdout


def test_status_shows_where_each_gate_is_heading(cli: Callable[..., Any], tmp_path: Path) -> None:
    run_check(cli, tmp_path, "2027-02-02")
    r = cli(
        "status", str(tmp_path / "launch.yaml"), "--metrics", str(tmp_path / "history.csv"),
        "--as-of", "2027-02-02",
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.split("Forecasts\n")[1].splitlines()
    assert lines[0].split() == [
        "managers-on-app", "Thu,", "2/4", "96", "(90–98),", "needs", "100;", "reached", "on",
        "Mon,", "2/15",
    ]  # fmt: skip
    assert "too little history to forecast" in r.stdout.split("downloads")[-1]


@pytest.mark.parametrize("huge", [1e308, -1e308, 1e200])
def test_values_too_large_to_square_give_no_forecast_not_a_crash(huge: float) -> None:
    rows = points(("2027-01-01", 1), ("2027-01-08", huge), ("2027-01-15", 3))
    assert forecast("managers_active_pct", rows, D("2027-01-29"), 100) is None
    assert forecast("tickets", rows, D("2027-01-29"), 100) is None


def test_check_with_a_huge_metric_in_the_history(cli: Callable[..., Any], tmp_path: Path) -> None:
    (tmp_path / "launch.yaml").write_text(PLAYBOOK, encoding="utf-8")
    history = HISTORY.replace(
        "2027-01-25,managers_active_pct,78", "2027-01-25,managers_active_pct,1e308"
    )
    (tmp_path / "history.csv").write_text(history, encoding="utf-8")
    r = cli(
        "check", str(tmp_path / "launch.yaml"), "--metrics", str(tmp_path / "history.csv"),
        "--as-of", "2027-02-02", "--format", "json",
    )  # fmt: skip
    assert r.exit_code in (0, 1), r.stderr
    found = {(f["code"], f["id"]) for f in json.loads(r.stdout)["findings"]}
    assert ("forecast-miss", "managers-on-app") not in found
