"""Layer 3: working-day calendars and the scheduler that turns a playbook into a dated Plan."""

from launchkit.schedule.engine import schedule
from launchkit.schedule.plan import Moved, Plan, PlannedTask
from launchkit.schedule.workdays import WorkCalendar

__all__ = ["Moved", "Plan", "PlannedTask", "WorkCalendar", "schedule"]
