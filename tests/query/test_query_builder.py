"""The fluent builder: settings, immutability, value normalisation, precise errors, tables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from synthquery import Query, QueryError, UnknownModelError


def only_input(q: Query) -> dict[str, Any]:
    return q.to_dict()["inputs"][-1]


def problem_paths(exc: pytest.ExceptionInfo[QueryError]) -> list[str]:
    return [p.path for p in exc.value.problems]


def test_settings_and_defaults() -> None:
    q = Query("gem-1-bulk").add(sex="female")
    assert q.to_dict() == {
        "sampling_strategy": "sample generation",  # the profile default
        "inputs": [{"metadata": {"sex": "female"}, "num_samples": 1}],  # n defaults to 1
    }
    q2 = q.sampling("Mean_Estimation").seed(42).total_count(5e6).deterministic_latents()
    out = q2.to_dict()
    assert out["sampling_strategy"] == "mean estimation"
    assert (out["seed"], out["total_count"], out["deterministic_latents"]) == (42, 5_000_000, True)
    assert type(out["total_count"]) is int
    cleared = q2.seed(None).total_count(None).deterministic_latents(None)
    assert list(cleared.to_dict()) == ["sampling_strategy", "inputs"]


def test_single_cell_defaults_and_sample_generation_refused() -> None:
    sc = Query("gem-1-sc")
    assert sc.add(sex="male").to_dict()["sampling_strategy"] == "mean estimation"
    with pytest.raises(QueryError, match="allows only 'mean estimation'") as exc:
        sc.sampling("sample generation")
    assert problem_paths(exc) == ["sampling_strategy"]
    assert Query("gem-1-bulk").sampling("sample generation").add(sex="male")


def test_builder_is_immutable() -> None:
    base = Query("gem-1-bulk").seed(1)
    one = base.add(sex="male", n=2)
    two = one.add(sex="female")
    assert len(base) == 0 and len(one) == 1 and len(two) == 2
    reseeded = one.seed(2)
    assert one.to_dict()["seed"] == 1 and reseeded.to_dict()["seed"] == 2
    assert one.num_samples(9).to_dict()["inputs"][0]["num_samples"] == 9
    assert one.to_dict()["inputs"][0]["num_samples"] == 2


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"sex": "Male"}, {"sex": "male"}),
        ({"sex": " FEMALE "}, {"sex": "female"}),
        ({"sample_type": "Primary_Tissue"}, {"sample_type": "primary tissue"}),
        (
            {"perturbation_type": "Peptide-or-Biologic"},
            {"perturbation_type": "peptide or biologic"},
        ),
        ({"library_selection": "polyA"}, {"library_selection": "PolyA"}),
        ({"library_layout": "paired"}, {"library_layout": "PAIRED"}),
        ({"dose": "10uM"}, {"perturbation_dose": "10 um"}),
        ({"dose": "10 µM"}, {"perturbation_dose": "10 um"}),
        ({"perturbation_dose": "1 mg/kg"}, {"perturbation_dose": "1 mg/kg"}),
        ({"time": "24h"}, {"perturbation_time": "24 hours"}),
        ({"duration": "2 days"}, {"perturbation_time": "2 days"}),
        ({"age": 63}, {"age_years": "63"}),
        ({"age": 63.0}, {"age_years": "63"}),
        ({"age": "0.5"}, {"age_years": "0.5"}),
        ({"age": "6 months"}, {"age_years": "0.5"}),
        ({"age_years": "65 years"}, {"age_years": "65"}),
        ({"study": "prjna123456"}, {"study": "PRJNA123456"}),
        ({"developmental_stage": " adult "}, {"developmental_stage": "adult"}),
        ({"genotype": "KRAS G12D"}, {"genotype": "KRAS G12D"}),
        ({"Sample Type": "organoid"}, {"sample_type": "organoid"}),
    ],
)
def test_values_are_normalised(fields: dict[str, Any], expected: dict[str, str]) -> None:
    q = Query("gem-1-bulk").add(**fields)
    assert only_input(q)["metadata"] == expected


@pytest.mark.parametrize(
    ("fields", "path", "needle"),
    [
        ({"sex": "mal"}, "inputs[0].metadata.sex", "'male'"),
        ({"sex": 1}, "inputs[0].metadata.sex", "one of"),
        ({"sample_type": "tissue"}, "inputs[0].metadata.sample_type", "primary tissue"),
        ({"age": "old"}, "inputs[0].metadata.age_years", "age in years"),
        ({"age": -1}, "inputs[0].metadata.age_years", "between 0 and 120"),
        ({"age": 130}, "inputs[0].metadata.age_years", "between 0 and 120"),
        ({"age": True}, "inputs[0].metadata.age_years", "age in years"),
        ({"dose": "10"}, "inputs[0].metadata.perturbation_dose", "unit"),
        ({"dose": 10}, "inputs[0].metadata.perturbation_dose", "unit"),
        ({"time": "24 parsecs"}, "inputs[0].metadata.perturbation_time", "24 hours"),
        ({"time": "10uM"}, "inputs[0].metadata.perturbation_time", "unit"),
        ({"study": "GSE1234"}, "inputs[0].metadata.study", "PRJ"),
        ({"sex": "male", "n": "five"}, "inputs[0].num_samples", "five"),
        ({"sex": "male", "n": "5"}, "inputs[0].num_samples", "integer"),
        ({"sex": "male", "n": 0}, "inputs[0].num_samples", ">= 1"),
        ({"sex": "male", "n": 2.5}, "inputs[0].num_samples", "integer"),
        ({"sex": "male", "n": True}, "inputs[0].num_samples", "integer"),
        ({"tisue": "lung"}, "inputs[0].metadata.tisue", "unknown key"),
        ({"sex": "male", "gender": "male"}, "inputs[0].metadata.gender", "unknown key"),
        ({"n": 5}, "inputs[0]", "at least one metadata key"),
        ({"sex": "male", "n": 1, "num_samples": 2}, "inputs[0].num_samples", "twice"),
    ],
)
def test_bad_values_name_input_and_key(fields: dict[str, Any], path: str, needle: str) -> None:
    with pytest.raises(QueryError) as exc:
        Query("gem-1-bulk").add(**fields)
    assert path in problem_paths(exc)
    assert needle in str(exc.value)


def test_unknown_key_suggests_the_alias() -> None:
    with pytest.raises(QueryError) as exc:
        Query().add(tisue="lung")
    assert "tissue" in exc.value.problems[0].suggestions


def test_same_key_twice_via_alias() -> None:
    with pytest.raises(QueryError, match="twice") as exc:
        Query().add(sex="male", dose="1 um", perturbation_dose="2 um")
    assert problem_paths(exc) == ["inputs[0].metadata.perturbation_dose"]


def test_second_input_errors_name_index_1() -> None:
    with pytest.raises(QueryError) as exc:
        Query().add(sex="male").add(sex="x")
    assert problem_paths(exc) == ["inputs[1].metadata.sex"]


@pytest.mark.parametrize(
    ("method", "value", "path"),
    [
        ("seed", 1.5, "seed"),
        ("seed", "42", "seed"),
        ("seed", True, "seed"),
        ("total_count", 0, "total_count"),
        ("total_count", 1.5, "total_count"),
        ("deterministic_latents", "yes", "deterministic_latents"),
        ("sampling", "mean", "sampling_strategy"),
        ("sampling", 3, "sampling_strategy"),
    ],
)
def test_bad_settings(method: str, value: Any, path: str) -> None:
    with pytest.raises(QueryError) as exc:
        getattr(Query(), method)(value)
    assert problem_paths(exc) == [path]


def test_unknown_model_suggests() -> None:
    with pytest.raises(UnknownModelError, match="gem-1-sc"):
        Query("gem-1-cs")


def test_to_dict_refuses_an_empty_query() -> None:
    with pytest.raises(QueryError, match="no inputs"):
        Query().seed(1).to_dict()


def test_pass_through_keys() -> None:
    q = Query().extra(modality="bulk", source="me").add(sex="male")
    assert list(q.to_dict()) == ["sampling_strategy", "modality", "source", "inputs"]
    assert "source" not in q.extra(source=None).to_dict()
    with pytest.raises(QueryError):
        Query().extra(seed=3)
    with pytest.raises(QueryError):
        Query().extra(source=object())


def test_update_remove_and_num_samples() -> None:
    q = Query().add(sex="male", age=40, n=2).add(sex="female", n=3)
    changed = q.update(0, sex="Female", age=None, dose="5uM")
    assert changed.to_dict()["inputs"][0] == {
        "metadata": {"sex": "female", "perturbation_dose": "5 um"},
        "num_samples": 2,
    }
    assert changed.resolutions[0]["sex"].status == "normalised"
    removed = q.remove(0)
    assert removed.to_dict()["inputs"] == [{"metadata": {"sex": "female"}, "num_samples": 3}]
    assert removed.resolutions[0]["sex"].index == 0
    assert q.num_samples(7, index=-1).to_dict()["inputs"][1]["num_samples"] == 7
    with pytest.raises(QueryError, match="no input 5"):
        q.remove(5)
    with pytest.raises(QueryError) as exc:
        q.num_samples("five", index=1)
    assert problem_paths(exc) == ["inputs[1].num_samples"]


def test_resolutions_and_review() -> None:
    q = Query("gem-1-sc").add(sex="Male", age=99, sample_type="primary tissue", n=4)
    res = q.resolutions[0]
    assert list(res) == ["age_years", "sample_type", "sex"]
    assert res["sex"].text == "Male" and res["sex"].value == "male"
    assert res["age_years"].needs_review and "0-95" in res["age_years"].warnings[0]
    assert res["sample_type"].needs_review and "does not use" in res["sample_type"].warnings[0]
    assert not res["sex"].needs_review
    assert {r.key for r in q.uncertain} == {"age_years", "sample_type"}
    table = q.review()
    assert "needs review" in table and "inputs[0].metadata.age_years" in table
    assert "needs_review=2" in repr(q)
    assert res["sex"].to_dict()["path"] == "inputs[0].metadata.sex"


def test_from_dict_inputs_have_empty_resolutions() -> None:
    q = Query.from_dict({"inputs": [{"metadata": {"sex": "male"}, "num_samples": 1}]})
    assert q.resolutions == [{}]
    assert "read as given" in q.review()


# -- many inputs at once -----------------------------------------------------------------------


def test_add_many_from_records_and_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    records = [
        {"sex": "Male", "age": 30, "n": 2},
        {"sex": "female", "age": None, "n": 1.0, "dose": float("nan")},
    ]
    q = Query().add_many(records)
    frame = pd.DataFrame(records)
    assert Query().add_many(frame) == q
    assert q.to_dict()["inputs"] == [
        {"metadata": {"age_years": "30", "sex": "male"}, "num_samples": 2},
        {"metadata": {"sex": "female"}, "num_samples": 1},
    ]


def test_add_many_reports_every_bad_row() -> None:
    rows = [{"sex": "male"}, {"sex": "x"}, {"sex": "female", "n": "lots"}]
    with pytest.raises(QueryError) as exc:
        Query().add(sex="male").add_many(rows)
    assert problem_paths(exc) == ["inputs[2].metadata.sex", "inputs[3].num_samples"]


@pytest.mark.parametrize("bad", [{"sex": "male"}, "sex", [["sex", "male"]], []])
def test_add_many_wants_records(bad: Any) -> None:
    with pytest.raises(QueryError):
        Query().add_many(bad)


def test_from_table_csv_and_tsv(tmp_path: Path) -> None:
    csv = tmp_path / "samples.csv"
    csv.write_text(
        "# a comment line\nSex,Age,Sample type,n,dose\n"
        "male,63,primary tissue,5,\nFemale,,cell line,2,10uM\n",
        encoding="utf-8",
    )
    q = Query.from_table(csv)
    expected = [
        {
            "metadata": {"age_years": "63", "sample_type": "primary tissue", "sex": "male"},
            "num_samples": 5,
        },
        {
            "metadata": {"sample_type": "cell line", "sex": "female", "perturbation_dose": "10 um"},
            "num_samples": 2,
        },
    ]
    assert q.to_dict()["inputs"] == expected
    tsv = tmp_path / "samples.tsv"
    tsv.write_text("sex\tage\tn\nmale\t63\t5\n", encoding="utf-8")
    assert Query.from_table(tsv, "gem-1-sc").to_dict()["inputs"] == [
        {"metadata": {"age_years": "63", "sex": "male"}, "num_samples": 5}
    ]


def test_from_table_errors_name_the_file(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("sex,colour\nmale,red\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"s\.csv") as exc:
        Query.from_table(sheet)
    assert problem_paths(exc) == ["inputs[0].metadata.colour"]
    empty = tmp_path / "e.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(QueryError, match="empty"):
        Query.from_table(empty)


def test_from_table_xlsx_needs_openpyxl(tmp_path: Path) -> None:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        book = tmp_path / "s.xlsx"
        book.write_bytes(b"PK")
        with pytest.raises(Exception, match="openpyxl"):
            Query.from_table(book)
    else:
        pytest.skip("openpyxl is installed: the missing-dependency message cannot be shown")


def test_predict_refuses_unreviewed_guesses() -> None:
    # a query with no guesses goes on to the client; a guess stops it first
    from dataclasses import replace

    q = Query().add(sex="male")
    res = q.resolutions[0]["sex"]
    guessed = q._evolve(res=({"sex": replace(res, status="ambiguous", message="pick one")},))
    with pytest.raises(QueryError, match="allow_uncertain") as exc:
        guessed.predict()
    assert problem_paths(exc) == ["inputs[0].metadata.sex"]
    assert json.loads(guessed.to_json())["inputs"][0]["metadata"] == {"sex": "male"}
