"""Issue 18: every word in the reader's language (role titles, the reader's week, locales)."""

from __future__ import annotations

import datetime as dt

import pytest

from launchkit.model import Playbook
from launchkit.model.locales import babel_locale, is_rtl, language_of
from launchkit.outputs.status import work_week


def _playbook(**people: dict[str, str]) -> Playbook:
    return Playbook.model_validate({"launchkit": 1, "id": "x", "title": "X", "people": people})


def test_readers_see_a_name_and_title_never_the_role_id():
    pb = _playbook(comms={"name": "Tom Whitfield", "title": "Internal comms"}, hr={"name": "Priya"})
    assert pb.owner_label("comms") == "Tom Whitfield (Internal comms)"
    assert pb.owner_label("hr") == "Priya"
    assert pb.owner_label("it") == "it"  # nobody named: the id is all there is
    assert pb.owner_label(None) == ""


@pytest.mark.parametrize(
    ("locale", "language", "babel", "rtl"),
    [("en-GB", "en", "en_GB", False), ("he-IL", "he", "he_IL", True), ("tr", "tr", "tr", False)],
)
def test_a_locale_gives_its_language_and_babels_name(locale, language, babel, rtl):
    assert (language_of(locale), babel_locale(locale), is_rtl(locale)) == (language, babel, rtl)


ISRAEL = ["sun", "mon", "tue", "wed", "thu"]
EUROPE = ["mon", "tue", "wed", "thu", "fri"]


@pytest.mark.parametrize(
    ("workweek", "as_of", "first", "last"),
    [
        (ISRAEL, "2027-01-06", "2027-01-03", "2027-01-07"),  # a Wednesday: Sunday to Thursday
        (ISRAEL, "2027-01-03", "2027-01-03", "2027-01-07"),  # the Sunday itself
        (ISRAEL, "2027-01-07", "2027-01-03", "2027-01-07"),  # the Thursday itself
        (ISRAEL, "2027-01-08", "2027-01-10", "2027-01-14"),  # a Friday: the coming week
        (ISRAEL, "2027-01-09", "2027-01-10", "2027-01-14"),  # a Saturday: the coming week
        (EUROPE, "2027-01-06", "2027-01-04", "2027-01-08"),
        (EUROPE, "2027-01-09", "2027-01-11", "2027-01-15"),  # a Saturday
        (EUROPE, "2027-01-10", "2027-01-11", "2027-01-15"),  # a Sunday
        (["fri", "sat", "sun"], "2027-01-04", "2027-01-08", "2027-01-10"),  # a week across Monday
    ],
)
def test_this_week_is_the_playbooks_work_week(workweek, as_of, first, last):
    found = work_week(workweek, dt.date.fromisoformat(as_of))
    assert found == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


# ---- documents: casing, right-to-left marks, link wording ------------------------------------

from launchkit.load import load_playbook  # noqa: E402 - grouped with the tests that use it
from launchkit.outputs.render import Artefact, render  # noqa: E402
from launchkit.outputs.render.base import capfirst, lower, upper  # noqa: E402
from launchkit.schedule import schedule  # noqa: E402

RLM = "\u200f"


@pytest.mark.parametrize(
    ("function", "text", "locale", "expected"),
    [
        (capfirst, "iletişim", "tr", "İletişim"),
        (capfirst, "ışık", "tr-TR", "Işık"),
        (capfirst, "iletişim", "en", "Iletişim"),
        (upper, "iletişim ışık", "tr", "İLETİŞİM IŞIK"),
        (lower, "IŞIK İLETİŞİM", "tr", "ışık iletişim"),
        (lower, "INFO", "it", "info"),
    ],
)
def test_case_changes_follow_the_language(function, text, locale, expected):
    assert function(text, locale) == expected


def _files(tmp_path, playbook: str, only: Artefact, **replace: str) -> dict[str, str]:
    from launchkit.resources import data_dir

    language = playbook.rsplit(".", 1)[-1] if "." in playbook else "en"
    text = (data_dir("playbooks") / playbook.split(".")[0] / f"{language}.yaml").read_text(
        encoding="utf-8"
    )
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "launch.yaml"
    path.write_text(text, encoding="utf-8")
    rendering = render(schedule(load_playbook(path)), [only])
    return {f.name: f.text for f in rendering.files}


def test_a_turkish_app_name_is_capitalised_with_a_dotted_i(tmp_path):
    files = _files(
        tmp_path,
        "advocacy-60-day.tr",
        Artefact.teasers,
        **{"app_name: Anadolu Sesi": "app_name: iletişim"},
    )
    assert ">İletişim</strong>" in files["teasers/email-signature.html"]
    assert "\nİletişim · " in files["teasers/email-signature.txt"]
    assert "Iletişim" not in "".join(files.values())


def test_hebrew_plain_text_starts_every_paragraph_with_a_right_to_left_mark(tmp_path):
    files = _files(
        tmp_path,
        "app-launch.he",
        Artefact.invitations,
        **{"app_name: מחוברים": "app_name: Connect"},
    )
    for name, text in files.items():
        if name.endswith(".txt"):
            assert all(line.startswith(RLM) for line in text.splitlines() if line.strip()), name
    assert files["invitations/sms.txt"].startswith(RLM + "מחוברים כאן!") or files[
        "invitations/sms.txt"
    ].startswith(RLM)
    assert RLM not in files["invitations/email.html"]  # HTML has dir="rtl" instead


def test_a_sign_up_link_says_join_not_download(tmp_path):
    files = _files(tmp_path, "advocacy-program.he", Artefact.invitations)  # …/join
    assert "להצטרפות" in files["invitations/email.html"]
    assert "להורדה" not in files["invitations/email.html"]
    files = _files(tmp_path, "advocacy-60-day.it", Artefact.invitations)  # …/invito
    assert "Iscriviti qui:" in files["invitations/email.txt"]
    assert "Scarica" not in files["invitations/email.txt"]


def test_link_kind_in_the_playbook_wins(tmp_path):
    files = _files(
        tmp_path,
        "app-launch",
        Artefact.invitations,
        **{"  download_url:": "  link_kind: read\n  download_url:"},
    )
    assert "Read it here:" in files["invitations/email.txt"]


def test_the_hebrew_marp_deck_isolates_figures(tmp_path):
    deck = _files(tmp_path, "app-launch.he", Artefact.deck)["deck.md"]
    assert "| \u2066≥ 100\u2069 |" in deck
    assert "\u2066" not in _files(tmp_path, "app-launch", Artefact.deck)["deck.md"]


@pytest.mark.parametrize(
    ("locale", "counts", "expected"),
    [
        ("it", (1, 1, 1), "1 errore, 1 avviso, 1 nota"),
        ("it", (0, 2, 2), "0 errori, 2 avvisi, 2 note"),
        ("en", (1, 0, 1), "1 error, 0 warnings, 1 info"),
    ],
)
def test_the_counts_agree_with_their_numbers(locale, counts, expected):
    from launchkit.diagnostics import Severity
    from launchkit.outputs.reporters.words import Words
    from launchkit.readiness import Finding, Report

    severities = [Severity.ERROR, Severity.WARNING, Severity.INFO]
    findings = [
        Finding(severity, "gate-unmet", f"g{severity.name}{i}", "m", "l.yaml", 1, 1)
        for severity, n in zip(severities, counts, strict=True)
        for i in range(n)
    ]
    day = dt.date(2027, 1, 3)
    report = Report("p", "l.yaml", day, day, findings, locale=locale)
    assert Words(locale).counts(report) == expected
