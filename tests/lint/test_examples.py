"""Against the real snapshots: published example queries lint clean, real mistakes do not.

Skipped when ``ontologies/manifest.json`` has not been built.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from contract_examples import API_BULK, API_SC
from synthquery.lint import lint
from synthquery.profiles import get_profile


@pytest.fixture(autouse=True)
def _real(real_snapshot: Path) -> None:
    """Every test here uses the real snapshot (skips without it)."""


@pytest.mark.parametrize(
    ("model", "doc"),
    [
        ("gem-1-bulk", get_profile("gem-1-bulk").example_query),
        ("gem-1-sc", get_profile("gem-1-sc").example_query),
        ("gem-1-bulk", API_BULK),
        ("gem-1-sc", API_SC),
        ("gem-1-bulk", {**API_BULK, "source": "pysynthbio"}),  # what pysynthbio sends
        ("gem-1-bulk", {"example_query": API_BULK}),  # only the wrapper is reported
    ],
)
def test_published_examples_lint_clean(model: str, doc: dict[str, Any]) -> None:
    report = lint(doc, model)
    codes = [d.code for d in report.diagnostics]
    if "example_query" in doc:
        assert codes == ["S004"]
        assert lint(report.apply_fixes(), model).diagnostics == []
    else:
        assert codes == [], report.to_dict()
    # the inferred model (from "modality", else bulk) agrees
    if "modality" in doc:
        assert lint(doc).model == model


def test_real_mistakes_are_caught() -> None:
    doc = copy.deepcopy(API_BULK)
    meta = doc["inputs"][1]["metadata"]
    meta["tissue_ontology_id"] = "UBERON:9999999"
    meta["disease_ontology_id"] = "lung adenocarcinoma"
    meta["cell_type_ontology_id"] = "UBERON:0002048"
    report = lint(doc)
    found = {(d.code, d.path.rsplit(".", 1)[-1]) for d in report.diagnostics}
    assert ("I003", "tissue_ontology_id") in found
    assert ("I008", "disease_ontology_id") in found
    assert ("I002", "cell_type_ontology_id") in found


def test_labels_resolve_to_real_ids() -> None:
    doc = {
        "sampling_strategy": "sample generation",
        "inputs": [
            {
                "metadata": {"tissue_ontology_id": "lung", "cell_line_ontology_id": "HeLa"},
                "num_samples": 1,
            }
        ],
    }
    fixed = lint(doc).apply_fixes()
    meta = fixed["inputs"][0]["metadata"]
    assert meta["tissue_ontology_id"] == "UBERON:0002048"
    assert meta["cell_line_ontology_id"] == "CVCL_0030"


def test_cell_type_tissue_signal_on_real_data() -> None:
    def x007(cell: str, tissue: str) -> bool:
        meta = {"cell_type_ontology_id": cell, "tissue_ontology_id": tissue}
        doc = {
            "sampling_strategy": "mean estimation",
            "inputs": [{"metadata": meta, "num_samples": 1}],
        }
        return any(d.code == "X007" for d in lint(doc, "gem-1-sc").diagnostics)

    assert x007("CL:0002518", "UBERON:0002048")  # kidney epithelial cell in lung
    assert not x007("CL:0002518", "UBERON:0002113")  # ... in kidney
    assert not x007("CL:0002518", "UBERON:0001225")  # ... in the renal cortex (part of kidney)
    assert not x007("CL:0000786", "UBERON:0001155")  # plasma cell in colon: no organ named
    assert not x007("CL:0000236", "UBERON:0002048")  # B cell in lung
