"""`launchkit site`: the launch room, a static site for everyone outside git."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

import typer

from launchkit.cli.app import app
from launchkit.cli.common import (
    PLAYBOOK_HELP,
    AsOfOption,
    ForceOption,
    check_as_of,
    planned,
    playbook_inputs,
)

TOKEN = re.compile(r"[A-Za-z0-9_-]{16,128}")


@app.command()
def site(
    playbooks: list[str] = typer.Argument(
        ..., metavar="PLAYBOOK...", help=PLAYBOOK_HELP, show_default=False
    ),
    output: Path = typer.Option(
        Path("site"),
        "--output",
        "-o",
        metavar="DIR",
        help="Folder to write the site into.",
        file_okay=False,
    ),
    as_of: dt.date | None = AsOfOption,
    base_url: str | None = typer.Option(
        None,
        "--base-url",
        metavar="URL",
        help="Where the site is published (https://…): gives calendar feeds subscribe links.",
    ),
    feed_token: str | None = typer.Option(
        None,
        "--feed-token",
        envvar="LAUNCHKIT_FEED_TOKEN",
        metavar="TOKEN",
        help="A secret folder for the feeds (16+ letters, digits, - or _); change it to revoke.",
    ),
    metrics: list[str] = typer.Option(
        [],
        "--metrics",
        metavar="[ID=]FILE",
        help="Metrics for a launch, as for check: ID=FILE per playbook id, or FILE for one playbook.",
    ),
    force: bool = ForceOption,
) -> None:
    """Build the launch room: a home page of every launch, a page per launch (readiness,
    timeline, progress, this week, metric gates, documents) and calendar feeds.

    Example: launchkit site app-launch.he -o site
    """
    from launchkit.cli.common import load
    from launchkit.clock import now_utc, today_in
    from launchkit.outputs.site import LaunchInput, build_site
    from launchkit.readiness.forecast import load_with_history

    if base_url is not None and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", base_url):
        raise typer.BadParameter("give the address as https://host/path", param_hint="--base-url")
    if feed_token is not None and not TOKEN.fullmatch(feed_token):
        raise typer.BadParameter(
            "use 16 to 128 letters, digits, - or _ (for example from `openssl rand -hex 16`)",
            param_hint="--feed-token",
        )
    loaded = [load(name) for name in playbooks]
    files_by_id = _metrics_files(metrics, [lp.playbook.id for lp in loaded])
    inputs = []
    for lp in loaded:
        plan = planned(lp, None)
        judged = check_as_of(as_of or today_in(lp.playbook.timezone), plan)
        values = history = None
        source = files_by_id.get(lp.playbook.id)
        if source is not None:
            values, history = load_with_history(source, judged)
        inputs.append(LaunchInput(plan, values, history, judged))

    def previous(name: str) -> bytes | None:
        path = output / name
        return path.read_bytes() if path.is_file() else None

    files = build_site(
        inputs, now=now_utc(), base_url=base_url, token=feed_token, previous=previous
    )
    read = [p for name in playbooks for p in playbook_inputs(name)] + list(files_by_id.values())
    _write(output, files, force, read)
    typer.echo(str(output / "index.html"))


def _metrics_files(given: list[str], ids: list[str]) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for item in given:
        name, sep, file = item.partition("=")
        if not sep:
            if len(ids) != 1:
                raise typer.BadParameter(
                    "with several playbooks, say whose metrics: ID=FILE", param_hint="--metrics"
                )
            name, file = ids[0], item
        if name not in ids:
            raise typer.BadParameter(
                f"no playbook '{name}' (given: {', '.join(ids)})", param_hint="--metrics"
            )
        out[name] = Path(file)
    return out


def _write(folder: Path, files: Sequence[object], force: bool, inputs: list[Path]) -> None:
    """All files or none, only inside `folder`, over files the site's manifest lists
    (`launchkit.outputs.folder`; docs/export.md, "Where `-o` writes")."""
    from launchkit.outputs.folder import write_folder
    from launchkit.outputs.render.base import output_path

    named = [
        (output_path(folder, f.name), f.name, f.data)  # type: ignore[attr-defined]
        for f in files
    ]
    write_folder(
        named, folder, ".launchkit-site.json", writer="launchkit site", force=force, inputs=inputs
    )
