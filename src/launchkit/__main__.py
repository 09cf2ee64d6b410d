"""`python -m launchkit` runs the same CLI as the `launchkit` console script."""

from launchkit.cli import main

main()
