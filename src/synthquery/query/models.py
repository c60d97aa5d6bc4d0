"""Pydantic v2 wire models of a GEM-1 query: exactly the JSON body the prediction API takes.

These models check structure and types only (``num_samples`` is an integer >= 1, metadata values
are strings, ...). Whether a value is *right* for a model (an enum member, a live ontology term
under the allowed root) is the linter's job, so that any query can be read and then diagnosed.

Integers accept ``int`` and integral floats (``5e6``, ``10.0``) but never booleans, strings or
fractional numbers. Metadata values accept strings; numbers are turned into their canonical
string (``65`` -> ``"65"``) because the API takes every metadata value as a string.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, cast

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from synthquery.query._problems import QueryProblem, did_you_mean

__all__ = [
    "METADATA_KEYS",
    "TOP_LEVEL_KEYS",
    "InputModel",
    "Metadata",
    "QueryModel",
    "format_number",
    "problems_from",
]

# The 19 metadata keys in the API contract's order (profiles list the same keys).
METADATA_KEYS: tuple[str, ...] = (
    "age_years",
    "cell_line_ontology_id",
    "cell_type_ontology_id",
    "developmental_stage",
    "disease_ontology_id",
    "ethnicity",
    "genotype",
    "race",
    "sample_type",
    "sex",
    "tissue_ontology_id",
    "perturbation_dose",
    "perturbation_ontology_id",
    "perturbation_time",
    "perturbation_type",
    "study",
    "library_selection",
    "library_layout",
    "platform",
)
# top-level keys with a meaning; any other top-level key is passed through unchanged
TOP_LEVEL_KEYS: tuple[str, ...] = (
    "sampling_strategy",
    "total_count",
    "deterministic_latents",
    "seed",
    "inputs",
)
INPUT_KEYS: tuple[str, ...] = ("metadata", "num_samples")


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, numbers.Number):
        return "a number"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "a list"
    return f"a {type(value).__name__}"


def format_number(value: float | int) -> str:
    """``65`` -> ``"65"``, ``65.0`` -> ``"65"``, ``0.5`` -> ``"0.5"`` (no exponent for big ints)."""
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{float(value):.12g}"


def _integer(value: Any) -> int:
    """An int, or an integral float; booleans and strings are refused, never coerced."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        as_float = float(value)
        if math.isfinite(as_float) and as_float.is_integer():
            return int(as_float)
    raise PydanticCustomError(
        "integer",
        "must be an integer, got {got} ({kind})",
        {"got": repr(value), "kind": _kind_of(value)},
    )


