"""The lint driver: read the input, pick the model, run the rules in one pass, locate, sort."""

from __future__ import annotations

import gc
import os
from collections.abc import Hashable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from synthquery._errors import SynthqueryError
from synthquery.lint._modality import MODALITY_ALIASES
from synthquery.lint._paths import PathError, input_index, join, parse, rebase
from synthquery.lint._source import Loaded, PositionMap, load_text
from synthquery.lint.config import LintConfig
from synthquery.lint.context import WRAPPER_KEY, LintContext
from synthquery.lint.diagnostic import Diagnostic, Fix, FixKind, Severity
from synthquery.lint.registry import Selector, get_registry
from synthquery.lint.report import Report
from synthquery.lint.rule import DocumentRule, InputRule, MetadataRule, Rule, ValueRule

if TYPE_CHECKING:
    from synthquery.profiles import Profile

__all__ = ["infer_model", "lint"]

DEFAULT_MODEL = "gem-1-bulk"


@cache
def _model_for_modality(modality: str) -> str | None:
    from synthquery.profiles import get_profile, profile_names

    for name in profile_names():
        if get_profile(name).modality == modality:
            return name
    return None


def infer_model(doc: Any) -> str:
    """The model a document is meant for: from its ``modality``, else ``gem-1-bulk``."""
    if isinstance(doc, dict) and len(doc) == 1 and isinstance(doc.get(WRAPPER_KEY), dict):
        doc = doc[WRAPPER_KEY]
    if isinstance(doc, dict):
        modality = doc.get("modality")
        if isinstance(modality, str):
            canonical = MODALITY_ALIASES.get(modality.strip().lower())
            if canonical:
                return _model_for_modality(canonical) or DEFAULT_MODEL
    return DEFAULT_MODEL


def _is_query_object(value: Any) -> bool:
    return (
        not isinstance(value, (dict, list, str, bytes))
        and callable(getattr(value, "to_dict", None))
        and isinstance(getattr(value, "model", None), str)
    )


def _read_file(path: os.PathLike[str], limit: int) -> bytes:
    from synthquery._errors import UsageError

    try:
        with open(path, "rb") as handle:
            return handle.read(limit + 1)  # S002 reports anything longer
    except OSError as exc:
        raise UsageError(f"cannot read {os.fspath(path)}: {exc.strerror or exc}") from None


def _json_key(key: Any) -> str:
    # what json.dumps would send for a non-string key (tuples and the like: their text)
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return repr(key) if isinstance(key, (int, float)) else str(key)


_PLAIN_KEYS = frozenset({str})
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _string_keys(value: Any, depth: int = 0) -> Any:
    """``value`` with non-string dict keys (possible only from Python) turned into text.

    JSON keys are strings and every rule relies on it. Only the levels rules read are walked
    (wrapper, top level, inputs, input, metadata), only containers are visited, and a container
    is copied only when something in it changed: a clean 10k-input query costs milliseconds.
    """
    if depth > 4:
        return value
    if isinstance(value, dict):
        if _PLAIN_KEYS.issuperset(map(type, value)) and _SCALARS.issuperset(
            map(type, value.values())
        ):  # the common leaf (a metadata object), checked at C speed
            return value
        renamed = False
        changed: dict[Any, Any] = {}
        for key, child in value.items():
            if key.__class__ is not str:
                renamed = True
            if isinstance(child, (dict, list)):
                new = _string_keys(child, depth + 1)
                if new is not child:
                    changed[key] = new
        if not renamed and not changed:
            return value
        return {
            (key if key.__class__ is str else _json_key(key)): changed.get(key, child)
            for key, child in value.items()
        }
    if isinstance(value, list):
        copy: list[Any] | None = None
        for i, child in enumerate(value):
            if isinstance(child, (dict, list)):
                new = _string_keys(child, depth + 1)
                if new is not child:
                    if copy is None:
                        copy = list(value)
                    copy[i] = new
        return value if copy is None else copy
    return value


