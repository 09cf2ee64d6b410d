"""One value for every problem launchkit reports, from a YAML syntax error to a missed gate."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.StrEnum):
    """How much a problem matters. `error` stops a run (load) or a launch (check)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at a place in a file. Line and column are 1-based; 1:1 for the file as a whole."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        """`file:line:col: severity: message [code]`, the form editors and CI jump to.

        Always one line: a control or line-separator character quoted from the playbook (a value
        `"a\\nb"`) is shown escaped, so that it can neither split the diagnostic in two for the
        tools that read it line by line nor send escape sequences to a terminal.
        """
        path, message = self.path.translate(_ESCAPES), self.message.translate(_ESCAPES)
        return f"{path}:{self.line}:{self.column}: {self.severity}: {message} [{self.code}]"


_ESCAPES = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))} | {
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


class LaunchkitError(Exception):
    """Bad input that stops a command. Carries the diagnostics to print; the CLI exits 2."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


def error(path: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    """Shorthand for an error diagnostic."""
    return Diagnostic(path, line, column, Severity.ERROR, code, message)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` when one of `choices` is close to `word`, else an empty string."""
    import difflib

    names = list(choices)
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def source_lines(text: str, *, last: bool = False) -> list[str]:
    """The lines of a file as an editor numbers them, and as every `file:line:col` counts them.

    Only LF, CRLF and CR end a line. `str.splitlines` also splits at NEL, LS, PS, form feeds
    and the like, which would put every line after one under the wrong number. With `last`, the
    empty line after a final line break is kept, where a YAML parser may point.
    """
    lines = _LINE_BREAK.split(text)
    if lines[-1] == "" and not last:
        lines.pop()
    return lines


def line_and_column(text: str | bytes, at: int) -> tuple[int, int]:
    """1-based line and column of index `at`, lines counted as `source_lines` counts them (LF,
    CRLF and CR). In bytes, `at` is a byte offset and the column counts characters, each byte
    that is not UTF-8 as one."""
    before = text[:at].decode("utf-8", errors="replace") if isinstance(text, bytes) else text[:at]
    lines = _LINE_BREAK.split(before)
    return len(lines), len(lines[-1]) + 1
