"""`render`'s documents: golden files per artefact in English and Hebrew, languages, the deck's
agenda, and the rules that keep playbook text as data."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from launchkit.outputs.render import RENDERERS, Artefact, render
from launchkit.outputs.render.base import RenderContext
from launchkit.outputs.render.deck import build_slides
from render_plans import DATA, hand_plan


@pytest.mark.parametrize("lang", ["en", "he"])
@pytest.mark.parametrize("artefact", list(Artefact))
def test_golden(lang: str, artefact: Artefact, golden: Callable[[str, str], None]) -> None:
    rendering = render(hand_plan(lang), [artefact])
    assert rendering.files, f"{artefact} wrote nothing"
    for file in rendering.files:
        golden(f"render/golden/{lang}/{file.name}", file.text)


def test_every_artefact_has_a_renderer() -> None:
    assert set(RENDERERS) == set(Artefact)


def test_all_artefacts_by_default_in_a_stable_order() -> None:
    names = [f.name for f in render(hand_plan("en")).files]
    assert names == [
        "checklist.md", "checklist.html", "deck.html", "deck.md",
        "teasers/email-signature.html", "teasers/email-signature.txt", "teasers/poster.html",
        "teasers/tv.html", "teasers/notice-board.html", "teasers/intranet.txt",
        "invitations/email.txt", "invitations/email.html", "invitations/sms.txt",
        "timeline.svg", "timeline.html",
        "calendar.html", "calendar/2027-03.svg", "calendar/2027-04.svg", "calendar/2027-05.svg",
        "calendar/london.html", "calendar/leeds.html",
    ]  # fmt: skip


def test_deck_follows_the_manager_meeting_agenda() -> None:
    slides = build_slides(RenderContext(hand_plan("en")))
    assert [s.id for s in slides] == [
        "why", "role", "measure", "answer", "feedback", "timeline", "champions", "gates", "faq",
    ]  # fmt: skip
    measure = slides[2]
    assert "Install rates per team go on the monthly dashboard" in measure.bullets
    champions = slides[6]
    assert champions.rows[1] == ["Leeds depot", "95", "cara@example.com ⚠"]
    gates = slides[7]
    assert gates.rows == [
        ["100% of managers use the app", "Mar 12, 2027", "≥ 100", "80"],
        ["At least two champions per site", "Mar 15, 2027", "≥ 2", "1"],
    ]


def test_deck_has_one_page_break_per_slide() -> None:
    html = render(hand_plan("he"), [Artefact.deck]).files[0].text
    assert html.count('<section class="slide') == 10
    assert "break-after: page" in html and "@page" in html
    assert "http" not in html.replace("https://connect.example.com/he", "")  # nothing to fetch


def test_hebrew_is_right_to_left_with_links_kept_left_to_right() -> None:
    files = {f.name: f.text for f in render(hand_plan("he")).files}
    for name, text in files.items():
        if name.endswith(".html") and not name.startswith("teasers/email-signature"):
            assert '<html lang="he" dir="rtl">' in text, name
    assert '<bdi dir="ltr">https://connect.example.com/he</bdi>' in files["teasers/poster.html"]
    assert "יום ההשקה: 10 בינואר 2027" in files["deck.md"]
    assert "section { direction: rtl; text-align: right; }" in files["deck.md"]
    assert 'direction="rtl"' in files["timeline.svg"]


@pytest.mark.parametrize(
    ("locale", "title", "date"),
    [
        ("tr", "Yönetici bilgilendirme toplantısı", "15 Mart 2027"),
        ("it", "Incontro di lancio con i manager", "15 marzo 2027"),
    ],
)
def test_turkish_and_italian(
    write: Callable[..., Path], locale: str, title: str, date: str
) -> None:
    text = (DATA / "en.yaml").read_text(encoding="utf-8").replace("locale: en", f"locale: {locale}")
    plan = hand_plan("en", write(text, f"{locale}.yaml"))
    deck = render(plan, [Artefact.deck]).files[1].text
    assert f"# {title}" in deck
    assert date in deck
    assert f'<html lang="{locale}" dir="ltr">' in render(plan, [Artefact.checklist]).files[1].text


def test_poster_carries_a_qr_code_of_the_download_link() -> None:
    poster = {f.name: f.text for f in render(hand_plan("en"), [Artefact.teasers]).files}[
        "teasers/poster.html"
    ]
    assert re.search(r"<svg [^>]*>", poster)
    assert "<title>https://connect.example.com/get</title>" in poster
    assert "Everything about work, in your pocket." in poster


def test_teasers_default_to_the_four_standard_channels(write: Callable[..., Path]) -> None:
    text = (DATA / "en.yaml").read_text(encoding="utf-8")
    text = text.replace("channels: [email-signature, posters, tv, notice-board, intranet]", "")
    text = text.replace("  teasers:\n    poster: Everything about work, in your pocket.\n", "")
    plan = hand_plan("en", write(text))
    names = [f.name for f in render(plan, [Artefact.teasers]).files]
    assert names == [
        "teasers/email-signature.html", "teasers/email-signature.txt", "teasers/poster.html",
        "teasers/tv.html", "teasers/notice-board.html",
    ]  # fmt: skip


def test_an_unnamed_app_without_a_link_still_reads_well(write: Callable[..., Path]) -> None:
    text = (DATA / "en.yaml").read_text(encoding="utf-8")
    text = text.replace("  app_name: Connect\n", "").replace(
        "  download_url: https://connect.example.com/get\n", ""
    )
    rendering = render(hand_plan("en", write(text)), [Artefact.invitations, Artefact.teasers])
    files = {f.name: f.text for f in rendering.files}
    assert files["invitations/sms.txt"] == "The app is here\n"
    assert "\nSubject: The app is here\n" in files["invitations/email.txt"]
    assert "From March 15, 2027, the app is how we keep" in files["invitations/email.txt"]
    assert "<h1>The app</h1>" in files["teasers/poster.html"]
    assert "<svg" not in files["teasers/poster.html"]
    assert [w.code for w in rendering.warnings] == ["no-download-url"]


def test_long_gantt_labels_are_clipped_cleanly() -> None:
    from launchkit.outputs.render.timeline import LABEL_CHARS, _clip

    assert _clip("x" * LABEL_CHARS) == "x" * LABEL_CHARS
    assert (
        _clip("Invite the first users, " + "y" * 40) == "Invite the first users, " + "y" * 23 + "…"
    )
    assert _clip("a" * 46 + ", and more") == "a" * 46 + "…"
    assert _clip("Choose the site's champions (at least two)", 33) == "Choose the site's champions…"


@pytest.mark.parametrize("playbook", ["app-launch", "app-launch.he"])
def test_per_site_rows_of_the_timeline_lead_with_their_site(cli, tmp_path, playbook) -> None:
    from launchkit.load import load_playbook, resolve_playbook

    r = cli("render", playbook, "-o", str(tmp_path), "--only", "timeline")
    assert r.exit_code == 0, r.stderr
    svg = (tmp_path / "timeline.svg").read_text(encoding="utf-8")
    rows = re.findall(
        r'<g id="task-recruit-champions@([a-z-]+)">\n<title>[^<]*</title>\n<text [^>]*>'
        r'<tspan font-weight="bold">([^<]+)</tspan> · ([^<]+)</text>',
        svg,
    )
    names = {s.id: s.name for s in load_playbook(*resolve_playbook(playbook)).playbook.sites}
    assert sorted(site for site, _, _ in rows) == sorted(names)
    for site, label, _ in rows:  # the site's name, clipped only when it is long
        assert label == names[site] or names[site].startswith(label.removesuffix("…").rstrip())
    assert len({label for _, label, _ in rows}) == len(names)  # rows a reader can tell apart
    assert all(len(label) + 3 + len(html.unescape(title)) <= 48 for _, label, title in rows)
