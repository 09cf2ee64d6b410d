"""`launchkit render` end to end: the folder it writes, what it lists, warnings and bad input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from render_plans import DATA

ALL = [
    "checklist.md", "checklist.html", "deck.html", "deck.md",
    "teasers/email-signature.html", "teasers/email-signature.txt", "teasers/poster.html",
    "teasers/tv.html", "teasers/notice-board.html", "teasers/intranet.txt",
    "invitations/email.txt", "invitations/email.html", "invitations/sms.txt",
    "timeline.svg", "timeline.html",
    "calendar.html", "calendar/2027-03.svg", "calendar/2027-04.svg", "calendar/2027-05.svg",
    "calendar/london.html", "calendar/leeds.html",
]  # fmt: skip


def test_render_writes_and_lists_every_document(cli: Callable[..., Any], tmp_path: Path) -> None:
    out = tmp_path / "docs"
    r = cli("render", str(DATA / "en.yaml"), "-o", str(out))
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout.splitlines() == [str(out / name) for name in ALL]
    assert all((out / name).is_file() for name in ALL)


@pytest.mark.parametrize("lang", ["en", "he"])
def test_render_through_the_scheduler_writes_the_golden_files(
    cli: Callable[..., Any], tmp_path: Path, lang: str
) -> None:
    r = cli("render", str(DATA / f"{lang}.yaml"), "-o", str(tmp_path))
    assert r.exit_code == 0
    for line in r.stdout.splitlines():
        name = Path(line).relative_to(tmp_path)
        expected = DATA / "golden" / lang / name
        assert Path(line).read_text(encoding="utf-8") == expected.read_text(encoding="utf-8"), name


def test_launch_option_moves_every_date(cli: Callable[..., Any], tmp_path: Path) -> None:
    r = cli("render", str(DATA / "en.yaml"), "-o", str(tmp_path), "--only", "checklist",
            "--launch", "2027-06-07")  # fmt: skip
    assert r.exit_code == 0
    checklist = (tmp_path / "checklist.md").read_text(encoding="utf-8")
    assert "Launch day: **Monday, June 7, 2027**" in checklist
    # Ten working days back, over the spring bank holiday of 31 May.
    assert "**Brief the managers in person** · May 21, 2027 10:00" in checklist


def test_only_some_documents(cli: Callable[..., Any], tmp_path: Path) -> None:
    r = cli("render", str(DATA / "en.yaml"), "-o", str(tmp_path), "--only", "timeline,deck")
    assert r.exit_code == 0
    assert r.stdout.splitlines() == [
        str(tmp_path / n) for n in ("deck.html", "deck.md", "timeline.svg", "timeline.html")
    ]


def test_unknown_document_is_a_usage_error(cli: Callable[..., Any], tmp_path: Path) -> None:
    r = cli("render", str(DATA / "en.yaml"), "-o", str(tmp_path), "--only", "decks")
    assert r.exit_code == 2
    assert "'decks' is not a document (did you mean 'deck'?)" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_long_sms_warns_but_succeeds(cli: Callable[..., Any], tmp_path: Path) -> None:
    r = cli("render", str(DATA / "he.yaml"), "-o", str(tmp_path), "--only", "invitations")
    assert r.exit_code == 0
    assert r.stderr.endswith(
        "he.yaml:64:10: warning: the SMS invitation is 121 UCS-2 characters and goes out as "
        "2 segments (one segment holds 70) [sms-segments]\n"
    )


def test_unsafe_user_template_is_bad_input(cli: Callable[..., Any], tmp_path: Path) -> None:
    mine = tmp_path / "mine" / "deck"
    mine.mkdir(parents=True)
    (mine / "deck.md.j2").write_text("{{ ''.__class__.__mro__ }}\n", encoding="utf-8")
    out = tmp_path / "out"
    r = cli(
        "render", str(DATA / "en.yaml"), "-o", str(out), "--only", "deck",
        "--templates", str(tmp_path / "mine"),
    )  # fmt: skip
    assert r.exit_code == 2
    assert "deck.md.j2:1:1: error: access to attribute '__class__'" in r.stderr
    assert not out.exists()


def test_unknown_briefing_task_points_at_its_line(
    cli: Callable[..., Any], write: Callable[..., Path], tmp_path: Path
) -> None:
    text = (
        (DATA / "en.yaml")
        .read_text(encoding="utf-8")
        .replace("  app_name: Connect", "  app_name: Connect\n  briefing_task: kickoff")
    )
    r = cli("render", str(write(text)), "-o", str(tmp_path / "out"), "--only", "deck")
    assert r.exit_code == 2
    assert r.stderr.endswith(
        ":65:18: error: briefing_task names 'kickoff', which is not a task [unknown-task]\n"
    )


def test_an_output_folder_that_cannot_be_made_is_bad_input_not_a_crash(cli, tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("a file where the folder should go", encoding="utf-8")
    r = cli("render", "starter", "--only", "checklist", "-o", str(blocker / "docs"))
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{blocker / 'docs' / 'checklist.md'}:1:1: error: cannot write")
    assert r.stderr.rstrip().endswith("[cannot-write]")


def test_a_yes_no_gate_shows_its_target_as_a_tick_not_python_true(cli, tmp_path):
    r = cli("render", "app-launch", "--only", "deck", "-o", str(tmp_path))
    assert r.exit_code == 0, r.stderr
    deck = (tmp_path / "deck.md").read_text(encoding="utf-8")
    assert "| The all-company chat group is deleted | Mar 12, 2027 | ✓ | ✗ |" in deck
    assert "True" not in deck
