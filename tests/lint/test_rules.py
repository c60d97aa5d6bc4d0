"""Table-driven cases: for every rule a failing and a passing query, asserting code and path.

Messages are never asserted (wording may change; codes and paths are the contract). Where a
rule offers a fix, the case also says what the fixed value must be, and the fix must make the
finding go away.
"""

from __future__ import annotations

import copy
import json
from typing import Any, NamedTuple

import pytest

from synthquery.lint import get_registry, lint
from synthquery.lint._paths import get_at, parse
from synthquery.profiles import get_profile


def query(*metas: dict[str, Any], n: int = 1, **settings: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"sampling_strategy": "sample generation", **settings}
    doc["inputs"] = [{"metadata": dict(m), "num_samples": n} for m in metas]
    return doc


MISSING = object()


class Case(NamedTuple):
    code: str
    fail: Any  # a document (dict/any JSON value) or JSON text
    path: str
    ok: Any
    model: str = "gem-1-bulk"
    fixed: Any = MISSING  # the value at ``path`` after fixing (None: the key is gone)
    config: dict[str, Any] | None = None


TISSUE = {"tissue_ontology_id": "UBERON:0002048", "sex": "female"}
PERTURBED = {
    "cell_line_ontology_id": "CVCL_0023",
    "sample_type": "cell line",
    "perturbation_type": "compound",
    "perturbation_ontology_id": "CHEBI:45783",
}

