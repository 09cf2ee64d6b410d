"""`launchkit plan` in a real terminal (a pseudo-terminal of 80 and 120 columns): every task id
whole, every column present, nothing past the right edge, in Hebrew, Turkish, Italian and English.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import struct
import subprocess
import sys
import termios

import pytest

ANSI = re.compile(r"\x1b\[[0-9;]*m")
MARKS = dict.fromkeys(map(ord, "\u200e\u200f"))
PLAYBOOKS = ["app-launch.he", "advocacy-60-day.tr", "advocacy-60-day.it", "app-launch"]
HEADINGS = {
    "he": ["משימה", "אחראי", "התחלה", "סיום", "מרווח"],
    "tr": ["Görev", "Sorumlu", "Başlangıç", "Bitiş", "Zaman payı"],
    "it": ["Attività", "Responsabile", "Inizio", "Fine", "Margine"],
    "en": ["Task", "Owner", "Start", "End", "Slack"],
}


def in_terminal(args: list[str], columns: int, tmp_path, **env: str) -> str:
    """What `launchkit ARGS` prints on a terminal `columns` wide, without colour codes."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    environ.update(TERM="xterm-256color", LAUNCHKIT_CACHE_DIR=str(tmp_path / "cache"), **env)
    process = subprocess.Popen(
        [sys.executable, "-m", "launchkit", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environ,
        close_fds=True,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other side has closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=120) == 0
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    return ANSI.sub("", text)


def _ids(name: str) -> list[str]:
    from typer.testing import CliRunner

    from launchkit.cli import app

    result = CliRunner().invoke(app, ["plan", name, "--format", "json"])
    return [t["id"] for t in json.loads(result.stdout)["tasks"]]


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("name", PLAYBOOKS)
def test_plan_in_a_terminal_keeps_ids_whole_and_every_column(name, columns, tmp_path):
    out = in_terminal(["plan", name, "--bidi", "logical"], columns, tmp_path)
    lines = [line.translate(MARKS) for line in out.splitlines()]
    table = lines
    assert all(len(line) <= columns for line in table), max(table, key=len)
    words = {w for line in lines for w in line.split()}
    missing = [i for i in _ids(name) if i not in words]
    assert missing == []  # each id whole, as one word on one line
    language = name.rsplit(".", 1)[1] if "." in name else "en"
    headers = [line for line in lines if all(h in line for h in HEADINGS[language])]
    assert headers, f"no line has every column heading: {HEADINGS[language]}"


def test_visual_order_turns_hebrew_for_terminals_without_bidi(tmp_path):
    from bidi.algorithm import get_display

    out = in_terminal(["plan", "app-launch.he", "--bidi", "visual"], 120, tmp_path)
    title = "השקת אפליקציית העובדים שלנו"
    assert get_display(title, base_dir="R") in out
    assert title not in out
    assert "confirm-sponsor" in out  # ids stay as typed


def test_auto_order_is_visual_in_tmux_and_logical_in_vte(tmp_path):
    title = "השקת אפליקציית העובדים שלנו"
    assert title not in in_terminal(["plan", "app-launch.he"], 120, tmp_path, TMUX="/tmp/x,1,0")
    vte = in_terminal(["plan", "app-launch.he"], 120, tmp_path, VTE_VERSION="7200")
    assert title in vte


def test_no_color_raw_output_has_no_escape_codes(tmp_path):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 100, 0, 0))
    env = {**os.environ, "NO_COLOR": "1", "LAUNCHKIT_CACHE_DIR": str(tmp_path)}
    for command in (["plan", "app-launch"], ["status", "app-launch"], ["check", "app-launch"]):
        process = subprocess.Popen(
            [sys.executable, "-m", "launchkit", *command],
            stdin=slave,
            stdout=slave,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        process.wait(timeout=120)
    os.close(slave)
    raw = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        raw += chunk
    os.close(master)
    assert raw and b"\x1b[" not in raw


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize(
    ("name", "as_of"),
    [
        ("app-launch.he", "2027-01-11"),
        ("advocacy-60-day.tr", "2027-03-20"),
        ("app-launch", "2027-03-01"),
    ],
)
def test_status_in_a_terminal_keeps_ids_whole(name, as_of, columns, tmp_path):
    import datetime as dt

    from launchkit.cli.common import load
    from launchkit.outputs.status import summarize
    from launchkit.schedule import schedule

    status = summarize(schedule(load(name)), dt.date.fromisoformat(as_of))
    out = in_terminal(["status", name, "--as-of", as_of], columns, tmp_path)
    lines = [line.translate(MARKS) for line in out.splitlines()]
    assert all(len(line) <= columns for line in lines[2:]), max(lines[2:], key=len)
    words = {w for line in lines for w in line.split()}
    assert [i.id for i in status.overdue + status.due if i.id not in words] == []


def test_status_in_visual_order_for_terminals_without_bidi(tmp_path):
    from bidi.algorithm import get_display

    out = in_terminal(["status", "app-launch.he", "--as-of", "2026-12-10"], 80, tmp_path, TMUX="x")
    assert get_display("באיחור (4)", base_dir="R") in out
    assert "confirm-sponsor" in out
    assert all(len(line) <= 80 for line in out.splitlines())
