"""Which vocabularies answer which field, and how ``perturbation`` text is routed."""

from __future__ import annotations

import re

from synthquery._errors import UnknownFieldError
from synthquery.resolve.lexicon import GENE_METHOD, GENE_PREFIXED

__all__ = [
    "FIELDS",
    "FIELD_ALIASES",
    "FIELD_VOCABULARY",
    "KNOWN_PERTURBATION_TYPES",
    "PERTURBATION_TYPES",
    "UNROUTED_TYPES",
    "canonical_field",
    "route_perturbation",
]

#: the fields :func:`synthquery.resolve.lookup` grounds
FIELDS: tuple[str, ...] = (
    "tissue",
    "cell_type",
    "disease",
    "cell_line",
    "compound",
    "gene",
    "organism",
    "perturbation",
)

#: other spellings accepted for a field (metadata keys first)
FIELD_ALIASES: dict[str, str] = {
    "tissue_ontology_id": "tissue",
    "cell_type_ontology_id": "cell_type",
    "disease_ontology_id": "disease",
    "cell_line_ontology_id": "cell_line",
    "perturbation_ontology_id": "perturbation",
    "celltype": "cell_type",
    "cellline": "cell_line",
    "drug": "compound",
    "chemical": "compound",
    "taxon": "organism",
    "species": "organism",
}

#: field -> the vocabulary searched for it (``perturbation`` is routed to one of the others)
FIELD_VOCABULARY: dict[str, str] = {
    "tissue": "UBERON",
    "cell_type": "CL",
    "disease": "MONDO",
    "cell_line": "CVCL",
    "compound": "CHEBI",
    "gene": "ENSEMBL",
    "organism": "NCBITAXON",
}

#: perturbation_type -> the field whose vocabulary holds its ids
PERTURBATION_TYPES: dict[str, str] = {
    "crispr": "gene",
    "crispri": "gene",
    "crispra": "gene",
    "shrna": "gene",
    "sirna": "gene",
    "overexpression": "gene",
    "genetic": "gene",
    "knockout": "gene",
    "knockdown": "gene",
    "compound": "compound",
    "drug": "compound",
    "chemical": "compound",
    "small molecule": "compound",
    "infection": "organism",
    "virus": "organism",
    "viral infection": "organism",
    "bacteria": "organism",
    "bacterial infection": "organism",
    "pathogen": "organism",
    "coculture": "organism",
    "co-culture": "organism",
}
#: perturbation types that say nothing about where to look: the text's shape decides
UNROUTED_TYPES = frozenset({"other", "control", "peptide or biologic", "peptide", "biologic"})
#: every perturbation type the router knows, routed or not
KNOWN_PERTURBATION_TYPES = frozenset(PERTURBATION_TYPES) | UNROUTED_TYPES

_GENE_ID = re.compile(r"ENSG\d{11}(\.\d+)?", re.IGNORECASE)
_COMPOUND_ID = re.compile(r"(CHEBI[:_]\d+|CHEMBL\d+)", re.IGNORECASE)
_TAXON_ID = re.compile(r"(NCBITaxon[:_])?\d+", re.IGNORECASE)
# gene symbols: short, one word, upper-case letters and digits ("BATF", "TP53", "HLA-A")
_SYMBOL = re.compile(r"[A-Z][A-Z0-9]{0,9}(-[A-Z0-9]{1,6})?(orf\d+)?")
# "Homo sapiens", "E. coli", "SARS-CoV-2", "... virus"
_BINOMIAL = re.compile(r"[A-Z][a-z]+\.? [a-z]{3,}( [a-z]+)?")
_ORGANISM_WORDS = re.compile(
    r"\b(virus|viral|bacteri\w*|phage|fung\w*|yeast|parasite|strain|human|mouse|rat|"
    r"coculture|co-culture|infection|infected|microbiota)\b",
    re.IGNORECASE,
)


def canonical_field(name: str) -> str:
    """``"tissue_ontology_id"`` -> ``"tissue"``; :class:`UnknownFieldError` for anything else."""
    if isinstance(name, str):
        key = name.strip().lower().replace("-", "_").replace(" ", "_")
        if key in FIELDS:
            return key
        alias = FIELD_ALIASES.get(key)
        if alias is not None:
            return alias
    shown = name if isinstance(name, str) else repr(name)
    raise UnknownFieldError(shown, [*FIELDS, *FIELD_ALIASES])


#: dose units of small molecules: a protein is dosed by mass ("TNF 10 ng/ml"), a drug in moles
#: or per body weight, so a symbol-shaped name with such a dose is a drug's abbreviation first
#: ("SFN 10 uM": sulforaphane, not the gene SFN)
_COMPOUND_DOSE = re.compile(r"\d\s*(?:[pnum]?m|mol/l|[mu]g/kg)$", re.IGNORECASE)


def route_perturbation(
    text: str, perturbation_type: str | None, dose: str | None = None
) -> tuple[str, ...]:
    """The fields to search for perturbation ``text``, most plausible first.

    A known ``perturbation_type`` decides alone; otherwise the shape of the text orders
    gene, compound and organism (an unknown type is treated as absent), and a molar ``dose``
    (the text's own, taken out of it) puts compounds before a bare symbol's gene.
    """
    if perturbation_type:
        field = PERTURBATION_TYPES.get(perturbation_type.strip().lower())
        if field is not None:
            return (field,)
    stripped = text.strip()
    if _GENE_ID.fullmatch(stripped):
        return ("gene",)
    if _COMPOUND_ID.fullmatch(stripped):
        return ("compound",)
    if _TAXON_ID.fullmatch(stripped):
        return ("organism",)
    # "recombinant human EGF" names a protein: the species word belongs to the method
    if _BINOMIAL.fullmatch(stripped) or _ORGANISM_WORDS.search(GENE_METHOD.sub(" ", stripped)):
        return ("organism", "compound", "gene")
    if GENE_PREFIXED.fullmatch(stripped) or GENE_METHOD.search(stripped):
        return ("gene", "compound", "organism")  # "shKRAS", "TP53 knockout"
    if _SYMBOL.fullmatch(stripped):
        if dose is not None and _COMPOUND_DOSE.search(dose):
            return ("compound", "gene", "organism")
        return ("gene", "compound", "organism")  # "TP53"
    return ("compound", "gene", "organism")
