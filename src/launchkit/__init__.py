"""launchkit: launch playbooks in YAML, turned into plans, readiness verdicts and documents."""

__version__ = "0.1.0"

# The name to `pip install` (command and import name stay `launchkit`): `launchkit` on PyPI is an
# unrelated project, so whatever launchkit writes for users to install names this one, pinned.
DISTRIBUTION = "launchkit-playbook"
