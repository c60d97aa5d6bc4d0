"""The public surface: lint() inputs, Report, renderers, Query integration."""

from __future__ import annotations

import json

import synthquery
from synthquery.lint import RENDERERS, Report, Severity, lint, render
from synthquery.lint._paths import input_index

DOC = {
    "sampling_strategy": "sample generation",
    "inputs": [
        {"metadata": {"sex": "Male", "age_years": "101"}, "num_samples": 1},
        {"metadata": {"cell_line_ontology_id": "CHEMBL941"}, "num_samples": 1},
    ],
}


def test_lint_accepts_every_form() -> None:
    expected = [(d.code, d.path) for d in lint(DOC).diagnostics]
    text = json.dumps(DOC)
    for form in (text, text.encode(), bytearray(text.encode()), "\ufeff" + text):
        assert [(d.code, d.path) for d in lint(form).diagnostics] == expected
    for value in (None, 3, "3", [], "null", b"[]"):
        assert isinstance(lint(value), Report)


def test_report_surface() -> None:
    report = lint(DOC)
    assert report.model == "gem-1-bulk"
    assert report.has_errors and not report.ok
    assert {d.severity for d in report.errors} == {Severity.ERROR}
    assert [d.code for d in report.warnings] == ["M005"]
    assert list(report) == report.diagnostics
    summary = report.summary
    assert summary["errors"] == len(report.errors) and summary["warnings"] == 1
    assert summary["inputs"] == 2 and summary["fixable"] == len(report.fixable)
    assert summary["by_code"]["K004"] == 1
    doc = report.to_dict()
    assert set(doc) == {"diagnostics", "summary"}
    assert set(doc["diagnostics"][0]) >= {
        "code", "severity", "path", "line", "column", "message", "suggestions", "fix"
    }  # fmt: skip
    # sorted by input, then path
    keys = [(input_index(d.path), d.path, d.code) for d in report.diagnostics]
    assert keys == sorted(keys)


def test_renderers_share_one_record_shape() -> None:
    report = lint(DOC)
    assert set(RENDERERS) == {"text", "json", "sarif"}
    as_json = json.loads(render([("q.json", report)], "json"))
    assert [d["code"] for d in as_json["diagnostics"]] == [d.code for d in report.diagnostics]
    sarif = json.loads(render([("q.json", report)], "sarif"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == [
        d.code for d in report.diagnostics
    ]
    text = report.render("text", filename="q.json")
    assert "q.json · inputs[0]" in text and "q.json · inputs[1]" in text
    assert "q.json:inputs[0].metadata.sex: K004 [*]" in text  # no text: the path is the location
    assert text.rstrip().endswith("fixable with `synthquery lint --fix`.")
    assert lint({**DOC, "inputs": DOC["inputs"][:0]}).render().count("S006") == 1


def test_wrong_id_kind_in_cell_line_is_reported() -> None:
    (finding,) = [d for d in lint(DOC).diagnostics if d.path.endswith("cell_line_ontology_id")]
    assert finding.code == "I002"


def test_query_objects() -> None:
    query = synthquery.Query("gem-1-bulk").add(
        tissue_ontology_id="UBERON:0002048", sex="female", sample_type="primary tissue", n=2
    )
    report = lint(query)
    assert report.model == "gem-1-bulk" and not report.has_errors
    assert isinstance(query.lint(), Report)
    sc = synthquery.Query("gem-1-sc").add(cell_type_ontology_id="CL:0000236", n=1)
    assert lint(sc).model == "gem-1-sc"
    # a builder with no inputs yet lints as an empty query instead of raising
    assert [d.code for d in lint(synthquery.Query("gem-1-bulk")).diagnostics] == ["S006"]


def test_model_inferred_from_modality() -> None:
    sc = {"modality": "single-cell", "sampling_strategy": "mean estimation", "inputs": []}
    assert lint(sc).model == "gem-1-sc"
    assert lint({"example_query": sc}).model == "gem-1-sc"
    assert lint({"modality": "nonsense", "inputs": []}).model == "gem-1-bulk"
    # an explicit model wins, and a contradicting modality is then an error
    report = lint(sc, "gem-1-bulk")
    assert report.model == "gem-1-bulk"
    assert any(d.code == "S011" for d in report.diagnostics)


def test_mapping_subclasses_and_numpy_numbers() -> None:
    from collections import OrderedDict

    import numpy as np

    doc = {
        "sampling_strategy": "sample generation",
        "inputs": [OrderedDict(metadata=OrderedDict(sex="Male"), num_samples=np.int64(2))],
    }
    found = {(d.code, d.path) for d in lint(doc).diagnostics}
    assert found == {("K004", "inputs[0].metadata.sex"), ("S013", "inputs[0].num_samples")}
    fixed = lint(doc).apply_fixes()
    assert fixed["inputs"][0] == {"metadata": {"sex": "male"}, "num_samples": 2}
    assert type(fixed["inputs"][0]["num_samples"]) is int
