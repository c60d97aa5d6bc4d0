"""The client against a real loopback server implementing the API contract, faults included."""

from __future__ import annotations

import io
import json
import socket
import sys
import time

import numpy as np
import pandas as pd
import pytest
from synthesize_server import API_KEY, EXAMPLE_QUERIES, FAST, FAST_RETRY, FakeAPI, Fault

from synthquery._errors import SynthqueryError
from synthquery.client import (
    AuthenticationError,
    Client,
    ConfigurationError,
    MissingAPIKeyError,
    NotFoundError,
    PredictionFailed,
    PredictionTimeout,
    RateLimitError,
    ResponseError,
    Result,
    ServerError,
    SynthesizeAPIError,
    TransportError,
    ValidationError,
    list_models,
    predict_query,
)
from synthquery.lint.diagnostic import Diagnostic, Severity

BULK = EXAMPLE_QUERIES["gem-1-bulk"]


def _query(*num_samples: int) -> dict:
    return {
        "sampling_strategy": "sample generation",
        "inputs": [
            {"metadata": {"sex": "female", "age_years": str(20 + i)}, "num_samples": n}
            for i, n in enumerate(num_samples)
        ],
    }


def _example_query(model_id: str) -> dict:
    try:
        from synthquery.query import get_example_query
    except ImportError:
        return EXAMPLE_QUERIES[model_id]
    return get_example_query(model_id)["example_query"]


# --- done means -----------------------------------------------------------------------------


def test_predict_query_dropin_returns_three_frames_with_full_gene_count(monkeypatch):
    api = FakeAPI(genes=44_592).start()
    try:
        monkeypatch.setenv("SYNTHESIZE_API_KEY", API_KEY)
        monkeypatch.setenv("SYNTHESIZE_API_BASE_URL", api.url)
        query = _example_query("gem-1-bulk")
        out = predict_query(query, model_id="gem-1-bulk", poll_interval_seconds=0.01)
    finally:
        api.stop()
    assert set(out) == {"metadata", "expression", "latents"}
    total = sum(item["num_samples"] for item in query["inputs"])
    assert out["expression"].shape == (total, 44_592)
    assert list(out["expression"].columns) == api.gene_order
    assert out["expression"].dtypes.unique().tolist() == [np.dtype("int64")]
    assert len(out["metadata"]) == total and len(out["latents"]) == total
    assert list(out["latents"].columns) == ["biological", "technical", "perturbation"]


def test_rows_follow_input_order_and_index_columns(client, api):
    result = client.predict(_query(3, 1, 2), "gem-1-bulk", **FAST)
    assert isinstance(result, Result)
    counts = result.counts
    assert counts.shape == (6, len(api.gene_order))
    assert counts[:, 0].tolist() == [0, 0, 0, 1, 2, 2]  # server wrote the input index here
    assert counts[:, 1].tolist() == [0, 1, 2, 0, 0, 1]  # ... and the sample index here
    assert result.metadata["input_index"].tolist() == [0, 0, 0, 1, 2, 2]
    assert result.metadata["sample_index"].tolist() == [0, 1, 2, 0, 0, 1]
    assert result.metadata["age_years"].tolist() == ["20", "20", "20", "21", "22", "22"]
    assert result.model_version == 2 and result.model_id == "gem-1-bulk"
    assert result.job_id in api.jobs


def test_list_models_and_example_query(client, api_env):
    assert [m["model_id"] for m in client.list_models()] == ["gem-1-bulk", "gem-1-sc"]
    assert client.example_query("gem-1-sc") == {"example_query": EXAMPLE_QUERIES["gem-1-sc"]}
    assert list_models() == {"models": [{"model_id": "gem-1-bulk"}, {"model_id": "gem-1-sc"}]}


