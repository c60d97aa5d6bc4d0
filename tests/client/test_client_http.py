"""Retry policy and security rules (unit level; httpx.MockTransport stands in for the network)."""

from __future__ import annotations

import io
import logging
import time
from email.utils import formatdate

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from synthesize_server import API_KEY, FAST, FAST_RETRY

from synthquery._http import (
    is_loopback,
    parse_retry_after,
    per_model_env_var,
    resolve_base_url,
    strip_query,
)
from synthquery._progress import make_progress
from synthquery.client import (
    Client,
    ConfigurationError,
    RequestTimeout,
    RetryPolicy,
    ServerError,
    TransportError,
)

QUERY = {"sampling_strategy": "sample generation", "inputs": [{"metadata": {}, "num_samples": 1}]}


def _client(handler, **kw) -> Client:
    sleeps: list[float] = []
    client = Client(
        api_key=API_KEY,
        base_url="https://api.example.test",
        transport=httpx.MockTransport(handler),
        max_retries=FAST_RETRY,
        sleep=sleeps.append,
        **kw,
    )
    client.sleeps = sleeps  # type: ignore[attr-defined]
    return client


def _counting(responses):
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        item = responses[min(len(calls), len(responses)) - 1]
        if isinstance(item, Exception):
            raise item
        return item

    return handler, calls


def test_post_retried_on_connect_error():
    handler, calls = _counting(
        [httpx.ConnectError("refused"), httpx.Response(200, json={"modelQueryId": "j1"})]
    )
    client = _client(handler)
    assert client.submit(QUERY, "gem-1-bulk", lint=False) == "j1"
    assert len(calls) == 2 and len(client.sleeps) == 1


@pytest.mark.parametrize(
    "exc", [httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("eof"), httpx.WriteError("pipe")]
)
def test_post_not_retried_once_it_may_have_reached_the_server(exc):
    handler, calls = _counting([exc, httpx.Response(200, json={"modelQueryId": "j1"})])
    with pytest.raises(TransportError):
        _client(handler).submit(QUERY, "gem-1-bulk", lint=False)
    assert len(calls) == 1


def test_get_retried_on_read_errors():
    handler, calls = _counting(
        [httpx.ReadTimeout("slow"), httpx.ReadError("reset"), httpx.Response(200, json=[])]
    )
    assert _client(handler).list_models() == []
    assert len(calls) == 3


def test_get_timeouts_exhaust_into_request_timeout():
    handler, calls = _counting([httpx.ReadTimeout("slow")])
    client = _client(handler)
    with pytest.raises(RequestTimeout):
        client.list_models()
    assert len(calls) == 1 + FAST_RETRY.max_retries
    # exponential backoff with jitter: each delay within [d/2, d], d doubling to the cap
    for n, delay in enumerate(client.sleeps):
        ceiling = min(FAST_RETRY.backoff_max, FAST_RETRY.backoff_base * 2**n)
        assert ceiling / 2 <= delay <= ceiling


def test_retry_after_is_used_as_the_delay():
    handler, _ = _counting(
        [httpx.Response(503, headers={"Retry-After": "7"}), httpx.Response(200, json=[])]
    )
    client = _client(handler)
    client.list_models()
    assert client.sleeps == [7.0]


def test_zero_retries():
    handler, calls = _counting([httpx.Response(503)])
    client = Client(
        api_key=API_KEY,
        base_url="https://api.example.test",
        transport=httpx.MockTransport(handler),
        max_retries=0,
    )
    with pytest.raises(ServerError):
        client.list_models()
    assert len(calls) == 1


@given(st.integers(min_value=0, max_value=40))
def test_backoff_bounds(retry):
    policy = RetryPolicy(backoff_base=0.5, backoff_max=10)
    ceiling = min(10, 0.5 * 2**retry)
    assert ceiling / 2 <= policy.backoff(retry) <= ceiling


def test_retry_policy_rejects_negatives():
    with pytest.raises(ValueError):
        RetryPolicy(max_retries=-1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3.0),
        (" 0 ", 0.0),
        ("1.5", 1.5),
        ("-4", 0.0),
        ("soon", None),
        (None, None),
        ("nan", None),
    ],
)
def test_parse_retry_after_seconds(value, expected):
    assert parse_retry_after(value) == expected


def test_parse_retry_after_http_date():
    now = time.time()
    assert parse_retry_after(formatdate(now + 30, usegmt=True), now=now) == pytest.approx(30, abs=1)
    assert parse_retry_after(formatdate(now - 30, usegmt=True), now=now) == 0.0


# --- configuration ------------------------------------------------------------------------------


