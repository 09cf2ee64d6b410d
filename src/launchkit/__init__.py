"""launchkit: launch playbooks in YAML, turned into plans, readiness verdicts and documents."""

__version__ = "0.1.0"
