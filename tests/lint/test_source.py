"""Reading text: JSON paths, line/column, bounded parsing."""

from __future__ import annotations

import json
import time
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from synthquery.lint import lint
from synthquery.lint._paths import get_at, input_index, join, parse
from synthquery.lint._source import PositionMap, load_text

keys = st.text(max_size=8)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)  # fmt: skip


def _paths(doc: Any, prefix: str = "") -> list[tuple[str, Any]]:
    out = [(prefix, doc)]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, join(prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, join(prefix, i))
    return out


@given(st.lists(st.one_of(keys, st.integers(0, 50)), max_size=6))
def test_paths_round_trip(parts: list[Any]) -> None:
    path = join("", *parts)
    assert parse(path) == parts


def test_path_spelling() -> None:
    assert join("", "inputs", 1, "metadata", "sex") == "inputs[1].metadata.sex"
    assert join("inputs[0].metadata", "cell type") == 'inputs[0].metadata["cell type"]'
    assert input_index("inputs[12].metadata.sex") == 12
    assert input_index("example_query.inputs[3]") == 3
    assert input_index("seed") == -1


@settings(max_examples=150, deadline=None)
@given(json_values, st.sampled_from([None, 0, 2, "\t"]), st.booleans())
def test_positions_point_at_the_value(doc: Any, indent: Any, compact: bool) -> None:
    separators = (",", ":") if compact else None
    text = json.dumps(doc, indent=indent, separators=separators, ensure_ascii=False)
    lines = text.split("\n")
    pairs = _paths(doc)
    positions = PositionMap(text)
    positions.locate({p for p, _ in pairs})
    decoder = json.JSONDecoder()
    for path, value in pairs:
        where = positions.value(path)
        assert where is not None, path
        line, column = where
        offset = sum(len(x) + 1 for x in lines[: line - 1]) + column - 1
        parsed, _ = decoder.raw_decode(text, offset)
        assert parsed == value or (parsed != parsed and value != value), path


def test_key_positions() -> None:
    text = '{\n  "inputs": [\n    {"metadata": {"tissue": "lung"}, "num_samples": 1}\n  ]\n}'
    positions = PositionMap(text)
    positions.locate({"inputs[0].metadata.tissue"})
    assert positions.key("inputs[0].metadata.tissue") == (3, 19)
    assert positions.value("inputs[0].metadata.tissue") == (3, 29)


def test_diagnostics_carry_line_and_column_for_text() -> None:
    text = (
        '{\n  "sampling_strategy": "sample generation",\n  "inputs": [\n'
        '    {"metadata": {"sex": "Male", "tissue": "UBERON:0002048"}, "num_samples": 1}\n  ]\n}\n'
    )
    report = lint(text)
    where = {d.code: (d.path, d.line, d.column) for d in report.diagnostics}
    assert where["K004"] == ("inputs[0].metadata.sex", 4, 26)
    assert where["K001"] == ("inputs[0].metadata.tissue", 4, 34)  # the key, for a key problem
    # a dict has no text: no positions
    assert all(d.line is None for d in lint(json.loads(text)).diagnostics)


def test_missing_key_points_at_the_enclosing_object() -> None:
    report = lint('{"sampling_strategy": "sample generation",\n "inputs": [{"metadata": {}}]}')
    (finding,) = [d for d in report.diagnostics if d.code == "S013"]
    assert finding.path == "inputs[0].num_samples"
    assert (finding.line, finding.column) == (2, 13)


def test_invalid_json_has_the_decoders_position() -> None:
    (finding,) = lint('{\n  "inputs": [1,,]\n}').diagnostics
    assert (finding.code, finding.line, finding.column) == ("S001", 2, 16)
    (finding,) = lint(b'{"a": "\xff"}').diagnostics
    assert finding.code == "S001"
    (finding,) = lint('{"seed": NaN, "inputs": []}').diagnostics
    assert finding.code == "S001"


def test_deep_nesting_is_bounded() -> None:
    for text in ("[" * 1_000_000, "[" * 100_000 + "]" * 100_000, '{"a":' * 5000 + "1" + "}" * 5000):
        start = time.perf_counter()
        report = lint(text)
        assert [d.code for d in report.diagnostics] == ["S002"]
        assert time.perf_counter() - start < 5
    loaded = load_text("[" * 65 + "]" * 65, max_bytes=10_000, max_depth=64)
    assert loaded.problem is not None and loaded.problem.kind == "too_deep"
    assert load_text("[" * 64 + "]" * 64, max_bytes=10_000, max_depth=64).problem is None


def test_size_is_bounded() -> None:
    doc = {"sampling_strategy": "mean estimation", "inputs": []}
    text = json.dumps(doc) + " " * 5000
    (finding,) = lint(text, config={"max_bytes": 1000}).diagnostics
    assert finding.code == "S002"
    assert lint(text, config={"max_bytes": 100_000}).diagnostics[0].code == "S006"


def test_deeply_nested_python_values_do_not_recurse() -> None:
    value: Any = "x"
    for _ in range(100_000):
        value = [value]
    doc = {"sampling_strategy": "sample generation", "inputs": [
        {"metadata": {"sex": value, "genotype": {"a": value}}, "num_samples": 1}]}  # fmt: skip
    report = lint(doc)
    assert {d.code for d in report.diagnostics} == {"K002"}
    json.dumps(report.to_dict())  # renderable: messages never embed the value
    assert report.render("text")
    fixed = report.apply_fixes()
    assert get_at(fixed, ["inputs", 0, "metadata", "sex"]) is value  # no fix, untouched
