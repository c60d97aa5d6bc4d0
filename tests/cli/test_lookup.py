"""``synthquery lookup``: one text as a table or JSON, and the JSON-lines batch mode."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from synthquery._paths import snapshot_dir
from synthquery.cli import main

pytestmark = pytest.mark.skipif(
    not (snapshot_dir() / "manifest.json").is_file(),
    reason="the ontology snapshots (ontologies/) are not built",
)


def test_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "lung", "--field", "tissue", "--offline"]) == 0
    out = capsys.readouterr().out
    header, first = out.splitlines()[:2]
    assert header.split() == ["id", "label", "score", "match"]
    assert first.split()[0] == "UBERON:0002048"


def test_table_shows_dose_and_ambiguity(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "rifampicin 14 micromolar", "--field", "compound", "--offline"]) == 0
    assert "parsed: dose 14 um" in capsys.readouterr().out
    assert main(["lookup", "duodenum/jejunum", "--field", "tissue", "--offline"]) == 0
    assert "ambiguous" in capsys.readouterr().err


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "HL60", "--field", "cell_line", "--json", "--limit", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["query"] == "HL60"
    assert data["candidates"][0]["id"] == "CVCL_0002"
    assert set(data["candidates"][0]) == {"id", "label", "score", "match"}
    assert len(data["candidates"]) <= 2


@pytest.mark.parametrize("text", ["healthy", "  Healthy   Control "])
def test_a_word_for_no_disease_is_explained(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["lookup", text, "--field", "disease", "--offline"])
    err = capsys.readouterr().err
    assert "means no disease to the GEM-1 models" in err
    assert "leave disease_ontology_id out of the query" in err
    main(["lookup", text, "--field", "disease_ontology_id", "--offline", "--json"])
    warnings = json.loads(capsys.readouterr().out)["warnings"]
    assert any("means no disease" in w for w in warnings)
    # a real disease, or "healthy" where the profiles have no such word, gets no note
    main(["lookup", "asthma", "--field", "disease", "--offline"])
    main(["lookup", "healthy", "--field", "tissue", "--offline"])
    assert "means no" not in capsys.readouterr().err


def test_batch_mode_explains_a_word_for_no_disease(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "diseases.txt"
    path.write_text("asthma\nhealthy control\n", encoding="utf-8")
    assert main(["lookup", "--field", "disease", "--input", str(path), "--offline"]) == 0
    asthma, healthy = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert not any("means no" in w for w in asthma.get("warnings", []))
    assert any("means no disease to the GEM-1 models" in w for w in healthy["warnings"])


def test_no_match_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "!!!", "--field", "tissue", "--offline"]) == 1
    assert "no match for '!!!' (tissue)" in capsys.readouterr().out


def test_no_match_for_a_long_text_shows_its_start(capsys: pytest.CaptureFixture[str]) -> None:
    # a 10 kB paste is not echoed back whole; the warning says why nothing was looked up
    assert main(["lookup", "ab" * 5_000, "--field", "tissue", "--offline"]) == 1
    out, err = capsys.readouterr()
    assert out == f"no match for {'ab' * 38 + 'a...'!r} (tissue)\n"
    assert "10000 characters long" in err


def test_unknown_field_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "lung", "--field", "organ"]) == 2
    err = capsys.readouterr().err
    assert "unknown field 'organ'" in err and "Traceback" not in err


def test_batch_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "texts.txt"
    path.write_bytes(b"lung\n\nHeLa\n\xff\xfe bad bytes\n" + b"y" * 10_000 + b"\nlung\nkidney\r\n")
    assert main(["lookup", "--field", "tissue", "--input", str(path), "--offline"]) == 0
    lines = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["query"][:4] for r in records] == [
        "lung",
        "",
        "HeLa",
        "\ufffd\ufffd b",
        "yyyy",
        "lung",
        "kidn",
    ]
    assert records[0]["candidates"][0]["id"] == "UBERON:0002048"
    assert records[1]["candidates"] == [] and "error" in records[1]
    assert records[3]["candidates"] == [] and records[3]["error"] == "line is not valid UTF-8"
    assert records[4]["candidates"] == []
    assert records[5] == records[0]
    assert records[6]["query"] == "kidney"
    for r in records:
        for c in r["candidates"]:
            assert set(c) == {"id", "label", "score", "match"}


def test_batch_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"BATF\nB-ATF\n"))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["lookup", "--field", "gene", "--input", "-", "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["candidates"][0]["id"] for r in records] == ["ENSG00000156127"] * 2


def test_batch_bad_field_or_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "--field", "nope", "--input", "-"]) == 2
    assert main(["lookup", "--field", "tissue", "--input", str(tmp_path / "missing.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_text_or_input_required(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "--field", "tissue"]) == 2


def test_batch_workers_answer_as_one_process_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # long enough to be shared out among forked workers, which reuse the parent's open
    # index objects over fresh connections; the answers and their order must not change
    texts = ["lung", "left eye", "kidny", "", "CD8-positive T cell", "\udcff", "liver"] * 40
    path = tmp_path / "many.txt"
    path.write_bytes("\n".join(texts).encode("utf-8", "surrogateescape") + b"\n")
    outputs = []
    for jobs in ("1", "2"):
        args = ["lookup", "--field", "tissue", "--input", str(path), "--offline"]
        assert main([*args, "--jobs", jobs]) == 0
        outputs.append(capsys.readouterr().out.splitlines())
    serial, parallel = outputs
    assert len(serial) == len(texts) and parallel == serial
    records = [json.loads(line) for line in parallel]
    assert records[2]["candidates"][0]["id"] == "UBERON:0002113"
    assert records[5]["error"] == "line is not valid UTF-8"


def test_a_byte_order_mark_is_no_part_of_the_first_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marked, plain = tmp_path / "bom.txt", tmp_path / "plain.txt"
    marked.write_bytes("\ufefflung\nkidney\n".encode())
    plain.write_bytes(b"lung\nkidney\n")
    assert main(["lookup", "--field", "tissue", "--input", str(marked)]) == 0
    with_mark = capsys.readouterr().out
    assert main(["lookup", "--field", "tissue", "--input", str(plain)]) == 0
    assert with_mark == capsys.readouterr().out


@pytest.mark.parametrize("jobs", ["0", "-3", "1000"])
def test_a_worker_count_out_of_range_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    path = tmp_path / "texts.txt"
    path.write_text("lung\n", encoding="utf-8")
    assert main(["lookup", "--field", "tissue", "--input", str(path), "--jobs", jobs]) == 2
    assert "--jobs must be between 1 and 64" in capsys.readouterr().err
