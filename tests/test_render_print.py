"""The HTML deck printed by headless Chromium: one PDF page per slide, in English and Hebrew."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import SETUP_RENDER, require_tool
from launchkit.outputs.render import Artefact, render
from render_plans import hand_plan


def _chromium() -> str:
    """Headless Chromium's path (Debian and Ubuntu name the program differently)."""
    import shutil

    found = shutil.which("chromium-browser")
    if found is not None and shutil.which("chromium") is None:
        return found
    return require_tool("chromium", SETUP_RENDER)


def _print_to_pdf(chromium: str, html: Path, pdf: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}", html.as_uri(),
            ],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "he"])
def test_deck_prints_one_page_per_slide(tmp_path: Path, lang: str) -> None:
    from pypdf import PdfReader

    chromium = _chromium()
    html = render(hand_plan(lang), [Artefact.deck]).files[0].text
    slides = html.count('<section class="slide')
    source = tmp_path / "deck.html"
    source.write_text(html, encoding="utf-8")
    pdf = tmp_path / "deck.pdf"
    _print_to_pdf(chromium, source, pdf)
    pages = PdfReader(pdf).pages
    assert len(pages) == slides == 10
    # A 16:9 page (254 mm x 142.875 mm = 720 x 405 points), as the deck's @page asks.
    assert (round(float(pages[0].mediabox.width)), round(float(pages[0].mediabox.height))) == (
        720,
        405,
    )
