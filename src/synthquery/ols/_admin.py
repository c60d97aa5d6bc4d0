"""Inspect and prune the OLS cache (``synthquery cache info|clear``)."""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from synthquery.ols._store import ResponseStore, cache_file, created_at, ontology_of_url

__all__ = ["cache_info", "clear_cache"]


def _directory(cache_dir: str | os.PathLike[str] | None) -> Path:
    if cache_dir is not None:
        return Path(cache_dir)
    from synthquery._paths import cache_dir as default_cache_dir

    return default_cache_dir()


def _expires(entry: Any) -> datetime | None:
    value = getattr(entry, "expires", None)
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def cache_info(cache_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Size and contents of the OLS cache: entries, fresh/expired (by the expiry each entry got
    when stored), oldest/newest entry time, and counts per ontology and endpoint."""
    path = cache_file(_directory(cache_dir))
    info: dict[str, Any] = {
        "path": str(path),
        "exists": path.is_file(),
        "size_bytes": 0,
        "entries": 0,
        "fresh": 0,
        "expired": 0,
        "oldest": None,
        "newest": None,
        "next_expiry": None,
        "by_ontology": {},
        "by_endpoint": {},
    }
    if not info["exists"]:
        return info
    store = ResponseStore(path)
    try:
        now = datetime.now(timezone.utc)
        created: list[datetime] = []
        expiries: list[datetime] = []
        ontologies: Counter[str] = Counter()
        endpoints: Counter[str] = Counter()
        for entry in store.entries():
            created.append(created_at(entry))
            expires = _expires(entry)
            if expires is None or expires > now:
                info["fresh"] += 1
                if expires is not None:
                    expiries.append(expires)
            else:
                info["expired"] += 1
            url = str(getattr(entry, "url", "") or "")
            ontologies[ontology_of_url(url) or "?"] += 1
            endpoints["term" if "/terms" in url else "search"] += 1
        info["entries"] = len(created)
        info["size_bytes"] = store.size()
        info["problem"] = store.problem or None
        if created:
            info["oldest"] = min(created).isoformat(timespec="seconds")
            info["newest"] = max(created).isoformat(timespec="seconds")
        if expiries:
            info["next_expiry"] = min(expiries).isoformat(timespec="seconds")
        info["by_ontology"] = dict(sorted(ontologies.items()))
        info["by_endpoint"] = dict(sorted(endpoints.items()))
    finally:
        store.close()
    return info


def clear_cache(
    cache_dir: str | os.PathLike[str] | None = None,
    *,
    expired_only: bool = False,
    ontology: str | None = None,
) -> int:
    """Delete OLS cache entries (all, only expired ones, and/or one ontology's); returns how many.

    The compiled ontology index in the same directory is never touched.
    """
    path = cache_file(_directory(cache_dir))
    if not path.is_file():
        return 0
    wanted = ontology.strip().lower() if ontology else None
    now = datetime.now(timezone.utc)
    store = ResponseStore(path)
    try:
        doomed = []
        for entry in store.entries():
            expires = _expires(entry)
            if expired_only and (expires is None or expires > now):
                continue
            if wanted and ontology_of_url(str(getattr(entry, "url", "") or "")) != wanted:
                continue
            key = getattr(entry, "cache_key", None)
            if isinstance(key, str):
                doomed.append(key)
        if doomed:
            store.delete(*doomed)
            if len(doomed) == 1:  # the backend skips VACUUM for single deletes
                store.vacuum()
        return len(doomed)
    finally:
        store.close()


def remove_files(directory: Path, patterns: tuple[str, ...]) -> list[Path]:
    """Delete the files in ``directory`` matching ``patterns`` (never recursing); returns them."""
    removed = []
    for pattern in patterns:
        for candidate in sorted(directory.glob(pattern)):
            if candidate.is_file() and not candidate.is_symlink():
                with contextlib.suppress(FileNotFoundError):
                    candidate.unlink()
                    removed.append(candidate)
    return removed
