"""Every built-in and example playbook is valid, and language versions stay in step."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from launchkit.load import load_playbook
from launchkit.resources import builtin_playbooks

ROOT = Path(__file__).parent.parent
BUILTIN = sorted((ROOT / "playbooks").glob("*/*.yaml"))
EXAMPLES = sorted((ROOT / "examples").glob("*/playbooks/*.yaml"))
SCHEMA_LINE = "# yaml-language-server: $schema=../../docs/playbook.schema.json\n"


@pytest.mark.parametrize("path", BUILTIN + EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_playbook_is_valid(cli, path):
    r = cli("validate", str(path))
    assert (r.exit_code, r.stderr) == (0, "")


@pytest.mark.parametrize("path", BUILTIN, ids=lambda p: str(p.relative_to(ROOT)))
def test_builtin_starts_with_the_schema_modeline_and_its_own_locale(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith(SCHEMA_LINE)
    pb = load_playbook(path).playbook
    # The file is named after the language; the locale may add a region (en-GB).
    assert (pb.id, pb.locale.split("-")[0]) == (path.parent.name, path.stem)


def _shape(path: Path) -> dict[str, object]:
    pb = load_playbook(path).playbook
    return {
        "phases": [p.id for p in pb.phases],
        "people": sorted(pb.people),
        "sites": [s.id for s in pb.sites],
        "tasks": [
            (t.id, t.phase, t.owner, sorted(t.source), t.per_site, t.repeat) for t in pb.tasks
        ],
        "gates": [
            (g.id, g.metric, g.rule, g.min, g.max, g.equals, sorted(g.source)) for g in pb.gates
        ],
        # metrics, channels and teasers may differ: a currency, Teams where others use Slack
        "faq": len(pb.documents.faq),
    }


TRANSLATED = sorted(
    path for path in BUILTIN if path.stem != "en" and (path.parent / "en.yaml").exists()
)


@pytest.mark.parametrize("path", TRANSLATED, ids=lambda p: str(p.relative_to(ROOT)))
def test_translation_has_the_same_ids_owners_and_sources_as_english(path):
    assert _shape(path) == _shape(path.parent / "en.yaml")


def test_every_file_is_reachable_by_name():
    names = builtin_playbooks()
    assert names["app-launch"].name == "en.yaml"
    assert {n for n in names if n.startswith("advocacy-60-day.")} == {
        "advocacy-60-day.en",
        "advocacy-60-day.it",
        "advocacy-60-day.tr",
    }


@pytest.mark.parametrize("path", ["docs", "examples/retail-chain"])
def test_schema_beside_the_playbooks_is_what_launchkit_schema_prints(cli, path):
    # The playbooks' modelines point at these copies; after a model change, refresh them with
    # `launchkit schema -o docs/playbook.schema.json` (and the same for the example).
    r = cli("schema")
    assert (ROOT / path / "playbook.schema.json").read_text(encoding="utf-8") == r.stdout


def test_app_launch_has_the_seed_mechanics():
    pb = load_playbook(ROOT / "playbooks/app-launch/en.yaml").playbook
    tasks = {t.id: t for t in pb.tasks}
    assert str(tasks["launch-contest"].at) == "13:30:00"
    assert tasks["content-meeting"].repeat == "FREQ=MONTHLY;COUNT=3"
    assert all(len(s.champions) >= 2 for s in pb.sites) and len(pb.sites) >= 3
    gate = {g.id: g for g in pb.gates}["managers-on-app"]
    assert (gate.metric, gate.min, str(gate.by)) == ("managers_active_pct", 100, "L-1bd")
    assert {"email-signature", "roll-up", "tv", "notice-board", "poster"} <= set(
        tasks["teasers"].channels
    )
    assert any(re.search("track", q.q) for q in pb.documents.faq)


def test_advocacy_60_day_checks_training_within_two_weeks():
    for locale in ("en", "tr", "it"):
        pb = load_playbook(ROOT / f"playbooks/advocacy-60-day/{locale}.yaml").playbook
        gate = {g.id: g for g in pb.gates}["training-within-two-weeks"]
        assert (gate.rule, gate.task, gate.of, str(gate.within)) == (
            "starts_within",
            "training-sessions",
            "invitations",
            "2w",
        )


@pytest.mark.parametrize("path", BUILTIN + EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_playbook_plans_with_no_deadline_missed(cli, path):
    import json

    r = cli("plan", str(path), "--format", "json")
    assert (r.exit_code, r.stderr) == (0, "")
    late = [t["id"] for t in json.loads(r.stdout)["tasks"] if (t["slack_bd"] or 0) < 0]
    assert late == []
