"""The linter never crashes: arbitrary JSON values, arbitrary text and mutated valid queries all
give a Report, which renders in every format; fixing always reaches a fixed point."""

from __future__ import annotations

import copy
import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthquery.lint import FORMATS, Report, lint
from synthquery.profiles import get_profile

# SYNTHQUERY_FUZZ_EXAMPLES=5000 for a longer hunt
SETTINGS = settings(
    max_examples=int(os.environ.get("SYNTHQUERY_FUZZ_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=25,
)

PROFILE = get_profile("gem-1-bulk")
KEYS = [*PROFILE.metadata_keys, "tissue", "cell_type", "gender", "Sex", "agent"]
PLAUSIBLE = [
    "Male", "female", " male ", "UBERON_0000945", "UBERON:0002048", "uberon:0000945", "lung",
    "CL:0000236", "CL:0000000", "MONDO:0000002", "MONDO:0005061", "CVCL_0030", "HeLa", "A549",
    "ENSG00000156127", "ENSG00000156127.3", "CHEBI:45783", "CHEMBL941", "CHEMBL99999999", "9606",
    "NCBITaxon:9606", "10uM", "10 um", "24h", "24 hours", "24", "1e999 um", "65", "65 years",
    "150", "-3", "6 months", "crispr", "Compound", "control", "knockdown", "cell line",
    "primary_tissue", "PRJNA12", "prjna 12", "", "   ", "paired", "PAIRED",
]  # fmt: skip
values = st.sampled_from(PLAUSIBLE) | scalars | st.lists(st.text(max_size=5), max_size=2)
metadata = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), values, max_size=7)
inputs = st.fixed_dictionaries(
    {"metadata": metadata},
    optional={"num_samples": st.integers(-2, 5) | st.sampled_from(["3", 2.0, None, True])},
)
queries = st.fixed_dictionaries(
    {"inputs": st.lists(inputs, max_size=4)},
    optional={
        "sampling_strategy": st.sampled_from(
            ["sample generation", "mean estimation", "Mean Estimation", "x", 1]
        ),
        "mode": st.sampled_from(["mean estimation", "sample generation"]),
        "seed": scalars,
        "total_count": scalars,
        "deterministic_latents": scalars,
        "modality": st.sampled_from(["bulk", "single-cell", "Bulk", "sc", "other", 3]),
        "source": st.text(max_size=5),
        "samplingStrategy": st.just("mean estimation"),
    },
)


def _check(report: Any, doc: Any, model: str | None = None) -> None:
    assert isinstance(report, Report)
    json.dumps(report.to_dict())
    for fmt in FORMATS:
        assert report.render(fmt)
    for d in report.diagnostics:
        assert d.code and isinstance(d.path, str)
    before = copy.deepcopy(doc) if not isinstance(doc, (str, bytes)) else doc
    fixed = report.apply_fixes()
    if not isinstance(doc, (str, bytes)):
        assert doc == before
    if report.document is not None:
        again = lint(fixed, model)
        assert again.fixable == [], [d.to_dict() for d in again.fixable]


@SETTINGS
@given(json_values)
def test_any_json_value(doc: Any) -> None:
    _check(lint(doc), doc)


@SETTINGS
@given(json_values)
def test_any_json_text(doc: Any) -> None:
    text = json.dumps(doc)
    _check(lint(text), text)


@SETTINGS
@given(st.text(max_size=60) | st.binary(max_size=60).map(bytes))
def test_any_text(raw: Any) -> None:
    _check(lint(raw), raw)


@SETTINGS
@given(queries, st.sampled_from(["gem-1-bulk", "gem-1-sc"]))
def test_query_shaped_documents(doc: dict[str, Any], model: str) -> None:
    _check(lint(doc, model), doc, model)


def _mutations() -> st.SearchStrategy[tuple[str, Any]]:
    return st.tuples(
        st.sampled_from(["replace", "delete", "add", "wrap"]),
        json_values | st.sampled_from(PLAUSIBLE),
    )


@SETTINGS
@given(
    st.sampled_from(["gem-1-bulk", "gem-1-sc"]),
    st.lists(st.tuples(st.integers(0, 10_000), _mutations()), min_size=1, max_size=4),
)
def test_mutated_valid_queries(model: str, edits: list[tuple[int, tuple[str, Any]]]) -> None:
    doc = copy.deepcopy(get_profile(model).example_query)
    for pick, (kind, value) in edits:
        # every container in the document, then one of its slots
        containers: list[Any] = []
        stack: list[Any] = [doc]
        while stack:
            node = stack.pop()
            if isinstance(node, (dict, list)):
                containers.append(node)
                stack.extend(node.values() if isinstance(node, dict) else node)
        node = containers[pick % len(containers)]
        slots = list(node) if isinstance(node, dict) else list(range(len(node)))
        if kind == "add" or not slots:
            if isinstance(node, dict):
                node[str(value)[:10] if not isinstance(value, str) else value] = value
            else:
                node.append(value)
            continue
        slot = slots[pick % len(slots)]
        if kind == "replace":
            node[slot] = value
        elif kind == "delete":
            del node[slot]
        else:
            node[slot] = [node[slot]]
    _check(lint(doc, model), doc, model)
    _check(lint(json.dumps(doc), model), json.dumps(doc), model)
