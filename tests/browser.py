"""Headless Chromium for the tests that look at launchkit's HTML as a reader's browser does:
lay a page out at the size it is meant for, measure it from inside, print it to PDF, take a
screenshot, and read the printed PDF's text back page by page.

Playwright (from PyPI) drives Debian's `chromium` through `executable_path`; no browser is
downloaded. One browser serves a whole test run (the `chromium` fixture in conftest.py starts
it on first use and closes it at the end; each xdist worker has its own), and every document
gets a fresh page in it, so a test pays for a page, not for a browser start.

Without Chromium or Playwright the tests skip with the command that installs them; with
`CI=true` they fail instead, so CI cannot pass by skipping.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
INSTALL = "bash .ci/setup-render.sh && pip install -e '.[test]'"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
MM = 96 / 25.4
"""CSS pixels in a millimetre."""


def missing() -> str | None:
    """What is not installed ("chromium", "playwright" or both), or None."""
    lacking = []
    if CHROMIUM is None:
        lacking.append("chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        lacking.append("playwright")
    return " and ".join(lacking) or None


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


_INSPECT = """
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

_OVERFLOW = """
// Every element inside a box (a slide, a printed sheet) must lie inside it, above its footer;
// every table cell must show all its text.
const problems = [];
const tol = 0.75;
for (const box of document.querySelectorAll(BOXES)) {
  const r = box.getBoundingClientRect();
  const footer = box.querySelector(':scope > footer');
  const floor = footer ? footer.getBoundingClientRect().top : r.bottom;
  const name = box.id || box.className;
  for (const el of box.querySelectorAll('*')) {
    if (footer && (el === footer || footer.contains(el))) continue;
    const e = el.getBoundingClientRect();
    if (e.width === 0 && e.height === 0) continue;
    if (e.left < r.left - tol || e.right > r.right + tol || e.top < r.top - tol ||
        e.bottom > floor + tol) {
      const text = (el.textContent || '').trim().slice(0, 60);
      problems.push(`${name}: <${el.tagName.toLowerCase()}> "${text}" runs out of its box`);
    }
  }
}
for (const cell of document.querySelectorAll('td, th')) {
  if (cell.scrollWidth > cell.clientWidth + 1 || cell.scrollHeight > cell.clientHeight + 1) {
    problems.push(`cell "${cell.textContent.trim().slice(0, 60)}" is clipped`);
  }
}
return problems;
"""


class Chromium:
    """One headless Chromium with one tab, which every document is opened in by turn (a new
    tab or context per document would cost more than laying most documents out)."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._manager = sync_playwright()
        self._playwright = self._manager.start()
        self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        self._tab = self._browser.new_page()

    def close(self) -> None:
        self._browser.close()
        self._manager.__exit__(None, None, None)

    @contextmanager
    def page(
        self, html: Path, width: int = 1400, height: int = 1000, *, media: str | None = None
    ) -> Iterator[Page]:
        """`html` opened in a `width` x `height` window, once its fonts are loaded, with CSS for
        `media` ("print", "screen"), or as a browser shows it (and prints it: for `pdf()`)."""
        tab = self._tab
        tab.set_viewport_size({"width": width, "height": height})
        tab.emulate_media(media=media or "null")  # type: ignore[arg-type]
        tab.goto(html.resolve().as_uri())
        tab.evaluate("document.fonts.ready.then(() => true)")
        try:
            yield tab
        finally:
            tab.goto("about:blank")

    def print_to_pdf(self, html: Path, pdf: Path) -> None:
        """Print `html` as a reader would: the page size its CSS asks for, no header or footer,
        no background graphics (a print dialog's defaults)."""
        with self.page(html) as page:
            page.pdf(path=str(pdf), prefer_css_page_size=True, display_header_footer=False)

    def screenshot(self, html: Path, png: Path, width: int = 1280, height: int = 1600) -> None:
        """A PNG of the top `width` x `height` pixels of `html`, for a person to look at."""
        with self.page(html, width, height) as page:
            page.screenshot(path=str(png))

    def measure(self, html: Path, script: str, width: int = 1400, height: int = 1000) -> Any:
        """Run `script` (the body of a function returning a JSON-able value) in `html` laid out
        in a `width` x `height` window, and return its value."""
        with self.page(html, width, height) as page:
            return page.evaluate(f"() => {{ {script} }}")

    def overflows(self, html: Path, boxes: str) -> list[str]:
        """What runs out of the boxes matched by the CSS selector `boxes`, or is clipped."""
        import json

        result: list[str] = self.measure(html, _OVERFLOW.replace("BOXES", json.dumps(boxes)))
        return result

    def inspect(
        self, html: Path, medium: Medium, *, one_page: bool = False, screenshot: Path | None = None
    ) -> Layout:
        """Measure `html` as shown on `medium`; print it to PDF when the medium is paper.

        `one_page`: the document is a single sheet or screen, so running past its bottom is an
        overflow too.
        """
        size = medium.viewport
        media = "print" if medium.printed else None
        with self.page(html, size["width"], size["height"], media=media) as page:
            found: dict[str, Any] = page.evaluate(_INSPECT, one_page)
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


def pdf_pages(pdf: Path) -> list[str]:
    """The text of every page of a PDF, as PDFium (Chromium's own PDF engine) extracts it."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def pdf_page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Width and height of every page of a PDF, in points."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [page.get_size() for page in document]
    finally:
        document.close()


def _letters(text: str) -> str:
    """Only the letters and digits, normalised: how a row is found in a PDF's text whatever the
    PDF did with spaces, line breaks, ligatures and the order of right-to-left runs."""
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
