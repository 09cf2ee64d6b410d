"""YAML syntax errors in words that people who do not write code can act on.

ruamel reports what its parser expected ("did not find expected '-' indicator"); a person
editing a playbook needs to know what to change ("this line is indented differently from the
lines above it"). Each known problem gets its own wording and the most useful place to point at.
"""

from __future__ import annotations

from typing import Any

from launchkit.diagnostics import source_lines


def explain(e: Any, text: str) -> tuple[int, int, str, str]:
    """(line, column, code, message) for a ruamel MarkedYAMLError raised while parsing `text`."""
    problem = (e.problem or "").strip()
    context = (e.context or "").strip()
    mark = e.problem_mark or e.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    ctx = e.context_mark
    ctx_line = ctx.line + 1 if ctx is not None else line
    char = _char_at(text, mark)

    if char == "\t" or "tab" in problem:
        return line, col, "yaml-tab", "a tab is used to indent this line; indent with spaces"
    if "cannot start any token" in problem:
        shown = char if char and char.isprintable() else "this character"
        return (
            line,
            col,
            "yaml-syntax",
            f"a value cannot begin with '{shown}'; put the whole value in quotes",
        )
    if "expected ',' or ']'" in problem:
        return (
            line,
            col,
            "yaml-syntax",
            f"the '[' opened on line {ctx_line} is never closed with ']'",
        )
    if "expected ',' or '}'" in problem:
        return (
            line,
            col,
            "yaml-syntax",
            f"the '{{' opened on line {ctx_line} is never closed with '}}'",
        )
    if "escape" in problem:
        return (
            line,
            col,
            "yaml-syntax",
            "this backslash (\\) escape is not valid inside double quotes; write the character "
            "itself, double the backslash, or use single quotes",
        )
    if "quoted scalar" in context and ("end of stream" in problem or "separator" in problem):
        return (
            ctx_line,
            ctx.column + 1 if ctx is not None else col,
            "yaml-syntax",
            "this quote is never closed; end the text with the same quote mark",
        )
    if "found unexpected ':'" in problem:
        return (
            line,
            col,
            "yaml-syntax",
            "a ':' inside a value here; put the whole value in quotes",
        )
    if "mapping values are not allowed" in problem:
        return (
            line,
            col,
            "yaml-syntax",
            "unexpected ': ' here; if the value itself contains ': ', put it in quotes, "
            "otherwise check this line's indentation",
        )
    if "could not find expected ':'" in problem:
        where = ctx if ctx is not None else mark
        return (
            where.line + 1 if where else line,
            where.column + 1 if where else col,
            "yaml-syntax",
            "this line needs 'key: value' (a colon and a space), or is indented wrongly",
        )
    if (
        "expected '-' indicator" in problem
        or "expected key" in problem
        or "expected <block end>" in problem
    ):
        return (
            line,
            col,
            "yaml-indent",
            f"this line is indented differently from the lines above it (the block begun on "
            f"line {ctx_line}); line up items of the same list or mapping",
        )
    if "duplicate anchor" in context:
        return line, col, "yaml-syntax", "this anchor (&name) is already used above; rename one"
    detail = f"{context}: {problem}" if context and problem else problem or context
    return line, col, "yaml-syntax", f"this is not valid YAML ({detail or 'unknown problem'})"


def _char_at(text: str, mark: Any) -> str:
    """The character at a mark, or '' at the end of the text."""
    if mark is None:
        return ""
    lines = source_lines(text, last=True)
    if mark.line >= len(lines):
        return ""
    row = lines[mark.line]
    return row[mark.column] if mark.column < len(row) else ""


def unreadable_scalar(text: str, e: Exception) -> str:
    """Why YAML could not turn the scalar `text` into a value, for a diagnostic: the text cut
    short, and no advice meant for Python programmers (a 5,000-digit number's error tells them
    to raise `sys.set_int_max_str_digits`)."""
    shown = text if len(text) <= 40 else f"{text[:40]}… ({len(text):,} characters)"
    digits = text.strip().lstrip("+-").replace("_", "")
    if digits.isdigit() and "digits" in str(e):
        return f"'{shown}' is too long a number ({len(digits):,} digits)"
    reason = str(e).splitlines()[0] if str(e) else type(e).__name__
    return f"cannot read '{shown}': {reason}"
