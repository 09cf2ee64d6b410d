"""CSV export, read back with Python's csv module."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from export_support import sample_plan
from launchkit.outputs.export import ExportOptions
from launchkit.outputs.export.csv import COLUMNS, export_csv
from launchkit.outputs.spreadsheet import neutralise
from launchkit.schedule import Plan


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    return sample_plan(tmp_path)


def rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_one_row_per_task_and_occurrence(plan: Plan) -> None:
    table = rows(export_csv(plan, ExportOptions()))
    assert list(table[0]) == list(COLUMNS)
    assert [(r["id"], r["occurrence"], r["start"], r["end"]) for r in table] == [
        ("manager-briefing", "", "2026-12-27", "2026-12-27"),
        ("teasers", "", "2026-12-28", "2027-01-03"),
        ("content-meeting", "1", "2027-01-17", "2027-01-17"),
        ("content-meeting", "2", "2027-02-17", "2027-02-17"),
        ("content-meeting", "3", "2027-03-17", "2027-03-17"),
        ("contest", "", "2027-01-10", "2027-01-10"),
        ("weekly-digest", "1", "2027-01-10", "2027-01-10"),
        ("weekly-digest", "2", "2027-01-17", "2027-01-17"),
        ("weekly-digest", "3", "2027-01-25", "2027-01-25"),
        ("weekly-digest", "4", "2027-01-31", "2027-01-31"),
        ("champions-ready@haifa", "", "2027-01-07", "2027-01-07"),
        ("champions-ready@rome", "", "2027-01-08", "2027-01-08"),
        ("go-live", "", "2027-01-10", "2027-01-10"),
    ]


def test_cells_carry_the_plan(plan: Plan) -> None:
    table = {r["id"] + r["occurrence"]: r for r in rows(export_csv(plan, ExportOptions()))}
    briefing = table["manager-briefing"]
    assert briefing["title"] == "Brief managers: agenda, Q&A; then #feedback 🎉"
    assert (briefing["owner"], briefing["owner_name"], briefing["owner_email"]) == (
        "sponsor",
        "דנה לוי",
        "dana@example.com",
    )
    assert (briefing["critical"], briefing["slack_bd"], briefing["source"]) == (
        "true",
        "0",
        "S3.2 S3.3",
    )
    assert table["teasers"]["after"] == "manager-briefing"
    assert table["content-meeting2"]["at"] == "10:00"
    assert table["weekly-digest3"]["moved"] == "moved from 2027-01-24, closed"
    assert table["weekly-digest2"]["moved"] == ""
    assert table["champions-ready@rome"]["slack_bd"] == "-1"  # a number, not a formula
    assert table["champions-ready@rome"]["site"] == "rome"


def test_formulas_are_neutralised(plan: Plan) -> None:
    table = {r["id"]: r for r in rows(export_csv(plan, ExportOptions()))}
    assert table["teasers"]["title"] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+2", "'=1+2"),
        ("+1 555", "'+1 555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-2", "-2"),
        ("+3.5", "+3.5"),
        ("Q&A = fun", "Q&A = fun"),
        ("", ""),
    ],
)
def test_neutralise(cell: str, safe: str) -> None:
    assert neutralise(cell) == safe


def test_filters(plan: Plan) -> None:
    ids = {r["id"] for r in rows(export_csv(plan, ExportOptions(owner="sponsor")))}
    assert ids == {"manager-briefing", "content-meeting"}
    ids = {r["id"] for r in rows(export_csv(plan, ExportOptions(site="rome")))}
    assert "champions-ready@rome" in ids
    assert "champions-ready@haifa" not in ids
