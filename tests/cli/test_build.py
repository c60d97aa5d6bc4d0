"""``synthquery build``, ``example``, ``schema`` and ``vocab`` through ``main(argv)``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from synthquery.cli import main

Capsys = pytest.CaptureFixture[str]


def run(capsys: Capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_build_inputs_separated_by_add(capsys: Capsys) -> None:
    code, out, err = run(
        capsys,
        "build", "--model", "gem-1-bulk",
        "--sex", "Female", "--age", "63", "--sample-type", "primary tissue", "--n", "5",
        "--add", "--perturbation-type", "compound", "--dose", "10uM", "--time", "24h", "--n", "3",
        "--seed", "42", "--total-count", "5e6", "--sampling", "mean estimation",
        "--deterministic-latents", "--extra", "source=cli",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out) == {
        "sampling_strategy": "mean estimation",
        "total_count": 5000000,
        "deterministic_latents": True,
        "seed": 42,
        "source": "cli",
        "inputs": [
            {
                "metadata": {"age_years": "63", "sample_type": "primary tissue", "sex": "female"},
                "num_samples": 5,
            },
            {
                "metadata": {
                    "perturbation_dose": "10 um",
                    "perturbation_time": "24 hours",
                    "perturbation_type": "compound",
                },
                "num_samples": 3,
            },
        ],
    }


def test_build_every_key_has_an_option(capsys: Capsys) -> None:
    argv = ["build", "--ethnicity", "x", "--genotype", "y", "--race", "z", "--study", "PRJNA1"]
    argv += ["--library-selection", "cdna", "--library-layout", "single", "--platform", "Illumina"]
    argv += ["--developmental-stage", "adult", "--age-years", "3", "--perturbation-dose", "1 nm"]
    argv += ["--perturbation-type", "compound"]  # a dose alone is a lint error (X001)
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert json.loads(out)["inputs"][0]["metadata"] == {
        "age_years": "3",
        "developmental_stage": "adult",
        "ethnicity": "x",
        "genotype": "y",
        "race": "z",
        "perturbation_dose": "1 nm",
        "perturbation_type": "compound",
        "study": "PRJNA1",
        "library_selection": "cDNA",
        "library_layout": "SINGLE",
        "platform": "illumina",
    }


def test_build_output_file(tmp_path: Path, capsys: Capsys) -> None:
    target = tmp_path / "q.json"
    code, out, _ = run(capsys, "build", "--sex", "male", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["inputs"] == [
        {"metadata": {"sex": "male"}, "num_samples": 1}
    ]


def test_build_from_table(tmp_path: Path, capsys: Capsys) -> None:
    sheet = tmp_path / "samples.csv"
    sheet.write_text("sex,age,n\nmale,63,5\nfemale,40,2\n", encoding="utf-8")
    code, out, err = run(
        capsys, "build", "--model", "gem-1-sc", "--from-table", str(sheet), "--seed", "1"
    )
    assert code == 0, err
    doc = json.loads(out)
    assert doc["sampling_strategy"] == "mean estimation" and doc["seed"] == 1
    assert [i["num_samples"] for i in doc["inputs"]] == [5, 2]


@pytest.mark.parametrize(
    ("argv", "code", "needle"),
    [
        (["build", "--sex", "fem"], 1, "inputs[0].metadata.sex"),
        (["build", "--sex", "male", "--add", "--sex", "x"], 1, "inputs[1].metadata.sex"),
        (["build", "--sex", "male", "--n", "five"], 1, "inputs[0].num_samples"),
        (["build", "--sex", "male", "--sex", "female"], 2, "--add"),
        (
            ["build", "--model", "gem-1-sc", "--sampling", "sample generation", "--sex", "male"],
            1,
            "only 'mean estimation'",
        ),
        (["build", "--model", "gem-1-blk", "--sex", "male"], 2, "gem-1-bulk"),
        (["build"], 2, "nothing to build"),
        (["build", "--sex", "male", "--seed", "1.5"], 2, "--seed"),
        (["build", "--sex", "male", "--total-count", "1.5"], 2, "whole number"),
        (["build", "--from-table", "does-not-exist.csv"], 2, "cannot read"),
    ],
)
def test_build_errors(capsys: Capsys, argv: list[str], code: int, needle: str) -> None:
    got, out, err = run(capsys, *argv)
    assert got == code
    assert out == ""
    assert needle in err


def test_build_review_goes_to_stderr(capsys: Capsys) -> None:
    code, out, err = run(capsys, "build", "--model", "gem-1-sc", "--sex", "male", "--age", "99")
    assert code == 0
    assert "warning: inputs[0].metadata.age_years" in err
    assert json.loads(out)["inputs"][0]["metadata"]["age_years"] == "99"
    code, out, err = run(capsys, "build", "--sex", "Male", "--review")
    assert code == 0 and "normalised" in err


@pytest.mark.parametrize("model", ["gem-1-bulk", "gem-1-sc"])
def test_example(capsys: Capsys, model: str) -> None:
    from synthquery import get_example_query

    code, out, _ = run(capsys, "example", model)
    assert code == 0 and json.loads(out) == get_example_query(model)
    code, out, _ = run(capsys, "example", model, "--unwrap")
    assert json.loads(out) == get_example_query(model)["example_query"]


def test_example_unknown_model(capsys: Capsys) -> None:
    code, _, err = run(capsys, "example", "gem-1-cs")
    assert code == 2 and "gem-1-sc" in err


def test_schema(capsys: Capsys, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "schema", "--model", "gem-1-sc")
    schema = json.loads(out)
    assert code == 0 and schema["properties"]["sampling_strategy"]["enum"] == ["mean estimation"]
    target = tmp_path / "schema.json"
    assert run(capsys, "schema", "-o", str(target))[0] == 0
    assert json.loads(target.read_text())["title"] == "GEM-1 query for gem-1-bulk"


def test_vocab_import_and_list(tmp_path: Path, capsys: Capsys) -> None:
    source = tmp_path / "tissues.json"
    source.write_text(json.dumps(["UBERON:0002048", "UBERON:0000945", "UBERON:0002048"]))
    code, out, err = run(capsys, "vocab", "list")
    assert code == 0 and "no imported" in err
    code, out, err = run(
        capsys, "vocab", "import", str(source), "--model", "gem-1-bulk", "--field", "tissue"
    )
    assert code == 0, err
    assert "2 values" in out and "tissue_ontology_id" in out
    code, out, _ = run(capsys, "vocab", "list", "--json")
    rows = json.loads(out)
    assert [(r["model"], r["key"], r["values"]) for r in rows] == [
        ("gem-1-bulk", "tissue_ontology_id", 2)
    ]
    code, out, _ = run(capsys, "vocab", "list")
    assert "gem-1-bulk  tissue_ontology_id  2 values" in out
    code, out, _ = run(capsys, "vocab", "list", "--model", "gem-1-sc", "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--model", "gem-1-bulk", "--field", "colour"], "colour"),
        (["--model", "gem-9", "--field", "tissue"], "gem-9"),
    ],
)
def test_vocab_import_errors(tmp_path: Path, capsys: Capsys, argv: list[str], needle: str) -> None:
    source = tmp_path / "v.json"
    source.write_text("[]")
    code, _, err = run(capsys, "vocab", "import", str(source), *argv)
    assert code == 2 and needle in err
    code, _, err = run(capsys, "vocab", "import", str(tmp_path / "missing.json"), "--model",
                       "gem-1-bulk", "--field", "tissue")  # fmt: skip
    assert code == 2 and "cannot read" in err


def test_build_from_words(capsys: Capsys) -> None:
    # needs the real snapshots and resolver
    argv = ["build", "--model", "gem-1-bulk", "--tissue", "lung", "--disease"]
    argv += ["lung adenocarcinoma", "--sex", "female", "--n", "5", "--add", "--cell-line", "HeLa"]
    argv += ["--perturbation", "imatinib", "--perturbation-type", "compound", "--n", "3"]
    assert main(argv) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["inputs"][0]["metadata"]["tissue_ontology_id"] == "UBERON:0002048"
    assert doc["inputs"][1]["metadata"]["perturbation_ontology_id"] == "CHEBI:45783"
    assert main(["build", "--tissue", "qwertyuiop zxcv"]) == 1
    err = capsys.readouterr().err
    assert "inputs[0].metadata.tissue_ontology_id" in err and "Traceback" not in err


def test_build_reports_what_the_linter_rejects(capsys: Capsys) -> None:
    # an agent without a perturbation type: the JSON is written, but not as if it were valid
    code, out, err = run(capsys, "build", "--sex", "female", "--perturbation", "CHEBI:45783")
    assert code == 1
    assert json.loads(out)["inputs"][0]["metadata"]["perturbation_ontology_id"] == "CHEBI:45783"
    assert "X001" in err
    argv = ["build", "--sex", "female", "--perturbation", "CHEBI:45783"]
    code, _, err = run(capsys, *argv, "--perturbation-type", "compound")
    assert code == 0 and "X001" not in err


def test_build_shows_lint_warnings_once(capsys: Capsys) -> None:
    argv = ["build", "--model", "gem-1-sc", "--sex", "male", "--sample-type", "primary tissue"]
    code, _, err = run(capsys, *argv, "--add", "--sex", "male", "--sample-type", "primary tissue")
    assert code == 0
    assert "X008" in err  # duplicate inputs: only the linter sees those
    assert err.count("inputs[0].metadata.sample_type") == 1  # the builder already said it


def test_build_refuses_a_modality_for_another_model(capsys: Capsys) -> None:
    code, out, err = run(capsys, "build", "--sex", "male", "--extra", "modality=single-cell")
    assert code == 1 and out == "" and "modality" in err
