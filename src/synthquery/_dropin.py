"""pysynthbio-compatible functions: same names, arguments and return shapes."""

from __future__ import annotations

import json
from typing import Any

from synthquery._api_errors import ResponseError, SynthesizeAPIError
from synthquery._client import DEFAULT_POLL_INTERVAL, DEFAULT_POLL_TIMEOUT, Client
from synthquery._errors import UsageError
from synthquery.results import decode_json

__all__ = ["list_models", "predict_query"]


def list_models(api_base_url: str | None = None, self_hosted: bool | None = None) -> Any:
    """The server's answer to ``GET /api/models``, unchanged (as pysynthbio returns it)."""
    with Client(base_url=api_base_url, self_hosted=self_hosted) as client:
        try:
            response = client._http.request(
                "GET", client.base_url() + "/api/models", auth=client._auth
            )
            return client._json(response, "GET /api/models")
        except SynthesizeAPIError as exc:
            client._http.scrub(exc)
            raise


def predict_query(
    query: Any,
    model_id: str,
    api_base_url: str | None = None,
    poll_interval_seconds: float = DEFAULT_POLL_INTERVAL,
    poll_timeout_seconds: float = DEFAULT_POLL_TIMEOUT,
    return_download_url: bool = False,
    raw_response: bool = False,
    *,
    auto_authenticate: bool = False,
    self_hosted: bool | None = None,
    lint: bool = True,
    progress: Any = False,
    **kwargs: Any,
) -> Any:
    """Drop-in for ``pysynthbio.predict_query``.

    Returns ``{"metadata": df, "expression": df, "latents": df}``; with
    ``return_download_url=True`` ``{"download_url": url}``; with ``raw_response=True`` the
    result JSON as a dict (self-hosted: the Arrow stream bytes). Extra keyword arguments are
    added to the query, as pysynthbio does (but the caller's dict is not modified).
    Differences: the query is linted first (``lint=False`` to skip); ``auto_authenticate`` is
    accepted for compatibility but never prompts (a missing key raises
    :class:`MissingAPIKeyError`, a ``KeyError``); ``metadata`` starts with ``input_index`` and
    ``sample_index`` columns.
    """
    del auto_authenticate  # synthquery never prompts for secrets
    if hasattr(query, "to_dict"):
        query = query.to_dict()
    if not isinstance(query, dict):
        raise UsageError(f"query must be a dict or a synthquery.Query, not {type(query).__name__}")
    document = {**query, **kwargs}
    with Client(base_url=api_base_url, self_hosted=self_hosted) as client:
        try:
            return _predict(
                client,
                document,
                model_id,
                poll_interval_seconds=poll_interval_seconds,
                poll_timeout_seconds=poll_timeout_seconds,
                return_download_url=return_download_url,
                raw_response=raw_response,
                lint=lint,
                progress=progress,
            )
        except SynthesizeAPIError as exc:  # result payloads too: no key in any message
            client._http.scrub(exc)
            raise


def _predict(
    client: Client,
    document: dict[str, Any],
    model_id: str,
    *,
    poll_interval_seconds: float,
    poll_timeout_seconds: float,
    return_download_url: bool,
    raw_response: bool,
    lint: bool,
    progress: Any,
) -> Any:
    if client.self_hosted:
        if return_download_url:
            raise UsageError(
                "return_download_url is not supported in self-hosted mode: the container "
                "answers synchronously"
            )
        if raw_response:
            return client.predict_raw(document, model_id, lint=lint)
        return client.predict(document, model_id, lint=lint).to_dict()
    job_id = client.submit(document, model_id, lint=lint)
    state = client.wait(
        job_id,
        poll_interval_seconds=poll_interval_seconds,
        poll_timeout_seconds=poll_timeout_seconds,
        progress=progress,
    )
    if return_download_url:
        return {"download_url": state.download_url}
    body, _ = client.download(job_id, download_url=state.download_url)
    if raw_response:
        try:
            return json.loads(body)
        except ValueError as exc:
            raise ResponseError(f"result is not valid JSON: {exc}") from None
    return decode_json(body, query=document, model_id=model_id, job_id=job_id).to_dict()
