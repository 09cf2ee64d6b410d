"""Support for the export tests: a hand-built plan with exact dates, and Mermaid's own parser."""

from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import re
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from conftest import SETUP_EXPORT, require_tool
from launchkit.load import load_playbook
from launchkit.schedule import Moved, Plan, PlannedTask

D = dt.date

PLAYBOOK = """\
launchkit: 1
id: app-launch
title: "השקת האפליקציה; שלב א, 2027 🚀"
locale: he
timezone: Asia/Jerusalem
launch: 2027-01-10
calendar:
  workweek: [sun, mon, tue, wed, thu]
  holidays: [IL]
  closed: [2027-01-05]
people:
  sponsor: {name: "דנה לוי", email: dana@example.com}
  comms: {name: Avi Cohen}
sites:
  - {id: haifa, name: "מפעל חיפה", champions: [avi@example.com]}
  - {id: rome, name: Roma, calendar: {workweek: [mon, tue, wed, thu, fri], holidays: [IT]}}
phases:
  - {id: prepare, title: "לפני ההשקה: הכנות"}
  - {id: launch, title: Launch}
tasks:
  - id: manager-briefing
    title: "Brief managers: agenda, Q&A; then #feedback 🎉"
    description: "Line one, with commas; and semicolons\\nLine two: שלום"
    phase: prepare
    owner: sponsor
    start: L-10bd
    source: [S3.2, S3.3]
  - id: teasers
    title: "=HYPERLINK(\\"http://x\\")"
    phase: prepare
    owner: comms
    after: [manager-briefing]
    duration: 5bd
  - id: content-meeting
    title: Monthly content meeting
    phase: launch
    owner: sponsor
    start: L+1w
    at: "10:00"
    repeat: FREQ=MONTHLY;COUNT=3
  - id: contest
    title: Download by 13:30 for the raffle
    phase: launch
    start: L
    at: "13:30"
    status: doing
  - id: weekly-digest
    title: Weekly digest
    phase: launch
    start: L
    repeat: FREQ=WEEKLY;COUNT=4
    status: done
  - id: champions-ready
    title: Champions briefed
    phase: prepare
    per_site: true
    due: L-1bd
  - id: go-live
    title: Go live
    phase: launch
    start: L
    duration: 0bd
"""


def sample_plan(tmp: Path, text: str = PLAYBOOK) -> Plan:
    """The sample playbook with dates as a scheduler would give them (checked by hand)."""
    path = tmp / "launch.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_playbook(path, "launch.yaml")
    by_id = {t.id: t for t in loaded.playbook.tasks}

    def planned(task_id: str, start: D, end: D, **kw: object) -> PlannedTask:
        site = kw.pop("site", None)
        pid = f"{task_id}@{site}" if site else task_id
        return PlannedTask(pid, by_id[task_id], site, start, end, **kw)  # type: ignore[arg-type]

    tasks = [
        planned("manager-briefing", D(2026, 12, 27), D(2026, 12, 27), slack_bd=0),
        planned(
            "teasers",
            D(2026, 12, 28),
            D(2027, 1, 3),
            after=["manager-briefing"],
            slack_bd=0,
        ),
        planned(
            "content-meeting",
            D(2027, 1, 17),
            D(2027, 1, 17),
            occurrences=[D(2027, 1, 17), D(2027, 2, 17), D(2027, 3, 17)],
        ),
        planned("contest", D(2027, 1, 10), D(2027, 1, 10)),
        # Weekly on Sundays from L; 2027-01-24 is closed in this made-up plan and moves on.
        planned(
            "weekly-digest",
            D(2027, 1, 10),
            D(2027, 1, 10),
            occurrences=[D(2027, 1, 10), D(2027, 1, 17), D(2027, 1, 25), D(2027, 1, 31)],
            moved=[Moved("occurrence", D(2027, 1, 24), D(2027, 1, 25), "closed")],
        ),
        planned("champions-ready", D(2027, 1, 7), D(2027, 1, 7), site="haifa", slack_bd=3),
        planned(
            "champions-ready",
            D(2027, 1, 8),
            D(2027, 1, 8),
            site="rome",
            slack_bd=-1,
            moved=[Moved("due", D(2027, 1, 9), D(2027, 1, 8), "Saturday")],
        ),
        planned("go-live", D(2027, 1, 10), D(2027, 1, 10)),
    ]
    return Plan(loaded, D(2027, 1, 10), tasks, site_launch={"haifa": D(2027, 1, 10)})


SCRIPT = Path(__file__).parent / "js" / "mermaid_gantt.mjs"
# Where .ci/setup-export.sh installs the npm packages (the same variable moves both).
NODE_MODULES = (
    Path(os.environ.get("LAUNCHKIT_NODE_PREFIX", Path.home() / ".cache" / "launchkit-node"))
    / "node_modules"
)


def mermaid_reads(chart: str) -> dict[str, Any]:
    """What Mermaid's parser makes of a chart: its tasks, dates and tags, entities decoded.

    Skips the test (fails it under CI=true) where Node.js or the npm packages are missing, with
    the command that installs them.
    """
    node = require_tool("node", f"Node.js 18+ (apt-get install nodejs npm), then {SETUP_EXPORT}")
    require_tool("mermaid (npm package)", SETUP_EXPORT, found=(NODE_MODULES / "mermaid").is_dir())
    require_tool("jsdom (npm package)", SETUP_EXPORT, found=(NODE_MODULES / "jsdom").is_dir())
    result = _mermaid_process(node).read(chart)
    assert result["ok"], result.get("error")
    for task in result["tasks"]:
        task["text"] = _decode(task["text"]).strip()
        task["section"] = _decode(task["section"]).strip()
    result["title"] = _decode(result["title"]).strip()
    return result


class _Mermaid:
    """One Node process running Mermaid for the whole test run: starting it takes a second or
    two, parsing a chart a few milliseconds. Charts go in one per line as JSON strings."""

    def __init__(self, node: str) -> None:
        env = {**os.environ, "TZ": "UTC", "LAUNCHKIT_NODE_MODULES": str(NODE_MODULES)}
        env["LAUNCHKIT_MERMAID_SERVE"] = "1"
        self.process = subprocess.Popen(
            [node, str(SCRIPT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            env=env,
        )
        atexit.register(self.close)

    def read(self, chart: str) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(chart) + "\n")
        self.process.stdin.flush()
        for line in self.process.stdout:
            if line.startswith("@@mermaid "):
                result: dict[str, Any] = json.loads(line.removeprefix("@@mermaid "))
                return result
        raise AssertionError(f"Mermaid's parser stopped (exit {self.process.wait(timeout=60)})")

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=60)


@cache
def _mermaid_process(node: str) -> _Mermaid:
    return _Mermaid(node)


def _decode(text: str) -> str:
    # Mermaid keeps `#58;` as a placeholder while parsing and turns it into `:` when drawing.
    text = re.sub(r"ﬂ°°(\d+)¶ß", lambda m: chr(int(m.group(1))), text)
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), text)
