"""Reading and building queries from awkward input: every failure is a QueryError or UsageError,
never a traceback from the standard library, and nothing contradictory is built."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from synthquery import Query, QueryError, UsageError

METADATA = {"sex": "female", "tissue_ontology_id": "UBERON:0002048"}
QUERY = {
    "sampling_strategy": "mean estimation",
    "inputs": [{"metadata": METADATA, "num_samples": 2}],
}


def test_from_json_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    text = "\ufeff" + json.dumps(QUERY)
    assert Query.from_json(text).to_dict() == QUERY
    assert Query.from_json(text.encode("utf-8")).to_dict() == QUERY
    path = tmp_path / "bom.json"
    path.write_bytes(text.encode("utf-8"))
    assert Query.from_json(path).to_dict() == QUERY


@pytest.mark.parametrize("depth", [10_000, 200_000])
def test_from_json_refuses_absurd_nesting_cleanly(depth: int) -> None:
    with pytest.raises(QueryError):
        Query.from_json("[" * depth + "]" * depth)


def test_from_json_reads_a_file_named_by_a_string(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "foo.json").write_text(json.dumps(QUERY), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert Query.from_json("foo.json").to_dict() == QUERY
    assert Query.from_json(str(tmp_path / "foo.json")).to_dict() == QUERY
    with pytest.raises(QueryError):  # not JSON and no such file
        Query.from_json("missing.json")
    # JSON text always wins over a file of the same name
    (tmp_path / "1").write_text(json.dumps(QUERY), encoding="utf-8")
    with pytest.raises(QueryError):
        Query.from_json("1")  # valid JSON (a number), not a query


@pytest.mark.parametrize("name", ["query.json", "QUERY.JSON"])
def test_a_json_query_is_not_read_as_a_sample_sheet(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(json.dumps(QUERY), encoding="utf-8")
    with pytest.raises(UsageError, match="from_json"):
        Query.from_table(path)


def test_semicolon_separated_sheets_are_read(tmp_path: Path) -> None:
    path = tmp_path / "samples.csv"
    path.write_text("tissue;sex;n\nUBERON:0002048;female;2\n", encoding="utf-8")
    q = Query.from_table(path)
    assert q.to_dict()["inputs"] == [
        {"metadata": {"sex": "female", "tissue_ontology_id": "UBERON:0002048"}, "num_samples": 2}
    ]
    comma = tmp_path / "comma.csv"  # a semicolon inside a comma-separated cell stays text
    comma.write_text('genotype,sex\n"a;b",male\n', encoding="utf-8")
    assert Query.from_table(comma).to_dict()["inputs"][0]["metadata"]["genotype"] == "a;b"


def test_a_modality_contradicting_the_model_is_refused() -> None:
    q = Query("gem-1-bulk").add(sex="male")
    with pytest.raises(QueryError) as exc:
        q.extra(modality="single-cell")
    assert [p.path for p in exc.value.problems] == ["modality"]
    assert q.extra(modality="bulk").to_dict()["modality"] == "bulk"
    assert (
        Query("gem-1-sc").extra(modality="single-cell").add(sex="male").lint().has_errors is False
    )


@pytest.mark.parametrize("model", ["gem-1-bulk", "gem-1-sc"])
def test_what_the_builder_writes_matches_its_json_schema(model: str) -> None:
    import re

    from synthquery.query.schema import json_schema

    schema = json_schema(model)
    metadata = schema["$defs"]["metadata"]["properties"]
    q = Query(model).add(sex="male", dose="1e-6 M", time="0.000001 h", perturbation_type="compound")
    built = q.to_dict()["inputs"][0]["metadata"]
    for key in ("perturbation_dose", "perturbation_time"):
        assert re.search(metadata[key]["pattern"], built[key]), built[key]


def test_a_huge_sample_sheet_is_refused_without_reading_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from synthquery.query import table

    monkeypatch.setattr(table, "MAX_TABLE_BYTES", 100)
    path = tmp_path / "big.csv"
    path.write_text("sex\n" + "male\n" * 50, encoding="utf-8")
    with pytest.raises(UsageError):
        Query.from_table(path)
    path.write_text("sex\nmale\n", encoding="utf-8")
    assert len(Query.from_table(path)) == 1


def test_text_that_is_not_unicode_is_refused() -> None:
    # a command-line byte that is not UTF-8 arrives as a lone surrogate: it cannot be sent
    with pytest.raises(QueryError) as exc:
        Query("gem-1-bulk").add(sex="male", genotype="TP53\udcff")
    assert [p.path for p in exc.value.problems] == ["inputs[0].metadata.genotype"]


def test_a_quote_left_open_is_a_parse_error_not_one_long_cell(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text('tissue,n\n"lung,2\nliver,3\n', encoding="utf-8")
    with pytest.raises(QueryError, match=r"sheet\.csv: line"):
        Query.from_table(path)
    path.write_text('tissue,n\n"lung, left",2\n', encoding="utf-8")  # a closed quote is fine
    assert len(Query.from_table(path)) == 1