def _metadata_value(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        if math.isfinite(float(value)):
            return format_number(cast(float, value))  # any Real works like a float here
    raise PydanticCustomError(
        "metadata_string",
        "must be a string, got {got} ({kind})",
        {"got": repr(value), "kind": _kind_of(value)},
    )


Integer = Annotated[int, BeforeValidator(_integer)]
MetaValue = Annotated[str | None, BeforeValidator(_metadata_value)]


class Metadata(BaseModel):
    """The metadata of one input: the 19 keys of the API, all optional, all strings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    age_years: MetaValue = None
    cell_line_ontology_id: MetaValue = None
    cell_type_ontology_id: MetaValue = None
    developmental_stage: MetaValue = None
    disease_ontology_id: MetaValue = None
    ethnicity: MetaValue = None
    genotype: MetaValue = None
    race: MetaValue = None
    sample_type: MetaValue = None
    sex: MetaValue = None
    tissue_ontology_id: MetaValue = None
    perturbation_dose: MetaValue = None
    perturbation_ontology_id: MetaValue = None
    perturbation_time: MetaValue = None
    perturbation_type: MetaValue = None
    study: MetaValue = None
    library_selection: MetaValue = None
    library_layout: MetaValue = None
    platform: MetaValue = None

    def to_dict(self, order: Sequence[str] = METADATA_KEYS) -> dict[str, str]:
        """The set keys in ``order`` (a profile's ``metadata_keys``), unset keys omitted."""
        values = {k: v for k, v in self.__dict__.items() if v is not None}
        out = {k: values.pop(k) for k in order if k in values}
        out.update(values)  # keys a profile does not list still go out, after the others
        return out


class InputModel(BaseModel):
    """One condition: its metadata and how many samples to generate for it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    metadata: Metadata
    num_samples: Annotated[Integer, Field(ge=1)]

    def to_dict(self, order: Sequence[str] = METADATA_KEYS) -> dict[str, Any]:
        return {"metadata": self.metadata.to_dict(order), "num_samples": self.num_samples}


class QueryModel(BaseModel):
    """A whole query. Unknown top-level keys (``modality``, ``source``) are kept and sent."""

    model_config = ConfigDict(extra="allow", frozen=True)

    sampling_strategy: StrictStr
    total_count: Annotated[Integer, Field(gt=0)] | None = None
    deterministic_latents: StrictBool | None = None
    seed: Integer | None = None
    inputs: Annotated[list[InputModel], Field(min_length=1)]

    @property
    def extras(self) -> dict[str, Any]:
        """The pass-through top-level keys, in the order they were given."""
        return dict(self.model_extra or {})

    def to_dict(self, order: Sequence[str] = METADATA_KEYS) -> dict[str, Any]:
        """The API JSON: settings, then pass-through keys, then inputs; no nulls."""
        import copy

        out: dict[str, Any] = {"sampling_strategy": self.sampling_strategy}
        for key in ("total_count", "deterministic_latents", "seed"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        for key, value in self.extras.items():
            if value is not None:
                out[key] = copy.deepcopy(value)
        out["inputs"] = [item.to_dict(order) for item in self.inputs]
        return out


# -- pydantic errors -> located problems ------------------------------------------------------


def _path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _choices_for(loc: tuple[Any, ...]) -> tuple[str, ...] | dict[str, str]:
    if len(loc) >= 2 and loc[-2] == "metadata":
        # "tissue" or "age" should point at "tissue_ontology_id" / "age_years"
        stems = {k.removesuffix("_ontology_id").removesuffix("_years"): k for k in METADATA_KEYS}
        return {**stems, **{k: k for k in METADATA_KEYS}}
    if len(loc) >= 2 and isinstance(loc[-2], int):
        return INPUT_KEYS
    return TOP_LEVEL_KEYS


def problems_from(exc: ValidationError, prefix: Sequence[Any] = ()) -> list[QueryProblem]:
    """Turn pydantic's errors into :class:`QueryProblem` records with JSON paths."""
    problems: list[QueryProblem] = []
    for err in exc.errors(include_url=False):
        loc = (*prefix, *err["loc"])
        kind = err["type"]
        got = err.get("input")
        suggestions: tuple[str, ...] = ()
        if kind == "missing":
            message = "is required"
        elif kind == "extra_forbidden":
            message = "unknown key"
            suggestions = did_you_mean(str(loc[-1]), _choices_for(loc))
        elif kind in ("integer", "metadata_string"):
            message = err["msg"]
        elif kind in ("greater_than_equal", "greater_than"):
            bound = err.get("ctx", {}).get("ge", err.get("ctx", {}).get("gt"))
            op = ">=" if kind == "greater_than_equal" else ">"
            message = f"must be {op} {bound}, got {got!r}"
        elif kind == "too_short":
            message = "must hold at least one input"
        elif kind in ("model_type", "dict_type"):
            message = f"must be an object, got {_kind_of(got)}"
        elif kind == "list_type":
            message = f"must be a list, got {_kind_of(got)}"
        elif kind == "string_type":
            message = f"must be a string, got {got!r} ({_kind_of(got)})"
        elif kind == "bool_type":
            message = f"must be true or false, got {got!r} ({_kind_of(got)})"
        else:
            message = err["msg"]
        problems.append(QueryProblem(_path(loc), message, suggestions))
    return problems
