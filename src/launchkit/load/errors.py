"""Turning pydantic's validation errors into diagnostics that point at the YAML."""

from __future__ import annotations

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
    "bool_type": ("wrong-type", "expected true or false, got {input}"),
    "bool_parsing": ("wrong-type", "expected true or false, got {input}"),
    "list_type": ("wrong-type", "expected a list, got {input}"),
    "dict_type": ("wrong-type", "expected a mapping of keys to values, got {input}"),
    "model_type": ("wrong-type", "expected a mapping of keys to values, got {input}"),
    "model_attributes_type": ("wrong-type", "expected a mapping of keys to values, got {input}"),
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
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"'{short}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that owns the last key of `loc`, to suggest a close field name."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        field = fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
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
            diag = error(doc.path, line, col, "missing-key", f"missing required key '{name}'")
        else:
            code, message = _message(kind, err)
            where = ""
            if is_key:
                where = "key "
            line, col = doc.position(real, key=is_key)
            diag = error(doc.path, line, col, code, where + message if where else message)
        key = (diag.line, diag.column, diag.code)
        out.setdefault(key, diag)
    return list(out.values())


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
