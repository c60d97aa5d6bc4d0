"""Diagnostic records: what a lint rule (or the API) found, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

__all__ = ["Diagnostic", "Fix", "FixKind", "Severity"]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


class FixKind(str, Enum):
    """The closed set of edits a fix can make to a query document."""

    REPLACE = "replace"  # set the value at ``path`` to ``value``
    RENAME_KEY = "rename_key"  # rename the key at ``path`` to ``new_key``
    DELETE = "delete"  # remove the key/element at ``path``
    UNWRAP = "unwrap"  # replace the whole document with the value at ``path``


@dataclass(frozen=True, slots=True)
class Fix:
    """A machine-applicable edit. ``path`` is a JSON path like ``inputs[1].metadata.sex``."""

    kind: FixKind
    path: str
    value: Any = None
    new_key: str | None = None
    description: str = ""

    @classmethod
    def replace(cls, path: str, value: Any, description: str = "") -> Fix:
        return cls(FixKind.REPLACE, path, value=value, description=description)

    @classmethod
    def rename_key(cls, path: str, new_key: str, description: str = "") -> Fix:
        return cls(FixKind.RENAME_KEY, path, new_key=new_key, description=description)

    @classmethod
    def delete(cls, path: str, description: str = "") -> Fix:
        return cls(FixKind.DELETE, path, description=description)

    @classmethod
    def unwrap(cls, path: str, description: str = "") -> Fix:
        return cls(FixKind.UNWRAP, path, description=description)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind.value, "path": self.path}
        if self.kind is FixKind.REPLACE:
            out["value"] = self.value
        if self.new_key is not None:
            out["new_key"] = self.new_key
        if self.description:
            out["description"] = self.description
        return out


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding. ``path`` is the JSON path; ``line``/``column`` are set when linting a file."""

    code: str
    severity: Severity
    path: str
    message: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    name: str = ""
    line: int | None = None
    column: int | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "fix": self.fix.to_dict() if self.fix else None,
        }
