"""Plans of several launches at once: each launch in turn, or each person's work across them."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

from launchkit.outputs import jsontext
from launchkit.outputs.formats import PlanFormat
from launchkit.outputs.plan.csv import COLUMNS, format_csv
from launchkit.outputs.plan.json import plan_document, task_document
from launchkit.outputs.plan.text import format_text
from launchkit.outputs.spreadsheet import neutralise
from launchkit.schedule.plan import Plan, PlannedTask


def format_launches_text(plans: Sequence[Plan], width: int = 110, color: bool = False) -> str:
    """Each launch's plan under a heading naming the playbook and its file."""
    parts = []
    for plan in plans:
        head = f"== {plan.playbook.id}: {plan.playbook.title} ({plan.loaded.path}) =="
        parts.append(head + "\n\n" + format_text(plan, width=width, color=color))
    return "\n".join(parts)


def format_launches_json(plans: Sequence[Plan]) -> str:
    """`{"launches": [plan, ...]}`, each plan the document `plan --format json` gives."""
    return jsontext.dumps({"launchkit": 1, "launches": [plan_document(p) for p in plans]}) + "\n"


def format_launches_csv(plans: Sequence[Plan]) -> str:
    """One table: a `playbook` column, then the columns of `plan --format csv`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("playbook", *COLUMNS))
    for plan in plans:
        rows = list(csv.reader(io.StringIO(format_csv(plan))))
        for row in rows[1:]:
            writer.writerow((plan.playbook.id, *row))
    return out.getvalue()


LAUNCH_FORMATTERS: dict[PlanFormat, Callable[[Sequence[Plan]], str]] = {
    PlanFormat.text: format_launches_text,
    PlanFormat.json: format_launches_json,
    PlanFormat.csv: format_launches_csv,
}


def _by_owner(plans: Sequence[Plan]) -> dict[str, list[tuple[Plan, PlannedTask]]]:
    owners: dict[str, list[tuple[Plan, PlannedTask]]] = {}
    for plan in plans:
        for t in plan.tasks:
            owners.setdefault(t.owner or "", []).append((plan, t))
    for work in owners.values():
        work.sort(key=lambda pt: (pt[1].start, pt[1].end, pt[0].playbook.id, pt[1].id))
    return dict(sorted(owners.items(), key=lambda kv: (kv[0] == "", kv[0])))


def format_by_owner_text(plans: Sequence[Plan]) -> str:
    """`plan --by owner`: each person's tasks across launches, in date order."""
    out = io.StringIO()
    for owner, work in _by_owner(plans).items():
        name = owner or "(no owner)"
        people = [p.playbook.people[owner] for p, _ in work if owner in p.playbook.people]
        if people:
            name += f" — {people[0].name}"
        out.write(f"{name} ({len(work)} task{'s' if len(work) != 1 else ''})\n")
        for plan, t in work:
            when = t.start.isoformat() if t.start == t.end else f"{t.start} → {t.end}"
            ref = f"{t.id}@{plan.playbook.id}"
            out.write(f"  {when:<24} {ref:<30} {t.title}  [{t.status}]\n")
        out.write("\n")
    return out.getvalue()


def format_by_owner_json(plans: Sequence[Plan]) -> str:
    doc = {
        "launchkit": 1,
        "owners": [
            {
                "owner": owner or None,
                "tasks": [{"playbook": p.playbook.id, **task_document(t)} for p, t in work],
            }
            for owner, work in _by_owner(plans).items()
        ],
    }
    return jsontext.dumps(doc) + "\n"


def format_by_owner_csv(plans: Sequence[Plan]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("owner", "playbook", "id", "title", "start", "end", "status"))
    for owner, work in _by_owner(plans).items():
        for p, t in work:
            writer.writerow(
                (
                    owner,
                    p.playbook.id,
                    t.id,
                    neutralise(t.title),
                    t.start.isoformat(),
                    t.end.isoformat(),
                    t.status,
                )
            )
    return out.getvalue()


BY_OWNER_FORMATTERS: dict[PlanFormat, Callable[[Sequence[Plan]], str]] = {
    PlanFormat.text: format_by_owner_text,
    PlanFormat.json: format_by_owner_json,
    PlanFormat.csv: format_by_owner_csv,
}
