"""Benchmarks of launchkit on this machine: start-up time, large playbooks, peak memory.

    python bench/run.py                       # everything: start-up, then 100 / 1,000 / 10,000 tasks
    python bench/run.py --startup-only        # start-up only (a minute: most of it making the venv)
    python bench/run.py --startup-only --venv /tmp/lk-bench   # keep the venv for the next run
    python bench/run.py --here                # this Python's environment, as it is
    python bench/run.py --sizes 100 1000 --runs 5
    python bench/run.py --check-targets       # exit 1 when a target of bench/README.md is missed

Every figure is the median wall-clock time of repeated runs of the real command in a fresh
process, so start-up is included, as a user sees it. The command is the `launchkit` script of a
fresh virtual environment holding only launchkit (installed from this checkout, not editable) and
its dependencies, the way a user installs it: a development environment, with the test tools and
an editable install, starts slower and would flatter every ratio. `python -c pass` is run by the
same venv's Python, interleaved with the launchkit commands. `--here` measures this Python's
environment instead. Peak memory is the child's maximum resident set size as the kernel
reports it through wait4(2), the figure `/usr/bin/time -v` prints as "Maximum resident set size".

Two generated playbooks per size (bench/generate.py): `sites`, where 1% of the tasks are per
site and become one copy per site (10,000 tasks plan as about 42,000), and `flat`, with no
per-site task (10,000 tasks plan as 10,000). Both counts are printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate

AS_OF = "2027-01-03"
BUILTIN = "app-launch"

# Targets (bench/README.md): start-up ratios to `python -c pass`, seconds, growth, megabytes.
TARGET_HELP_RATIO = 8.0
TARGET_STARTUP_RATIO = 15.0  # validate / check of a built-in playbook
MIN_STARTUP_RUNS = 10
ROOT = Path(__file__).resolve().parent.parent
# The Python whose environment is measured (main() points it at the fresh venv's).
PYTHON = sys.executable
TARGET_SECONDS_10K = 2.0
TARGET_GROWTH = 12.0
TARGET_PEAK_MB = 200.0


@dataclass
class Sample:
    """The median time of repeated runs and the largest peak memory among them."""

    seconds: float
    peak_mb: float
    codes: set[int]


def launchkit_command() -> list[str]:
    """How to start launchkit: the console script beside the measured Python, else `-m`."""
    script = Path(PYTHON).with_name("launchkit")
    if script.exists():
        return [str(script)]
    return [PYTHON, "-m", "launchkit"]


def fresh_venv(folder: Path) -> str:
    """A venv at `folder` with launchkit from this checkout and its dependencies; its Python.

    An existing venv there is reused: its dependencies stay, launchkit is reinstalled from the
    checkout (not editable), so the figures are those of the code as it is now.
    """
    python = folder / "bin" / "python"
    if not python.exists():
        print(f"(making a venv with launchkit and its dependencies only, in {folder})",
              file=sys.stderr, flush=True)  # fmt: skip
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", str(ROOT)], check=True)
    else:
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "-q",
                "--no-deps",
                "--force-reinstall",
                str(ROOT),
            ],
            check=True,
        )
    return str(python)


def run_once(argv: Sequence[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """Run a command with its output discarded: (seconds, peak MB, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return seconds, usage.ru_maxrss / scale, proc.returncode


def measure(
    argv: Sequence[str], runs: int, *, before: Path | None = None, cwd: Path | None = None
) -> Sample:
    """Median time over `runs` runs; `before` names a file or folder removed before each run."""
    times, peaks, codes = [], [], set()
    for _ in range(runs):
        if before is not None:
            if before.is_dir():
                shutil.rmtree(before)
            else:
                before.unlink(missing_ok=True)
        seconds, peak, code = run_once(argv, cwd)
        times.append(seconds)
        peaks.append(peak)
        codes.add(code)
    return Sample(statistics.median(times), max(peaks), codes)


# With --floor: what the imports alone cost, to see which one sets the floor of a command.
FLOOR = [
    "import typer",
    "import pydantic",
    "import typer, pydantic",
    "import launchkit.cli",
    "import launchkit.cli, launchkit.model",
]


def startup(runs: int, floor: bool = False) -> list[tuple[str, Sample]]:
    """`python -c pass` and four launchkit commands, each run `runs` times, interleaved."""
    lk = launchkit_command()
    commands = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "launchkit --version": [*lk, "--version"],
        "launchkit --help": [*lk, "--help"],
        f"launchkit validate {BUILTIN}": [*lk, "validate", BUILTIN],
        f"launchkit check {BUILTIN} --as-of {AS_OF}": [*lk, "check", BUILTIN, "--as-of", AS_OF],
    }
    if floor:
        commands |= {f"python -c '{code}'": [PYTHON, "-c", code] for code in FLOOR}
    # Interleaving the runs spreads any burst of load on a shared machine over all commands.
    results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            results[name].append(run_once(argv))
    return [
        (
            name,
            Sample(
                statistics.median(r[0] for r in rows),
                max(r[1] for r in rows),
                {r[2] for r in rows},
            ),
        )
        for name, rows in results.items()
    ]


