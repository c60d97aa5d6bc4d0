"""S: the shape of the query document: JSON, an object, the keys and types the API reads."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from synthquery.lint._modality import MODALITY_ALIASES
from synthquery.lint._paths import join
from synthquery.lint.context import WRAPPER_KEY, LintContext
from synthquery.lint.diagnostic import Diagnostic, Fix, Severity
from synthquery.lint.rule import DocumentRule, InputRule
from synthquery.lint.rules._util import (
    as_bool,
    as_int,
    close_matches,
    norm_key,
    show,
    similarity,
    type_name,
)

__all__ = ["RULES"]

#: top-level keys the API (or its clients) use; ``mode`` is S010's business
QUERY_KEYS = (
    "sampling_strategy",
    "inputs",
    "total_count",
    "deterministic_latents",
    "seed",
    "modality",
    "source",
)
INPUT_KEYS = ("metadata", "num_samples")
_GROUPS = ("all", "structure")
_ABSENT = object()


class InvalidJson(DocumentRule):
    """The text is not valid JSON.

    Reported with the decoder's line and column. Nothing else can be checked until it parses.
    This rule cannot be deselected.

    **Anti-pattern**

    A trailing comma, single quotes or a Python literal::

        {'sampling_strategy': 'mean estimation', "inputs": [],}

    **Best practice**

    Strict JSON, as ``json.dumps`` writes it::

        {"sampling_strategy": "mean estimation", "inputs": [...]}
    """

    code = "S001"
    name = "structure.invalid_json"
    summary = "The query is not valid JSON."
    groups = _GROUPS
    required = True

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        problem = ctx.problem
        if problem is not None and problem.kind == "invalid":
            yield self.diagnostic(
                "",
                f"invalid JSON: {problem.message}",
                line=problem.line,
                column=problem.column,
            )


class TooLarge(DocumentRule):
    """The document exceeds the size or nesting bounds the linter reads.

    Queries nest four levels deep and are at most a few megabytes; anything far beyond that is
    almost certainly not a query, and reading it would cost unbounded memory or stack. Raise the
    bounds with ``config={"max_bytes": ..., "max_depth": ...}`` if you really need to. This rule
    cannot be deselected.

    **Anti-pattern**

    A multi-gigabyte file, or ``[[[[...]]]]`` nested thousands of levels deep.

    **Best practice**

    Split very large jobs into several queries; keep metadata values flat strings.
    """

    code = "S002"
    name = "structure.too_large"
    summary = "The document is too large or nested too deeply to lint."
    groups = _GROUPS
    required = True

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        problem = ctx.problem
        if problem is not None and problem.kind in ("too_large", "too_deep"):
            yield self.diagnostic("", problem.message, line=problem.line, column=problem.column)


class NotAnObject(DocumentRule):
    """The query is not a JSON object.

    The API's request body is one object with ``sampling_strategy`` and ``inputs``.

    **Anti-pattern**

    Sending the list of inputs alone::

        [{"metadata": {"sex": "female"}, "num_samples": 2}]

    **Best practice**

    ::

        {"sampling_strategy": "mean estimation",
         "inputs": [{"metadata": {"sex": "female"}, "num_samples": 2}]}
    """

    code = "S003"
    name = "structure.not_an_object"
    summary = "The query must be a JSON object."
    groups = _GROUPS

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        if ctx.problem is not None or isinstance(ctx.root, dict):
            return
        hint = []
        if isinstance(ctx.root, list) and ctx.root and all(isinstance(x, dict) for x in ctx.root):
            hint = ['wrap it: {"sampling_strategy": ..., "inputs": <this list>}']
        yield self.diagnostic(
            "", f"a query is a JSON object; got {type_name(ctx.root)}", suggestions=hint
        )


class ExampleQueryWrapper(DocumentRule):
    """The ``{"example_query": {...}}`` wrapper was passed as the query.

    The example-query endpoint (and ``get_example_query``) return the query wrapped in an
    ``example_query`` key; the predict endpoint wants the inner object. The rest of the query is
    still linted, under ``example_query``.

    **Anti-pattern**

    ::

        {"example_query": {"sampling_strategy": "sample generation", "inputs": [...]}}

    **Best practice**

    ::

        {"sampling_strategy": "sample generation", "inputs": [...]}
    """

    code = "S004"
    name = "structure.example_query_wrapper"
    summary = "The example-query wrapper must be removed before predicting."
    groups = _GROUPS
    fixable = True

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        root = ctx.root
        if not isinstance(root, dict) or not isinstance(root.get(WRAPPER_KEY), dict):
            return
        fix = None
        if len(root) == 1:
            fix = Fix.unwrap(WRAPPER_KEY, "use the object inside `example_query` as the query")
        yield self.diagnostic(
            WRAPPER_KEY,
            "the query is wrapped in `example_query`; send the inner object",
            fix=fix,
            anchor_key=True,
        )


class MissingInputs(DocumentRule):
    """``inputs`` is missing or is not a list.

    Each element of ``inputs`` describes one group of samples. A single input object written
    without the list is wrapped in one (fix).

    **Anti-pattern**

    ::

        {"sampling_strategy": "mean estimation",
         "inputs": {"metadata": {"sex": "male"}, "num_samples": 1}}

    **Best practice**

    ::

        {"sampling_strategy": "mean estimation",
         "inputs": [{"metadata": {"sex": "male"}, "num_samples": 1}]}
    """

    code = "S005"
    name = "structure.missing_inputs"
    summary = "The query needs an `inputs` list."
    groups = _GROUPS
    fixable = True

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        query = ctx.query
        if query is None:
            return
        path = ctx.path("inputs")
        if "inputs" not in query:
            yield self.diagnostic(path, "the query has no `inputs`")
            return
        inputs = query["inputs"]
        if isinstance(inputs, list):
            return
        fix = None
        if isinstance(inputs, dict) and "metadata" in inputs:
            fix = Fix.replace(path, [inputs], "wrap the single input in a list")
        yield self.diagnostic(path, f"`inputs` must be a list; got {type_name(inputs)}", fix=fix)


class EmptyInputs(DocumentRule):
    """``inputs`` is an empty list: there is nothing to generate.

    **Anti-pattern**

    ::

        {"sampling_strategy": "mean estimation", "inputs": []}

    **Best practice**

    At least one input::

        {"sampling_strategy": "mean estimation",
         "inputs": [{"metadata": {"tissue_ontology_id": "UBERON:0002048"}, "num_samples": 1}]}
    """

    code = "S006"
    name = "structure.empty_inputs"
    summary = "`inputs` must not be empty."
    groups = _GROUPS

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        if ctx.query is not None and ctx.query.get("inputs") == []:
            yield self.diagnostic(ctx.path("inputs"), "`inputs` is empty")


class InputNotObject(InputRule):
    """An element of ``inputs`` is not an object.

    **Anti-pattern**

    ::

        "inputs": ["UBERON:0002048", 5]

    **Best practice**

    ::

        "inputs": [{"metadata": {"tissue_ontology_id": "UBERON:0002048"}, "num_samples": 5}]
    """

    code = "S007"
    name = "structure.input_not_object"
    summary = "Each input must be an object with `metadata` and `num_samples`."
    groups = _GROUPS
    silent_when_well_formed = True

    def check(self, ctx: LintContext, index: int, item: Any, path: str) -> Iterable[Diagnostic]:
        if isinstance(item, dict):  # input rules run per input: plain returns, no generators
            return ()
        return (self.diagnostic(path, f"an input must be an object; got {type_name(item)}"),)


class MetadataNotObject(InputRule):
    """An input's ``metadata`` is missing or is not an object.

    **Anti-pattern**

    ::

        {"metadata": "lung, female", "num_samples": 2}

    **Best practice**

    ::

        {"metadata": {"tissue_ontology_id": "UBERON:0002048", "sex": "female"},
         "num_samples": 2}
    """

    code = "S008"
    name = "structure.metadata_not_object"
    summary = "Each input needs a `metadata` object."
    groups = _GROUPS
    silent_when_well_formed = True

    def check(self, ctx: LintContext, index: int, item: Any, path: str) -> Iterable[Diagnostic]:
        if not isinstance(item, dict):
            return ()
        meta = item.get("metadata", _ABSENT)
        if isinstance(meta, dict):
            return ()
        if meta is _ABSENT:
            return (self.diagnostic(path + ".metadata", "the input has no `metadata`"),)
        got = type_name(meta)
        return (self.diagnostic(path + ".metadata", f"`metadata` must be an object; got {got}"),)


class MissingSamplingStrategy(DocumentRule):
    """``sampling_strategy`` is missing.

    The API requires it: ``sample generation`` (realistic samples, bulk only) or
    ``mean estimation`` (the expected profile; every model). No fix: which one you want changes
    the result.

    **Anti-pattern**

    ::

        {"inputs": [...]}

    **Best practice**

    ::

        {"sampling_strategy": "mean estimation", "inputs": [...]}
    """

    code = "S009"
    name = "structure.missing_sampling_strategy"
    summary = "The query needs a `sampling_strategy`."
    groups = _GROUPS

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        query = ctx.query
        if query is None or "sampling_strategy" in query or "mode" in query:
            return
        yield self.diagnostic(
            ctx.path("sampling_strategy"),
            "the query has no `sampling_strategy`",
            suggestions=ctx.profile.sampling_strategies,
        )


class LegacyMode(DocumentRule):
    """The legacy ``mode`` key is used instead of ``sampling_strategy``.

    Older clients sent ``mode``; the API reads ``sampling_strategy``. Fixed by renaming (or by
    deleting ``mode`` when ``sampling_strategy`` is also present with the same value).

    **Anti-pattern**

    ::

        {"mode": "mean estimation", "inputs": [...]}

    **Best practice**

    ::

        {"sampling_strategy": "mean estimation", "inputs": [...]}
    """

    code = "S010"
    name = "structure.legacy_mode"
    summary = "`mode` is the legacy name of `sampling_strategy`."
    groups = _GROUPS
    fixable = True

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        query = ctx.query
        if query is None or "mode" not in query:
            return
        path = ctx.path("mode")
        if "sampling_strategy" not in query:
            fix = Fix.rename_key(path, "sampling_strategy", "rename `mode` to `sampling_strategy`")
            yield self.diagnostic(
                path, "`mode` is the legacy name of `sampling_strategy`", fix=fix, anchor_key=True
            )
        elif query["mode"] == query["sampling_strategy"]:
            fix = Fix.delete(path, "delete the redundant `mode`")
            yield self.diagnostic(
                path, "legacy `mode` duplicates `sampling_strategy`", fix=fix, anchor_key=True
            )
        else:
            yield self.diagnostic(
                path,
                f"legacy `mode` ({show(query['mode'])}) contradicts `sampling_strategy`",
                suggestions=["delete `mode`"],
                anchor_key=True,
            )


class Modality(DocumentRule):
    """``modality`` contradicts the model (or is not a modality).

    The server's example queries carry ``"modality": "bulk"`` or ``"single-cell"``; it is
    accepted when it matches the model linted against. Another spelling of the same modality
    (``"Single cell"``) is fixed to the canonical one.

    **Anti-pattern**

    Linting or sending for ``gem-1-bulk``::

        {"modality": "single-cell", "sampling_strategy": "sample generation", ...}

    **Best practice**

    ::

        {"modality": "bulk", "sampling_strategy": "sample generation", ...}

    or no ``modality`` at all, with the model chosen by the endpoint.
    """

    code = "S011"
    name = "structure.modality"
    summary = "`modality` must match the model."
    groups = _GROUPS
    fixable = True

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        query = ctx.query
        if query is None or "modality" not in query:
            return
        value = query["modality"]
        path = ctx.path("modality")
        expected = ctx.profile.modality
        canonical = MODALITY_ALIASES.get(value.strip().lower()) if isinstance(value, str) else None
        if canonical is None:
            yield self.diagnostic(
                path,
                f"{show(value)} is not a modality; {ctx.model} is {show(expected)}",
                suggestions=[expected],
            )
        elif canonical != expected:
            yield self.diagnostic(
                path,
                f"modality {show(value)} contradicts the model {ctx.model} ({expected})",
                suggestions=[expected],
            )
        elif value != expected:
            yield self.diagnostic(
                path,
                f"write the modality as {show(expected)}",
                fix=Fix.replace(path, expected, f"set `modality` to {show(expected)}"),
            )


def _int_fix(path: str, value: Any) -> Fix | None:
    number = as_int(value)
    if number is None:
        return None
    return Fix.replace(path, number, f"write {number} as a JSON integer")


class WrongType(DocumentRule):
    """A query-level setting has the wrong JSON type.

    ``total_count`` and ``seed`` are integers, ``deterministic_latents`` a boolean and
    ``sampling_strategy`` a string. Values that certainly mean the right thing (``"5"``,
    ``5.0``, ``"true"``) are fixed; ``null`` for an optional setting is deleted (the default
    applies either way).

    **Anti-pattern**

    ::

        {"seed": "42", "total_count": 1e7, "deterministic_latents": "false", ...}

    **Best practice**

    ::

        {"seed": 42, "total_count": 10000000, "deterministic_latents": false, ...}
    """

    code = "S012"
    name = "structure.wrong_type"
    summary = "A query-level setting has the wrong JSON type."
    groups = _GROUPS
    fixable = True

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        query = ctx.query
        if query is None:
            return
        for key in ("total_count", "seed"):
            if key not in query:
                continue
            value = query[key]
            if isinstance(value, int) and not isinstance(value, bool):
                continue
            path = ctx.path(key)
            fix = (
                Fix.delete(path, f"delete `{key}`: null means the default")
                if value is None
                else _int_fix(path, value)
            )
            yield self.diagnostic(
                path, f"`{key}` must be an integer; got {type_name(value)} {show(value)}", fix=fix
            )
        if "deterministic_latents" in query:
            value = query["deterministic_latents"]
            if not isinstance(value, bool):
                path = ctx.path("deterministic_latents")
                fix = None
                if value is None:
                    fix = Fix.delete(path, "delete `deterministic_latents`: null means the default")
                elif as_bool(value) is not None:
                    fix = Fix.replace(path, as_bool(value), "write it as a JSON boolean")
                yield self.diagnostic(
                    path,
                    f"`deterministic_latents` must be true or false; got {type_name(value)}"
                    f" {show(value)}",
                    fix=fix,
                )
        if "sampling_strategy" in query and not isinstance(query["sampling_strategy"], str):
            value = query["sampling_strategy"]
            yield self.diagnostic(
                ctx.path("sampling_strategy"),
                f"`sampling_strategy` must be a string; got {type_name(value)}",
                suggestions=ctx.profile.sampling_strategies,
            )


class NumSamplesType(InputRule):
    """An input's ``num_samples`` is missing or is not an integer.

    ``"5"`` and ``5.0`` are fixed to ``5``; a missing count is not guessed.

    **Anti-pattern**

    ::

        {"metadata": {...}, "num_samples": "5"}

    **Best practice**

    ::

        {"metadata": {...}, "num_samples": 5}
    """

    code = "S013"
    name = "structure.num_samples"
    summary = "Each input needs an integer `num_samples`."
    groups = _GROUPS
    silent_when_well_formed = True
    fixable = True

    def check(self, ctx: LintContext, index: int, item: Any, path: str) -> Iterable[Diagnostic]:
        if not isinstance(item, dict):
            return ()
        value = item.get("num_samples", _ABSENT)
        if value.__class__ is int:
            return ()
        if value is _ABSENT:
            return (
                self.diagnostic(
                    path + ".num_samples",
                    "the input has no `num_samples`",
                    suggestions=[str(ctx.profile.num_samples_min)],
                ),
            )
        return (
            self.diagnostic(
                path + ".num_samples",
                f"`num_samples` must be an integer; got {type_name(value)} {show(value)}",
                fix=_int_fix(path + ".num_samples", value),
            ),
        )


def _rename_target(key: str, known: tuple[str, ...]) -> tuple[str | None, list[str]]:
    """(the key certainly meant, suggestions) for an unknown key among ``known``."""
    normalized = norm_key(key)
    if normalized in known:
        return normalized, [normalized]
    close = close_matches(key, known, n=3, cutoff=0.6)
    strong = [c for c in close if similarity(key, c) >= 0.85]
    target = strong[0] if len(strong) == 1 else None
    return target, close


class UnknownKey(DocumentRule):
    """An unknown key at the query or input level (warning).

    The API passes unknown top-level keys through to server-side validation, so they are at
    best ignored. Known: ``sampling_strategy``, ``inputs``, ``total_count``,
    ``deterministic_latents``, ``seed``, ``modality``, ``source``; per input ``metadata`` and
    ``num_samples``. A key that certainly means a known one (``samplingStrategy``,
    ``num_sample``) is renamed when the known key is absent. A metadata key placed beside
    ``metadata`` is pointed out.

    **Anti-pattern**

    ::

        {"samplingStrategy": "mean estimation",
         "inputs": [{"sex": "male", "num_samples": 1}]}

    **Best practice**

    ::

        {"sampling_strategy": "mean estimation",
         "inputs": [{"metadata": {"sex": "male"}, "num_samples": 1}]}
    """

    code = "S014"
    name = "structure.unknown_key"
    summary = "Unknown key at the query or input level."
    groups = _GROUPS
    severity = Severity.WARNING
    fixable = True

    def _one(
        self,
        ctx: LintContext,
        container: dict[str, Any],
        parent: str,
        key: str,
        known: tuple[str, ...],
    ) -> Diagnostic:
        path = join(parent, key)
        field = ctx.profile.field(key)
        if field is not None:
            where = "inside `metadata`" if "inputs[" in parent else "in each input's `metadata`"
            return self.diagnostic(
                path,
                f"unknown key {show(key)}: metadata keys go {where}",
                suggestions=[f"move it into metadata as `{field.key}`"],
                anchor_key=True,
            )
        target, close = _rename_target(key, known)
        fix = None
        if target is not None and target not in container:
            fix = Fix.rename_key(path, target, f"rename {show(key)} to `{target}`")
        return self.diagnostic(
            path, f"unknown key {show(key)}", suggestions=close, fix=fix, anchor_key=True
        )

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        query = ctx.query
        if query is None:
            return
        for key in query:
            if key in QUERY_KEYS or key == "mode":
                continue
            if key == WRAPPER_KEY and not ctx.base:
                continue  # S004 reports the wrapper
            yield self._one(ctx, query, ctx.base, key, QUERY_KEYS)
        inputs_path = ctx.path("inputs")
        for index, item in enumerate(ctx.inputs):
            if isinstance(item, dict):
                for key in item:
                    if key not in INPUT_KEYS:
                        yield self._one(ctx, item, f"{inputs_path}[{index}]", key, INPUT_KEYS)


class DuplicateKey(DocumentRule):
    """A key appears twice in the same JSON object (warning).

    JSON parsers keep the last value silently, so the first is lost. Only detectable when linting
    text (files, stdin, JSON strings).

    **Anti-pattern**

    ::

        "metadata": {"tissue_ontology_id": "UBERON:0002048", "tissue_ontology_id": "UBERON:0000945"}

    **Best practice**

    One key, one value; split into two inputs if you meant two tissues.
    """

    code = "S015"
    name = "structure.duplicate_key"
    summary = "A key is repeated in one object; only the last value is kept."
    groups = _GROUPS
    severity = Severity.WARNING

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        if not ctx.duplicate_keys:
            return
        # iterative walk (depth is bounded by S002) mapping object ids to paths
        stack: list[tuple[str, Any]] = [("", ctx.root)]
        while stack:
            path, node = stack.pop()
            if isinstance(node, dict):
                for key in ctx.duplicate_keys.get(id(node), ()):
                    yield self.diagnostic(
                        join(path, key),
                        f"key {show(key)} appears more than once; the last value wins",
                        anchor_key=True,
                    )
                stack.extend(
                    (join(path, k), v) for k, v in node.items() if isinstance(v, (dict, list))
                )
            elif isinstance(node, list):
                stack.extend(
                    (join(path, i), v) for i, v in enumerate(node) if isinstance(v, (dict, list))
                )


RULES = (
    InvalidJson,
    TooLarge,
    NotAnObject,
    ExampleQueryWrapper,
    MissingInputs,
    EmptyInputs,
    InputNotObject,
    MetadataNotObject,
    MissingSamplingStrategy,
    LegacyMode,
    Modality,
    WrongType,
    NumSamplesType,
    UnknownKey,
    DuplicateKey,
)