CASES = [
    # -- structure ---------------------------------------------------------------------
    Case("S001", '{"sampling_strategy": "mean estimation",', "", json.dumps(query(TISSUE))),
    Case("S002", "[" * 200 + "]" * 200, "", json.dumps(query(TISSUE))),
    Case("S003", [query(TISSUE)], "", query(TISSUE)),
    Case("S004", {"example_query": query(TISSUE)}, "example_query", query(TISSUE), fixed=None),
    Case("S005", {"sampling_strategy": "mean estimation"}, "inputs", query(TISSUE)),
    Case(
        "S005",
        {"sampling_strategy": "mean estimation", "inputs": {"metadata": TISSUE, "num_samples": 1}},
        "inputs",
        query(TISSUE),
        fixed=[{"metadata": TISSUE, "num_samples": 1}],
    ),
    Case("S006", {"sampling_strategy": "mean estimation", "inputs": []}, "inputs", query(TISSUE)),
    Case("S007", {"sampling_strategy": "mean estimation", "inputs": ["x"]}, "inputs[0]", query()),
    Case(
        "S008",
        {"sampling_strategy": "mean estimation", "inputs": [{"num_samples": 1}]},
        "inputs[0].metadata",
        query(TISSUE),
    ),
    Case(
        "S008",
        {
            "sampling_strategy": "mean estimation",
            "inputs": [{"metadata": "lung", "num_samples": 1}],
        },
        "inputs[0].metadata",
        query(TISSUE),
    ),
    Case("S009", {"inputs": query(TISSUE)["inputs"]}, "sampling_strategy", query(TISSUE)),
    Case(
        "S010",
        {"mode": "mean estimation", "inputs": query(TISSUE)["inputs"]},
        "mode",
        query(TISSUE),
        fixed=None,
    ),
    Case("S011", query(TISSUE, modality="single-cell"), "modality", query(TISSUE, modality="bulk")),
    Case("S011", query(TISSUE, modality="Bulk"), "modality", query(TISSUE), fixed="bulk"),
    Case("S012", query(TISSUE, seed="42"), "seed", query(TISSUE, seed=42), fixed=42),
    Case("S012", query(TISSUE, total_count=1e7), "total_count", query(TISSUE), fixed=10_000_000),
    Case(
        "S012",
        query(TISSUE, deterministic_latents="false"),
        "deterministic_latents",
        query(TISSUE, deterministic_latents=False),
        fixed=False,
    ),
    Case("S012", query(TISSUE, seed=None), "seed", query(TISSUE), fixed=None),
    Case("S013", query(TISSUE, n="3"), "inputs[0].num_samples", query(TISSUE, n=3), fixed=3),
    Case(
        "S013",
        {"sampling_strategy": "mean estimation", "inputs": [{"metadata": TISSUE}]},
        "inputs[0].num_samples",
        query(TISSUE),
    ),
    Case("S014", query(TISSUE, extra=1), "extra", query(TISSUE, source="pysynthbio")),
    Case(
        "S014",
        {"samplingStrategy": "mean estimation", "inputs": query(TISSUE)["inputs"]},
        "samplingStrategy",
        query(TISSUE),
        fixed=None,
    ),
    Case(
        "S015",
        '{"sampling_strategy": "mean estimation", "inputs": [{"metadata": '
        '{"sex": "male", "sex": "female"}, "num_samples": 1}]}',
        "inputs[0].metadata.sex",
        json.dumps(query(TISSUE)),
    ),
    # -- model range -------------------------------------------------------------------
    Case(
        "M001",
        {**query(TISSUE), "sampling_strategy": "sample generation"},
        "sampling_strategy",
        {**query(TISSUE), "sampling_strategy": "mean estimation"},
        model="gem-1-sc",
    ),
    Case(
        "M001",
        {**query(TISSUE), "sampling_strategy": "Mean_Estimation"},
        "sampling_strategy",
        query(TISSUE),
        fixed="mean estimation",
    ),
    Case(
        "M002",
        {**query({**TISSUE, "library_layout": "PAIRED"}), "sampling_strategy": "mean estimation"},
        "inputs[0].metadata.library_layout",
        {**query(TISSUE), "sampling_strategy": "mean estimation"},
        model="gem-1-sc",
    ),
    Case(
        "M004",
        query({"age_years": "150"}),
        "inputs[0].metadata.age_years",
        query({"age_years": "65"}),
    ),
    Case(
        "M004",
        query({"age_years": "-1"}),
        "inputs[0].metadata.age_years",
        query({"age_years": "0"}),
    ),
    Case(
        "M005",
        query({"age_years": "101"}),
        "inputs[0].metadata.age_years",
        query({"age_years": "95"}),
    ),
    Case("M006", query(TISSUE, n=0), "inputs[0].num_samples", query(TISSUE, n=1)),
    Case("M007", query(TISSUE, total_count=0), "total_count", query(TISSUE, total_count=1000)),
    Case("M008", query(TISSUE, seed=-1), "seed", query(TISSUE, seed=0)),
    # -- metadata ------------------------------------------------------------------------
    Case(
        "K001",
        query({"tissue": "UBERON:0002048"}),
        "inputs[0].metadata.tissue",
        query(TISSUE),
        fixed=None,
    ),
    Case(
        "K001",
        query({"gender": "male"}),
        "inputs[0].metadata.gender",
        query({"sex": "male"}),
    ),
    Case(
        "K002",
        query({"age_years": 65}),
        "inputs[0].metadata.age_years",
        query({"age_years": "65"}),
        fixed="65",
    ),
    Case("K002", query({"sex": None}), "inputs[0].metadata.sex", query(TISSUE), fixed=None),
    Case("K002", query({"sex": True}), "inputs[0].metadata.sex", query(TISSUE)),
    Case(
        "K003", query({**TISSUE, "sex": " "}), "inputs[0].metadata.sex", query(TISSUE), fixed=None
    ),
    Case(
        "K004",
        query({"sex": "Male"}),
        "inputs[0].metadata.sex",
        query({"sex": "male"}),
        fixed="male",
    ),
    Case(
        "K004",
        query({"sample_type": "primary_tissue"}),
        "inputs[0].metadata.sample_type",
        query({"sample_type": "primary tissue"}),
        fixed="primary tissue",
    ),
    Case("K004", query({"sex": "M"}), "inputs[0].metadata.sex", query({"sex": "female"})),
    Case(
        "K005",
        query({**PERTURBED, "perturbation_dose": "10uM"}),
        "inputs[0].metadata.perturbation_dose",
        query({**PERTURBED, "perturbation_dose": "10 um"}),
        fixed="10 um",
    ),
    Case(
        "K005",
        query({**PERTURBED, "perturbation_time": "24"}),
        "inputs[0].metadata.perturbation_time",
        query({**PERTURBED, "perturbation_time": "24 hours"}),
    ),
    Case(
        "K005",
        query({**PERTURBED, "perturbation_dose": "24 hours"}),
        "inputs[0].metadata.perturbation_dose",
        query(PERTURBED),
    ),
    Case(
        "K006",
        query({"age_years": "65 years"}),
        "inputs[0].metadata.age_years",
        query({"age_years": "65"}),
        fixed="65",
    ),
    Case(
        "K006",
        query({"age_years": "adult"}),
        "inputs[0].metadata.age_years",
        query({"age_years": "0.5"}),
    ),
    Case(
        "K006",
        query({"age_years": "6 months"}),
        "inputs[0].metadata.age_years",
        query({"age_years": "40"}),
    ),
    Case(
        "K007", query({"study": "GSE1234"}), "inputs[0].metadata.study", query({"study": "PRJNA12"})
    ),
    Case(
        "K007",
        query({"study": "prjna 123"}),
        "inputs[0].metadata.study",
        query({"study": "PRJEB123"}),
        fixed="PRJNA123",
    ),
    Case(
        "K008",
        query({"developmental_stage": " adult\n"}),
        "inputs[0].metadata.developmental_stage",
        query({"developmental_stage": "adult"}),
        fixed="adult",
    ),
    # -- ids -----------------------------------------------------------------------------
    Case(
        "I001",
        query({"tissue_ontology_id": "UBERON_0000945"}),
        "inputs[0].metadata.tissue_ontology_id",
        query({"tissue_ontology_id": "UBERON:0000945"}),
        fixed="UBERON:0000945",
    ),
    Case(
        "I001",
        query({"tissue_ontology_id": "UBERON:12"}),
        "inputs[0].metadata.tissue_ontology_id",
        query(TISSUE),
    ),
    Case(
        "I002",
        query({"tissue_ontology_id": "CL:0000236"}),
        "inputs[0].metadata.tissue_ontology_id",
        query({"cell_type_ontology_id": "CL:0000236"}),
    ),
    Case(
        "I003",
        query({"tissue_ontology_id": "UBERON:9999999"}),
        "inputs[0].metadata.tissue_ontology_id",
        query(TISSUE),
    ),
    Case(
        "I004",
        query({"disease_ontology_id": "MONDO:0000002"}),
        "inputs[0].metadata.disease_ontology_id",
        query({"disease_ontology_id": "MONDO:0009299"}),
        fixed="MONDO:0009299",
    ),
    Case(
        "I004",  # replaced_by chain followed to the live term
        query({"tissue_ontology_id": "UBERON:0000027"}),
        "inputs[0].metadata.tissue_ontology_id",
        query(TISSUE),
        fixed="UBERON:0002048",
    ),
    Case(
        "I004",  # no replacement: "consider" terms are suggestions, no fix
        query({"cell_type_ontology_id": "CL:0000004"}),
        "inputs[0].metadata.cell_type_ontology_id",
        query({"cell_type_ontology_id": "CL:0000236"}),
    ),
    Case(
        "I005",
        query({"tissue_ontology_id": "UBERON:0000000"}),
        "inputs[0].metadata.tissue_ontology_id",
        query({"tissue_ontology_id": "UBERON:0002113"}),
    ),
    Case(
        "I007",
        query({"cell_type_ontology_id": "CL:0000000"}),
        "inputs[0].metadata.cell_type_ontology_id",
        query({"cell_type_ontology_id": "CL:0000084"}),
    ),
    Case(
        "I008",
        query({"tissue_ontology_id": "lung"}),
        "inputs[0].metadata.tissue_ontology_id",
        query(TISSUE),
        fixed="UBERON:0002048",
    ),
    Case(
        "I008",  # nothing matches: suggestions at most, never a fix
        query({"tissue_ontology_id": "qwzx plorb"}),
        "inputs[0].metadata.tissue_ontology_id",
        query(TISSUE),
    ),
    Case(
        "I009",
        query({**PERTURBED, "perturbation_ontology_id": "CHEMBL99999999"}),
        "inputs[0].metadata.perturbation_ontology_id",
        query({**PERTURBED, "perturbation_ontology_id": "CHEMBL941"}),
    ),
    # -- cross-field ---------------------------------------------------------------------
    Case(
        "X001",
        query({"perturbation_ontology_id": "ENSG00000156127", "perturbation_time": "96 hours"}),
        "inputs[0].metadata.perturbation_type",
        query(
            {
                "perturbation_ontology_id": "ENSG00000156127",
                "perturbation_type": "crispr",
                "perturbation_time": "96 hours",
            }
        ),
    ),
    Case(
        "X002",
        query({"perturbation_type": "control", "perturbation_ontology_id": "CHEBI:45783"}),
        "inputs[0].metadata.perturbation_ontology_id",
        query({"perturbation_type": "control"}),
    ),
    Case(
        "X003",
        query({**PERTURBED, "perturbation_type": "crispr"}),
        "inputs[0].metadata.perturbation_ontology_id",
        query({**PERTURBED, "perturbation_ontology_id": "CHEBI:45783"}),
    ),
    Case(
        "X003",
        query({"perturbation_type": "compound", "perturbation_ontology_id": "ENSG00000156127"}),
        "inputs[0].metadata.perturbation_ontology_id",
        query({"perturbation_type": "crispr", "perturbation_ontology_id": "ENSG00000156127"}),
    ),
    Case(
        "X003",
        query({"perturbation_type": "compound", "perturbation_ontology_id": "9606"}),
        "inputs[0].metadata.perturbation_ontology_id",
        query({"perturbation_type": "infection", "perturbation_ontology_id": "2697049"}),
    ),
    Case(
        "X004",
        query({"perturbation_type": "compound", "perturbation_dose": "10 um"}),
        "inputs[0].metadata.perturbation_ontology_id",
        query(PERTURBED),
    ),
    Case(
        "X005",
        query({"sample_type": "cell line"}),
        "inputs[0].metadata.cell_line_ontology_id",
        query({"sample_type": "cell line", "cell_line_ontology_id": "CVCL_0030"}),
    ),
    Case(
        "X006",
        query({"sample_type": "primary tissue", "cell_line_ontology_id": "CVCL_0030"}),
        "inputs[0].metadata.sample_type",
        query({"sample_type": "cell line", "cell_line_ontology_id": "CVCL_0030"}),
    ),
    Case(
        "X007",
        query({"cell_type_ontology_id": "CL:0002518", "tissue_ontology_id": "UBERON:0002048"}),
        "inputs[0].metadata.cell_type_ontology_id",
        query({"cell_type_ontology_id": "CL:0002518", "tissue_ontology_id": "UBERON:0001225"}),
    ),
    Case(
        "X008",
        query(TISSUE, TISSUE),
        "inputs[1].metadata",
        query(TISSUE, {**TISSUE, "sex": "male"}),
    ),
    Case(
        "X009",
        query(TISSUE, n=5),
        "inputs",
        query(TISSUE, n=4),
        config={"quota": 4},
    ),
]


