"""The engine's shortcuts must not change findings: repeated-key detection without a per-object
hook, input rules skipped for well-formed inputs, metadata rules memoised on what they read."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synthquery.lint import lint
from synthquery.lint.context import LintContext
from synthquery.lint.registry import get_registry
from synthquery.lint.rule import InputRule
from synthquery.profiles import get_profile

_HEAD = '{"sampling_strategy": "mean estimation", "inputs": [{"num_samples": 1, "metadata": '


@pytest.mark.parametrize(
    "metadata",
    [
        '{"sex": "male", "sex": "female"}',
        '{"sex" : "male", "sex"\n:\t"female"}',  # spaced colons are not counted as '":'
        '{"sex": "a\\":", "sex": "female"}',  # a '":' inside a string value
        '{"disease_ontology_id": "x", "sex" :"male", "sex": "female", "note\\"": "\\":"}',
    ],
)
def test_repeated_keys_are_found_however_the_text_is_spaced(metadata: str) -> None:
    report = lint(_HEAD + metadata + "}]}")
    found = [d for d in report.diagnostics if d.code == "S015"]
    assert len(found) == 1 and found[0].path == "inputs[0].metadata.sex"
    assert found[0].line == 1 and found[0].column is not None


def test_no_repeated_key_reported_when_strings_look_like_keys() -> None:
    text = _HEAD + '{"sex": "male", "genotype": "a\\": b\\":"}}]}'
    assert not [d for d in lint(text).diagnostics if d.code == "S015"]


_QUIET = [cls for cls in get_registry().select(None, None) if issubclass(cls, InputRule)]
_scalars = st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=6)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(st.text(max_size=6), _scalars, max_size=4),
    st.integers(1, 10),
    st.dictionaries(st.text(max_size=6), _scalars, max_size=3),
)
def test_rules_skipped_for_well_formed_inputs_would_find_nothing(
    metadata: dict[str, Any], samples: int, extra: dict[str, Any]
) -> None:
    profile = get_profile("gem-1-bulk")
    item = {**extra, "metadata": metadata, "num_samples": samples + profile.num_samples_min - 1}
    doc = {"sampling_strategy": "mean estimation", "inputs": [item]}
    ctx = LintContext(profile, get_registry_config(), doc, None)
    for cls in _QUIET:
        if cls.silent_when_well_formed:
            assert list(cls().check(ctx, 0, item, "inputs[0]")) == [], cls.code


def get_registry_config() -> Any:
    from synthquery.lint.config import LintConfig

    return LintConfig.coerce(None)


def test_memoised_metadata_rules_still_answer_per_input() -> None:
    inputs = [
        {"metadata": {"sample_type": "cell line", "cell_line_ontology_id": "CVCL_0030"}},
        {"metadata": {"sample_type": "cell line"}},
        {"metadata": {"sample_type": "primary tissue", "cell_line_ontology_id": "CVCL_0030"}},
        {"metadata": {"sample_type": "cell line", "cell_line_ontology_id": None}},
        {"metadata": {"sample_type": "cell line", "cell_line_ontology_id": "CVCL_0030"}},
        {"metadata": {"sample_type": "cell line"}},
    ]
    doc = {
        "sampling_strategy": "mean estimation",
        "inputs": [{**i, "num_samples": 1} for i in inputs],
    }
    report = lint(json.loads(json.dumps(doc)), select=["X005", "X006"])
    got = [(d.code, d.path) for d in report.diagnostics]
    assert got == [
        ("X005", "inputs[1].metadata.cell_line_ontology_id"),
        ("X006", "inputs[2].metadata.sample_type"),
        ("X005", "inputs[3].metadata.cell_line_ontology_id"),
        ("X005", "inputs[5].metadata.cell_line_ontology_id"),
    ]
