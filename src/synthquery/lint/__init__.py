"""Pre-submission linting of GEM-1 queries: every mistake found before the API sees it.

>>> from synthquery.lint import lint
>>> report = lint({"mode": "mean estimation", "inputs": [{"metadata": {"sex": "Male"},
...                "num_samples": 1}]})
>>> [d.code for d in report.diagnostics]
['S010', 'K004']
>>> report.apply_fixes()["inputs"][0]["metadata"]["sex"]
'male'

Rules are small classes in :mod:`synthquery.lint.rules` with stable codes (``S`` structure,
``M`` model range, ``K`` metadata, ``I`` ids, ``X`` cross-field); ``synthquery rule CODE``
prints each one's documentation.
"""

from __future__ import annotations

from synthquery.lint._engine import infer_model, lint
from synthquery.lint.config import LintConfig
from synthquery.lint.context import LintContext
from synthquery.lint.diagnostic import Diagnostic, Fix, FixKind, Severity
from synthquery.lint.registry import RuleSet, get_registry
from synthquery.lint.render import FORMATS, RENDERERS, render
from synthquery.lint.report import Report
from synthquery.lint.rule import DocumentRule, InputRule, MetadataRule, Rule, ValueRule
from synthquery.lint.rules import get_rules

__all__ = [
    "FORMATS",
    "RENDERERS",
    "Diagnostic",
    "DocumentRule",
    "Fix",
    "FixKind",
    "InputRule",
    "LintConfig",
    "LintContext",
    "MetadataRule",
    "Report",
    "Rule",
    "RuleSet",
    "Severity",
    "ValueRule",
    "get_registry",
    "get_rules",
    "infer_model",
    "lint",
    "render",
]
