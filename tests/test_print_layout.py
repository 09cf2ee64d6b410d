"""Every hand-out of every built-in playbook (each language) and of the retail example, laid out
by headless Chromium: nothing runs past its page or screen, no cell's text is cut off, every
table row of the playbook is in the printed PDF, no printed page is empty, and a one-sheet
document (poster, notice board) prints on exactly one page.

The deck and the timeline have their own browser checks; these cover the checklist,
the per-site checklists, the teasers and the invitation e-mail.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

from browser import (
    A4_PAGES,
    A4_SHEET,
    MAIL,
    PHONE,
    SCREEN,
    Chromium,
    Medium,
    empty_pages,
    missing_rows,
)
from conftest import ROOT

PLAYBOOKS = sorted(
    [
        *(ROOT / "playbooks").rglob("*.yaml"),
        *(ROOT / "examples/retail-chain/playbooks").glob("*.yaml"),
    ]
)

# Where each document is meant to be seen, and whether it is a single sheet or screen.
MEDIA: list[tuple[str, tuple[Medium, ...], bool]] = [
    ("checklist.html", (A4_PAGES,), False),
    ("checklists/*.html", (A4_PAGES,), False),
    ("teasers/poster.html", (A4_SHEET,), True),
    ("teasers/notice-board.html", (A4_SHEET,), True),
    ("teasers/tv.html", (SCREEN,), True),
    ("teasers/email-signature.html", (MAIL, PHONE), False),
    ("invitations/email.html", (MAIL, PHONE), False),
]


def _render(playbook: Path, folder: Path) -> list[Path]:
    from launchkit.load import load_playbook
    from launchkit.outputs.render import Artefact, render, write_rendering
    from launchkit.schedule import schedule

    plan = schedule(load_playbook(playbook, playbook.name))
    wanted = [Artefact.checklist, Artefact.teasers, Artefact.invitations]
    return write_rendering(render(plan, wanted), folder)


@pytest.mark.slow
@pytest.mark.parametrize(
    "playbook", PLAYBOOKS, ids=[str(p.relative_to(ROOT).with_suffix("")) for p in PLAYBOOKS]
)
def test_handouts_fit_their_page(playbook: Path, tmp_path: Path, chromium: Chromium) -> None:
    written = [p for p in _render(playbook, tmp_path) if p.suffix == ".html"]
    problems: list[str] = []
    checked = 0
    for path in written:
        name = path.relative_to(tmp_path).as_posix()
        for pattern, media, one_page in MEDIA:
            if not fnmatch.fnmatch(name, pattern):
                continue
            for medium in media:
                checked += 1
                layout = chromium.inspect(path, medium, one_page=one_page)
                where = f"{name} ({medium.name})"
                problems += [f"{where}: runs past the page: {e}" for e in layout.overflowing]
                problems += [f"{where}: text cut off in {c}" for c in layout.clipped]
                if not medium.printed:
                    continue
                problems += [
                    f"{where}: row not printed: {r}"
                    for r in missing_rows(layout.rows, layout.pages)
                ]
                problems += [f"{where}: page {n} is empty" for n in empty_pages(layout.pages)]
                if one_page and len(layout.pages) != 1:
                    problems.append(f"{where}: one sheet printed on {len(layout.pages)} pages")
    assert checked >= 3  # at least the checklist and the e-mail on two screens
    assert not problems, "\n".join(problems)


def test_missing_rows_and_empty_pages_are_found() -> None:
    # guards the checks themselves, without a browser
    pages = ["Brief the managers 1 Mar", "", 'sponsor-ה מאשר את לו"ז']
    rows = ["Brief the managers", "Send the invitations", 'ה-sponsor מאשר את לו"ז']
    assert missing_rows(rows, pages) == ["Send the invitations"]
    assert empty_pages(pages) == [2]


BROKEN = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 12mm; } table { table-layout: fixed; width: 100%; }
td { border: 1px solid; } .wide { width: 260mm; } .last { break-before: page; }
</style></head><body>
<table><tbody><tr><td>Repeats</td><td style="white-space: nowrap">12 Apr 2027, 19 Apr 2027,
26 Apr 2027, 3 May 2027, 10 May 2027, 17 May 2027</td><td>Sources</td></tr></tbody></table>
<div class="wide">a line wider than the page</div>
<div class="last"></div><div class="last">after an empty page</div>
</body></html>"""


@pytest.mark.slow
def test_the_checks_catch_what_the_issue_saw(tmp_path: Path, chromium: Chromium) -> None:
    # the defects of the old checklist and notice board: a nowrap cell, a line wider than the
    # page, an empty printed page
    page = tmp_path / "broken.html"
    page.write_text(BROKEN, encoding="utf-8")
    layout = chromium.inspect(page, A4_PAGES)
    assert any(c.startswith("td «12 Apr 2027") for c in layout.clipped), layout.clipped
    assert any(e.startswith("div.wide") for e in layout.overflowing), layout.overflowing
    assert empty_pages(layout.pages) == [2]
