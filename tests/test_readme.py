"""The README stays true: its set-up commands and its table of commands match the CLI."""

from __future__ import annotations

import re
from pathlib import Path

from launchkit.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_setup_commands():
    block = README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert block == [
        "pip install . && launchkit plan app-launch",
        "pip install -e '.[test]' && python -m pytest",
    ]


def test_ci_runs_the_readme_test_command_exactly():
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && python -m pytest\n" in ci


def test_command_table_lists_every_command_once(cli):
    table = re.findall(r"^\| `launchkit (\w+)", README, flags=re.M)
    names = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    # `diff` has two rows (files, or a git revision); every other command has one.
    assert sorted(set(table)) == sorted(names)
    help_text = cli("--help").stdout
    for name in names:
        assert re.search(rf"^│ {name}\b", help_text, flags=re.M), name


def _rows(command: str) -> str:
    """The README's table rows for `launchkit COMMAND` (two for diff), joined."""
    rows = re.findall(rf"^\| `launchkit {command}\b.*$", README, flags=re.M)
    return "\n".join(row.replace("\\|", "|") for row in rows)


def test_command_table_names_every_option_of_every_command():
    import typer.main

    group = typer.main.get_command(app)
    missing = {}
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        row = _rows(name)
        for param in command.params:
            if param.param_type_name != "option":
                continue
            absent = [o for o in param.opts if not re.search(rf"(?<![\w-]){o}(?![\w-])", row)]
            if absent:
                missing.setdefault(name, []).extend(absent)
    root = _rows("--version")
    missing["(root)"] = [o for p in group.params for o in p.opts if o not in root]
    assert {k: v for k, v in missing.items() if v} == {}


def test_readme_pins_the_version_this_is():
    from launchkit import __version__

    pins = re.findall(r"launchkit-playbook==([\w.]+)", README)
    assert pins and set(pins) == {__version__}
