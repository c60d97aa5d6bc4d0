"""Model profiles: each GEM-1 model's accepted range of queries, as data.

One JSON file per model in ``profiles/data/``; a file may ``extends`` another (``_common.json``
holds what all models share). Adding a model is adding a file.
"""

from __future__ import annotations

import copy
import difflib
import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from synthquery._errors import DataError, UnknownModelError
from synthquery.profiles._absent import fold, means_none
from synthquery.profiles._imported import (
    import_vocabulary,
    imported_vocabulary,
    imported_vocabulary_path,
)

if TYPE_CHECKING:
    from synthquery.profiles._model import FieldSpec, Profile, TermRef

__all__ = [
    "FieldSpec",
    "Profile",
    "TermRef",
    "absent_words",
    "get_profile",
    "import_vocabulary",
    "imported_vocabulary",
    "imported_vocabulary_path",
    "profile_names",
    "saying_none",
]


_MODELS = frozenset({"FieldSpec", "Profile", "TermRef"})


def __getattr__(name: str) -> Any:
    # the pydantic models load on first use: a batch lookup only reads the words for "none"
    if name in _MODELS:
        from synthquery.profiles import _model

        return getattr(_model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _data_files() -> dict[str, Any]:
    root = resources.files("synthquery.profiles") / "data"
    return {
        entry.name.removesuffix(".json"): entry
        for entry in root.iterdir()
        if entry.name.endswith(".json")
    }


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge dicts; lists and scalars in ``override`` replace those in ``base``."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _strip_comments(doc: Any) -> Any:
    if isinstance(doc, dict):
        return {k: _strip_comments(v) for k, v in doc.items() if k != "$comment"}
    if isinstance(doc, list):
        return [_strip_comments(v) for v in doc]
    return doc


@cache
def _raw(name: str) -> dict[str, Any]:
    files = _data_files()
    if name not in files:
        raise DataError(f"profile data {name!r} is missing")
    try:
        doc = json.loads(files[name].read_text(encoding="utf-8"))
    except ValueError as exc:
        raise DataError(f"profile data {name!r} is not valid JSON: {exc}") from None
    doc = _strip_comments(doc)
    parent = doc.pop("extends", None)
    return _merge(_raw(parent), doc) if parent else doc


def profile_names() -> list[str]:
    """Model ids with a profile (files starting with ``_`` are shared bases)."""
    return sorted(n for n in _data_files() if not n.startswith("_"))


@cache
def _document(model_id: str) -> dict[str, Any]:
    """The merged profile data of ``model_id``, each field completed as the model reads it."""
    doc = copy.deepcopy(_raw(model_id))
    fields = doc.get("fields", {})
    unused = set(doc.get("unused_keys", ()))
    missing = list(doc.get("missing_words", ()))
    for key, spec in fields.items():
        spec.setdefault("key", key)
        spec.setdefault("used", key not in unused)
        if spec.get("kind") == "ontology" and missing:
            # "NA" or "unknown" as any term: no value was recorded, so the key is left out
            spec["absent_words"] = [*spec.get("absent_words", ()), *missing]
    return doc


@cache
def _load_profile(model_id: str) -> Profile:
    from synthquery.profiles._model import Profile

    return Profile.model_validate(_document(model_id))


@cache
def absent_words(field: str) -> tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]:
    """Per model whose profile has ``field``: (model id, metadata key, folded words for
    "none", patterns), read from the profile data without building the models (see
    :meth:`FieldSpec.means_none`, which the same words and patterns answer)."""
    out = []
    for model in profile_names():
        fields = _document(model).get("fields", {})
        spec = fields.get(field)
        if spec is None:  # a key's alias, as Profile.field reads it
            wanted = field.strip().lower()
            spec = next(
                (
                    s
                    for key, s in fields.items()
                    if wanted in (key.lower(), *(a.lower() for a in s.get("aliases", ())))
                ),
                None,
            )
        if spec is not None:
            words = tuple(fold(w) for w in spec.get("absent_words", ()))
            out.append((model, spec["key"], words, tuple(spec.get("absent_patterns", ()))))
    return tuple(out)


def get_profile(model_id: str) -> Profile:
    """The profile of ``model_id`` (case-insensitive); :class:`UnknownModelError` otherwise."""
    if not isinstance(model_id, str):
        raise UnknownModelError(repr(model_id), profile_names())
    names = profile_names()
    wanted = model_id.strip().lower()
    if wanted not in names:
        close = difflib.get_close_matches(wanted, names, n=1)
        error = UnknownModelError(model_id, names)
        if close:
            error.args = (f"{error.args[0]} (did you mean {close[0]!r}?)",)
        raise error
    return _load_profile(wanted)


def saying_none(field: str, value: object) -> list[tuple[str, str]]:
    """(model id, metadata key) of each model whose profile reads ``value`` as "none" for
    ``field`` ("healthy" for a disease), without building the profile models."""
    return [
        (model, key)
        for model, key, words, patterns in absent_words(field)
        if means_none(value, words, patterns)
    ]
