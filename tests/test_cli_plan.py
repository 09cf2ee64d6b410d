"""`launchkit plan` end to end: formats, filters, golden files, and bad options."""

from __future__ import annotations

import csv
import io
import json

import pytest

from launchkit.outputs.plan import FORMATTERS, PlanFormat

PLAYBOOKS = ("he", "it")


@pytest.mark.parametrize("name", PLAYBOOKS)
@pytest.mark.parametrize("fmt", list(PlanFormat))
def test_golden(cli, golden, name, fmt):
    r = cli("plan", f"tests/data/plan/{name}.yaml", "--format", fmt.value)
    assert r.exit_code == 0, r.stderr
    golden(f"plan/{name}.{fmt.value}" + (".txt" if fmt is PlanFormat.text else ""), r.stdout)


def test_every_format_has_a_formatter():
    assert set(FORMATTERS) == set(PlanFormat)


def test_json_keeps_the_contract_key_order(cli):
    doc = json.loads(cli("plan", "tests/data/plan/it.yaml", "-f", "json").stdout)
    assert list(doc)[:5] == ["launchkit", "playbook", "launch", "timezone", "tasks"]
    contract = "id title phase owner site start end at after status critical slack_bd occurrences"
    for task in doc["tasks"]:
        assert list(task)[:13] == contract.split()
    contest = next(t for t in doc["tasks"] if t["id"] == "contest")
    assert contest["moved"] == [
        {
            "what": "start",
            "from": "2027-04-25",
            "to": "2027-04-26",
            "reason": "Anniversario della Liberazione",
        }
    ]
    assert doc["sites"] == [
        {"id": "roma", "launch": "2027-04-26"},
        {"id": "madrid", "launch": "2027-04-27"},
    ]


def test_csv_disarms_formulas(cli):
    rows = list(
        csv.DictReader(io.StringIO(cli("plan", "tests/data/plan/it.yaml", "-f", "csv").stdout))
    )
    assert rows[3]["id"] == "posters@roma"
    assert rows[3]["title"] == "'=Poster con QR code"


def test_launch_option_moves_the_plan(cli):
    r = cli("plan", "tests/data/plan/it.yaml", "-f", "json", "--launch", "2027-05-10")
    doc = json.loads(r.stdout)
    assert doc["launch"] == "2027-05-10"
    assert next(t for t in doc["tasks"] if t["id"] == "launch-day")["start"] == "2027-05-10"


def test_site_and_owner_filters(cli):
    ids = lambda *opts: [  # noqa: E731
        t["id"]
        for t in json.loads(cli("plan", "tests/data/plan/it.yaml", "-f", "json", *opts).stdout)[
            "tasks"
        ]
    ]
    assert ids("--site", "madrid") == [
        "kickoff",
        "manager-briefing",
        "teasers",
        "posters@madrid",
        "champions@madrid",
        "launch-day",
        "contest",
        "check-in",
    ]
    assert ids("--owner", "sponsor") == ["kickoff", "manager-briefing", "check-in"]
    assert ids("--site", "roma", "--owner", "comms") == ["teasers", "posters@roma", "launch-day"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--site", "rome"), "'rome' is not a site of this playbook (did you mean 'roma'?)"),
        (("--owner", "boss"), "'boss' is not a role in people of this playbook"),
        (("--launch", "2027-13-01"), "'2027-13-01' is not a date such as 2027-01-10"),
    ],
)
def test_bad_options_exit_2_with_a_clear_message(cli, args, message):
    r = cli("plan", "tests/data/plan/it.yaml", *args)
    assert r.exit_code == 2
    assert message in " ".join(r.stderr.replace("│", " ").split())


def test_no_launch_and_cycles_exit_2_with_positions(cli, write):
    path = write("launchkit: 1\nid: x\ntitle: X\ntasks:\n  - {id: a, title: A, start: L}\n")
    r = cli("plan", str(path))
    assert r.exit_code == 2
    assert r.stderr == (
        f"{path}:1:1: error: the playbook has no launch day: add `launch: YYYY-MM-DD` "
        "or give --launch [no-launch]\n"
    )
    path = write(
        "launchkit: 1\nid: x\ntitle: X\nlaunch: 2027-01-10\ntasks:\n"
        "  - {id: a, title: A, after: [b]}\n  - {id: b, title: B, after: [a]}\n"
    )
    r = cli("plan", str(path))
    assert r.exit_code == 2
    assert r.stderr == (
        f"{path}:7:31: error: these tasks wait for each other in a circle, so none can start: "
        "a -> b -> a; remove one of these after: links [after-cycle]\n"
    )


def test_output_file(cli, tmp_path):
    out = tmp_path / "plan.json"
    r = cli("plan", "starter", "-f", "json", "-o", str(out))
    assert (r.exit_code, r.stdout) == (0, "")
    assert json.loads(out.read_text(encoding="utf-8"))["playbook"] == "starter"


def test_text_marks_critical_late_and_moved(cli):
    out = cli("plan", "tests/data/plan/he.yaml").stdout.replace("\u200e", "")
    lines = out.splitlines()
    assert lines[1] == "השקה: L = יום שלישי, 12 באוקטובר 2027"
    assert any(line.startswith("!  late-review") for line in lines)
    assert any(line.startswith("*  teasers") for line in lines)
    assert "הוזז מ־יום א׳, 3.10, ראש השנה" in " ".join(out.split())


@pytest.mark.parametrize("width", [80, 100, 120])
def test_text_fits_the_width_it_is_given(width):
    from launchkit.load import load_playbook
    from launchkit.outputs.plan import format_text
    from launchkit.schedule import schedule

    text = format_text(schedule(load_playbook("tests/data/plan/it.yaml")), width=width)
    assert max(len(line) for line in text.splitlines()) <= width
    if width != 100:  # the Gantt's launch-day mark, when there is room
        assert ("┆" in text) is (width >= 120)