def has_command(name: str) -> bool:
    """Whether this launchkit has a command (`render` arrived after the others)."""
    return run_once([*launchkit_command(), name, "--help"])[2] == 0


def sized_commands(path: Path, out: Path) -> dict[str, tuple[list[str], Path]]:
    """The commands timed on each generated playbook, with the output each one replaces."""
    lk = launchkit_command()
    p = str(path)
    commands = {
        "plan --format json": ([*lk, "plan", p, "--format", "json", "-o", str(out / "plan.json")], out / "plan.json"),
        "check --format json": (
            [*lk, "check", p, "--as-of", AS_OF, "--format", "json", "-o", str(out / "check.json")],
            out / "check.json",
        ),
        # A fresh file each run: replacing an earlier export also reads it (SEQUENCE carry-over).
        "export --ics": ([*lk, "export", p, "--ics", "-o", str(out / "plan.ics")], out / "plan.ics"),
    }  # fmt: skip
    if has_command("render"):
        commands["render"] = ([*lk, "render", p, "-o", str(out / "documents")], out / "documents")
    return commands


def planned_count(path: Path, out: Path) -> int:
    """How many tasks the plan holds once per-site tasks are copied per site."""
    target = out / "count.json"
    subprocess.run(
        [*launchkit_command(), "plan", str(path), "--format", "json", "-o", str(target)],
        check=True,
    )
    # Counted in a child: a child's peak memory starts from its parent's size at fork (Linux
    # ru_maxrss), so this process stays small by never holding a large plan itself.
    count = "import json, sys; print(len(json.load(open(sys.argv[1]))['tasks']))"
    out = subprocess.run(
        [PYTHON, "-c", count, str(target)], check=True, capture_output=True, text=True
    )
    return int(out.stdout)


