"""The HTML deck printed by headless Chromium: one PDF page per slide, in English and Hebrew."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import Chromium, pdf_page_sizes
from launchkit.outputs.render import Artefact, render
from render_plans import hand_plan


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "he"])
def test_deck_prints_one_page_per_slide(tmp_path: Path, lang: str, chromium: Chromium) -> None:
    html = render(hand_plan(lang), [Artefact.deck]).files[0].text
    slides = html.count('<section class="slide')
    source = tmp_path / "deck.html"
    source.write_text(html, encoding="utf-8")
    pdf = tmp_path / "deck.pdf"
    chromium.print_to_pdf(source, pdf)
    sizes = pdf_page_sizes(pdf)
    assert len(sizes) == slides == 10
    # A 16:9 page (254 mm x 142.875 mm = 720 x 405 points), as the deck's @page asks.
    assert (round(sizes[0][0]), round(sizes[0][1])) == (720, 405)
