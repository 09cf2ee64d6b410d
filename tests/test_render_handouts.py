"""What a comms manager hands out: plan dates named in the copy, one greeting per invitation,
e-mail HTML that survives Outlook and Gmail, a draft `.eml`, and teaser channels without copy."""

from __future__ import annotations

import email
import re
from collections.abc import Callable
from email import policy
from pathlib import Path
from typing import Any

import pytest

from launchkit.load.plandates import literal_dates
from launchkit.outputs.render import Artefact, render
from launchkit.outputs.render.invitations import split_greeting
from render_plans import DATA, hand_plan


def _scheduled(path: Path) -> Any:
    from launchkit.load import load_playbook
    from launchkit.schedule import schedule

    return schedule(load_playbook(path, path.name))


def _files(plan: Any, *artefacts: Artefact) -> dict[str, str]:
    return {f.name: f.text for f in render(plan, list(artefacts)).files}


# ---- plan dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "text", "found"),
    [
        ("en", "Something new is coming on 15 March. #Connect", ["15 March"]),
        ("en", "Harbour is coming on March 8, 2027.", ["March 8"]),
        ("en", "Coming 4 May: Tabula Community", ["4 May"]),
        ("en", "you may 3 times; at 13:30; 40,000 people", []),
        ("en", "2027-03-15 or 15/03/2027", ["2027-03-15", "15/03/2027"]),
        ("he", "משהו חדש מגיע לטלפון שלכם ב-10 בינואר. #מחוברים", ["10 בינואר"]),
        ("he", "מה-7 בפברואר הלוח הזה", ["7 בפברואר"]),
        ("tr", "Anadolu Sesi 12 Nisan'da başlıyor.", ["12 Nisan"]),
        ("it", "Il 12 aprile arriva qualcosa di nuovo. 40.000 persone", ["12 aprile"]),
        ("it", "Voci di Casa apre il {launch}.", []),
    ],
)
def test_literal_dates_are_found_in_every_language(
    locale: str, text: str, found: list[str]
) -> None:
    from launchkit.load.plandates import PLACEHOLDER

    assert [m.group(0) for m in literal_dates(PLACEHOLDER.sub(" ", text), locale)] == found


def _with_teasers(write: Callable[..., Path], teasers: str, lang: str = "en") -> Path:
    text = (DATA / f"{lang}.yaml").read_text(encoding="utf-8")
    text = re.sub(r"  teasers:\n(    .*\n)+", "", text)
    return write(text.rstrip("\n") + "\n  teasers:\n" + teasers, f"{lang}.yaml")


def test_placeholders_follow_the_plan_in_the_playbooks_language(
    write: Callable[..., Path],
) -> None:
    path = _with_teasers(
        write,
        "    tv: 'From {launch}, {launch|long}, {launch|full}, {launch|weekday}, {launch|short}.'\n"
        "    intranet: 'Briefing {task:manager-briefing}; Leeds ready {task:champions-ready@leeds}; "
        "{site:leeds}; {{ 7*7 }} {name} {task:nope} {launch|longest}'\n",
    )
    path.write_text(path.read_text(encoding="utf-8").replace("locale: en", "locale: he"))
    rendering = render(hand_plan("en", path), [Artefact.teasers])
    files = {f.name: f.text for f in rendering.files}
    assert (
        "From 15 במרץ, 15 במרץ 2027, יום שני, 15 במרץ 2027, יום שני, 15.3.2027."
        in files["teasers/tv.html"]
    )
    intranet = files["teasers/intranet.txt"]
    assert "Briefing 1 במרץ; Leeds ready 12 במרץ; 15 במרץ;" in intranet
    # data, not template code: other braces, and a placeholder that names nothing, stay as typed
    assert "{{ 7*7 }} {name} {task:nope} {launch|longest}" in intranet
    assert [w.message for w in rendering.warnings if w.code == "unknown-placeholder"] == [
        "'{task:nope}' names no task of this playbook",
        "'|longest' is not a date form; use one of day, long, full, weekday, short",
    ]


