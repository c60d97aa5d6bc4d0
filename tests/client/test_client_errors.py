"""The exception tree, the httpx boundary, and parsing of server error bodies."""

from __future__ import annotations

import inspect
import json

import httpx
import pytest

import synthquery
from synthquery import _api_errors
from synthquery._errors import SynthqueryError, UsageError
from synthquery._http import map_httpx_errors, translate_httpx_error
from synthquery.client import (
    AuthenticationError,
    ConfigurationError,
    MissingAPIKeyError,
    NotFoundError,
    PredictionFailed,
    PredictionTimeout,
    RateLimitError,
    RequestTimeout,
    ResponseError,
    ServerError,
    SynthesizeAPIError,
    TransportError,
    ValidationError,
)
from synthquery.lint.diagnostic import Severity

ALL_ERRORS = [
    AuthenticationError,
    ConfigurationError,
    MissingAPIKeyError,
    NotFoundError,
    PredictionFailed,
    PredictionTimeout,
    RateLimitError,
    RequestTimeout,
    ResponseError,
    ServerError,
    TransportError,
    ValidationError,
]


def test_tree():
    assert issubclass(SynthesizeAPIError, SynthqueryError)
    for cls in ALL_ERRORS:
        assert issubclass(cls, SynthesizeAPIError), cls
    assert issubclass(MissingAPIKeyError, AuthenticationError)
    assert issubclass(MissingAPIKeyError, KeyError)
    assert issubclass(RequestTimeout, TransportError)
    assert issubclass(PredictionTimeout, TimeoutError)
    assert issubclass(ConfigurationError, UsageError)  # the CLI exits 2 for it


def test_docstring_draws_every_class():
    doc = inspect.getdoc(_api_errors) or ""
    for cls in [SynthesizeAPIError, *ALL_ERRORS]:
        assert f"── {cls.__name__}" in doc, cls.__name__


def test_public_names_resolve_from_the_package():
    for name in ("Client", "Result", "SynthesizeAPIError", "ValidationError", "predict_query"):
        assert getattr(synthquery, name).__module__ == "synthquery.client"


def test_missing_key_message_is_not_quoted_like_a_keyerror():
    assert str(MissingAPIKeyError("set X")) == "set X"


# --- the httpx boundary ----------------------------------------------------------------------


def _httpx_exception_classes() -> list[type[BaseException]]:
    return sorted(
        {
            obj
            for obj in vars(httpx).values()
            if inspect.isclass(obj)
            and issubclass(obj, Exception)
            and obj.__module__.startswith("httpx")
        },
        key=lambda c: c.__name__,
    )


def _instance(cls: type[BaseException]) -> BaseException:
    request = httpx.Request("GET", "https://api.invalid/x?sig=secret")
    if issubclass(cls, httpx.HTTPStatusError):
        return cls("boom", request=request, response=httpx.Response(500, request=request))
    for args, kwargs in (((("boom",), {"request": request})), (("boom",), {}), ((), {})):
        try:
            return cls(*args, **kwargs)
        except TypeError:
            continue
    raise AssertionError(f"cannot build {cls}")


@pytest.mark.parametrize("cls", _httpx_exception_classes(), ids=lambda c: c.__name__)
def test_every_httpx_exception_is_mapped(cls):
    original = _instance(cls)
    with pytest.raises(SynthesizeAPIError) as info:
        with map_httpx_errors():
            raise original
    assert info.value.__cause__ is original
    assert "sig=secret" not in str(info.value)  # signed query strings stay out of messages


