"""How long `launchkit advise` takes over a 60-day range, on every built-in playbook.

    python bench/advise.py            # median of 5 runs each, as a Markdown table
    python bench/advise.py --runs 9

Each run is the real `launchkit` script in a fresh process (start-up included, as a user waits
for it), with LAUNCHKIT_TODAY fixed so that every run judges the same days.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

RANGE_DAYS = 60


def launchkit() -> list[str]:
    beside = Path(sys.executable).with_name("launchkit")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("launchkit")
    return [found] if found else [sys.executable, "-m", "launchkit"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cmd = launchkit()
    env = {**os.environ, "LAUNCHKIT_TODAY": "2026-06-01"}
    listing = subprocess.run(
        [*cmd, "playbooks", "--format", "json"], capture_output=True, text=True, check=True
    )
    rows = []
    for entry in json.loads(listing.stdout)["playbooks"]:
        names = [
            entry["id"] if lang == "en" else f"{entry['id']}.{lang}" for lang in entry["languages"]
        ]
        for name in names:
            plan = subprocess.run(
                [*cmd, "plan", name, "--format", "json"], capture_output=True, text=True, env=env
            )
            if plan.returncode != 0:
                continue
            launch = dt.date.fromisoformat(json.loads(plan.stdout)["launch"])
            first = launch - dt.timedelta(days=RANGE_DAYS // 2)
            last = first + dt.timedelta(days=RANGE_DAYS - 1)
            argv = [*cmd, "advise", name, "--between", first.isoformat(), last.isoformat()]
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                subprocess.run(argv, capture_output=True, env=env, check=True)
                times.append(time.perf_counter() - start)
            rows.append((name, statistics.median(times)))
    print(f"| playbook ({RANGE_DAYS}-day range) | seconds (median of {args.runs}) |")
    print("|---|---:|")
    for name, seconds in rows:
        print(f"| `{name}` | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
