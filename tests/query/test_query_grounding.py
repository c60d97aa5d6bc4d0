"""Words to ids through the real snapshots and resolver: the ids a curator would pick."""

from __future__ import annotations

import json
from typing import Any

import pytest

from synthquery import Query, QueryError


@pytest.mark.parametrize(
    ("fields", "key", "expected"),
    [
        ({"tissue": "lung"}, "tissue_ontology_id", "UBERON:0002048"),
        ({"tissue": "Lung"}, "tissue_ontology_id", "UBERON:0002048"),
        ({"tissue": "stomach"}, "tissue_ontology_id", "UBERON:0000945"),
        ({"tissue": "bone marrow"}, "tissue_ontology_id", "UBERON:0002371"),
        ({"disease": "lung adenocarcinoma"}, "disease_ontology_id", "MONDO:0005061"),
        ({"disease": "gastrointestinal stromal tumor"}, "disease_ontology_id", "MONDO:0011719"),
        ({"cell_line": "HeLa"}, "cell_line_ontology_id", "CVCL_0030"),
        ({"cell_line": "A549"}, "cell_line_ontology_id", "CVCL_0023"),
        ({"cell_line": "HL60"}, "cell_line_ontology_id", "CVCL_0002"),
        ({"cell_type": "B cell"}, "cell_type_ontology_id", "CL:0000236"),
        ({"cell_type": "plasma cell"}, "cell_type_ontology_id", "CL:0000786"),
        (
            {"perturbation": "imatinib", "perturbation_type": "compound"},
            "perturbation_ontology_id",
            "CHEBI:45783",
        ),
        (
            {"perturbation": "TP53", "perturbation_type": "crispr"},
            "perturbation_ontology_id",
            "ENSG00000141510",
        ),
    ],
)
def test_words_resolve_to_curated_ids(fields: dict[str, Any], key: str, expected: str) -> None:
    q = Query("gem-1-bulk").add(**fields)
    assert q.to_dict()["inputs"][0]["metadata"][key] == expected
    res = q.resolutions[0][key]
    assert res.status == "resolved", res
    assert res.id == expected and res.label and res.score is not None and res.match


@pytest.mark.parametrize(
    ("fields", "key", "expected"),
    [
        ({"tissue": "UBERON_0002048"}, "tissue_ontology_id", "UBERON:0002048"),
        ({"tissue": "uberon:0002048"}, "tissue_ontology_id", "UBERON:0002048"),
        ({"cell_line": "RRID:CVCL_0030"}, "cell_line_ontology_id", "CVCL_0030"),
        ({"perturbation": "ENSG00000141510.17"}, "perturbation_ontology_id", "ENSG00000141510"),
        ({"perturbation": 9606}, "perturbation_ontology_id", "9606"),
        ({"disease": "MONDO:0005061"}, "disease_ontology_id", "MONDO:0005061"),
    ],
)
def test_ids_are_normalised_and_checked(fields: dict[str, Any], key: str, expected: str) -> None:
    q = Query().add(**fields)
    assert q.to_dict()["inputs"][0]["metadata"][key] == expected
    res = q.resolutions[0][key]
    assert res.match == "id" and res.label
    assert res.status in ("given", "normalised")


def test_the_design_example() -> None:
    q = (
        Query("gem-1-bulk")
        .sampling("sample generation")
        .seed(42)
        .add(
            tissue="lung",
            disease="lung adenocarcinoma",
            sex="female",
            sample_type="primary tissue",
            age=63,
            n=5,
        )
        .add(
            cell_line="HeLa",
            perturbation="imatinib",
            perturbation_type="compound",
            dose="10 uM",
            time="24 h",
            n=3,
        )
    )
    expected = {
        "sampling_strategy": "sample generation",
        "seed": 42,
        "inputs": [
            {
                "metadata": {
                    "age_years": "63",
                    "disease_ontology_id": "MONDO:0005061",
                    "sample_type": "primary tissue",
                    "sex": "female",
                    "tissue_ontology_id": "UBERON:0002048",
                },
                "num_samples": 5,
            },
            {
                "metadata": {
                    "cell_line_ontology_id": "CVCL_0030",
                    "perturbation_dose": "10 um",
                    "perturbation_ontology_id": "CHEBI:45783",
                    "perturbation_time": "24 hours",
                    "perturbation_type": "compound",
                },
                "num_samples": 3,
            },
        ],
    }
    assert json.dumps(q.to_dict()) == json.dumps(expected)
    assert not [r for r in q.uncertain if r.is_guess]
    assert "UBERON:0002048" in q.review()
    assert not q.lint().has_errors


