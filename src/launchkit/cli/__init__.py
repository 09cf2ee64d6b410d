"""Layer 6: the command line. Each command module registers itself on `app` when imported."""

from launchkit.cli import (  # noqa: F401  (registers its commands)
    plan,
    render,
    validate,
)
from launchkit.cli.app import app, main

__all__ = ["app", "main"]
