"""Time the loader on generated input: a large valid playbook, an alias bomb, deep nesting.

    python bench/bench_load.py [--tasks 10000]

Prints one line per case with the best of three runs. Tests never assert times (a shared CI
machine makes them flaky); this script is where speed is watched.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from launchkit.diagnostics import LaunchkitError
from launchkit.load import load_playbook


def large_playbook(tasks: int) -> str:
    lines = ["launchkit: 1", "id: big", "title: Big launch", "launch: 2027-03-15", "tasks:"]
    for i in range(tasks):
        anchor = "    start: L-10bd" if i % 10 == 0 else f"    after: [t{i - 1}]"
        lines += [f"  - id: t{i}", f"    title: Task number {i}", anchor, "    duration: 2bd"]
    return "\n".join(lines) + "\n"


def alias_bomb(levels: int = 12) -> str:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def deep(depth: int = 200_000) -> str:
    return "launchkit: 1\nvars: " + "[" * depth + "]" * depth + "\n"


def best_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with contextlib.suppress(LaunchkitError):
            action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = {
            f"valid playbook, {args.tasks} tasks": large_playbook(args.tasks),
            "alias bomb, 9**12 values": alias_bomb(),
            "200,000 nested brackets": deep(),
        }
        load_playbook(Path(__file__).parents[1] / "playbooks" / "starter" / "en.yaml")  # imports
        for name, text in cases.items():
            path = Path(tmp) / "launch.yaml"
            path.write_text(text, encoding="utf-8")
            seconds = best_of(3, lambda p=path: load_playbook(p))
            print(f"{name:32} {len(text):>10,} bytes  {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
