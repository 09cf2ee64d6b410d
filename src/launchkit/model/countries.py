"""Country and subdivision codes, checked against the `holidays` package without loading it all."""

from __future__ import annotations

from functools import cache


@cache
def _country_codes() -> dict[str, str]:
    # The registry is a plain table; reading it avoids importing every country's module.
    from holidays.registry import COUNTRIES

    return {entry[1]: entry[0] for entry in COUNTRIES.values()}


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
