"""The rule registry: metadata and docs of every rule, duplicate rejection, selection."""

from __future__ import annotations

import re

import pytest

from synthquery import UsageError
from synthquery.lint import DocumentRule, RuleSet, get_registry, get_rules, lint

RULES = list(get_registry())


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_metadata_and_docs(rule: type) -> None:
    assert re.fullmatch(r"[SMKIX][0-9]{3}", rule.code)
    assert rule.name.split(".")[0] in {"structure", "model", "metadata", "ids", "cross"}
    assert rule.summary.endswith(".") and "\n" not in rule.summary
    assert "all" in rule.groups
    doc = rule.__doc__ or ""
    anti, best = doc.find("**Anti-pattern**"), doc.find("**Best practice**")
    assert 0 < anti < best, f"{rule.code}: needs **Anti-pattern** then **Best practice**"
    assert doc[anti:best].strip() != "**Anti-pattern**"
    assert doc[best:].strip() != "**Best practice**"
    text = rule.documentation()
    assert text.startswith(f"{rule.code} ({rule.name}): {rule.summary}")


def test_names_and_codes_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES) == len({r.name for r in RULES})


def test_registry_is_explicit_and_rejects_duplicates() -> None:
    rules = get_rules()
    assert [r.code for r in rules] == [r.code for r in RULES]
    registry = RuleSet(rules[:3])
    with pytest.raises(ValueError, match="duplicate"):
        registry.register(rules[0])

    class Renamed(rules[0]):  # same name, new code
        code = "S999"

    with pytest.raises(ValueError, match="duplicate rule name"):
        registry.register(Renamed)

    class Bad(DocumentRule):
        code = "lower1"
        name = "structure.bad"
        summary = "x."
        groups = ("all",)

    with pytest.raises(ValueError):
        RuleSet([Bad])


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("I004", {"I004"}),
        ("i004", {"I004"}),
        ("ids.obsolete", {"I004"}),
        ("ids", {f"I00{i}" for i in range(1, 10)}),
        ("I", {f"I00{i}" for i in range(1, 10)}),
        ("X00", {f"X00{i}" for i in range(1, 10)}),
        ("K00[1-3]", {"K001", "K002", "K003"}),
        ("cross.cell_*", {"X005", "X006", "X007"}),
        ("all", {r.code for r in RULES}),
    ],
)
def test_selectors(selector: str, expected: set[str]) -> None:
    assert get_registry().resolve(selector) == expected


def test_select_and_ignore() -> None:
    registry = get_registry()
    chosen = {r.code for r in registry.select("I", "I005")}
    # S001/S002 are required: nothing else can run on an unreadable document
    assert chosen == {f"I00{i}" for i in range(1, 10)} - {"I005"} | {"S001", "S002"}
    assert {r.code for r in registry.select("I004,K001")} == {"I004", "K001", "S001", "S002"}
    assert {r.code for r in registry.select(["I004", "K001"])} == {"I004", "K001", "S001", "S002"}
    assert "S001" in {r.code for r in registry.select(None, "S")}


def test_unknown_selector_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="did you mean"):
        get_registry().resolve("ids.obsolet")
    with pytest.raises(UsageError):
        lint({}, select="Q999")


def test_selection_changes_what_is_reported() -> None:
    doc = {"mode": "mean estimation", "inputs": [{"metadata": {"sex": "Male"}, "num_samples": 1}]}
    assert {d.code for d in lint(doc).diagnostics} == {"S010", "K004"}
    assert {d.code for d in lint(doc, select="K").diagnostics} == {"K004"}
    assert {d.code for d in lint(doc, ignore="metadata").diagnostics} == {"S010"}
