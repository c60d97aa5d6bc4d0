"""Pydantic models of a model profile (what one GEM-1 model accepts), loaded from JSON data."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from synthquery.profiles._absent import fold as _fold
from synthquery.profiles._absent import means_none

__all__ = ["FieldSpec", "Profile", "TermRef"]

FieldKind = Literal["ontology", "enum", "number_unit", "free_text", "age", "pattern"]


class _Strict(BaseModel):
    # a typo in a profile file must fail loudly, not be ignored (cellxgene's weakness)
    model_config = ConfigDict(extra="forbid", frozen=True)


class TermRef(_Strict):
    """An ontology id with its label, so profile files stay readable."""

    id: str
    label: str = ""


class FieldSpec(_Strict):
    """What one metadata key accepts, in cellxgene-schema's declarative vocabulary."""

    key: str = ""
    kind: FieldKind
    description: str = ""
    aliases: tuple[str, ...] = ()
    used: bool = True
    # enum
    values: tuple[str, ...] = ()
    case_insensitive: bool = False
    # ontology
    vocabularies: tuple[str, ...] = ()
    allowed_ancestors: tuple[TermRef, ...] = ()
    forbidden_terms: tuple[TermRef, ...] = ()
    forbidden_ancestors: tuple[TermRef, ...] = ()
    discouraged_terms: tuple[TermRef, ...] = ()
    #: words meaning "none" for this key ("healthy" for a disease): the builder leaves it out
    absent_words: tuple[str, ...] = ()
    #: ... and patterns of such words, matched whole and case-blind ("without cancer")
    absent_patterns: tuple[str, ...] = ()
    # number_unit
    unit_kind: Literal["dose", "time"] | None = None
    units: tuple[str, ...] = ()
    # pattern
    pattern: str | None = None
    # numeric ranges (age): outside [min, max] is an error, outside [warn_min, warn_max] a warning
    min: float | None = None
    max: float | None = None
    warn_min: float | None = None
    warn_max: float | None = None

    @field_validator("absent_words")
    @classmethod
    def _fold_absent_words(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_fold(w) for w in words)

    @field_validator("absent_patterns")
    @classmethod
    def _compilable(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                message = f"absent pattern {pattern!r} is no regular expression: {exc}"
                raise ValueError(message) from None
        return patterns

    def means_none(self, value: Any) -> bool:
        """``value`` is one of this key's words for "none" (``"healthy"`` for a disease)."""
        return means_none(value, self.absent_words, self.absent_patterns)


class Profile(_Strict):
    """One model's accepted range of queries. Load with :func:`synthquery.get_profile`."""

    model_id: str
    modality: Literal["bulk", "single-cell"]
    sampling_strategies: tuple[str, ...]
    default_sampling_strategy: str
    default_total_count: int = Field(gt=0)
    metadata_keys: tuple[str, ...]
    fields: dict[str, FieldSpec]
    perturbation_kinds: dict[str, tuple[str, ...]] = {}
    unused_keys: tuple[str, ...] = ()
    #: how metadata writes "not recorded" ("NA", "unknown"), read as none for every ontology key
    missing_words: tuple[str, ...] = ()
    num_samples_min: int = 1
    total_count_min: int = 1
    quota_samples: int | None = None
    genes: int | None = None
    example_query: dict[str, Any] = {}

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        if self.default_sampling_strategy not in self.sampling_strategies:
            raise ValueError("default_sampling_strategy must be one of sampling_strategies")
        missing = [k for k in self.metadata_keys if k not in self.fields]
        if missing:
            raise ValueError(f"metadata keys without a field spec: {missing}")
        unknown = [k for k in self.unused_keys if k not in self.fields]
        if unknown:
            raise ValueError(f"unused_keys names unknown keys: {unknown}")
        return self

    # -- convenience ---------------------------------------------------------------------
    def field(self, key_or_alias: str) -> FieldSpec | None:
        """The spec for a metadata key or one of its aliases (``tissue``)."""
        spec = self.fields.get(key_or_alias)
        if spec is not None:
            return spec
        return self.alias_map().get(key_or_alias.strip().lower())

    def alias_map(self) -> dict[str, FieldSpec]:
        """Lower-cased alias -> spec (keys themselves included)."""
        out: dict[str, FieldSpec] = {}
        for key, spec in self.fields.items():
            out[key.lower()] = spec
            for alias in spec.aliases:
                out[alias.lower()] = spec
        return out

    def is_used(self, key: str) -> bool:
        return key in self.fields and self.fields[key].used

    def imported_values(self, key: str) -> frozenset[str] | None:
        """Valid values for ``key`` imported with ``synthquery vocab import``, if any."""
        from synthquery.profiles._imported import imported_vocabulary

        return imported_vocabulary(self.model_id, key)
