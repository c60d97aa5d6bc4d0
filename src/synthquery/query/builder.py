"""The fluent, immutable query builder.

Every method returns a *new* :class:`Query` and leaves the receiver untouched, so partial queries
can be shared and branched safely::

    base = Query("gem-1-bulk").sampling("mean estimation").seed(42)
    lung = base.add(tissue="lung", disease="lung adenocarcinoma", sex="female", age=63, n=5)
    both = lung.add(cell_line="HeLa", perturbation="imatinib 10uM", perturbation_type="compound")

Defaults: ``sampling_strategy`` is the model's default (``sample generation`` for gem-1-bulk,
``mean estimation`` for gem-1-sc) until :meth:`Query.sampling` sets it; ``total_count``,
``deterministic_latents`` and ``seed`` are omitted (the server uses its own defaults) unless set;
an input without ``n``/``num_samples`` gets 1 sample.
"""

from __future__ import annotations

import json
import math
import numbers
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from synthquery._errors import QueryError
from synthquery.query._problems import QueryProblem, did_you_mean, input_path, raise_problems
from synthquery.query.models import TOP_LEVEL_KEYS, InputModel, Metadata, QueryModel
from synthquery.query.reader import (
    DEFAULT_MODEL,
    check_sampling,
    loads,
    model_for_modality,
    read_query,
)
from synthquery.query.resolution import Resolution, format_review, resolve_ontology
from synthquery.query.values import ValueIssue, coerce_count, coerce_value

if TYPE_CHECKING:
    from synthquery.profiles import FieldSpec, Profile

__all__ = ["Query"]

_COUNT_KEYS = ("n", "num_samples")
_RESOLVE = "RESOLVE"  # diagnostic code of uncertain word resolutions
_SETTINGS = ("sampling_strategy", "total_count", "deterministic_latents", "seed")


