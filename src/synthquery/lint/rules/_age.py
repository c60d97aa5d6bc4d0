"""Reading ``age_years`` values: "65", "65 years", "6 months" -> years, and the wire form."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["AgeReading", "format_years", "read_age"]

_UNITS = {
    "years": 1.0,
    "months": 1 / 12,
    "weeks": 7 / 365.25,
    "days": 1 / 365.25,
}
_SPELLINGS = {
    "y": "years", "yr": "years", "yrs": "years", "year": "years", "years": "years",
    "yo": "years", "y/o": "years", "years old": "years", "year old": "years",
    "yrs old": "years", "y.o.": "years",
    "mo": "months", "mos": "months", "month": "months", "months": "months",
    "months old": "months", "month old": "months",
    "w": "weeks", "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks",
    "weeks old": "weeks",
    "d": "days", "day": "days", "days": "days", "days old": "days",
}  # fmt: skip
_AGE = re.compile(
    r"\s*(?P<num>[+-]?(?:\d+(?:[.,]\d+)?|\.\d+))\s*(?P<unit>"
    + "|".join(re.escape(s) for s in sorted(_SPELLINGS, key=len, reverse=True))
    + r")?\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class AgeReading:
    """``years``: the age in years; ``canonical``: its wire string when given in years."""

    years: float
    unit: str
    canonical: str | None


def format_years(value: float) -> str:
    if value.is_integer():
        return str(int(value))
    return f"{value:.6g}"


def read_age(text: str) -> AgeReading | None:
    """The age ``text`` states, or None when it is not one number with an optional unit."""
    match = _AGE.fullmatch(text)
    if match is None:
        return None
    try:
        number = float(match["num"].replace(",", "."))
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    unit = _SPELLINGS[match["unit"].lower()] if match["unit"] else "years"
    years = number * _UNITS[unit]
    canonical = format_years(number) if unit == "years" else None
    return AgeReading(years, unit, canonical)