def _codes_paths(report: Any) -> set[tuple[str, str]]:
    return {(d.code, d.path) for d in report.diagnostics}


def _id(case: Case) -> str:
    return f"{case.code}-{case.path or 'root'}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_failing_case(case: Case) -> None:
    report = lint(case.fail, case.model, config=case.config)
    assert (case.code, case.path) in _codes_paths(report), report.to_dict()


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_passing_case(case: Case) -> None:
    report = lint(case.ok, case.model, config=case.config)
    assert case.code not in {d.code for d in report.diagnostics}, report.to_dict()


FIXABLE = [c for c in CASES if c.fixed is not MISSING]
UNFIXED = [c for c in CASES if c.fixed is MISSING]


@pytest.mark.parametrize("case", FIXABLE, ids=[_id(c) for c in FIXABLE])
def test_fix(case: Case) -> None:
    before = copy.deepcopy(case.fail)
    report = lint(case.fail, case.model, config=case.config)
    (finding,) = [d for d in report.diagnostics if (d.code, d.path) == (case.code, case.path)]
    assert finding.fix is not None
    fixed = report.apply_fixes()
    assert case.fail == before  # the input is never mutated
    value = get_at(fixed, parse(case.path), default=None)
    assert value == case.fixed
    again = lint(fixed, case.model, config=case.config)
    assert (case.code, case.path) not in _codes_paths(again)