def test_dose_and_time_inside_the_compound_text() -> None:
    q = Query().add(perturbation="imatinib 10uM 24h", perturbation_type="compound")
    meta = q.to_dict()["inputs"][0]["metadata"]
    assert meta["perturbation_ontology_id"] == "CHEBI:45783"
    assert (meta["perturbation_dose"], meta["perturbation_time"]) == ("10 um", "24 hours")
    assert q.resolutions[0]["perturbation_dose"].status == "from-text"
    # an explicit dose that agrees is fine; one that contradicts the text is an error
    same = Query().add(perturbation="imatinib 10uM", perturbation_type="compound", dose="10 uM")
    assert same.to_dict()["inputs"][0]["metadata"]["perturbation_dose"] == "10 um"
    with pytest.raises(QueryError) as exc:
        Query().add(perturbation="imatinib 10uM", perturbation_type="compound", dose="5 uM")
    assert [p.path for p in exc.value.problems] == ["inputs[0].metadata.perturbation_dose"]


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"sex": "male", "tissue": "qwertyuiop zxcv"}, "inputs[0].metadata.tissue_ontology_id"),
        ({"tissue": "UBERON:9999999"}, "inputs[0].metadata.tissue_ontology_id"),
        ({"tissue": "CL:0000236"}, "inputs[0].metadata.tissue_ontology_id"),
        ({"disease": "xqzv blorp"}, "inputs[0].metadata.disease_ontology_id"),
    ],
)
def test_unresolvable_values_are_errors(fields: dict[str, Any], path: str) -> None:
    with pytest.raises(QueryError) as exc:
        Query().add(**fields)
    assert [p.path for p in exc.value.problems] == [path]


def test_unresolvable_word_in_the_second_input() -> None:
    with pytest.raises(QueryError) as exc:
        Query().add(tissue="lung").add(tissue="qwertyuiop zxcv", n=2)
    assert [p.path for p in exc.value.problems] == ["inputs[1].metadata.tissue_ontology_id"]


def test_repeated_words_in_a_table_resolve_once_each() -> None:
    rows = [{"tissue": "lung", "sex": "male" if i % 2 else "female", "n": 1} for i in range(40)]
    q = Query().add_many(rows)
    assert {i["metadata"]["tissue_ontology_id"] for i in q.to_dict()["inputs"]} == {
        "UBERON:0002048"
    }


# -- ambiguity policy: keep the best id, mark it, never pass it off as certain --------------------


@pytest.mark.parametrize(
    ("fields", "key", "status"),
    [
        ({"tissue": "heart muscle"}, "tissue_ontology_id", "ambiguous"),
        ({"tissue": "kidney cortex region"}, "tissue_ontology_id", "low-confidence"),
        ({"disease": "MS"}, "disease_ontology_id", "ambiguous"),
    ],
)
def test_uncertain_words_are_kept_but_flagged(
    fields: dict[str, Any], key: str, status: str
) -> None:
    q = Query().add(**fields)
    res = q.resolutions[0][key]
    assert res.status == status and res.is_guess and res.needs_review
    assert q.to_dict()["inputs"][0]["metadata"][key] == res.id
    assert res.alternatives and res.id in res.message
    assert q.uncertain == [res]
    assert "needs review" in q.review()
    with pytest.raises(QueryError) as exc:
        Query(strict=True).add(**fields)
    assert [p.path for p in exc.value.problems] == [f"inputs[0].metadata.{key}"]
    with pytest.raises(QueryError, match="allow_uncertain"):
        q.predict()


def test_typos_are_kept_as_reviewable_guesses() -> None:
    q = Query().add(tissue="stomac")
    assert q.to_dict()["inputs"][0]["metadata"]["tissue_ontology_id"] == "UBERON:0000945"
    (res,) = [r for r in q.uncertain if r.key == "tissue_ontology_id"]
    assert res.status in {"low-confidence", "ambiguous"}
    with pytest.raises(QueryError):
        Query(strict=True).add(tissue="stomac")


def test_words_with_no_plausible_match_are_errors_with_suggestions() -> None:
    with pytest.raises(QueryError) as exc:
        Query().add(tissue="qqqzzz organ")
    (problem,) = exc.value.problems
    assert problem.path == "inputs[0].metadata.tissue_ontology_id"


def test_cd4_t_cells_resolve_as_a_marked_guess() -> None:
    q = Query().add(cell_type="CD4+ T cells")
    assert q.to_dict()["inputs"][0]["metadata"]["cell_type_ontology_id"] == "CL:0000624"


