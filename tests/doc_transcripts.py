"""Run the command blocks of the documentation and compare what they print with what they show.

A ```` ```console ```` block is a transcript: each `$ command` line is run, and the lines after it,
up to the next `$` line, are what it must print (standard output and error as a terminal shows
them, trailing spaces ignored). A line `...` stands for any number of lines. A ```` ```sh ````
block is run too; its commands must succeed (exit 0, or 1 for a `launchkit check` that finds the
launch not ready) and their output is not compared.

Each documentation file runs in a scratch folder of its own, from top to bottom, so a page can
start a launch with `launchkit init` and use it further down. An example's README runs in a copy
of its example folder. `launchkit` runs in-process (Typer's runner: fast, no start-up per command);
`cd` and `echo $?` are understood; anything else runs in a shell.

An HTML comment right above a block changes how it runs (and says why, for the reader of the
Markdown source):

    <!-- doc-test: skip (why) -->      not run: needs GitHub, the network, or installs software

`LAUNCHKIT_UPDATE_DOCS=1` rewrites the shown output of every block that differs with what the
command prints now, keeping the lines before and after a `...`; review the diff before committing.

We looked for a transcript tester on PyPI first. cram and prysk read their own `.t` format
(indented `  $` lines), not Markdown, and start a shell per file; pytest-codeblocks runs `sh`
blocks in a subprocess and compares them with a separate expected-output block, not the
`$ command` transcript our pages show; phmdoctest, pytest-markdown-docs and pytest-examples
test Python blocks; Sybil is a framework that would still need this parser and runner. None
runs launchkit in-process (a fresh interpreter per command costs 0.5-1 s here) or
rewrites the shown output in place after a merge, so this small harness does both.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from typer.testing import CliRunner

FENCE = re.compile(r"^```(\w*)\s*$")
MARKER = re.compile(r"^<!--\s*doc-test:\s*(.*?)\s*-->\s*$")
ELLIPSIS = "..."


@dataclass
class Command:
    """One `$ command` line and the lines shown under it (by their index in the file)."""

    text: str
    line: int  # 0-based index of the `$` line
    shown: list[str] = field(default_factory=list)
    compare: bool = True

    @property
    def output_range(self) -> tuple[int, int]:
        return self.line + 1, self.line + 1 + len(self.shown)


@dataclass
class Block:
    language: str
    line: int  # 0-based index of the opening fence
    commands: list[Command]
    skip: str | None = None


def read_blocks(path: Path) -> list[Block]:
    """The `console` and `sh` blocks of a Markdown file, with their commands."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start, language = i, m.group(1)
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        if language in ("console", "sh"):
            block = Block(language, start, _commands(language, lines, start + 1, end))
            block.skip = _skip_reason(lines, start)
            if block.commands:
                blocks.append(block)
        i = end + 1
    return blocks


def _commands(language: str, lines: list[str], start: int, end: int) -> list[Command]:
    commands: list[Command] = []
    for j in range(start, end):
        text = lines[j]
        if language == "sh":
            if text.strip() and not text.lstrip().startswith("#"):
                commands.append(Command(text.strip(), j, compare=False))
        elif text.startswith("$ "):
            commands.append(Command(text[2:], j))
        elif commands:
            commands[-1].shown.append(text)
    return commands


def _skip_reason(lines: list[str], fence: int) -> str | None:
    j = fence - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    m = MARKER.match(lines[j]) if j >= 0 else None
    if m and m.group(1).startswith("skip"):
        return m.group(1)
    return None


def matches(shown: list[str], printed: list[str]) -> bool:
    """Whether `printed` is what `shown` shows, a `...` line standing for any lines."""
    pattern = "".join(
        r"(?:[^\n]*\n)*?" if line == ELLIPSIS else re.escape(line.rstrip()) + r"\n"
        for line in shown
    )
    text = "".join(line + "\n" for line in printed)
    return re.fullmatch(pattern, text) is not None


def refreshed(shown: list[str], printed: list[str]) -> list[str]:
    """What to show instead: the printed lines, cut where the doc cut them with `...`.

    Each run of lines between `...` keeps its length and is taken from where its first line is
    found again in the output (a heading, say), at the start or the end of the output when it
    opens or closes the block; when that no longer fits, the whole output is shown.
    """
    if ELLIPSIS not in shown:
        return printed
    pieces: list[list[str] | None] = []  # runs of lines, None for each `...`
    for line in shown:
        if line == ELLIPSIS:
            pieces.append(None)
        elif pieces and pieces[-1] is not None:
            pieces[-1].append(line)
        else:
            pieces.append([line])
    new: list[str] = []
    at = 0
    for k, piece in enumerate(pieces):
        if piece is None:
            new.append(ELLIPSIS)
            continue
        if k == 0:
            start = 0
        elif k == len(pieces) - 1:
            start = max(at, len(printed) - len(piece))
        else:
            heads = [i for i in range(at, len(printed)) if printed[i] == piece[0].rstrip()]
            start = heads[0] if heads else at
        new.extend(printed[start : start + len(piece)])
        at = start + len(piece)
    return new if matches(new, printed) else printed


@dataclass
class Session:
    """Runs one documentation file's commands in its scratch folder, in order."""

    folder: Path
    app: object
    last_exit: int = 0

    def run(self, command: str) -> tuple[int, list[str]]:
        words = shlex.split(command, comments=True)
        if words[:1] == ["cd"]:
            self.folder = (self.folder / words[1]).resolve()
            code, out = 0, ""
        elif words == ["echo", "$?"]:
            code, out = 0, f"{self.last_exit}\n"
        elif words[:1] == ["launchkit"] and not set(words) & {"|", "&&", ";"}:
            code, out = self._launchkit(words[1:])
        else:
            done = subprocess.run(
                command,
                shell=True,
                cwd=self.folder,
                capture_output=True,
                text=True,
                check=False,
                timeout=120,
            )
            code, out = done.returncode, done.stdout + done.stderr
        self.last_exit = code
        return code, [line.rstrip() for line in out.splitlines()]

    def _launchkit(self, args: list[str]) -> tuple[int, str]:
        target = None
        if ">" in args:
            at = args.index(">")
            args, target = args[:at], args[at + 1]
        old = Path.cwd()
        os.chdir(self.folder)
        try:
            r = CliRunner().invoke(self.app, args, catch_exceptions=False)  # type: ignore[arg-type]
        finally:
            os.chdir(old)
        if target is None:
            return r.exit_code, r.output
        (self.folder / target).write_text(r.stdout, encoding="utf-8")
        return r.exit_code, r.stderr


def rewrite(path: Path, replacements: list[tuple[Command, list[str]]]) -> None:
    """Put the new output of each command into the file, bottom up so line numbers hold."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for command, new in sorted(replacements, key=lambda r: r[0].line, reverse=True):
        start, end = command.output_range
        lines[start:end] = new
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
