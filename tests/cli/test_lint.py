"""``synthquery lint`` and ``synthquery rule``: exit codes, formats, --fix, stdin."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from synthquery.cli import main

SNAPSHOT = Path(__file__).resolve().parents[1] / "data" / "snapshots"

GOOD = {
    "sampling_strategy": "sample generation",
    "inputs": [
        {
            "metadata": {
                "tissue_ontology_id": "UBERON:0002048",
                "sex": "female",
                "age_years": "63",
            },
            "num_samples": 2,
        }
    ],
}
BAD_TEXT = """{
  "mode": "sample generation",
  "inputs": [
    {
      "metadata": {"tissue": "lung", "sex": "Male", "age_years": "150"},
      "num_samples": "2"
    }
  ]
}
"""


@pytest.fixture(autouse=True)
def _fixture_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYNTHQUERY_ONTOLOGIES_DIR", str(SNAPSHOT))
    monkeypatch.delenv("NO_COLOR", raising=False)


def _write(tmp_path: Path, name: str, content: Any) -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def test_clean_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", _write(tmp_path, "q.json", GOOD)]) == 0
    assert "All checks passed" in capsys.readouterr().out


def test_errors_exit_1_with_locations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "bad.json", BAD_TEXT)
    assert main(["lint", path, "--color", "never"]) == 1
    out = capsys.readouterr().out
    assert f"{path}:2:3: S010 [*]" in out
    assert f"{path}:5:20: K001 [*]" in out  # key problems point at the key
    assert f"{path}:5:66: M004" in out
    assert f"{path} · inputs[0]" in out  # grouped by input
    assert "\033[" not in out
    assert re.search(r"Found \d+ errors, 0 warnings in 1 file\. \[\*\] \d+ fixable", out)


def test_warnings_alone_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = {**GOOD, "extra_key": 1}
    assert main(["lint", _write(tmp_path, "w.json", doc)]) == 0
    assert "S014" in capsys.readouterr().out


def test_unreadable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, "q.json", GOOD)
    assert main(["lint", good, str(tmp_path / "missing.json")]) == 2
    captured = capsys.readouterr()
    assert "cannot read" in captured.err
    assert main(["lint", str(tmp_path)]) == 2  # a directory


def test_invalid_json_is_a_lint_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "broken.json", '{"inputs": [}')
    assert main(["lint", path]) == 1
    assert f"{path}:1:13: S001" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", "{file}", "--select", "Q9"],
        ["lint", "{file}", "--model", "gem-9"],
        ["lint", "{file}", "--output", "x.json"],
        ["lint", "{file}", "{file}", "--fix"],
        ["lint", "{file}", "--format", "yaml"],
        ["lint"],
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, argv: list[str]) -> None:
    path = _write(tmp_path, "q.json", GOOD)
    assert main([a.replace("{file}", path) for a in argv]) == 2


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "bad.json", BAD_TEXT)
    assert main(["lint", path, "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"diagnostics", "summary"}
    for rec in doc["diagnostics"]:
        assert {
            "code",
            "severity",
            "path",
            "line",
            "column",
            "message",
            "suggestions",
            "fix",
        } <= set(rec)
        assert rec["file"] == path
    assert doc["summary"]["errors"] == sum(d["severity"] == "error" for d in doc["diagnostics"])
    (k004,) = [d for d in doc["diagnostics"] if d["code"] == "K004"]
    fix = k004["fix"]
    assert (fix["kind"], fix["path"], fix["value"]) == ("replace", "inputs[0].metadata.sex", "male")


def test_sarif_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "bad.json", BAD_TEXT)
    assert main(["lint", path, "--format", "sarif"]) == 1
    sarif = json.loads(capsys.readouterr().out)
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    (run,) = sarif["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and "I004" in ids
    assert run["results"]
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == path
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1


def test_fix_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "bad.json", BAD_TEXT)
    assert main(["lint", path, "--fix"]) == 1  # age 150 cannot be fixed
    captured = capsys.readouterr()
    fixed = json.loads(captured.out)  # stdout holds only the corrected query
    assert fixed == {
        "sampling_strategy": "sample generation",
        "inputs": [
            {
                "metadata": {
                    "tissue_ontology_id": "UBERON:0002048",
                    "sex": "male",
                    "age_years": "150",
                },
                "num_samples": 2,
            }
        ],
    }
    assert "M004" in captured.err and "K004" not in captured.err
    assert "<fixed>:" in captured.err


def test_fix_to_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(BAD_TEXT)
    doc["inputs"][0]["metadata"]["age_years"] = "70 years"
    path = _write(tmp_path, "bad.json", doc)
    out = tmp_path / "fixed.json"
    assert main(["lint", path, "--fix", "--output", str(out)]) == 0
    assert "All checks passed" in capsys.readouterr().out
    fixed = json.loads(out.read_text(encoding="utf-8"))
    assert fixed["inputs"][0]["metadata"]["age_years"] == "70"
    assert main(["lint", str(out)]) == 0


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD_TEXT.encode())))
    assert main(["lint", "-", "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["diagnostics"][0]["file"] == "<stdin>"


def test_select_ignore_quota_and_warn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "bad.json", BAD_TEXT)

    def codes(*extra: str) -> tuple[int, set[str]]:
        status = main(["lint", path, "--format", "json", *extra])
        return status, {d["code"] for d in json.loads(capsys.readouterr().out)["diagnostics"]}

    assert codes("--select", "K") == (1, {"K001", "K004"})
    assert codes("--select", "K", "--ignore", "K004") == (1, {"K001"})
    assert codes("--select", "M004", "--warn", "M004") == (0, {"M004"})
    many = {**GOOD, "inputs": [{**GOOD["inputs"][0], "num_samples": 60}]}
    many_path = _write(tmp_path, "many.json", many)
    assert main(["lint", many_path, "--quota", "50", "--format", "json"]) == 0
    assert [d["code"] for d in json.loads(capsys.readouterr().out)["diagnostics"]] == ["X009"]


def test_colour(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "bad.json", BAD_TEXT)
    main(["lint", path, "--color", "always"])
    assert "\033[1;31mK004\033[0m" in capsys.readouterr().out
    main(["lint", path])  # auto: captured output is not a terminal
    assert "\033[" not in capsys.readouterr().out


def test_several_files_and_models(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sc = {
        "modality": "single-cell",
        "sampling_strategy": "sample generation",
        "inputs": GOOD["inputs"],
    }
    a, b = _write(tmp_path, "a.json", GOOD), _write(tmp_path, "b.json", sc)
    assert main(["lint", a, b, "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert {(d["file"], d["code"]) for d in doc["diagnostics"]} == {(b, "M001")}
    assert doc["summary"]["files"] == 2 and doc["summary"]["models"] == ["gem-1-bulk", "gem-1-sc"]


def test_rule_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule"]) == 0
    listing = capsys.readouterr().out
    assert re.search(r"^I004 +ids\.obsolete +\[\*\] +error +The id is obsolete\.$", listing, re.M)
    assert main(["rule", "I004"]) == 0
    docs = capsys.readouterr().out
    assert docs.startswith("I004 (ids.obsolete)") and "**Anti-pattern**" in docs
    assert main(["rule", "ids.obsolete", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["code"] == "I004"
    assert main(["rule", "X"]) == 0
    assert len([x for x in capsys.readouterr().out.splitlines() if x.startswith("X0")]) == 9
    assert main(["rule", "Q123"]) == 2


def test_pre_commit_hook_definition() -> None:
    text = (Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml").read_text()
    assert "- id: synthquery-lint" in text
    assert "entry: synthquery lint" in text
    files = re.search(r"^  files: (.+)$", text, re.M)
    assert files is not None
    pattern = re.compile(files.group(1))
    assert pattern.search("queries/lung_query.json") and pattern.search("example-query.json")
    assert not pattern.search("package.json")


def _strict_json(text: str) -> Any:
    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("literal", ["1e400", "NaN", "-Infinity"])
def test_fix_never_writes_non_json_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], literal: str
) -> None:
    doc = json.dumps({**GOOD, "mode": "sample generation"}).replace('"num_samples": 2', "X")
    path = _write(tmp_path, "q.json", doc.replace("X", f'"num_samples": {literal}'))
    assert main(["lint", path, "--fix"]) == 1
    captured = capsys.readouterr()
    if captured.out.lstrip().startswith("{"):  # whatever --fix writes must be strict JSON
        _strict_json(captured.out)
    assert "S001" in captured.out + captured.err


def test_fix_round_trips_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixed = tmp_path / "fixed.json"
    assert main(["lint", _write(tmp_path, "bad.json", BAD_TEXT), "--fix", "-o", str(fixed)]) == 1
    capsys.readouterr()
    _strict_json(fixed.read_text(encoding="utf-8"))
    assert main(["lint", str(fixed), "--format", "json"]) == 1  # age 150 is not fixable
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["fixable"] == 0 and summary["errors"] >= 1


def test_sarif_locations_are_uri_references(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from urllib.parse import unquote

    path = _write(tmp_path, "my query.json", BAD_TEXT)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD_TEXT.encode())))
    assert main(["lint", path, "-", "--format", "sarif"]) == 1
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert {unquote(u) for u in uris} == {path, "<stdin>"}
    assert not any(set(u) & set(' <>"') for u in uris)
