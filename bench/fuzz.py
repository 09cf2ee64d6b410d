"""The long fuzz run: every command on thousands of generated playbooks, summed up.

    python bench/fuzz.py --examples 100      # about 5,700 command runs
    python bench/fuzz.py --examples 1750     # about 100,000 command runs

It runs `tests/test_fuzz.py` under the long profile (LAUNCHKIT_FUZZ=long) in a child pytest,
with every command run logged (LAUNCHKIT_FUZZ_STATS), then prints the number of runs, the exit
codes, the slowest runs and the child's peak memory. The commands run in-process, so the peak
resident set size of the whole child bounds that of every single command. Exit 1 when a target
is missed: an exit code 3 or a traceback (the tests fail then), a run over 5 s, or over 500 MB.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_SECONDS, MAX_MB = 5.0, 500


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100, help="examples per fuzz test")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        stats = Path(tmp) / "stats.jsonl"
        env = dict(os.environ, LAUNCHKIT_FUZZ="long", LAUNCHKIT_FUZZ_STATS=str(stats))
        env["LAUNCHKIT_FUZZ_EXAMPLES"] = str(args.examples)
        began = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_fuzz.py"],
            cwd=ROOT,
            env=env,
            check=False,
        )
        wall = time.monotonic() - began
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        runs = [json.loads(line) for line in stats.read_text(encoding="utf-8").splitlines()]
    exits = collections.Counter(r["exit"] for r in runs)
    slow = sorted(runs, key=lambda r: r["seconds"], reverse=True)
    over = [r for r in runs if r["seconds"] > MAX_SECONDS]
    per = collections.defaultdict(list)
    for r in runs:
        per[r["command"]].append(r["seconds"])
    print(f"command runs: {len(runs):,} in {wall:,.0f} s (pytest exit {done.returncode})")
    print("exit codes: " + ", ".join(f"{k}: {v:,}" for k, v in sorted(exits.items())))
    print(f"slowest: {slow[0]['seconds']:.2f} s ({slow[0]['command']})" if slow else "no runs")
    print(f"over {MAX_SECONDS:.0f} s: {len(over)}; peak memory of the whole run: {peak_mb:,.0f} MB")
    for command, times in sorted(per.items()):
        times.sort()
        median = times[len(times) // 2]
        print(f"  {command:9} {len(times):6,} runs, median {median:.3f} s, max {times[-1]:.2f} s")
    missed = done.returncode != 0 or exits.get(3, 0) or over or peak_mb > MAX_MB
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
