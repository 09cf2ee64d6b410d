"""`launchkit validate` and `launchkit schema`."""

from __future__ import annotations

from pathlib import Path

import typer

from launchkit.cli.app import EXIT_BAD_INPUT, app
from launchkit.cli.common import (
    PLAYBOOK_HELP,
    ForceOption,
    OutputOption,
    TextOrJson,
    emit,
    format_help,
)


@app.command()
def validate(
    files: list[str] = typer.Argument(
        ..., metavar="PLAYBOOK...", help=PLAYBOOK_HELP, show_default=False
    ),
    format: TextOrJson = typer.Option(
        TextOrJson.text, "--format", "-f", metavar="FORMAT", help=format_help(TextOrJson)
    ),
) -> None:
    """Check playbooks against the format and report every problem with its line and column.

    Example: launchkit validate launch.yaml
    """
    from launchkit.outputs.validation import format_json, format_text, validate_files

    results = validate_files(files)
    if format is TextOrJson.json:
        typer.echo(format_json(results))
    else:
        out, err = format_text(results)
        if out:
            typer.echo(out)
        if err:
            typer.echo(err, err=True)
    if not all(r.valid for r in results):
        raise typer.Exit(EXIT_BAD_INPUT)


@app.command()
def schema(output: Path | None = OutputOption, force: bool = ForceOption) -> None:
    """Print the JSON Schema of playbooks, for editors (yaml-language-server) and CI.

    Example: launchkit schema -o playbook.schema.json
    """
    import json

    from launchkit.model import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    emit(text, output, kind="schema", force=force)
