"""A server that echoes the API key back (in a failure message, an odd status, a result payload)
must not get it into any exception the client raises; and other client guards."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from synthesize_server import API_KEY, FAST, FAST_RETRY, FakeAPI, Fault

import synthquery
from synthquery import Query, UsageError
from synthquery.client import (
    Client,
    PredictionFailed,
    PredictionTimeout,
    ResponseError,
    SynthesizeAPIError,
)

QUERY = {
    "sampling_strategy": "sample generation",
    "inputs": [{"metadata": {"sex": "female", "age_years": "40"}, "num_samples": 2}],
}


def _everything(exc: BaseException) -> str:
    """Every text an exception exposes: message, repr, attributes, and its chain's messages."""
    parts = [str(exc), repr(exc), repr(vars(exc))]
    for linked in (exc.__cause__, exc.__context__):
        if linked is not None:
            parts += [str(linked), repr(linked)]
    return "\n".join(parts)


def _echo_failed(api: FakeAPI) -> None:
    message = f"bad key {API_KEY}\nTraceback (most recent call last):\n  x"
    api.inject("status", Fault(200, {"status": "failed", "message": message}))


def _echo_error_url(api: FakeAPI) -> None:
    api.fate = "failed_error_url"
    # the errorUrl answer is the server's TRACEBACK; make the status echo the key instead
    api.inject("status", Fault(200, {"status": "failed", "message": f"key={API_KEY}"}))


def _echo_status_list(api: FakeAPI) -> None:
    api.inject("status", Fault(200, ["status", API_KEY]))


def _echo_status_word(api: FakeAPI) -> None:
    api.fate = "never"
    api.inject("status", *[Fault(200, {"status": API_KEY}) for _ in range(50)])


def _echo_result(api: FakeAPI) -> None:
    api.fate = "result_error"
    original = api.result_bytes

    def result_bytes(job: Any) -> bytes:
        if job.fate == "result_error":
            return json.dumps({"error": f"GPU gone; auth was Bearer {API_KEY}"}).encode()
        return original(job)

    api.result_bytes = result_bytes  # type: ignore[method-assign]


ECHOES: dict[str, tuple[Callable[[FakeAPI], None], type[SynthesizeAPIError]]] = {
    "failed message": (_echo_failed, PredictionFailed),
    "failed with errorUrl": (_echo_error_url, PredictionFailed),
    "status not an object": (_echo_status_list, ResponseError),
    "status word": (_echo_status_word, PredictionTimeout),
    "result error": (_echo_result, PredictionFailed),
}


@pytest.mark.parametrize("case", sorted(ECHOES))
def test_an_echoed_key_never_reaches_an_exception(
    api: FakeAPI, client: Client, case: str, caplog: pytest.LogCaptureFixture
) -> None:
    arrange, expected = ECHOES[case]
    arrange(api)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(expected) as info:
        client.predict(QUERY, "gem-1-bulk", poll_interval_seconds=0.001, poll_timeout_seconds=0.2)
    assert API_KEY not in _everything(info.value)
    assert API_KEY not in caplog.text


def test_an_echoed_key_in_a_model_list_is_redacted(api: FakeAPI, client: Client) -> None:
    api.inject("models", Fault(200, {"models": API_KEY}))
    with pytest.raises(ResponseError) as info:
        client.list_models()
    assert API_KEY not in _everything(info.value)


def test_drop_in_predict_query_redacts_result_errors(
    api_env: FakeAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    _echo_result(api_env)
    with pytest.raises(PredictionFailed) as info:
        synthquery.predict_query(QUERY, model_id="gem-1-bulk", **FAST)
    assert API_KEY not in _everything(info.value)


def test_an_unusable_download_names_the_job(api: FakeAPI, client: Client) -> None:
    api.fate = "truncated"
    with pytest.raises(ResponseError) as info:
        client.predict(QUERY, "gem-1-bulk", **FAST)
    (job_id,) = api.jobs
    assert info.value.job_id == job_id  # so the caller can fetch it again


def test_a_query_built_for_another_model_is_refused(api: FakeAPI, client: Client) -> None:
    sc = Query("gem-1-sc").add(sex="male")
    with pytest.raises(UsageError):
        client.predict(sc, "gem-1-bulk", **FAST)
    assert not api.requests_to("/api/models/gem-1-bulk/predict", "POST")
    result = client.predict(sc, **FAST)  # the query's own model
    assert result.model_id == "gem-1-sc"


def test_retry_policy_still_used(api: FakeAPI) -> None:
    # the decorator that scrubs errors must not change what the methods return
    with Client(api_key=API_KEY, base_url=api.url, max_retries=FAST_RETRY) as c:
        api.inject("models", Fault(503))
        assert [m["model_id"] for m in c.list_models()] == ["gem-1-bulk", "gem-1-sc"]
        assert c.list_models.__name__ == "list_models"


@pytest.mark.parametrize(
    "settings",
    [
        {"api_key": 123},
        {"base_url": 5},
        {"timeout": -1},
        {"timeout": "soon"},
        {"max_retries": -1},
        {"max_retries": "3"},
    ],
)
def test_wrong_settings_are_usage_errors(settings: dict[str, Any]) -> None:
    with pytest.raises(UsageError) as info:
        Client(**settings)
    assert "123" not in str(info.value) or "api_key" not in settings  # a key is never echoed


@pytest.mark.parametrize("job_id", ["", "   ", None])
def test_a_missing_job_id_is_a_usage_error(api: FakeAPI, client: Client, job_id: Any) -> None:
    with pytest.raises(UsageError):
        client.status(job_id)
    assert not api.requests_to("/api/model-queries")


@pytest.mark.parametrize(
    "key", ["sk-test\nSECRET123", "sk-test\tSECRET123", "sk-t\u00e9st-SECRET123", "sk test SECRET"]
)
def test_a_key_no_api_could_issue_is_refused_without_being_shown(key: str) -> None:
    from synthquery.client import ConfigurationError

    with pytest.raises(ConfigurationError, match="check SYNTHESIZE_API_KEY") as info:
        Client(api_key=key, base_url="https://api.example.org")
    assert "SECRET" not in _everything(info.value)


def test_whitespace_around_a_key_is_dropped(api: FakeAPI) -> None:
    # "$(cat keyfile)" ends in a newline: the key is what is between
    with Client(api_key=f"  {API_KEY}\n", base_url=api.url, max_retries=FAST_RETRY) as c:
        assert [m["model_id"] for m in c.list_models()] == ["gem-1-bulk", "gem-1-sc"]


def test_offline_mode_contacts_no_remote_api(monkeypatch: pytest.MonkeyPatch) -> None:
    from synthquery.client import ConfigurationError

    monkeypatch.setenv("SYNTHQUERY_OFFLINE", "1")
    with Client(api_key=API_KEY, base_url="https://api.example.org") as c:
        with pytest.raises(ConfigurationError, match="offline"):
            c.list_models()  # refused before any name lookup or connection


def test_a_key_echoed_in_escaped_form_is_redacted() -> None:
    from synthquery._api_errors import redact

    key = 'sk-"quoted"-SECRET\\x'
    body = json.dumps({"error": f"invalid key {key}"})
    assert "SECRET" not in redact(body, key)
    assert "SECRET" not in redact(repr(key), key)
