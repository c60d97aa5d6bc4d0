"""Value objects of the OLS client and the ontology names it knows (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ONTOLOGY_FOR_VOCABULARY",
    "SOURCES",
    "OLSResult",
    "OLSTerm",
    "ontology_name",
]

#: synthquery vocabulary name -> OLS ontology id. Cellosaurus, ChEMBL and Ensembl are not in OLS.
ONTOLOGY_FOR_VOCABULARY: dict[str, str] = {
    "UBERON": "uberon",
    "CL": "cl",
    "MONDO": "mondo",
    "CHEBI": "chebi",
    "NCBITAXON": "ncbitaxon",
}

#: OLS ontology id -> the CURIE prefix its own terms carry (OBO spelling).
OBO_PREFIX: dict[str, str] = {
    "uberon": "UBERON",
    "cl": "CL",
    "mondo": "MONDO",
    "chebi": "CHEBI",
    "ncbitaxon": "NCBITaxon",
}

#: Where an answer came from, best first.
SOURCES = ("network", "cache", "stale-cache", "offline", "error")


def ontology_name(name: str) -> str:
    """``"UBERON"``, ``"uberon"`` or ``"NCBITaxon"`` -> OLS ontology id; UsageError otherwise."""
    key = name.strip().lower() if isinstance(name, str) else ""
    if key in OBO_PREFIX:
        return key
    from synthquery._errors import UsageError

    raise UsageError(
        f"OLS has no ontology {name!r} for synthquery; known: {', '.join(sorted(OBO_PREFIX))}"
        " (Cellosaurus, ChEMBL and Ensembl are not in OLS)"
    )


@dataclass(frozen=True, slots=True)
class OLSTerm:
    """One OLS class. ``typed_synonyms`` holds ``(text, scope)`` where OLS says the scope
    (term lookups only; search hits carry untyped ``synonyms``)."""

    obo_id: str
    label: str
    synonyms: tuple[str, ...] = ()
    typed_synonyms: tuple[tuple[str, str], ...] = ()
    obsolete: bool = False
    replaced_by: tuple[str, ...] = ()
    ontology: str = ""

    @property
    def wire_id(self) -> str:
        """The id as the Synthesize API writes it (NCBI Taxonomy ids are bare digits)."""
        prefix, _, local = self.obo_id.partition(":")
        return local if prefix.upper() == "NCBITAXON" and local.isdigit() else self.obo_id


@dataclass(frozen=True, slots=True)
class OLSResult:
    """Answer of one OLS call; never an exception for network trouble.

    ``source``: ``"network"`` (fresh from OLS), ``"cache"`` (a fresh cached answer),
    ``"stale-cache"`` (an expired cached answer served because OLS failed, was skipped or we are
    offline), ``"offline"`` (not asked, nothing cached) or ``"error"`` (OLS failed, nothing
    cached). ``warnings`` says why whenever the answer is not fresh.
    """

    hits: tuple[OLSTerm, ...]
    source: str
    warnings: tuple[str, ...] = ()

    @property
    def answered(self) -> bool:
        """True when OLS (now or earlier, via the cache) actually answered the question."""
        return self.source in ("network", "cache", "stale-cache")
