"""Wire models and Query.from_dict: the exact API JSON, precise errors, faithful round trips."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synthquery import Query, QueryError, UnknownModelError, get_example_query
from synthquery.profiles import get_profile
from synthquery.query import METADATA_KEYS, QueryModel

MODELS = ("gem-1-bulk", "gem-1-sc")


def paths(exc: pytest.ExceptionInfo[QueryError]) -> list[str]:
    return [p.path for p in exc.value.problems]


def one_input(**metadata: Any) -> dict[str, Any]:
    return {"inputs": [{"metadata": metadata or {"sex": "male"}, "num_samples": 1}]}


@pytest.mark.parametrize("model", MODELS)
def test_profiles_list_the_wire_keys(model: str) -> None:
    assert tuple(get_profile(model).metadata_keys) == METADATA_KEYS


def test_to_dict_order_and_strings() -> None:
    doc = {
        "inputs": [
            {
                "num_samples": 2,
                "metadata": {
                    "tissue_ontology_id": "UBERON:0000945",
                    "age_years": 65,
                    "sex": "female",
                },
            }
        ],
        "source": "notebook",
        "seed": 3,
        "deterministic_latents": False,
        "total_count": 1000.0,
        "sampling_strategy": "mean estimation",
    }
    out = Query.from_dict(doc).to_dict()
    assert list(out) == [
        "sampling_strategy",
        "total_count",
        "deterministic_latents",
        "seed",
        "source",
        "inputs",
    ]
    assert out["total_count"] == 1000 and isinstance(out["total_count"], int)
    assert list(out["inputs"][0]) == ["metadata", "num_samples"]
    assert out["inputs"][0]["metadata"] == {
        "age_years": "65",
        "sex": "female",
        "tissue_ontology_id": "UBERON:0000945",
    }
    assert list(out["inputs"][0]["metadata"]) == ["age_years", "sex", "tissue_ontology_id"]


def test_nulls_are_not_sent() -> None:
    doc = {"seed": None, "total_count": None, "modality": None, **one_input()}
    doc["inputs"][0]["metadata"]["race"] = None
    q = Query.from_dict(doc)
    assert q.to_dict() == {
        "sampling_strategy": "sample generation",
        "inputs": [{"metadata": {"sex": "male"}, "num_samples": 1}],
    }
    assert "null" not in q.to_json()


@pytest.mark.parametrize(
    ("doc", "path", "needle"),
    [
        ({"inputs": [{"metadata": {}, "num_samples": "five"}]}, "inputs[0].num_samples", "five"),
        ({"seed": 1.5, **one_input()}, "seed", "1.5"),
        ({"seed": "42", **one_input()}, "seed", "integer"),
        ({"total_count": 0, **one_input()}, "total_count", "> 0"),
        ({"total_count": True, **one_input()}, "total_count", "boolean"),
        ({"deterministic_latents": "yes", **one_input()}, "deterministic_latents", "true or false"),
        ({"inputs": []}, "inputs", "at least one"),
        ({"inputs": "x"}, "inputs", "list"),
        ({"sampling_strategy": 3, **one_input()}, "sampling_strategy", "string"),
        (
            {
                "inputs": [
                    {"metadata": {"sex": "male"}, "num_samples": 1},
                    {"metadata": {}, "num_samples": 0},
                ]
            },
            "inputs[1].num_samples",
            ">= 1",
        ),
        (
            {"inputs": [{"metadata": {"age_years": [65]}, "num_samples": 1}]},
            "inputs[0].metadata.age_years",
            "string",
        ),
        ({"inputs": [{"metadata": {"sex": "male"}}]}, "inputs[0].num_samples", "required"),
        ({"inputs": [{"metadata": "lung", "num_samples": 1}]}, "inputs[0].metadata", "object"),
    ],
)
def test_bad_types_are_located(doc: dict[str, Any], path: str, needle: str) -> None:
    with pytest.raises(QueryError) as exc:
        Query.from_dict(doc)
    assert path in paths(exc)
    assert needle in str(exc.value)


def test_every_problem_is_reported_at_once() -> None:
    doc = {"seed": 1.5, "inputs": [{"metadata": {"tisue": "x"}, "num_samples": "five"}]}
    with pytest.raises(QueryError) as exc:
        Query.from_dict(doc)
    assert sorted(paths(exc)) == ["inputs[0].metadata.tisue", "inputs[0].num_samples", "seed"]


@pytest.mark.parametrize(
    ("doc", "path", "suggestion"),
    [
        (
            {"inputs": [{"metadata": {"tissue": "UBERON:0002048"}, "num_samples": 1}]},
            "inputs[0].metadata.tissue",
            "tissue_ontology_id",
        ),
        (
            {"inputs": [{"metadata": {"age": "3"}, "num_samples": 1}]},
            "inputs[0].metadata.age",
            "age_years",
        ),
        (
            {"inputs": [{"metadata": {"sex": "male"}, "num_sample": 1}]},
            "inputs[0].num_sample",
            "num_samples",
        ),
        ({"seeds": 4, **one_input()}, "seeds", "seed"),
        ({"total_counts": 4, **one_input()}, "total_counts", "total_count"),
    ],
)
def test_unknown_keys_suggest(doc: dict[str, Any], path: str, suggestion: str) -> None:
    with pytest.raises(QueryError) as exc:
        Query.from_dict(doc)
    problem = next(p for p in exc.value.problems if p.path == path)
    assert suggestion in problem.suggestions


def test_pass_through_keys_are_kept_in_order() -> None:
    doc = {**one_input(), "source": "pysynthbio", "x_custom": {"a": [1, 2]}}
    out = Query.from_dict(doc).to_dict()
    assert list(out)[-3:] == ["source", "x_custom", "inputs"]
    assert out["x_custom"] == {"a": [1, 2]}


def test_legacy_mode_and_wrapper_are_read_with_notes() -> None:
    doc = {"example_query": {"mode": "mean estimation", **one_input()}}
    q = Query.from_dict(doc)
    assert q.to_dict()["sampling_strategy"] == "mean estimation"
    assert "mode" not in q.to_dict()
    assert any("example_query" in n for n in q.notes)
    assert any("mode" in n for n in q.notes)


def test_legacy_mode_contradicting_sampling_strategy() -> None:
    doc = {"mode": "mean estimation", "sampling_strategy": "sample generation", **one_input()}
    with pytest.raises(QueryError) as exc:
        Query.from_dict(doc)
    assert paths(exc) == ["mode"]


def test_missing_strategy_uses_the_model_default() -> None:
    assert Query.from_dict(one_input()).to_dict()["sampling_strategy"] == "sample generation"
    sc = Query.from_dict(one_input(), "gem-1-sc")
    assert sc.to_dict()["sampling_strategy"] == "mean estimation"


def test_modality_picks_the_model_and_must_agree() -> None:
    assert Query.from_dict({"modality": "single-cell", **one_input()}).model == "gem-1-sc"
    assert Query.from_dict({"modality": "bulk", **one_input()}).model == "gem-1-bulk"
    with pytest.raises(QueryError) as exc:
        Query.from_dict({"modality": "bulk", **one_input()}, "gem-1-sc")
    assert paths(exc) == ["modality"]


def test_single_cell_sample_generation_is_refused_when_read() -> None:
    doc = {"sampling_strategy": "sample generation", **one_input()}
    with pytest.raises(QueryError, match="only 'mean estimation'"):
        Query.from_dict(doc, "gem-1-sc")


def test_reader_wants_the_exact_strategy_spelling() -> None:
    with pytest.raises(QueryError) as exc:
        Query.from_dict({"sampling_strategy": "Mean Estimation", **one_input()})
    assert exc.value.problems[0].suggestions == ("mean estimation",)


def test_unknown_model() -> None:
    with pytest.raises(UnknownModelError, match="did you mean 'gem-1-bulk'"):
        Query.from_dict(one_input(), "gem-1-blk")
    with pytest.raises(UnknownModelError):
        Query("gem-2")


@pytest.mark.parametrize("text", ["{", "[1, 2]", '"x"', '{"inputs": [}'])
def test_from_json_rejects_non_queries(text: str) -> None:
    with pytest.raises(QueryError):
        Query.from_json(text)


def test_from_json_reads_text_and_paths(tmp_path) -> None:
    doc = get_example_query("gem-1-sc")["example_query"]
    path = tmp_path / "q.json"
    path.write_text(json.dumps(doc))
    assert Query.from_json(path) == Query.from_json(json.dumps(doc)) == Query.from_dict(doc)


def test_query_model_is_the_wire_contract() -> None:
    doc = get_example_query("gem-1-bulk")["example_query"]
    wire = QueryModel.model_validate(doc)
    assert wire.extras == {"modality": "bulk"}
    assert wire.to_dict() == doc


# -- round trip -----------------------------------------------------------------------------

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
_metadata = st.dictionaries(st.sampled_from(METADATA_KEYS), _text, max_size=6)
_input = st.fixed_dictionaries({"metadata": _metadata, "num_samples": st.integers(1, 10**6)})
_optional = {
    "total_count": st.integers(1, 10**9),
    "deterministic_latents": st.booleans(),
    "seed": st.integers(-(2**31), 2**31),
    "source": _text,
}


@st.composite
def queries(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    model = draw(st.sampled_from(MODELS))
    doc: dict[str, Any] = {
        "sampling_strategy": draw(st.sampled_from(get_profile(model).sampling_strategies))
    }
    for key, strategy in _optional.items():
        if draw(st.booleans()):
            doc[key] = draw(strategy)
    doc["inputs"] = draw(st.lists(_input, min_size=1, max_size=4))
    return model, doc


@settings(max_examples=150, deadline=None)
@given(queries())
def test_round_trip(case: tuple[str, dict[str, Any]]) -> None:
    model, doc = case
    q = Query.from_dict(doc, model)
    out = q.to_dict()
    assert out == doc  # nothing lost, nothing added
    again = Query.from_dict(json.loads(json.dumps(out)), model)
    assert again == q
    assert json.dumps(again.to_dict()) == json.dumps(out)  # same key order too
