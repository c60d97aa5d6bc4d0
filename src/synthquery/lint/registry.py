"""The explicit rule registry and rule selection (``--select I --ignore I005``).

Rules are registered by listing them (``synthquery.lint.rules.get_rules``), never discovered via
``__subclasses__``. A selector resolves, in this order, as: a code (``I004``), a name
(``ids.obsolete``), a group (``ids``, ``all``), an alias, a code prefix (``I``, ``X00``), or an
``fnmatch`` glob over codes and names (``ids.*``, ``K00[1-3]``).
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from synthquery._errors import UsageError
from synthquery.lint.rule import DocumentRule, InputRule, MetadataRule, Rule, ValueRule

__all__ = ["RuleSet", "Selector", "get_registry", "parse_selectors"]

Selector = str | Iterable[str] | None

_CODE = re.compile(r"[A-Z]{1,3}[0-9]{3}")
_NAME = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")
_SCOPES = (DocumentRule, InputRule, ValueRule, MetadataRule)


def parse_selectors(selector: Selector) -> list[str]:
    """``"I,S001"`` or ``["I", "S001"]`` -> ``["I", "S001"]`` (empty entries dropped)."""
    if selector is None:
        return []
    if isinstance(selector, str):
        items = [selector]
    elif isinstance(selector, Iterable):
        items = list(selector)
    else:
        raise UsageError(f"rule selectors must be strings, got {type(selector).__name__}")
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise UsageError(f"rule selectors must be strings, got {type(item).__name__}")
        out.extend(part.strip() for part in item.split(",") if part.strip())
    return out


class RuleSet:
    """An ordered set of rule classes with unique codes and names."""

    def __init__(self, rules: Iterable[type[Rule]] = ()) -> None:
        self._rules: dict[str, type[Rule]] = {}
        self._names: dict[str, str] = {}
        for rule in rules:
            self.register(rule)

    def register(self, rule: type[Rule]) -> type[Rule]:
        """Add ``rule``; rejects duplicates and incomplete metadata (usable as a decorator)."""
        if not (isinstance(rule, type) and issubclass(rule, _SCOPES)):
            raise TypeError(f"{rule!r} is not a scoped Rule subclass")
        if not _CODE.fullmatch(rule.code):
            raise ValueError(f"{rule.__name__}: bad rule code {rule.code!r}")
        if not _NAME.fullmatch(rule.name):
            raise ValueError(f"{rule.__name__}: rule name {rule.name!r} must be dotted lower-case")
        if not rule.summary or "\n" in rule.summary:
            raise ValueError(f"{rule.code}: needs a one-line summary")
        if not rule.groups:
            raise ValueError(f"{rule.code}: needs at least one group")
        if rule.code in self._rules:
            raise ValueError(f"duplicate rule code {rule.code}")
        if rule.name in self._names:
            raise ValueError(f"duplicate rule name {rule.name} ({self._names[rule.name]})")
        self._rules[rule.code] = rule
        self._names[rule.name] = rule.code
        return rule

    def __iter__(self) -> Iterator[type[Rule]]:
        """Rules in registration order (family by family, codes ascending within)."""
        return iter(list(self._rules.values()))

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code: object) -> bool:
        return code in self._rules

    def get(self, code_or_name: str) -> type[Rule]:
        """The rule with this code or name (case-insensitive code); UsageError otherwise."""
        wanted = code_or_name.strip()
        rule = self._rules.get(wanted.upper()) or self._rules.get(self._names.get(wanted, ""))
        if rule is None:
            raise UsageError(self._unknown(wanted))
        return rule

    def groups(self) -> list[str]:
        return sorted({g for r in self._rules.values() for g in r.groups} | {"all"})

    def _unknown(self, selector: str) -> str:
        choices = [*self._rules, *self._names, *self.groups()]
        close = difflib.get_close_matches(selector, choices, n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        return f"unknown rule selector {selector!r}{hint}; see `synthquery rule`"

    def resolve(self, selector: str) -> set[str]:
        """The codes one selector names; UsageError when it names none."""
        sel = selector.strip()
        upper = sel.upper()
        if upper in self._rules:
            return {upper}
        if sel in self._names:
            return {self._names[sel]}
        lowered = sel.lower()
        if lowered == "all":
            return set(self._rules)
        by_group = {c for c, r in self._rules.items() if lowered in r.groups}
        if by_group:
            return by_group
        by_alias = {c for c, r in self._rules.items() if sel in r.aliases}
        if by_alias:
            return by_alias
        if re.fullmatch(r"[A-Za-z]{1,3}[0-9]{0,2}", sel):
            by_prefix = {c for c in self._rules if c.startswith(upper)}
            if by_prefix:
                return by_prefix
        if any(ch in sel for ch in "*?["):
            by_glob = {
                c
                for c, r in self._rules.items()
                if fnmatch.fnmatchcase(c, upper) or fnmatch.fnmatchcase(r.name, sel)
            }
            if by_glob:
                return by_glob
        raise UsageError(self._unknown(sel))

    def select(self, select: Selector = None, ignore: Selector = None) -> list[type[Rule]]:
        """Rules chosen by ``select`` (default: all) minus ``ignore``; required rules stay."""
        chosen: set[str] = set()
        selectors = parse_selectors(select)
        if selectors:
            for sel in selectors:
                chosen |= self.resolve(sel)
        else:
            chosen = set(self._rules)
        for sel in parse_selectors(ignore):
            chosen -= self.resolve(sel)
        chosen |= {c for c, r in self._rules.items() if r.required}
        return [r for c, r in self._rules.items() if c in chosen]

    def codes(self, selector: Selector) -> set[str]:
        out: set[str] = set()
        for sel in parse_selectors(selector):
            out |= self.resolve(sel)
        return out


@lru_cache(maxsize=1)
def get_registry() -> RuleSet:
    """The registry of every built-in rule."""
    from synthquery.lint.rules import get_rules

    return RuleSet(get_rules())
