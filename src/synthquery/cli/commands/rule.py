"""``synthquery rule [SELECTOR]``: list the lint rules, or print one rule's documentation."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from synthquery.lint.rule import Rule

HELP = "List lint rules, or show the documentation of one (synthquery rule I004)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "selector", nargs="?", help="a rule code or name (docs), or a group/prefix/glob (list)"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def _row(rule: type[Rule]) -> dict[str, object]:
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary,
        "severity": rule.severity.value,
        "fixable": rule.fixable,
        "groups": list(rule.groups),
    }


def run(args: argparse.Namespace) -> int:
    from synthquery.lint import get_registry

    registry = get_registry()
    rules = list(registry)
    if args.selector:
        codes = registry.resolve(args.selector)  # UsageError (exit 2) when it names nothing
        rules = [r for r in rules if r.code in codes]
    if len(rules) == 1 and args.selector:
        rule = rules[0]
        if args.json:
            print(json.dumps({**_row(rule), "documentation": rule.documentation()}, indent=2))
        else:
            print(rule.documentation(), end="")
        return 0
    if args.json:
        print(json.dumps([_row(r) for r in rules], indent=2))
        return 0
    width = max(len(r.name) for r in rules)
    for rule in rules:
        fix = "[*]" if rule.fixable else "   "
        print(f"{rule.code}  {rule.name:<{width}}  {fix}  {rule.severity.value:<7}  {rule.summary}")
    print(f"\n{len(rules)} rules; [*] = fixable with `synthquery lint --fix`.")
    return 0
