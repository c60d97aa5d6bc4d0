"""The outcome of one lint: diagnostics, a summary, records for renderers, and fixing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from synthquery.lint.diagnostic import Diagnostic, Severity

__all__ = ["Report"]

MAX_FIX_ROUNDS = 10


class Report:
    """Diagnostics of one document, sorted by input then path.

    ``document`` is what was linted (parsed, when text was given; None if it did not parse).
    """

    def __init__(
        self,
        diagnostics: list[Diagnostic],
        *,
        model: str,
        document: Any = None,
        inputs: int = 0,
        options: dict[str, Any] | None = None,
    ) -> None:
        self.diagnostics = diagnostics
        self.model = model
        self.document = document
        self.inputs = inputs
        self._options = dict(options or {"model": model})

    def __repr__(self) -> str:
        s = self.summary
        return f"<Report {self.model}: {s['errors']} errors, {s['warnings']} warnings>"

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def infos(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.INFO]

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def fixable(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.fix is not None]

    @property
    def ok(self) -> bool:
        return not self.has_errors

    @property
    def summary(self) -> dict[str, Any]:
        counts = Counter(d.severity for d in self.diagnostics)
        return {
            "model": self.model,
            "inputs": self.inputs,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "info": counts[Severity.INFO],
            "fixable": sum(1 for d in self.diagnostics if d.fix is not None),
            "by_code": dict(sorted(Counter(d.code for d in self.diagnostics).items())),
        }

    def records(self) -> list[dict[str, Any]]:
        """One dict per diagnostic: the shape every renderer consumes."""
        return [d.to_dict() for d in self.diagnostics]

    def to_dict(self) -> dict[str, Any]:
        return {"diagnostics": self.records(), "summary": self.summary}

    def render(self, fmt: str = "text", *, filename: str = "<query>", color: bool = False) -> str:
        from synthquery.lint.render import render

        return render([(filename, self)], fmt, color=color)

    def apply_fixes(self, doc: Any = None, *, max_rounds: int = MAX_FIX_ROUNDS) -> Any:
        """A corrected copy of ``doc`` (default: the linted document); ``doc`` is not mutated.

        ``doc`` may be another document (or JSON text): it is linted with this report's
        options first.

        Applies the machine-safe fixes (rules only attach a fix when it is certain), re-lints
        and repeats until no fix applies, so fixes that unlock others (rename ``tissue``, then
        ground its label) all land.
        """
        from synthquery.lint._engine import lint
        from synthquery.lint._fixes import apply_fixes_once

        report: Report = self
        if doc is not None and doc is not self.document:
            report = lint(doc, **self._options)  # fixes must refer to this very document
            if report.document is None:
                return doc  # text that does not parse: nothing to fix
        current = report.document
        for _ in range(max_rounds):
            fixes = [d.fix for d in report.diagnostics if d.fix is not None]
            if not fixes:
                break
            current, applied = apply_fixes_once(current, fixes)
            if not applied:
                break
            report = lint(current, **self._options)
        return current