def test_per_model_env_var_names():
    assert per_model_env_var("gem-1-bulk") == "SYNTHESIZE_API_BASE_URL__GEM_1_BULK"
    assert per_model_env_var("gem-1-sc_predict-metadata") == "SYNTHESIZE_API_BASE_URL__GEM_1_SC"


def test_base_url_precedence(monkeypatch):
    monkeypatch.delenv("SYNTHESIZE_API_BASE_URL", raising=False)
    assert resolve_base_url() == "https://app.synthesize.bio"
    monkeypatch.setenv("SYNTHESIZE_API_BASE_URL", "https://global.test/")
    monkeypatch.setenv("SYNTHESIZE_API_BASE_URL__GEM_1_SC", "https://sc.test")
    assert resolve_base_url(model_id="gem-1-bulk") == "https://global.test"
    assert resolve_base_url(model_id="gem-1-sc") == "https://sc.test"
    assert resolve_base_url("https://explicit.test", "gem-1-sc") == "https://explicit.test"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("10.0.0.1", False),
        ("example.org", False),
        ("localhost.example.org", False),
    ],
)
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_strip_query():
    assert strip_query("https://s3.test/a/b?X-Signature=abc#frag") == "https://s3.test/a/b"


# --- security -----------------------------------------------------------------------------------


def test_key_refused_over_plain_http_to_a_remote_host():
    with pytest.raises(ConfigurationError, match="plain http"):
        Client(api_key=API_KEY, base_url="http://api.example.test")


def test_key_refused_over_plain_http_from_the_environment(monkeypatch):
    calls: list[httpx.Request] = []
    monkeypatch.setenv("SYNTHESIZE_API_BASE_URL", "http://api.example.test")
    client = Client(
        api_key=API_KEY,
        transport=httpx.MockTransport(lambda r: calls.append(r) or httpx.Response(200)),
    )
    with pytest.raises(ConfigurationError, match="https"):
        client.list_models()
    assert calls == []  # refused before anything went out
    assert API_KEY not in repr(client)


def test_plain_http_without_a_key_is_fine_for_self_hosted(monkeypatch):
    monkeypatch.delenv("SYNTHESIZE_API_KEY", raising=False)
    handler, calls = _counting([httpx.Response(200, json={"models": []})])
    client = Client(
        base_url="http://gpu-box.internal:8000",
        self_hosted=True,
        transport=httpx.MockTransport(handler),
    )
    assert client.list_models() == []
    assert "authorization" not in calls[0].headers


def test_key_never_in_repr_logs_or_errors(api, caplog):
    caplog.set_level(logging.DEBUG)
    api.inject("models", _echo_key_fault())
    with Client(api_key=API_KEY, base_url=api.url, max_retries=FAST_RETRY) as client:
        assert API_KEY not in repr(client) and "***" in repr(client)
        with pytest.raises(Exception) as info:
            client.list_models()  # the server echoes the key in a 401 body
        client.predict(QUERY, "gem-1-bulk", lint=False, **FAST)
    assert API_KEY not in str(info.value) and "[redacted]" in str(info.value)
    everything = "\n".join(r.getMessage() for r in caplog.records)  # httpx/httpcore too
    assert API_KEY not in everything
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name == "synthquery.client")
    assert "/download/" in ours and "X-Signature" not in ours  # logged without its signature


def _echo_key_fault():
    from synthesize_server import Fault

    return Fault(401, {"error": f"key {API_KEY} is revoked"})


def test_invalid_url_is_a_configuration_error():
    with pytest.raises(ConfigurationError):
        Client(api_key=API_KEY, base_url="ftp://files.example.test").list_models()


# --- progress display -----------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_rewrites_one_line_on_a_terminal():
    stream = _Terminal()
    report, close = make_progress(None, stream)  # auto: on, because this is a terminal
    report("j1", "queued", 0.4)
    report("j1", "running", 75.0)
    close()
    text = stream.getvalue()
    assert text.count("\r") == 2 and text.endswith("\n") and text.count("\n") == 1
    assert "job j1: running (1:15)" in text


def test_progress_auto_is_off_when_not_a_terminal():
    stream = io.StringIO()
    report, close = make_progress(None, stream)
    report("j1", "queued", 0.0)
    close()
    assert stream.getvalue() == ""


def test_progress_forced_on_prints_each_status_change_once():
    stream = io.StringIO()
    report, close = make_progress(True, stream)
    for status in ("queued", "queued", "running", "ready"):
        report("j1", status, 1.0)
    close()
    assert [line.split(": ")[-1] for line in stream.getvalue().splitlines()] == [
        "queued (0:01)",
        "running (0:01)",
        "ready (0:01)",
    ]
