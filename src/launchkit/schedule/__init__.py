"""Layer 3: working-day calendars and the scheduler that turns a playbook into a dated Plan."""

from launchkit.schedule.plan import Moved, Plan, PlannedTask

__all__ = ["Moved", "Plan", "PlannedTask"]
