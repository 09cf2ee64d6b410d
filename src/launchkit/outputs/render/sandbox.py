"""The sandbox that a user's templates (`render --templates`) run in, with limits on work and size.

Jinja's immutable sandbox stops a template from reaching Python's internals, but not from asking
for a billion of something: `{{ "a" * 1000000000 }}` once took 4 GB and wrote a 1 GB file, and
`{{ range(10**9)|list }}` or a macro calling itself crashed launchkit (issue 15). Here every
operator and call that can multiply a size is checked before it runs, every result after, the
numbers that `range` hands out are counted, and the output is measured while it is produced.
Going past a limit raises `TemplateTooLarge`, reported as `template-too-large` at the template's
line.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from jinja2 import Template
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_SIZE = 4_000_000
"""Most characters (or items) one value made by a template may hold."""
MAX_OUTPUT = 48_000_000
"""Most characters one rendered file may hold (the built-in checklist of 40,000 planned tasks
is about 15 million)."""
MAX_STEPS = 2_000_000
"""Most numbers `range` may hand out while one file is rendered."""
MAX_POWER_BITS = 100_000
"""Largest result of `**`, in bits (about 30,000 digits)."""


class TemplateTooLarge(Exception):
    """A template asked for more work or a bigger value than a document can need."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        """The template's line, when the traceback cannot tell it (output measured outside)."""


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple | dict | set) else 0


def _check_args(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A width, count or length argument over MAX_SIZE: refused before the call allocates it."""
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_SIZE:
            raise TemplateTooLarge(f"the number {arg:,} is larger than a document can use")


def _check_result(value: Any) -> Any:
    if _size(value) > MAX_SIZE:
        raise TemplateTooLarge(f"a value of {_size(value):,} characters or items")
    return value


def _format_width(text: str) -> None:
    """`"%1000000000s"` and `"{:>1000000000}"` would build a gigabyte before any check."""
    digits = 0
    for c in text:
        digits = digits + 1 if c.isdigit() else 0
        if digits > len(str(MAX_SIZE)):
            raise TemplateTooLarge("a format width larger than a document can use")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with limits on sizes and steps (see the module's docstring)."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.steps = 0
        self.globals["range"] = self._range

    def reset(self) -> None:
        """Start counting afresh for the next file."""
        self.steps = 0

    def guard_filters(self) -> None:
        """Wrap every filter (installed by then) with the same checks as a call."""
        self.filters = {name: _guarded(f) for name, f in self.filters.items()}

    def _range(self, *args: int) -> range:
        """`range`, counting the numbers it will hand out against MAX_STEPS for the file."""
        numbers = range(*args)
        try:
            self.steps += len(numbers)
        except OverflowError:  # more numbers than an index can hold
            self.steps = MAX_STEPS + 1
        if self.steps > MAX_STEPS:
            raise TemplateTooLarge(f"ranges hand out over {MAX_STEPS:,} numbers")
        return numbers

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for a, b in ((left, right), (right, left)):
                if _size(a) and isinstance(b, int) and _size(a) * b > MAX_SIZE:
                    raise TemplateTooLarge(f"a value of {_size(a) * b:,} characters or items")
        elif operator == "**":
            ints = isinstance(left, int) and isinstance(right, int) and abs(left) > 1
            if ints and right > 0 and abs(left).bit_length() * right > MAX_POWER_BITS:
                raise TemplateTooLarge("a number too large to write out")
        elif operator == "%" and isinstance(left, str):
            _format_width(left)
            _check_args(right if isinstance(right, tuple) else (right,), {})  # `%*s`
        return _check_result(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _check_args(args, kwargs)
        return _check_result(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`"{:>9}".format(...)` from a template: the widths are checked before it runs."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        _format_width(str(value.__self__))
        return wrapped


def _guarded(f: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(f)
    def run(*args: Any, **kwargs: Any) -> Any:
        _check_args(args, kwargs)
        for arg in args:
            if isinstance(arg, str) and f.__name__ in ("do_format",):
                _format_width(arg)
        return _check_result(f(*args, **kwargs))

    return run


def bounded_render(template: Template, values: dict[str, Any]) -> str:
    """Render `template`, stopping as soon as its output grows past MAX_OUTPUT."""
    out: list[str] = []
    total = 0
    chunks = template.generate(**values)
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_OUTPUT:
            message = f"the output grew past {MAX_OUTPUT:,} characters"
            raise TemplateTooLarge(message, _current_line(chunks, template))
        out.append(chunk)
    return "".join(out)


def _current_line(chunks: Any, template: Template) -> int | None:
    """The template line a suspended rendering is at: the innermost generator of its file."""
    line = None
    while chunks is not None:
        frame = getattr(chunks, "gi_frame", None)
        if frame is not None and frame.f_code.co_filename == template.filename:
            line = template.get_corresponding_lineno(frame.f_lineno)
        chunks = getattr(chunks, "gi_yieldfrom", None)
    return line
