"""``synthquery predict | models | result`` against the loopback prediction API."""

from __future__ import annotations

import _thread
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "client"))

from synthesize_server import API_KEY, FakeAPI

from synthquery.cli import main

FIXTURE_SNAPSHOT = Path(__file__).resolve().parents[1] / "data" / "snapshots"
QUERY = {
    "sampling_strategy": "sample generation",
    "inputs": [
        {"metadata": {"sex": "female", "age_years": "40"}, "num_samples": 2},
        {"metadata": {"sex": "male", "age_years": "50"}, "num_samples": 1},
    ],
}
FAST = ["--poll-interval", "0.01", "--no-progress"]


@pytest.fixture
def api(monkeypatch):
    server = FakeAPI().start()
    monkeypatch.setenv("SYNTHESIZE_API_KEY", API_KEY)
    monkeypatch.setenv("SYNTHESIZE_API_BASE_URL", server.url)
    monkeypatch.delenv("SYNTHESIZE_SELF_HOSTED", raising=False)
    monkeypatch.setenv("SYNTHQUERY_ONTOLOGIES_DIR", str(FIXTURE_SNAPSHOT))
    yield server
    server.stop()


@pytest.fixture
def query_file(tmp_path) -> Path:
    path = tmp_path / "query.json"
    path.write_text(json.dumps(QUERY))
    return path


def _posts(api: FakeAPI) -> int:
    return len(api.requests_to("/api/models/gem-1-bulk/predict", "POST"))


