"""Generate large playbooks for timing `launchkit plan`: a large employer with 300+ sites.

    python bench/generate.py 1000 > /tmp/plan-1k.yaml

About 1% of the tasks are per-site (each becoming one copy per site); the rest form chains of
dependencies (each task waits for one or two of the previous twenty), grouped into phases.
Deterministic: the same size always gives the same file.
"""

from __future__ import annotations

import random
import sys

SITES = 320


def generate(n_tasks: int, seed: int = 7) -> str:
    """A playbook with `n_tasks` tasks and SITES sites, as YAML text."""
    rng = random.Random(seed)
    out = [
        "launchkit: 1",
        f"id: bench-{n_tasks}",
        f"title: Roll-out to {SITES} sites ({n_tasks} tasks)",
        "locale: en",
        "timezone: Europe/Rome",
        "launch: 2027-06-14",
        "calendar: {holidays: [IT]}",
        "people:",
        "  comms: {name: Comms team}",
        "  hr: {name: HR team}",
        "sites:",
    ]
    for i in range(SITES):
        site = f"  - {{id: site-{i:03d}, name: Site {i}, employees: {rng.randint(20, 900)}"
        if i % 10 == 0:
            site += ", calendar: {workweek: [sun, mon, tue, wed, thu], holidays: [IL]}"
        site += f", launch: L+{i // 40}bd}}"  # waves of forty sites a day
        out.append(site)
    out.append("phases:")
    phases = max(1, n_tasks // 250)
    out += [f"  - {{id: p{i}, title: Phase {i}}}" for i in range(phases)]
    out.append("tasks:")
    per_site_every = 100
    for i in range(n_tasks):
        parts = [f"id: t{i}", f"title: Task {i}", f"phase: p{i * phases // n_tasks}"]
        parts.append(f"owner: {'comms' if i % 2 else 'hr'}")
        if i % per_site_every == 1:
            parts.append("per_site: true")
        if i % 50 == 0 or i < 2:
            parts.append(f"start: L-{rng.randint(20, 120)}bd")
        else:
            preds = sorted({rng.randint(max(0, i - 20), i - 1) for _ in range(rng.randint(1, 2))})
            parts.append("after: [" + ", ".join(f"t{p}" for p in preds) + "]")
            if rng.random() < 0.2:
                parts.append(f"lag: {rng.randint(1, 3)}bd")
        parts.append(f"duration: {rng.randint(0, 3)}bd")
        if i % 37 == 0:
            parts.append("due: L-1bd")
        out.append("  - {" + ", ".join(parts) + "}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
