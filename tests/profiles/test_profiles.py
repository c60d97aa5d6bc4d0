"""Model profiles are data: every shipped file loads strictly and is self-consistent."""

from __future__ import annotations

import json

import pytest

from synthquery import UnknownModelError, UsageError, get_profile
from synthquery.profiles import import_vocabulary, imported_vocabulary, profile_names
from synthquery.profiles._model import Profile

API_KEYS = {
    "age_years", "cell_line_ontology_id", "cell_type_ontology_id", "developmental_stage",
    "disease_ontology_id", "ethnicity", "genotype", "race", "sample_type", "sex",
    "tissue_ontology_id", "perturbation_dose", "perturbation_ontology_id", "perturbation_time",
    "perturbation_type", "study", "library_selection", "library_layout", "platform",
}  # fmt: skip


def test_shipped_models() -> None:
    assert profile_names() == ["gem-1-bulk", "gem-1-sc"]


@pytest.mark.parametrize("model", ["gem-1-bulk", "gem-1-sc"])
def test_profile_is_complete(model: str) -> None:
    profile = get_profile(model)
    assert set(profile.metadata_keys) == API_KEYS
    assert set(profile.fields) == API_KEYS
    for key, spec in profile.fields.items():
        assert spec.key == key
        if spec.kind == "enum":
            assert spec.values
        if spec.kind == "ontology":
            assert spec.vocabularies
        if spec.kind == "number_unit":
            assert spec.units and spec.unit_kind in {"dose", "time"}
    for ptype in profile.fields["perturbation_type"].values:
        assert ptype in profile.perturbation_kinds


@pytest.mark.parametrize("model", ["gem-1-bulk", "gem-1-sc"])
def test_every_unit_the_parser_writes_is_accepted(model: str) -> None:
    # a dose or time lookup pulls out of text must not be refused by the value check after
    from synthquery.units import DOSE_UNITS, TIME_UNITS

    fields = get_profile(model).fields
    for key, table in (("perturbation_dose", DOSE_UNITS), ("perturbation_time", TIME_UNITS)):
        if key in fields:
            assert set(fields[key].units) == set(table), key


@pytest.mark.parametrize("model", ["gem-1-bulk", "gem-1-sc"])
def test_example_query_uses_only_known_values(model: str) -> None:
    profile = get_profile(model)
    example = profile.example_query
    assert example["sampling_strategy"] in profile.sampling_strategies
    for item in example["inputs"]:
        for key, value in item["metadata"].items():
            assert profile.is_used(key), key
            spec = profile.fields[key]
            if spec.kind == "enum":
                assert value in spec.values


def test_model_differences_live_in_data() -> None:
    bulk, sc = get_profile("gem-1-bulk"), get_profile("gem-1-sc")
    assert bulk.sampling_strategies == ("sample generation", "mean estimation")
    assert sc.sampling_strategies == ("mean estimation",)
    assert (bulk.default_total_count, sc.default_total_count) == (10_000_000, 10_000)
    assert (bulk.modality, sc.modality) == ("bulk", "single-cell")
    assert not sc.is_used("library_layout") and bulk.is_used("library_layout")
    age = bulk.fields["age_years"]
    assert (age.min, age.max, age.warn_min, age.warn_max) == (0, 120, 0, 95)


def test_aliases_and_lookup() -> None:
    profile = get_profile("gem-1-bulk")
    assert profile.field("tissue").key == "tissue_ontology_id"
    assert profile.field("Dose").key == "perturbation_dose"
    assert profile.field("n") is None


def test_unknown_model_suggests() -> None:
    with pytest.raises(UnknownModelError, match="gem-1-bulk"):
        get_profile("gem1-bulk")
    with pytest.raises(UnknownModelError):
        get_profile(None)  # type: ignore[arg-type]


def test_profile_rejects_typos() -> None:
    doc = get_profile("gem-1-bulk").model_dump()
    doc["sampling_strategys"] = []
    with pytest.raises(ValueError):
        Profile.model_validate(doc)
    doc = get_profile("gem-1-bulk").model_dump()
    doc["default_sampling_strategy"] = "nope"
    with pytest.raises(ValueError):
        Profile.model_validate(doc)


@pytest.mark.parametrize(
    "payload",
    [
        ["UBERON:0002048", "UBERON:0000945"],
        {"tissue_ontology_id": ["UBERON:0002048", "UBERON:0000945"]},
        [{"id": "UBERON:0002048", "label": "lung"}, {"id": "UBERON:0000945"}],
    ],
)
def test_import_vocabulary(tmp_path, payload) -> None:
    src = tmp_path / "tissues.json"
    src.write_text(json.dumps(payload))
    assert imported_vocabulary("gem-1-bulk", "tissue_ontology_id") is None
    stored = import_vocabulary(src, "gem-1-bulk", "tissue")
    assert stored.is_file()
    values = get_profile("gem-1-bulk").imported_values("tissue_ontology_id")
    assert values == {"UBERON:0002048", "UBERON:0000945"}
    assert get_profile("gem-1-sc").imported_values("tissue_ontology_id") is None


