"""The rule base classes: declarative metadata plus one ``check`` method.

A rule says what it is (``code``, dotted ``name``, ``summary``, ``groups``, default ``severity``,
``fixable``) as plain class attributes, documents itself in its docstring (``**Anti-pattern**``
and ``**Best practice**`` sections, enforced by a test) and yields :class:`Diagnostic` objects.

Four scopes, so the engine can memoise the expensive ones:

* :class:`DocumentRule` runs once per document (structure, duplicates, quota);
* :class:`InputRule` runs once per element of ``inputs``;
* :class:`ValueRule` runs once per distinct ``(metadata key, value)`` and is cached, so a
  10,000-input query with 300 distinct tissues validates 300 tissue ids;
* :class:`MetadataRule` runs once per distinct metadata object (cross-field checks).

Value and metadata rules report paths relative to the metadata object (``"sex"``); the engine
rebases them onto ``inputs[i].metadata``.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from synthquery.lint.diagnostic import Diagnostic, Fix, Severity

if TYPE_CHECKING:
    from synthquery.lint.context import LintContext
    from synthquery.profiles import FieldSpec

__all__ = ["DocumentRule", "InputRule", "MetadataRule", "Rule", "ValueRule"]

_KEY_ANCHOR: dict[str, Any] = {"anchor": "key"}


class Rule:
    """Base of every lint rule. Subclass one of the four scoped bases, not this one."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    groups: ClassVar[tuple[str, ...]] = ()
    aliases: ClassVar[tuple[str, ...]] = ()
    severity: ClassVar[Severity] = Severity.ERROR
    fixable: ClassVar[bool] = False
    # rules that report an unreadable document cannot be deselected (nothing else can run)
    required: ClassVar[bool] = False
    scope: ClassVar[str] = ""

    def diagnostic(
        self,
        path: str,
        message: str,
        *,
        severity: Severity | None = None,
        suggestions: Iterable[str] = (),
        fix: Fix | None = None,
        anchor_key: bool = False,
        line: int | None = None,
        column: int | None = None,
    ) -> Diagnostic:
        """A finding of this rule; ``anchor_key`` points line/column at the key, not the value."""
        return Diagnostic(
            code=self.code,
            severity=severity or self.severity,
            path=path,
            message=message,
            suggestions=tuple(suggestions),
            fix=fix,
            name=self.name,
            line=line,
            column=column,
            extra=_KEY_ANCHOR if anchor_key else {},
        )

    @classmethod
    def documentation(cls) -> str:
        """The rule's docs: summary line, metadata, then the docstring body."""
        body = inspect.cleandoc(cls.__doc__ or "")
        meta = [
            f"{cls.code} ({cls.name}): {cls.summary}",
            "",
            f"Groups: {', '.join(cls.groups)}",
            f"Default severity: {cls.severity.value}",
            f"Fixable: {'yes' if cls.fixable else 'no'}",
        ]
        if cls.aliases:
            meta.append(f"Aliases: {', '.join(cls.aliases)}")
        return "\n".join(meta) + "\n\n" + body + "\n"


class DocumentRule(Rule):
    scope = "document"

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        raise NotImplementedError


class InputRule(Rule):
    scope = "input"
    # True when the rule never reports a well-formed input: an object whose ``metadata`` is an
    # object and whose ``num_samples`` is an int of at least the profile's minimum. The engine
    # skips such rules for those inputs (nearly all of a large query).
    silent_when_well_formed: ClassVar[bool] = False

    def check(self, ctx: LintContext, index: int, item: Any, path: str) -> Iterable[Diagnostic]:
        """``item`` is ``inputs[index]`` (any JSON value); ``path`` its absolute path."""
        raise NotImplementedError


class ValueRule(Rule):
    scope = "value"
    # FieldSpec kinds this rule looks at; None = every key the profile knows
    kinds: ClassVar[frozenset[str] | None] = None
    # other metadata keys whose values change this rule's answer (part of the cache key)
    depends_on: ClassVar[tuple[str, ...]] = ()

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        """``text`` is the value as a string (numbers rendered), or None for other types.

        Report paths relative to the metadata object: the key itself.
        """
        raise NotImplementedError


class MetadataRule(Rule):
    scope = "metadata"
    # the rule only looks at metadata holding at least one of these keys (None: always runs);
    # lets the engine skip it with one set operation on the hot path
    keys: ClassVar[frozenset[str] | None] = None
    # when the answer depends only on which keys are present (and their order) and on the values
    # of these keys (absent and null alike), the keys: the engine then runs the rule once per
    # key list and distinct combination of those values (``()``: once per key list);
    # None: it runs for every distinct metadata object
    reads: ClassVar[tuple[str, ...] | None] = None

    def check(self, ctx: LintContext, metadata: Mapping[str, Any]) -> Iterable[Diagnostic]:
        """Report paths relative to the metadata object (``""`` for the object itself)."""
        raise NotImplementedError