def test_at_least_the_known_httpx_classes_are_enumerated():
    names = {c.__name__ for c in _httpx_exception_classes()}
    assert {"ConnectError", "ReadTimeout", "HTTPStatusError", "InvalidURL", "StreamClosed"} <= names


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (httpx.ConnectTimeout("t"), RequestTimeout),
        (httpx.ReadTimeout("t"), RequestTimeout),
        (httpx.PoolTimeout("t"), RequestTimeout),
        (httpx.ConnectError("refused"), TransportError),
        (httpx.RemoteProtocolError("eof"), TransportError),
        (httpx.UnsupportedProtocol("ftp"), ConfigurationError),
        (httpx.InvalidURL("bad"), ConfigurationError),
        (httpx.DecodingError("gzip"), ResponseError),
        (httpx.TooManyRedirects("loop"), ResponseError),
    ],
)
def test_specific_mappings(exc, expected):
    assert type(translate_httpx_error(exc)) is expected


def test_status_error_maps_by_status():
    request = httpx.Request("GET", "https://api.invalid/api/models")
    response = httpx.Response(404, request=request, text="nope")
    mapped = translate_httpx_error(httpx.HTTPStatusError("x", request=request, response=response))
    assert isinstance(mapped, NotFoundError) and mapped.status_code == 404


def test_keyboard_interrupt_is_not_swallowed():
    with pytest.raises(KeyboardInterrupt):
        with map_httpx_errors():
            raise KeyboardInterrupt


# --- error bodies -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (401, AuthenticationError),
        (403, AuthenticationError),
        (404, NotFoundError),
        (400, ValidationError),
        (422, ValidationError),
        (429, RateLimitError),
        (500, ServerError),
        (503, ServerError),
        (418, SynthesizeAPIError),
    ],
)
def test_error_for_status(status, cls):
    err = _api_errors.error_for_status(status, "body", what="GET /x")
    assert type(err) is cls and err.status_code == status


def test_structured_validation_error():
    body = json.dumps(
        {
            "error": "Invalid query",
            "errors": [{"path": "inputs[0].metadata.sex", "message": "bad sex", "code": "enum"}],
        }
    )
    err = _api_errors.validation_error(422, body)
    (diag,) = err.diagnostics
    assert (diag.code, diag.severity, diag.path, diag.message) == (
        "API",
        Severity.ERROR,
        "inputs[0].metadata.sex",
        "bad sex",
    )
    assert str(err).startswith("Invalid query (422):")
    assert err.response_json["error"] == "Invalid query"


def test_fastapi_style_validation_error():
    body = json.dumps(
        {
            "detail": [
                {"loc": ["body", "inputs", 1, "num_samples"], "msg": "must be > 0", "type": "gt"}
            ]
        }
    )
    (diag,) = _api_errors.validation_error(422, body).diagnostics
    assert diag.path == "inputs[1].num_samples" and diag.extra["server_code"] == "gt"


@pytest.mark.parametrize(
    "body",
    [
        "plain words",
        "",
        json.dumps({"error": "Bad things"}),
        json.dumps({"errors": ["just a string"]}),
        json.dumps({"errors": [{"path": "x", "message": ""}]}),
        json.dumps([1, 2]),
    ],
)
def test_unstructured_validation_bodies_have_no_diagnostics(body):
    err = _api_errors.validation_error(400, body)
    assert err.diagnostics == [] and err.response_body == body
    assert str(err).startswith("invalid request (400)")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # the exception the traceback ends in is kept: often the only reason given
        (
            "boom\nTraceback (most recent call last):\n  File x\nValueError: y",
            "boom; ValueError: y",
        ),
        (
            "Traceback (most recent call last):\n  File x\n    f()\nKeyError: 'tissue'",
            "KeyError: 'tissue'",
        ),
        ("no traceback here", "no traceback here"),
        ("Traceback (most recent call last):\n File", ""),
        ("a\n  Traceback (most recent call last):\nb", "a"),
    ],
)
def test_strip_traceback(message, expected):
    assert _api_errors.strip_traceback(message) == expected


def test_redact():
    assert _api_errors.redact("key sk-abcdef echoed", "sk-abcdef") == "key [redacted] echoed"
    assert _api_errors.redact("abc", None) == "abc"


def test_long_bodies_are_shortened():
    err = _api_errors.error_for_status(500, "x" * 5000, what="GET /x")
    assert len(str(err)) < 700