@pytest.mark.parametrize("case", UNFIXED, ids=[_id(c) for c in UNFIXED])
def test_unsure_findings_have_no_fix(case: Case) -> None:
    report = lint(case.fail, case.model, config=case.config)
    found = [d for d in report.diagnostics if (d.code, d.path) == (case.code, case.path)]
    assert found and all(d.fix is None for d in found)


def test_every_rule_has_cases() -> None:
    covered = {c.code for c in CASES}
    # M003 and I006 need set-up (an imported vocabulary, a custom profile): test_rules_setup.py
    expected = {rule.code for rule in get_registry()} - {"M003", "I006"}
    assert expected <= covered, sorted(expected - covered)


def test_codes_are_stable() -> None:
    # renumbering breaks users' --select/--ignore and noqa lists: this list only grows
    assert [r.code for r in get_registry()] == [
        *(f"S{i:03d}" for i in range(1, 16)),
        *(f"M{i:03d}" for i in range(1, 9)),
        *(f"K{i:03d}" for i in range(1, 9)),
        *(f"I{i:03d}" for i in range(1, 10)),
        *(f"X{i:03d}" for i in range(1, 10)),
    ]


def test_example_queries_of_profiles_pass_structure_rules() -> None:
    # ids are checked against the real snapshot in test_examples.py
    for model in ("gem-1-bulk", "gem-1-sc"):
        example = get_profile(model).example_query
        report = lint(example, model, select="S,M,K")
        assert report.diagnostics == [], report.to_dict()


def test_a_number_for_an_anatomy_id_gets_no_quoting_fix() -> None:
    # quoted, 5 would read as an NCBI Taxonomy id and draw advice to move it
    (tissue,) = [d for d in lint(query({"tissue_ontology_id": 5})).diagnostics if d.code == "K002"]
    assert tissue.fix is None
    (taxon,) = [
        d for d in lint(query({"perturbation_ontology_id": 9606})).diagnostics if d.code == "K002"
    ]
    assert taxon.fix is not None and taxon.fix.value == "9606"
