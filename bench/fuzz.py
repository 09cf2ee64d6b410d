"""The long fuzz run: every command on thousands of generated playbooks, summed up.

    python bench/fuzz.py --examples 100                # about 5,700 command runs
    python bench/fuzz.py --examples 900 --jobs 2       # about 100,000 command runs, 2 cores

It runs `tests/test_fuzz.py` under the long profile (LAUNCHKIT_FUZZ=long) in child pytests:
`--jobs` side by side, each running children of `--chunk` examples per fuzz test one after
another (each with its own random seed) until it has done `--examples`. Every command run is
logged (LAUNCHKIT_FUZZ_STATS) with its exit code, its time and the peak resident size of the
process during that run (Linux's VmHWM, reset before each run). It prints the number of runs,
the exit codes, the slowest runs and the largest peak. Exit 1 when a target is missed: an exit
code 3 or a traceback (the tests fail then), a run over 5 s, or over 500 MB.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
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


def _job(job: int, args: argparse.Namespace, tmp: Path) -> tuple[list[int], list[float]]:
    """One job: child pytests run one after another, `--chunk` examples each, each with its own
    seed, until the job's `--examples` are done. Returns their exit codes and peak sizes (MB)."""
    codes, peaks = [], []
    left, chunk = args.examples, 0
    while left > 0:
        examples = min(args.chunk, left)
        left -= examples
        stats = tmp / f"stats-{job}-{chunk:03d}.jsonl"
        stats.touch()
        env = dict(os.environ, LAUNCHKIT_FUZZ="long", LAUNCHKIT_FUZZ_STATS=str(stats))
        env["LAUNCHKIT_FUZZ_EXAMPLES"] = str(examples)
        # -n 0: one process per child, so that its peak is that of the commands it ran
        command = [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider"]
        command += [f"--hypothesis-seed={random.randrange(2**32)}", "tests/test_fuzz.py"]
        child = subprocess.Popen(command, cwd=ROOT, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        codes.append(child.returncode)
        peaks.append(usage.ru_maxrss / 1024)
        chunk += 1
    return codes, peaks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100, help="examples per fuzz test and job")
    parser.add_argument("--jobs", type=int, default=1, help="jobs run side by side")
    parser.add_argument(
        "--chunk", type=int, default=150, help="examples per child pytest (each starts afresh)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        began = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            done = list(pool.map(lambda job: _job(job, args, Path(tmp)), range(args.jobs)))
        wall = time.monotonic() - began
        returncodes = [code for codes, _ in done for code in codes]
        runs = [
            json.loads(line)
            for job in range(args.jobs)
            for stats in sorted(Path(tmp).glob(f"stats-{job}-*.jsonl"))
            for line in stats.read_text(encoding="utf-8").splitlines()
        ]
    child_peak = max(peak for _, peaks in done for peak in peaks)
    peaks = [r["peak_mb"] for r in runs if r.get("peak_mb") is not None]
    peak_mb = max(peaks) if peaks else child_peak
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
    print(
        f"over {MAX_SECONDS:.0f} s: {len(over)}; largest peak memory during one run: "
        f"{peak_mb:,.0f} MB (of a whole child pytest: {child_peak:,.0f} MB)"
    )
    for command, times in sorted(per.items()):
        times.sort()
        median = times[len(times) // 2]
        print(f"  {command:9} {len(times):6,} runs, median {median:.3f} s, max {times[-1]:.2f} s")
    missed = any(returncodes) or exits.get(3, 0) or over or peak_mb > MAX_MB
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
