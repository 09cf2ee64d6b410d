"""Every fixed word of the documents is in the catalogs, translated into Hebrew, Turkish, Italian."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from launchkit.outputs.render.i18n import LOCALES, po_path

ROOT = Path(__file__).parent.parent
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}


def _msgids() -> set[str]:
    found: set[str] = set()
    sources = [
        (ROOT / "templates", [("**.j2", "jinja2")]),
        (ROOT / "src/launchkit/outputs/render", [("**.py", "python")]),
        (ROOT / "src/launchkit/outputs/reporters", [("**.py", "python")]),
    ]
    for folder, method_map in sources:
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(folder), method_map, options_map={"**.j2": JINJA_OPTIONS}, keywords={"_": None}
        ):
            found.add(message)
    return found


MSGIDS = _msgids()


def test_the_extractor_sees_templates_and_code() -> None:
    assert "Launch day" in MSGIDS  # from templates
    assert "Your role as a manager" in MSGIDS  # from deck.py
    assert "in progress" in MSGIDS  # from templates/common/macros.j2
    assert len(MSGIDS) > 60


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_holds_exactly_the_messages_in_use(locale: str) -> None:
    with po_path(locale).open("rb") as f:
        catalog = read_po(f, locale=locale)
    ids = {m.id for m in catalog if m.id}
    assert sorted(MSGIDS - ids) == [], "missing from the catalog"
    assert sorted(ids - MSGIDS) == [], "no longer used"


@pytest.mark.parametrize("locale", [x for x in LOCALES if x != "en"])
def test_every_message_is_translated_with_its_placeholders(locale: str) -> None:
    with po_path(locale).open("rb") as f:
        catalog = read_po(f, locale=locale)
    for message in catalog:
        if not message.id:
            continue
        assert message.string, f"{locale}: {message.id!r} is not translated"
        assert not message.fuzzy, f"{locale}: {message.id!r} is fuzzy"
        placeholders = sorted(re.findall(r"%\(\w+\)s", str(message.id)))
        assert sorted(re.findall(r"%\(\w+\)s", str(message.string))) == placeholders, message.id
        assert message.string != message.id or message.id.startswith("%"), (
            f"{locale}: {message.id!r} is left in English"
        )
