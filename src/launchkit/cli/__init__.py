"""Layer 6: the command line. Each command module registers itself on `app` when imported."""

from launchkit.cli import plan, validate  # noqa: F401  (registers its commands)
from launchkit.cli import render  # noqa: F401  (registers its commands)
from launchkit.cli.app import app, main

__all__ = ["app", "main"]
