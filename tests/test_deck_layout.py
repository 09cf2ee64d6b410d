"""The deck and the timeline of every built-in playbook (each language) and of the retail example,
laid out and printed by headless Chromium: nothing runs off a slide or a printed sheet, no cell is
clipped, every table row of the playbook is in the printed PDF, and no printed page is empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import Chromium, empty_pages, missing_rows, pdf_pages
from launchkit.load import load_playbook, resolve_playbook
from launchkit.outputs.render import Artefact, render, write_rendering
from launchkit.resources import builtin_playbooks
from launchkit.schedule import Plan, schedule

ROOT = Path(__file__).parent.parent
PLAYBOOKS = sorted(name for name in builtin_playbooks() if "." in name) + [
    str(p.relative_to(ROOT))
    for p in sorted((ROOT / "examples/retail-chain/playbooks").glob("*.yaml"))
]


def _plan(name: str) -> Plan:
    path, shown = resolve_playbook(str(ROOT / name) if "/" in name else name)
    return schedule(load_playbook(path, shown), None)


def _render(name: str, folder: Path, artefact: Artefact) -> Plan:
    plan = _plan(name)
    write_rendering(render(plan, [artefact]), folder)
    return plan


@pytest.mark.slow
@pytest.mark.parametrize("name", PLAYBOOKS)
def test_deck_fits_its_slides_and_prints_every_row(
    tmp_path: Path, name: str, chromium: Chromium
) -> None:
    plan = _render(name, tmp_path, Artefact.deck)
    html = tmp_path / "deck.html"
    assert chromium.overflows(html, ".slide") == []
    pdf = tmp_path / "deck.pdf"
    chromium.print_to_pdf(html, pdf)
    pages = pdf_pages(pdf)
    assert len(pages) == html.read_text(encoding="utf-8").count('<section class="slide')
    assert empty_pages(pages) == []
    pb = plan.playbook
    rows = [site.name for site in pb.sites] + [gate.title for gate in pb.gates]
    rows += [p.title for p in pb.phases if any(t.phase == p.id for t in plan.tasks)]
    rows += [q.q for q in pb.documents.faq]
    assert missing_rows(rows, pages) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", PLAYBOOKS)
def test_timeline_fits_its_sheets_and_prints_every_task(
    tmp_path: Path, name: str, chromium: Chromium
) -> None:
    plan = _render(name, tmp_path, Artefact.timeline)
    html = tmp_path / "timeline.html"
    assert chromium.overflows(html, ".sheet, .list") == []
    pdf = tmp_path / "timeline.pdf"
    chromium.print_to_pdf(html, pdf)
    pages = pdf_pages(pdf)
    assert empty_pages(pages) == []
    assert missing_rows(sorted({t.title for t in plan.tasks}), pages) == []


@pytest.mark.slow
def test_the_checks_catch_a_table_that_runs_off_its_slide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chromium: Chromium
) -> None:
    # The deck as it was before long slides were split: twelve sites on one slide.
    import launchkit.outputs.render.deck as deck

    monkeypatch.setattr(deck, "paginate", lambda slides, continued: list(slides))
    name = "examples/retail-chain/playbooks/app-launch.he.yaml"
    plan = _render(name, tmp_path, Artefact.deck)
    html = tmp_path / "deck.html"
    assert any("slide-champions" in p for p in chromium.overflows(html, ".slide"))
    pdf = tmp_path / "deck.pdf"
    chromium.print_to_pdf(html, pdf)
    last = plan.playbook.sites[-1].name
    assert missing_rows([last], pdf_pages(pdf)) == [last]
