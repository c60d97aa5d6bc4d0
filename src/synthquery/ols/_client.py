"""The OLS4 client: cache first, network second, never an exception for network trouble.

Each call builds the request, looks its key up in the on-disk store and then:

1. a fresh cached answer (younger than ``expire_after_days``) is returned as ``"cache"``;
2. offline, or the host's circuit breaker is open -> the cached answer however old
   (``"stale-cache"``) or nothing (``"offline"``), with a warning;
3. otherwise OLS is asked with short timeouts. A usable answer is stored and returned as
   ``"network"``. A timeout or refused connection opens the breaker for the host; any failure
   (including 5xx and malformed JSON, which are never stored) falls back to the cached answer
   (``"stale-cache"``) or to nothing (``"error"``), with a warning.
"""

from __future__ import annotations

import json
import os
import threading
import warnings
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from synthquery._errors import UsageError
from synthquery._offline import offline_mode
from synthquery.ols._breaker import BREAKER
from synthquery.ols._model import OLSResult, OLSTerm, ontology_name
from synthquery.ols._parse import (
    MalformedResponse,
    canonical_obo_id,
    escape_exact,
    escape_ranked,
    exact_only,
    ontology_of_id,
    parse_search,
    parse_terms,
)
from synthquery.ols._store import ResponseStore, cache_file, created_at

if TYPE_CHECKING:
    import requests

__all__ = [
    "DEFAULT_BASE_URL",
    "OLSClient",
    "default_client",
    "reset_default_client",
]

DEFAULT_BASE_URL = "https://www.ebi.ac.uk/ols4"
DEFAULT_EXPIRE_AFTER_DAYS = 30.0
DEFAULT_CONNECT_TIMEOUT = 2.0
DEFAULT_READ_TIMEOUT = 5.0
#: how long a host that timed out is skipped before the next call probes it again
DEFAULT_BREAKER_COOLDOWN = 300.0
_EXACT_ROWS = 25
_SEARCH_FIELDS = "iri,obo_id,short_form,label,synonym,ontology_name,is_defining_ontology"

Parser = Callable[[Any], tuple[OLSTerm, ...]]


#: ``SYNTHQUERY_OFFLINE`` set to 1/true/yes/on (the package's one offline switch)
env_offline = offline_mode


def _api_root(base_url: str) -> str:
    url = base_url.strip().rstrip("/")
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise UsageError(f"OLS base URL must be an http(s) URL, got {base_url!r}")
    return url if url.endswith("/api") else f"{url}/api"