@pytest.mark.parametrize("content", ["{not json", "42", "[]", "[[1]]", '{"a": [], "b": []}'])
def test_import_vocabulary_bad_files(tmp_path, content) -> None:
    src = tmp_path / "bad.json"
    src.write_text(content)
    with pytest.raises(UsageError):
        import_vocabulary(src, "gem-1-bulk", "tissue")
    assert imported_vocabulary("gem-1-bulk", "tissue_ontology_id") is None


def test_import_vocabulary_unknown_key_and_missing_file(tmp_path) -> None:
    with pytest.raises(UsageError):
        import_vocabulary(tmp_path / "missing.json", "gem-1-bulk", "tissue")
    (tmp_path / "ok.json").write_text('["x"]')
    with pytest.raises(UsageError):
        import_vocabulary(tmp_path / "ok.json", "gem-1-bulk", "colour")


def test_imported_ids_are_compared_in_wire_form(tmp_path) -> None:
    # a list written "UBERON_0002048" must not make the linter reject "UBERON:0002048"
    from synthquery.lint import lint

    src = tmp_path / "tissues.json"
    src.write_text(json.dumps(["UBERON_0002048", "uberon:0000945", "not an id"]))
    import_vocabulary(src, "gem-1-bulk", "tissue")
    query = {"sampling_strategy": "mean estimation", "inputs": [
        {"metadata": {"tissue_ontology_id": "UBERON:0000945"}, "num_samples": 1}]}  # fmt: skip
    assert not [d for d in lint(query).diagnostics if d.code == "M003"]
    query["inputs"][0]["metadata"]["tissue_ontology_id"] = "UBERON:0002107"
    assert [d.code for d in lint(query).diagnostics if d.code == "M003"] == ["M003"]


@pytest.mark.parametrize("content", ["[" * 100_000 + "]" * 100_000, "\ufeff[1, 2]"])
def test_import_vocabulary_odd_files(tmp_path, content) -> None:
    src = tmp_path / "odd.json"
    src.write_text(content, encoding="utf-8")
    if content.startswith("\ufeff"):  # a BOM is fine
        import_vocabulary(src, "gem-1-bulk", "age")
        assert get_profile("gem-1-bulk").imported_values("age_years") == {"1", "2"}
    else:
        with pytest.raises(UsageError):
            import_vocabulary(src, "gem-1-bulk", "tissue")


def test_a_huge_vocabulary_file_is_refused(tmp_path, monkeypatch) -> None:
    from synthquery.profiles import _imported

    monkeypatch.setattr(_imported, "MAX_VOCABULARY_BYTES", 100)
    src = tmp_path / "big.json"
    src.write_text(json.dumps([f"UBERON:{i:07d}" for i in range(50)]))
    with pytest.raises(UsageError):
        import_vocabulary(src, "gem-1-bulk", "tissue")
    assert imported_vocabulary("gem-1-bulk", "tissue_ontology_id") is None


def test_an_absent_pattern_must_be_a_regular_expression() -> None:
    from pydantic import ValidationError

    from synthquery.profiles._model import FieldSpec

    spec = FieldSpec(kind="ontology", absent_patterns=("without .+",))
    assert spec.means_none("Without  Cancer") and not spec.means_none("cancer")
    with pytest.raises(ValidationError, match="no regular expression"):
        FieldSpec(kind="ontology", absent_patterns=("(unclosed",))


@pytest.mark.parametrize("field", ["disease", "tissue", "cell_type", "perturbation", "sex"])
def test_words_for_none_read_without_the_models_agree_with_them(field: str) -> None:
    from synthquery.profiles import absent_words, get_profile
    from synthquery.profiles._absent import means_none

    read = {model: (key, words, patterns) for model, key, words, patterns in absent_words(field)}
    for model in profile_names():
        spec = get_profile(model).field(field)
        if spec is None:
            assert model not in read
            continue
        assert read[model] == (spec.key, spec.absent_words, spec.absent_patterns)
        for text in ("healthy", "Normal Control", "NA", "lung", "no disease", "untreated"):
            assert means_none(text, *read[model][1:]) == spec.means_none(text), (model, text)


def test_the_batch_lookup_path_does_not_load_the_profile_models() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from synthquery.cli.commands.lookup import _means_none; "
        "note = _means_none('healthy', 'disease'); "
        "print(bool(note), 'pydantic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"], out
