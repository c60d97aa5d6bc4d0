"""EBI OLS4 online fallback: label search and term lookup with a persistent, offline-safe cache.

::

    from synthquery.ols import default_client
    result = default_client().search_exact("branchial heart", "uberon")
    result.source    # "network" | "cache" | "stale-cache" | "offline" | "error"
    result.hits      # (OLSTerm(obo_id="UBERON:0000948", label="heart", ...),)
    result.warnings  # why the answer is not fresh, if it is not

Environment: ``SYNTHQUERY_OLS_URL`` (self-hosted OLS root), ``SYNTHQUERY_OFFLINE=1`` (never touch
the network), ``SYNTHQUERY_CACHE_DIR``, ``SYNTHQUERY_OLS_TIMEOUT`` (``SECONDS`` or
``CONNECT,READ``), ``SYNTHQUERY_OLS_CACHE_DAYS``. Importing this module does not import
requests or requests-cache.
"""

from __future__ import annotations

from synthquery.ols._breaker import BREAKER, CircuitBreaker
from synthquery.ols._client import (
    DEFAULT_BASE_URL,
    OLSClient,
    default_client,
    env_offline,
    reset_default_client,
)
from synthquery.ols._model import ONTOLOGY_FOR_VOCABULARY, OLSResult, OLSTerm, ontology_name
from synthquery.ols._store import CACHE_FILENAME

__all__ = [
    "BREAKER",
    "CACHE_FILENAME",
    "DEFAULT_BASE_URL",
    "ONTOLOGY_FOR_VOCABULARY",
    "CircuitBreaker",
    "OLSClient",
    "OLSResult",
    "OLSTerm",
    "default_client",
    "env_offline",
    "ontology_name",
    "reset_default_client",
]
