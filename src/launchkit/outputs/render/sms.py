"""How many SMS segments a text takes: GSM 03.38 (7-bit) when every character allows, else UCS-2.

One segment holds 160 GSM-7 or 70 UCS-2 characters; a longer text is sent as a concatenated
message whose segments hold 153 or 67, because each carries a header. Hebrew, and Turkish
letters such as ş, ğ and ı, are not in the GSM alphabet, so such texts count as UCS-2.
"""

from __future__ import annotations

import math
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
        units = sum(2 if c in _GSM_EXTENDED else 1 for c in text)
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        # Characters outside the Basic Multilingual Plane (emoji) take two UTF-16 units.
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = 70, 67, "UCS-2"
    segments = 1 if units <= single else math.ceil(units / multi)
    return SmsSize(encoding, units, segments)
