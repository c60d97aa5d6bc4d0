"""The synthquery exception tree.

::

    SynthqueryError
    ├── UsageError                  bad argument from the caller (wrong type, unknown name)
    │   ├── UnknownVocabularyError
    │   ├── UnknownFieldError
    │   └── UnknownModelError
    ├── DataError                   shipped data or a cache file is missing or corrupt
    │   ├── SnapshotError
    │   └── IndexError_             (exported as ``IndexCorruptError``)
    ├── TermNotFoundError           (also a ``KeyError``) an id absent from a vocabulary
    ├── QueryError                  a query that cannot be built or read
    │   └── QueryLintError          a query refused because the linter found errors
    ├── OLSError                    EBI OLS unreachable or answered nonsense
    └── SynthesizeAPIError          the prediction API (see ``synthquery.client``)

Every error a user can cause derives from :class:`SynthqueryError`, so the CLI can turn any of
them into a one-line message and an exit code instead of a traceback.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "DataError",
    "IndexCorruptError",
    "OLSError",
    "QueryError",
    "QueryLintError",
    "SnapshotError",
    "SynthqueryError",
    "TermNotFoundError",
    "UnknownFieldError",
    "UnknownModelError",
    "UnknownVocabularyError",
    "UsageError",
]


class SynthqueryError(Exception):
    """Base class of every error synthquery raises on purpose."""


class UsageError(SynthqueryError, ValueError):
    """The caller passed something synthquery cannot use."""


class UnknownVocabularyError(UsageError):
    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        super().__init__(f"unknown vocabulary {name!r}; known: {', '.join(known)}")


class UnknownFieldError(UsageError):
    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        super().__init__(f"unknown field {name!r}; known: {', '.join(known)}")


class UnknownModelError(UsageError):
    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        super().__init__(f"unknown model {name!r}; known: {', '.join(known)}")


class DataError(SynthqueryError):
    """Shipped data or a cache file is missing, unreadable or corrupt."""


class SnapshotError(DataError):
    """An ontology snapshot under ``ontologies/`` is missing or fails its checksum."""


class IndexCorruptError(DataError):
    """The compiled index could not be opened or rebuilt."""


class TermNotFoundError(SynthqueryError, KeyError):
    """An id that is not in the vocabulary asked."""

    def __init__(self, term_id: str, vocabulary: str) -> None:
        self.term_id = term_id
        self.vocabulary = vocabulary
        super().__init__(term_id)

    def __str__(self) -> str:
        return f"{self.term_id!r} is not a term of {self.vocabulary}"


class QueryError(SynthqueryError):
    """A query that cannot be built or read; ``problems`` lists each one with its location."""

    def __init__(self, message: str, problems: list[Any] | None = None) -> None:
        self.problems = list(problems or [])
        super().__init__(message)


class QueryLintError(QueryError):
    """A query refused because the linter reported errors; ``report`` holds them."""

    def __init__(self, report: Any) -> None:
        self.report = report
        errors = list(getattr(report, "errors", []))
        lines = [f"{d.path}: {d.code} {d.message}" for d in errors[:10]]
        more = f"\n... and {len(errors) - 10} more" if len(errors) > 10 else ""
        super().__init__(
            f"query has {len(errors)} lint error(s):\n" + "\n".join(lines) + more, errors
        )


class OLSError(SynthqueryError):
    """EBI OLS could not answer (network, timeout, malformed response)."""
