"""`launchkit playbooks`: the built-in playbooks that `init` and every command accept by name."""

from __future__ import annotations

import typer

from launchkit.cli.app import app
from launchkit.cli.common import TextOrJson, emit, format_help


@app.command()
def playbooks(
    format: TextOrJson = typer.Option(
        TextOrJson.text, "--format", "-f", metavar="FORMAT", help=format_help(TextOrJson)
    ),
) -> None:
    """List the built-in playbooks: id, languages, title, number of tasks and gates.

    Use a name as it is (`app-launch`, the English version) or with a language
    (`app-launch.he`) wherever a playbook file is expected, or start a repository from it
    with `launchkit init NAME`.

    Example: launchkit playbooks --format json
    """
    from launchkit.load.catalogue import builtin_catalogue
    from launchkit.outputs.catalogue import format_json, format_text

    entries = builtin_catalogue()
    emit(format_json(entries) if format is TextOrJson.json else format_text(entries), None)
