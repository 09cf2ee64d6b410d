"""Layer 5: reporters, calendar and data export, rendered documents."""
