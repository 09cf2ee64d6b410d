"""The `launchkit` console script: `--version` and `--help` answered without loading the CLI.

Loading the command line (Typer, and through it pydantic) is most of launchkit's start-up, and
`launchkit --help` needs neither: it prints the text Typer would print, stored in
`cli/help.txt`. The stored text is Typer's own output on a terminal at least 80 columns wide (the
plain help never grows wider); on a narrower one, and for anything else, the real CLI runs.
`tests/test_cli_entry.py` checks that the stored text is what Typer prints, and rewrites it under
`LAUNCHKIT_UPDATE_GOLDEN=1` after a command or an option changes.
"""

from __future__ import annotations

import os
import sys

# os.path, not pathlib: this module runs before anything else, and pathlib is not yet imported.
HELP_FILE = os.path.join(os.path.dirname(__file__), "cli", "help.txt")  # noqa: PTH118, PTH120
PROGRAM = "launchkit"
# Click wraps plain help at the terminal's width, but never wider than 80 columns.
FULL_WIDTH = 80


def main() -> None:
    """Entry point of the `launchkit` console script."""
    args = sys.argv[1:]
    if args == ["--version"]:
        from launchkit import __version__

        _write(f"{PROGRAM} {__version__}\n")
        return
    if args in (["--help"], ["-h"]) and _is_launchkit() and terminal_columns() >= FULL_WIDTH:
        text = stored_help()
        if text is not None:
            _write(text)
            return
    from launchkit.cli import main as cli_main

    cli_main()


def _write(text: str) -> None:
    """Print `text`; a reader that stopped early (`launchkit --help | head -1`) ends it quietly
    with 141, as every command does (launchkit.cli.app)."""
    import os

    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(141) from None


def stored_help() -> str | None:
    """The stored `launchkit --help` text, or None where it is missing (then Typer answers)."""
    try:
        with open(HELP_FILE, encoding="utf-8") as file:  # noqa: PTH123
            return file.read()
    except OSError:
        return None


def terminal_columns() -> int:
    """The terminal's width as `shutil.get_terminal_size()` (which click asks) would give it."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or FULL_WIDTH


def _is_launchkit() -> bool:
    # Click names the program in `Usage:` after the script it was started as.
    return os.path.basename(sys.argv[0]) == PROGRAM  # noqa: PTH119
