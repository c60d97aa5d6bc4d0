"""End-to-end journeys through the installed ``synthquery`` console script, as a user runs them.

Each test spawns the real command (offline; the prediction API is the loopback test server) and
checks exit codes and outputs, never message wording beyond stable codes and ids.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "client"))

from synthesize_server import API_KEY, FakeAPI

_SCRIPT = shutil.which("synthquery")
COMMAND = [_SCRIPT] if _SCRIPT else [sys.executable, "-m", "synthquery"]
SENTINEL = "sk-sentinel-never-print-me-7f3a9c"
CLEAN = {"sampling_strategy": "mean estimation", "inputs": [
    {"metadata": {"sex": "male"}, "num_samples": 1}]}  # fmt: skip


def sq(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [*COMMAND, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "internal error" not in result.stderr, result.stderr
    return result


@pytest.fixture
def api() -> Iterator[FakeAPI]:
    server = FakeAPI().start()
    yield server
    server.stop()


def _posts(api: FakeAPI, model: str = "gem-1-bulk") -> int:
    return len(api.requests_to(f"/api/models/{model}/predict", "POST"))


def test_describe_samples_in_words_then_lint_clean() -> None:
    built = sq(
        "build", "--tissue", "lung", "--disease", "lung adenocarcinoma", "--sex", "female",
        "--age", "63", "--sample-type", "primary tissue", "--n", "5",
        "--add", "--cell-line", "HeLa", "--perturbation", "imatinib",
        "--perturbation-type", "compound", "--dose", "10uM", "--time", "24h",
        "--sample-type", "cell line", "--n", "3",
        "--add", "--cell-line", "K562", "--perturbation", "TP53", "--perturbation-type", "crispr",
        "--sample-type", "cell line",
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    doc = json.loads(built.stdout)
    meta = [item["metadata"] for item in doc["inputs"]]
    assert meta[0]["tissue_ontology_id"] == "UBERON:0002048"
    assert meta[0]["disease_ontology_id"] == "MONDO:0005061"
    assert (meta[1]["cell_line_ontology_id"], meta[1]["perturbation_ontology_id"]) == (
        "CVCL_0030",
        "CHEBI:45783",
    )
    assert (meta[1]["perturbation_dose"], meta[1]["perturbation_time"]) == ("10 um", "24 hours")
    assert meta[2]["perturbation_ontology_id"] == "ENSG00000141510"
    linted = sq("lint", "-", "--model", "gem-1-bulk", "--format", "json", stdin=built.stdout)
    assert linted.returncode == 0, linted.stdout
    assert json.loads(linted.stdout)["summary"]["errors"] == 0


def test_single_cell_sample_generation_is_refused_everywhere(tmp_path: Path) -> None:
    built = sq("build", "--model", "gem-1-sc", "--sampling", "sample generation", "--sex", "male")
    assert built.returncode != 0 and built.stdout == ""
    example = sq("example", "gem-1-sc", "--unwrap")
    doc = json.loads(example.stdout)
    doc["sampling_strategy"] = "sample generation"
    linted = sq("lint", "-", "--format", "json", stdin=json.dumps(doc))
    assert linted.returncode == 1
    assert "M001" in {d["code"] for d in json.loads(linted.stdout)["diagnostics"]}


def test_fix_a_bad_query_file_then_lint_again(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{\n  "mode": "Sample Generation",\n  "total_count": "1000000",\n  "inputs": [\n'
        '    {"metadata": {"tissue": "UBERON_0002048", "sex": "Female", "age_years": 63},\n'
        '     "num_samples": "2"}\n  ]\n}\n',
        encoding="utf-8",
    )
    first = sq("lint", str(bad), "--format", "json")
    assert first.returncode == 1
    report = json.loads(first.stdout)
    assert report["summary"]["fixable"] >= 5
    assert all(d["line"] for d in report["diagnostics"])
    fixed = tmp_path / "fixed.json"
    assert sq("lint", str(bad), "--fix", "-o", str(fixed)).returncode == 0
    assert json.loads(fixed.read_text(encoding="utf-8")) == {
        "sampling_strategy": "sample generation",
        "total_count": 1000000,
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
    again = sq("lint", str(fixed))
    assert again.returncode == 0
    assert bad.read_text(encoding="utf-8").startswith('{\n  "mode"')  # the input is untouched


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (None, 2),  # missing file
        ("", 1),  # empty: S001
        ('{"inputs": [', 1),
        ("[" * 100_000, 1),  # S002, bounded
        ("\ufeff" + json.dumps(CLEAN), 0),  # a byte order mark is fine
    ],
)
def test_lint_exit_codes_for_awkward_files(tmp_path: Path, content: str | None, code: int) -> None:
    path = tmp_path / "q.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert sq("lint", str(path)).returncode == code
    assert sq("lint", str(tmp_path)).returncode == 2  # a directory


def _env(api: FakeAPI, key: str | None) -> dict[str, str]:
    env = {"SYNTHESIZE_API_BASE_URL": api.url}
    if key is not None:
        env["SYNTHESIZE_API_KEY"] = key
    return env


def test_predict_and_save_the_result(api: FakeAPI, tmp_path: Path) -> None:
    query = tmp_path / "q.json"
    query.write_text(sq("example", "gem-1-bulk", "--unwrap").stdout, encoding="utf-8")
    out = tmp_path / "result"
    done = sq(
        "predict", str(query), "--model", "gem-1-bulk", "--out", str(out), "--poll-interval",
        "0.01", "--no-progress", env=_env(api, API_KEY),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert (manifest["samples"], manifest["genes"]) == (10, 50)
    assert (out / "expression.csv").read_text(encoding="utf-8").count("\n") == 11


def _all_output(results: list[subprocess.CompletedProcess[str]]) -> str:
    return "\n".join(r.stdout + r.stderr for r in results)


def test_the_api_key_is_never_printed(api: FakeAPI, tmp_path: Path) -> None:
    query = tmp_path / "q.json"
    query.write_text(sq("example", "gem-1-bulk", "--unwrap").stdout, encoding="utf-8")
    argv = ["predict", str(query), "--model", "gem-1-bulk", "--out", str(tmp_path / "o")]
    argv += ["--poll-interval", "0.01", "--no-progress"]
    api.api_key = "the-real-key"  # the sentinel is wrong: 401, with the server echoing it
    runs = [
        sq(*argv, env=_env(api, SENTINEL)),
        sq("models", env=_env(api, SENTINEL)),
        sq("models", env={**_env(api, SENTINEL), "SYNTHESIZE_API_BASE_URL": "http://x.example"}),
        sq(*argv, env={**_env(api, SENTINEL), "SYNTHQUERY_DEBUG": "1"}),
    ]
    assert [r.returncode for r in runs] == [1, 1, 2, 1]
    assert SENTINEL not in _all_output(runs)
    missing = sq(*argv, env=_env(api, None))
    assert missing.returncode == 1 and "SYNTHESIZE_API_KEY" in missing.stderr
    assert _posts(api) == 2  # the two authenticated attempts; none without a key


def test_a_failed_job_and_a_bad_query_cost_nothing_or_fail_cleanly(
    api: FakeAPI, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"sampling_strategy": "sample generation", "inputs": [
        {"metadata": {"tissue_ontology_id": "UBERON:9999999"}, "num_samples": 1}]}))  # fmt: skip
    argv = ["--model", "gem-1-bulk", "--out", str(tmp_path / "o"), "--poll-interval", "0.01"]
    refused = sq("predict", str(bad), *argv, env=_env(api, API_KEY))
    assert refused.returncode == 1 and "I003" in refused.stderr
    assert _posts(api) == 0
    api.fate = "failed"
    good = tmp_path / "good.json"
    good.write_text(sq("example", "gem-1-bulk", "--unwrap").stdout, encoding="utf-8")
    failed = sq("predict", str(good), *argv, env=_env(api, API_KEY))
    assert failed.returncode == 1
    assert "Query 1 has bad values" in failed.stderr


def test_python_api_as_documented(api: FakeAPI, tmp_path: Path) -> None:
    script = tmp_path / "journey.py"
    script.write_text(
        "import synthquery as sq\n"
        "q = (sq.Query('gem-1-bulk').sampling('sample generation').seed(42)\n"
        "       .add(tissue='lung', disease='lung adenocarcinoma', sex='female',\n"
        "            sample_type='primary tissue', age=63, n=5)\n"
        "       .add(cell_line='HeLa', perturbation='imatinib', perturbation_type='compound',\n"
        "            dose='10 uM', time='24 h', n=3))\n"
        "assert not q.lint().has_errors\n"
        "res = q.predict(poll_interval_seconds=0.01)\n"
        "print(res.expression.shape[0])\n"
        "print(res.metadata['input_index'].tolist())\n"
        "print(sq.lookup('NSCLC', field='disease').best.id)\n",
        encoding="utf-8",
    )
    env: dict[str, Any] = {**os.environ, **_env(api, API_KEY)}
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    samples, indexes, best = done.stdout.splitlines()
    assert samples == "8" and indexes == str([0] * 5 + [1] * 3)
    assert best.startswith("MONDO:")