def test_lint_adds_resolution_warnings() -> None:
    clean = Query().add(tissue="lung", sex="male", sample_type="primary tissue")
    assert not [d for d in clean.lint().diagnostics if d.code == "RESOLVE"]
    unsure = Query().add(tissue="heart muscle", sex="male", sample_type="primary tissue")
    report = unsure.lint()
    (diag,) = [d for d in report.diagnostics if d.code == "RESOLVE"]
    assert diag.path == "inputs[0].metadata.tissue_ontology_id"
    assert str(diag.severity) == "warning"
    assert not [d for d in unsure.lint(ignore=["RESOLVE"]).diagnostics if d.code == "RESOLVE"]
    only = unsure.lint(select=["RESOLVE"]).diagnostics
    assert [d.code for d in only] == ["RESOLVE"]


@pytest.mark.parametrize("word", ["healthy", "Normal", "healthy  control", "no disease"])
def test_healthy_means_no_disease_key(word: str) -> None:
    q = Query("gem-1-bulk").add(tissue="lung", disease=word, sex="female", n=2)
    meta = q.to_dict()["inputs"][0]["metadata"]
    assert "disease_ontology_id" not in meta and meta["tissue_ontology_id"] == "UBERON:0002048"
    res = q.resolutions[0]["disease_ontology_id"]
    assert res.status == "omitted" and not res.needs_review and not res.is_guess
    assert "omitted" in q.review()
    assert not [d for d in q.lint().diagnostics if d.path.endswith("disease_ontology_id")]


@pytest.mark.parametrize(
    "word", ["untreated", "Vehicle control", "mock", "scrambled siRNA", "non-targeting control"]
)
def test_an_unperturbed_control_has_no_perturbation_id(word: str) -> None:
    q = Query("gem-1-bulk").add(cell_line="HeLa", perturbation=word, n=1)
    meta = q.to_dict()["inputs"][0]["metadata"]
    assert "perturbation_ontology_id" not in meta and meta["cell_line_ontology_id"] == "CVCL_0030"
    assert q.resolutions[0]["perturbation_ontology_id"].status == "omitted"


@pytest.mark.parametrize(
    ("key", "word"),
    [("tissue", "NA"), ("tissue", "n/a"), ("cell_type", "Unknown"), ("disease", "not reported")],
)
def test_a_value_never_recorded_leaves_any_ontology_key_out(key: str, word: str) -> None:
    # "NA" is also an EXACT synonym of nasal artery: read as a term, it would be a guess
    q = Query("gem-1-bulk").add(**{key: word}, cell_line="HeLa", n=1)
    meta = q.to_dict()["inputs"][0]["metadata"]
    assert f"{key}_ontology_id" not in meta and meta["cell_line_ontology_id"] == "CVCL_0030"
    assert q.resolutions[0][f"{key}_ontology_id"].status == "omitted"


@pytest.mark.parametrize(
    "text", ["without cancer", "no history of heart disease", "cancer-free", "non-diabetic"]
)
def test_a_negated_disease_means_no_disease_key(text: str) -> None:
    q = Query("gem-1-bulk").add(tissue="lung", disease=text, n=1)
    assert "disease_ontology_id" not in q.to_dict()["inputs"][0]["metadata"]
    assert q.resolutions[0]["disease_ontology_id"].status == "omitted"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("non-small cell lung cancer", "MONDO:0005233"), ("Noonan syndrome", "MONDO:0018997")],
)
def test_a_disease_named_with_non_or_no_is_still_grounded(text: str, expected: str) -> None:
    q = Query("gem-1-bulk").add(disease=text, n=1)
    assert q.to_dict()["inputs"][0]["metadata"]["disease_ontology_id"] == expected


def test_missing_value_words_leave_other_kinds_of_key_alone() -> None:
    from synthquery import get_profile

    profile = get_profile("gem-1-bulk")
    assert profile.fields["tissue_ontology_id"].means_none("N/A")
    assert not profile.fields["sex"].means_none("N/A")  # an enum says what it accepts
    assert not profile.fields["tissue_ontology_id"].means_none("nasal artery")


def test_a_real_disease_named_like_none_is_still_grounded() -> None:
    q = Query("gem-1-bulk").add(disease="normal pressure hydrocephalus")
    assert q.to_dict()["inputs"][0]["metadata"]["disease_ontology_id"].startswith("MONDO:")


def test_a_guess_says_when_the_word_names_another_field() -> None:
    # a cell line given as the tissue: the guess is a fuzzy pituitary stalk, and the review
    # says why
    q = Query("gem-1-bulk").add(tissue="THP-1", n=1)
    res = q.resolutions[0]["tissue_ontology_id"]
    assert res.needs_review
    assert "names a cell line: CVCL_0006" in res.message


def test_a_word_of_another_field_with_no_guess_is_refused_with_the_reason() -> None:
    # "HeLa" is no near name of any tissue (its fuzzy neighbours are other codes)
    with pytest.raises(QueryError, match=r"'HeLa' names a cell line: CVCL_0030"):
        Query("gem-1-bulk").add(tissue="HeLa", n=1)
