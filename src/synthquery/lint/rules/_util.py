"""Small pure helpers shared by the rule families."""

from __future__ import annotations

import difflib
import json
import math
import numbers
import re
from collections.abc import Iterable
from typing import Any

__all__ = [
    "as_bool",
    "as_int",
    "close_matches",
    "is_blank",
    "norm_key",
    "norm_token",
    "show",
    "type_name",
]

_MAX_SHOWN = 60
_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def show(value: Any) -> str:
    """A short, safe rendering of any value for a message (never recursive, never huge)."""
    if isinstance(value, str):
        text = value if len(value) <= _MAX_SHOWN else value[: _MAX_SHOWN - 1] + "…"
        # JSON escapes quotes, backslashes and C0 controls; also escape what json.dumps leaves
        # (DEL, C1, bidi overrides) so a hostile file cannot drive the terminal showing the report
        quoted = json.dumps(text, ensure_ascii=False)
        return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        text = repr(value)
        return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"
    if isinstance(value, (list, dict)):
        return type_name(value)
    try:  # a Python value JSON has no type for (numpy scalar, Decimal, set...): its repr
        text = repr(value)
    except Exception:  # a broken __repr__ must not break a message
        return type_name(value)
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"


def type_name(value: Any) -> str:
    """The JSON type of a value, with an article (``an object``, ``a string``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    # numpy ints, Decimal, sets...: say so, since json.dumps cannot send them as they are
    return f"a Python {type(value).__name__} (not a JSON value)"


_INT_TEXT = re.compile(r"\s*[+-]?\d+(?:\.0*)?\s*")


def as_int(value: Any) -> int | None:
    """The integer a value certainly means (``"5"``, ``5.0``, ``"5.0"``), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):  # int, and numpy integers from a DataFrame
        return int(value)
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, str) and _INT_TEXT.fullmatch(value):
        return int(value.strip().split(".")[0])
    return None


def as_bool(value: Any) -> bool | None:
    """``"true"``/``"false"`` (any case, trimmed) -> bool; anything else None."""
    if isinstance(value, str):
        return {"true": True, "false": False}.get(value.strip().lower())
    return None


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_SEPARATORS = re.compile(r"[\s_\-]+")


def norm_token(text: str) -> str:
    """Case/separator-insensitive enum value: ``Primary_Tissue`` -> ``primary tissue``."""
    return _SEPARATORS.sub(" ", text).strip().casefold()


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def norm_key(text: str) -> str:
    """snake_case key: ``tissueOntologyId`` or ``Tissue Ontology ID`` -> ``tissue_ontology_id``."""
    return _NON_WORD.sub("_", _CAMEL.sub("_", text.strip()).lower()).strip("_")


def close_matches(
    word: str, choices: Iterable[str], *, n: int = 3, cutoff: float = 0.6
) -> list[str]:
    """Choices close to ``word`` (case-insensitive), best first, original spelling kept."""
    by_lower: dict[str, str] = {}
    for choice in choices:
        by_lower.setdefault(choice.lower(), choice)
    found = difflib.get_close_matches(word.lower(), list(by_lower), n=n, cutoff=cutoff)
    return [by_lower[f] for f in found]


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()
