"""SMS segments: GSM-7 holds 160 (153 when concatenated), UCS-2 holds 70 (67); Hebrew is UCS-2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from launchkit.outputs.render import Artefact, render
from launchkit.outputs.render.sms import sms_size
from render_plans import DATA, hand_plan

HE = "שלום"  # four Hebrew letters


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),  # the euro sign is an extension character: two septets
        ("{x}" * 54, "GSM-7", 270, 2),  # braces are extension characters too
        ("Scaricala qui: perché è già là, più ò", "GSM-7", 37, 1),
        ("ş" * 70, "UCS-2", 70, 1),  # Turkish ş is not in the GSM alphabet
        ("ı" * 71, "UCS-2", 71, 2),
        (HE * 17 + "ab", "UCS-2", 70, 1),
        (HE * 17 + "abc", "UCS-2", 71, 2),
        ("x" * 134 + HE[0], "UCS-2", 135, 3),
        ("a" * 68 + "🙂", "UCS-2", 70, 1),  # an emoji takes two UTF-16 units
        ("", "GSM-7", 0, 1),
    ],
)
def test_sms_size(text: str, encoding: str, units: int, segments: int) -> None:
    size = sms_size(text)
    assert (size.encoding, size.units, size.segments) == (encoding, units, segments)


def test_a_long_hebrew_sms_is_a_warning_at_its_line() -> None:
    rendering = render(hand_plan("he"), [Artefact.invitations])
    assert [w.format() for w in rendering.warnings] == [
        "he.yaml:64:10: warning: the SMS invitation is 121 UCS-2 characters and goes out as "
        "2 segments (one segment holds 70) [sms-segments]"
    ]
    sms = {f.name: f.text for f in rendering.files}["invitations/sms.txt"]
    assert sms.endswith(" https://connect.example.com/he\n")


def test_a_short_english_sms_passes_quietly() -> None:
    rendering = render(hand_plan("en"), [Artefact.invitations])
    assert rendering.warnings == []
    sms = {f.name: f.text for f in rendering.files}["invitations/sms.txt"]
    assert sms == "Connect is here! Download it: https://connect.example.com/get\n"


def test_the_default_hebrew_sms_fits_one_segment(write: Callable[..., Path]) -> None:
    text = (DATA / "he.yaml").read_text(encoding="utf-8")
    text = text[: text.index("  invitation:")]
    rendering = render(hand_plan("he", write(text)), [Artefact.invitations])
    assert rendering.warnings == []
    sms = {f.name: f.text for f in rendering.files}["invitations/sms.txt"]
    assert sms == "קונקט כבר כאן! להורדה: https://connect.example.com/he\n"


@pytest.mark.parametrize(
    ("locale", "sms", "encoding"),
    [
        ("en", "Connect is here! Download it: https://connect.example.com/get", "GSM-7"),
        ("it", "Connect è arrivata! Scaricala qui: https://connect.example.com/get", "GSM-7"),
        ("tr", "Connect yayında! Hemen indirin: https://connect.example.com/get", "UCS-2"),
    ],
)
def test_the_default_sms_fits_one_segment_in_every_language(
    write: Callable[..., Path], locale: str, sms: str, encoding: str
) -> None:
    text = (DATA / "en.yaml").read_text(encoding="utf-8").replace("locale: en", f"locale: {locale}")
    rendering = render(hand_plan("en", write(text)), [Artefact.invitations])
    assert rendering.warnings == []
    assert {f.name: f.text for f in rendering.files}["invitations/sms.txt"] == sms + "\n"
    assert sms_size(sms).encoding == encoding


def test_a_hebrew_sms_sender_is_a_warning(write: Callable[..., Path]) -> None:
    text = (
        (DATA / "he.yaml")
        .read_text(encoding="utf-8")
        .replace("sms_sender: Connect", "sms_sender: קונקט")
    )
    rendering = render(hand_plan("he", write(text)), [Artefact.invitations])
    assert [(w.line, w.code) for w in rendering.warnings] == [
        (56, "sms-sender"),
        (64, "sms-segments"),
    ]