def test_models(api, capsys):
    assert main(["models"]) == 0
    assert capsys.readouterr().out.split() == ["gem-1-bulk", "gem-1-sc"]
    assert main(["models", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0] == {"model_id": "gem-1-bulk"}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_predict_writes_the_result(api, query_file, tmp_path, capsys, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / "out"
    argv = ["predict", str(query_file), "--model", "gem-1-bulk", "--out", str(out), *FAST]
    assert main([*argv, "--format", fmt]) == 0
    captured = capsys.readouterr()
    assert "wrote 3 samples x 50 genes" in captured.out
    assert "submitted job" in captured.err
    read = pd.read_csv if fmt == "csv" else pd.read_parquet
    metadata = read(out / f"metadata.{fmt}")
    assert metadata["input_index"].tolist() == [0, 0, 1]
    assert read(out / f"expression.{fmt}").shape == (3, 50)
    assert json.loads((out / "result.json").read_text())["samples"] == 3


def test_predict_reads_stdin(api, tmp_path, monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(QUERY)))
    out = tmp_path / "o"
    assert main(["predict", "-", "--model", "gem-1-bulk", "--out", str(out), *FAST]) == 0
    assert (out / "expression.csv").is_file()


@pytest.mark.parametrize("content", [None, "{not json", "[1, 2]"])
def test_unreadable_query_exits_2(api, tmp_path, capsys, content):
    path = tmp_path / "q.json"
    if content is not None:
        path.write_text(content)
    code = main(["predict", str(path), "--model", "gem-1-bulk", "--out", str(tmp_path / "o")])
    assert code == 2
    assert "error:" in capsys.readouterr().err
    assert _posts(api) == 0


def test_lint_errors_exit_1_before_sending(api, tmp_path, capsys):
    path = tmp_path / "q.json"
    path.write_text(json.dumps({**QUERY, "sampling_strategy": "sampel generation"}))
    argv = ["predict", str(path), "--model", "gem-1-bulk", "--out", str(tmp_path / "o"), *FAST]
    assert main(argv) == 1
    assert "lint error" in capsys.readouterr().err
    assert _posts(api) == 0
    assert main([*argv, "--no-lint"]) == 0
    assert _posts(api) == 1


def test_failed_job_exits_1_without_traceback(api, query_file, tmp_path, capsys):
    api.fate = "failed"
    argv = ["predict", str(query_file), "--model", "gem-1-bulk", "--out", str(tmp_path), *FAST]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "Query 1 has bad values" in err and "Traceback" not in err


def test_timeout_prints_the_resume_command(api, query_file, tmp_path, capsys):
    api.fate = "never"
    out = tmp_path / "o"
    argv = ["predict", str(query_file), "--model", "gem-1-bulk", "--out", str(out), *FAST]
    assert main([*argv, "--timeout", "0.1"]) == 1
    (job_id,) = api.jobs
    assert f"synthquery result {job_id} --out {out} --model gem-1-bulk" in capsys.readouterr().err


def test_ctrl_c_while_polling_prints_job_and_resume_command(api, query_file, tmp_path, capsys):
    api.fate = "never"
    fired: list[bool] = []

    def interrupt() -> None:
        if not fired:
            fired.append(True)
            _thread.interrupt_main()  # what Ctrl-C does to the main thread

    api.on_status = interrupt
    out = tmp_path / "o"
    argv = ["predict", str(query_file), "--model", "gem-1-bulk", "--out", str(out), *FAST]
    assert main([*argv, "--format", "parquet"]) == 130
    err = capsys.readouterr().err
    (job_id,) = api.jobs
    assert f"job {job_id} keeps running" in err
    assert f"synthquery result {job_id} --out {out} --model gem-1-bulk --format parquet" in err
    assert not out.exists()

    # ... and the printed command picks it up
    api.fate, api.on_status = "ready", None
    api.jobs[job_id].fate = "ready"
    resume = ["result", job_id, "--out", str(out), "--query", str(query_file), *FAST]
    assert main(resume) == 0
    assert pd.read_csv(out / "metadata.csv")["sample_index"].tolist() == [0, 1, 0]


def test_result_for_unknown_job_exits_1(api, tmp_path, capsys):
    assert main(["result", "nope", "--out", str(tmp_path), *FAST]) == 1
    assert "not found" in capsys.readouterr().err


def test_missing_key_exits_1(api, query_file, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("SYNTHESIZE_API_KEY")
    argv = ["predict", str(query_file), "--model", "gem-1-bulk", "--out", str(tmp_path), *FAST]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "SYNTHESIZE_API_KEY" in err and "Traceback" not in err


def test_plain_http_to_a_remote_host_exits_2(api, query_file, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SYNTHESIZE_API_BASE_URL", "http://api.example.test")
    argv = ["predict", str(query_file), "--model", "gem-1-bulk", "--out", str(tmp_path), *FAST]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "plain http" in err and API_KEY not in err


@pytest.mark.parametrize(
    ("command", "option"), [("predict", "--no-lint"), ("models", "--json"), ("result", "--query")]
)
def test_help(command, option, capsys):
    assert main([command, "--help"]) == 0
    assert option in capsys.readouterr().out


@pytest.mark.parametrize("where", ["a_file", "a_file/below"])
def test_unwritable_out_is_refused_before_submitting(api, query_file, tmp_path, capsys, where):
    (tmp_path / "a_file").write_text("")
    out = tmp_path / where
    argv = ["predict", str(query_file), "--model", "gem-1-bulk", "--out", str(out), *FAST]
    assert main(argv) == 2
    assert "error:" in capsys.readouterr().err
    assert _posts(api) == 0  # nothing paid for that could not be saved
    assert main(["result", "job", "--out", str(out), *FAST]) == 2


def test_out_is_created_only_when_there_is_a_result(api, query_file, tmp_path):
    out = tmp_path / "new" / "deep"
    argv = ["predict", str(query_file), "--model", "gem-1-bulk", "--out", str(out), *FAST]
    assert main(argv) == 0
    assert (out / "expression.csv").is_file()


@pytest.mark.parametrize(
    "content",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"inputs": [1e400]}',
        '{"seed": NaN}',
        "\xff",
        '{"a": "\\ud800"}',
    ],
)
def test_hostile_query_files_exit_2_without_traceback(api, tmp_path, capsys, content):
    path = tmp_path / "q.json"
    path.write_bytes(content.encode("latin-1") if content == "\xff" else content.encode())
    argv = ["predict", str(path), "--model", "gem-1-bulk", "--out", str(tmp_path / "o"), *FAST]
    assert main(argv) == 2
    assert "error:" in capsys.readouterr().err
    assert _posts(api) == 0


def test_a_byte_order_mark_is_fine(api, tmp_path, capsys):
    path = tmp_path / "q.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(QUERY).encode())
    argv = ["predict", str(path), "--model", "gem-1-bulk", "--out", str(tmp_path / "o"), *FAST]
    assert main(argv) == 0
    assert _posts(api) == 1


@pytest.mark.parametrize("option", ["--poll-interval", "--timeout"])
@pytest.mark.parametrize("value", ["-1", "nan", "inf", "soon"])
def test_nonsense_durations_are_usage_errors(api, query_file, tmp_path, option, value):
    argv = ["predict", str(query_file), "--model", "gem-1-bulk", "--out", str(tmp_path / "o")]
    assert main([*argv, option, value]) == 2
    assert _posts(api) == 0


def test_lint_refusal_reads_like_synthquery_lint(api, tmp_path, capsys):
    path = tmp_path / "q.json"
    bad = {**QUERY, "sampling_strategy": "sampel generation"}
    path.write_text(json.dumps(bad, indent=2))
    argv = ["predict", str(path), "--model", "gem-1-bulk", "--out", str(tmp_path / "o"), *FAST]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f"{path}:2:" in err  # file:line:column, as `synthquery lint` prints it
    assert _posts(api) == 0


def test_a_cut_short_download_prints_how_to_fetch_it_again(api, query_file, tmp_path, capsys):
    api.fate = "truncated"
    out = tmp_path / "o"
    argv = ["predict", str(query_file), "--model", "gem-1-bulk", "--out", str(out), *FAST]
    assert main(argv) == 1
    (job_id,) = api.jobs
    assert f"synthquery result {job_id} --out {out}" in capsys.readouterr().err


def test_parquet_without_pyarrow_is_refused_before_submitting(
    api, query_file, tmp_path, monkeypatch, capsys
):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "pyarrow.ipc", None)
    out = tmp_path / "o"
    argv = ["predict", str(query_file), "--model", "gem-1-bulk", "--out", str(out), *FAST]
    assert main([*argv, "--format", "parquet"]) == 2
    assert "pyarrow" in capsys.readouterr().err
    assert _posts(api) == 0


@pytest.mark.parametrize("key", ["sk-test\nSECRET123", "sk-t\u00e9st-SECRET123"])
def test_a_malformed_key_is_refused_without_showing_it(
    api, query_file, tmp_path, monkeypatch, capsys, key
):
    monkeypatch.setenv("SYNTHESIZE_API_KEY", key)
    argv = ["predict", str(query_file), "--model", "gem-1-bulk", "--out", str(tmp_path), *FAST]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert "SECRET" not in out + err and "SYNTHESIZE_API_KEY" in err
    assert _posts(api) == 0


def test_offline_mode_refuses_a_remote_api_at_once(query_file, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SYNTHESIZE_API_KEY", API_KEY)
    monkeypatch.setenv("SYNTHESIZE_API_BASE_URL", "https://api.example.test")
    monkeypatch.setenv("SYNTHQUERY_OFFLINE", "1")
    monkeypatch.setenv("SYNTHQUERY_ONTOLOGIES_DIR", str(FIXTURE_SNAPSHOT))
    assert main(["models"]) == 2
    assert "offline" in capsys.readouterr().err
