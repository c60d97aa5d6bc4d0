"""Located problems found while reading or building a query, and the error that carries them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from synthquery._errors import QueryError

__all__ = ["QueryProblem", "did_you_mean", "input_path", "raise_problems"]


@dataclass(frozen=True, slots=True)
class QueryProblem:
    """One reason a query cannot be built: where (JSON path), what, and what might be meant."""

    path: str
    message: str
    suggestions: tuple[str, ...] = ()

    def __str__(self) -> str:
        hint = (
            f" (did you mean {', '.join(map(repr, self.suggestions))}?)" if self.suggestions else ""
        )
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message}{hint}"


def input_path(index: int, key: str | None = None) -> str:
    """``inputs[2].metadata.sex``, ``inputs[2].num_samples`` or ``inputs[2]``."""
    if key is None:
        return f"inputs[{index}]"
    if key == "num_samples":
        return f"inputs[{index}].num_samples"
    return f"inputs[{index}].metadata.{key}"


def did_you_mean(
    word: str, choices: Iterable[str] | Mapping[str, str], n: int = 3
) -> tuple[str, ...]:
    """Close matches of ``word`` among ``choices`` (case-insensitive, original spelling kept).

    ``choices`` may map names to what to suggest (``{"tissue": "tissue_ontology_id"}``).
    """
    pairs = choices.items() if isinstance(choices, Mapping) else ((c, c) for c in choices)
    by_lower: dict[str, str] = {}
    for name, suggestion in pairs:
        by_lower.setdefault(name.lower(), suggestion)
    close = difflib.get_close_matches(str(word).lower(), list(by_lower), n=n, cutoff=0.6)
    return tuple(dict.fromkeys(by_lower[c] for c in close))


def raise_problems(problems: list[QueryProblem], context: str = "") -> None:
    """Raise one :class:`QueryError` listing every problem (no-op when there are none)."""
    if not problems:
        return
    head = f"{context}: " if context else ""
    if len(problems) == 1:
        raise QueryError(f"{head}{problems[0]}", problems)
    lines = "\n".join(f"  {p}" for p in problems)
    raise QueryError(f"{head}{len(problems)} problems:\n{lines}", problems)
