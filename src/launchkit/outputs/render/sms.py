"""How many SMS segments a text takes: GSM 03.38 (7-bit) when every character allows, else UCS-2.

One segment holds 160 GSM-7 or 70 UCS-2 characters; a longer text is sent as a concatenated
message whose segments hold 153 or 67, because each carries a header. Hebrew, and Turkish
letters such as ş, ğ and ı, are not in the GSM alphabet, so such texts count as UCS-2.

Networks split a long text between characters, never inside one: a character of the GSM
extension table (`[`, `€`, ...) is an escape and a code that stay in one segment, and a
character outside the Basic Multilingual Plane (an emoji) is a UTF-16 surrogate pair that stays
in one segment. A segment may therefore carry one unit less than its room, and the count is
made by filling segments character by character, not by dividing the length.
"""

from __future__ import annotations

from dataclasses import dataclass

_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Characters of the extension table are sent as an escape plus a code: two units each.
_GSM_EXTENDED = frozenset("^{}\\[~]|€\f")


@dataclass(frozen=True)
class SmsSize:
    """The encoding, length in encoding units, and segment count of an SMS text."""

    encoding: str
    """`GSM-7` or `UCS-2`."""
    units: int
    """Septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2."""
    segments: int

    @property
    def single_limit(self) -> int:
        """Characters that fit in one segment with this encoding."""
        return 160 if self.encoding == "GSM-7" else 70


def sms_size(text: str) -> SmsSize:
    """Measure `text` as a phone would send it."""
    if all(c in _GSM_BASIC or c in _GSM_EXTENDED for c in text):
        sizes = [2 if c in _GSM_EXTENDED else 1 for c in text]
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        # Characters outside the Basic Multilingual Plane (emoji) take two UTF-16 units.
        sizes = [2 if ord(c) > 0xFFFF else 1 for c in text]
        single, multi, encoding = 70, 67, "UCS-2"
    units = sum(sizes)
    if units <= single:
        return SmsSize(encoding, units, 1)
    return SmsSize(encoding, units, _segments(sizes, multi))


def _segments(sizes: list[int], room: int) -> int:
    """Segments of `room` units filled in order, a character never split across two."""
    segments, used = 1, 0
    for size in sizes:
        if used + size > room:
            segments, used = segments + 1, 0
        used += size
    return segments
