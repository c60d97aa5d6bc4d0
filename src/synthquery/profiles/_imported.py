"""A model's real vocabulary, imported from the per-field JSON lists users can download.

Stored under ``data_dir()/vocabularies/<model>/<key>.json`` so that, once imported, values outside
the list are flagged for that model.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from synthquery._errors import UsageError

__all__ = ["import_vocabulary", "imported_vocabulary", "imported_vocabulary_path"]

#: a real per-field vocabulary is a few thousand values; refuse anything far larger
MAX_VOCABULARY_BYTES = 64 * 1024 * 1024
# keys a downloaded list may wrap its values in
_VALUE_KEYS = ("id", "value", "ontology_id", "term_id", "name")


def imported_vocabulary_path(model_id: str, key: str) -> Path:
    from synthquery._paths import data_dir

    return data_dir() / "vocabularies" / model_id / f"{key}.json"


def _values_from(doc: Any, key: str) -> list[str]:
    if isinstance(doc, dict):
        # {"tissue_ontology_id": [...]} or {"values": [...]}: take the list for this key
        for candidate in (key, "values", key.removesuffix("_ontology_id")):
            if isinstance(doc.get(candidate), list):
                return _values_from(doc[candidate], key)
        lists = [v for v in doc.values() if isinstance(v, list)]
        if len(lists) == 1:
            return _values_from(lists[0], key)
        raise UsageError(f"cannot find the list of values for {key!r} in this JSON object")
    if not isinstance(doc, list):
        raise UsageError("a vocabulary file must hold a JSON list of values")
    out: list[str] = []
    for i, item in enumerate(doc):
        if isinstance(item, (str, int, float)) and not isinstance(item, bool):
            out.append(str(item).strip())
        elif isinstance(item, dict):
            found = next(
                (item[k] for k in _VALUE_KEYS if isinstance(item.get(k), (str, int))), None
            )
            if found is None:
                raise UsageError(f"item {i} has none of the keys {', '.join(_VALUE_KEYS)}")
            out.append(str(found).strip())
        else:
            raise UsageError(f"item {i} is a {type(item).__name__}, expected a string")
    return [v for v in out if v]


def import_vocabulary(path: str | os.PathLike[str], model_id: str, key: str) -> Path:
    """Store the values in ``path`` as ``model_id``'s vocabulary for metadata ``key``."""
    from synthquery.profiles import get_profile

    profile = get_profile(model_id)
    spec = profile.field(key)
    if spec is None:
        raise UsageError(f"unknown metadata key {key!r} for {profile.model_id}")
    source = Path(path)
    try:
        with open(source, "rb") as handle:  # bounded: a device or a huge file is no vocabulary
            data = handle.read(MAX_VOCABULARY_BYTES + 1)
        if len(data) > MAX_VOCABULARY_BYTES:
            raise UsageError(f"{source} is larger than {MAX_VOCABULARY_BYTES:,} bytes")
        doc = json.loads(data.decode("utf-8-sig"))
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{source} is not valid JSON: {exc}") from None
    except RecursionError:
        raise UsageError(f"{source} is nested too deeply to be a vocabulary") from None
    values = sorted(set(_values_from(doc, spec.key)))
    if not values:
        raise UsageError(f"{source} holds no values")
    target = imported_vocabulary_path(profile.model_id, spec.key)
    record = {
        "model_id": profile.model_id,
        "key": spec.key,
        "source": source.name,
        "imported": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "values": values,
    }
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh, indent=1)
        os.replace(tmp, target)
    except OSError as exc:
        raise UsageError(f"cannot store the vocabulary in {target.parent}: {exc}") from None
    _load.cache_clear()
    return target


@lru_cache(maxsize=64)
def _load(path: Path, mtime_ns: int) -> frozenset[str] | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        return frozenset(str(v) for v in record["values"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # a damaged store is ignored rather than blocking every lint


def imported_vocabulary(model_id: str, key: str) -> frozenset[str] | None:
    """The imported values for ``model_id``/``key``, or None when nothing was imported."""
    path = imported_vocabulary_path(model_id, key)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return None
    return _load(path, mtime)
