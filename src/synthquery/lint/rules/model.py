"""M: what the chosen model accepts (strategies, keys it uses, imported vocabularies, ranges)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from synthquery.lint.context import LintContext
from synthquery.lint.diagnostic import Diagnostic, Fix, Severity
from synthquery.lint.rule import DocumentRule, InputRule, ValueRule
from synthquery.lint.rules._age import format_years, read_age
from synthquery.lint.rules._util import close_matches, norm_token, show

if TYPE_CHECKING:
    from synthquery.profiles import FieldSpec

__all__ = ["RULES"]

_GROUPS = ("all", "model")
#: every strategy any GEM-1 model knows (a model's profile says which it accepts)
KNOWN_STRATEGIES = ("sample generation", "mean estimation")
SEED_MAX = 2**32 - 1


class SamplingStrategy(DocumentRule):
    """``sampling_strategy`` is not one the model accepts.

    ``gem-1-bulk`` accepts ``sample generation`` and ``mean estimation``; ``gem-1-sc`` only
    ``mean estimation``. Case and separator variants of an accepted value
    (``"Mean_Estimation"``) are fixed; a strategy the model does not support is not changed for
    you, because the other strategy answers a different question.

    **Anti-pattern**

    For ``gem-1-sc``::

        {"sampling_strategy": "sample generation", ...}

    **Best practice**

    ::

        {"sampling_strategy": "mean estimation", ...}
    """

    code = "M001"
    name = "model.sampling_strategy"
    summary = "The sampling strategy is not accepted by the model."
    groups = _GROUPS
    fixable = True

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        query = ctx.query
        if query is None:
            return
        key = "sampling_strategy" if "sampling_strategy" in query else "mode"
        value = query.get(key)
        if not isinstance(value, str):
            return
        allowed = ctx.profile.sampling_strategies
        if value in allowed:
            return
        path = ctx.path(key)
        wanted = norm_token(value)
        matches = [s for s in allowed if norm_token(s) == wanted]
        if matches:
            yield self.diagnostic(
                path,
                f"write the strategy as {show(matches[0])}",
                fix=Fix.replace(path, matches[0], f"set it to {show(matches[0])}"),
            )
            return
        known = [s for s in KNOWN_STRATEGIES if norm_token(s) == wanted]
        if known:
            yield self.diagnostic(
                path,
                f"{ctx.model} does not support {show(known[0])}; it accepts "
                + ", ".join(repr(s) for s in allowed),
                suggestions=allowed,
            )
            return
        yield self.diagnostic(
            path,
            f"unknown sampling strategy {show(value)}",
            suggestions=close_matches(value, allowed) or list(allowed),
        )


class UnusedKey(ValueRule):
    """A metadata key the model does not use (warning).

    ``gem-1-sc`` ignores the bulk technical keys (``library_selection``, ``library_layout``,
    ``platform``) and ``sample_type``; sending them costs nothing but suggests the query was
    meant for another model.

    **Anti-pattern**

    For ``gem-1-sc``::

        "metadata": {"cell_type_ontology_id": "CL:0000236", "library_layout": "PAIRED"}

    **Best practice**

    ::

        "metadata": {"cell_type_ontology_id": "CL:0000236"}
    """

    code = "M002"
    name = "model.unused_key"
    summary = "The model does not use this metadata key."
    groups = _GROUPS
    severity = Severity.WARNING

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        if not spec.used:
            yield self.diagnostic(
                spec.key,
                f"{ctx.model} does not use `{spec.key}`",
                suggestions=[f"delete `{spec.key}`"],
                anchor_key=True,
            )


class ImportedVocabulary(ValueRule):
    """A value outside the model's imported vocabulary.

    The real per-model vocabularies (one JSON list per field) can be downloaded by logged-in
    users and imported with ``synthquery vocab import FILE --model M --key K``; once imported,
    values outside the list are errors, because the API rejects them after you have waited.

    **Anti-pattern**

    With an imported tissue list that lacks it::

        "tissue_ontology_id": "UBERON:0000002"

    **Best practice**

    A value from the model's list (``synthquery lookup`` ranks candidates).
    """

    code = "M003"
    name = "model.imported_vocabulary"
    summary = "The value is not in the model's imported vocabulary."
    groups = _GROUPS

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        if text is None or not text.strip():
            return
        allowed = ctx.imported(spec.key)
        if allowed is None:
            return
        candidate = text.strip()
        if spec.kind == "ontology":
            result = ctx.validate_id(spec.key, text)
            if result.wire_id is None:
                return  # not an id at all: the I rules say so
            candidate = result.wire_id
        elif spec.kind == "age":
            reading = read_age(text)
            if reading is not None and reading.canonical is not None:
                candidate = reading.canonical
        if candidate in allowed or (
            spec.case_insensitive and candidate.lower() in {a.lower() for a in allowed}
        ):
            return
        yield self.diagnostic(
            spec.key,
            f"{show(candidate)} is not in {ctx.model}'s imported vocabulary for `{spec.key}`",
            suggestions=close_matches(candidate, allowed, n=5),
        )


class AgeRange(ValueRule):
    """``age_years`` is outside 0-120 years.

    **Anti-pattern**

    ::

        "age_years": "150"

    **Best practice**

    ::

        "age_years": "65"
    """

    code = "M004"
    name = "model.age_range"
    summary = "The age is outside the possible range."
    groups = _GROUPS
    kinds = frozenset({"age"})

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        reading = read_age(text) if text is not None else None
        if reading is None:
            return
        low, high = spec.min, spec.max
        if (low is not None and reading.years < low) or (high is not None and reading.years > high):
            span = f"{format_years(low or 0.0)}-{format_years(high or 0.0)}"
            yield self.diagnostic(
                spec.key, f"age {format_years(reading.years)} years is outside {span}"
            )


class AgeTrainingRange(ValueRule):
    """``age_years`` is possible but outside the ages the model saw (warning).

    The models' vocabularies list ages ``"0"`` to ``"95"``; older ages are unlikely to be
    accepted and would be extrapolation at best.

    **Anti-pattern**

    ::

        "age_years": "102"

    **Best practice**

    ::

        "age_years": "95"
    """

    code = "M005"
    name = "model.age_training_range"
    summary = "The age is outside the range the model was trained on."
    groups = _GROUPS
    severity = Severity.WARNING
    kinds = frozenset({"age"})

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        reading = read_age(text) if text is not None else None
        if reading is None:
            return
        years = reading.years
        if (spec.min is not None and years < spec.min) or (
            spec.max is not None and years > spec.max
        ):
            return  # M004's case
        low, high = spec.warn_min, spec.warn_max
        if (low is not None and years < low) or (high is not None and years > high):
            span = f"{format_years(low or 0.0)}-{format_years(high or 0.0)}"
            yield self.diagnostic(
                spec.key,
                f"age {format_years(years)} is outside the ages {ctx.model} knows ({span})",
            )


class NumSamplesRange(InputRule):
    """``num_samples`` is below the minimum (1).

    **Anti-pattern**

    ::

        {"metadata": {...}, "num_samples": 0}

    **Best practice**

    ::

        {"metadata": {...}, "num_samples": 1}
    """

    code = "M006"
    name = "model.num_samples_range"
    summary = "`num_samples` must be at least 1."
    groups = _GROUPS
    silent_when_well_formed = True

    def check(self, ctx: LintContext, index: int, item: Any, path: str) -> Iterable[Diagnostic]:
        if not isinstance(item, dict):
            return ()
        value = item.get("num_samples")
        minimum = ctx.profile.num_samples_min
        if value.__class__ is not int or value >= minimum:
            return ()
        return (
            self.diagnostic(
                path + ".num_samples",
                f"`num_samples` is {value}; it must be at least {minimum}",
                suggestions=[str(minimum)],
            ),
        )


class TotalCountRange(DocumentRule):
    """``total_count`` (the library size) is not positive.

    **Anti-pattern**

    ::

        {"total_count": 0, ...}

    **Best practice**

    ::

        {"total_count": 10000000, ...}

    or omit it for the model's default.
    """

    code = "M007"
    name = "model.total_count_range"
    summary = "`total_count` must be positive."
    groups = _GROUPS

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        query = ctx.query
        value = query.get("total_count") if query is not None else None
        minimum = ctx.profile.total_count_min
        if value.__class__ is int and value < minimum:  # type: ignore[operator]
            yield self.diagnostic(
                ctx.path("total_count"),
                f"`total_count` is {value}; it must be at least {minimum}",
                suggestions=[str(ctx.profile.default_total_count)],
            )


class SeedRange(DocumentRule):
    """``seed`` is negative or does not fit in 32 bits (warning).

    Random generators commonly reject such seeds.

    **Anti-pattern**

    ::

        {"seed": -1, ...}

    **Best practice**

    ::

        {"seed": 42, ...}
    """

    code = "M008"
    name = "model.seed_range"
    summary = "`seed` should be between 0 and 2**32 - 1."
    groups = _GROUPS
    severity = Severity.WARNING

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        query = ctx.query
        value = query.get("seed") if query is not None else None
        if value.__class__ is int and not 0 <= value <= SEED_MAX:  # type: ignore[operator]
            yield self.diagnostic(ctx.path("seed"), f"`seed` {value} is outside 0-{SEED_MAX}")


RULES = (
    SamplingStrategy,
    UnusedKey,
    ImportedVocabulary,
    AgeRange,
    AgeTrainingRange,
    NumSamplesRange,
    TotalCountRange,
    SeedRange,
)
