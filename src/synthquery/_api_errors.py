"""Errors raised by the prediction client, and the mapping of HTTP answers onto them.

::

    SynthqueryError
    └── SynthesizeAPIError              anything the prediction API or its transport caused
        ├── AuthenticationError         401/403: bad key, or a key the server refused
        │   └── MissingAPIKeyError      no key configured (also a ``KeyError``, like pysynthbio)
        ├── NotFoundError               404: unknown model or job id
        ├── ValidationError             400/422: ``diagnostics`` from the server's ``errors``
        ├── RateLimitError              429 still after the retries (``retry_after`` seconds)
        ├── ServerError                 5xx still after the retries
        ├── TransportError              the server could not be reached or the exchange broke
        │   └── RequestTimeout          connect/read/write/pool timeout (also ``TimeoutError``)
        ├── ResponseError               a 2xx answer we cannot use: bad JSON, truncated result,
        │                               missing keys, failed download
        ├── ConfigurationError          unusable settings: key over plain http, bad URL,
        │                               missing pyarrow (also a ``UsageError``)
        ├── PredictionFailed            the job failed (``job_id``; server traceback stripped)
        └── PredictionTimeout           polling gave up; ``job_id`` to resume (a ``TimeoutError``)

Every class takes its context keyword-only (``status_code``, ``job_id``) so messages stay
free of secrets: the API key is never part of a message, and response bodies quoted in a
message are redacted with :func:`redact` before they get there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from synthquery._errors import SynthqueryError, UsageError

__all__ = [
    "AuthenticationError",
    "ConfigurationError",
    "MissingAPIKeyError",
    "NotFoundError",
    "PredictionFailed",
    "PredictionTimeout",
    "RateLimitError",
    "RequestTimeout",
    "ResponseError",
    "ServerError",
    "SynthesizeAPIError",
    "TransportError",
    "ValidationError",
]

_MAX_BODY = 500  # characters of a response body quoted in a message


class SynthesizeAPIError(SynthqueryError):
    """Base class of every prediction-API error. ``status_code`` is the HTTP status if any."""

    def __init__(
        self, message: str, *, status_code: int | None = None, job_id: str | None = None
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.job_id = job_id


class AuthenticationError(SynthesizeAPIError):
    """The server refused the API key (401/403), or none was configured."""


class MissingAPIKeyError(AuthenticationError, KeyError):
    """No API key: set ``SYNTHESIZE_API_KEY`` or pass ``api_key=``.

    Also a ``KeyError`` because pysynthbio raises ``KeyError`` here; code written for it keeps
    working.
    """

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class NotFoundError(SynthesizeAPIError):
    """Unknown model id or job id (404)."""


class ValidationError(SynthesizeAPIError):
    """The server rejected the request (400/422).

    ``diagnostics`` holds one :class:`~synthquery.lint.diagnostic.Diagnostic` (code ``"API"``)
    per structured server error; it is empty when the server answered in plain text, which is
    then in ``response_body``.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        diagnostics: Iterable[Any] = (),
        response_body: str | None = None,
        response_json: Any = None,
    ) -> None:
        super().__init__(message, status_code=status_code)
        self.diagnostics = list(diagnostics)
        self.response_body = response_body
        self.response_json = response_json


class RateLimitError(SynthesizeAPIError):
    """429 Too Many Requests that retrying did not cure. ``retry_after`` in seconds if sent."""

    def __init__(
        self, message: str, *, status_code: int | None = 429, retry_after: float | None = None
    ) -> None:
        super().__init__(message, status_code=status_code)
        self.retry_after = retry_after


class ServerError(SynthesizeAPIError):
    """A 5xx answer that retrying did not cure (or one that is never retried, like a POST)."""


class TransportError(SynthesizeAPIError):
    """The request could not be completed: connection refused, reset, protocol error."""


class RequestTimeout(TransportError, TimeoutError):
    """A single HTTP request timed out (connect, read, write or waiting for a connection)."""


class ResponseError(SynthesizeAPIError):
    """A successful HTTP answer whose content is unusable (malformed, truncated, incomplete)."""


class ConfigurationError(SynthesizeAPIError, UsageError):
    """Settings the client refuses to use: the API key over plain http, an invalid URL."""


class PredictionFailed(SynthesizeAPIError):
    """The job ended in failure. ``message`` is the server's reason without its traceback."""

    def __init__(
        self,
        message: str,
        *,
        job_id: str | None = None,
        reason: str | None = None,
        error_url: str | None = None,
    ) -> None:
        super().__init__(message, job_id=job_id)
        self.reason = reason
        self.error_url = error_url


class PredictionTimeout(SynthesizeAPIError, TimeoutError):
    """Polling gave up before the job finished. The job keeps running: resume with ``job_id``."""

    def __init__(
        self, message: str, *, job_id: str, last_status: str | None = None, elapsed: float = 0.0
    ) -> None:
        super().__init__(message, job_id=job_id)
        self.last_status = last_status
        self.elapsed = elapsed


# --- helpers shared by the client modules ----------------------------------------------------

_TRACEBACK = re.compile(r"\n?\s*Traceback \(most recent call last\):", re.MULTILINE)


# the line ending a traceback: the exception and its message ("ValueError: bad tissue")
_RAISED = re.compile(r"^(?:[A-Za-z_][\w.]*(?:Error|Exception|Warning)|[A-Za-z_][\w.]*): \S.*$")


