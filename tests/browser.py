"""Headless Chromium for the layout tests: print a page to PDF, screenshot it, and measure its
layout from inside the page.

Debian's `chromium` is driven through its command line only (no Playwright, no browser
download). `measure` runs a script in the page by appending it to a copy of the HTML, waits for
the fonts, and reads back what the script wrote into the DOM with `--dump-dom`.

`need_chromium()` skips a test when Chromium is missing and fails it when `CI=true`, where the
browser must be there (.ci/setup-render.sh installs it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
INSTALL = "bash .ci/setup-render.sh"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def need_chromium() -> str:
    """The browser's path; skips the test without it, or fails it on CI."""
    if CHROMIUM is None:
        message = f"chromium is not installed ({INSTALL})"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


def _run(args: list[str], timeout: int = 180) -> str:
    browser = need_chromium()
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", *args],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
    return done.stdout.decode("utf-8", "replace")


def print_to_pdf(html: Path, pdf: Path) -> None:
    """Print `html` as a reader would, without the browser's header and footer."""
    _run(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()])


def screenshot(html: Path, png: Path, width: int = 1280, height: int = 1600) -> None:
    """A PNG of the top `width` x `height` pixels of `html`, for a person to look at."""
    _run([f"--window-size={width},{height}", f"--screenshot={png}", html.as_uri()])


MARK = "launchkit-measure"


def measure(html: Path, script: str, width: int = 1400, height: int = 1000) -> Any:
    """Run `script` in `html` once its fonts are loaded; `script` is the body of a function that
    returns a JSON-able value, which `measure` returns."""
    page = html.read_text(encoding="utf-8")
    probe = (
        "<script>document.fonts.ready.then(() => {"
        f"const result = (() => {{ {script} }})();"
        f"const out = document.createElement('pre'); out.id = '{MARK}';"
        "out.textContent = JSON.stringify(result); document.body.appendChild(out);"
        "});</script>"
    )
    copy = html.with_name(f".{html.stem}.measure.html")
    copy.write_text(page.replace("</body>", probe + "</body>"), encoding="utf-8")
    try:
        dom = _run(
            [f"--window-size={width},{height}", "--virtual-time-budget=5000", "--dump-dom",
             copy.as_uri()]
        )  # fmt: skip
    finally:
        copy.unlink()
    found = re.search(rf'<pre id="{MARK}">(.*?)</pre>', dom, re.S)
    assert found, f"the measuring script did not run in {html.name}"
    import html as htmllib

    return json.loads(htmllib.unescape(found.group(1)))


OVERFLOW_SCRIPT = """
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


def overflows(html: Path, boxes: str) -> list[str]:
    """What runs out of the boxes matched by the CSS selector `boxes`, or is clipped."""
    script = OVERFLOW_SCRIPT.replace("BOXES", json.dumps(boxes))
    result: list[str] = measure(html, script)
    return result


def pdf_pages_text(pdf: Path) -> list[str]:
    """The text of each page of a PDF."""
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text.casefold())


def missing_from(pages: list[str], texts: list[str]) -> list[str]:
    """Which of `texts` are not in the printed pages. A text counts as printed when it is there
    whole, or when each of its words is (a PDF's text runs table cells together, a long cell
    wraps, and a right-to-left word may come out reversed)."""
    printed = _flat("".join(pages))
    backwards = printed[::-1]

    def found(text: str) -> bool:
        if _flat(text) in printed:
            return True
        words = re.findall(r"\w+", text.casefold())
        return all(w in printed or w in backwards for w in words)

    return [t for t in texts if not found(t)]


def empty_pages(pages: list[str]) -> list[int]:
    """Numbers (from 1) of the pages with no text at all."""
    return [i for i, text in enumerate(pages, start=1) if not text.strip()]
