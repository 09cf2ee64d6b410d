"""Usage errors (a bad option, a missing argument) as one line in launchkit's own form.

Typer prints a usage error as a boxed panel of several lines, with neither the place nor a code.
CI logs and people read one form better: the same `place: error: message [code]` that bad input
in a file gets, where the place is the option or argument instead of `file:line:col`:

    launchkit: --site: error: 'x' is not a site of this playbook (known: hq, plant) [bad-option]

The form and the codes are documented in README.md (exit codes) and docs/errors.md.
"""

from __future__ import annotations

import re
from typing import Any

import typer

# Typer 0.29 carries its own copy of click; older versions use click itself. Both raise usage
# errors as subclasses of `UsageError`, the base class of the `BadParameter` Typer exports.
UsageError: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError"
)

PROGRAM = "launchkit"


def format_usage_error(e: Exception) -> str:
    """One line: `launchkit: PLACE: error: message [code]`, or without PLACE when none applies."""
    kind = type(e).__name__
    place: str | None = None
    if kind == "NoSuchOption":
        place, message = getattr(e, "option_name", None), _no_such_option(e)
        code = "unknown-option"
    elif kind == "MissingParameter":
        place, message = _place(e), f"missing (usage: {_usage(e)})"
        code = "missing-argument"
        if place and place.startswith("-"):
            code = "missing-option"
    elif kind in ("BadParameter", "BadOptionUsage"):
        place = _place(e) or getattr(e, "option_name", None)
        message = str(getattr(e, "message", e))
        message = message.removeprefix("Value error, ").removeprefix("value error, ")
        code = "bad-argument"
        if place is None:
            code = "bad-usage"
        elif place.startswith("-"):
            code = "bad-option"
    else:
        place, code, message = _other(e)
    return _line(place, message, code)


def _line(place: str | None, message: str, code: str) -> str:
    from launchkit.diagnostics import _ESCAPES as ESCAPES  # the table file diagnostics use

    # One line, whatever the library put in; control characters typed on the command line are
    # shown escaped, as in file diagnostics, so they cannot split the line or drive a terminal.
    message = " ".join(message.split()).translate(ESCAPES)
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    message = message.removesuffix(".")
    where = f"{PROGRAM}: {place.translate(ESCAPES)}: " if place else f"{PROGRAM}: "
    return f"{where}error: {message} [{code}]"


def _place(e: Exception) -> str | None:
    """The option (`--site`) or argument (`PLAYBOOK`) at fault, as the user writes or sees it."""
    hint = getattr(e, "param_hint", None)
    if isinstance(hint, str):
        return hint
    if isinstance(hint, (list, tuple)) and hint:
        return " / ".join(str(h) for h in hint)
    param: Any = getattr(e, "param", None)
    if param is None:
        return None
    if getattr(param, "param_type_name", "") == "option":
        longs = [o for o in param.opts if o.startswith("--")]
        return (longs or list(param.opts))[0]  # type: ignore[no-any-return]
    return str(param.metavar or param.name.upper())


def _usage(e: Exception) -> str:
    ctx: Any = getattr(e, "ctx", None)
    if ctx is None:
        return f"{PROGRAM} --help"
    pieces = ctx.command.collect_usage_pieces(ctx)
    return " ".join([ctx.command_path, *pieces])


def _no_such_option(e: Exception) -> str:
    ctx: Any = getattr(e, "ctx", None)
    name = getattr(e, "option_name", "")
    where = f"'{ctx.command_path}'" if ctx is not None else PROGRAM
    possible = sorted(getattr(e, "possibilities", None) or [])
    if possible:
        return f"{where} has no option {name} (did you mean {' or '.join(possible)}?)"
    return f"{where} has no option {name} (`{where.strip(chr(39))} --help` lists them)"


def _other(e: Exception) -> tuple[str | None, str, str]:
    message = str(getattr(e, "message", e))
    command = re.match(r"No such command (['\"])(.*?)\1\.", message)
    if command:
        from launchkit.diagnostics import did_you_mean

        ctx: Any = getattr(e, "ctx", None)
        names = list(ctx.command.list_commands(ctx)) if ctx is not None else []
        hint = did_you_mean(command.group(2), names) or " (`launchkit --help` lists them)"
        code = "unknown-command"
        return command.group(2), code, f"no such command{hint}"
    extra = re.match(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", message)
    if extra:
        code = "extra-argument"
        return extra.group(1), code, f"not expected here (usage: {_usage(e)})"
    code = "bad-usage"
    return None, code, message