def _positive(name: str, value: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise UsageError(f"{name} must be a number, got {value!r}") from None
    if not number > 0:
        raise UsageError(f"{name} must be positive, got {value!r}")
    return number


def _age(then: datetime) -> str:
    seconds = max((datetime.now(timezone.utc) - then).total_seconds(), 0.0)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{int(seconds)} s"


class OLSClient:
    """Client for the EBI OLS4 API (or a self-hosted OLS) with a persistent cache.

    **Parameters:**

    * ``base_url``: OLS root, e.g. ``https://www.ebi.ac.uk/ols4`` (``/api`` is appended);
      default ``SYNTHQUERY_OLS_URL`` or the EBI instance.
    * ``cache_dir``: where ``ols-http.sqlite`` lives; default ``synthquery._paths.cache_dir()``.
    * ``expire_after_days``: answers younger than this are served without asking OLS; older ones
      are still kept and served when OLS fails or we are offline.
    * ``connect_timeout``, ``read_timeout``: seconds (the read timeout bounds each socket read).
    * ``offline``: never touch the network; ``None`` follows ``SYNTHQUERY_OFFLINE`` at each call.
    * ``breaker_cooldown``: seconds a host that timed out or refused is skipped by every client
      of this process.

    No method raises for network trouble; see :class:`OLSResult` ``source`` and ``warnings``.
    Bad arguments (an ontology OLS does not host for synthquery, empty text) raise
    :class:`~synthquery.UsageError`.

    >>> client = OLSClient(offline=True)  # doctest: +SKIP
    >>> client.search_exact("heart", "uberon").source  # doctest: +SKIP
    'offline'
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        cache_dir: str | os.PathLike[str] | None = None,
        expire_after_days: float = DEFAULT_EXPIRE_AFTER_DAYS,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        offline: bool | None = None,
        breaker_cooldown: float = DEFAULT_BREAKER_COOLDOWN,
    ) -> None:
        base = base_url or os.environ.get("SYNTHQUERY_OLS_URL") or DEFAULT_BASE_URL
        self.api_url = _api_root(base)
        self.host = urlsplit(self.api_url).netloc
        if cache_dir is None:
            from synthquery._paths import cache_dir as default_cache_dir

            cache_dir = default_cache_dir()
        self.cache_path = cache_file(Path(cache_dir))
        if float(expire_after_days) < 0:
            raise UsageError(f"expire_after_days must be >= 0, got {expire_after_days!r}")
        self.expire_after = timedelta(days=float(expire_after_days))
        self.timeout = (
            _positive("connect_timeout", connect_timeout),
            _positive("read_timeout", read_timeout),
        )
        self.breaker_cooldown = float(breaker_cooldown)
        self._offline = offline
        self._lock = threading.Lock()
        self._store_obj: ResponseStore | None = None
        self._session_obj: requests.Session | None = None

    def __repr__(self) -> str:
        return f"OLSClient({self.api_url!r}, offline={self.offline})"

    @property
    def offline(self) -> bool:
        return env_offline() if self._offline is None else bool(self._offline)

    # -- public API ------------------------------------------------------------------------

    def search_exact(self, text: str, ontology: str) -> OLSResult:
        """Classes of ``ontology`` whose label or a synonym is ``text`` (case-insensitive, whole
        string). OLS synonyms mix exact, related, narrow and broad scopes."""
        ont, query = ontology_name(ontology), self._text(text)
        params = {
            "q": escape_exact(query),
            "ontology": ont,
            "type": "class",
            "exact": "true",
            "queryFields": "label,synonym",
            "local": "true",
            "rows": str(_EXACT_ROWS),
            "fieldList": _SEARCH_FIELDS,
        }
        return self._call("/search", params, lambda p: exact_only(parse_search(p, ont), query))

    def search(self, text: str, ontology: str, *, rows: int = 10) -> OLSResult:
        """OLS's ranked (edismax) search: best first, not necessarily exact."""
        ont, query = ontology_name(ontology), self._text(text)
        if isinstance(rows, bool) or not isinstance(rows, int) or not 1 <= rows <= 500:
            raise UsageError(f"rows must be an integer in 1..500, got {rows!r}")
        params = {
            "q": escape_ranked(query),
            "ontology": ont,
            "type": "class",
            "local": "true",
            "rows": str(rows),
            "fieldList": _SEARCH_FIELDS,
        }
        return self._call("/search", params, lambda p: parse_search(p, ont))

    def term(self, obo_id: str, ontology: str | None = None) -> OLSResult:
        """The class with this id (0 or 1 hits), with obsolete flag, replacements and typed
        synonyms. Accepts ``UBERON:0000948``, ``UBERON_0000948``, an OBO PURL, or taxon digits."""
        canonical = canonical_obo_id(obo_id)
        if ontology is not None:
            ont: str | None = ontology_name(ontology)
        else:
            ont = ontology_of_id(canonical) if canonical else None
        if canonical is None or ont is None:
            raise UsageError(
                f"{obo_id!r} is not an id of an ontology OLS hosts for synthquery "
                "(UBERON, CL, MONDO, CHEBI, NCBITaxon)"
            )
        return self._call(
            f"/ontologies/{ont}/terms",
            {"obo_id": canonical},
            lambda p: parse_terms(p, ont, canonical),
            absent=canonical,
        )

    def close(self) -> None:
        with self._lock:
            if self._session_obj is not None:
                self._session_obj.close()
                self._session_obj = None
            if self._store_obj is not None:
                self._store_obj.close()
                self._store_obj = None

    def __enter__(self) -> OLSClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- machinery -------------------------------------------------------------------------

    @staticmethod
    def _text(text: str) -> str:
        if not isinstance(text, str) or not text.strip():
            raise UsageError(f"OLS search text must be a non-empty string, got {text!r}")
        return text

    def _session(self) -> requests.Session:
        with self._lock:
            if self._session_obj is None:
                import requests

                from synthquery import __version__

                session = requests.Session()
                session.headers.update(
                    {"Accept": "application/json", "User-Agent": f"synthquery/{__version__}"}
                )
                self._session_obj = session
            return self._session_obj

    def _store(self) -> ResponseStore:
        with self._lock:
            if self._store_obj is None:
                self._store_obj = ResponseStore(self.cache_path)
            return self._store_obj

    def _call(
        self, path: str, params: dict[str, str], parse: Parser, *, absent: str | None = None
    ) -> OLSResult:
        """GET ``path``; ``absent`` is the id whose OLS 404 means "no such term" (an answer)."""
        import requests

        session = self._session()
        request = requests.Request("GET", self.api_url + path, params=params)
        prepared = session.prepare_request(request)
        store = self._store()
        key = store.key(prepared)
        notes: list[str] = [store.problem] if store.problem else []

        cached = store.get(key)
        cached_hits: tuple[OLSTerm, ...] = ()
        if cached is not None:
            try:
                cached_hits = _read(cached, parse, absent)
            except MalformedResponse:
                store.delete(key)  # unreadable entry: as good as absent
                cached = None
        if cached is not None and created_at(cached) + self.expire_after > _now():
            return OLSResult(cached_hits, "cache", tuple(notes))

        def fallback(source: str, reason: str) -> OLSResult:
            if cached is not None:
                note = f"{reason}; answered from a cached copy {_age(created_at(cached))} old"
                return OLSResult(cached_hits, "stale-cache", (*notes, note))
            return OLSResult((), source, (*notes, f"{reason}; no cached answer"))

        if self.offline:
            return fallback("offline", "offline (SYNTHQUERY_OFFLINE): OLS not consulted")
        left = BREAKER.remaining(self.host)
        if left > 0:
            why = BREAKER.reason(self.host)
            return fallback("offline", f"OLS at {self.host} skipped for {left:.0f} s after {why}")

        try:
            url = cast(str, prepared.url)  # a prepared request always has its url set
            settings = session.merge_environment_settings(url, {}, None, None, None)
            response = session.send(prepared, timeout=self.timeout, **settings)
        except requests.Timeout:
            why = f"a timeout ({self.timeout[0]:g} s connect / {self.timeout[1]:g} s read)"
            BREAKER.trip(self.host, self.breaker_cooldown, why)
            return fallback("error", f"OLS at {self.host} did not answer in time")
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            BREAKER.trip(self.host, self.breaker_cooldown, "a connection failure")
            return fallback("error", f"OLS at {self.host} unreachable ({type(exc).__name__})")
        except requests.RequestException as exc:
            return fallback("error", f"OLS request failed ({type(exc).__name__}: {exc})")

        status = response.status_code
        if status != 200 and not (status == 404 and absent):
            return fallback("error", f"OLS at {self.host} answered HTTP {status}")
        try:
            hits = _read(response, parse, absent)
        except MalformedResponse as exc:
            return fallback("error", f"OLS at {self.host} sent an unusable answer ({exc})")
        stored = store.put(response, key, _now() + self.expire_after)
        if not stored and store.problem and store.problem not in notes:
            notes.append(store.problem)
        return OLSResult(hits, "network", tuple(notes))


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _read(response: Any, parse: Parser, absent: str | None) -> tuple[OLSTerm, ...]:
    """Hits of a live or cached response; MalformedResponse when it is not usable OLS JSON."""
    try:
        payload = json.loads(response.content)
    except (ValueError, TypeError) as exc:  # JSONDecodeError and undecodable bytes
        raise MalformedResponse(f"HTTP {response.status_code}, not JSON: {exc}") from None
    if response.status_code == 404:
        # OLS says "No resource with <id> in <ontology>"; any other 404 (a wrong base URL,
        # "Endpoint not found") must not pass for "this term does not exist"
        message = payload.get("message") if isinstance(payload, dict) else None
        if absent and isinstance(message, str) and absent.lower() in message.lower():
            return ()
        raise MalformedResponse("HTTP 404 that does not name the term")
    try:
        return parse(payload)
    except MalformedResponse:
        raise
    except (TypeError, ValueError, AttributeError, KeyError) as exc:  # shapes we did not foresee
        raise MalformedResponse(f"unexpected shape: {exc}") from None


# -- the per-process default client ----------------------------------------------------------

_ENV_KEYS = (
    "SYNTHQUERY_OLS_URL",
    "SYNTHQUERY_CACHE_DIR",
    "SYNTHQUERY_OLS_TIMEOUT",
    "SYNTHQUERY_OLS_CACHE_DAYS",
)
_default: OLSClient | None = None
_default_env: tuple[str | None, ...] = ()
_default_lock = threading.Lock()


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
        if value >= 0:
            return value
    except ValueError:
        pass
    message = f"ignoring {name}={raw!r}: not a non-negative number"
    warnings.warn(message, RuntimeWarning, stacklevel=3)
    return default


def _env_timeouts() -> tuple[float, float]:
    raw = os.environ.get("SYNTHQUERY_OLS_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT
    try:
        parts = [float(p) for p in raw.split(",")]
        if len(parts) in (1, 2) and all(p > 0 for p in parts):
            return parts[0], parts[-1]
    except ValueError:
        pass
    warnings.warn(
        f"ignoring SYNTHQUERY_OLS_TIMEOUT={raw!r}: expected SECONDS or CONNECT,READ",
        RuntimeWarning,
        stacklevel=3,
    )
    return DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT


def default_client() -> OLSClient:
    """The process-wide client, configured from the environment.

    ``SYNTHQUERY_OLS_URL`` (OLS root), ``SYNTHQUERY_CACHE_DIR``, ``SYNTHQUERY_OLS_TIMEOUT``
    (``SECONDS`` or ``CONNECT,READ``) and ``SYNTHQUERY_OLS_CACHE_DAYS``; a change in any of them
    gives a new client. ``SYNTHQUERY_OFFLINE`` is read at every call.
    """
    global _default, _default_env
    env = tuple(os.environ.get(name) for name in _ENV_KEYS)
    with _default_lock:
        if _default is None or env != _default_env:
            if _default is not None:
                _default.close()
            connect, read = _env_timeouts()
            _default = OLSClient(
                expire_after_days=_env_float(
                    "SYNTHQUERY_OLS_CACHE_DAYS", DEFAULT_EXPIRE_AFTER_DAYS
                ),
                connect_timeout=connect,
                read_timeout=read,
            )
            _default_env = env
        return _default


def reset_default_client() -> None:
    """Forget the default client and every circuit breaker (for tests and long sessions)."""
    global _default, _default_env
    with _default_lock:
        if _default is not None:
            _default.close()
        _default, _default_env = None, ()
    BREAKER.reset()
