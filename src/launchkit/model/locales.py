"""The languages launchkit writes in, with or without a region: `en`, `en-GB`, `he-IL`, ...

A playbook's `locale` is a BCP 47 tag. Its language (`en`) picks the words: the message
catalogs, the labels of `plan`, `status` and `check`. The whole tag picks how dates and numbers
are written: Babel's `en_GB` writes 5 March as "Fri 05/03", its `en` (American) as "Fri, 3/5".
"""

from __future__ import annotations

from typing import Literal

Locale = Literal["en", "en-GB", "en-US", "he", "he-IL", "tr", "tr-TR", "it", "it-IT"]
"""Every locale a playbook may name."""

LANGUAGES = ("en", "he", "tr", "it")
"""The languages with their own words."""

RTL_LANGUAGES = frozenset({"he"})


def language_of(locale: str) -> str:
    """`en` for `en-GB`: the language whose words a locale uses."""
    return locale.split("-", 1)[0].split("_", 1)[0].lower()


def babel_locale(locale: str) -> str:
    """`en_GB` for `en-GB`: the name Babel formats dates and numbers with."""
    return locale.replace("-", "_")


def is_rtl(locale: str) -> bool:
    """Whether the locale's language is written right to left."""
    return language_of(locale) in RTL_LANGUAGES
