"""HTTP plumbing for the prediction client: base URLs, retries, and httpx error mapping.

Everything that touches httpx lives here, so the rest of the client deals only in our own
exceptions (see :mod:`synthquery._api_errors`). Two rules shape the retry logic:

- a GET is idempotent, so connect errors, broken reads, 429 and 502/503/504 are retried with
  exponential backoff and jitter (``Retry-After`` wins when the server sends it);
- a POST starts a paid job, so it is retried only when it certainly never reached the server
  (connection refused / connect timeout / no free connection).
"""

from __future__ import annotations

import contextlib
import email.utils
import ipaddress
import logging
import os
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from synthquery._api_errors import (
    ConfigurationError,
    MissingAPIKeyError,
    RateLimitError,
    RequestTimeout,
    ResponseError,
    SynthesizeAPIError,
    TransportError,
    error_for_status,
)
from synthquery._offline import OFFLINE_ENV, offline_mode

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_TIMEOUT",
    "HTTPSession",
    "RetryPolicy",
    "is_loopback",
    "map_httpx_errors",
    "parse_retry_after",
    "per_model_env_var",
    "resolve_base_url",
    "strip_query",
]

logger = logging.getLogger("synthquery.client")

DEFAULT_BASE_URL = "https://app.synthesize.bio"
BASE_URL_ENV = "SYNTHESIZE_API_BASE_URL"
API_KEY_ENV = "SYNTHESIZE_API_KEY"
# control-plane calls are quick; the read timeout also bounds each chunk of a download
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)

# model variants are served by their base model's host (same rule as pysynthbio)
_MODEL_SUFFIXES = ("_reference-conditioning", "_predict-metadata", "_condition-on-sample-ids")
_RETRY_GET_STATUSES = frozenset({429, 502, 503, 504})


def per_model_env_var(model_id: str) -> str:
    """``gem-1-bulk`` (and its variants) -> ``SYNTHESIZE_API_BASE_URL__GEM_1_BULK``."""
    for suffix in _MODEL_SUFFIXES:
        if model_id.endswith(suffix):
            model_id = model_id[: -len(suffix)]
            break
    return f"{BASE_URL_ENV}__{re.sub(r'[^A-Z0-9]+', '_', model_id.upper())}"


def resolve_base_url(explicit: str | None = None, model_id: str | None = None) -> str:
    """Explicit argument > ``SYNTHESIZE_API_BASE_URL__<MODEL>`` > ``SYNTHESIZE_API_BASE_URL``
    > the hosted service."""
    if explicit:
        return explicit.rstrip("/")
    if model_id:
        per_model = os.environ.get(per_model_env_var(model_id), "").strip()
        if per_model:
            return per_model.rstrip("/")
    return (os.environ.get(BASE_URL_ENV, "").strip() or DEFAULT_BASE_URL).rstrip("/")


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def strip_query(url: str | httpx.URL) -> str:
    """A URL fit for logs and messages: pre-signed query strings are credentials too."""
    parsed = httpx.URL(str(url))
    return str(parsed.copy_with(query=None, fragment=None))


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP-date)."""
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try. ``max_retries`` counts retries, not attempts.

    Backoff for retry *n* (0-based) is a random delay in ``[d/2, d]`` with
    ``d = min(backoff_max, backoff_base * 2**n)``; a ``Retry-After`` above
    ``max_retry_after`` seconds is not waited for (the error is raised instead).
    """

    max_retries: int = 3
    backoff_base: float = 0.5
    backoff_max: float = 10.0
    max_retry_after: float = 120.0

    def __post_init__(self) -> None:
        from synthquery._errors import UsageError  # a ValueError too

        if self.max_retries < 0 or self.backoff_base < 0 or self.backoff_max < 0:
            raise UsageError("RetryPolicy values must be >= 0")

    def backoff(self, retry: int) -> float:
        ceiling = min(self.backoff_max, self.backoff_base * (2**retry))
        return random.uniform(ceiling / 2, ceiling)


