"""Inputs a careless or hostile caller sends: the linter answers with a Report, fast, and never
produces a document that is not JSON."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from synthquery import UsageError
from synthquery.lint import lint
from synthquery.lint._source import PositionMap


def _query(**metadata: Any) -> dict[str, Any]:
    return {
        "sampling_strategy": "mean estimation",
        "inputs": [{"metadata": metadata, "num_samples": 1}],
    }


@pytest.mark.parametrize("literal", ["1e400", "-1e400", "1E999"])
def test_numbers_too_large_for_a_double_are_invalid_json(literal: str) -> None:
    text = '{"sampling_strategy": "mean estimation",\n "inputs": [{"metadata": {"sex": "male"}, ' \
        f'"num_samples": {literal}}}]}}'  # fmt: skip
    report = lint(text)
    (finding,) = report.diagnostics
    assert finding.code == "S001"
    assert (finding.line, finding.column) == (2, text.splitlines()[1].index(literal) + 1)
    assert report.document is None  # nothing for --fix to write back as "Infinity"


def test_a_one_line_file_is_located_in_linear_time() -> None:
    # every finding in a one-line file needs a column: searching back from each offset to the
    # start of the text for a newline made locating 200k findings in 8 MB take a long time
    items = [{"metadata": {"genotype": "x" * 30}} for _ in range(200_000)]
    text = json.dumps({"inputs": items})
    positions = PositionMap(text)
    start = time.perf_counter()
    positions.locate({f"inputs[{i}]" for i in range(len(items))})
    elapsed = time.perf_counter() - start
    line, column = positions.value("inputs[199999]") or (0, 0)
    assert line == 1 and text[column - 1 :].startswith('{"metadata"')
    assert text.count('{"metadata"', 0, column - 1) == 199_999
    assert elapsed < 6


def test_findings_in_a_one_line_query_have_columns() -> None:
    item = {"metadata": {"sex": "male", "tissue_ontology_id": "UBERON:0002048"}, "num_samples": 1}
    text = json.dumps({"sampling_strategy": "mean estimation", "inputs": [item] * 300})
    report = lint(text, select=["X008"])
    assert len(report.diagnostics) == 299
    assert all(d.line == 1 and text[d.column - 1] == "{" for d in report.diagnostics)


@pytest.mark.parametrize("key", [1, None, True, 2.5, (1, 2)])
def test_non_string_keys_from_python_are_reported_not_crashed_on(key: Any) -> None:
    for doc in (
        {key: 1, **_query(sex="male")},
        _query(**{"sex": "male"})
        | {"inputs": [{"metadata": {"sex": "male", key: "x"}, "num_samples": 1}]},
    ):
        report = lint(doc)
        assert [d.code for d in report.diagnostics] in (["S014"], ["K001"])
        json.dumps(report.apply_fixes())  # the fixed document is JSON again


@pytest.mark.parametrize("value", [Decimal("2"), {1, 2}, (1, 2)])
def test_values_json_cannot_hold_are_named_as_such(value: Any) -> None:
    doc = {"sampling_strategy": "mean estimation", "seed": value, "inputs": [
        {"metadata": {"sex": "male"}, "num_samples": value}]}  # fmt: skip
    report = lint(doc)
    assert sorted(d.code for d in report.diagnostics) == ["S012", "S013"]
    for d in report.diagnostics:
        assert "not a JSON value" in d.message
        assert d.message.count(type(value).__name__) == 1 or isinstance(value, Decimal)


def test_numpy_integers_are_fixed_to_json_integers() -> None:
    np = pytest.importorskip("numpy")
    doc = {"sampling_strategy": "mean estimation", "seed": np.int64(7), "inputs": [
        {"metadata": {"sex": "male"}, "num_samples": np.int64(3)}]}  # fmt: skip
    report = lint(doc)
    assert all(d.fix is not None for d in report.diagnostics)
    fixed = report.apply_fixes()
    assert json.loads(json.dumps(fixed)) == {"sampling_strategy": "mean estimation", "seed": 7,
        "inputs": [{"metadata": {"sex": "male"}, "num_samples": 3}]}  # fmt: skip


def test_a_path_object_is_linted_as_a_file(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    path.write_text('{\n  "mode": "mean estimation",\n  "inputs": []\n}\n', encoding="utf-8")
    codes = {d.code: (d.line, d.column) for d in lint(path).diagnostics}
    assert codes["S010"] == (2, 3)
    with pytest.raises(UsageError):
        lint(tmp_path / "missing.json")
    with pytest.raises(UsageError):
        lint(tmp_path)  # a directory


@pytest.mark.parametrize("selector", [123, object()])
def test_a_selector_of_the_wrong_type_is_a_usage_error(selector: Any) -> None:
    with pytest.raises(UsageError):
        lint(_query(sex="male"), select=selector)


@pytest.mark.parametrize("dose", ["1,000 nM", "10,000 um", "12,345 nm"])
def test_a_thousands_separator_is_never_read_as_a_decimal_comma(dose: str) -> None:
    doc = _query(perturbation_type="compound", perturbation_ontology_id="CHEBI:45783",
                 perturbation_dose=dose)  # fmt: skip
    (finding,) = lint(doc).diagnostics
    assert finding.code == "K005"
    assert finding.fix is None  # 1,000 nM is not "1 nm": ambiguous, so left to the user


def test_a_decimal_comma_is_still_fixed() -> None:
    doc = _query(perturbation_type="compound", perturbation_ontology_id="CHEBI:45783",
                 perturbation_dose="0,5 uM")  # fmt: skip
    (finding,) = lint(doc).diagnostics
    assert finding.fix is not None and finding.fix.value == "0.5 um"


@pytest.mark.parametrize("word", ["untreated", "vehicle"])
def test_suggestions_for_an_unmatched_word_are_not_noise(word: str, real_snapshot: Path) -> None:
    # the real vocabularies always have some weak fuzzy match ("vesiculitis, score 0.16")
    from synthquery import lookup
    from synthquery.lint.rules.ids import SUGGEST_MIN_SCORE

    weak = {c.id for c in lookup(word, "disease").candidates if c.score < SUGGEST_MIN_SCORE}
    assert weak
    (finding,) = lint(_query(disease_ontology_id=word)).diagnostics
    assert finding.code == "I008" and finding.fix is None
    assert not {s.split(" ", 1)[0] for s in finding.suggestions} & weak


def test_help_lines_keep_actions_apart_from_values() -> None:
    from synthquery.lint.render import _help_text

    text = _help_text(["delete `x`", "a", "b", "c", "d", "e", "f", "g"])
    action, values = text.split("; or ")
    assert action == "delete `x`"
    assert values.startswith("try a | b") and "(+2 more)" in values  # 5 values shown
    assert _help_text(["split into 3 queries"]) == "split into 3 queries"
    assert _help_text(["delete"]) == "try delete"  # a bare word is a value


@pytest.mark.parametrize(
    ("escape", "lone"),
    [("\\ud800", True), ("\\udfff", True), ("\\ud83d\\ude00", False), ("\\\\ud800", False)],
)
def test_lone_surrogates_are_invalid_json(escape: str, lone: bool) -> None:
    # "\ud800" parses in Python but cannot be encoded as UTF-8: printing or sending it crashed
    text = '{"sampling_strategy": "mean estimation", "inputs": [{"metadata": {"genotype": "' \
        + escape + '"}, "num_samples": 1}]}'  # fmt: skip
    report = lint(text)
    codes = [d.code for d in report.diagnostics]
    if lone:
        assert codes == ["S001"]
        assert report.diagnostics[0].column == text.index(escape) + 1
        for fmt in ("text", "json", "sarif"):
            report.render(fmt).encode("utf-8")  # printable
    else:
        assert codes == []
