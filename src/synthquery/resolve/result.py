"""What a lookup returns: ranked :class:`Candidate` objects inside a :class:`LookupResult`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["CONFIDENT", "Candidate", "LookupResult"]

#: calibrated score from which the builder and the linter accept a grounding without asking
CONFIDENT = 0.9


@dataclass(frozen=True)
class Candidate:
    """One ranked answer.

    ``score`` is calibrated in [0, 1] (about that share of answers with this score were right on
    the development set); ``match`` says how the text reached the term: ``label``,
    ``synonym:EXACT``, ``synonym:RELATED(mesh)``, ``normalized label``, ``word order label``,
    ``fuzzy synonym:EXACT``, ``id``, each possibly followed by ``after <rewrites>`` (the
    rewrites of the text it needed, e.g. ``label after formula``, ``label after first_conjunct``)
    and ``via replacement of <old id>``.
    """

    id: str
    label: str
    score: float
    match: str
    vocabulary: str
    version: str
    source: str = "snapshot"  # "snapshot", "ols" or "ols-cache"
    #: the text (less any dose/time) is the term's id or label, unchanged but for case
    exact: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "score": self.score, "match": self.match}

    @property
    def trusted(self) -> bool:
        """Usable without review: a calibrated score of at least :data:`CONFIDENT`, or the
        text is the term's own id or label. (Curators on the development set often filed an
        exact label under a broader or EFO-linked term, which caps the calibrated score of
        such labels; the user who types a label still means that term.)"""
        return self.exact or self.score >= CONFIDENT


@dataclass(frozen=True)
class LookupResult:
    """The answer of :func:`synthquery.resolve.lookup` for one text."""

    query: str
    field: str
    candidates: tuple[Candidate, ...]
    ambiguous: bool = False
    dose: str | None = None  # canonical, e.g. "10 um", when stripped from compound text
    time: str | None = None  # canonical, e.g. "24 hours"
    warnings: tuple[str, ...] = ()

    @property
    def best(self) -> Candidate | None:
        """The top candidate, or None when nothing matched."""
        return self.candidates[0] if self.candidates else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "query": self.query,
            "candidates": [c.to_dict() for c in self.candidates],
        }
        if self.ambiguous:
            out["ambiguous"] = True
        if self.dose is not None:
            out["dose"] = self.dose
        if self.time is not None:
            out["time"] = self.time
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out
