"""The wall calendar as a person prints it: headless Chromium lays it out and prints it to PDF.

Each month is one A4 landscape page; nothing sticks out of its day's cell or its page; every
entry of the month is on the page (in its cell or in the list below the grid), and every task's
title can be found in the printed page's text.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from browser import Chromium, pdf_pages
from launchkit.load import load_playbook, resolve_playbook
from launchkit.outputs.render import Artefact, render
from launchkit.outputs.render.base import RenderContext
from launchkit.outputs.render.calendar import build_calendar
from launchkit.schedule import schedule

ROOT = Path(__file__).parent.parent
# Measures, in the laid-out page, every element that sticks out of its cell or its month's page,
# and counts each month's entries; the result is written into the page for --dump-dom to read.
MEASURE = """
const out = {overflow: [], entries: {}};
const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 &&
                         a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
for (const cell of document.querySelectorAll('.cell')) {
  const box = cell.getBoundingClientRect();
  for (const el of cell.querySelectorAll('*')) {
    if (!inside(el.getBoundingClientRect(), box)) out.overflow.push(el.textContent.trim());
  }
}
for (const month of document.querySelectorAll('section.month')) {
  const box = month.getBoundingClientRect();
  for (const el of month.querySelectorAll('*')) {
    if (!inside(el.getBoundingClientRect(), box)) out.overflow.push(el.textContent.trim());
  }
  out.entries[month.id] = month.querySelectorAll('.cell li, .busy li').length;
}
return out;
"""

# The busiest built-in months in each direction: English, Italian, and the 12-site Hebrew roll-out.
CASES = [
    "app-launch",
    "advocacy-60-day.it",
    "examples/retail-chain/playbooks/app-launch.he.yaml",
]


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_each_month_prints_on_one_page_with_nothing_cut(
    tmp_path: Path, name: str, chromium: Chromium
) -> None:
    path, shown = resolve_playbook(str(ROOT / name) if "/" in name else name)
    plan = schedule(load_playbook(path, shown))
    wall = build_calendar(RenderContext(plan))
    html = render(plan, [Artefact.calendar]).files[0].text
    page = tmp_path / "calendar.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp_path / "calendar.pdf"
    chromium.print_to_pdf(page, pdf)
    result = chromium.measure(page, MEASURE)
    assert result["overflow"] == [], "text sticks out of its cell or page"

    pages = pdf_pages(pdf)
    assert not any(m.long for m in wall.months), "a built-in month needs a second page"
    assert len(pages) == len(wall.months)
    for month, pdf_page in zip(wall.months, pages, strict=True):
        days = [d for w in month.weeks for d in w if d.in_month]
        listed = sum(len(d.shown) + len(d.hidden) for d in days)
        assert result["entries"][f"m-{month.slug}"] == listed
        # NFKC undoes the ligatures a PDF's text carries ("ﬁ" in "briefing").
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", pdf_page))
        assert text, f"{month.slug} printed an empty page"
        for day in days:
            for entry in day.entries:
                # A word of letters only: the PDF's text may reorder mixed-direction runs.
                words = [w for w in entry.text.split() if w.isalpha()]
                if entry.kind == "task" and not entry.continues and words:
                    word = max(words, key=len)
                    assert word in text, f"{month.slug}: {entry.text!r} is not on the page"
