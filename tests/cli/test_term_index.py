"""``synthquery term`` and ``synthquery index`` on the fixture snapshot."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ontology.paths import FIXTURE
from synthquery.cli import main


@pytest.fixture(autouse=True)
def _fixture_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYNTHQUERY_ONTOLOGIES_DIR", str(FIXTURE))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_term_prints_label_synonyms_and_labelled_parents(capsys: pytest.CaptureFixture[str]):
    code, out, err = _run(capsys, "term", "UBERON:0002048")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "UBERON:0002048  lung"
    assert "pulmo (EXACT, uberon)" in out
    assert any("UBERON:0000171  respiration organ  [is_a]" in line for line in lines)
    assert any("UBERON:0001558  lower respiratory tract  [part_of]" in line for line in lines)
    assert "note:" not in out  # already a wire id


def test_term_says_what_it_normalised(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "term", "http://purl.obolibrary.org/obo/UBERON_0002048")
    assert code == 0
    assert out.startswith("note: read 'http://purl.obolibrary.org/obo/UBERON_0002048' as ")
    assert "IRI" in out.splitlines()[0]
    assert "UBERON:0002048  lung" in out


def test_obsolete_term_names_its_replacement(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "term", "MONDO:0000002")
    assert code == 0
    assert "OBSOLETE" in out and "MONDO:0009299 (46 XX gonadal dysgenesis)" in out


def test_obsolete_term_with_consider(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "term", "CL:0000004")
    assert "consider CL:0000000 (cell), CL:0000003" in out


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("CVCL_0030", "CVCL_0030  HeLa"),
        ("RRID:CVCL_0030", "CVCL_0030  HeLa"),
        ("ENSG00000156127", "ENSG00000156127  BATF"),
        ("ENSG00000156127.12", "ENSG00000156127  BATF"),
        ("9606", "9606  Homo sapiens"),
        ("NCBITaxon:9606", "9606  Homo sapiens"),
        ("CHEMBL25", "CHEBI:15365  acetylsalicylic acid"),
        ("9605", "9605  (no name in the offline snapshot)"),
    ],
)
def test_term_other_vocabularies(capsys: pytest.CaptureFixture[str], value: str, expected: str):
    code, out, err = _run(capsys, "term", value)
    assert code == 0, err
    assert expected in out.splitlines()


def test_term_ancestors_and_children(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "term", "UBERON:0001004", "--ancestors", "--children")
    assert "ancestors   UBERON:0000467  anatomical system" in out
    assert "children    UBERON:0000171  respiration organ" in out


def test_term_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "term", "uberon_0002048", "--json", "--ancestors")
    assert code == 0
    data = json.loads(out)
    assert data["wire_id"] == "UBERON:0002048" and data["changes"]
    assert data["term"]["label"] == "lung"
    assert data["labels"]["UBERON:0000171"] == "respiration organ"
    assert data["ancestors"][-1] == "UBERON:0000467"
    assert data["version"] == "v2026-04-01"
    _, out, _ = _run(capsys, "term", "MONDO:0000002", "--json")
    assert json.loads(out)["current"] == ["MONDO:0009299"]


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["term", "lung"], 2, "is not an ontology id"),
        (["term", "UBERON:2048"], 2, "is not an ontology id"),
        (["term", "UBERON:1234567"], 1, "'UBERON:1234567' is not a term of UBERON"),
        (["term", "CHEMBL1"], 1, "ChEMBL-to-ChEBI"),
        (["index"], 2, "required"),
        (["index", "rebuild"], 2, "invalid choice"),
    ],
)
def test_bad_input_is_a_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    rc, out, err = _run(capsys, *argv)
    assert rc == code
    assert message in err
    assert "Traceback" not in err + out


def test_missing_snapshot_is_a_clean_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SYNTHQUERY_ONTOLOGIES_DIR", str(tmp_path))
    for argv in (["term", "UBERON:0002048"], ["index", "info"], ["index", "build"]):
        rc, _, err = _run(capsys, *argv)
        assert rc == 1 and err.startswith("error: no ontology snapshots"), err


def test_corrupt_snapshot_is_a_clean_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "snap"
    shutil.copytree(FIXTURE, broken)
    (broken / "uberon.jsonl.gz").write_bytes(b"\x1f\x8b garbage")
    monkeypatch.setenv("SYNTHQUERY_ONTOLOGIES_DIR", str(broken))
    monkeypatch.setenv("SYNTHQUERY_CACHE_DIR", str(tmp_path / "cache"))
    rc, _, err = _run(capsys, "term", "CL:0000236")
    assert rc == 1 and "uberon.jsonl.gz is corrupt" in err and "Traceback" not in err


def test_index_build_and_info(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SYNTHQUERY_CACHE_DIR", str(tmp_path / "cache"))
    rc, out, err = _run(capsys, "index", "info")
    assert rc == 0 and "not built" in out and "index build" in err
    assert "UBERON             12         3         8  v2026-04-01" in out
    assert "fixture (10 ids)" in out
    rc, out, _ = _run(capsys, "index", "build")
    assert rc == 0 and out.startswith("built ") and str(tmp_path / "cache") in out
    rc, out, _ = _run(capsys, "index", "build")
    assert out.startswith("already current:")
    rc, out, _ = _run(capsys, "index", "build", "--force", "--json")
    data = json.loads(out)
    assert data["built"] is True and data["size_bytes"] > 0
    rc, out, _ = _run(capsys, "index", "info", "--json", "--check")
    info = json.loads(out)
    assert info["built"] and info["quick_check"] == "ok"
    assert info["cache_dir"] == str(tmp_path / "cache")
    assert info["vocabularies"]["CVCL"]["indexed"]["terms"] == 4
    rc, out, _ = _run(capsys, "index", "info")
    assert "built, 0." in out and "MB" in out


def _console_script() -> str:
    script = Path(sys.executable).parent / "synthquery"
    found = str(script) if script.exists() else shutil.which("synthquery")
    if found is None:
        pytest.skip("the synthquery console script is not installed")
    return found


def test_console_script_subprocess(tmp_path: Path) -> None:
    env = {**os.environ, "SYNTHQUERY_ONTOLOGIES_DIR": str(FIXTURE)}
    env["SYNTHQUERY_CACHE_DIR"] = str(tmp_path / "cache")
    ok = subprocess.run(
        [_console_script(), "term", "NCBITaxon:9606"], env=env, capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stderr
    assert "9606  Homo sapiens" in ok.stdout
    bad = subprocess.run(
        [_console_script(), "term", "not-an-id"], env=env, capture_output=True, text=True
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: ") and "Traceback" not in bad.stderr


REAL = Path(__file__).resolve().parents[2] / "ontologies"


@pytest.mark.skipif(not (REAL / "manifest.json").is_file(), reason="real snapshots not built")
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("UBERON:0002048", ["UBERON:0002048  lung", "respiration organ"]),
        ("MONDO:0000002", ["OBSOLETE", "MONDO:0009299"]),
        ("CVCL_0030", ["CVCL_0030  HeLa"]),
        ("ENSG00000156127", ["ENSG00000156127  BATF"]),
        ("9606", ["9606  Homo sapiens"]),
    ],
)
def test_done_means_on_the_real_snapshots(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, value: str, expected
) -> None:
    monkeypatch.setenv("SYNTHQUERY_ONTOLOGIES_DIR", str(REAL))
    code, out, err = _run(capsys, "term", value)
    assert code == 0, err
    for fragment in expected:
        assert fragment in out


class _Terminal:
    """A stderr that says it is a terminal, keeping what was written."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def test_a_first_use_index_build_is_announced_on_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SYNTHQUERY_CACHE_DIR", str(tmp_path / "cache"))
    piped = sys.stderr
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["lookup", "lung", "--field", "tissue", "--offline"]) == 0
    assert "synthquery: building the grounding index of UBERON" in terminal.text
    assert "synthquery: built it in " in terminal.text
    again = _Terminal()
    monkeypatch.setattr(sys, "stderr", again)
    assert main(["lookup", "lung", "--field", "tissue", "--offline"]) == 0
    assert "building" not in again.text  # built once, then only opened
    # piped (not a terminal): a fresh build says nothing
    monkeypatch.setattr(sys, "stderr", piped)
    monkeypatch.setenv("SYNTHQUERY_CACHE_DIR", str(tmp_path / "other"))
    capsys.readouterr()
    assert main(["lookup", "lung", "--field", "tissue", "--offline"]) == 0
    assert "building" not in capsys.readouterr().err
