"""What every rule sees: the document, the model profile, config, locations and caches."""

from __future__ import annotations

from collections.abc import Hashable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from synthquery._errors import SynthqueryError
from synthquery.lint._paths import Part, join
from synthquery.lint.config import LintConfig

if TYPE_CHECKING:
    from synthquery.lint._source import Loaded, PositionMap, Problem
    from synthquery.ontology import IdValidation, Term, Vocabulary
    from synthquery.profiles import Profile
    from synthquery.resolve import LookupResult

__all__ = ["WRAPPER_KEY", "LintContext"]

WRAPPER_KEY = "example_query"


class LintContext:
    """One lint run's state. Rules read it; only the engine writes the ``input pass`` fields.

    ``root`` is the whole document; ``query`` the query object inside it (the document itself,
    or the value of a lone ``example_query`` wrapper, in which case ``base`` is
    ``"example_query"`` and every path is under it). Memoised look-ups (id validation, hierarchy
    tests, label grounding, OLS) live here so each distinct value costs once per run.
    """

    def __init__(self, profile: Profile, config: LintConfig, root: Any, loaded: Loaded | None):
        self.profile = profile
        self.model = profile.model_id
        self.config = config
        self.root = root
        self.text: str | None = loaded.text if loaded else None
        self._positions: PositionMap | None = None
        self.problem: Problem | None = loaded.problem if loaded else None
        self.duplicate_keys: dict[int, list[str]] = loaded.duplicate_keys if loaded else {}
        self.base = ""
        self.query: dict[str, Any] | None = root if isinstance(root, dict) else None
        if isinstance(root, dict) and len(root) == 1 and isinstance(root.get(WRAPPER_KEY), dict):
            self.base = WRAPPER_KEY
            self.query = root[WRAPPER_KEY]
        inputs = self.query.get("inputs") if self.query is not None else None
        self.inputs: list[Any] = inputs if isinstance(inputs, list) else []
        self.fields = profile.fields
        # filled by the engine's input pass
        self.signatures: list[tuple[int, Hashable]] = []
        self.total_samples = 0
        # memo tables
        self._ids: dict[tuple[str, str], IdValidation] = {}
        self._descends: dict[tuple[str, str, str], bool] = {}
        self._lookups: dict[tuple[str, str, str | None], LookupResult | None] = {}
        self._ols: dict[str, Any] = {}
        self._imported: dict[str, frozenset[str] | None] = {}
        self._vocabs: dict[str, Vocabulary] = {}

    @property
    def positions(self) -> PositionMap | None:
        """JSON path -> line/column when linting text (built on first use), else None."""
        if self._positions is None and self.text is not None:
            from synthquery.lint._source import PositionMap

            self._positions = PositionMap(self.text)
        return self._positions

    # -- paths -----------------------------------------------------------------------------
    def path(self, *parts: Part) -> str:
        """An absolute path under the query (``ctx.path("inputs", 0)``)."""
        return join(self.base, *parts)

    # -- vocabulary look-ups (memoised) -----------------------------------------------------
    def validate_id(self, key: str, value: str) -> IdValidation:
        memo = (key, value)
        found = self._ids.get(memo)
        if found is None:
            from synthquery.ontology import validate_id

            found = self._ids[memo] = validate_id(value, key)
        return found

    def vocab(self, name: str) -> Vocabulary:
        # once per run: each look-up re-reads the environment to find the current snapshot
        found = self._vocabs.get(name)
        if found is None:
            from synthquery.ontology import vocab

            found = self._vocabs[name] = vocab(name)
        return found

    def term(self, vocabulary: str, term_id: str) -> Term | None:
        try:
            return self.vocab(vocabulary).get(term_id)
        except SynthqueryError:
            return None

    def current(self, vocabulary: str, term_id: str) -> Term | None:
        """The live term ``term_id`` was replaced by (following chains), if any."""
        try:
            return self.vocab(vocabulary).current(term_id)
        except SynthqueryError:
            return None

    def is_descendant(self, vocabulary: str, term_id: str, ancestor: str) -> bool:
        memo = (vocabulary, term_id, ancestor)
        found = self._descends.get(memo)
        if found is None:
            try:
                found = self.vocab(vocabulary).is_descendant(term_id, ancestor, with_self=True)
            except SynthqueryError:
                found = False
            self._descends[memo] = found
        return found

    def lookup(self, key: str, text: str, perturbation_type: str | None) -> LookupResult | None:
        """Ground a label found where an id belongs; None when grounding is off or fails."""
        if not self.config.resolve_labels:
            return None
        memo = (key, text, perturbation_type)
        if memo in self._lookups:
            return self._lookups[memo]
        from synthquery.resolve import lookup

        try:
            result = lookup(
                text,
                key,
                limit=5,
                online=None if self.config.use_network else False,
                perturbation_type=perturbation_type,
            )
        except (SynthqueryError, ArithmeticError, ValueError):
            # grounding only adds suggestions: a failure there must not sink the lint
            result = None
        self._lookups[memo] = result
        return result

    def ols_term(self, wire_id: str) -> Any:
        """The OLS record of an id missing from the snapshot (None offline or when unknown)."""
        if not self.config.use_network:
            return None
        if wire_id in self._ols:
            return self._ols[wire_id]
        from synthquery.ols import default_client

        hit = None
        try:
            result = default_client().term(wire_id)
            if result.source in ("network", "cache", "stale-cache") and result.hits:
                hit = result.hits[0]
        except SynthqueryError:
            hit = None
        self._ols[wire_id] = hit
        return hit

    def imported(self, key: str) -> frozenset[str] | None:
        if key not in self._imported:
            values = self.profile.imported_values(key)
            spec = self.profile.fields.get(key)
            if values is not None and spec is not None and spec.kind == "ontology":
                values = _wire_ids(values, key)
            self._imported[key] = values
        return self._imported[key]


@lru_cache(maxsize=32)
def _wire_ids(values: frozenset[str], key: str) -> frozenset[str]:
    """An imported id list in wire form: a list written ``UBERON_0002048`` (or lower case) must
    not make the linter reject ``UBERON:0002048``."""
    from synthquery.ontology import normalize_id

    return frozenset(normalize_id(v, key).wire_id or v for v in values)