def fmt_seconds(s: float) -> str:
    return f"{s:.3f}" if s < 1 else f"{s:.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="runs per sized command (median)")
    parser.add_argument(
        "--startup-runs",
        type=int,
        default=15,
        help=f"runs per start-up command (>= {MIN_STARTUP_RUNS})",
    )
    parser.add_argument("--venv", type=Path, help="make or reuse the measured venv here")
    parser.add_argument("--here", action="store_true", help="measure this Python's environment")
    parser.add_argument("--floor", action="store_true", help="also time the imports alone")
    parser.add_argument("--startup-only", action="store_true")
    parser.add_argument("--no-startup", action="store_true")
    parser.add_argument("--kinds", nargs="+", choices=["sites", "flat"], default=["sites", "flat"])
    parser.add_argument("--check-targets", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    if args.startup_runs < MIN_STARTUP_RUNS:
        parser.error(f"--startup-runs: at least {MIN_STARTUP_RUNS}, or the medians mean little")
    missed: list[str] = []
    global PYTHON
    with tempfile.TemporaryDirectory(prefix="launchkit-bench-venv-") as scratch:
        if not args.here:
            PYTHON = fresh_venv(args.venv or Path(scratch) / "venv")
        return _run(args, missed)


def _run(args: argparse.Namespace, missed: list[str]) -> int:
    print(f"# launchkit benchmarks — {' '.join(launchkit_command())}")
    print(f"Python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at start\n")  # fmt: skip

    if not args.no_startup:
        rows = startup(args.startup_runs, args.floor)
        base = rows[0][1].seconds
        print(f"## Start-up (median of {args.startup_runs} runs)\n")
        print("| command | seconds | × python -c pass | peak MB | exit |")
        print("|---|---:|---:|---:|---|")
        for name, s in rows:
            ratio = s.seconds / base
            print(f"| `{name}` | {fmt_seconds(s.seconds)} | {ratio:.1f} | {s.peak_mb:.0f} "
                  f"| {','.join(map(str, sorted(s.codes)))} |")  # fmt: skip
            target = TARGET_HELP_RATIO if "--help" in name else TARGET_STARTUP_RATIO
            if (" --help" in name or BUILTIN in name) and ratio > target:
                missed.append(f"{name}: {ratio:.1f}× python -c pass (target {target:g}×)")
        print()
        print(f"Load average {os.getloadavg()[0]:.1f} at the end of the start-up runs.\n")
    if args.startup_only:
        return report(missed, args.check_targets)

    with tempfile.TemporaryDirectory(prefix="launchkit-bench-") as folder:
        work = Path(folder)
        for kind in args.kinds:
            missed += sized(kind, args.sizes, args.runs, work)
    return report(missed, args.check_targets)


def sized(kind: str, sizes: list[int], runs: int, work: Path) -> list[str]:
    """Time every command on playbooks of each size; print a table; return missed targets."""
    missed: list[str] = []
    times: dict[str, dict[int, Sample]] = {}
    counts: dict[int, int] = {}
    for n in sizes:
        path = work / f"{kind}-{n}.yaml"
        path.write_text(generate(n, per_site=kind == "sites"), encoding="utf-8")
        out = work / f"out-{kind}-{n}"
        out.mkdir()
        counts[n] = planned_count(path, out)
        for name, (argv, target) in sized_commands(path, out).items():
            times.setdefault(name, {})[n] = measure(argv, runs, before=target)
    label = "1% per site: copies per site" if kind == "sites" else "flat: no per-site task"
    print(f"## Generated playbooks, {label} (median of {runs} runs, seconds and peak MB)\n")
    print("Tasks written → planned: "
          + ", ".join(f"{n:,} → {counts[n]:,}" for n in sizes) + "\n")  # fmt: skip
    header = ["command"] + [f"{n:,} s" for n in sizes] + [f"{n:,} MB" for n in sizes]
    header += [f"growth {a:,}→{b:,}" for a, b in pairwise(sizes)]
    print("| " + " | ".join(header) + " | exit |")
    print("|---|" + "---:|" * (len(header) - 1) + "---|")
    for name, by_size in times.items():
        cells = [f"`{name}`"]
        cells += [fmt_seconds(by_size[n].seconds) for n in sizes]
        cells += [f"{by_size[n].peak_mb:.0f}" for n in sizes]
        for a, b in pairwise(sizes):
            growth = by_size[b].seconds / by_size[a].seconds
            per10 = growth ** (1 / _log10(b / a)) if b > a else growth
            cells.append(f"{growth:.1f}")
            if b >= 1000 and per10 > TARGET_GROWTH:
                missed.append(f"{kind} {name}: grows {per10:.1f}× per 10× tasks ({a}→{b})")
        codes = sorted({c for s in by_size.values() for c in s.codes})
        cells.append(",".join(map(str, codes)))
        print("| " + " | ".join(cells) + " |")
        big = by_size.get(10000)
        if big is not None and name.split()[0] in ("plan", "check"):
            if big.seconds >= TARGET_SECONDS_10K:
                missed.append(f"{kind} {name}: {big.seconds:.2f} s at 10,000 tasks")
            if big.peak_mb >= TARGET_PEAK_MB:
                missed.append(f"{kind} {name}: {big.peak_mb:.0f} MB at 10,000 tasks")
    print()
    return missed


def _log10(x: float) -> float:
    import math

    return math.log10(x)


def report(missed: list[str], strict: bool) -> int:
    """Print the targets missed (bench/README.md) and choose the exit code."""
    if missed:
        print("## Targets missed\n")
        for line in missed:
            print(f"- {line}")
    else:
        print("All targets met (bench/README.md).")
    return 1 if missed and strict else 0


if __name__ == "__main__":
    sys.exit(main())
