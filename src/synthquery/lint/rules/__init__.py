"""The built-in rules, listed explicitly (no subclass discovery).

Codes are stable and grouped by family:

======  ============  =====================================================================
prefix  group         what
======  ============  =====================================================================
S       structure     the document: JSON, object shape, query-level keys and their types
M       model         what the chosen model accepts: strategies, used keys, ranges, imports
K       metadata      metadata keys and value formats (enums, "number unit", age, patterns)
I       ids           ontology ids: form, vocabulary, existence, obsolete, branch, labels
X       cross-field   consistency between fields of an input and across inputs
======  ============  =====================================================================

A retired code is never reused.
"""

from __future__ import annotations

from synthquery.lint.rule import Rule

__all__ = ["get_rules"]


def get_rules() -> list[type[Rule]]:
    """Every built-in rule class, in code order."""
    from synthquery.lint.rules import cross, ids, metadata, model, structure

    rules: list[type[Rule]] = []
    for family in (structure, model, metadata, ids, cross):
        rules.extend(family.RULES)
    return rules
