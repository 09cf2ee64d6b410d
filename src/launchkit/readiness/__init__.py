"""Layer 4: gates and rules evaluated on a plan as of a date."""
