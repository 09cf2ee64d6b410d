"""Country and subdivision codes, checked against the `holidays` package without loading it all."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def _country_codes() -> dict[str, str]:
    """Country code -> the holidays package's class name for it (`IL` -> `Israel`)."""
    table = _registry_table()
    if table is None:  # an unusual install: import the registry, and the package with it
        from holidays.registry import COUNTRIES

        table = COUNTRIES
    return {entry[1]: entry[0] for entry in table.values()}


def _registry_table() -> dict[str, tuple[str, ...]] | None:
    """The `COUNTRIES` table of holidays/registry.py, read from its source without importing.

    Importing `holidays.registry` imports the whole package first (about eight times the
    start-up of `python -c pass`), when all `validate` and `check` need is this literal table.
    None where the file or the table is not as expected; the caller then imports it.
    """
    import ast
    import importlib.util

    spec = importlib.util.find_spec("holidays")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    try:
        source = Path(spec.submodule_search_locations[0], "registry.py").read_text("utf-8")
        for node in ast.parse(source).body:
            target: ast.expr
            if isinstance(node, ast.AnnAssign) and node.value is not None:
                target, value = node.target, node.value
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            else:
                continue
            if isinstance(target, ast.Name) and target.id == "COUNTRIES":
                table = ast.literal_eval(value)
                return table if isinstance(table, dict) else None
    except (OSError, SyntaxError, ValueError):
        return None
    return None


@cache
def subdivisions(country: str) -> tuple[str, ...]:
    """The subdivision codes `holidays` knows for one country (`MD` for Madrid in `ES`)."""
    import holidays

    cls = holidays.country_holidays(country).__class__
    return tuple(getattr(cls, "subdivisions", ()))


def check_country(code: str) -> str | None:
    """None when `code` (`IL`, `ES-MD`) is known to `holidays`, else a message saying why not."""
    from launchkit.diagnostics import did_you_mean

    country, _, subdiv = code.partition("-")
    codes = _country_codes()
    if country not in codes:
        hint = (
            f" (did you mean '{code.upper()}'?)"
            if code != code.upper() and check_country(code.upper()) is None
            else did_you_mean(country, codes)
        )
        return f"'{country}' is not a country code known to the holidays package{hint}"
    if subdiv:
        known = subdivisions(country)
        if not known:
            return f"{country} has no subdivisions in the holidays package; write just {country}"
        if subdiv not in known:
            hint = did_you_mean(subdiv, known)
            listed = ", ".join(known[:40]) + (", ..." if len(known) > 40 else "")
            return f"'{subdiv}' is not a subdivision of {country}{hint}; known: {listed}"
    return None
