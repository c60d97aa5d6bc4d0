"""Identifier syntax: the wire form of each id kind, and normalisation of forms seen in the wild.

Pure string code: nothing here touches the snapshots or the index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from synthquery._errors import UnknownFieldError

__all__ = [
    "FIELD_VOCABULARIES",
    "WIRE_PATTERNS",
    "IdNormalization",
    "field_vocabularies",
    "id_kind",
    "normalize_id",
]

# Strict wire patterns. [0-9] rather than \d: \d would accept non-ASCII digits.
WIRE_PATTERNS: dict[str, str] = {
    "UBERON": r"UBERON:[0-9]{7,8}",
    "CL": r"CL:[0-9]{7}",
    "MONDO": r"MONDO:[0-9]{7}",
    "CVCL": r"CVCL_[A-Z0-9]{4}",
    "ENSEMBL": r"ENSG[0-9]{11}",
    "CHEBI": r"CHEBI:[0-9]+",
    "CHEMBL": r"CHEMBL[0-9]+",
    # the API accepts ^\d+$; the canonical form has no leading zeros (taxon 0 does not exist)
    "NCBITAXON": r"[1-9][0-9]*",
}
_WIRE = {kind: re.compile(pattern) for kind, pattern in WIRE_PATTERNS.items()}
_EXAMPLES = {
    "UBERON": "UBERON:0000945",
    "CL": "CL:0000236",
    "MONDO": "MONDO:0011719",
    "CVCL": "CVCL_0023",
    "ENSEMBL": "ENSG00000156127",
    "CHEBI": "CHEBI:16681",
    "CHEMBL": "CHEMBL25",
    "NCBITAXON": "9606",
}

FIELD_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "tissue_ontology_id": ("UBERON",),
    "cell_type_ontology_id": ("CL",),
    "disease_ontology_id": ("MONDO",),
    "cell_line_ontology_id": ("CVCL",),
    "perturbation_ontology_id": ("ENSEMBL", "CHEBI", "CHEMBL", "NCBITAXON"),
}
# short names, plus the perturbation sub-kinds the linter checks against perturbation_type
_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "tissue": FIELD_VOCABULARIES["tissue_ontology_id"],
    "cell_type": FIELD_VOCABULARIES["cell_type_ontology_id"],
    "disease": FIELD_VOCABULARIES["disease_ontology_id"],
    "cell_line": FIELD_VOCABULARIES["cell_line_ontology_id"],
    "perturbation": FIELD_VOCABULARIES["perturbation_ontology_id"],
    "compound": ("CHEBI", "CHEMBL"),
    "gene": ("ENSEMBL",),
    "organism": ("NCBITAXON",),
}


def field_vocabularies(field: str) -> tuple[str, ...]:
    """The id kinds a metadata field takes; :class:`UnknownFieldError` for an unknown field."""
    kinds = FIELD_VOCABULARIES.get(field) or _FIELD_ALIASES.get(field)
    if kinds is None:
        raise UnknownFieldError(field, [*FIELD_VOCABULARIES, *_FIELD_ALIASES])
    return kinds


def example_id(kind: str) -> str:
    return _EXAMPLES[kind]


def id_kind(wire_id: str) -> str | None:
    """The kind of an id already in wire form (``"UBERON"``, ..., ``"NCBITAXON"``), else None."""
    if not isinstance(wire_id, str):
        return None
    for kind, pattern in _WIRE.items():
        if pattern.fullmatch(wire_id):
            return kind
    return None


@dataclass(frozen=True, slots=True)
class IdNormalization:
    """The outcome of :func:`normalize_id`.

    ``wire_id`` is None when the value cannot be read as an id of any known kind. ``changes``
    says, in words, what was changed to reach the wire form (empty when it already was).
    """

    original: Any
    wire_id: str | None
    vocabulary: str | None
    changes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.wire_id is not None

    @property
    def changed(self) -> bool:
        return bool(self.changes)


# CURIE prefixes (casefolded) -> id kind
_PREFIXES: dict[str, str] = {
    "uberon": "UBERON",
    "cl": "CL",
    "mondo": "MONDO",
    "chebi": "CHEBI",
    "cvcl": "CVCL",
    "cellosaurus": "CVCL",
    "ncbitaxon": "NCBITAXON",
    "ncbi.taxon": "NCBITAXON",
    "taxonomy": "NCBITAXON",
    "taxon": "NCBITAXON",
    "ncbi": "NCBITAXON",  # NCBI:txid9606
    "chembl.compound": "CHEMBL",
    "chembl": "CHEMBL",
    "ensembl": "ENSEMBL",
    "ensembl.gene": "ENSEMBL",
}
_CANONICAL_PREFIX = {"UBERON": "UBERON", "CL": "CL", "MONDO": "MONDO", "CHEBI": "CHEBI"}

_URL = re.compile(r"(?i)https?://[^\s]+")
_CURIE = re.compile(r"([A-Za-z][A-Za-z.]*)([:_])(\S+)")
_DIGITS = re.compile(r"[0-9]+")
_ENSG = re.compile(r"(?i)(ENSG[0-9]{11})(\.[0-9]+)?")
_CHEMBL = re.compile(r"(?i)CHEMBL([0-9]+)")
_CVCL_LOCAL = re.compile(r"(?i)(?:CVCL[_:])?([A-Z0-9]{4})")
_TXID = re.compile(r"(?i)(?:txid)?([0-9]+)")


def _taxon(digits: str, changes: list[str]) -> str | None:
    stripped = digits.lstrip("0")
    if not stripped:
        return None
    if stripped != digits:
        changes.append("removed leading zeros")
    return stripped


def _prefixed(prefix: str, sep: str, local: str, changes: list[str]) -> tuple[str, str] | None:
    kind = _PREFIXES.get(prefix.lower())
    if kind is None:
        return None
    if kind in _CANONICAL_PREFIX:
        if not _DIGITS.fullmatch(local):
            return None
        canonical = _CANONICAL_PREFIX[kind]
        if prefix != canonical:
            if prefix.upper() == canonical:
                changes.append(f"upper-cased the prefix {prefix!r}")
            else:
                changes.append(f"replaced the prefix {prefix!r} with {canonical!r}")
        if sep != ":":
            changes.append(f"replaced {sep!r} with ':'")
        return f"{canonical}:{local}", kind
    wire: str | None  # None: a taxon id of only zeros
    if kind == "CVCL":
        m = _CVCL_LOCAL.fullmatch(local)
        if m is None:
            return None
        wire = "CVCL_" + m.group(1).upper()
        if prefix.upper() == "CVCL" and len(local) == 4:
            if sep != "_":
                changes.append(f"replaced {sep!r} with '_'")
            if prefix != "CVCL" or local != local.upper():
                changes.append("upper-cased the accession")
        else:
            changes.append(f"read {prefix + sep + local!r} as the Cellosaurus accession {wire}")
        return wire, kind
    if kind == "NCBITAXON":
        m = _TXID.fullmatch(local)
        if m is None:
            return None
        changes.append(f"removed the prefix {prefix + sep!r} (taxa go on the wire as plain digits)")
        wire = _taxon(m.group(1), changes)
        return (wire, kind) if wire else None
    if kind == "CHEMBL":
        if _DIGITS.fullmatch(local):
            changes.append(f"read {prefix + sep + local!r} as 'CHEMBL{local}'")
            return "CHEMBL" + local, kind
        m = _CHEMBL.fullmatch(local)
        if m is None:
            return None
        changes.append(f"removed the prefix {prefix + sep!r}")
        if not local.startswith("CHEMBL"):
            changes.append("upper-cased 'CHEMBL'")
        return "CHEMBL" + m.group(1), kind
    # ENSEMBL
    m = _ENSG.fullmatch(local)
    if m is None:
        return None
    changes.append(f"removed the prefix {prefix + sep!r}")
    return _ensg(m, changes), kind


def _ensg(m: re.Match[str], changes: list[str]) -> str:
    if m.group(2):
        changes.append(f"removed the version suffix {m.group(2)!r}")
    if not m.group(1).startswith("ENSG"):
        changes.append("upper-cased 'ENSG'")
    return m.group(1).upper()


def _bare(s: str, changes: list[str]) -> tuple[str, str] | None:
    if _DIGITS.fullmatch(s):
        wire = _taxon(s, changes)
        return (wire, "NCBITAXON") if wire else None
    m = _ENSG.fullmatch(s)
    if m:
        return _ensg(m, changes), "ENSEMBL"
    m = _CHEMBL.fullmatch(s)
    if m:
        changes.append("upper-cased 'CHEMBL'")
        return "CHEMBL" + m.group(1), "CHEMBL"
    if s[:4].lower() == "txid" and _DIGITS.fullmatch(s[4:]):
        changes.append("removed 'txid' (taxa go on the wire as plain digits)")
        wire = _taxon(s[4:], changes)
        return (wire, "NCBITAXON") if wire else None
    return None


def _from_url(s: str, changes: list[str]) -> str | None:
    rest = s.split("://", 1)[1]
    rest = rest.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    segments = rest.split("/")
    if len(segments) < 2 or not segments[-1]:
        return None
    changes.append("took the id from the IRI")
    return segments[-1]


def normalize_id(value: Any, field: str | None = None) -> IdNormalization:
    """Read ``value`` as an ontology id and return its wire form plus what was changed.

    Accepts ``UBERON_0000945``, ``uberon:0000945``, OBO PURL IRIs, ``CVCL:0023``,
    ``RRID:CVCL_0023``, ``cellosaurus:0023``, Cellosaurus URLs, ``NCBITaxon:9606``,
    ``ENSG00000156127.5`` (version dropped), ``chembl.compound:CHEMBL25`` and surrounding
    whitespace. Never raises for odd input: ``wire_id`` is None instead. ``field`` (e.g.
    ``"tissue"``) is only checked for being a known field; whether the id kind suits it is
    :func:`validate_id`'s job.
    """
    if field is not None:
        field_vocabularies(field)
    changes: list[str] = []
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return IdNormalization(value, None, None, ())
    if isinstance(value, int):
        if not 0 < value < 2**63:  # also keeps str() away from huge ints
            return IdNormalization(value, None, None, ())
        return IdNormalization(value, str(value), "NCBITAXON", ("read the number as a taxon id",))
    s = value.strip()
    if s != value:
        changes.append("removed surrounding whitespace")
    if len(s) > 2 and s[0] == "<" and s[-1] == ">":
        s = s[1:-1].strip()
        changes.append("removed the angle brackets")
    kind = id_kind(s)
    if kind is not None:
        return IdNormalization(value, s, kind, tuple(changes))
    if _URL.fullmatch(s):
        local = _from_url(s, changes)
        if local is None:
            return IdNormalization(value, None, None, ())
        s = local
        kind = id_kind(s)
        if kind is not None:
            return IdNormalization(value, s, kind, tuple(changes))
    if s[:5].upper() == "RRID:":
        changes.append(f"removed the prefix {s[:5]!r}")
        s = s[5:]
        kind = id_kind(s)
        if kind is not None:
            return IdNormalization(value, s, kind, tuple(changes))
    found = None
    m = _CURIE.fullmatch(s)
    if m is not None:
        found = _prefixed(m.group(1), m.group(2), m.group(3), changes)
    if found is None:
        found = _bare(s, changes)
    if found is None:
        return IdNormalization(value, None, None, ())
    wire, kind = found
    # the rules above only ever produce wire forms; re-check so no rule can leak a bad id
    if id_kind(wire) != kind:
        return IdNormalization(value, None, None, ())
    return IdNormalization(value, wire, kind, tuple(changes))
