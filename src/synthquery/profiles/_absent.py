"""A key's words for "none" ("healthy" for a disease), matched without the profile models:
the lookup command checks every line of a batch against them, and should not load pydantic
for that."""

from __future__ import annotations

import re
from typing import Any


def fold(text: str) -> str:
    """Case and runs of whitespace do not matter in a word list."""
    return " ".join(text.split()).casefold()


def means_none(value: Any, words: tuple[str, ...], patterns: tuple[str, ...]) -> bool:
    """``value`` is one of ``words`` (already folded) or matches one of ``patterns``."""
    if not isinstance(value, str) or not (words or patterns):
        return False
    folded = fold(value)
    return folded in words or any(
        re.fullmatch(pattern, folded, re.IGNORECASE) for pattern in patterns
    )
