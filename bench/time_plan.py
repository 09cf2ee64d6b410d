"""Time `launchkit plan --format json` on generated playbooks, separating load from scheduling.

python bench/time_plan.py 100 1000 10000
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate

from launchkit.load import load_playbook
from launchkit.outputs.plan import format_json
from launchkit.schedule import schedule

T = TypeVar("T")


def best_of(runs: int, fn: Callable[[], T]) -> tuple[float, T]:
    """The fastest of `runs` calls (the least disturbed by other load) and its result."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        timings.append(time.perf_counter() - start)
    return min(timings), result


def main(sizes: list[int]) -> None:
    print("| tasks | planned (with per-site copies) | links | load s | schedule s | JSON s |")
    print("|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            path = Path(folder) / f"bench-{n}.yaml"
            path.write_text(generate(n), encoding="utf-8")
            t_load, loaded = best_of(3, lambda p=path: load_playbook(p))
            t_plan, plan = best_of(3, lambda lp=loaded: schedule(lp))
            t_json, _ = best_of(3, lambda pl=plan: format_json(pl))
            links = sum(len(t.after) for t in plan.tasks)
            planned = len(plan.tasks)
            print(f"| {n} | {planned} | {links} | {t_load:.2f} | {t_plan:.2f} | {t_json:.2f} |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 10000])
