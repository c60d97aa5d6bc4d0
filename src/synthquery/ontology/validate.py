"""``validate_id``: is this value an acceptable id for this metadata field, and if not, why."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from synthquery._errors import UnknownVocabularyError
from synthquery.ontology._terms import Term
from synthquery.ontology.ids import example_id, field_vocabularies, normalize_id

__all__ = ["IdStatus", "IdValidation", "validate_id"]


class IdStatus(str, enum.Enum):
    VALID = "valid"
    MALFORMED = "malformed"  # not readable as an id of any kind
    WRONG_VOCABULARY = "wrong_vocabulary"  # a well-formed id of a kind the field does not take
    UNKNOWN = "unknown"  # well-formed, right kind, not in the snapshot
    OBSOLETE = "obsolete"  # in the snapshot but obsolete; see replacements / consider
    UNVERIFIABLE = "unverifiable"  # well-formed but not checkable offline (most ChEMBL ids)

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class IdValidation:
    """The verdict on one id for one field.

    ``replacements`` are live terms that replace an obsolete one (``replaced_by``, chains
    followed); ``consider`` the snapshot's suggestions when there is no replacement.
    ``changes`` is non-empty when the value was valid only after normalisation.
    """

    status: IdStatus
    original: Any
    wire_id: str | None
    vocabulary: str | None
    term: Term | None
    replacements: tuple[str, ...] = ()
    consider: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status is IdStatus.VALID

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "original": self.original,
            "wire_id": self.wire_id,
            "vocabulary": self.vocabulary,
            "label": self.term.label if self.term is not None else None,
            "replacements": list(self.replacements),
            "consider": list(self.consider),
            "changes": list(self.changes),
            "message": self.message,
        }


def _names(kinds: tuple[str, ...]) -> str:
    return " or ".join(f"{k} ids (e.g. {example_id(k)})" for k in kinds)


def _describe(term: Term) -> str:
    return f"{term.id} ({term.label})" if term.label else term.id


def _labelled(vocabulary: Any, ids: tuple[str, ...]) -> str:
    parts = []
    for i in ids:
        term = vocabulary.get(i)
        parts.append(f"{i} ({term.label})" if term is not None and term.label else i)
    return ", ".join(parts)


def validate_id(value: Any, field: str) -> IdValidation:
    """Check ``value`` as an id for ``field`` (``"tissue_ontology_id"`` or ``"tissue"``, ...).

    Raises only :class:`UnknownFieldError` for an unknown field; every problem with the value
    is reported in the returned :class:`IdValidation`.
    """
    from synthquery.ontology.vocabulary import vocab

    kinds = field_vocabularies(field)
    norm = normalize_id(value)
    changes = norm.changes
    if norm.wire_id is None or norm.vocabulary is None:
        return IdValidation(
            IdStatus.MALFORMED,
            value,
            None,
            None,
            None,
            message=f"{value!r} is not a valid id; {field} takes {_names(kinds)}",
        )
    wire, kind = norm.wire_id, norm.vocabulary

    def result(
        status: IdStatus, message: str, term: Term | None = None, **extra: Any
    ) -> IdValidation:
        return IdValidation(
            status, value, wire, kind, term, changes=changes, message=message, **extra
        )

    if kind not in kinds:
        return result(
            IdStatus.WRONG_VOCABULARY, f"{wire} is a {kind} id; {field} takes {_names(kinds)}"
        )
    lookup_in = "CHEBI" if kind == "CHEMBL" else kind
    try:
        vocabulary = vocab(lookup_in)
    except UnknownVocabularyError:
        return result(
            IdStatus.UNVERIFIABLE,
            f"{wire} is well-formed, but there is no {lookup_in} snapshot to check it",
        )
    term: Term | None  # None when the id is not in the snapshot
    if kind == "CHEMBL":
        mapped = vocabulary.by_xref(wire)
        if not mapped:
            return result(
                IdStatus.UNVERIFIABLE,
                (
                    f"{wire} is a well-formed ChEMBL id but not in the offline ChEMBL-to-ChEBI "
                    "table, so it cannot be confirmed offline"
                ),
            )
        term = mapped[0]
        return result(IdStatus.VALID, f"{wire} maps to {_describe(term)}", term=term)
    term = vocabulary.get(wire)
    if term is None:
        return result(
            IdStatus.UNKNOWN,
            f"{wire} is well-formed but not a {kind} term (snapshot {vocabulary.version})",
        )
    if term.obsolete:
        replacements: list[str] = []
        for rid in term.replaced_by:
            live = vocabulary.current(rid)
            replacements.append(live.id if live is not None else rid)
        replacements = list(dict.fromkeys(replacements))
        if replacements:
            advice = f"replaced by {_labelled(vocabulary, tuple(replacements))}"
        elif term.consider:
            advice = f"consider {_labelled(vocabulary, term.consider)}"
        else:
            advice = "no replacement is recorded"
        return result(
            IdStatus.OBSOLETE,
            f"{_describe(term)} is obsolete; {advice}",
            term=term,
            replacements=tuple(replacements),
            consider=term.consider,
        )
    message = _describe(term)
    if changes:
        message += f"; normalised from {value!r}: " + "; ".join(changes)
    return result(IdStatus.VALID, message, term)
