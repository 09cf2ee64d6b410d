"""The launch room in a real browser: headless Chromium lays every page out at phone and desktop
width (nothing may stick out sideways), and axe-core checks each page's accessibility (no
serious or critical violation)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser import Chromium
from conftest import ROOT, require_tool

AXE = Path(os.environ.get("LAUNCHKIT_AXE_PREFIX", Path.home() / ".cache" / "launchkit-axe"))
AXE_JS = AXE / "node_modules" / "axe-core" / "axe.min.js"

# What sticks out of the page sideways, and how wide the page scrolls.
WIDTH = """
const width = document.documentElement.clientWidth;
// The page's own box: a right-to-left page keeps its scroll bar on the left.
const page = document.documentElement.getBoundingClientRect();
const left = page.left, right = page.left + width;
const out = [];
for (const el of document.body.querySelectorAll('*')) {
  if (el.closest('.scroll')) continue;  // a scrolling box may hold a wide chart
  const r = el.getBoundingClientRect();
  if (r.width > 1 && (r.right > right + 1 || r.left < left - 1)) {
    out.push(el.tagName + ' ' + (el.textContent || '').trim().slice(0, 40));
  }
}
return {scroll: document.documentElement.scrollWidth, width, out};
"""

AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}));
}"""


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from launchkit.cli import app

    retail = ROOT / "examples" / "retail-chain"
    out = tmp_path_factory.mktemp("room")
    r = CliRunner().invoke(
        app,
        ["site", str(retail / "playbooks" / "app-launch.he.yaml"),
         str(retail / "playbooks" / "advocacy.it.yaml"), "-o", str(out), "--as-of", "2027-02-02",
         "--base-url", "https://acme.example/launches",
         "--metrics", f"app-launch={retail / 'metrics' / 'app-launch.csv'}"],
        catch_exceptions=False,
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    return out


PAGES = ["index.html", "app-launch/index.html", "advocacy-italia/index.html"]


@pytest.mark.slow
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("page", PAGES)
def test_nothing_sticks_out_sideways(room: Path, page: str, width: int, chromium: Chromium) -> None:
    measured = chromium.measure(room / page, WIDTH, width, 900)
    assert isinstance(measured, dict)
    assert measured["out"] == [], measured
    assert measured["scroll"] <= measured["width"] <= width


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_no_serious_accessibility_problem(room: Path, page: str, chromium: Chromium) -> None:
    require_tool("axe-core", "bash .ci/setup-site.sh", found=AXE_JS.exists())
    with chromium.page(room / page) as opened:
        opened.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
        violations = opened.evaluate(AXE_RUN)
    assert isinstance(violations, list)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
