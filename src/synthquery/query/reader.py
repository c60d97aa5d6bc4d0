"""Read a query document (dict or JSON text) into the wire model, faithfully.

Accepted on the way in, each with a note in ``Query.notes``:

- the API's ``{"example_query": {...}}`` wrapper (unwrapped; the linter still flags it on a raw
  document, since the API does not take the wrapper);
- the old ``mode`` key, read as ``sampling_strategy``;
- a missing ``sampling_strategy`` (the model's default is used);
- ``modality`` picks the model when none is given (``single-cell`` -> ``gem-1-sc``), and is kept
  as a pass-through key.

Metadata values are not changed beyond turning numbers into strings: reading is faithful, judging
the values is :meth:`Query.lint`'s job. A ``sampling_strategy`` the model does not allow is an
error, so a single-cell query asking for ``sample generation`` is never built silently.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

from pydantic import ValidationError

from synthquery._errors import QueryError
from synthquery.query._problems import QueryProblem, raise_problems
from synthquery.query.models import TOP_LEVEL_KEYS, QueryModel, problems_from
from synthquery.query.values import enum_key

__all__ = ["DEFAULT_MODEL", "check_sampling", "loads", "model_for_modality", "read_query"]

DEFAULT_MODEL = "gem-1-bulk"


def model_for_modality(modality: Any) -> str | None:
    """The first model (by name) whose profile has this modality, else None."""
    from synthquery.profiles import get_profile, profile_names

    if not isinstance(modality, str):
        return None
    wanted = enum_key(modality).replace(" ", "-")
    for name in profile_names():
        if get_profile(name).modality == wanted:
            return name
    return None


def check_sampling(profile: Any, value: Any, *, lenient: bool) -> str:
    """The allowed spelling of ``value`` for ``profile``; :class:`QueryError` otherwise.

    ``lenient`` ignores case and ``_``/``-`` (the builder); the reader wants the exact string.
    """
    from synthquery.profiles import get_profile, profile_names

    allowed = profile.sampling_strategies
    if isinstance(value, str):
        if value in allowed:
            return value
        match = next((s for s in allowed if enum_key(s) == enum_key(value)), None)
        if match is not None and lenient:
            return match
        if match is not None:
            raise QueryError(
                f"sampling_strategy: {value!r} must be spelled {match!r}",
                [QueryProblem("sampling_strategy", f"must be spelled {match!r}", (match,))],
            )
        elsewhere = sorted(
            {
                s
                for name in profile_names()
                for s in get_profile(name).sampling_strategies
                if enum_key(s) == enum_key(value)
            }
        )
        only = " and ".join(repr(s) for s in allowed)
        if elsewhere:
            message = (
                f"{profile.model_id} ({profile.modality}) allows only {only}; "
                f"{elsewhere[0]!r} is not available for this model"
            )
        else:
            message = f"{value!r} is not a sampling strategy; {profile.model_id} allows {only}"
        problem = QueryProblem("sampling_strategy", message, tuple(allowed))
        raise QueryError(f"sampling_strategy: {message}", [problem])
    message = f"must be a string, got {value!r}"
    raise QueryError(f"sampling_strategy: {message}", [QueryProblem("sampling_strategy", message)])


def loads(text: str | bytes) -> Any:
    """``json.loads`` with a :class:`QueryError` that gives line and column."""
    try:
        if isinstance(text, (bytes, bytearray)):
            text = bytes(text).decode("utf-8-sig")  # editors on Windows write a BOM
        elif isinstance(text, str):
            text = text.removeprefix("\ufeff")
        return json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        raise QueryError(message, [QueryProblem("", message)]) from None
    except (UnicodeDecodeError, TypeError) as exc:
        raise QueryError(f"not valid JSON: {exc}", [QueryProblem("", str(exc))]) from None
    except RecursionError:  # the C decoder's guard against absurd nesting
        message = "not a query: JSON nested too deeply"
        raise QueryError(message, [QueryProblem("", message)]) from None


def read_query(doc: Any, model: str | None = None) -> tuple[str, QueryModel, list[str]]:
    """Validate ``doc``; returns ``(model_id, wire model, notes)`` or raises :class:`QueryError`."""
    from synthquery.profiles import get_profile

    if not isinstance(doc, dict):
        message = f"a query must be a JSON object, got {type(doc).__name__}"
        raise QueryError(message, [QueryProblem("", message)])
    notes: list[str] = []
    doc = dict(doc)
    if "example_query" in doc and "inputs" not in doc and isinstance(doc["example_query"], dict):
        if len(doc) > 1:
            others = ", ".join(sorted(k for k in doc if k != "example_query"))
            message = f"found keys next to the 'example_query' wrapper: {others}"
            raise QueryError(message, [QueryProblem("", message)])
        doc = dict(doc["example_query"])
        notes.append("unwrapped {'example_query': ...}: the API takes the inner query only")
    if "mode" in doc:
        mode = doc.pop("mode")
        current = doc.get("sampling_strategy")
        if current is None:
            doc["sampling_strategy"] = mode
            notes.append("read the legacy key 'mode' as 'sampling_strategy'")
        elif current != mode:
            message = f"legacy 'mode' ({mode!r}) contradicts 'sampling_strategy' ({current!r})"
            raise QueryError(message, [QueryProblem("mode", message)])
        else:
            notes.append("dropped the legacy key 'mode' (same as 'sampling_strategy')")
    modality_model = model_for_modality(doc.get("modality"))
    if model is None:
        model = modality_model or DEFAULT_MODEL
    profile = get_profile(model)
    if modality_model is not None and modality_model != profile.model_id:
        declared = doc["modality"]
        message = (
            f"modality {declared!r} does not match model {profile.model_id} ({profile.modality})"
        )
        raise QueryError(message, [QueryProblem("modality", message)])
    if doc.get("sampling_strategy") is None:
        doc["sampling_strategy"] = profile.default_sampling_strategy
        notes.append(
            f"no sampling_strategy: used {profile.model_id}'s default "
            f"{profile.default_sampling_strategy!r}"
        )
    problems: list[QueryProblem] = []
    known = [k for k in TOP_LEVEL_KEYS]
    for key in doc:
        if key in TOP_LEVEL_KEYS:
            continue
        # pass-through keys are allowed, but one that looks like a typo of ours is refused
        close = difflib.get_close_matches(str(key).lower(), known, n=1, cutoff=0.8)
        if close:
            problems.append(QueryProblem(str(key), "unknown key", (close[0],)))
    try:
        wire = QueryModel.model_validate(doc)
    except ValidationError as exc:
        problems.extend(problems_from(exc))
        raise_problems(problems)
        raise  # unreachable: raise_problems raised
    raise_problems(problems)
    check_sampling(profile, wire.sampling_strategy, lenient=False)
    # nulls are dropped on the way out, so say so now
    for key, value in wire.extras.items():
        if value is None:
            notes.append(f"dropped {key!r}: null values are not sent")
    return profile.model_id, wire, notes
