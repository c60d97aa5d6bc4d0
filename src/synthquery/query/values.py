"""Turn what a user typed for a non-ontology metadata key into its wire string.

Each function returns the wire value or raises ``ValueError`` whose text says what was expected;
the builder adds the location. Ontology keys go through :mod:`synthquery.query.resolution`.
"""

from __future__ import annotations

import math
import numbers
import re
from typing import TYPE_CHECKING, Any, cast

from synthquery.query._problems import did_you_mean
from synthquery.query.models import format_number

if TYPE_CHECKING:
    from synthquery.profiles import FieldSpec

__all__ = ["ValueIssue", "coerce_count", "coerce_value", "enum_key"]

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


class ValueIssue(ValueError):
    """A value that cannot be used, with close alternatives when there are some."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()) -> None:
        self.suggestions = suggestions
        super().__init__(message)


def enum_key(text: str) -> str:
    """Compare enum spellings ignoring case, ``_``/``-`` and repeated spaces."""
    return " ".join(re.sub(r"[_\-]+", " ", text).split()).lower()


def coerce_count(value: Any, *, minimum: int, allow_text: bool = False) -> int:
    """An integer >= ``minimum``; numeric text only when reading a table (``allow_text``)."""
    number: Any = value
    if allow_text and isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        number = float(value.strip())
    if isinstance(number, bool) or not isinstance(number, numbers.Real):
        raise ValueIssue(f"must be an integer, got {value!r}")
    as_float = float(number)
    if not (math.isfinite(as_float) and as_float.is_integer()):
        raise ValueIssue(f"must be an integer, got {value!r}")
    if as_float < minimum:
        raise ValueIssue(f"must be >= {minimum}, got {value!r}")
    return int(as_float)


def _enum(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueIssue(f"must be one of {', '.join(map(repr, spec.values))}, got {value!r}")
    wanted = enum_key(value)
    for allowed in spec.values:
        if enum_key(allowed) == wanted:
            return allowed
    raise ValueIssue(
        f"{value!r} is not one of {', '.join(map(repr, spec.values))}",
        did_you_mean(value, spec.values),
    )


def _age(spec: FieldSpec, value: Any) -> str:
    years: float | None = None
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        years = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if _NUMBER.fullmatch(text):
            years = float(text)
        else:
            from synthquery.units import parse_time

            quantity = parse_time(text)  # "63 years", "6 months", "2y"
            per_year = {"years": 1, "months": 12, "weeks": 52.1775, "days": 365.25}
            if quantity is not None and quantity.unit in per_year:
                years = round(quantity.value / per_year[quantity.unit], 2)
    if years is None or not math.isfinite(years):
        raise ValueIssue(f"must be an age in years such as 65, got {value!r}")
    low = spec.min if spec.min is not None else 0
    if years < low or (spec.max is not None and years > spec.max):
        high = format_number(spec.max or 0)
        raise ValueIssue(f"must be between {format_number(low)} and {high} years, got {value!r}")
    return format_number(years)


def _number_unit(spec: FieldSpec, value: Any) -> str:
    from synthquery.units import normalize_dose, normalize_time

    example = "10 um" if spec.unit_kind == "dose" else "24 hours"
    if not isinstance(value, str):
        raise ValueIssue(f"needs a number and a unit such as {example!r}, got {value!r}")
    normalize = normalize_dose if spec.unit_kind == "dose" else normalize_time
    canonical = normalize(value)
    if canonical is None:
        raise ValueIssue(f"cannot read {value!r} as a number and a unit such as {example!r}")
    unit = canonical.split(" ", 1)[1]
    if spec.units and unit not in spec.units:
        raise ValueIssue(f"unit {unit!r} is not accepted; use one of {', '.join(spec.units)}")
    return canonical


def _pattern(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueIssue(f"must be a string, got {value!r}")
    text = value.strip()
    if spec.pattern and not re.fullmatch(spec.pattern, text):
        upper = text.upper()  # accessions are upper-case; "prjna123" is a typing slip
        if re.fullmatch(spec.pattern, upper):
            return upper
        raise ValueIssue(f"{value!r} does not match {spec.pattern}")
    return text


def _free_text(spec: FieldSpec, value: Any) -> str:
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return format_number(cast(float, value))  # any Real works like a float here
    if not isinstance(value, str):
        raise ValueIssue(f"must be text, got {value!r}")
    return value.strip()


_COERCE = {
    "enum": _enum,
    "age": _age,
    "number_unit": _number_unit,
    "pattern": _pattern,
    "free_text": _free_text,
}


def coerce_value(spec: FieldSpec, value: Any) -> str:
    """The wire string for a non-ontology ``value`` of ``spec``; :class:`ValueIssue` if unusable."""
    try:
        coerce = _COERCE[spec.kind]
    except KeyError:
        raise ValueError(f"{spec.key} is an ontology field") from None
    return coerce(spec, value)