def strip_traceback(message: str) -> str:
    """Drop a server-side Python traceback from ``message``, keeping its last line when that
    says what was raised (often the only reason a failed job gives)."""
    match = _TRACEBACK.search(message)
    if match is None:
        return message.strip()
    before = message[: match.start()].strip()
    lines = [line.strip() for line in message[match.end() :].splitlines() if line.strip()]
    raised = lines[-1] if lines and _RAISED.match(lines[-1]) else ""
    return "; ".join(part for part in (before, raised) if part)


def redact(text: str, secret: str | None) -> str:
    """``text`` with every occurrence of ``secret`` replaced, so a body echoing it is safe; also
    as JSON or Python would escape it inside a quoted string (a body echoing it as JSON)."""
    if secret and len(secret) >= 4:
        for form in {secret, json.dumps(secret)[1:-1], repr(secret)[1:-1]}:
            text = text.replace(form, "[redacted]")
    return text


# terminal control characters (ESC sequences, C1, bidi overrides) a server could slip into text
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters become ``?`` (newlines stay)."""
    return _CONTROL.sub("?", text)


def scrub(exc: BaseException, secret: str | None) -> None:
    """Redact ``secret`` from an exception's message and text attributes, in place, and make
    them printable.

    Server text reaches messages along many paths (failure reasons, odd status answers, result
    payloads); scrubbing once where the error leaves the client covers them all.
    """

    def clean(text: str) -> str:
        return printable(redact(text, secret))

    exc.args = tuple(clean(a) if isinstance(a, str) else a for a in exc.args)
    for name, value in list(vars(exc).items()):
        if isinstance(value, str):
            setattr(exc, name, clean(value))


def shorten(text: str, limit: int = _MAX_BODY) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + f"... ({len(text) - limit} more chars)"


def _path_from_loc(loc: Any) -> str:
    """FastAPI-style ``loc`` lists (``["body", "inputs", 1, "metadata"]``) -> a JSON path."""
    parts = [p for p in loc if p != "body"] if isinstance(loc, list) else [loc]
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _structured_errors(payload: Any) -> list[dict[str, str]] | None:
    """Server error items as ``{path, message, code}``; None when the body is not structured."""
    if not isinstance(payload, dict):
        return None
    items = payload.get("errors")
    if items is None and isinstance(payload.get("detail"), list):
        items = payload["detail"]  # FastAPI-style validation error
    if not isinstance(items, list) or not items:
        return None
    out = []
    for item in items:
        if not isinstance(item, dict):
            return None
        message = item.get("message", item.get("msg"))
        if not isinstance(message, str) or not message.strip():
            return None
        path = item.get("path")
        if not isinstance(path, str):
            path = _path_from_loc(item["loc"]) if "loc" in item else ""
        code = item.get("code", item.get("type", ""))
        out.append({"path": path, "message": message.strip(), "code": str(code or "")})
    return out


def validation_error(status: int, body: str, secret: str | None = None) -> ValidationError:
    """Build a :class:`ValidationError` from a 400/422 body, structured or plain text."""
    from synthquery.lint.diagnostic import Diagnostic, Severity

    body = redact(body, secret)
    try:
        payload: Any = json.loads(body)
    except ValueError:
        payload = None
    items = _structured_errors(payload)
    if items is None:
        detail = payload.get("error") if isinstance(payload, dict) else None
        text = detail if isinstance(detail, str) and detail.strip() else body
        return ValidationError(
            f"invalid request ({status}): {shorten(strip_traceback(text)) or '(empty body)'}",
            status_code=status,
            response_body=body,
            response_json=payload,
        )
    diagnostics = [
        Diagnostic(
            code="API",
            severity=Severity.ERROR,
            path=item["path"],
            message=item["message"],
            name="api",
            extra={"server_code": item["code"]} if item["code"] else {},
        )
        for item in items
    ]
    summary = payload.get("error") if isinstance(payload, dict) else None
    if not isinstance(summary, str) or not summary.strip():
        summary = "invalid request"
    lines = [f"{summary} ({status}):"]
    lines += [f"- {d.path or '(request)'}: {d.message}" for d in diagnostics]
    return ValidationError(
        "\n".join(lines),
        status_code=status,
        diagnostics=diagnostics,
        response_body=body,
        response_json=payload,
    )


def error_for_status(
    status: int,
    body: str,
    *,
    what: str,
    secret: str | None = None,
    retry_after: float | None = None,
) -> SynthesizeAPIError:
    """The exception for a non-2xx answer to ``what`` (e.g. ``"POST /api/models/x/predict"``)."""
    text = shorten(strip_traceback(redact(body, secret)))
    if status in (401, 403):
        return AuthenticationError(
            f"authentication failed ({status}) for {what}: {text or 'no detail'}; "
            "check SYNTHESIZE_API_KEY",
            status_code=status,
        )
    if status == 404:
        return NotFoundError(f"not found (404): {what}", status_code=status)
    if status in (400, 422):
        return validation_error(status, body, secret)
    if status == 429:
        hint = f" (server asks to retry after {retry_after:g} s)" if retry_after else ""
        return RateLimitError(f"rate limited (429) on {what}{hint}", retry_after=retry_after)
    if status >= 500:
        return ServerError(f"server error ({status}) on {what}: {text}", status_code=status)
    return SynthesizeAPIError(f"unexpected HTTP {status} on {what}: {text}", status_code=status)
