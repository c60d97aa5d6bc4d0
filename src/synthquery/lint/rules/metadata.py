"""K: metadata keys and the format of their values (enums, "number unit", age, patterns)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from synthquery.lint._paths import join
from synthquery.lint.context import LintContext
from synthquery.lint.diagnostic import Diagnostic, Fix, Severity
from synthquery.lint.rule import MetadataRule, ValueRule
from synthquery.lint.rules._age import format_years, read_age
from synthquery.lint.rules._util import (
    close_matches,
    norm_key,
    norm_token,
    show,
    similarity,
    type_name,
)

if TYPE_CHECKING:
    from synthquery.profiles import FieldSpec
    from synthquery.units import Quantity

__all__ = ["ENUM_HINTS", "RULES"]

_GROUPS = ("all", "metadata")

#: common words for enum values that are not safe to rewrite automatically (suggestions only)
ENUM_HINTS: dict[str, dict[str, tuple[str, ...]]] = {
    "sex": {
        "m": ("male",), "f": ("female",), "man": ("male",), "woman": ("female",),
        "men": ("male",), "women": ("female",), "boy": ("male",), "girl": ("female",),
    },
    "perturbation_type": {
        "knockdown": ("shrna", "sirna"), "knock down": ("shrna", "sirna"),
        "knockout": ("crispr",), "ko": ("crispr",), "crispri": ("crispr",),
        "crispra": ("crispr", "overexpression"), "drug": ("compound",),
        "small molecule": ("compound",), "chemical": ("compound",), "treatment": ("compound",),
        "untreated": ("control",), "vehicle": ("control",), "dmso": ("control",),
        "mock": ("control",), "virus": ("infection",), "bacteria": ("infection",),
        "viral infection": ("infection",), "co culture": ("coculture",),
        "antibody": ("peptide or biologic",), "cytokine": ("peptide or biologic",),
        "protein": ("peptide or biologic",), "oe": ("overexpression",),
        "transfection": ("overexpression", "sirna"), "mutation": ("genetic",),
    },
    "sample_type": {
        "tissue": ("primary tissue",), "biopsy": ("primary tissue",),
        "cells": ("primary cells",), "cell": ("primary cells",), "cellline": ("cell line",),
        "pdx": ("xenograft",), "tumor": ("primary tissue",),
    },
    "library_layout": {"pe": ("PAIRED",), "se": ("SINGLE",), "paired end": ("PAIRED",),
                       "single end": ("SINGLE",)},
}  # fmt: skip


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


class UnknownMetadataKey(MetadataRule):
    """A metadata key the API does not know, with "did you mean".

    The API reads 19 keys (``tissue_ontology_id``, ``sex``, ``perturbation_time``, ...). Short
    names and other spellings of a key (``tissue``, ``cellType``, ``Tissue Ontology ID``) and
    near-certain typos are renamed when the intended key is not already present.

    **Anti-pattern**

    ::

        "metadata": {"tissue": "UBERON:0002048", "gender": "female"}

    **Best practice**

    ::

        "metadata": {"tissue_ontology_id": "UBERON:0002048", "sex": "female"}
    """

    code = "K001"
    name = "metadata.unknown_key"
    summary = "Unknown metadata key."
    groups = _GROUPS
    fixable = True
    reads = ()  # the keys alone decide

    def __init__(self) -> None:
        self._memo: dict[str, tuple[str | None, list[str]]] = {}
        self._aliases: dict[str, str] | None = None

    def _target(self, ctx: LintContext, key: str) -> tuple[str | None, list[str]]:
        if key in self._memo:
            return self._memo[key]
        if self._aliases is None:
            self._aliases = {alias: spec.key for alias, spec in ctx.profile.alias_map().items()}
        aliases = self._aliases
        target = aliases.get(key.strip().lower()) or aliases.get(norm_key(key))
        if target is not None:
            found: tuple[str | None, list[str]] = (target, [target])
        else:
            close = close_matches(key, aliases, n=5, cutoff=0.6)
            targets = list(dict.fromkeys(aliases[c] for c in close))
            strong = {aliases[c] for c in close if similarity(key, c) >= 0.85}
            found = (strong.pop() if len(strong) == 1 else None, targets[:3])
        self._memo[key] = found
        return found

    def check(self, ctx: LintContext, metadata: Mapping[str, Any]) -> Iterable[Diagnostic]:
        if metadata.keys() <= ctx.fields.keys():  # the common case, at C speed
            return ()
        return list(self._unknown(ctx, metadata))

    def _unknown(self, ctx: LintContext, metadata: Mapping[str, Any]) -> Iterator[Diagnostic]:
        fields = ctx.fields
        for key in metadata:
            if key in fields:
                continue
            target, suggestions = self._target(ctx, key)
            fix = None
            if target is not None and target not in metadata:
                fix = Fix.rename_key(_rel(key), target, f"rename {show(key)} to `{target}`")
            hint = f"; did you mean `{target}`?" if target else ""
            if target is not None and target in metadata:
                hint = f"; `{target}` is already set"
            yield self.diagnostic(
                _rel(key),
                f"unknown metadata key {show(key)}{hint}",
                suggestions=suggestions,
                fix=fix,
                anchor_key=True,
            )


def _rel(key: str) -> str:
    return join("", key)


class NonStringValue(ValueRule):
    """A metadata value that is not a string.

    Every known example sends metadata values as strings, including ages (``"65"``). Numbers
    are fixed to their string form, ``null`` is deleted (it means "not set") and a one-element
    list is unwrapped; booleans, objects and longer lists are errors.

    **Anti-pattern**

    ::

        "metadata": {"age_years": 65, "sex": null, "tissue_ontology_id": ["UBERON:0002048"]}

    **Best practice**

    ::

        "metadata": {"age_years": "65", "tissue_ontology_id": "UBERON:0002048"}
    """

    code = "K002"
    name = "metadata.non_string"
    summary = "Metadata values must be strings."
    groups = _GROUPS
    fixable = True

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        if isinstance(value, str):
            return
        path = spec.key
        fix = None
        if value is None:
            fix = Fix.delete(path, f"delete `{spec.key}` (null means not set)")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            # quoting helps an age or a taxon id; a number is no UBERON or CL id however written
            numeric_ids = spec.kind != "ontology" or "NCBITAXON" in spec.vocabularies
            if math.isfinite(value) and text is not None and numeric_ids:
                fix = Fix.replace(path, text, f"write it as the string {show(text)}")
        elif isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
            fix = Fix.replace(path, value[0], "unwrap the one-element list")
        yield self.diagnostic(
            path, f"`{spec.key}` must be a string; got {type_name(value)}", fix=fix
        )


class EmptyValue(ValueRule):
    """An empty (or blank) metadata value (warning).

    An empty string says nothing; leave the key out instead. Fixed by deleting the key.

    **Anti-pattern**

    ::

        "metadata": {"sex": "", "tissue_ontology_id": "UBERON:0002048"}

    **Best practice**

    ::

        "metadata": {"tissue_ontology_id": "UBERON:0002048"}
    """

    code = "K003"
    name = "metadata.empty_value"
    summary = "Empty metadata value; omit the key instead."
    groups = _GROUPS
    severity = Severity.WARNING
    fixable = True

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        if isinstance(value, str) and not value.strip():
            yield self.diagnostic(
                spec.key,
                f"`{spec.key}` is empty",
                fix=Fix.delete(spec.key, f"delete the empty `{spec.key}`"),
            )


class EnumValue(ValueRule):
    """A value outside a closed list (``sex``, ``sample_type``, ``perturbation_type``, ...).

    Case and separator variants of an allowed value (``"Male"``, ``"primary_tissue"``,
    ``"CRISPR"``) are fixed; other words get suggestions (``"knockdown"`` -> ``shrna``,
    ``sirna``) but are never rewritten, since the choice changes the meaning.

    **Anti-pattern**

    ::

        "metadata": {"sex": "Male", "sample_type": "primary_tissue", "perturbation_type": "drug"}

    **Best practice**

    ::

        "metadata": {"sex": "male", "sample_type": "primary tissue",
                     "perturbation_type": "compound"}
    """

    code = "K004"
    name = "metadata.enum_value"
    summary = "The value is not one of the field's allowed values."
    groups = _GROUPS
    fixable = True
    kinds = frozenset({"enum"})

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        if _blank(text) or text in spec.values:  # type: ignore[operator]
            return
        assert text is not None
        if spec.case_insensitive and text.casefold() in {v.casefold() for v in spec.values}:
            return
        wanted = norm_token(text)
        matches = [v for v in spec.values if norm_token(v) == wanted]
        if len(matches) == 1:
            yield self.diagnostic(
                spec.key,
                f"write {show(text)} as {show(matches[0])}",
                fix=Fix.replace(spec.key, matches[0], f"set `{spec.key}` to {show(matches[0])}"),
            )
            return
        hints = list(ENUM_HINTS.get(spec.key, {}).get(wanted, ()))
        hints += [c for c in close_matches(text, spec.values) if c not in hints]
        yield self.diagnostic(
            spec.key,
            f"{show(text)} is not a valid `{spec.key}`; allowed: " + ", ".join(spec.values),
            suggestions=hints,
        )


def _safe_parse(parse: Any, text: str) -> Quantity | None:
    try:
        return parse(text)
    except (ArithmeticError, ValueError):  # "1e999 um": a number too large to print
        return None


_BARE_NUMBER = re.compile(r"\s*[+-]?(?:\d+(?:[.,]\d+)?|\.\d+)\s*")
_OTHER_KEY = {"dose": "perturbation_time", "time": "perturbation_dose"}
_EXAMPLE_UNITS = {"dose": ("um", "nm", "mg/kg"), "time": ("hours", "days")}


class NumberUnit(ValueRule):
    """``perturbation_dose``/``perturbation_time`` not in "number unit" form.

    The API documents doses as ``"10 um"`` or ``"1 mg/kg"`` and times as ``"24 hours"``: a plain
    number, one space, a lower-case unit. Recognised spellings (``10uM``, ``10 µM``,
    ``10 micromolar``, ``24h``, ``2 days``) are fixed to that form; a number without a unit, a
    time in the dose field (or the reverse) or an unknown unit is an error.

    **Anti-pattern**

    ::

        "metadata": {"perturbation_dose": "10uM", "perturbation_time": "24"}

    **Best practice**

    ::

        "metadata": {"perturbation_dose": "10 um", "perturbation_time": "24 hours"}
    """

    code = "K005"
    name = "metadata.number_unit"
    summary = 'Dose and time must be "number unit" with a known unit.'
    groups = _GROUPS
    fixable = True
    kinds = frozenset({"number_unit"})

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        if _blank(text) or spec.unit_kind is None:
            return
        assert text is not None
        from synthquery.units import parse_dose, parse_time

        kind = spec.unit_kind
        parse, other = (parse_dose, parse_time) if kind == "dose" else (parse_time, parse_dose)
        quantity = _safe_parse(parse, text)
        if quantity is not None:
            if spec.units and quantity.unit not in spec.units:
                yield self.diagnostic(
                    spec.key,
                    f"unit {show(quantity.unit)} is not accepted for `{spec.key}`",
                    suggestions=spec.units,
                )
            elif quantity.text != text:
                yield self.diagnostic(
                    spec.key,
                    f"write {show(text)} as {show(quantity.text)}",
                    fix=Fix.replace(spec.key, quantity.text, f"set it to {show(quantity.text)}"),
                )
            return
        misplaced = _safe_parse(other, text)
        if misplaced is not None:
            yield self.diagnostic(
                spec.key,
                f"{show(text)} is a {misplaced.kind}, not a {kind}",
                suggestions=[f"move it to `{_OTHER_KEY[kind]}` as {show(misplaced.text)}"],
            )
        elif _BARE_NUMBER.fullmatch(text):
            number = text.strip()
            yield self.diagnostic(
                spec.key,
                f"{show(text)} has no unit",
                suggestions=[f"{number} {unit}" for unit in _EXAMPLE_UNITS[kind]],
            )
        else:
            example = "10 um" if kind == "dose" else "24 hours"
            yield self.diagnostic(
                spec.key,
                f'{show(text)} is not a "number unit" {kind} such as {show(example)}',
            )


class AgeFormat(ValueRule):
    """``age_years`` is not a plain number of years.

    Ages go on the wire as decimal strings (``"65"``). ``"65 years"``, ``"65y"``, ``"65.0"`` and
    ``" 65 "`` are fixed; ages in months, weeks or days get the value in years as a suggestion;
    ranges and words are errors.

    **Anti-pattern**

    ::

        "metadata": {"age_years": "65 years old"}

    **Best practice**

    ::

        "metadata": {"age_years": "65"}
    """

    code = "K006"
    name = "metadata.age_format"
    summary = '`age_years` must be a number of years, e.g. "65".'
    groups = _GROUPS
    fixable = True
    kinds = frozenset({"age"})

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        if _blank(text) or not isinstance(value, str):
            return  # K002 reports numbers
        assert text is not None
        reading = read_age(text)
        if reading is None:
            span = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:-|to|–)\s*(\d+(?:\.\d+)?)\s*\w*\s*", text)
            hints = [span.group(1), span.group(2)] if span else []
            yield self.diagnostic(
                spec.key, f"{show(text)} is not an age in years", suggestions=hints
            )
        elif reading.canonical is None:
            yield self.diagnostic(
                spec.key,
                f"{show(text)} is in {reading.unit}; `age_years` is in years",
                suggestions=[format_years(round(reading.years, 3))],
            )
        elif reading.canonical != text:
            canonical = reading.canonical
            yield self.diagnostic(
                spec.key,
                f"write {show(text)} as {show(canonical)}",
                fix=Fix.replace(spec.key, canonical, f"set it to {show(canonical)}"),
            )


@lru_cache(maxsize=32)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class PatternValue(ValueRule):
    """A value that does not match its field's pattern (``study``: a BioProject accession).

    Case and whitespace slips (``"prjna 123456"``) are fixed.

    **Anti-pattern**

    ::

        "metadata": {"study": "GSE12345"}

    **Best practice**

    ::

        "metadata": {"study": "PRJNA123456"}
    """

    code = "K007"
    name = "metadata.pattern"
    summary = "The value does not match the field's pattern."
    groups = _GROUPS
    fixable = True
    kinds = frozenset({"pattern"})

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        if _blank(text) or not spec.pattern:
            return
        assert text is not None
        regex = _compiled(spec.pattern)
        if regex.fullmatch(text):
            return
        candidate = re.sub(r"\s+", "", text).upper()
        fix = None
        if regex.fullmatch(candidate):
            fix = Fix.replace(spec.key, candidate, f"set it to {show(candidate)}")
        yield self.diagnostic(spec.key, f"{show(text)} does not match {spec.pattern}", fix=fix)


class FreeTextWhitespace(ValueRule):
    """Stray whitespace in a free-text value (warning).

    Leading/trailing spaces, tabs, newlines and doubled spaces make otherwise equal values
    differ. Fixed by collapsing whitespace.

    **Anti-pattern**

    ::

        "metadata": {"developmental_stage": " adult\\n"}

    **Best practice**

    ::

        "metadata": {"developmental_stage": "adult"}
    """

    code = "K008"
    name = "metadata.whitespace"
    summary = "Stray whitespace in a free-text value."
    groups = _GROUPS
    severity = Severity.WARNING
    fixable = True
    kinds = frozenset({"free_text"})

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        if _blank(text) or not isinstance(value, str):
            return
        collapsed = " ".join(value.split())
        if collapsed != value:
            yield self.diagnostic(
                spec.key,
                f"stray whitespace in {show(value)}",
                fix=Fix.replace(spec.key, collapsed, f"set it to {show(collapsed)}"),
            )


RULES = (
    UnknownMetadataKey,
    NonStringValue,
    EmptyValue,
    EnumValue,
    NumberUnit,
    AgeFormat,
    PatternValue,
    FreeTextWhitespace,
)
