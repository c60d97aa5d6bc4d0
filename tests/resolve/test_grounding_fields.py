"""Field names, aliases and perturbation routing."""

from __future__ import annotations

import pytest

from synthquery._errors import UnknownFieldError, UsageError
from synthquery.resolve import FIELDS
from synthquery.resolve.fields import canonical_field, route_perturbation


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("tissue", "tissue"),
        ("tissue_ontology_id", "tissue"),
        ("Cell Type", "cell_type"),
        ("cell-line", "cell_line"),
        ("perturbation_ontology_id", "perturbation"),
        ("drug", "compound"),
    ],
)
def test_canonical_field(name: str, field: str) -> None:
    assert canonical_field(name) == field


@pytest.mark.parametrize("name", ["organ", "", "tissue_id", 3, None])
def test_unknown_field(name: object) -> None:
    with pytest.raises(UnknownFieldError) as info:
        canonical_field(name)  # type: ignore[arg-type]
    assert isinstance(info.value, UsageError)
    assert "tissue" in str(info.value)


def test_fields_constant() -> None:
    assert FIELDS == (
        "tissue",
        "cell_type",
        "disease",
        "cell_line",
        "compound",
        "gene",
        "organism",
        "perturbation",
    )


@pytest.mark.parametrize(
    ("text", "ptype", "first"),
    [
        ("BATF", None, "gene"),
        ("ENSG00000156127", None, "gene"),
        ("CHEBI:28077", None, "compound"),
        ("9606", None, "organism"),
        ("Homo sapiens", None, "organism"),
        ("influenza A virus", None, "organism"),
        ("imatinib", None, "compound"),
        ("imatinib", "crispr", "gene"),
        ("BATF", "compound", "compound"),
        ("E. coli", "infection", "organism"),
        ("imatinib", "not-a-type", "compound"),
        ("TP53 knockout", None, "gene"),
        ("siRNA against KRAS", None, "gene"),
        ("shTP53", None, "gene"),
        ("Pten-/-", None, "gene"),
        ("dexamethasone", None, "compound"),  # "-one" and "deleted" in a word are no method
        ("knockdown of nothing in particular but a compound", "compound", "compound"),
        ("extract of green tea", None, "compound"),  # "of" alone says nothing about genes
        ("recombinant human EGF", None, "gene"),  # a protein: "human" says how it was made
        ("rhEGF", None, "gene"),
        ("rmIL-4", None, "gene"),
        ("TP53 knockout mouse", None, "organism"),  # a species word beside the method still counts
        ("rhodamine", None, "compound"),
    ],
)
def test_route_perturbation(text: str, ptype: str | None, first: str) -> None:
    assert route_perturbation(text, ptype)[0] == first


def test_known_type_decides_alone() -> None:
    assert route_perturbation("BATF", "shRNA") == ("gene",)
