"""The long fuzz run: every command on thousands of generated playbooks, summed up.

    python bench/fuzz.py --examples 100                # about 5,700 command runs
    python bench/fuzz.py --examples 875 --jobs 2       # about 100,000 command runs, 2 cores

It runs `tests/test_fuzz.py` under the long profile (LAUNCHKIT_FUZZ=long) in child pytests
(one per job, each with its own random seed and `--examples` per fuzz test), with every command
run logged (LAUNCHKIT_FUZZ_STATS), then prints the number of runs, the exit codes, the slowest
runs and the largest peak memory of a child. The commands run in-process, so a child's peak
resident set size bounds that of every single command it ran. Exit 1 when a target is missed:
an exit code 3 or a traceback (the tests fail then), a run over 5 s, or over 500 MB.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_SECONDS, MAX_MB = 5.0, 500


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100, help="examples per fuzz test and job")
    parser.add_argument("--jobs", type=int, default=1, help="child pytests run side by side")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        began = time.monotonic()
        children = []
        for job in range(args.jobs):
            stats = Path(tmp) / f"stats-{job}.jsonl"
            stats.touch()
            env = dict(os.environ, LAUNCHKIT_FUZZ="long", LAUNCHKIT_FUZZ_STATS=str(stats))
            env["LAUNCHKIT_FUZZ_EXAMPLES"] = str(args.examples)
            # -n 0: one process per job, whose peak memory is that of the commands it ran
            command = [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider"]
            # a seed per job, so that the jobs try different cases
            command += [f"--hypothesis-seed={random.randrange(2**32)}", "tests/test_fuzz.py"]
            children.append((subprocess.Popen(command, cwd=ROOT, env=env), stats))
        returncodes, peaks = [], []
        for child, _ in children:
            # wait4 gives each child's own peak, where RUSAGE_CHILDREN gives only the largest
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            returncodes.append(child.returncode)
            peaks.append(usage.ru_maxrss / 1024)
        wall = time.monotonic() - began
        runs = [
            json.loads(line)
            for _, stats in children
            for line in stats.read_text(encoding="utf-8").splitlines()
        ]
    peak_mb = max(peaks)
    exits = collections.Counter(r["exit"] for r in runs)
    slow = sorted(runs, key=lambda r: r["seconds"], reverse=True)
    over = [r for r in runs if r["seconds"] > MAX_SECONDS]
    per = collections.defaultdict(list)
    for r in runs:
        per[r["command"]].append(r["seconds"])
    print(
        f"command runs: {len(runs):,} in {wall:,.0f} s, {args.jobs} job(s) (pytest exits {returncodes})"
    )
    print("exit codes: " + ", ".join(f"{k}: {v:,}" for k, v in sorted(exits.items())))
    print(f"slowest: {slow[0]['seconds']:.2f} s ({slow[0]['command']})" if slow else "no runs")
    print(f"over {MAX_SECONDS:.0f} s: {len(over)}; largest peak memory of a job: {peak_mb:,.0f} MB")
    for command, times in sorted(per.items()):
        times.sort()
        median = times[len(times) // 2]
        print(f"  {command:9} {len(times):6,} runs, median {median:.3f} s, max {times[-1]:.2f} s")
    missed = any(returncodes) or exits.get(3, 0) or over or peak_mb > MAX_MB
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
