"""Generate and time a large launch repository: 20 playbooks x 500 tasks, 300 sites, 200 people.

    python bench/repository.py /tmp/repo                 # write it (deterministic)
    python bench/repository.py /tmp/repo --measure       # write it, then time plan . and check .

Each playbook reaches 25 of the shared sites by id (two per-site tasks each, so 550 tasks plan
per launch), has its own launch day spread over a year, and chains its tasks (each waits for one
of the previous ten). Every tenth task is an announcement to one of 12 audiences, every
twentieth a meeting or a training, so `check .` finds collisions; owners are drawn from the 200
shared people (capacity 2 by default), so it finds overloads too. Times are medians, peak memory
the child's maximum resident set size (see bench/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
from pathlib import Path

PLAYBOOKS = 20
TASKS = 500
SITES = 300
PEOPLE = 200
AUDIENCES = 12
SITES_PER_PLAYBOOK = 25


def repository_file() -> str:
    lines = ["launchkit: 1", "playbooks: launches", "people:"]
    lines += [
        f"  p{i:03d}: {{name: Person {i}, email: p{i:03d}@example.com}}" for i in range(PEOPLE)
    ]
    lines.append("sites:")
    lines += [
        f"  - {{id: s{i:03d}, name: Site {i}, employees: {20 + i % 200}}}" for i in range(SITES)
    ]
    lines.append("audiences:")
    lines += [f"  - {{id: a{i:02d}, title: Audience {i}}}" for i in range(AUDIENCES)]
    lines += [
        "calendar: {workweek: [mon, tue, wed, thu, fri], holidays: [IT]}",
        "rules: {announcements_per_day: 1, announcements_per_week: 2, no_overlap: [meeting, training]}",
    ]
    return "\n".join(lines) + "\n"


def playbook(index: int) -> str:
    rng = random.Random(index)
    launch = dt.date(2027, 1, 4) + dt.timedelta(weeks=2 * index)
    sites = sorted(rng.sample(range(SITES), SITES_PER_PLAYBOOK))
    lines = [
        "launchkit: 1",
        f"id: launch-{index:02d}",
        f"title: Launch {index}",
        f"launch: {launch.isoformat()}",
        "sites: [" + ", ".join(f"s{s:03d}" for s in sites) + "]",
        "tasks:",
    ]
    for t in range(TASKS):
        fields = [f"id: t{t:03d}", f"title: Task {t} of launch {index}"]
        fields.append(f"owner: p{rng.randrange(PEOPLE):03d}")
        if t == 0 or rng.random() < 0.05:
            fields.append(f"start: L-{rng.randrange(10, 60)}bd")
        else:
            fields.append(f"after: [t{rng.randrange(max(0, t - 10), t):03d}]")
        fields.append(f"duration: {rng.choice([1, 1, 1, 2, 3, 5])}bd")
        if t % 10 == 0:
            fields += [f"audience: a{rng.randrange(AUDIENCES):02d}", "kind: announcement"]
        elif t % 20 == 5:
            kind = rng.choice(["meeting", "training"])
            fields += [f"audience: a{rng.randrange(AUDIENCES):02d}", f"kind: {kind}"]
        if t in (100, 300):
            fields.append("per_site: true")
        lines.append("  - {" + ", ".join(fields) + "}")
    return "\n".join(lines) + "\n"


def write(root: Path) -> None:
    (root / "launches").mkdir(parents=True, exist_ok=True)
    (root / "launchkit.yaml").write_text(repository_file(), encoding="utf-8")
    for i in range(PLAYBOOKS):
        (root / "launches" / f"launch-{i:02d}.yaml").write_text(playbook(i), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--measure", action="store_true", help="time plan . and check .")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    write(args.folder)
    if not args.measure:
        return 0
    sys.path.insert(0, str(Path(__file__).parent))
    from run import launchkit_command, measure

    base = launchkit_command()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| command | seconds (median) | peak MB | exit |")
    print("|---|---:|---:|---|")
    for label, extra in [
        ("plan . --format json", ["plan", ".", "--format", "json"]),
        ("plan . --by owner", ["plan", ".", "--by", "owner"]),
        ("check . --as-of 2026-10-01", ["check", ".", "--as-of", "2026-10-01"]),
        ("status . --as-of 2027-03-01", ["status", ".", "--as-of", "2027-03-01"]),
    ]:
        sample = measure([*base, *extra], args.runs, cwd=args.folder)
        codes = ",".join(str(c) for c in sorted(sample.codes))
        print(f"| `launchkit {label}` | {sample.seconds:.2f} | {sample.peak_mb:.0f} | {codes} |")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