def test_query_object_supplies_model(client, api):
    query_mod = pytest.importorskip("synthquery.query")
    query = query_mod.Query.from_dict(_query(2))
    result = client.predict(query, lint=False, **FAST)
    assert len(result) == 2
    sent = json.loads(api.requests_to("/api/models/gem-1-bulk/predict", "POST")[0].body)
    assert sent["inputs"] == _query(2)["inputs"]


def test_model_id_required_for_a_plain_dict(client, api):
    with pytest.raises(SynthqueryError, match="model_id is required"):
        client.predict(_query(1), **FAST)
    assert api.requests == []


def test_polling_tolerates_unknown_statuses(client, api):
    api.polls_before_ready = 5  # queued, running, postprocessing (unknown), queued, running
    client.predict(_query(1), "gem-1-bulk", lint=False, **FAST)
    assert len(api.requests_to("/api/model-queries/")) == 6


def test_progress_display_on_stderr(client, api, capsys):
    client.predict(_query(1), "gem-1-bulk", lint=False, progress=True, **FAST)
    err = capsys.readouterr().err
    job_id = next(iter(api.jobs))
    assert f"job {job_id}: queued" in err and f"job {job_id}: ready" in err


def test_progress_callback_sees_every_status(client, api):
    seen: list[str] = []
    client.predict(
        _query(1), "gem-1-bulk", lint=False, progress=lambda j, s, t: seen.append(s), **FAST
    )
    assert seen == ["queued", "running", "ready"]


def test_resume_by_job_id_from_a_new_client(api, client):
    job_id = client.submit(_query(2, 1), "gem-1-bulk", lint=False)
    with Client(api_key=API_KEY, base_url=api.url) as other:
        result = other.result(job_id, **FAST)
    assert result.counts[:, 0].tolist() == [0, 0, 1]
    assert result.metadata["input_index"].isna().all()  # the query is unknown here