# httpx exception -> our class. Order matters: first isinstance match wins, most specific first.
_HTTPX_MAP: tuple[tuple[type[BaseException], type[SynthesizeAPIError], str], ...] = (
    (httpx.TimeoutException, RequestTimeout, "request timed out"),
    (httpx.UnsupportedProtocol, ConfigurationError, "unsupported URL"),
    (httpx.ProxyError, TransportError, "proxy error"),
    (httpx.NetworkError, TransportError, "network error"),
    (httpx.ProtocolError, TransportError, "HTTP protocol error"),
    (httpx.DecodingError, ResponseError, "could not decode the response body"),
    (httpx.TooManyRedirects, ResponseError, "too many redirects"),
    (httpx.TransportError, TransportError, "transport error"),
    (httpx.HTTPStatusError, SynthesizeAPIError, "HTTP error status"),
    (httpx.RequestError, TransportError, "request error"),
    (httpx.HTTPError, SynthesizeAPIError, "HTTP error"),
    (httpx.InvalidURL, ConfigurationError, "invalid URL"),
    (httpx.CookieConflict, SynthesizeAPIError, "cookie conflict"),
    (httpx.StreamError, SynthesizeAPIError, "HTTP stream misuse (a synthquery bug)"),
)


def translate_httpx_error(exc: Exception) -> SynthesizeAPIError:
    """Our exception for an httpx one (the caller raises it ``from exc``)."""
    if isinstance(exc, httpx.HTTPStatusError):
        response = exc.response
        return error_for_status(
            response.status_code, _safe_text(response), what=_describe(response.request)
        )
    for httpx_cls, ours, label in _HTTPX_MAP:
        if isinstance(exc, httpx_cls):
            where = ""
            request = getattr(exc, "_request", None)  # .request raises when unset
            if request is not None:
                where = f" ({_describe(request)})"
            detail = str(exc) or type(exc).__name__
            return ours(f"{label}{where}: {detail}")
    return SynthesizeAPIError(f"unexpected HTTP client error: {type(exc).__name__}: {exc}")


@contextlib.contextmanager
def map_httpx_errors() -> Iterator[None]:
    """Re-raise any httpx exception as the matching :class:`SynthesizeAPIError` subclass."""
    try:
        yield
    except (httpx.HTTPError, httpx.InvalidURL, httpx.CookieConflict, httpx.StreamError) as exc:
        raise translate_httpx_error(exc) from exc


def _describe(request: httpx.Request) -> str:
    return f"{request.method} {strip_query(request.url)}"


def _safe_text(response: httpx.Response) -> str:
    try:
        return response.text
    except (httpx.ResponseNotRead, httpx.DecodingError, UnicodeDecodeError):
        return ""


def _never_reached_server(exc: Exception) -> bool:
    # connection refused / DNS failure / connect timeout / no pooled connection: nothing was sent
    return isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))


def _checked_key(api_key: str | None) -> str | None:
    """The key without surrounding whitespace (a newline from ``$(cat keyfile)``), or an error
    that does not show it: a key is printable ASCII without spaces, and anything else would
    end up in an HTTP header as is (or crash the encoder)."""
    key = (api_key or "").strip()
    if not key:
        return None
    if not (key.isascii() and key.isprintable()) or any(c.isspace() for c in key):
        raise ConfigurationError(
            f"the API key ({len(key)} characters) contains whitespace, control or non-ASCII "
            f"characters, which no API key has; check {API_KEY_ENV} for a stray quote or line"
        )
    return key


