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
        # Issue 18: a character never straddles two segments.
        ("a" * 152 + "[" + "b" * 134 + "c" * 18, "GSM-7", 306, 3),  # 152 + 153 + 1
        ("a" * 151 + "[" + "b" * 153, "GSM-7", 306, 2),  # the escape pair ends segment one
        ("a" * 152 + "[" + "b" * 151, "GSM-7", 305, 2),  # 152 + 153: exactly full
        ("a" * 158 + "€", "GSM-7", 160, 1),  # one segment holds 160 units, pair included
        ("a" * 159 + "€", "GSM-7", 161, 2),  # 153 + 8
        ("€" * 153, "GSM-7", 306, 3),  # 76 pairs a segment (152 units), then the last one
        ("a" * 66 + "🙂" + HE, "UCS-2", 72, 2),  # the pair moves to segment two: 66 + 6
        ("a" * 65 + "🙂" + HE * 17, "UCS-2", 135, 3),  # 67 + 67 + 1
        ("a" * 67 + "🙂" * 34, "UCS-2", 135, 3),  # 67, then 33 pairs (66), then the last pair
        (HE * 16 + "🙂" + "a" * 4, "UCS-2", 70, 1),  # 70 units in one segment, pair included
    ],
)
def test_sms_size(text: str, encoding: str, units: int, segments: int) -> None:
    size = sms_size(text)
    assert (size.encoding, size.units, size.segments) == (encoding, units, segments)


def test_a_long_hebrew_sms_is_a_warning_at_its_line() -> None:
    rendering = render(hand_plan("he"), [Artefact.invitations])
    assert [w.format() for w in rendering.warnings] == [
        "he.yaml:64:10: warning: הזמנת הסמס באורך 122 תווי UCS-2 ותישלח כ־2 מקטעים "
        "(מקטע אחד מכיל 70) [sms-segments]"
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
    assert sms == "\u200fקונקט כבר כאן! להורדה: https://connect.example.com/he\n"


@pytest.mark.parametrize(
    ("locale", "sms", "encoding"),
    [
        ("en", "Connect is here! Download it: https://connect.example.com/get", "GSM-7"),
        ("it", "Ecco Connect! Scarica l'app qui: https://connect.example.com/get", "GSM-7"),
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
