"""Fixes: machine-safe, non-conflicting, never mutating, iterated to a fixed point."""

from __future__ import annotations

import copy
import json

from synthquery.lint import Fix, lint
from synthquery.lint._fixes import apply_fixes_once

BAD = {
    "example_query": {
        "mode": "Sample Generation",
        "seed": "42",
        "total_count": 1e7,
        "modality": "Bulk",
        "inputs": [
            {
                "metadata": {
                    "tissue": "lung",
                    "sex": "Female",
                    "age_years": 63,
                    "disease_ontology_id": "MONDO_0005061",
                    "sample_type": "primary_tissue",
                },
                "num_samples": "5",
            },
            {
                "metadata": {
                    "cell_line": "CVCL_0030",
                    "perturbation_ontology_id": "CHEBI:45783",
                    "perturbation_type": "Compound",
                    "perturbation_dose": "10uM",
                    "perturbation_time": "24h",
                    "sample_type": "cell line",
                    "developmental_stage": "",
                },
                "num_samples": 3.0,
            },
            {
                "metadata": {
                    "tissue_ontology_id": "UBERON:0000027",
                    "sex": "male",
                    "age_years": "40 years",
                },
                "num_samples": 2,
            },
        ],
    }
}

EXPECTED = {
    "sampling_strategy": "sample generation",
    "seed": 42,
    "total_count": 10_000_000,
    "modality": "bulk",
    "inputs": [
        {
            "metadata": {
                "tissue_ontology_id": "UBERON:0002048",
                "sex": "female",
                "age_years": "63",
                "disease_ontology_id": "MONDO:0005061",
                "sample_type": "primary tissue",
            },
            "num_samples": 5,
        },
        {
            "metadata": {
                "cell_line_ontology_id": "CVCL_0030",
                "perturbation_ontology_id": "CHEBI:45783",
                "perturbation_type": "compound",
                "perturbation_dose": "10 um",
                "perturbation_time": "24 hours",
                "sample_type": "cell line",
            },
            "num_samples": 3,
        },
        {
            "metadata": {"tissue_ontology_id": "UBERON:0002048", "sex": "male", "age_years": "40"},
            "num_samples": 2,
        },
    ],
}


def test_fix_round_trip_on_a_realistic_bad_query() -> None:
    before = copy.deepcopy(BAD)
    report = lint(BAD)
    assert report.has_errors and len(report.fixable) >= 15
    fixed = report.apply_fixes()
    assert BAD == before
    assert fixed == EXPECTED
    again = lint(fixed)
    assert again.fixable == []
    assert again.diagnostics == []


def test_fix_round_trip_from_text() -> None:
    text = json.dumps(BAD, indent=2)
    fixed = lint(text).apply_fixes()
    assert fixed == EXPECTED
    # another document (or text) given to apply_fixes is linted first
    assert lint({}).apply_fixes(text) == EXPECTED


def test_unsure_findings_are_left_alone() -> None:
    doc = {
        "sampling_strategy": "sample generation",
        "inputs": [
            {
                "metadata": {
                    "sex": "M",  # could be male, but only a suggestion
                    "perturbation_type": "crispr",
                    "perturbation_ontology_id": "CHEBI:45783",  # the type or the agent is wrong
                    "tissue_ontology_id": "qwzx plorb",
                },
                "num_samples": 1,
            }
        ],
    }
    report = lint(doc)
    assert report.has_errors and report.fixable == []
    assert report.apply_fixes() == doc


def test_conflicting_fixes_wait_for_the_next_round() -> None:
    doc = {"a": {"b": 1}}
    fixes = [Fix.replace("a.b", 2), Fix.delete("a"), Fix.rename_key("a", "c")]
    fixed, applied = apply_fixes_once(doc, fixes)
    assert fixed == {"a": {"b": 2}} and applied == fixes[:1]
    assert doc == {"a": {"b": 1}}
    # a rename never overwrites an existing key, and two renames cannot target one key
    fixed, applied = apply_fixes_once({"x": 1, "y": 2, "z": 3}, [Fix.rename_key("x", "z")])
    assert applied == [] and fixed == {"x": 1, "y": 2, "z": 3}
    fixed, applied = apply_fixes_once(
        {"x": 1, "y": 2}, [Fix.rename_key("x", "w"), Fix.rename_key("y", "w")]
    )
    assert list(fixed) == ["w", "y"] and len(applied) == 1
    # fixes pointing nowhere are skipped
    fixed, applied = apply_fixes_once(
        [1], [Fix.replace("a", 1), Fix.delete("[3]"), Fix.unwrap("q")]
    )
    assert fixed == [1] and applied == []


def test_rename_keeps_key_order() -> None:
    doc = {
        "sampling_strategy": "mean estimation",
        "inputs": [
            {
                "metadata": {"sex": "male", "tissue": "UBERON:0002048", "age_years": "3"},
                "num_samples": 1,
            }
        ],
    }
    fixed = lint(doc).apply_fixes()
    assert list(fixed["inputs"][0]["metadata"]) == ["sex", "tissue_ontology_id", "age_years"]


def test_rename_is_skipped_when_the_target_exists() -> None:
    doc = {
        "sampling_strategy": "mean estimation",
        "inputs": [
            {
                "metadata": {"tissue": "lung", "tissue_ontology_id": "UBERON:0000945"},
                "num_samples": 1,
            }
        ],
    }
    report = lint(doc)
    (finding,) = [d for d in report.diagnostics if d.code == "K001"]
    assert finding.fix is None
    assert report.apply_fixes() == doc
