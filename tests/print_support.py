"""Printed and on-screen layout of the hand-out documents, checked in headless Chromium.

Playwright (from PyPI) drives Debian's `chromium` through `executable_path`; no browser is
downloaded. `Inspector.inspect` opens a rendered HTML file at the size it is meant for (an A4
page's printable width, a 16:9 screen, a mail client's window), reports every element that
runs past the page box and every table cell whose text is cut off, prints the file to PDF and
returns the PDF's text page by page, so that a test can also find rows missing from the print
and pages printed empty.

Without Chromium or Playwright the tests skip with the command that installs them; with
`CI=true` they fail instead, so CI cannot pass by skipping.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
INSTALL = "bash .ci/setup-render.sh && pip install -e '.[test]'"
MM = 96 / 25.4
"""CSS pixels in a millimetre."""


def require_browser() -> None:
    """Skip (fail under CI=true) when Chromium or Playwright is missing."""
    missing = []
    if CHROMIUM is None:
        missing.append("chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright")
    if missing:
        reason = f"{' and '.join(missing)} not installed ({INSTALL})"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@dataclass(frozen=True)
class Medium:
    """Where a document is shown: a printed page (width and margin in mm) or a screen (px)."""

    name: str
    width: float
    height: float
    printed: bool
    margin_mm: float = 0.0

    @property
    def viewport(self) -> dict[str, int]:
        if not self.printed:
            return {"width": round(self.width), "height": round(self.height)}
        content = (self.width - 2 * self.margin_mm) * MM
        return {"width": int(content), "height": int((self.height - 2 * self.margin_mm) * MM)}


A4_PAGES = Medium("A4, 12 mm margins", 210, 297, printed=True, margin_mm=12)
A4_SHEET = Medium("A4 sheet, no margin", 210, 297, printed=True)
SCREEN = Medium("16:9 screen", 1920, 1080, printed=False)
MAIL = Medium("mail window", 800, 900, printed=False)
PHONE = Medium("phone mail app", 375, 700, printed=False)


@dataclass
class Layout:
    """What the browser made of one document."""

    overflowing: list[str] = field(default_factory=list)
    """Elements that run past the page box or screen (tag, class and the start of the text)."""
    clipped: list[str] = field(default_factory=list)
    """Table cells and headers whose text is wider than the cell."""
    rows: list[str] = field(default_factory=list)
    """The first cell's text of every body row of every table."""
    pages: list[str] = field(default_factory=list)
    """The printed PDF's text, page by page (empty for a screen)."""


_MEASURE = """
(single) => {
  const W = document.documentElement.clientWidth, H = document.documentElement.clientHeight;
  const name = (e) => e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ?
      "." + e.className.trim().replace(/\\s+/g, ".") : "") + " «" +
      (e.innerText || e.textContent || "").trim().slice(0, 40) + "»";
  const overflowing = [];
  for (const e of document.body.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > W + 1 || r.left < -1 || (single && r.bottom > H + 1)) overflowing.push(name(e));
  }
  const clipped = [];
  for (const c of document.querySelectorAll("td, th")) {
    if (c.scrollWidth > c.clientWidth + 1) clipped.push(name(c));
  }
  const rows = [];
  for (const tr of document.querySelectorAll("tbody tr")) {
    const cells = [...tr.cells].filter((c) => !c.classList.contains("box"));
    if (cells.length) rows.push((cells[0].innerText || "").trim());
  }
  return {overflowing, clipped, rows};
}
"""


class Inspector:
    """One headless Chromium for many documents."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._manager = sync_playwright()
        self._playwright = self._manager.start()
        self._browser = self._playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run"],
        )

    def close(self) -> None:
        self._browser.close()
        self._manager.__exit__(None, None, None)

    def inspect(
        self,
        html: Path,
        medium: Medium,
        *,
        one_page: bool = False,
        screenshot: Path | None = None,
    ) -> Layout:
        """Measure `html` as shown on `medium`; print it to PDF when the medium is paper.

        `one_page`: the document is a single sheet or screen, so running past its bottom is an
        overflow too.
        """
        page = self._browser.new_page(viewport=medium.viewport)
        try:
            if medium.printed:
                page.emulate_media(media="print")
            page.goto(html.resolve().as_uri())
            found: dict[str, Any] = page.evaluate(_MEASURE, one_page)
            layout = Layout(found["overflowing"], found["clipped"], found["rows"])
            if screenshot is not None:
                page.screenshot(path=str(screenshot), full_page=True)
            if medium.printed:
                pdf = html.with_suffix(".pdf")
                page.pdf(
                    path=str(pdf),
                    prefer_css_page_size=True,
                    print_background=True,
                    display_header_footer=False,
                )
                layout.pages = pdf_pages(pdf)
            return layout
        finally:
            page.close()


def pdf_pages(pdf: Path) -> list[str]:
    """The text of every page of a PDF."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def _letters(text: str) -> str:
    """Only the letters and digits, normalised: how a row is found in a PDF's text whatever the
    PDF did with spaces, line breaks and the order of right-to-left runs."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if c.isalnum())


def missing_rows(rows: list[str], pages: list[str]) -> list[str]:
    """Rows none of whose words can be found in the printed text.

    A row counts as printed when every word of three letters or more appears in the PDF, in
    reading order or reversed (right-to-left text may come out in visual order).
    """
    printed = _letters(" ".join(pages))
    backwards = printed[::-1]
    lost = []
    for row in rows:
        # words split where the script changes too: "ה-sponsor" is printed as "sponsor-ה"
        pieces = re.findall(r"[\u0590-\u05ff]+|[^\W\u0590-\u05ff]+", row)
        words = [w for w in (_letters(p) for p in pieces) if len(w) >= 3]
        if not all(w in printed or w in backwards for w in words):
            lost.append(row)
    return lost


def empty_pages(pages: list[str]) -> list[int]:
    """1-based numbers of the pages with no text at all."""
    return [i for i, text in enumerate(pages, 1) if not text.strip()]


def html_files(folder: Path) -> Iterator[Path]:
    """Every HTML file under `folder`, sorted."""
    yield from sorted(folder.rglob("*.html"))
