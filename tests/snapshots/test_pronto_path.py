"""The online update path: upstream OBO files, pre-cleaned, parsed with pronto."""

from __future__ import annotations

import gzip
import json
import warnings
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
pronto = pytest.importorskip("pronto")

CLEAN_BASE = """\
format-version: 1.2
ontology: mini

[Term]
id: UBERON:0000001
name: thing

[Term]
id: UBERON:0000002
name: part
is_a: UBERON:0000001
"""


def _parse(path: Path) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pronto.Ontology(str(path))


@pytest.fixture(scope="module")
def mini(bs):
    records, meta = bs.records_from_pronto(str(DATA / "mini.obo"), "UBERON")
    return {k: r.to_json() for k, r in records.items()}, meta


def test_mini_obo_ids_and_labels(mini):
    records, meta = mini
    assert sorted(records) == [
        "UBERON:0000001",
        "UBERON:0000002",
        "UBERON:0000003",
        "UBERON:0000004",
        "UBERON:0002048",
    ]  # GO class and the stubs for undeclared BFO/FMA references are not UBERON terms
    assert records["UBERON:0002048"]["label"] == "lung"
    assert meta["version"] == "mini/releases/2024-12-19"
    assert meta["date"] == "2024-12-19"  # the MM:dd header was read the right way round


def test_mini_obo_synonym_scopes(mini):
    records, _ = mini
    assert records["UBERON:0002048"]["synonyms"] == [
        ["pulmo", "EXACT", "uberon"],
        ["lungs", "RELATED", "uberon"],
        ["pulmonary lobe", "NARROW", "uberon"],
    ]
    assert records["UBERON:0000001"]["synonyms"] == [["body part", "BROAD", "uberon"]]
    assert ["TO", "ABBREVIATION", "uberon"] in records["UBERON:0000002"]["synonyms"]


def test_mini_obo_is_a_and_part_of_are_separate(mini):
    records, _ = mini
    lung = records["UBERON:0002048"]
    assert lung["is_a"] == ["UBERON:0000002"]
    assert lung["part_of"] == ["UBERON:0000003"]  # located_in is neither
    assert "parents" not in lung
    chest = records["UBERON:0000003"]
    assert chest["is_a"] == ["UBERON:0000001"]
    assert chest["part_of"] == ["BFO:0000999"]  # undeclared target kept as a plain CURIE


def test_mini_obo_obsolete_with_replacement(mini):
    records, _ = mini
    old = records["UBERON:0000004"]
    assert old["obsolete"] is True
    assert old["replaced_by"] == ["UBERON:0002048"]
    assert old["consider"] == ["FMA:7154", "UBERON:0000003"]  # IRI and obo. forms normalised
    assert "obsolete" not in records["UBERON:0002048"]


def test_raw_mini_obo_does_not_parse(tmp_path):
    # the fixture really carries a quirk pronto fails on (the MM:dd date comes first)
    raw = tmp_path / "raw.obo"
    raw.write_text((DATA / "mini.obo").read_text())
    with pytest.raises(SyntaxError):
        _parse(raw)


@pytest.mark.parametrize(
    ("quirk", "text"),
    [
        ("date", CLEAN_BASE.replace("ontology: mini", "date: 12:19:2024 12:00\nontology: mini")),
        ("header comment", CLEAN_BASE.replace("ontology: mini", "ontology: mini\n! comment")),
        (
            "escaped colon (pronto #236)",
            CLEAN_BASE.replace(
                "name: thing",
                "name: thing\nxref: http://neurolex.org/wiki/Category\\:Embryonic_organism",
            ),
        ),
        ("xref with spaces", CLEAN_BASE.replace("name: part", "name: part\nxref: ATCC:CCL 2")),
        (
            "undeclared is_a target",
            CLEAN_BASE.replace("is_a: UBERON:0000001", "is_a: UBERON:0000001\nis_a: BFO:1"),
        ),
    ],
)
def test_each_quirk_breaks_pronto_and_cleaning_fixes_it(bs, tmp_path, quirk, text):
    raw = tmp_path / "raw.obo"
    raw.write_text(text)
    with pytest.raises((SyntaxError, KeyError)):
        _parse(raw)
    cleaned, _ = bs.clean_obo_text(text)
    fixed = tmp_path / "fixed.obo"
    fixed.write_text(cleaned)
    ont = _parse(fixed)
    assert ont["UBERON:0000002"].name == "part"


