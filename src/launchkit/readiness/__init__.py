"""Layer 4: gates and rules evaluated on a plan as of a date."""

from launchkit.readiness.check import check_readiness
from launchkit.readiness.findings import Finding, Report, Subject, WaiverNote
from launchkit.readiness.metrics import Metrics, MetricValue, inline_metrics, load_metrics
from launchkit.schedule.dates import WorkingDays, due_day

__all__ = [
    "Finding",
    "MetricValue",
    "Metrics",
    "Report",
    "Subject",
    "WaiverNote",
    "WorkingDays",
    "check_readiness",
    "due_day",
    "inline_metrics",
    "load_metrics",
]
