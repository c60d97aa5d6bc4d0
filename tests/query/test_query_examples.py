"""Example queries offline, the seed's edit-the-example workflow, and the JSON Schema export."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest

from contract_examples import API_BULK
from synthquery import Query, get_example_query
from synthquery.query import json_schema

MODELS = ("gem-1-bulk", "gem-1-sc")

BULK_EXAMPLE = {"modality": "bulk", **API_BULK}


def test_bulk_example_is_the_contract_example() -> None:
    assert get_example_query("gem-1-bulk") == {"example_query": BULK_EXAMPLE}


@pytest.mark.parametrize("model", MODELS)
def test_example_is_a_fresh_copy(model: str) -> None:
    first = get_example_query(model)
    first["example_query"]["inputs"].clear()
    assert get_example_query(model)["example_query"]["inputs"]


@pytest.mark.parametrize("model", MODELS)
def test_example_is_clean_under_our_linter(model: str) -> None:
    report = Query.from_dict(get_example_query(model)).lint()
    assert report.diagnostics == []


def test_single_cell_example() -> None:
    example = get_example_query("gem-1-sc")["example_query"]
    assert example["sampling_strategy"] == "mean estimation"
    assert [i["metadata"]["cell_type_ontology_id"] for i in example["inputs"]] == [
        "CL:0000786",
        "CL:0000763",
    ]
    assert all("sample_type" not in i["metadata"] for i in example["inputs"])


# -- the seed workflow: take the example, edit it as a dict, send it ----------------------------

THIRD = {"sex": "male", "sample_type": "primary tissue", "tissue_ontology_id": "UBERON:0002371"}

EXPECTED = {
    "gem-1-bulk": {
        "sampling_strategy": "mean estimation",
        "total_count": 5000000,
        "deterministic_latents": True,
        "seed": 7,
        "modality": "bulk",
        "inputs": [
            {
                "metadata": {
                    "cell_line_ontology_id": "CVCL_0023",
                    "sample_type": "cell line",
                    "perturbation_ontology_id": "ENSG00000156127",
                    "perturbation_time": "96 hours",
                    "perturbation_type": "crispr",
                },
                "num_samples": 10,
            },
            {
                "metadata": {
                    "age_years": "65",
                    "disease_ontology_id": "MONDO:0011719",
                    "sample_type": "primary tissue",
                    "sex": "female",
                    "tissue_ontology_id": "UBERON:0000945",
                },
                "num_samples": 5,
            },
            {
                "metadata": {
                    "sample_type": "primary tissue",
                    "sex": "male",
                    "tissue_ontology_id": "UBERON:0002371",
                },
                "num_samples": 3,
            },
        ],
    },
    "gem-1-sc": {
        "sampling_strategy": "mean estimation",
        "total_count": 5000000,
        "deterministic_latents": True,
        "seed": 7,
        "modality": "single-cell",
        "inputs": [
            {
                "metadata": {
                    "cell_type_ontology_id": "CL:0000786",
                    "sex": "male",
                    "tissue_ontology_id": "UBERON:0001155",
                },
                "num_samples": 10,
            },
            {
                "metadata": {
                    "cell_type_ontology_id": "CL:0000763",
                    "sex": "male",
                    "tissue_ontology_id": "UBERON:0001155",
                },
                "num_samples": 1,
            },
            {
                "metadata": {
                    "sample_type": "primary tissue",
                    "sex": "male",
                    "tissue_ontology_id": "UBERON:0002371",
                },
                "num_samples": 3,
            },
        ],
    },
}


@pytest.mark.parametrize("model", MODELS)
def test_seed_workflow_with_dicts(model: str) -> None:
    query = get_example_query(model)["example_query"]
    query["inputs"][0]["num_samples"] = 10
    query["inputs"].append({"metadata": dict(THIRD), "num_samples": 3})
    query["total_count"] = 5_000_000
    query["deterministic_latents"] = True
    query["seed"] = 7
    query["sampling_strategy"] = "mean estimation"
    out = Query.from_dict(query, model).to_dict()
    # same content and the documented key order
    assert json.dumps(out) == json.dumps(EXPECTED[model])


@pytest.mark.parametrize("model", MODELS)
def test_seed_workflow_with_the_builder(model: str) -> None:
    q = (
        Query.from_dict(get_example_query(model), model)
        .num_samples(10, index=0)
        .add(sex="Male", sample_type="Primary Tissue", tissue="UBERON:0002371", n=3)
        .total_count(5e6)
        .deterministic_latents()
        .seed(7)
        .sampling("mean estimation")
    )
    assert json.dumps(q.to_dict()) == json.dumps(EXPECTED[model])
    third = q.resolutions[2]
    assert third["tissue_ontology_id"].label == "bone marrow"
    assert third["sex"].status == "normalised"
    # the single-cell model does not use sample_type: kept, but flagged for review
    assert third["sample_type"].needs_review is (model == "gem-1-sc")


# -- JSON Schema ---------------------------------------------------------------------------------


def validate(
    instance: Any, schema: dict[str, Any], root: dict[str, Any] | None = None
) -> list[str]:
    """A tiny JSON Schema validator for the keywords our schemas use; returns error strings."""
    root = root or schema
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return validate(instance, root["$defs"][name], root)
    errors: list[str] = []
    types = {"object": dict, "array": list, "string": str, "boolean": bool}
    kind = schema.get("type")
    if kind == "integer":
        if isinstance(instance, bool) or not isinstance(instance, int):
            return [f"{instance!r} is not an integer"]
    elif kind and not isinstance(instance, types[kind]):
        return [f"{instance!r} is not {kind}"]
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{instance!r} not in enum")
    if "pattern" in schema and not re.search(schema["pattern"], instance):
        errors.append(f"{instance!r} does not match {schema['pattern']}")
    if "minimum" in schema and instance < schema["minimum"]:
        errors.append(f"{instance!r} < {schema['minimum']}")
    if isinstance(instance, dict):
        errors += [f"missing {k}" for k in schema.get("required", []) if k not in instance]
        props = schema.get("properties", {})
        for key, value in instance.items():
            if key in props:
                errors += validate(value, props[key], root)
            elif schema.get("additionalProperties") is False:
                errors.append(f"unexpected {key}")
    if isinstance(instance, list):
        if len(instance) < schema.get("minItems", 0):
            errors.append("too few items")
        for item in instance:
            errors += validate(item, schema.get("items", {}), root)
    return errors


def all_errors(instance: Any, schema: dict[str, Any]) -> list[str]:
    errors = validate(instance, schema)
    try:
        import jsonschema
    except ImportError:
        return errors
    # cross-check the tiny validator against the reference implementation when it is installed
    reference = list(jsonschema.Draft202012Validator(schema).iter_errors(instance))
    assert bool(reference) == bool(errors), (errors, [e.message for e in reference])
    return errors


@pytest.mark.parametrize("model", MODELS)
def test_schema_validates_the_example_queries(model: str) -> None:
    schema = json_schema(model)
    assert all_errors(get_example_query(model)["example_query"], schema) == []
    assert all_errors(EXPECTED[model], schema) == []


def test_schema_takes_enums_from_the_profile() -> None:
    bulk, sc = json_schema("gem-1-bulk"), json_schema("gem-1-sc")
    meta = bulk["$defs"]["metadata"]["properties"]
    assert meta["sex"]["enum"] == ["male", "female"]
    assert "primary tissue" in meta["sample_type"]["enum"]
    assert bulk["properties"]["sampling_strategy"]["enum"] == [
        "sample generation",
        "mean estimation",
    ]
    assert sc["properties"]["sampling_strategy"]["enum"] == ["mean estimation"]
    assert sc["$defs"]["metadata"]["properties"]["sample_type"]["deprecated"] is True
    assert bulk["properties"]["total_count"]["default"] == 10_000_000
    assert sc["properties"]["total_count"]["default"] == 10_000


@pytest.mark.parametrize(
    ("model", "edit"),
    [
        ("gem-1-bulk", lambda q: q["inputs"][1]["metadata"].update(sex="Male")),
        ("gem-1-bulk", lambda q: q["inputs"][1]["metadata"].update(tissue="UBERON:0000945")),
        ("gem-1-bulk", lambda q: q["inputs"][1]["metadata"].update(age_years=65)),
        (
            "gem-1-bulk",
            lambda q: q["inputs"][1]["metadata"].update(tissue_ontology_id="UBERON_0000945"),
        ),
        ("gem-1-bulk", lambda q: q["inputs"][0]["metadata"].update(perturbation_time="96h")),
        ("gem-1-bulk", lambda q: q["inputs"][0].update(num_samples=0)),
        ("gem-1-bulk", lambda q: q.update(inputs=[])),
        ("gem-1-bulk", lambda q: q.update(seed=1.5)),
        ("gem-1-sc", lambda q: q.update(sampling_strategy="sample generation")),
    ],
)
def test_schema_rejects_mistakes(model: str, edit: Any) -> None:
    query = copy.deepcopy(get_example_query(model)["example_query"])
    edit(query)
    assert all_errors(query, json_schema(model))
