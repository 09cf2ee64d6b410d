"""The launch room in a real browser: headless Chromium lays every page out at phone and desktop
width (nothing may stick out sideways), and axe-core checks each page's accessibility (no
serious or critical violation)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = Path(os.environ.get("LAUNCHKIT_AXE_PREFIX", Path.home() / ".cache" / "launchkit-axe"))
AXE_JS = AXE / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--allow-file-access-from-files",
]  # fmt: skip

WIDTH = """
<script>
window.addEventListener('load', () => {
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
  const pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify({scroll: document.documentElement.scrollWidth, width, out});
  document.body.appendChild(pre);
});
</script>
"""

AXE_RUN = """
<script>
window.addEventListener('load', () => {
  axe.run(document, {resultTypes: ['violations']}).then((r) => {
    const pre = document.createElement('pre');
    pre.id = 'measured';
    pre.textContent = JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact,
      nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)})));
    document.body.appendChild(pre);
  });
});
</script>
"""


def need(tool: Path | str | None, install: str) -> None:
    if tool is None or (isinstance(tool, Path) and not tool.exists()):
        reason = f"needs {install}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


# Headless Chromium keeps its window at least about 500 px wide, so a phone's width is given to
# the page by a frame of that width; the frame's report is copied out for --dump-dom.
FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{src}" style="border:0;width:{width}px;height:900px"></iframe>
<script>
window.addEventListener('load', () => {{
  const inner = document.getElementById('f').contentDocument.getElementById('measured');
  const pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = inner ? inner.textContent : 'null';
  document.body.appendChild(pre);
}});
</script></body></html>"""


def dump(page: Path, script: str, width: int | None = None) -> object:
    """Lay `page` out (in a frame `width` wide, if given) with `script` added, and read what
    the script measured."""
    assert CHROMIUM is not None
    probe = page.with_name(f".probe-{page.name}")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", script + "</body>"))
    frame = page.with_name(f".frame-{page.name}")
    frame.write_text(FRAME.format(src=probe.name, width=width), encoding="utf-8")
    opened = frame if width is not None else probe
    try:
        with tempfile.TemporaryDirectory() as profile:
            done = subprocess.run(
                [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--window-size=1400,1000",
                 "--virtual-time-budget=20000", "--dump-dom", opened.as_uri()],
                capture_output=True, text=True, timeout=120, check=True,
            )  # fmt: skip
    finally:
        probe.unlink()
        frame.unlink()
    found = re.search(r'<pre id="measured">(.*?)</pre>', done.stdout, re.S)
    assert found, f"the script did not report for {page}"
    text = found.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    return json.loads(text.replace("&amp;", "&"))


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
def test_nothing_sticks_out_sideways(room: Path, page: str, width: int) -> None:
    need(CHROMIUM, "chromium (bash .ci/setup-render.sh)")
    measured = dump(room / page, WIDTH, width)
    assert isinstance(measured, dict)
    assert measured["out"] == [], measured
    assert measured["scroll"] <= measured["width"] <= width


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_no_serious_accessibility_problem(room: Path, page: str) -> None:
    need(CHROMIUM, "chromium (bash .ci/setup-render.sh)")
    need(AXE_JS, "axe-core (bash .ci/setup-site.sh)")
    html = room / page
    axe = f"<script>{AXE_JS.read_text(encoding='utf-8')}</script>"
    violations = dump(html, axe + AXE_RUN)
    assert isinstance(violations, list)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