def _as_text(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _rebased(prefix: str, d: Diagnostic) -> Diagnostic:
    fix = d.fix
    if fix is not None and fix.kind is not FixKind.UNWRAP:
        fix = Fix(fix.kind, rebase(prefix, fix.path), fix.value, fix.new_key, fix.description)
    # positional: this runs once per finding per input, the hot path of a large query
    return Diagnostic(
        d.code,
        d.severity,
        rebase(prefix, d.path),
        d.message,
        d.suggestions,
        fix,
        d.name,
        d.line,
        d.column,
        d.extra,
    )


_ValueEntry = tuple[Any, list[ValueRule], tuple[str, ...], dict[Hashable, list[Diagnostic]]]
# per metadata key list: (value-rule entries of its keys in order, metadata rules grouped by the
# keys they read with their memo, metadata rules run every time)
_Group = tuple[tuple[str, ...], tuple[MetadataRule, ...], dict[Hashable, list[Diagnostic]]]
_Plan = tuple[list[tuple[str, _ValueEntry]], list[_Group], list[MetadataRule]]


class _Pass:
    """One pass over ``inputs`` with per-value and per-metadata memo tables."""

    def __init__(self, ctx: LintContext, rules: list[Rule]) -> None:
        self.ctx = ctx
        self.input_rules = [r for r in rules if isinstance(r, InputRule)]
        self.picky_input_rules = [r for r in self.input_rules if not r.silent_when_well_formed]
        self.meta_rules = [r for r in rules if isinstance(r, MetadataRule)]
        self.plans: dict[tuple[str, ...], _Plan] = {}
        value_rules = [r for r in rules if isinstance(r, ValueRule)]
        # key -> (spec, rules, the other keys they depend on, memo of findings by value)
        self.per_key: dict[str, _ValueEntry] = {}
        for key, spec in ctx.fields.items():
            chosen = [r for r in value_rules if r.kinds is None or spec.kind in r.kinds]
            deps = tuple(sorted({d for r in chosen for d in r.depends_on}))
            if chosen:
                self.per_key[key] = (spec, chosen, deps, {})
        self.metadata: dict[Hashable, list[Diagnostic]] = {}

    def _value_findings(self, key: str, value: Any, meta: Mapping[str, Any]) -> list[Diagnostic]:
        spec, rules, _, _ = self.per_key[key]
        if isinstance(value, str):
            text: str | None = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            text = _as_text(value)
        else:
            text = None
        found: list[Diagnostic] = []
        for rule in rules:
            found.extend(rule.check(self.ctx, spec, value, text, meta))
        return found

    def _plan(self, keys: tuple[str, ...]) -> _Plan:
        """What runs on metadata with these keys (a query has few distinct key lists)."""
        plan = self.plans.get(keys)
        if plan is not None:
            return plan
        per_key = self.per_key
        values = [(key, per_key[key]) for key in keys if key in per_key]
        present = set(keys)
        plain: list[MetadataRule] = []
        by_reads: dict[tuple[str, ...], list[MetadataRule]] = {}
        for rule in self.meta_rules:
            if rule.keys is not None and rule.keys.isdisjoint(present):
                continue
            if rule.reads is None:
                plain.append(rule)
            else:  # rules reading the same keys share one memo look-up
                by_reads.setdefault(rule.reads, []).append(rule)
        # the memos live in the plan: a rule with ``reads`` may also look at which keys exist
        groups: list[_Group] = [(reads, tuple(rules), {}) for reads, rules in by_reads.items()]
        plan = self.plans[keys] = (values, groups, plain)
        return plan

    def _metadata_findings(self, meta: dict[str, Any]) -> list[Diagnostic]:
        rel: list[Diagnostic] = []
        values, groups, plain = self._plan(tuple(meta))
        for key, (_, _, deps, memos) in values:
            value = meta[key]
            # the class is part of the key: True == 1 == 1.0 but they are different mistakes
            # (a text is its own key: no other value equals a str)
            memo: Hashable = value if value.__class__ is str else (value, value.__class__)
            if deps:
                memo = (memo, *map(meta.get, deps))
            try:
                found = memos.get(memo)
            except TypeError:  # unhashable value: not worth caching
                rel.extend(self._value_findings(key, value, meta))
                continue
            if found is None:
                found = memos[memo] = self._value_findings(key, value, meta)
            if found:
                rel.extend(found)
        ctx = self.ctx
        for reads, rules, seen in groups:
            read = tuple(map(meta.get, reads))
            try:  # classes too, as above
                found = seen.get(projection := (read, tuple(map(type, read))))
            except TypeError:  # unhashable value
                for rule in rules:
                    rel.extend(rule.check(ctx, meta))
                continue
            if found is None:
                found = seen[projection] = [d for rule in rules for d in rule.check(ctx, meta)]
            if found:
                rel.extend(found)
        for rule in plain:
            rel.extend(rule.check(ctx, meta))
        return rel

    def run(self) -> list[Diagnostic]:
        ctx = self.ctx
        out: list[Diagnostic] = []
        inputs_path = ctx.path("inputs")
        input_rules = self.input_rules
        picky = self.picky_input_rules
        minimum = ctx.profile.num_samples_min
        memo = self.metadata
        signatures = ctx.signatures
        total = 0
        for index, item in enumerate(ctx.inputs):
            path = f"{inputs_path}[{index}]"
            if isinstance(item, dict):
                samples = item.get("num_samples")
                meta = item.get("metadata")
                well_formed = (
                    samples.__class__ is int and samples >= minimum and isinstance(meta, dict)
                )
            else:
                well_formed = False
            for rule in picky if well_formed else input_rules:
                out.extend(rule.check(ctx, index, item, path))
            if not isinstance(item, dict):
                continue
            if samples.__class__ is int and samples > 0:
                total += samples
            if not isinstance(meta, dict):
                continue
            try:
                sig: Hashable | None = frozenset(
                    zip(meta.keys(), meta.values(), map(type, meta.values()), strict=True)
                )
            except TypeError:
                sig = None
            if sig is None:
                rel = self._metadata_findings(meta)
            else:
                signatures.append((index, sig))
                rel = memo.get(sig)  # type: ignore[assignment]
                if rel is None:
                    rel = memo[sig] = self._metadata_findings(meta)
            if rel:
                prefix = path + ".metadata"
                out.extend(_rebased(prefix, d) for d in rel)
        ctx.total_samples = total
        return out


def _parent(path: str) -> str | None:
    try:
        parts = parse(path)
    except PathError:
        return None
    return join("", *parts[:-1]) if parts else None


def _locate(diagnostics: list[Diagnostic], positions: PositionMap) -> list[Diagnostic]:
    """Fill line/column from the text; a path absent from it falls back to its nearest ancestor."""
    pending = [d for d in diagnostics if d.line is None]
    positions.locate({d.path for d in pending})
    missing = {d.path for d in pending if positions.value(d.path) is None}
    if missing:  # e.g. "inputs" when the key is absent: point at the enclosing object
        ancestors: set[str] = {""}
        for absent in missing:
            parent = _parent(absent)
            while parent:
                ancestors.add(parent)
                parent = _parent(parent)
        positions.locate(ancestors)
    out = []
    for d in diagnostics:
        if d.line is not None:
            out.append(d)
            continue
        where = positions.key(d.path) if d.extra.get("anchor") == "key" else None
        path: str | None = d.path
        while where is None and path is not None:
            where = positions.value(path)
            path = _parent(path) if path else None
        out.append(replace(d, line=where[0], column=where[1]) if where is not None else d)
    return out


def _sort_key(d: Diagnostic) -> tuple[int, str, str]:
    return (input_index(d.path), d.path, d.code)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection during one lint run.

    A large query makes many small containers that live for the whole run (the parsed
    document, memo keys, findings); each generational collection re-walks them and finds
    nothing to free, which cost about a fifth of the run. The run makes little cyclic garbage,
    so collection simply resumes afterwards (if it was on).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def lint(
    query: Any,
    model: str | Profile | None = None,
    *,
    select: Selector = None,
    ignore: Selector = None,
    config: LintConfig | Mapping[str, Any] | None = None,
) -> Report:
    """Lint a GEM-1 query before it is submitted.

    ``query`` may be a dict, JSON text (``str``/``bytes``) or a file path object (diagnostics
    then carry line and column), a :class:`synthquery.Query`, or any JSON value. ``model``
    (an id, or a :class:`~synthquery.Profile` for custom constraints) defaults to the query's
    own model (a ``Query``), else its ``modality``, else ``gem-1-bulk``. ``select``/``ignore``
    take rule selectors (codes, names, groups, prefixes, globs). Bad input never raises: every
    problem is a diagnostic. Bad *arguments* (unknown model, unknown selector) raise
    :class:`synthquery.UsageError`.
    """
    with _gc_paused():
        return _lint(query, model, select=select, ignore=ignore, config=config)


def _lint(
    query: Any,
    model: str | Profile | None,
    *,
    select: Selector,
    ignore: Selector,
    config: LintConfig | Mapping[str, Any] | None,
) -> Report:
    from synthquery.profiles import Profile, get_profile

    cfg = LintConfig.coerce(config)
    registry = get_registry()
    rule_classes = registry.select(select, ignore)
    downgraded = registry.codes(cfg.warnings)
    loaded: Loaded | None = None
    if isinstance(query, os.PathLike):  # a file: lint its text, so findings get line/column
        query = _read_file(query, cfg.max_bytes)
    if isinstance(query, (str, bytes, bytearray)):
        loaded = load_text(query, max_bytes=cfg.max_bytes, max_depth=cfg.max_depth)
        doc = loaded.doc
    elif _is_query_object(query):
        model = model or query.model
        try:
            doc = query.to_dict()
        except SynthqueryError:  # a builder with no inputs yet: lint what it would send
            doc = None
    else:
        doc = _string_keys(query)
    if isinstance(model, Profile):
        profile = model
    else:
        profile = get_profile(model if model is not None else infer_model(doc))
    if doc is None and _is_query_object(query):
        doc = {"sampling_strategy": profile.default_sampling_strategy, "inputs": []}
    ctx = LintContext(profile, cfg, doc, loaded)
    rules = [cls() for cls in rule_classes]

    diagnostics: list[Diagnostic] = []
    if ctx.problem is None and ctx.query is not None:
        diagnostics.extend(_Pass(ctx, rules).run())
    for rule in rules:
        if isinstance(rule, DocumentRule) and (ctx.problem is None or rule.required):
            diagnostics.extend(rule.check(ctx))

    if downgraded:
        diagnostics = [
            replace(d, severity=Severity.WARNING)
            if d.code in downgraded and d.severity is Severity.ERROR
            else d
            for d in diagnostics
        ]
    positions = ctx.positions
    if positions is not None and diagnostics:
        diagnostics = _locate(diagnostics, positions)
    diagnostics.sort(key=_sort_key)
    return Report(
        diagnostics,
        model=profile.model_id,
        document=doc,
        inputs=len(ctx.inputs),
        options={"model": profile, "select": select, "ignore": ignore, "config": cfg},
    )
