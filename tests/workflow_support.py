"""The GitHub Actions workflow that `launchkit init` writes, read as GitHub would run it."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from launchkit import DISTRIBUTION, __version__

WORKFLOW = Path(".github") / "workflows" / "launch.yml"


@dataclass(frozen=True)
class Steps:
    """The workflow's `run:` steps: what it pip-installs, and each `launchkit ...` command."""

    install: list[str]  # the arguments after `pip install`
    launchkit: list[list[str]]  # each command's arguments after `launchkit`


def read_steps(folder: Path) -> Steps:
    """The run steps of the workflow written into `folder`; any other kind of step fails."""
    flow = YAML(typ="safe").load(folder / WORKFLOW)
    install: list[str] = []
    commands: list[list[str]] = []
    for step in flow["jobs"]["check"]["steps"]:
        if "uses" in step:
            assert step["uses"].startswith(("actions/checkout@", "actions/setup-python@"))
            continue
        words = shlex.split(step["run"])
        if words[:2] == ["pip", "install"]:
            install.extend(words[2:])
        else:
            assert words[0] == "launchkit", f"a step launchkit's tests do not run: {step['run']}"
            commands.append(words[1:])
    return Steps(install, commands)


def pinned() -> list[str]:
    """What the workflow must pip-install: this distribution at exactly this version."""
    return [f"{DISTRIBUTION}=={__version__}"]
