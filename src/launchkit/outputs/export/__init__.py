"""Calendar and data export of a plan: iCalendar, CSV and Mermaid, one module each.

The modules import their libraries (icalendar, dateutil) inside the functions, so importing this
registry stays cheap.
"""

from __future__ import annotations

from launchkit.outputs.export.base import Exporter, ExportFormat, ExportOptions, parse_alarm
from launchkit.outputs.export.csv import export_csv
from launchkit.outputs.export.ics import export_ics
from launchkit.outputs.export.mermaid import export_mermaid

EXPORTERS: dict[ExportFormat, Exporter] = {
    ExportFormat.ics: export_ics,
    ExportFormat.csv: export_csv,
    ExportFormat.mermaid: export_mermaid,
}
"""The function that writes each format."""

__all__ = ["EXPORTERS", "ExportFormat", "ExportOptions", "Exporter", "parse_alarm"]
