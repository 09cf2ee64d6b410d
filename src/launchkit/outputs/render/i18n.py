"""Message catalogs: the .po files beside this module, compiled in memory when first needed.

Compiling at load time keeps the repository free of binary .mo files and means an edited .po
file takes effect at once; Babel reads the catalog and writes the .mo bytes into memory.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from launchkit.model.locales import LANGUAGES, is_rtl, language_of

if TYPE_CHECKING:
    from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LOCALES = LANGUAGES


def po_path(locale: str) -> Path:
    """The message catalog of a language (`en-GB` shares `en`'s)."""
    return LOCALE_DIR / f"{language_of(locale)}.po"


@cache
def translations(locale: str) -> Translations:
    """The compiled catalog of `locale`; English msgids serve as their own translation."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with po_path(locale).open("rb") as f:
        catalog = read_po(f, locale=language_of(locale))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain="launchkit")


def text_direction(locale: str) -> str:
    """`rtl` for right-to-left languages, else `ltr`."""
    return "rtl" if is_rtl(locale) else "ltr"
