"""Layer 6: the command line. Each command module registers itself on `app` when imported."""

from launchkit.cli import (  # noqa: F401  (each module registers its commands)
    advise,
    check,
    diff,
    edit,
    export,
    init,
    plan,
    playbooks,
    render,
    site,
    status,
    validate,
)
from launchkit.cli.app import app, main

# `--help` lists commands in the order a launch team meets them, not in import order.
_ORDER = [
    "playbooks", "init", "validate", "schema", "plan", "check", "status", "advise",
    "export", "render", "site", "done", "set", "diff",
]  # fmt: skip


def _rank(command: object) -> int:
    name = getattr(command, "name", None) or getattr(
        getattr(command, "callback", None), "__name__", ""
    )
    return _ORDER.index(name) if name in _ORDER else len(_ORDER)


app.registered_commands.sort(key=_rank)

__all__ = ["app", "main"]