def test_cellosaurus_style_obo(bs):
    records, meta = bs.records_from_pronto(str(DATA / "mini-cellosaurus.obo"), "CVCL")
    assert sorted(records) == ["CVCL_0030", "CVCL_2260"]
    hela = records["CVCL_0030"].to_json()
    assert hela["label"] == "HeLa"
    # "HELA" only differs from the label by case, so it is not kept twice
    assert hela["synonyms"] == [["Henrietta Lacks cells", "RELATED", "cellosaurus"]]
    assert meta["date"] == "2026-05-28"
    assert meta["version"] == "55.0"


def test_gzipped_obo_is_read(bs, tmp_path):
    path = tmp_path / "mini.obo.gz"
    path.write_bytes(gzip.compress((DATA / "mini.obo").read_bytes()))
    records, meta = bs.records_from_pronto(str(path), "UBERON")
    assert "UBERON:0002048" in records
    assert meta["name"] == "mini.obo"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12:19:2024 12:00", "19:12:2024 12:00"),
        ("19:12:2024 12:00", "19:12:2024 12:00"),
        ("05:06:2024", "05:06:2024"),  # ambiguous: left as written
        ("2024-12-19", None),
        ("40:40:2024 12:00", None),
    ],
)
def test_fix_obo_date(bs, value, expected):
    assert bs._fix_obo_date(value) == expected


def test_cleaning_reports_stubs_and_keeps_declared_ids(bs):
    text = CLEAN_BASE + "relationship: part_of UBERON:0000009\n"
    cleaned, stubs = bs.clean_obo_text(text)
    assert stubs == {"UBERON:0000009"}
    assert "[Typedef]\nid: part_of" in cleaned  # undeclared relation gets a stub too
    assert cleaned.count("id: UBERON:0000001") == 1


def test_cli_builds_from_obo_deterministically(bs, tmp_path):
    out = tmp_path / "out"
    argv = ["--out", str(out), "--only", "UBERON", "--no-enrich"]
    argv += ["--obo", str(DATA / "mini.obo"), "--vocabulary", "uberon"]
    assert bs.main(argv) == 0
    first = (out / "uberon.jsonl.gz").read_bytes()
    manifest = json.loads((out / "manifest.json").read_text())
    entry = manifest["vocabularies"]["UBERON"]
    assert entry["counts"]["terms"] == 5
    assert entry["counts"]["obsolete"] == 1
    assert entry["counts"]["synonyms_by_source"] == {"uberon": 8}
    assert entry["version"] == "mini/releases/2024-12-19"
    lines = gzip.decompress(first).decode().splitlines()
    assert [json.loads(line)["id"] for line in lines] == sorted(
        (json.loads(line)["id"] for line in lines), key=bs.id_sort_key
    )
    manifest_bytes = (out / "manifest.json").read_bytes()
    assert bs.main(argv) == 0
    assert (out / "uberon.jsonl.gz").read_bytes() == first
    assert (out / "manifest.json").read_bytes() == manifest_bytes
    assert (out / "NOTICE").read_text().startswith("synthquery ontology snapshots")


@pytest.mark.parametrize(
    "argv",
    [
        ["--only", "NOPE"],
        ["--obo", "x.obo"],
        ["--obo", "x.obo", "--vocabulary", "ENSEMBL"],
    ],
)
def test_cli_rejects_bad_arguments(bs, argv, capsys):
    with pytest.raises(SystemExit) as info:
        bs.main(argv)
    assert info.value.code == 2
    assert "error" in capsys.readouterr().err