def _is_blank(value: Any) -> bool:
    """Empty cells of a table (None, NaN, pandas NA/NaT, blank text) mean "not given"."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def _plain(value: Any) -> Any:
    """numpy scalars -> Python scalars, so type checks treat table cells like typed values."""
    if isinstance(value, numbers.Integral) and not isinstance(value, (int, bool)):
        return int(value)
    if isinstance(value, numbers.Real) and not isinstance(value, (float, int, bool)):
        return float(value)
    if type(value).__module__ == "numpy" and type(value).__name__ in ("bool", "bool_"):
        return bool(value)
    return value


def _key_form(key: Any) -> str:
    return str(key).strip().lower().replace("-", "_").replace(" ", "_")


class Query:
    """A GEM-1 query under construction, for one model.

    **Parameters:**

    * **model** - model id (``"gem-1-bulk"``, ``"gem-1-sc"``); unknown ids raise
      :class:`~synthquery.UnknownModelError` with a suggestion.
    * **strict** - raise :class:`~synthquery.QueryError` instead of keeping an ambiguous or
      low-confidence word resolution (which is otherwise kept and marked for review).
    * **online** - passed to :func:`synthquery.lookup` (``None``: local first, EBI OLS only when
      the local answer is weak and ``SYNTHQUERY_OFFLINE`` is not set).
    """

    __slots__ = (
        "_extras",
        "_inputs",
        "_notes",
        "_online",
        "_profile",
        "_res",
        "_settings",
        "_strict",
    )

    def __init__(
        self, model: str = DEFAULT_MODEL, *, strict: bool = False, online: bool | None = None
    ) -> None:
        from synthquery.profiles import get_profile

        self._profile: Profile = get_profile(model)
        self._settings: dict[str, Any] = {}
        self._extras: dict[str, Any] = {}
        self._inputs: tuple[InputModel, ...] = ()
        self._res: tuple[dict[str, Resolution], ...] = ()
        self._notes: tuple[str, ...] = ()
        self._strict = bool(strict)
        self._online = online

    # -- internals -----------------------------------------------------------------------
    def _evolve(self, **changes: Any) -> Query:
        new = object.__new__(Query)
        for slot in Query.__slots__:
            setattr(new, slot, changes.get(slot.lstrip("_"), getattr(self, slot)))
        return new

    def _with_setting(self, key: str, value: Any) -> Query:
        settings = dict(self._settings)
        if value is None:
            settings.pop(key, None)
        else:
            settings[key] = value
        return self._evolve(settings=settings)

    # -- read-only views -----------------------------------------------------------------
    @property
    def model(self) -> str:
        """The model id this query is for."""
        return self._profile.model_id

    @property
    def profile(self) -> Profile:
        return self._profile

    @property
    def inputs(self) -> tuple[InputModel, ...]:
        return self._inputs

    @property
    def notes(self) -> tuple[str, ...]:
        """What :meth:`from_dict` changed or assumed while reading (unwrapping, legacy keys)."""
        return self._notes

    @property
    def resolutions(self) -> list[dict[str, Resolution]]:
        """Per input, per metadata key: what was given, what it became and how sure we are.

        Inputs read with :meth:`from_dict` have empty entries (nothing was resolved).
        """
        return [dict(r) for r in self._res]

    @property
    def uncertain(self) -> list[Resolution]:
        """Resolutions that need a human look (guesses and warnings)."""
        return [r for per in self._res for r in per.values() if r.needs_review]

    def __len__(self) -> int:
        return len(self._inputs)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Query):
            return NotImplemented
        return (
            self.model == other.model
            and self._effective_settings() == other._effective_settings()
            and self._extras == other._extras
            and self._inputs == other._inputs
        )

    __hash__ = None  # type: ignore[assignment]  # mutable-looking value semantics: unhashable

    def __repr__(self) -> str:
        parts = [repr(self.model)]
        parts += [f"{k}={v!r}" for k, v in self._effective_settings().items()]
        samples = sum(i.num_samples for i in self._inputs)
        parts.append(f"inputs={len(self._inputs)}, samples={samples}")
        review = len(self.uncertain)
        if review:
            parts.append(f"needs_review={review}")
        return f"Query({', '.join(parts)})"

    def review(self) -> str:
        """A table of every resolution, with what needs review spelled out below it."""
        return format_review(self.resolutions)

    # -- top-level settings --------------------------------------------------------------
    def sampling(self, strategy: str) -> Query:
        """Set ``sampling_strategy`` (case-insensitive); refused if the model does not allow it."""
        return self._with_setting(
            "sampling_strategy", check_sampling(self._profile, strategy, lenient=True)
        )

    def seed(self, seed: int | None) -> Query:
        """Set the random seed (an integer); ``None`` removes it."""
        return self._with_setting("seed", None if seed is None else _setting_int("seed", seed))

    def total_count(self, total_count: int | float | None) -> Query:
        """Set the library size (``5e6`` is fine, ``1.5`` is not); ``None`` removes it."""
        if total_count is None:
            return self._with_setting("total_count", None)
        value = _setting_int("total_count", total_count, minimum=self._profile.total_count_min)
        return self._with_setting("total_count", value)

    def deterministic_latents(self, enabled: bool | None = True) -> Query:
        """Use the mean of p(z | metadata) instead of sampling; ``None`` removes the key."""
        if enabled is not None and not isinstance(enabled, bool):
            message = f"must be true or false, got {enabled!r}"
            raise QueryError(
                f"deterministic_latents: {message}",
                [QueryProblem("deterministic_latents", message)],
            )
        return self._with_setting("deterministic_latents", enabled)

    def extra(self, **keys: Any) -> Query:
        """Set pass-through top-level keys (``modality="bulk"``, ``source="x"``); None removes."""
        extras = dict(self._extras)
        problems = []
        for key, value in keys.items():
            if key in TOP_LEVEL_KEYS or key == "mode":
                problems.append(QueryProblem(key, "is not a pass-through key; use its method"))
                continue
            if key == "modality" and value is not None:
                named = model_for_modality(value)
                if named is not None and named != self.model:
                    message = (
                        f"{value!r} contradicts the model {self.model} "
                        f"({self._profile.modality}); build with Query({named!r}) instead"
                    )
                    problems.append(QueryProblem(key, message, (self._profile.modality,)))
                    continue
            try:
                json.dumps(value)
            except (TypeError, ValueError):
                problems.append(QueryProblem(key, f"must be JSON-serialisable, got {value!r}"))
                continue
            if value is None:
                extras.pop(key, None)
            else:
                extras[key] = value
        raise_problems(problems)
        return self._evolve(extras=extras)

    # -- inputs --------------------------------------------------------------------------
    def add(self, **fields: Any) -> Query:
        """Add one input. Keys are metadata keys or aliases (``tissue``, ``cell_line``, ``dose``,
        ``n``...); ontology fields take ids or words; enums, units and ages are normalised."""
        item, res = self._build(fields, len(self._inputs))
        return self._evolve(inputs=(*self._inputs, item), res=(*self._res, res))

    def add_many(self, records: Any, *, source: str | None = None) -> Query:
        """Add one input per record: a list of dicts or a pandas DataFrame (one row each).

        Empty cells (``None``, ``NaN``, blank text) are skipped; numeric text is accepted for
        ``n`` and ``age``. All rows are checked before anything is raised, so the error lists
        every bad cell. ``source`` (a file name) is prefixed to messages.
        """
        rows = _records(records)
        cache: dict[tuple[Any, ...], Any] = {}
        items, res, problems = [], [], []
        for offset, row in enumerate(rows):
            index = len(self._inputs) + offset
            try:
                item, r = self._build(row, index, table=True, cache=cache)
            except QueryError as exc:
                problems.extend(exc.problems)
                continue
            items.append(item)
            res.append(r)
        if not rows:
            raise QueryError(f"{source or 'records'}: no rows to add")
        raise_problems(problems, source or "")
        return self._evolve(inputs=(*self._inputs, *items), res=(*self._res, *res))

    def update(self, index: int, **fields: Any) -> Query:
        """Change input ``index``: new values replace old ones, ``None`` removes a key."""
        i = self._index(index)
        meta = self._inputs[i].metadata.to_dict()
        res = dict(self._res[i])
        removals = [k for k, v in fields.items() if v is None]
        for name in removals:
            spec = self._profile.field(_key_form(name))
            if spec is not None:
                meta.pop(spec.key, None)
                res.pop(spec.key, None)
        given = {k: v for k, v in fields.items() if v is not None}
        item, new_res = self._build(
            given, i, base=meta, base_n=self._inputs[i].num_samples, allow_empty=bool(meta)
        )
        res.update(new_res)
        inputs = list(self._inputs)
        inputs[i] = item
        all_res = list(self._res)
        all_res[i] = {k: res[k] for k in item.metadata.to_dict() if k in res}
        return self._evolve(inputs=tuple(inputs), res=tuple(all_res))

    def remove(self, index: int) -> Query:
        """Drop input ``index`` (later inputs move up)."""
        i = self._index(index)
        res = tuple(
            {k: r.at(j) for k, r in per.items()}
            for j, per in enumerate(self._res[:i] + self._res[i + 1 :])
        )
        return self._evolve(inputs=self._inputs[:i] + self._inputs[i + 1 :], res=res)

    def num_samples(self, n: int, index: int | None = None) -> Query:
        """Set ``num_samples`` of input ``index``, or of every input when ``index`` is None."""
        targets = range(len(self._inputs)) if index is None else [self._index(index)]
        inputs = list(self._inputs)
        for i in targets:
            count = self._count(n, i, table=False)
            inputs[i] = InputModel(metadata=inputs[i].metadata, num_samples=count)
        return self._evolve(inputs=tuple(inputs))

    def _index(self, index: int) -> int:
        size = len(self._inputs)
        if not isinstance(index, int) or isinstance(index, bool) or not -size <= index < size:
            message = f"no input {index!r}; the query has {size}"
            raise QueryError(message, [QueryProblem("inputs", message)])
        return index % size

    def _count(self, value: Any, index: int, *, table: bool) -> int:
        try:
            return coerce_count(value, minimum=self._profile.num_samples_min, allow_text=table)
        except ValueIssue as exc:
            path = input_path(index, "num_samples")
            raise QueryError(f"{path}: {exc}", [QueryProblem(path, str(exc))]) from None

    def _build(
        self,
        fields: Mapping[str, Any],
        index: int,
        *,
        table: bool = False,
        cache: dict[tuple[Any, ...], Any] | None = None,
        base: dict[str, str] | None = None,
        base_n: int | None = None,
        allow_empty: bool = False,
    ) -> tuple[InputModel, dict[str, Resolution]]:
        profile = self._profile
        problems: list[QueryProblem] = []
        given: dict[str, tuple[str, Any]] = {}  # key -> (name used, value)
        count: Any = None
        count_name: str | None = None
        for name, raw in fields.items():
            value = _plain(raw)
            if _is_blank(value):
                continue
            form = _key_form(name)
            if isinstance(value, str) and not _encodable(value):
                # lone surrogates (bytes that were not UTF-8 on a command line, "\ud800" in
                # JSON) cannot be sent or even printed
                problems.append(
                    QueryProblem(input_path(index, str(name)), "is not valid Unicode text")
                )
                continue
            if form in _COUNT_KEYS:
                if count_name is not None:
                    problems.append(
                        QueryProblem(
                            input_path(index, "num_samples"),
                            f"given twice (as {count_name!r} and {name!r})",
                        )
                    )
                count, count_name = value, str(name)
                continue
            spec = profile.field(form)
            if spec is None:
                names = [*profile.fields, *profile.alias_map(), *_COUNT_KEYS]
                problems.append(
                    QueryProblem(
                        input_path(index, str(name)),
                        f"unknown key {str(name)!r} for {profile.model_id}",
                        did_you_mean(form, names),
                    )
                )
                continue
            if spec.key in given:
                first = given[spec.key][0]
                problems.append(
                    QueryProblem(
                        input_path(index, spec.key), f"given twice (as {first!r} and {name!r})"
                    )
                )
                continue
            given[spec.key] = (str(name), value)

        meta: dict[str, str] = dict(base or {})
        res: dict[str, Resolution] = {}
        # plain values first: perturbation_type steers how the perturbation word is resolved
        ordered = sorted(given.items(), key=lambda kv: profile.fields[kv[0]].kind == "ontology")
        found: dict[str, tuple[str, str]] = {}  # dose/time taken from the perturbation text
        for key, (_name, value) in ordered:
            spec = profile.fields[key]
            path = input_path(index, key)
            if spec.means_none(value):
                # "healthy" for a disease: the sample has none, so the key is left out
                res[key] = Resolution(
                    index=index,
                    key=key,
                    text=str(value),
                    value="",
                    status="omitted",
                    message=f"{value!r} means no value: {key} is left out",
                )
                continue
            try:
                if spec.kind == "ontology":
                    outcome = resolve_ontology(
                        index,
                        key,
                        value,
                        perturbation_type=meta.get("perturbation_type"),
                        online=self._online,
                        cache=cache,
                    )
                    resolution = outcome.resolution
                    if outcome.dose:
                        found["perturbation_dose"] = (outcome.dose, str(value))
                    if outcome.time:
                        found["perturbation_time"] = (outcome.time, str(value))
                else:
                    resolution = self._plain_resolution(index, spec, value)
            except ValueIssue as exc:
                problems.append(QueryProblem(path, str(exc), exc.suggestions))
                continue
            if not spec.used:
                note = f"{profile.model_id} does not use {key}; it is sent but may be ignored"
                resolution = _add_warning(resolution, note)
            if self._strict and resolution.is_guess:
                problems.append(QueryProblem(path, resolution.message))
                continue
            meta[key] = resolution.value
            res[key] = resolution
        for key, (value, text) in found.items():
            if key in given:
                if key in meta and meta[key] != value:
                    problems.append(
                        QueryProblem(
                            input_path(index, key),
                            f"{meta[key]!r} contradicts {value!r} found in {text!r}",
                        )
                    )
                continue
            meta[key] = value
            res[key] = Resolution(index, key, text, value, "from-text", message=f"from {text!r}")

        if count_name is None:
            n = base_n if base_n is not None else 1
        else:
            try:
                n = self._count(count, index, table=table)
            except QueryError as exc:
                problems.extend(exc.problems)
                n = 1
        if not meta and not problems and not allow_empty:
            problems.append(
                QueryProblem(input_path(index), "an input needs at least one metadata key")
            )
        raise_problems(problems)
        item = InputModel(metadata=Metadata(**meta), num_samples=n)
        order = [*item.metadata.to_dict(profile.metadata_keys)]
        order += [k for k in profile.metadata_keys if k in res and k not in order]  # left out
        return item, {k: res[k] for k in order if k in res}

    def _plain_resolution(self, index: int, spec: FieldSpec, value: Any) -> Resolution:
        wire = coerce_value(spec, value)
        text = value if isinstance(value, str) else str(value)
        status = "given" if wire == text else "normalised"
        resolution = Resolution(index, spec.key, text, wire, status)
        if spec.kind == "age":
            years = float(wire)
            low, high = spec.warn_min, spec.warn_max
            if (low is not None and years < low) or (high is not None and years > high):
                note = f"age {wire} is outside {self.model}'s known range {low:g}-{high:g}"
                resolution = _add_warning(resolution, note)
        return resolution

    # -- output --------------------------------------------------------------------------
    def _effective_settings(self) -> dict[str, Any]:
        out = {"sampling_strategy": self._profile.default_sampling_strategy}
        out.update(self._settings)
        return {k: out[k] for k in _SETTINGS if k in out}

    def to_model(self) -> QueryModel:
        """The validated wire model; :class:`QueryError` when there is no input yet."""
        if not self._inputs:
            message = "the query has no inputs; add one with .add(...)"
            raise QueryError(message, [QueryProblem("inputs", message)])
        return QueryModel(**self._effective_settings(), **self._extras, inputs=list(self._inputs))

    def to_dict(self) -> dict[str, Any]:
        """Exactly the JSON body of the API: strings for metadata values, no nulls, stable order
        (settings, pass-through keys, inputs; metadata keys in the profile's order)."""
        return self.to_model().to_dict(self._profile.metadata_keys)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    # -- reading -------------------------------------------------------------------------
    @classmethod
    def from_dict(
        cls,
        doc: Mapping[str, Any],
        model: str | None = None,
        *,
        strict: bool = False,
        online: bool | None = None,
    ) -> Query:
        """Read a query as sent to the API (see :mod:`synthquery.query.reader` for what is
        tolerated). ``model`` defaults to the one ``modality`` names, else gem-1-bulk."""
        model_id, wire, notes = read_query(doc, model)
        query = cls(model_id, strict=strict, online=online)
        settings = {k: getattr(wire, k) for k in _SETTINGS if getattr(wire, k) is not None}
        extras = {k: v for k, v in wire.extras.items() if v is not None}
        return query._evolve(
            settings=settings,
            extras=extras,
            inputs=tuple(wire.inputs),
            res=tuple({} for _ in wire.inputs),
            notes=tuple(notes),
        )

    @classmethod
    def from_json(
        cls, source: str | bytes | os.PathLike[str], model: str | None = None, **kw: Any
    ) -> Query:
        """Read JSON text, or a file: a path object, or a string that is not JSON but names an
        existing file (``Query.from_json("query.json")``)."""
        if isinstance(source, os.PathLike):
            return cls.from_dict(loads(_read_bytes(source)), model, **kw)
        try:
            doc = loads(source)
        except QueryError:
            if not (isinstance(source, str) and _names_a_file(source)):
                raise
            doc = loads(_read_bytes(source))
        return cls.from_dict(doc, model, **kw)

    @classmethod
    def from_table(
        cls,
        path: str | os.PathLike[str],
        model: str = DEFAULT_MODEL,
        *,
        sheet: str | int | None = None,
        strict: bool = False,
        online: bool | None = None,
    ) -> Query:
        """One input per row of a sample sheet (``.csv``, ``.tsv``/``.txt``; ``.xlsx`` when
        openpyxl is installed). Columns are metadata keys or aliases plus ``n``."""
        from synthquery.query.table import read_table

        rows = read_table(path, sheet=sheet)
        return cls(model, strict=strict, online=online).add_many(rows, source=Path(path).name)

    # -- linting and predicting ------------------------------------------------------------
    def lint(self, *, select: Any = None, ignore: Any = None, config: Any = None) -> Any:
        """Lint this query for its model (:func:`synthquery.lint`); ambiguous or low-confidence
        word resolutions are appended as warnings with code ``RESOLVE`` (select/ignore it by
        that code), since the linter only sees the ids they became."""
        from synthquery.lint import lint as run_lint

        # "RESOLVE" is ours, not a registered rule: keep it out of the linter's selectors
        own_select, own_ignore = _without(select, _RESOLVE), _without(ignore, _RESOLVE)
        only_ours = select is not None and not own_select
        report = run_lint(
            self,
            model=self.model,
            select=None if only_ours else own_select,
            ignore=None if only_ours else own_ignore,
            config=config,
        )
        if only_ours:
            report.diagnostics.clear()
        if _wanted(_RESOLVE, select, ignore):
            report.diagnostics.extend(_resolution_diagnostics(self))
        return report

    def predict(self, client: Any = None, *, allow_uncertain: bool = False, **kw: Any) -> Any:
        """Submit with :class:`synthquery.Client` (lints first). Refuses while word resolutions
        are still guesses unless ``allow_uncertain=True``."""
        guesses = [r for per in self._res for r in per.values() if r.is_guess]
        if guesses and not allow_uncertain:
            problems = [QueryProblem(r.path, r.message) for r in guesses]
            raise_problems(
                problems,
                "unreviewed word resolutions (give the ids, or pass allow_uncertain=True)",
            )
        if client is None:
            from synthquery.client import Client

            client = Client()
        return client.predict(self, self.model, **kw)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _names_a_file(text: str) -> bool:
    if not text or "\n" in text or len(text) > 4096:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def _read_bytes(path: str | os.PathLike[str]) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise QueryError(f"cannot read {path}: {exc.strerror or exc}") from None


def _add_warning(resolution: Resolution, note: str) -> Resolution:
    import dataclasses

    return dataclasses.replace(resolution, warnings=(*resolution.warnings, note))


def _setting_int(name: str, value: Any, minimum: int | None = None) -> int:
    try:
        return coerce_count(value, minimum=minimum if minimum is not None else -(2**63))
    except ValueIssue as exc:
        raise QueryError(f"{name}: {exc}", [QueryProblem(name, str(exc))]) from None


def _records(records: Any) -> list[Mapping[str, Any]]:
    if hasattr(records, "to_dict") and hasattr(records, "columns"):  # a pandas DataFrame
        return list(records.to_dict(orient="records"))
    if isinstance(records, Mapping):
        raise QueryError("add_many() takes a list of dicts or a DataFrame, not one dict; use add()")
    if not isinstance(records, Iterable) or isinstance(records, (str, bytes)):
        raise QueryError(f"add_many() takes a list of dicts or a DataFrame, got {records!r}")
    rows = list(records)
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise QueryError(f"record {i} is of type {type(row).__name__}, expected a dict")
    return rows


def _items(selector: Any) -> list[str]:
    if selector is None:
        return []
    return [selector] if isinstance(selector, str) else [str(i) for i in selector]


def _without(selector: Any, code: str) -> list[str] | None:
    if selector is None:
        return None
    return [i for i in _items(selector) if i.strip().upper() != code]


def _codes(selector: Any) -> set[str]:
    return {i.strip().upper() for i in _items(selector)}


def _wanted(code: str, select: Any, ignore: Any) -> bool:
    if code in _codes(ignore):
        return False
    return select is None or code in _codes(select)


def _resolution_diagnostics(query: Query) -> list[Any]:
    from synthquery.lint.diagnostic import Diagnostic, Severity

    out = []
    for per in query._res:
        for res in per.values():
            if not res.is_guess:
                continue
            out.append(
                Diagnostic(
                    code=_RESOLVE,
                    severity=Severity.WARNING,
                    path=res.path,
                    message=res.message,
                    suggestions=(res.value, *(a.id for a in res.alternatives)),
                    name="query.uncertain-resolution",
                )
            )
    return out
