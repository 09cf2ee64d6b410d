"""`launchkit export` end to end: golden files for a Hebrew and an Italian playbook, read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import pytest
import recurring_ical_events

from export_support import mermaid_reads
from launchkit.load import load_playbook, resolve_playbook
from launchkit.outputs.export import EXPORTERS, ExportFormat
from launchkit.resources import builtin_playbooks
from launchkit.schedule import Plan, schedule

DATA = Path(__file__).parent / "data" / "export"
CASES = sorted(p.name for p in DATA.iterdir() if (p / "launch.yaml").is_file())
EPOCH = "1800000000"  # 2027-01-15T08:00:00Z, the DTSTAMP of the golden files
FLAGS = {"ics": ["--ics", "--alarm", "1d"], "csv": ["--csv"], "md": ["--mermaid", "--markdown"]}

Cli = Callable[..., Any]


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


# Every export is read back for the golden cases and for every built-in playbook, dated from
# one launch day (built-ins may leave `launch:` out).
SOURCES = [str(DATA / case / "launch.yaml") for case in CASES] + sorted(builtin_playbooks())
LAUNCH = "2027-03-01"


def plan_of(source: str) -> Plan:
    path, shown = resolve_playbook(source)
    return schedule(load_playbook(path, shown), dt.date.fromisoformat(LAUNCH))


def test_every_format_has_an_exporter() -> None:
    assert set(EXPORTERS) == set(ExportFormat)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("kind", sorted(FLAGS))
def test_golden(cli: Cli, golden: Callable[[str, str], None], case: str, kind: str) -> None:
    r = cli("export", str(DATA / case / "launch.yaml"), *FLAGS[kind])
    assert (r.exit_code, r.stderr) == (0, "")
    golden(f"export/{case}/plan.{kind}", r.stdout)


@pytest.mark.parametrize("source", SOURCES)
def test_ics_occurrences_are_the_plan(cli: Cli, source: str) -> None:
    plan = plan_of(source)
    zone = zoneinfo.ZoneInfo(plan.timezone)
    text = cli("export", source, "--ics", "--launch", LAUNCH).stdout
    cal = icalendar.Calendar.from_ical(text)
    got: dict[str, list[object]] = {}
    for e in recurring_ical_events.of(cal).between(dt.date(2000, 1, 1), dt.date(2100, 1, 1)):
        got.setdefault(str(e["UID"]), []).append(e["DTSTART"].dt)
    want: dict[str, list[object]] = {}
    for t in plan.tasks:
        days = sorted({t.start, *t.occurrences})
        want[f"{t.id}@{plan.playbook.id}"] = [
            d if t.at is None else dt.datetime.combine(d, t.at, tzinfo=zone) for d in days
        ]
    assert {uid: sorted(v) for uid, v in got.items()} == want  # type: ignore[type-var]


@pytest.mark.parametrize("source", SOURCES)
def test_csv_rows_are_the_plan(cli: Cli, source: str) -> None:
    plan = plan_of(source)
    text = cli("export", source, "--csv", "--launch", LAUNCH).stdout
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    want = [
        (t.id, d.isoformat())
        for t in plan.tasks
        for d in (sorted({t.start, *t.occurrences}) if t.task.repeat else [t.start])
    ]
    assert [(r["id"], r["start"]) for r in rows] == want


@pytest.mark.parametrize("source", SOURCES)
def test_mermaid_parser_reads_the_plan(cli: Cli, source: str) -> None:
    plan = plan_of(source)
    text = cli("export", source, "--mermaid", "--launch", LAUNCH).stdout
    read = mermaid_reads(text)
    assert read["title"] == plan.playbook.title
    got = sorted((t["text"], t["start"]) for t in read["tasks"])
    want = sorted(
        (t.title, d.isoformat()) for t in plan.tasks for d in sorted({t.start, *t.occurrences})
    )
    assert got == want


def test_writing_again_over_the_same_file(
    cli: Cli, tmp_path: Path, write: Callable[..., Path]
) -> None:
    source = (DATA / "it" / "launch.yaml").read_text(encoding="utf-8")
    playbook = write(source)
    out = tmp_path / "plan.ics"
    assert cli("export", str(playbook), "--ics", "-o", str(out)).exit_code == 0
    first = out.read_bytes()
    assert cli("export", str(playbook), "--ics", "-o", str(out)).exit_code == 0
    assert out.read_bytes() == first
    write(source.replace("start: 2027-06-02", "start: 2027-06-07"))
    assert cli("export", str(playbook), "--ics", "-o", str(out)).exit_code == 0
    events = {
        str(e["UID"]): e for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    }
    assert events["festa@advocacy-it"]["SEQUENCE"] == 1
    assert events["festa@advocacy-it"]["DTSTART"].dt == dt.date(2027, 6, 7)
    assert events["lancio@advocacy-it"]["SEQUENCE"] == 0


def test_launch_option_moves_the_plan(cli: Cli) -> None:
    r = cli("export", str(DATA / "it" / "launch.yaml"), "--csv", "--launch", "2027-09-13")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(r.stdout.removeprefix("\ufeff")))}
    assert rows["lancio"]["start"] == "2027-09-13"


def test_owner_and_site_filters(cli: Cli) -> None:
    path = str(DATA / "he" / "launch.yaml")
    r = cli("export", path, "--csv", "--owner", "hr")
    ids = [row["id"] for row in csv.DictReader(io.StringIO(r.stdout.removeprefix("\ufeff")))]
    assert ids == ["champions-ready@haifa", "champions-ready@tel-aviv"]
    r = cli("export", path, "--csv", "--owner", "hr", "--site", "haifa")
    ids = [row["id"] for row in csv.DictReader(io.StringIO(r.stdout.removeprefix("\ufeff")))]
    assert ids == ["champions-ready@haifa"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "choose exactly one of --ics, --csv or --mermaid"),
        (["--ics", "--csv"], "choose exactly one of --ics, --csv or --mermaid"),
        (["--csv", "--markdown"], "--markdown goes with --mermaid"),
        (["--csv", "--alarm", "1d"], "--alarm goes with --ics"),
        (["--ics", "--alarm", "soon"], "'soon' is not a reminder time such as 1d, 2h, 30m or 1w"),
        (["--csv", "--launch", "next week"], "'next week' is not a date such as 2027-01-10"),
        (
            ["--csv", "--owner", "sponsr"],
            "no role 'sponsr' in the playbook (did you mean 'sponsor'?)",
        ),
        (["--csv", "--site", "napoli"], "no site 'napoli' in the playbook (sites: milano, roma)"),
    ],
)
def test_usage_errors(cli: Cli, write: Callable[..., Path], args: list[str], message: str) -> None:
    playbook = write((DATA / "it" / "launch.yaml").read_text(encoding="utf-8"))
    r = cli("export", str(playbook), *args)
    assert r.exit_code == 2
    assert message in " ".join(r.stderr.replace("│", " ").split())
    assert r.stdout == ""


def test_refuses_to_overwrite_a_file_it_did_not_write(cli: Cli, write: Callable[..., Path]) -> None:
    playbook = write((DATA / "it" / "launch.yaml").read_text(encoding="utf-8"))
    other = write("BEGIN:VCALENDAR\nPRODID:-//Other//EN\nEND:VCALENDAR\n", "team.ics")
    r = cli("export", str(playbook), "--ics", "-o", str(other))
    assert r.exit_code == 2
    assert r.stderr == (
        f"{other}:1:1: error: an iCalendar file that launchkit export did not write; "
        "refusing to overwrite it (--force replaces it) [not-an-export]\n"
    )
    assert other.read_bytes() == b"BEGIN:VCALENDAR\nPRODID:-//Other//EN\nEND:VCALENDAR\n"
