"""``Client``: lint a query, submit it, poll the job, download and decode the result."""

from __future__ import annotations

import functools
import io
import json
import os
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote

import httpx

from synthquery._api_errors import (
    ConfigurationError,
    PredictionFailed,
    PredictionTimeout,
    ResponseError,
    SynthesizeAPIError,
    printable,
    shorten,
    strip_traceback,
)
from synthquery._errors import QueryError, QueryLintError, UsageError
from synthquery._http import (
    API_KEY_ENV,
    DEFAULT_TIMEOUT,
    HTTPSession,
    RetryPolicy,
    is_loopback,
    map_httpx_errors,
    resolve_base_url,
    strip_query,
)
from synthquery._progress import make_progress
from synthquery.results import ARROW_STREAM_TYPE, Result, decode_arrow, decode_json

__all__ = ["Client", "JobStatus"]

SELF_HOSTED_ENV = "SYNTHESIZE_SELF_HOSTED"
SELF_HOSTED_TIMEOUT = httpx.Timeout(600.0, connect=10.0)  # synchronous GPU inference
DEFAULT_POLL_INTERVAL = 2.0
DEFAULT_POLL_TIMEOUT = 900.0
_READY = "ready"
_FAILED = frozenset({"failed", "error", "cancelled", "canceled"})
_EXPIRED = frozenset({403, 404, 410})  # what object stores answer for an expired signed URL
_DOWNLOAD_ATTEMPTS = 3
_VERSION = "0.1.0"


@dataclass(frozen=True)
class JobStatus:
    """One answer of the status endpoint. Unknown in-progress states are kept verbatim."""

    job_id: str
    status: str
    download_url: str | None = field(default=None, repr=False)
    message: str | None = None
    error_url: str | None = field(default=None, repr=False)
    payload: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ready(self) -> bool:
        return self.status == _READY

    @property
    def failed(self) -> bool:
        return self.status in _FAILED

    @property
    def done(self) -> bool:
        return self.ready or self.failed


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _query_document(query: Any, model_id: str | None) -> tuple[dict[str, Any], str]:
    """A plain dict for the wire and the model id (taken from a ``Query`` when not given)."""
    if hasattr(query, "to_dict"):  # synthquery.Query, duck-typed to keep the import light
        built_for = getattr(query, "model", None)
        if model_id and isinstance(built_for, str) and built_for != model_id:
            # linting and sending for another model than the query's would defeat the builder
            raise UsageError(
                f"the query was built for {built_for} but model_id is {model_id!r}; "
                f"rebuild it with Query({model_id!r}) or omit model_id"
            )
        model_id = model_id or built_for
        document = query.to_dict()
    elif isinstance(query, Mapping):
        document = dict(query)
    elif isinstance(query, (str, bytes)):
        try:
            document = json.loads(query)
        except json.JSONDecodeError as exc:
            raise QueryError(f"query is not valid JSON: {exc}") from None
    else:
        raise UsageError(f"query must be a dict or a synthquery.Query, not {type(query).__name__}")
    if not isinstance(document, dict):
        raise QueryError(f"query must be a JSON object, not {type(document).__name__}")
    if not model_id or not isinstance(model_id, str):
        raise UsageError("model_id is required (e.g. model_id='gem-1-bulk')")
    return document, model_id


def _lint_or_refuse(document: dict[str, Any], model_id: str) -> None:
    from synthquery._errors import UnknownModelError
    from synthquery.lint import lint  # lazily: the linter loads the ontology index

    try:
        report = lint(document, model=model_id)
    except UnknownModelError as exc:
        raise UsageError(
            f"{exc}; synthquery has no lint profile for it: pass lint=False "
            "(CLI: --no-lint) to send the query unchecked"
        ) from None
    if report.has_errors:
        raise QueryLintError(report)


_F = TypeVar("_F", bound=Callable[..., Any])