class HTTPSession:
    """An ``httpx.Client`` plus the API key, the retry policy and the security rules.

    The key is attached per request (never as a client default), only to API requests, and
    only over https or to a loopback host; download URLs never see it.
    """

    def __init__(
        self,
        *,
        api_key: str | None,
        timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        user_agent: str = "synthquery",
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._api_key = _checked_key(api_key)
        # a transport passed in (tests, a mock) is the caller's; the default one is the network
        self._networked = transport is None
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._client = httpx.Client(
            timeout=timeout,
            transport=transport,
            headers={"User-Agent": user_agent},
            follow_redirects=False,
            trust_env=True,
        )

    @property
    def has_key(self) -> bool:
        return self._api_key is not None

    def close(self) -> None:
        self._client.close()

    def redact(self, text: str) -> str:
        from synthquery._api_errors import redact

        return redact(text, self._api_key)

    def scrub(self, exc: BaseException) -> None:
        """Redact the key from an exception about to leave the client (see ``scrub``)."""
        from synthquery._api_errors import scrub

        scrub(exc, self._api_key)

    def _headers(self, url: httpx.URL, *, auth: bool | None, accept: str) -> dict[str, str]:
        headers = {"Accept": accept}
        if auth is False:
            return headers
        if self._api_key is None:
            if auth:
                raise MissingAPIKeyError(
                    f"no API key: set {API_KEY_ENV} or pass api_key= to synthquery.Client"
                )
            return headers  # auth optional (self-hosted containers) and none configured
        if url.scheme != "https" and not is_loopback(url.host):
            raise ConfigurationError(
                f"refusing to send the API key over plain {url.scheme} to {url.host!r}; "
                "use an https:// base URL (plain http is allowed only for a loopback host)"
            )
        headers["Authorization"] = f"Bearer {self._api_key}"
        return headers

    def request(
        self,
        method: str,
        url: str,
        *,
        json: Any = None,
        auth: bool | None = True,
        accept: str = "application/json",
        passthrough: frozenset[int] = frozenset(),
        follow_redirects: bool = False,
        stream: bool = False,
        timeout: httpx.Timeout | float | None = None,
    ) -> httpx.Response:
        """Send with retries; return a 2xx response (or one whose status is in ``passthrough``).

        ``auth``: True = key required, None = send it if configured, False = never send it.
        Any other status raises the matching :class:`SynthesizeAPIError`. With ``stream=True``
        the caller must close the response.
        """
        with map_httpx_errors():
            parsed = httpx.URL(url)
        if parsed.scheme not in ("http", "https"):
            raise ConfigurationError(f"not an http(s) URL: {strip_query(url)!r}")
        headers = self._headers(parsed, auth=auth, accept=accept)
        if offline_mode() and self._networked and not is_loopback(parsed.host):
            raise ConfigurationError(
                f"offline ({OFFLINE_ENV} is set): not contacting {parsed.host!r}; unset it to "
                "reach the API"
            )
        idempotent = method.upper() in ("GET", "HEAD")
        retry = 0
        while True:
            started = time.monotonic()
            with map_httpx_errors():
                request = self._client.build_request(
                    method,
                    parsed,
                    json=json,
                    headers=headers,
                    timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
                )
            try:
                response = self._client.send(
                    request, stream=stream, follow_redirects=follow_redirects
                )
            except httpx.HTTPError as exc:
                retryable = _never_reached_server(exc) or (
                    idempotent and isinstance(exc, httpx.TransportError)
                )
                if retryable and retry < self.retry.max_retries:
                    delay = self.retry.backoff(retry)
                    logger.info(
                        "%s failed (%s); retry %d in %.2f s",
                        _describe(request),
                        type(exc).__name__,
                        retry + 1,
                        delay,
                    )
                    self._sleep(delay)
                    retry += 1
                    continue
                raise translate_httpx_error(exc) from exc
            status = response.status_code
            logger.debug(
                "%s -> %d (%.3f s)", _describe(request), status, time.monotonic() - started
            )
            if 200 <= status < 300 or status in passthrough:
                return response
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            if idempotent and status in _RETRY_GET_STATUSES and retry < self.retry.max_retries:
                if retry_after is not None and retry_after > self.retry.max_retry_after:
                    response.close()
                    raise RateLimitError(
                        f"{_describe(request)}: server asks to wait {retry_after:g} s "
                        f"(> max_retry_after={self.retry.max_retry_after:g} s)",
                        status_code=status,
                        retry_after=retry_after,
                    )
                delay = retry_after if retry_after is not None else self.retry.backoff(retry)
                logger.info(
                    "%s -> %d; retry %d in %.2f s", _describe(request), status, retry + 1, delay
                )
                response.close()
                self._sleep(delay)
                retry += 1
                continue
            with map_httpx_errors():
                body = response.read().decode("utf-8", "replace")
            response.close()
            raise error_for_status(
                status,
                body,
                what=_describe(request),
                secret=self._api_key,
                retry_after=retry_after,
            )
