"""Turning pydantic's validation errors into diagnostics that point at the YAML."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from launchkit.diagnostics import Diagnostic, did_you_mean, error
from launchkit.load.document import Document

# pydantic error type -> (code, message); {input} and {expected} are filled in.
_TYPES: dict[str, tuple[str, str]] = {
    "string_type": ("wrong-type", "expected text, got {input}"),
    "int_type": ("wrong-type", "expected a whole number, got {input}"),
    "int_parsing": ("wrong-type", "expected a whole number, got {input}"),
    "int_from_float": ("wrong-type", "expected a whole number, got {input}"),
    "float_type": ("wrong-type", "expected a number, got {input}"),
    "float_parsing": ("wrong-type", "expected a number, got {input}"),
    "finite_number": ("bad-value", "{input} is not a finite number"),
    "bool_type": ("wrong-type", "expected true or false, got {input}"),
    "bool_parsing": ("wrong-type", "expected true or false, got {input}"),
    "list_type": (
        "wrong-type",
        "expected a list (one item per line starting with '- ', or [a, b]), got {input}",
    ),
    "dict_type": ("wrong-type", "expected keys with values (key: value lines), got {input}"),
    "model_type": ("wrong-type", "expected keys with values (key: value lines), got {input}"),
    "model_attributes_type": (
        "wrong-type",
        "expected keys with values (key: value lines), got {input}",
    ),
    "date_type": ("bad-date", "expected a date such as 2027-01-10, got {input}"),
    "date_parsing": ("bad-date", "expected a date such as 2027-01-10, got {input}"),
    "date_from_datetime_parsing": ("bad-date", "{input} is not a real date (YYYY-MM-DD)"),
    "date_from_datetime_inexact": ("bad-date", "expected a day, not a date and time: {input}"),
    "literal_error": ("bad-value", "{input} is not one of {expected}"),
    "greater_than_equal": ("bad-value", "{input} is too small: {expected}"),
    "string_too_long": ("bad-value", "{input} is too long: {expected}"),
    "string_pattern_mismatch": ("bad-value", "{input} does not have the expected form: {expected}"),
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"'{short}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that owns the last key of `loc`, to suggest a close field name."""
    annotation: Any = model
    for part in loc[:-1]:
        current = _inner_model(annotation)
        if current is not None and isinstance(part, str) and part in current.model_fields:
            annotation = current.model_fields[part].annotation
        elif isinstance(part, int) or _is_container(annotation):
            # A list index or a key of a mapping of models (`people: {sponsor: ...}`).
            annotation = _item_type(annotation)
        else:
            return None
    return _inner_model(annotation)


def _is_container(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (list, dict) or any(
        _is_container(a) for a in typing.get_args(annotation)
    )


def _item_type(annotation: Any) -> Any:
    """`Site` for `list[Site]`, `Person` for `dict[Slug, Person]`, through `| None`."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is list and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    for arg in args:
        if _is_container(arg):
            return _item_type(arg)
    return None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (list, dict):
        return None
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def to_diagnostics(exc: ValidationError, doc: Document, model: type[BaseModel]) -> list[Diagnostic]:
    """One diagnostic per distinct place; union branches and key errors folded into one each."""
    out: dict[tuple[int, int, str], Diagnostic] = {}
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        is_key = "[key]" in loc
        real = _real_loc(loc, doc)
        if kind == "extra_forbidden":
            owner = _model_at(model, real)
            name = str(real[-1])
            hint = did_you_mean(name, owner.model_fields) if owner else ""
            line, col = doc.position(real, key=True)
            diag = error(doc.path, line, col, "unknown-key", f"unknown key '{name}'{hint}")
        elif kind == "missing":
            name = str(loc[-1])
            line, col = doc.position(real)
            extra = _MISSING_HINTS.get(name, "") if len(real) == 1 else ""
            diag = error(
                doc.path, line, col, "missing-key", f"missing required key '{name}'{extra}"
            )
        elif real == ("launchkit",) and kind == "literal_error":
            line, col = doc.position(real)
            diag = error(doc.path, line, col, "bad-version", _version_message(err.get("input")))
        else:
            code, message = _message(kind, err)
            if kind == "string_type" and not is_key:
                message += _quote_hint(doc, real)
            line, col = doc.position(real, key=is_key)
            diag = error(doc.path, line, col, code, "key " + message if is_key else message)
        key = (diag.line, diag.column, diag.code)
        out.setdefault(key, diag)
    # Text with a control character in a union (`vars: {x: text | number | yes/no}`) also fails
    # the other branches; the character is the problem to report, not the type.
    refused = {(d.line, d.column) for d in out.values() if d.code == "bad-character"}
    return [
        d for d in out.values() if d.code == "bad-character" or (d.line, d.column) not in refused
    ]


_MISSING_HINTS = {
    "launchkit": " (the format version: start the file with 'launchkit: 1')",
    "id": " (a short id for the playbook, such as app-launch)",
    "title": " (the name of the launch, shown on every document)",
}


def _version_message(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value > 1:
        return (
            f"this playbook is written for format version {value}, but this launchkit reads "
            "version 1; upgrade launchkit"
        )
    return f"'launchkit:' gives the format version and must be 1, not {_describe(value)}"


def _quote_hint(doc: Document, loc: tuple[str | int, ...]) -> str:
    """For text written as something YAML reads as a number, date or yes/no: say to quote it."""
    _, node = doc.node_at(loc)
    if type(node).__name__ == "ScalarNode" and not node.style and node.value:
        return f'; put it in quotes to keep it as text: "{node.value}"'
    return ""


def _real_loc(loc: tuple[Any, ...], doc: Document) -> tuple[str | int, ...]:
    """Drop pydantic's branch names (`float`, `bool`, `[key]`) that are not in the document."""
    real: list[str | int] = []
    for part in loc:
        if part == "[key]":
            continue
        if doc.has((*real, part)):
            real.append(part)
        elif (
            (isinstance(part, str) and part.startswith(("function-", "lax-", "json-")))
            or (isinstance(part, str) and "[" in part)
            or part in ("str", "int", "float", "bool", "date", "Offset", "Span", "time")
        ):
            continue
        else:
            real.append(part)  # a missing key: keep it so the message can name it
            break
    return tuple(real)


def _message(kind: str, err: Any) -> tuple[str, str]:
    if kind in _TYPES:
        code, template = _TYPES[kind]
        ctx = err.get("ctx") or {}
        expected = ctx.get("expected") or ", ".join(f"{k} {v}" for k, v in ctx.items())
        return code, template.format(input=_describe(err.get("input")), expected=expected)
    if kind.startswith("bad-"):
        return kind, str(err["msg"])
    return "bad-value", str(err["msg"])
