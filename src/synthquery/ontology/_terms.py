"""Immutable records handed out by the vocabulary layer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["ExactHit", "Synonym", "Term", "fold", "term_from_record"]

SCOPES = ("EXACT", "RELATED", "NARROW", "BROAD", "PREVIOUS", "ABBREVIATION")


@dataclass(frozen=True, slots=True)
class Synonym:
    """A synonym of a term: its text, its scope (``EXACT``, ``RELATED``, ...) and source tag."""

    text: str
    scope: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a vocabulary, as recorded in the shipped snapshot.

    ``parents`` is the union of ``is_a``, ``part_of`` and the parents whose relation the source
    does not state. Obsolete terms keep their ``replaced_by`` and ``consider`` ids.
    ``subsets`` names the usage subsets the term belongs to (``"efo"``: linked to an EFO
    class, so used by the EBI annotation resources).
    """

    id: str
    label: str
    vocabulary: str
    synonyms: tuple[Synonym, ...] = ()
    parents: tuple[str, ...] = ()
    is_a: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    obsolete: bool = False
    replaced_by: tuple[str, ...] = ()
    consider: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    subsets: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (synonyms as ``{"text", "scope", "source"}`` objects)."""
        return {
            "id": self.id,
            "label": self.label,
            "vocabulary": self.vocabulary,
            "synonyms": [
                {"text": s.text, "scope": s.scope, "source": s.source} for s in self.synonyms
            ],
            "parents": list(self.parents),
            "is_a": list(self.is_a),
            "part_of": list(self.part_of),
            "obsolete": self.obsolete,
            "replaced_by": list(self.replaced_by),
            "consider": list(self.consider),
            "xrefs": list(self.xrefs),
            "subsets": list(self.subsets),
        }


@dataclass(frozen=True, slots=True)
class ExactHit:
    """A whole-string, case-insensitive match of a label (``kind="label"``) or synonym."""

    term: Term
    kind: str  # "label" | "synonym"
    scope: str  # "" for labels
    source: str


def _ids(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):  # tolerate a scalar where a list is expected
        return (value,)
    return tuple(str(v) for v in value)


def _union(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x for group in groups for x in group))


def term_from_record(
    term_id: str, label: str, vocabulary: str, obsolete: bool, body: Mapping[str, Any]
) -> Term:
    """Build a :class:`Term` from the snapshot fields (``body`` holds the optional keys)."""
    synonyms = tuple(
        Synonym(str(s[0]), str(s[1]) if len(s) > 1 else "", str(s[2]) if len(s) > 2 else "")
        for s in body.get("synonyms") or ()
    )
    is_a = _ids(body.get("is_a"))
    part_of = _ids(body.get("part_of"))
    return Term(
        id=term_id,
        label=label,
        vocabulary=vocabulary,
        synonyms=synonyms,
        parents=_union(is_a, part_of, _ids(body.get("parents"))),
        is_a=is_a,
        part_of=part_of,
        obsolete=obsolete,
        replaced_by=_ids(body.get("replaced_by")),
        consider=_ids(body.get("consider")),
        xrefs=_ids(body.get("xrefs")),
        subsets=_ids(body.get("subsets")),
    )


def fold(text: str) -> str:
    """The exact-match key of a name: case-folded, whitespace runs collapsed, ends trimmed."""
    return " ".join(text.split()).casefold()
