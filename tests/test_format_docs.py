"""docs/format.md's field tables are generated from the model, so they cannot drift from it.

Each model reachable from `Playbook` has a table between `<!-- fields:Name -->` and
`<!-- /fields -->`; the prose around the tables is written by hand. After changing the model,
regenerate the tables with `LAUNCHKIT_UPDATE_GOLDEN=1 python -m pytest tests/test_format_docs.py`.
"""

from __future__ import annotations

import os
import re
import types
import typing
from typing import Any

from pydantic import BaseModel

from conftest import ROOT
from launchkit.model import Playbook, values
from launchkit.model.fielddocs import field_docs

FORMAT = ROOT / "docs" / "format.md"
BLOCK = re.compile(r"(<!-- fields:(\w+) -->\n)(.*?)(<!-- /fields -->)", re.DOTALL)

# The typed values of model/values.py, by the words the format reference uses for them.
NAMED: list[tuple[Any, str]] = [
    (values.OffsetValue, "[offset](#offsets)"),
    (values.SpanValue, "[length](#lengths)"),
    (values.TimeValue, "[time](#times)"),
    (values.EventLengthValue, "[event length](#event-lengths)"),
    (values.RRuleValue, "[repeat rule](#repeat-rules)"),
    (values.TimezoneName, "[time zone](#time-zones)"),
    (values.CountryCode, "[country code](#country-codes)"),
    (values.Day, "[date](#dates)"),
    (values.Slug, "[id](#ids-and-names)"),
    (values.Name, "[name](#ids-and-names)"),
    (values.SourceId, "[source id](#source-ids)"),
    (values.Email, "e-mail address"),
]
PLAIN = {str: "text", int: "whole number", float: "number", bool: "true/false"}


def describe(annotation: Any) -> str:
    """The type of a field in words, with links to the value formats and the nested models."""
    for alias, words in NAMED:
        if annotation == alias:
            return words
    if annotation in PLAIN:
        return PLAIN[annotation]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin is list:
        return f"list of {describe(args[0])}"
    if origin is dict:
        return f"mapping of {describe(args[0])} to {describe(args[1])}"
    if origin in (typing.Union, types.UnionType):
        kept = [describe(a) for a in args if a is not type(None)]
        return " or ".join(kept)
    if origin is typing.Annotated:
        return describe(args[0])
    raise AssertionError(f"no words for {annotation!r}: add it to NAMED or PLAIN")


def default(field: Any) -> str:
    if field.is_required():
        return "**required**"
    if field.default_factory is not None:
        made = field.default_factory()
        if isinstance(made, BaseModel):
            return "see below"
        return f"`{made!r}`" if made else "empty"
    if field.default is None:
        return "—"
    value = field.default
    return f"`{str(value).lower() if isinstance(value, bool) else value}`"


def models() -> dict[str, type[BaseModel]]:
    """Every model reachable from Playbook, in the order a reader meets them."""
    found: dict[str, type[BaseModel]] = {}
    todo: list[type[BaseModel]] = [Playbook]
    while todo:
        model = todo.pop(0)
        if model.__name__ in found:
            continue
        found[model.__name__] = model
        for hint in typing.get_type_hints(model, include_extras=True).values():
            todo.extend(_models_in(hint))
    return found


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in _models_in(a)]


def table(model: type[BaseModel]) -> str:
    hints = typing.get_type_hints(model, include_extras=True)
    rows = ["| Key | Type | Default | Meaning |", "|---|---|---|---|"]
    docs = field_docs(model)
    for name, field in model.model_fields.items():
        meaning = (field.description or docs.get(name, "")).replace("|", "\\|").replace("\n", " ")
        rows.append(f"| `{name}` | {describe(hints[name])} | {default(field)} | {meaning} |")
    return "\n".join(rows) + "\n"


def regenerate(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + table(models()[m.group(2)]) + m.group(4), text)


def test_every_model_has_a_table():
    named = {m.group(2) for m in BLOCK.finditer(FORMAT.read_text(encoding="utf-8"))}
    missing = sorted(set(models()) - named)
    assert missing == [], "add '<!-- fields:Name -->\\n<!-- /fields -->' to docs/format.md"
    assert sorted(named - set(models())) == []


def test_field_tables_match_the_model():
    text = FORMAT.read_text(encoding="utf-8")
    fresh = regenerate(text)
    if os.environ.get("LAUNCHKIT_UPDATE_GOLDEN") == "1":
        FORMAT.write_text(fresh, encoding="utf-8")
    assert text == fresh, "docs/format.md is out of date; run with LAUNCHKIT_UPDATE_GOLDEN=1"


def test_the_full_example_in_the_reference_is_valid(tmp_path, cli):
    text = FORMAT.read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(#[^\n]*\nlaunchkit: 1\b.*?)```", text, re.DOTALL)
    assert example
    path = tmp_path / "launch.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    r = cli("validate", str(path))
    assert r.exit_code == 0, r.stderr
