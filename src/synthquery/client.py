"""The prediction client: ``Client``, ``Result``, the API errors and pysynthbio drop-ins.

A thin public facade; the work is done in ``_client`` (job lifecycle), ``_http`` (retries,
security, httpx error mapping), ``_api_errors`` (exception tree) and ``results`` (decoding).
See :mod:`synthquery._api_errors` for the drawn exception tree.
"""

from __future__ import annotations

from synthquery._api_errors import (
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
from synthquery._client import Client, JobStatus
from synthquery._dropin import list_models, predict_query
from synthquery._http import RetryPolicy
from synthquery.results import Result

__all__ = [
    "AuthenticationError",
    "Client",
    "ConfigurationError",
    "JobStatus",
    "MissingAPIKeyError",
    "NotFoundError",
    "PredictionFailed",
    "PredictionTimeout",
    "RateLimitError",
    "RequestTimeout",
    "ResponseError",
    "Result",
    "RetryPolicy",
    "ServerError",
    "SynthesizeAPIError",
    "TransportError",
    "ValidationError",
    "list_models",
    "predict_query",
]

# reprs and tracebacks show the public home of each name, not the private module
for _name in __all__:
    _obj = globals()[_name]
    if getattr(_obj, "__module__", "").startswith("synthquery."):
        _obj.__module__ = __name__
del _name, _obj
