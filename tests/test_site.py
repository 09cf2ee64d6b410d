"""`launchkit site`: the launch room's files, links, languages and calendar feeds."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT

RETAIL = ROOT / "examples" / "retail-chain"
EPOCH = "1796000000"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The retail example's launch room (Hebrew and Italian), with metrics and a feed token."""
    import os

    from typer.testing import CliRunner

    from launchkit.cli import app

    out = tmp_path_factory.mktemp("room") / "site"
    env = {"SOURCE_DATE_EPOCH": EPOCH, "LAUNCHKIT_FEED_TOKEN": "0123456789abcdef0123"}
    r = CliRunner().invoke(
        app,
        [
            "site", str(RETAIL / "playbooks" / "app-launch.he.yaml"),
            str(RETAIL / "playbooks" / "advocacy.it.yaml"), "-o", str(out),
            "--as-of", "2027-02-02", "--base-url", "https://acme.example/launches",
            "--metrics", f"app-launch={RETAIL / 'metrics' / 'app-launch.csv'}",
            "--metrics", f"advocacy-italia={RETAIL / 'metrics' / 'advocacy.csv'}",
        ],
        env={**os.environ, **env},
        catch_exceptions=False,
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    return out


def pages(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html"))


def test_every_internal_link_resolves(built: Path) -> None:
    checked = 0
    for page in pages(built):
        text = page.read_text(encoding="utf-8")
        for link in re.findall(r'(?:href|src)="([^"#]+)', text):
            if re.match(r"(https?|webcal|mailto|data):", link):
                continue
            assert (page.parent / link).resolve().is_file(), f"{page.relative_to(built)}: {link}"
            checked += 1
    assert checked > 50


def test_home_page_lists_every_launch(built: Path) -> None:
    home = (built / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr">' in home  # two languages: the home page is English
    assert 'href="app-launch/index.html"' in home and 'href="advocacy-italia/index.html"' in home
    assert '<li class="card ok" lang="he" dir="rtl">' in home
    assert "Giorni lavorativi al lancio: 68" in home
    assert "Updated 2026-11-30 00:53 UTC" in home


def test_launch_pages_in_their_language_and_direction(built: Path) -> None:
    he = (built / "app-launch" / "index.html").read_text(encoding="utf-8")
    it = (built / "advocacy-italia" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="he" dir="rtl">' in he and '<html lang="it" dir="ltr">' in it
    assert "מוכנות" in he and "Prontezza" in it
    # The managers' gate is forecast from the history, and drawn.
    assert "תחזית 96 (90–98)" in he
    assert he.count('<svg xmlns="http://www.w3.org/2000/svg"') >= 3
    # Every finding says who owns it and what would clear it.
    assert "<strong>באחריות:</strong> מיכל אברהם (comms)" in he
    assert "<strong>מה יפתור:</strong> לסמן כבוצע" in he


def test_documents_are_there_to_download(built: Path) -> None:
    docs = built / "app-launch" / "docs"
    assert (docs / "deck.html").is_file() and (docs / "checklist.html").is_file()
    assert (docs / "timeline.svg").is_file()
    assert 'href="docs/deck.html"' in (built / "app-launch" / "index.html").read_text(
        encoding="utf-8"
    )


def test_feeds_at_stable_token_paths_match_the_plan(built: Path) -> None:
    from icalendar import Calendar

    from launchkit.load import load_playbook
    from launchkit.schedule import schedule

    folder = built / "feeds" / "0123456789abcdef0123"
    names = sorted(p.name for p in folder.iterdir())
    assert "app-launch.ics" in names and "app-launch--site-haifa.ics" in names
    assert "advocacy-italia--owner-sponsor.ics" in names
    source = RETAIL / "playbooks" / "app-launch.he.yaml"
    plan = schedule(load_playbook(source, source.name))
    for name, keep in [
        ("app-launch.ics", plan.tasks),
        ("app-launch--site-haifa.ics", plan.only(site="haifa").tasks),
        ("app-launch--owner-comms.ics", plan.only(owner="comms").tasks),
    ]:
        cal = Calendar.from_ical((folder / name).read_bytes())
        uids = sorted(str(e["UID"]) for e in cal.walk("VEVENT"))
        assert uids == sorted(f"{t.id}@app-launch" for t in keep), name
    page = (built / "app-launch" / "index.html").read_text(encoding="utf-8")
    assert (
        'href="webcal://acme.example/launches/feeds/0123456789abcdef0123/app-launch--site-haifa.ics"'
        in page
    )


def test_a_rebuild_keeps_the_feeds_as_they_were(built: Path, cli: Callable[..., Any]) -> None:
    import os

    before = {p: p.read_bytes() for p in (built / "feeds").rglob("*.ics")}
    os.environ["SOURCE_DATE_EPOCH"] = str(int(EPOCH) + 86400)
    try:
        r = cli(
            "site", str(RETAIL / "playbooks" / "app-launch.he.yaml"),
            str(RETAIL / "playbooks" / "advocacy.it.yaml"), "-o", str(built), "--as-of",
            "2027-02-02", "--base-url", "https://acme.example/launches",
            "--feed-token", "0123456789abcdef0123",
        )  # fmt: skip
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert r.exit_code == 0
    # A day later, nothing in the plan changed: every event keeps its SEQUENCE and DTSTAMP.
    assert {p: p.read_bytes() for p in before} == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--feed-token", "short"], "use 16 to 128 letters"),
        (["--base-url", "acme.example"], "give the address as https://host/path"),
        (["--metrics", "nobody=x.csv"], "no playbook 'nobody'"),
    ],
)
def test_bad_options_exit_2(
    cli: Callable[..., Any], tmp_path: Path, args: list[str], message: str
) -> None:
    r = cli("site", "starter", "-o", str(tmp_path / "s"), *args)
    assert r.exit_code == 2
    assert message in r.stdout + r.stderr
    assert not (tmp_path / "s").exists()


def test_a_single_built_in_playbook(cli: Callable[..., Any], tmp_path: Path) -> None:
    r = cli("site", "app-launch", "-o", str(tmp_path / "s"), "--as-of", "2027-01-05")
    assert r.exit_code == 0, r.stderr
    home = (tmp_path / "s" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr">' in home
    page = (tmp_path / "s" / "app-launch" / "index.html").read_text(encoding="utf-8")
    assert "Publish the site with --base-url to get subscribe links" in page
    assert "webcal://" not in page


def test_every_language_has_every_word() -> None:
    from launchkit.outputs.site.words import WORDS

    assert all(set(words) == set(WORDS["en"]) for words in WORDS.values())