def test_every_document_reads_the_filled_in_text(write: Callable[..., Path]) -> None:
    from launchkit.outputs.render.base import RenderContext

    text = (DATA / "en.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "why: [Reach the 60% of staff", 'why: ["From {launch|full}, reach the 60% of staff'
    )
    text = text.replace("company e-mail]", 'company e-mail"]')
    ctx = RenderContext(hand_plan("en", write(text)))
    assert ctx.playbook.documents.talking_points.why == [
        "From Monday, March 15, 2027, reach the 60% of staff who have no company e-mail"
    ]
    assert ctx.plan.playbook.documents.talking_points.why[0].startswith("From {launch|full},")


def test_launch_option_moves_the_copy_too(cli: Callable[..., Any], tmp_path: Path) -> None:
    r = cli("render", str(DATA / "he.yaml"), "-o", str(tmp_path), "--only", "teasers",
            "--launch", "2027-02-07")  # fmt: skip
    assert r.exit_code == 0
    tv = (tmp_path / "teasers" / "tv.html").read_text(encoding="utf-8")
    assert "החל מ-7 בפברואר." in tv and "10 בינואר" not in tv


def test_validate_warns_where_a_text_writes_a_date(
    cli: Callable[..., Any], write: Callable[..., Path]
) -> None:
    path = _with_teasers(
        write,
        "    tv: Connect is coming on 15 March.\n"
        "    poster: >-\n      Everything about work, in your pocket, from\n      March 15 on.\n"
        "    intranet: 'On {launch|longest} and {site:york}'\n",
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    tv = next(i for i, line in enumerate(lines, 1) if line.startswith("    tv:"))
    r = cli("validate", str(path))
    assert r.exit_code == 0
    assert r.stdout.startswith(f"{path}: ok")
    codes = [
        (int(m[1]), int(m[2]), m[3])
        for m in re.finditer(r":(\d+):(\d+): warning: .* \[([a-z-]+)\]", r.stderr)
    ]
    assert codes == [
        (tv, 30, "literal-date"),
        (tv + 3, 7, "literal-date"),
        (tv + 4, 19, "unknown-placeholder"),
        (tv + 4, 40, "unknown-placeholder"),
    ]


def test_builtin_playbooks_write_no_day_out(cli: Callable[..., Any]) -> None:
    from conftest import ROOT

    files = sorted(str(p) for p in (ROOT / "playbooks").rglob("*.yaml"))
    files += sorted(
        str(p) for p in (ROOT / "examples" / "retail-chain" / "playbooks").glob("*.yaml")
    )
    r = cli("validate", *files)
    assert (r.exit_code, r.stderr) == (0, "")


# ---- invitations -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "greeting", "rest"),
    [
        (
            "Hello, from today the news is in one app.",
            "Hello,",
            "From today the news is in one app.",
        ),
        ("Hi, Brightline Voices is open.", "Hi,", "Brightline Voices is open."),
        ("Dear colleagues, welcome.", "Dear colleagues,", "Welcome."),
        ("שלום, מהיום העדכונים נמצאים באפליקציה.", "שלום,", "מהיום העדכונים נמצאים באפליקציה."),
        ("Merhaba, Anadolu Sesi açıldı.", "Merhaba,", "Anadolu Sesi açıldı."),
        ("Ciao, Voci di Casa è aperta.", "Ciao,", "Voci di Casa è aperta."),
        ("You were one of the first.", None, "You were one of the first."),
        ("Highlights, from today: more.", None, "Highlights, from today: more."),
    ],
)
def test_the_texts_own_greeting_replaces_the_templates(
    body: str, greeting: str | None, rest: str
) -> None:
    assert split_greeting(body) == (greeting, rest)


@pytest.mark.parametrize(
    "playbook",
    ["app-launch/en", "app-launch/he", "advocacy-60-day/it", "advocacy-60-day/tr",
     "advocacy-program/en"],
)  # fmt: skip
def test_invitations_greet_once(playbook: str) -> None:
    from conftest import ROOT

    plan = _scheduled(ROOT / "playbooks" / f"{playbook}.yaml")
    files = _files(plan, Artefact.invitations)
    text = files["invitations/email.txt"]
    body = text.split("\n\n", 1)[1]
    greetings = re.findall(r"^\u200f?(Hello|Hi|שלום|Merhaba|Ciao|Buongiorno)\b", body, re.MULTILINE)
    assert len(greetings) == 1, body
    assert (
        len(
            re.findall(
                r"<p [^>]*>(Hello|Hi|שלום|Merhaba|Ciao|Buongiorno),",
                files["invitations/email.html"],
            )
        )
        == 1
    )


@pytest.mark.parametrize("lang", ["en", "he"])
def test_email_html_is_written_for_mail_clients(lang: str) -> None:
    html = _files(hand_plan(lang), Artefact.invitations)["invitations/email.html"]
    for banned in ("<style", "var(--", "<svg", "-inline-", "-block-", "<bdi", "class="):
        assert banned not in html, banned
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" width="150"', html)
    assert 'bgcolor="#1f5fae"' in html  # the button's colour survives Outlook
    if lang == "he":
        # Outlook does not carry direction into tables: every table and cell says it
        assert html.count('dir="rtl"') >= 8 and 'align="right"' in html
        assert 'dir="ltr"' not in html.replace('<span dir="ltr">', "")


@pytest.mark.parametrize("lang", ["en", "he"])
def test_eml_is_a_draft_with_text_html_and_the_qr_code(lang: str) -> None:
    files = _files(hand_plan(lang), Artefact.invitations)
    msg = email.message_from_string(files["invitations/email.eml"], policy=policy.default)
    assert msg["X-Unsent"] == "1"
    assert msg["Subject"] == ("Connect is here" if lang == "en" else "קונקט כבר כאן")
    if lang == "en":
        assert str(msg["From"]) == '"Alex Morgan, CEO" <comms@example.com>'
    else:
        assert msg["From"] is None  # no email_from: the sender fills it in
    structure = [(part.get_content_type(), part.get("Content-ID")) for part in msg.walk()]
    assert structure == [
        ("multipart/alternative", None),
        ("text/plain", None),
        ("multipart/related", None),
        ("text/html", None),
        ("image/png", "<qr-code>"),
    ]
    parts = list(msg.walk())
    plain, html, png = parts[1].get_content(), parts[3].get_content(), parts[4].get_content()
    assert plain.startswith("Hello,\n" if lang == "en" else "שלום,\n")
    assert 'src="cid:qr-code"' in html and "data:image" not in html
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert parts[4].get_content_disposition() == "inline"


def test_eml_headers_survive_control_characters(write: Callable[..., Path]) -> None:
    # found by tests/test_fuzz.py: a form feed in the app's name made `email` refuse the Subject.
    # Control characters are refused when the playbook is read now; line breaks still get here.
    text = (DATA / "en.yaml").read_text(encoding="utf-8")
    text = text.replace("  app_name: Connect\n", '  app_name: "Con\\nnect\\u2028x"\n')
    text = text.replace("  signed_by: Alex Morgan, CEO\n", '  signed_by: "Alex\\nMorgan"\n')
    files = _files(hand_plan("en", write(text)), Artefact.invitations)
    msg = email.message_from_string(files["invitations/email.eml"], policy=policy.default)
    assert msg["Subject"] == "Con nect x is here"
    assert str(msg["From"]) == "Alex Morgan <comms@example.com>"


def test_eml_without_a_link_has_no_image(write: Callable[..., Path]) -> None:
    text = (DATA / "en.yaml").read_text(encoding="utf-8")
    text = text.replace("  download_url: https://connect.example.com/get\n", "")
    files = _files(hand_plan("en", write(text)), Artefact.invitations)
    msg = email.message_from_string(files["invitations/email.eml"], policy=policy.default)
    assert [p.get_content_type() for p in msg.walk()] == [
        "multipart/alternative", "text/plain", "text/html",
    ]  # fmt: skip


# ---- teaser copy -------------------------------------------------------------------------------


def test_a_channel_without_copy_is_a_warning_not_a_filler(write: Callable[..., Path]) -> None:
    path = _with_teasers(write, "    poster: Everything about work, in your pocket.\n")
    rendering = render(hand_plan("en", path), [Artefact.teasers])
    names = [f.name for f in rendering.files]
    assert "teasers/intranet.txt" not in names  # nothing to say: no file
    tv = next(f.text for f in rendering.files if f.name == "teasers/tv.html")
    assert 'class="text"' not in tv and "is coming on" not in tv
    missing = [w.message.split("'")[1] for w in rendering.warnings if w.code == "teaser-missing"]
    assert missing == ["email-signature", "tv", "notice-board", "intranet"]


def test_every_channel_a_builtin_playbook_names_has_copy() -> None:
    from conftest import ROOT

    for path in sorted((ROOT / "playbooks").rglob("*.yaml")):
        rendering = render(_scheduled(path), [Artefact.teasers])
        assert [w.format() for w in rendering.warnings if w.code == "teaser-missing"] == []


# ---- per-site checklists -----------------------------------------------------------------------


def test_each_site_gets_its_managers_checklist() -> None:
    files = _files(hand_plan("en"), Artefact.checklist)
    leeds = files["checklists/leeds.html"]
    assert "<h1>Leeds depot — Checklist for the site manager</h1>" in leeds
    assert "<th>Done on / initials</th>" in leeds
    # the site's own copy of the per-site task, and every shared task; not London's copy
    assert leeds.count('<tr class="todo mine">') == 1
    assert leeds.count("<tr ") == 5
    assert "ana@example.com" not in leeds and "cara@example.com" in leeds
    assert '<tr class="done">' in leeds and '<td class="sign"></td>' in leeds