def _scrubbed(method: _F) -> _F:
    """Errors leaving a public method carry no API key, whatever text the server echoed."""

    @functools.wraps(method)
    def wrapper(self: Client, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except SynthesizeAPIError as exc:
            self._http.scrub(exc)
            raise

    return wrapper  # type: ignore[return-value]


class _StreamReader(io.RawIOBase):
    """A read-only file over an httpx byte iterator, so pyarrow can parse while downloading."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            try:
                with map_httpx_errors():
                    self._pending = next(self._chunks)
            except StopIteration:
                return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def _check_settings(api_key: Any, base_url: Any, timeout: Any, max_retries: Any) -> None:
    """Wrong argument types fail here, with a UsageError, not deep inside httpx later."""
    for name, value in (("api_key", api_key), ("base_url", base_url)):
        if value is not None and not isinstance(value, str):
            raise UsageError(f"{name} must be a string, not {type(value).__name__}")
    if timeout is not None and not isinstance(timeout, httpx.Timeout):
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise UsageError(f"timeout must be seconds > 0, an httpx.Timeout or None: {timeout!r}")
    if not isinstance(max_retries, RetryPolicy) and (
        isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0
    ):
        raise UsageError(f"max_retries must be an int >= 0 or a RetryPolicy: {max_retries!r}")


def _job(job_id: Any) -> str:
    if not isinstance(job_id, (str, int)) or isinstance(job_id, bool) or not str(job_id).strip():
        raise UsageError(f"job_id must be the id `submit` returned, not {job_id!r}")
    return str(job_id).strip()


class Client:
    """A client for the Synthesize Bio prediction API.

    **Parameters:**

    * **api_key** - defaults to ``$SYNTHESIZE_API_KEY``. Sent only to API endpoints, only over
      https (plain http only to a loopback host), never to download URLs, never shown.
    * **base_url** - fixes the server for every model; otherwise per call
      ``$SYNTHESIZE_API_BASE_URL__<MODEL>`` > ``$SYNTHESIZE_API_BASE_URL`` > the hosted service.
    * **timeout** - per HTTP request (an ``httpx.Timeout`` or seconds).
    * **max_retries** - retries of transient failures (an int or a ``RetryPolicy``).
    * **self_hosted** - talk to a self-hosted container: the key becomes optional and
      predictions come back synchronously (Arrow). Defaults to ``$SYNTHESIZE_SELF_HOSTED``.
    * **transport** - an ``httpx`` transport (tests use ``httpx.MockTransport``).
    * **sleep** - how to wait between polls and retries (default ``time.sleep``).

    Usage::

        with synthquery.Client() as client:
            result = client.predict(query, "gem-1-bulk", progress=True)
        result.expression  # samples x genes, int64
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        *,
        timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
        max_retries: int | RetryPolicy = 3,
        self_hosted: bool | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        _check_settings(api_key, base_url, timeout, max_retries)
        key: str | None  # None when no key is set
        key = api_key if api_key is not None else os.environ.get(API_KEY_ENV, "")
        key = key.strip() or None
        self._base_url = base_url.rstrip("/") if base_url else None
        self.self_hosted = _env_flag(SELF_HOSTED_ENV) if self_hosted is None else self_hosted
        retry = max_retries if isinstance(max_retries, RetryPolicy) else RetryPolicy(max_retries)
        self._sleep = sleep
        if key and self._base_url:  # fail at construction, before any query is built
            url = httpx.URL(self._base_url)
            if url.scheme == "http" and not is_loopback(url.host):
                raise ConfigurationError(
                    f"refusing to send the API key over plain http to {url.host!r}; use https "
                    "(plain http is allowed only for a loopback host)"
                )
        self._http = HTTPSession(
            api_key=key,
            timeout=timeout,
            retry=retry,
            transport=transport,
            user_agent=f"synthquery/{_VERSION}",
            sleep=sleep,
        )
        self._job_hosts: dict[str, str] = {}  # status must go to the host that took the job
        self.last_job_id: str | None = None

    # --- housekeeping --------------------------------------------------------------------------

    def __repr__(self) -> str:
        key = "'***'" if self._http.has_key else "None"
        return (
            f"Client(base_url={self.base_url()!r}, api_key={key}, self_hosted={self.self_hosted})"
        )

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def base_url(self, model_id: str | None = None) -> str:
        """The server a call about ``model_id`` goes to."""
        return resolve_base_url(self._base_url, model_id)

    @property
    def _auth(self) -> bool | None:
        return None if self.self_hosted else True  # None: send the key only if configured

    def _json(self, response: httpx.Response, what: str) -> Any:
        with map_httpx_errors():
            body = response.read()
        try:
            return json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            text = shorten(self._http.redact(body.decode("utf-8", "replace"))) or "(empty)"
            raise ResponseError(f"{what}: expected JSON, got: {text}") from None

    def _get(self, url: str, what: str) -> Any:
        return self._json(self._http.request("GET", url, auth=self._auth), what)

    # --- catalogue -------------------------------------------------------------------------------

    @_scrubbed
    def list_models(self) -> list[dict[str, Any]]:
        """The models the server offers, e.g. ``[{"model_id": "gem-1-bulk"}, ...]``."""
        payload = self._get(self.base_url() + "/api/models", "GET /api/models")
        models = payload.get("models") if isinstance(payload, dict) else payload
        if not isinstance(models, list):
            raise ResponseError(f"GET /api/models: unexpected answer {shorten(str(payload))}")
        return [m if isinstance(m, dict) else {"model_id": str(m)} for m in models]

    @_scrubbed
    def example_query(self, model_id: str) -> dict[str, Any]:
        """The server's example query, wrapped as it sends it: ``{"example_query": {...}}``."""
        path = f"/api/models/{quote(model_id, safe='')}/example-query"
        payload = self._get(self.base_url(model_id) + path, f"GET {path}")
        if not isinstance(payload, dict):
            raise ResponseError(f"GET {path}: expected a JSON object")
        return payload

    # --- the job lifecycle ------------------------------------------------------------------------

    def _prepare(self, query: Any, model_id: str | None, lint: bool) -> tuple[dict, str]:
        document, model_id = _query_document(query, model_id)
        if lint:
            _lint_or_refuse(document, model_id)
        return document, model_id

    def _post_predict(self, document: dict, model_id: str, *, stream: bool) -> httpx.Response:
        path = f"/api/models/{quote(model_id, safe='')}/predict"
        accept = f"{ARROW_STREAM_TYPE}, application/json" if self.self_hosted else None
        return self._http.request(
            "POST",
            self.base_url(model_id) + path,
            json=document,
            auth=self._auth,
            accept=accept or "application/json",
            stream=stream,
            timeout=SELF_HOSTED_TIMEOUT if self.self_hosted else None,
        )

    def _job_id_from(self, payload: Any, model_id: str) -> str:
        job_id = payload.get("modelQueryId") if isinstance(payload, dict) else None
        if not isinstance(job_id, (str, int)) or not str(job_id).strip():
            raise ResponseError(
                f"POST predict for {model_id}: no modelQueryId in the answer "
                f"({shorten(self._http.redact(json.dumps(payload)), 200)})"
            )
        job_id = str(job_id).strip()
        self._job_hosts[job_id] = self.base_url(model_id)
        self.last_job_id = job_id
        return job_id

    @_scrubbed
    def submit(self, query: Any, model_id: str | None = None, *, lint: bool = True) -> str:
        """Lint (unless ``lint=False``) and start a prediction; returns the job id."""
        if self.self_hosted:
            raise UsageError("self-hosted containers answer synchronously: use predict()")
        document, model_id = self._prepare(query, model_id, lint)
        response = self._post_predict(document, model_id, stream=False)
        return self._job_id_from(self._json(response, "POST predict"), model_id)

    def _status_url(self, job_id: str) -> str:
        job_id = _job(job_id)
        host = self._job_hosts.get(job_id) or self.base_url()
        return f"{host}/api/model-queries/{quote(job_id, safe='')}/status"

    @_scrubbed
    def status(self, job_id: str) -> JobStatus:
        """Ask once how the job is doing."""
        payload = self._get(self._status_url(job_id), f"GET status of {job_id}")
        if not isinstance(payload, dict) or not isinstance(payload.get("status"), str):
            raise ResponseError(
                f"status of job {job_id}: unexpected answer {shorten(json.dumps(payload), 200)}"
            )
        message = payload.get("message")
        return JobStatus(
            job_id=job_id,
            status=printable(self._http.redact(payload["status"].strip().lower())),
            download_url=payload.get("downloadUrl") or None,
            message=message if isinstance(message, str) else None,
            error_url=payload.get("errorUrl") or None,
            payload=payload,
        )

    @_scrubbed
    def wait(
        self,
        job_id: str,
        *,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL,
        poll_timeout_seconds: float = DEFAULT_POLL_TIMEOUT,
        progress: Any = None,
    ) -> JobStatus:
        """Poll until the job is ready (returned), failed (:class:`PredictionFailed`) or the
        timeout passes (:class:`PredictionTimeout`; the job keeps running, resume by id)."""
        report, close = make_progress(progress)
        start = time.monotonic()
        try:
            while True:
                state = self.status(job_id)
                elapsed = time.monotonic() - start
                report(job_id, state.status, elapsed)
                if state.ready:
                    if not state.download_url:
                        raise ResponseError(f"job {job_id} is ready but has no downloadUrl")
                    return state
                if state.failed:
                    raise self._failure(state)
                if elapsed >= poll_timeout_seconds:
                    raise PredictionTimeout(
                        f"job {job_id} still {state.status!r} after {elapsed:.0f} s "
                        f"(poll_timeout_seconds={poll_timeout_seconds:g}); it keeps running: "
                        f"resume with Client().result({job_id!r}) or "
                        f"`synthquery result {job_id} --out DIR`",
                        job_id=job_id,
                        last_status=state.status,
                        elapsed=elapsed,
                    )
                self._sleep(max(0.0, min(poll_interval_seconds, poll_timeout_seconds - elapsed)))
        finally:
            close()

    def _failure(self, state: JobStatus) -> PredictionFailed:
        reason = strip_traceback(state.message) if state.message else ""
        if not reason and state.error_url:
            reason = self._fetch_error_text(state.error_url)
        reason = reason or "no reason given by the server"
        return PredictionFailed(
            f"prediction {state.job_id} failed: {reason}",
            job_id=state.job_id,
            reason=reason,
            error_url=state.error_url,
        )

    def _fetch_error_text(self, error_url: str) -> str:
        """Older servers point at the failure details instead of inlining them."""
        try:
            response = self._http.request("GET", error_url, auth=False, follow_redirects=True)
            with map_httpx_errors():
                text = response.read().decode("utf-8", "replace")
        except SynthesizeAPIError as exc:
            return f"(details at errorUrl {strip_query(error_url)} unavailable: {exc})"
        try:
            payload = json.loads(text)
        except json.JSONDecodeError:
            payload = text
        if isinstance(payload, dict):
            for key in ("message", "error", "detail"):
                if isinstance(payload.get(key), str):
                    payload = payload[key]
                    break
        return shorten(
            strip_traceback(payload if isinstance(payload, str) else json.dumps(payload))
        )

    @_scrubbed
    def download(
        self,
        job_id: str,
        *,
        download_url: str | None = None,
        wait: bool = True,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL,
        poll_timeout_seconds: float = DEFAULT_POLL_TIMEOUT,
        progress: Any = None,
    ) -> tuple[bytes, str]:
        """The raw result ``(body, content type)``. An expired download URL (403/404/410) is
        replaced by a fresh one from the status endpoint."""

        def fresh_url() -> str:
            if wait:
                state = self.wait(
                    job_id,
                    poll_interval_seconds=poll_interval_seconds,
                    poll_timeout_seconds=poll_timeout_seconds,
                    progress=progress,
                )
            else:
                state = self.status(job_id)
                if state.failed:
                    raise self._failure(state)
                if not state.ready or not state.download_url:
                    raise ResponseError(f"job {job_id} is not ready yet (status {state.status})")
            return state.download_url or ""

        url = download_url or fresh_url()
        for attempt in range(_DOWNLOAD_ATTEMPTS):
            response = self._http.request(
                "GET", url, auth=False, passthrough=_EXPIRED, follow_redirects=True
            )
            if response.status_code not in _EXPIRED:
                with map_httpx_errors():
                    body = response.read()
                return body, response.headers.get("content-type", "")
            response.close()
            if attempt + 1 < _DOWNLOAD_ATTEMPTS:
                url = fresh_url()
        raise ResponseError(
            f"download of job {job_id} refused ({response.status_code}) "
            f"{_DOWNLOAD_ATTEMPTS} times, even with a fresh URL"
        )

    @_scrubbed
    def result(
        self,
        job_id: str,
        *,
        query: Any = None,
        model_id: str | None = None,
        download_url: str | None = None,
        wait: bool = True,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL,
        poll_timeout_seconds: float = DEFAULT_POLL_TIMEOUT,
        progress: Any = None,
    ) -> Result:
        """Fetch and decode a job's result (waiting for it unless ``wait=False``).

        Pass the ``query`` to get ``input_index``/``sample_index`` and the row-count check,
        and ``model_id`` when resuming a job from another process (it picks the server).
        """
        if model_id:
            self._job_hosts.setdefault(job_id, self.base_url(model_id))
        body, content_type = self.download(
            job_id,
            download_url=download_url,
            wait=wait,
            poll_interval_seconds=poll_interval_seconds,
            poll_timeout_seconds=poll_timeout_seconds,
            progress=progress,
        )
        try:
            if content_type.split(";")[0].strip() == ARROW_STREAM_TYPE:
                return decode_arrow(body, query=query, model_id=model_id, job_id=job_id)
            return decode_json(body, query=query, model_id=model_id, job_id=job_id)
        except ResponseError as exc:  # e.g. a cut-short download: the id lets the caller retry
            if exc.job_id is None:
                exc.job_id = job_id
            raise

    @_scrubbed
    def predict(
        self,
        query: Any,
        model_id: str | None = None,
        *,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL,
        poll_timeout_seconds: float = DEFAULT_POLL_TIMEOUT,
        progress: Any = None,
        lint: bool = True,
    ) -> Result:
        """Lint, submit, wait and decode. ``query`` is a dict or a ``synthquery.Query`` (whose
        ``model`` is used when ``model_id`` is omitted). ``progress=True`` shows the job on
        stderr. Raises :class:`~synthquery.QueryLintError` before sending a query with errors.
        """
        document, model_id = self._prepare(query, model_id, lint)
        if self.self_hosted:
            return self._predict_sync(document, model_id)
        response = self._post_predict(document, model_id, stream=False)
        job_id = self._job_id_from(self._json(response, "POST predict"), model_id)
        return self.result(
            job_id,
            query=document,
            model_id=model_id,
            poll_interval_seconds=poll_interval_seconds,
            poll_timeout_seconds=poll_timeout_seconds,
            progress=progress,
        )

    def _predict_sync(self, document: dict, model_id: str) -> Result:
        """Self-hosted: the POST answers with the result itself (Arrow stream, or JSON)."""
        response = self._post_predict(document, model_id, stream=True)
        try:
            content_type = response.headers.get("content-type", "").split(";")[0].strip()
            if content_type == ARROW_STREAM_TYPE:
                reader = _StreamReader(response.iter_bytes())
                return decode_arrow(reader, query=document, model_id=model_id)
            payload = self._json(response, "POST predict")
        finally:
            response.close()
        if isinstance(payload, dict) and "modelQueryId" in payload:  # an async server after all
            job_id = self._job_id_from(payload, model_id)
            return self.result(job_id, query=document, model_id=model_id)
        return decode_json(payload, query=document, model_id=model_id)

    @_scrubbed
    def predict_raw(self, query: Any, model_id: str | None = None, *, lint: bool = True) -> bytes:
        """Self-hosted only: the raw Arrow stream bytes of a synchronous prediction."""
        document, model_id = self._prepare(query, model_id, lint)
        response = self._post_predict(document, model_id, stream=True)
        try:
            with map_httpx_errors():
                return response.read()
        finally:
            response.close()
