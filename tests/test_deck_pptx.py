"""`deck.pptx` read back with python-pptx: the slides of the HTML deck, right-to-left Hebrew,
speaker notes from the talking points, long tables continued, every shape on its slide."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from launchkit.load import load_playbook, resolve_playbook
from launchkit.outputs.render import Artefact, render
from launchkit.schedule import Plan, schedule
from render_plans import hand_plan

ROOT = Path(__file__).parent.parent
RETAIL_HE = ROOT / "examples/retail-chain/playbooks/app-launch.he.yaml"


def _plan(name: str) -> Plan:
    path, shown = resolve_playbook(name)
    return schedule(load_playbook(path, shown), None)


def _deck(plan: Plan) -> tuple[bytes, str]:
    files = {f.name: f for f in render(plan, [Artefact.deck]).files}
    data = files["deck.pptx"].data
    assert data is not None
    return data, files["deck.html"].text


def _texts(slide: Any) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def _table_cells(prs: Any) -> list[str]:
    return [
        cell.text
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ]


@pytest.mark.parametrize("name", ["app-launch.en", "advocacy-program.he", str(RETAIL_HE)])
def test_the_pptx_has_the_slides_of_the_html_deck(name: str) -> None:
    data, html = _deck(_plan(name))
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == html.count('<section class="slide')
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width
            assert shape.top + shape.height <= prs.slide_height


def test_long_tables_continue_and_no_site_is_lost() -> None:
    plan = _plan(str(RETAIL_HE))
    data, _html = _deck(plan)
    prs = Presentation(io.BytesIO(data))
    cells = _table_cells(prs)
    for site in plan.playbook.sites:
        assert site.name in cells
    titles = [_texts(s)[0].splitlines()[0] for s in prs.slides]
    assert any(t.endswith("(המשך)") for t in titles), titles
    # The site with a single champion is on a slide, with its warning.
    assert any(c.endswith("⚠") for c in cells)


def test_hebrew_runs_right_to_left() -> None:
    data, _html = _deck(_plan("advocacy-program.he"))
    prs = Presentation(io.BytesIO(data))
    title = prs.slides[1].shapes[0].text_frame.paragraphs[0]
    assert title._p.pPr.get("rtl") == "1"
    assert title.runs[0]._r.rPr.get("lang") == "he-IL"
    tables = [s for slide in prs.slides for s in slide.shapes if s.has_table]
    assert tables
    for shape in tables:
        assert shape._element.graphic.graphicData.tbl.tblPr.get("rtl") == "1"
    # Mirrored footer: the page number is on the left, the title on the right.
    footer = sorted(
        (s for s in prs.slides[1].shapes if s.text_frame.text.startswith("2 /")),
        key=lambda s: s.left,
    )
    assert footer and footer[0].left < prs.slide_width / 2


def test_english_is_left_to_right() -> None:
    data, _html = _deck(hand_plan("en"))
    prs = Presentation(io.BytesIO(data))
    for slide in prs.slides:
        for p in slide.shapes[0].text_frame.paragraphs:
            assert p._p.pPr is None or p._p.pPr.get("rtl") != "1"


def test_speaker_notes_are_the_talking_points() -> None:
    plan = hand_plan("en")
    data, _html = _deck(plan)
    prs = Presentation(io.BytesIO(data))
    notes = {_texts(s)[0].splitlines()[0]: s.notes_slide.notes_text_frame.text for s in prs.slides}
    tp = plan.playbook.documents.talking_points
    assert notes["Every employee on your team installs the app"] == "\n".join(tp.measure)
    assert notes["Why we are launching Connect"] == "\n".join(tp.why)
    assert tp.why and tp.measure


def test_bullets_are_real_bullets() -> None:
    data, _html = _deck(hand_plan("en"))
    prs = Presentation(io.BytesIO(data))
    body = prs.slides[2].shapes[0].text_frame.paragraphs
    assert any(p._p.pPr.find(qn("a:buChar")) is not None for p in body if p._p.pPr is not None)


def test_the_same_plan_gives_the_same_bytes() -> None:
    assert _deck(hand_plan("he"))[0] == _deck(hand_plan("he"))[0]
