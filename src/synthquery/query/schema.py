"""JSON Schema of a model's query, built from its profile, for editor completion and checks.

Enums, unit lists, id patterns and descriptions all come from the profile, so a new model file
gets its schema for free. The schema describes what the API takes (metadata values are strings,
``num_samples`` an integer >= 1); the linter goes further (ontology roots, obsolete terms).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["json_schema"]

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_NUMBER = r"[0-9]+(\.[0-9]+)?"
# units.py writes tiny or huge amounts with an exponent ("1e-06 m"): the schema must accept them
_UNIT_NUMBER = _NUMBER + r"(e[+-][0-9]+)?"


def _id_pattern(vocabularies: tuple[str, ...]) -> str | None:
    try:
        from synthquery.ontology.ids import WIRE_PATTERNS
    except ImportError:  # the vocabulary layer is optional for a schema
        return None
    patterns = [WIRE_PATTERNS[v] for v in vocabularies if v in WIRE_PATTERNS]
    if not patterns:
        return None
    return "^(" + "|".join(patterns) + ")$"


def _field_schema(spec: Any, model_id: str) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "string"}
    description = spec.description
    if spec.kind == "enum":
        if spec.case_insensitive:
            # any casing is accepted, so offer the values for completion without enforcing them
            out["examples"] = list(spec.values)
        else:
            out["enum"] = list(spec.values)
    elif spec.kind == "ontology":
        pattern = _id_pattern(spec.vocabularies)
        if pattern:
            out["pattern"] = pattern
        roots = ", ".join(f"{t.id} ({t.label})" for t in spec.allowed_ancestors)
        if roots:
            description += f" Must be under {roots}."
    elif spec.kind == "number_unit":
        units = "|".join(re.escape(u) for u in spec.units)
        out["pattern"] = f"^{_UNIT_NUMBER} ({units})$"
        description += f" Units: {', '.join(spec.units)}."
    elif spec.kind == "age":
        out["pattern"] = f"^{_NUMBER}$"
        bounds = (
            f" {spec.min:g}-{spec.max:g}" if spec.min is not None and spec.max is not None else ""
        )
        description += f" Range{bounds}" if bounds else ""
        if spec.warn_min is not None and spec.warn_max is not None:
            description += f" (model trained on {spec.warn_min:g}-{spec.warn_max:g})."
        elif bounds:
            description += "."
    elif spec.kind == "pattern" and spec.pattern:
        out["pattern"] = spec.pattern
    if not spec.used:
        out["deprecated"] = True
        description += f" Not used by {model_id}."
    out["description"] = description.strip()
    return out


def json_schema(model_id: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a query for ``model_id``."""
    from synthquery.profiles import get_profile

    profile = get_profile(model_id)
    metadata = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            key: _field_schema(profile.fields[key], profile.model_id)
            for key in profile.metadata_keys
        },
    }
    one_input = {
        "type": "object",
        "additionalProperties": False,
        "required": ["metadata", "num_samples"],
        "properties": {
            "metadata": {"$ref": "#/$defs/metadata"},
            "num_samples": {
                "type": "integer",
                "minimum": profile.num_samples_min,
                "description": "How many samples to generate for this input.",
            },
        },
    }
    only = " and ".join(repr(s) for s in profile.sampling_strategies)
    return {
        "$schema": _DRAFT,
        "title": f"GEM-1 query for {profile.model_id}",
        "description": f"Request body of predict for {profile.model_id} ({profile.modality}).",
        "type": "object",
        "required": ["sampling_strategy", "inputs"],
        "additionalProperties": True,
        "properties": {
            "sampling_strategy": {
                "type": "string",
                "enum": list(profile.sampling_strategies),
                "default": profile.default_sampling_strategy,
                "description": f"{profile.model_id} allows {only}.",
            },
            "total_count": {
                "type": "integer",
                "minimum": profile.total_count_min,
                "default": profile.default_total_count,
                "description": "Library size used to turn predicted log-CPM into counts.",
            },
            "deterministic_latents": {
                "type": "boolean",
                "description": "Use the mean of p(z | metadata) instead of sampling.",
            },
            "seed": {"type": "integer", "description": "Seed for reproducible sampling."},
            "modality": {
                "type": "string",
                "enum": [profile.modality],
                "description": "Optional; sent by server example queries.",
            },
            "inputs": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/input"}},
        },
        "$defs": {"input": one_input, "metadata": metadata},
    }
