"""Mermaid export, checked by Mermaid's own parser under Node (see .ci/setup-export.sh)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from export_support import D, mermaid_reads, sample_plan
from launchkit.outputs.export import ExportOptions
from launchkit.outputs.export.mermaid import escape, export_mermaid
from launchkit.schedule import Plan, PlannedTask


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    return sample_plan(tmp_path)


def test_mermaid_reads_the_plan_as_planned(plan: Plan) -> None:
    read = mermaid_reads(export_mermaid(plan, ExportOptions()))
    assert read["type"] == "gantt"
    assert read["title"] == plan.playbook.title
    assert read["excludes"] == ["friday", "saturday", "2027-01-05"]
    got = {
        t["id"]: (t["text"], t["section"], t["start"], t["end"], t["classes"])
        for t in read["tasks"]
    }
    assert got == {
        "manager-briefing": (
            "Brief managers: agenda, Q&A; then #feedback 🎉",
            "לפני ההשקה: הכנות",
            "2026-12-27",
            "2026-12-28",
            ["crit"],
        ),
        "teasers": (
            '=HYPERLINK("http://x")',
            "לפני ההשקה: הכנות",
            "2026-12-28",
            "2027-01-04",
            ["crit"],
        ),
        "champions-ready-at-haifa": (
            "Champions briefed",
            "לפני ההשקה: הכנות",
            "2027-01-07",
            "2027-01-08",
            [],
        ),
        "champions-ready-at-rome": (
            "Champions briefed",
            "לפני ההשקה: הכנות",
            "2027-01-08",
            "2027-01-09",
            ["crit"],
        ),
        "contest": (
            "Download by 13:30 for the raffle",
            "Launch",
            "2027-01-10",
            "2027-01-10",
            ["active", "milestone"],
        ),
        "go-live": ("Go live", "Launch", "2027-01-10", "2027-01-10", ["milestone"]),
        "weekly-digest-1": ("Weekly digest", "Launch", "2027-01-10", "2027-01-11", ["done"]),
        "weekly-digest-2": ("Weekly digest", "Launch", "2027-01-17", "2027-01-18", ["done"]),
        "weekly-digest-3": ("Weekly digest", "Launch", "2027-01-25", "2027-01-26", ["done"]),
        "weekly-digest-4": ("Weekly digest", "Launch", "2027-01-31", "2027-02-01", ["done"]),
        "content-meeting-1": (
            "Monthly content meeting",
            "Launch",
            "2027-01-17",
            "2027-01-17",
            ["milestone"],
        ),
        "content-meeting-2": (
            "Monthly content meeting",
            "Launch",
            "2027-02-17",
            "2027-02-17",
            ["milestone"],
        ),
        "content-meeting-3": (
            "Monthly content meeting",
            "Launch",
            "2027-03-17",
            "2027-03-17",
            ["milestone"],
        ),
    }


HOSTILE = [
    "title Hijack the chart",
    "section Not a section",
    "excludes everything",
    "dateFormat DD-MM",
    "click me call alert()",
    "2027-01-10 kickoff",
    "%%{init: {'theme': 'forest'}}%% styled",
    "%% looks like a comment",
    "Budget: 100%; done #1 :crit, x, 2020-01-01, 1d",
    "Close the fence ``` here",
    "Q&A <b>bold</b> & more",
    "השקה: שלב ב; 🚀",
    "   spaced   out\nover lines   ",
    "accTitle: sneaky",
    "todayMarker off",
]


def test_hostile_titles_stay_titles(plan: Plan) -> None:
    base = plan.task("go-live")
    tasks = [
        PlannedTask(
            f"t{n}",
            base.task.model_copy(update={"title": title, "duration": None}),
            None,
            D(2027, 1, 3) + dt.timedelta(days=n),
            D(2027, 1, 3) + dt.timedelta(days=n),
        )
        for n, title in enumerate(HOSTILE)
    ]
    hostile = dataclasses.replace(plan, tasks=tasks, _by_id={})
    read = mermaid_reads(export_mermaid(hostile, ExportOptions()))
    assert read["title"] == plan.playbook.title
    assert read["excludes"] == ["friday", "saturday", "2027-01-05"]
    assert [t["text"] for t in read["tasks"]] == [" ".join(t.split()) for t in HOSTILE]
    assert [t["start"] for t in read["tasks"]] == [t.start.isoformat() for t in tasks]


def test_markdown_wraps_the_chart_and_adds_a_table(plan: Plan) -> None:
    text = export_mermaid(plan, ExportOptions(markdown=True))
    chart = export_mermaid(plan, ExportOptions())
    assert text.startswith(
        f"```mermaid\n{chart}```\n\n| משימה | שלב | אחראי | התחלה | סיום | סטטוס |\n"
    )
    assert (
        "| Brief managers: agenda, Q&amp;A; then #feedback 🎉 | לפני ההשקה: הכנות "
        "| דנה לוי | 2026-12-27 | 2026-12-27 | לביצוע, קריטי |"
    ) in text
    assert (
        "| Monthly content meeting | Launch | דנה לוי "
        "| 2027-01-17 10:00, 2027-02-17 10:00, 2027-03-17 10:00 |  | לביצוע |"
    ) in text
    assert text.count("```") == 2


def test_table_cells_cannot_break_the_table(plan: Plan) -> None:
    task = plan.task("go-live")
    odd = dataclasses.replace(
        task, task=task.task.model_copy(update={"title": "a | b <i>c</i>\nd"})
    )
    plan = dataclasses.replace(plan, tasks=[odd], _by_id={})
    row = export_mermaid(plan, ExportOptions(markdown=True)).splitlines()[-1]
    assert row.startswith(r"| a \| b \<i\>c\</i\> d | Launch |")


@pytest.mark.parametrize(
    ("title", "escaped"),
    [
        ("Brief: now", "Brief#58; now"),
        ("#1; x", "#35;1#59; x"),
        ("Section review", "#83;ection review"),
        ("2027-01-10 kickoff", "#50;027-01-10 kickoff"),
        ("50% off", "50#37; off"),
        ("שלום, עולם", "שלום, עולם"),
    ],
)
def test_escape(title: str, escaped: str) -> None:
    assert escape(title) == escaped