def test_per_model_base_url_env(api, monkeypatch):
    dead = socket.socket()
    dead.bind(("127.0.0.1", 0))
    port = dead.getsockname()[1]
    dead.close()
    monkeypatch.setenv("SYNTHESIZE_API_KEY", API_KEY)
    monkeypatch.setenv("SYNTHESIZE_API_BASE_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("SYNTHESIZE_API_BASE_URL__GEM_1_BULK", api.url)
    with Client(max_retries=0) as client:
        assert client.base_url("gem-1-bulk_predict-metadata") == api.url
        result = client.predict(_query(1), "gem-1-bulk", lint=False, **FAST)
        assert len(result) == 1  # status polls went to the host that took the job
        with pytest.raises(TransportError):
            client.list_models()  # no model: the global (dead) base URL


@pytest.mark.parametrize("encoding", ["wrapped", "dict"])
def test_counts_encodings_decode_to_the_same_matrix(client, api, encoding):
    reference = client.predict(_query(2, 1), "gem-1-bulk", lint=False, **FAST)
    api.encoding = encoding
    job_id = client.submit(_query(2, 1), "gem-1-bulk", lint=False)
    api.jobs[job_id].id = reference.job_id  # same seed -> same counts
    other = client.result(job_id, query=_query(2, 1), **FAST)
    np.testing.assert_array_equal(other.counts, reference.counts)


def test_string_model_version(client, api):
    api.model_version = "gem-1-bulk-v2.1"
    assert client.predict(_query(1), "gem-1-bulk", lint=False, **FAST).model_version == (
        "gem-1-bulk-v2.1"
    )


# --- faults: HTTP status channel ---------------------------------------------------------------


def test_wrong_key_is_authentication_error(api):
    with Client(api_key="sk-wrong-key-xyz", base_url=api.url) as client:
        with pytest.raises(AuthenticationError) as info:
            client.list_models()
    assert info.value.status_code == 401
    assert "sk-wrong-key-xyz" not in str(info.value)


def test_missing_key_is_a_keyerror_like_pysynthbio(api, monkeypatch):
    monkeypatch.delenv("SYNTHESIZE_API_KEY", raising=False)
    with Client(base_url=api.url) as client:
        with pytest.raises(MissingAPIKeyError, match="SYNTHESIZE_API_KEY") as info:
            client.predict(_query(1), "gem-1-bulk", lint=False, **FAST)
    assert isinstance(info.value, KeyError) and isinstance(info.value, AuthenticationError)
    assert api.requests == []


def test_unknown_model_and_job_are_not_found(client, api):
    with pytest.raises(NotFoundError):
        client.example_query("gem-9")
    with pytest.raises(NotFoundError) as info:
        client.status("no-such-job")
    assert info.value.status_code == 404


def test_structured_422_becomes_diagnostics(client, api):
    api.inject(
        "predict",
        Fault(
            422,
            {
                "error": "Invalid query",
                "errors": [
                    {
                        "path": "inputs[1].metadata.age_years",
                        "message": "must be a number",
                        "code": "type_error",
                    },
                    {"path": "sampling_strategy", "message": "unknown value", "code": "enum"},
                ],
            },
        ),
    )
    with pytest.raises(ValidationError) as info:
        client.predict(_query(1, 1), "gem-1-bulk", lint=False, **FAST)
    err = info.value
    assert err.status_code == 422
    assert [d.path for d in err.diagnostics] == [
        "inputs[1].metadata.age_years",
        "sampling_strategy",
    ]
    assert all(isinstance(d, Diagnostic) for d in err.diagnostics)
    assert {(d.code, d.severity) for d in err.diagnostics} == {("API", Severity.ERROR)}
    assert err.diagnostics[0].extra["server_code"] == "type_error"
    assert "inputs[1].metadata.age_years: must be a number" in str(err)


def test_plain_text_422(client, api):
    api.inject("predict", Fault(422, "age_years must be numeric", "text/plain"))
    with pytest.raises(ValidationError, match="age_years must be numeric") as info:
        client.predict(_query(1), "gem-1-bulk", lint=False, **FAST)
    assert info.value.diagnostics == []
    assert info.value.response_body == "age_years must be numeric"


def test_400_for_a_body_the_server_cannot_read(client, api):
    api.inject("predict", Fault(400, "<html><body>Bad Request</body></html>", "text/html"))
    with pytest.raises(ValidationError) as info:
        client.submit(_query(1), "gem-1-bulk", lint=False)
    assert info.value.status_code == 400


def test_429_on_get_honours_retry_after(client, api):
    api.inject("models", Fault(429, {"error": "slow down"}, headers={"Retry-After": "1"}))
    started = time.monotonic()
    assert len(client.list_models()) == 2
    assert time.monotonic() - started >= 0.95
    assert len(api.requests_to("/api/models")) == 2


def test_429_with_http_date_retry_after(client, api):
    from email.utils import formatdate

    api.inject("status", Fault(429, headers={"Retry-After": formatdate(time.time() - 5)}))
    job_id = client.submit(_query(1), "gem-1-bulk", lint=False)
    assert client.status(job_id).status == "queued"  # a date in the past: retry at once


def test_429_retry_after_too_long_is_raised_not_waited(api):
    with Client(api_key=API_KEY, base_url=api.url) as client:
        api.inject("models", Fault(429, headers={"Retry-After": "3600"}))
        started = time.monotonic()
        with pytest.raises(RateLimitError) as info:
            client.list_models()
    assert info.value.retry_after == 3600 and time.monotonic() - started < 1


def test_429_on_post_is_not_retried(client, api):
    api.inject("predict", Fault(429, headers={"Retry-After": "0"}))
    with pytest.raises(RateLimitError):
        client.submit(_query(1), "gem-1-bulk", lint=False)
    assert len(api.requests_to("/api/models/gem-1-bulk/predict")) == 1


def test_503_then_success_on_get(client, api):
    api.inject("status", Fault(503, "unavailable", "text/plain"), Fault(502), Fault(504))
    result = client.predict(_query(1), "gem-1-bulk", lint=False, **FAST)
    assert len(result) == 1
    assert len(api.requests_to("/api/model-queries/")) == 3 + 3  # 3 faults + 3 real polls


def test_503_retries_exhausted(client, api):
    api.inject("models", *[Fault(503)] * 4)
    with pytest.raises(ServerError) as info:
        client.list_models()
    assert info.value.status_code == 503
    assert len(api.requests_to("/api/models")) == 4  # 1 + max_retries


def test_503_on_post_is_not_retried(client, api):
    api.inject("predict", Fault(503))
    with pytest.raises(ServerError):
        client.submit(_query(1), "gem-1-bulk", lint=False)
    assert len(api.requests_to("/api/models/gem-1-bulk/predict")) == 1


def test_dropped_connection_retried_for_get_not_for_post(client, api):
    api.inject("status", Fault(-1))
    job_id = client.submit(_query(1), "gem-1-bulk", lint=False)
    assert client.status(job_id).status == "queued"
    api.inject("predict", Fault(-1))
    with pytest.raises(TransportError):
        client.submit(_query(1), "gem-1-bulk", lint=False)
    assert len(api.requests_to("/api/models/gem-1-bulk/predict")) == 2  # one per submit


def test_connection_refused_is_retried_then_transport_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps: list[float] = []
    with Client(
        api_key=API_KEY,
        base_url=f"http://127.0.0.1:{port}",
        max_retries=FAST_RETRY,
        sleep=sleeps.append,
    ) as client:
        with pytest.raises(TransportError):
            client.submit(_query(1), "gem-1-bulk", lint=False)  # a POST: never reached
    assert len(sleeps) == FAST_RETRY.max_retries


# --- faults: asynchronous failure channel ---------------------------------------------------------


def test_failed_job_strips_traceback(client, api):
    api.fate = "failed"
    with pytest.raises(PredictionFailed) as info:
        client.predict(_query(1), "gem-1-bulk", lint=False, **FAST)
    err = info.value
    assert "Query 1 has bad values" in str(err)
    assert "Traceback" not in str(err) and "predict.py" not in str(err)
    assert err.job_id in api.jobs


def test_failed_job_with_older_error_url(client, api):
    api.fate = "failed_error_url"
    with pytest.raises(PredictionFailed, match="Query 1 has bad values") as info:
        client.predict(_query(1), "gem-1-bulk", lint=False, **FAST)
    assert "Traceback" not in str(info.value)
    errors = api.requests_to("/errors/")
    assert len(errors) == 1 and "authorization" not in errors[0].headers


def test_never_ready_times_out_with_job_id(client, api):
    api.fate = "never"
    started = time.monotonic()
    with pytest.raises(PredictionTimeout) as info:
        client.predict(
            _query(1),
            "gem-1-bulk",
            lint=False,
            poll_interval_seconds=0.01,
            poll_timeout_seconds=0.2,
        )
    err = info.value
    assert time.monotonic() - started < 3
    assert err.job_id in api.jobs and err.job_id in str(err)
    assert err.last_status in api.in_progress
    assert isinstance(err, TimeoutError) and isinstance(err, SynthesizeAPIError)


def test_expired_download_url_is_refreshed(client, api):
    api.fate = "expired"
    result = client.predict(_query(2), "gem-1-bulk", lint=False, **FAST)
    assert len(result) == 2
    downloads = api.requests_to("/download/")
    assert [d.query["X-Signature"] for d in downloads] == [["sig0"], ["sig1"]]


def test_download_never_carries_the_key(client, api):
    client.predict(_query(1), "gem-1-bulk", lint=False, **FAST)
    (download,) = api.requests_to("/download/")
    assert "authorization" not in download.headers
    assert all(
        r.headers.get("authorization") == f"Bearer {API_KEY}" for r in api.requests_to("/api/")
    )


# --- faults: result payload channel ------------------------------------------------------------


def test_result_with_error_key_is_prediction_failed(client, api):
    api.fate = "result_error"
    with pytest.raises(PredictionFailed, match="GPU out of memory") as info:
        client.predict(_query(1), "gem-1-bulk", lint=False, **FAST)
    assert "Traceback" not in str(info.value)


@pytest.mark.parametrize(("fate", "word"), [("truncated", "truncated"), ("malformed", "malformed")])
def test_bad_result_json_is_a_clear_error(client, api, fate, word):
    api.fate = fate
    with pytest.raises(ResponseError, match=word):
        client.predict(_query(3), "gem-1-bulk", lint=False, **FAST)


def test_row_count_mismatch_is_reported(client, api):
    job_id = client.submit(_query(2), "gem-1-bulk", lint=False)
    with pytest.raises(ResponseError, match="3"):
        client.result(job_id, query=_query(3), **FAST)


def test_dropin_download_url_and_raw_response(api_env):
    url = predict_query(
        _query(1), "gem-1-bulk", poll_interval_seconds=0.01, return_download_url=True
    )
    assert set(url) == {"download_url"} and "/download/" in url["download_url"]
    raw = predict_query(_query(2), "gem-1-bulk", poll_interval_seconds=0.01, raw_response=True)
    assert len(raw["outputs"]) == 2 and raw["gene_order"] == api_env.gene_order


def test_dropin_kwargs_join_the_query_without_mutating_it(api_env):
    query = _query(1)
    predict_query(query, "gem-1-bulk", poll_interval_seconds=0.01, seed=7, lint=False)
    sent = json.loads(api_env.requests_to("/api/models/gem-1-bulk/predict", "POST")[0].body)
    assert sent["seed"] == 7 and "seed" not in query


def test_dropin_frames_match_pysynthbio_transformer(api_env):
    transformers = pytest.importorskip("pysynthbio.output_transformers")
    raw = predict_query(_query(2, 1), "gem-1-bulk", poll_interval_seconds=0.01, raw_response=True)
    theirs = transformers.transform_standard_model_output(json.loads(json.dumps(raw)))
    ours = Client(api_key=API_KEY, base_url=api_env.url).result(
        next(reversed(api_env.jobs)), query=_query(2, 1), **FAST
    )
    pd.testing.assert_frame_equal(ours.expression, theirs["expression"])
    pd.testing.assert_frame_equal(ours.latents, theirs["latents"])
    pd.testing.assert_frame_equal(
        ours.metadata.drop(columns=["input_index", "sample_index"]), theirs["metadata"]
    )


# --- self-hosted (Arrow) ------------------------------------------------------------------------


def test_self_hosted_arrow_stream(api, monkeypatch):
    pytest.importorskip("pyarrow")
    api.arrow, api.require_auth = True, False
    monkeypatch.delenv("SYNTHESIZE_API_KEY", raising=False)
    monkeypatch.setenv("SYNTHESIZE_SELF_HOSTED", "1")
    monkeypatch.setenv("SYNTHESIZE_API_BASE_URL__GEM_1_BULK", api.url)
    with Client() as client:
        result = client.predict(_query(4, 3), "gem-1-bulk", lint=False)
    assert result.counts.shape == (7, len(api.gene_order))
    assert result.counts[:, 0].tolist() == [0, 0, 0, 0, 1, 1, 1]
    assert result.metadata["sample_index"].tolist() == [0, 1, 2, 3, 0, 1, 2]
    assert result.model_version == 2
    assert list(result.latents.columns) == ["biological", "technical", "perturbation"]
    (post,) = api.requests_to("/api/models/gem-1-bulk/predict")
    assert "application/vnd.apache.arrow.stream" in post.headers["accept"]
    assert "authorization" not in post.headers
    raw = predict_query(_query(1), "gem-1-bulk", raw_response=True, lint=False)
    assert isinstance(raw, bytes) and raw[:4] == b"\xff\xff\xff\xff"  # IPC continuation marker


def test_self_hosted_without_pyarrow_is_a_clear_error(api, monkeypatch):
    api.arrow, api.require_auth = True, False
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with Client(base_url=api.url, self_hosted=True) as client:
        with pytest.raises(ConfigurationError, match=r"synthquery\[arrow\]"):
            client.predict(_query(1), "gem-1-bulk", lint=False)


def test_self_hosted_submit_is_refused(api):
    with Client(base_url=api.url, self_hosted=True) as client:
        with pytest.raises(SynthqueryError, match="synchronously"):
            client.submit(_query(1), "gem-1-bulk")


def test_status_report_object(client, api):
    job_id = client.submit(_query(1), "gem-1-bulk", lint=False)
    state = client.status(job_id)
    assert (state.job_id, state.status, state.done) == (job_id, "queued", False)
    for _ in range(2):
        state = client.status(job_id)
    assert state.ready and state.download_url and "X-Signature" not in repr(state)


def test_lint_errors_stop_the_query_before_sending(client, api):
    from synthquery._errors import QueryLintError

    bad = {**BULK, "inputs": [{"metadata": {"tissue_ontology_id": "UBERON:0000945"}}]}
    bad = {**bad, "sampling_strategy": "sampel generation"}
    with pytest.raises(QueryLintError) as info:
        client.predict(bad, "gem-1-bulk", **FAST)
    assert info.value.report.has_errors
    assert api.requests_to("/api/models/gem-1-bulk/predict") == []
    client.submit(bad, "gem-1-bulk", lint=False)  # the escape hatch sends it anyway
    assert len(api.requests_to("/api/models/gem-1-bulk/predict")) == 1


def test_result_save_roundtrip_csv(client, api, tmp_path):
    result = client.predict(_query(2, 1), "gem-1-bulk", lint=False, **FAST)
    paths = result.save(tmp_path / "out")
    expression = pd.read_csv(paths["expression"])
    np.testing.assert_array_equal(expression.to_numpy(), result.counts)
    assert list(expression.columns) == api.gene_order
    metadata = pd.read_csv(paths["metadata"])
    assert metadata["input_index"].tolist() == [0, 0, 1]
    latents = pd.read_csv(paths["latents"])
    assert json.loads(latents["biological"][2]) == result.latents["biological"][2]
    manifest = json.loads(paths["manifest"].read_text())
    assert manifest["samples"] == 3 and manifest["job_id"] == result.job_id


def test_result_save_roundtrip_parquet(client, api, tmp_path):
    pytest.importorskip("pyarrow")
    result = client.predict(_query(2), "gem-1-bulk", lint=False, **FAST)
    paths = result.save(tmp_path, format="parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(paths["expression"]), result.expression)
    back = pd.read_parquet(paths["metadata"])
    assert back["sample_index"].tolist() == [0, 1]


def test_unknown_save_format(client, api, tmp_path):
    result = client.predict(_query(1), "gem-1-bulk", lint=False, **FAST)
    with pytest.raises(SynthqueryError, match="format"):
        result.save(tmp_path, format="xlsx")


def test_stream_reader_handles_small_chunks():
    from synthquery._client import _StreamReader

    reader = io.BufferedReader(_StreamReader(iter([b"ab", b"", b"cde", b"f"])))
    assert reader.read() == b"abcdef"


def test_model_without_lint_profile_says_how_to_skip_lint(client, api):
    api.models.append("gem-2-bulk")
    with pytest.raises(SynthqueryError, match="lint=False"):
        client.predict(_query(1), "gem-2-bulk", **FAST)
    assert api.requests == []
    assert len(client.predict(_query(1), "gem-2-bulk", lint=False, **FAST)) == 1
