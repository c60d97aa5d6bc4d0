"""The on-disk cache of OLS answers: a requests-cache SQLite backend used as a response store.

The client decides freshness itself (from each entry's ``created_at`` and its own expiry), so
stale entries stay available for stale-if-error and offline answers until ``cache clear``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

if TYPE_CHECKING:
    from requests import PreparedRequest, Response
    from requests_cache import CachedResponse, SQLiteCache

__all__ = ["CACHE_FILENAME", "ResponseStore", "cache_file", "ontology_of_url"]

#: file name of the OLS cache inside ``synthquery._paths.cache_dir()``
CACHE_FILENAME = "ols-http.sqlite"

# errors a damaged or concurrently replaced cache file can raise; a cache must never crash a lookup
_STORE_ERRORS = (sqlite3.Error, OSError, ValueError, TypeError, AttributeError, KeyError)


def cache_file(directory: Path) -> Path:
    return directory / CACHE_FILENAME


def ontology_of_url(url: str) -> str:
    """The ontology a cached OLS request was about (``""`` when the URL does not say)."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if "ontologies" in segments:
        index = segments.index("ontologies")
        if index + 1 < len(segments):
            return segments[index + 1].lower()
    values = parse_qs(parts.query).get("ontology", [])
    return values[0].lower() if values else ""


class ResponseStore:
    """Thin, failure-tolerant wrapper around :class:`requests_cache.SQLiteCache`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem = ""  # set when the cache could not be used; the client reports it
        self._cache: SQLiteCache | None = self._open(path)

    def _open(self, path: Path) -> SQLiteCache | None:
        from requests_cache import SQLiteCache

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return SQLiteCache(path)
        except sqlite3.DatabaseError:
            # not a database any more (truncated, overwritten): it is only a cache, start afresh
            with contextlib.suppress(OSError):
                path.unlink()
        except OSError as exc:
            self.problem = f"OLS cache {path} unusable ({exc}); answers are not kept"
            return None
        try:
            return SQLiteCache(path)
        except (sqlite3.Error, OSError) as exc:
            self.problem = f"OLS cache {path} unusable ({exc}); answers are not kept"
            return None

    def key(self, request: PreparedRequest) -> str:
        if self._cache is None:
            from requests_cache import create_key

            return create_key(request)
        return self._cache.create_key(request)

    def get(self, key: str) -> CachedResponse | None:
        if self._cache is None:
            return None
        try:
            return self._cache.get_response(key)
        except _STORE_ERRORS:
            return None

    def put(self, response: Response, key: str, expires: datetime) -> bool:
        if self._cache is None:
            return False
        try:
            self._cache.save_response(response, key, expires)
            return True
        except _STORE_ERRORS as exc:
            self.problem = f"could not write the OLS cache {self.path}: {exc}"
            return False

    def delete(self, *keys: str) -> None:
        if self._cache is None or not keys:
            return
        with contextlib.suppress(*_STORE_ERRORS):
            self._cache.delete(*keys)

    def vacuum(self) -> None:
        if self._cache is not None:
            with contextlib.suppress(*_STORE_ERRORS):
                self._cache.responses.vacuum()

    def entries(self) -> Iterator[CachedResponse]:
        """Every readable entry (unreadable ones, e.g. from another requests-cache, are skipped)."""
        if self._cache is None:
            return
        with contextlib.suppress(*_STORE_ERRORS):
            yield from self._cache.filter(valid=True, expired=True)

    def size(self) -> int:
        total = 0
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                total += Path(f"{self.path}{suffix}").stat().st_size
        return total

    def close(self) -> None:
        if self._cache is not None:
            with contextlib.suppress(*_STORE_ERRORS):
                self._cache.close()


def created_at(entry: Any) -> datetime:
    """An entry's creation time as an aware UTC datetime."""
    value = getattr(entry, "created_at", None)
    if not isinstance(value, datetime):
        return datetime.now(timezone.utc)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
