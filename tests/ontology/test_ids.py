"""Id normalisation and kinds: tables for the known shapes, properties for arbitrary text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synthquery import UnknownFieldError
from synthquery.ontology import FIELD_VOCABULARIES, id_kind, normalize_id
from synthquery.ontology.ids import WIRE_PATTERNS, field_vocabularies

WIRE = [
    ("UBERON:0000945", "UBERON"),
    ("UBERON:10000000", "UBERON"),
    ("CL:0000236", "CL"),
    ("MONDO:0011719", "MONDO"),
    ("CVCL_0023", "CVCL"),
    ("CVCL_B6YM", "CVCL"),
    ("ENSG00000156127", "ENSEMBL"),
    ("CHEBI:16681", "CHEBI"),
    ("CHEMBL25", "CHEMBL"),
    ("9606", "NCBITAXON"),
]


@pytest.mark.parametrize(("wire", "kind"), WIRE)
def test_wire_ids_pass_through_unchanged(wire: str, kind: str) -> None:
    n = normalize_id(wire)
    assert (n.wire_id, n.vocabulary, n.changes) == (wire, kind, ())
    assert id_kind(wire) == kind


WILD = [
    ("UBERON_0000945", "UBERON:0000945", ["'_' with ':'"]),
    ("uberon:0000945", "UBERON:0000945", ["upper-cased"]),
    ("http://purl.obolibrary.org/obo/UBERON_0000945", "UBERON:0000945", ["IRI"]),
    ("https://purl.obolibrary.org/obo/CL_0000236", "CL:0000236", ["IRI"]),
    ("<http://purl.obolibrary.org/obo/MONDO_0011719>", "MONDO:0011719", ["angle brackets"]),
    ("mondo_0011719", "MONDO:0011719", ["upper-cased", "'_' with ':'"]),
    ("CVCL:0023", "CVCL_0023", ["':' with '_'"]),
    ("cvcl_b6ym", "CVCL_B6YM", ["upper-cased"]),
    ("RRID:CVCL_0023", "CVCL_0023", ["'RRID:'"]),
    ("cellosaurus:0023", "CVCL_0023", ["Cellosaurus"]),
    ("https://www.cellosaurus.org/CVCL_0023", "CVCL_0023", ["IRI"]),
    ("NCBITaxon:9606", "9606", ["'NCBITaxon:'"]),
    ("http://purl.obolibrary.org/obo/NCBITaxon_9606", "9606", ["IRI", "'NCBITaxon_'"]),
    ("NCBI:txid9606", "9606", ["'NCBI:'"]),
    ("txid9606", "9606", ["txid"]),
    ("09606", "9606", ["leading zeros"]),
    ("ENSG00000156127.5", "ENSG00000156127", ["version suffix '.5'"]),
    ("ensg00000156127", "ENSG00000156127", ["upper-cased"]),
    ("chembl.compound:CHEMBL25", "CHEMBL25", ["'chembl.compound:'"]),
    ("chembl25", "CHEMBL25", ["upper-cased"]),
    ("CHEBI_16681", "CHEBI:16681", ["'_' with ':'"]),
    ("  CL:0000236\t", "CL:0000236", ["whitespace"]),
]


@pytest.mark.parametrize(("value", "wire", "said"), WILD)
def test_wild_forms_normalise_and_say_what_changed(value: str, wire: str, said: list[str]) -> None:
    n = normalize_id(value)
    assert n.wire_id == wire
    assert n.original == value
    assert n.changed
    text = " | ".join(n.changes)
    for fragment in said:
        assert fragment in text, (fragment, n.changes)


def test_integer_taxon() -> None:
    n = normalize_id(9606)
    assert (n.wire_id, n.vocabulary) == ("9606", "NCBITAXON")
    assert n.changes


@pytest.mark.parametrize(
    "value",
    [
        "",
        "lung",
        "UBERON:2048",  # too few digits: never guess padding
        "UBERON:000094x",
        "CL:00002361",
        "CVCL_00231",
        "ENSG0000015612",
        "ENSMUSG00000000001",
        "CHEBI:",
        "0",
        "UBERON:０００００４５",  # full-width digits are not ASCII digits
        "UBERON:٠٠٠٠٠٠٠",
        "http://example.org/",
        "foo:bar",
        None,
        True,
        -5,
        3.5,
        ["UBERON:0000945"],
    ],
)
def test_unreadable_values_give_no_wire_id(value: object) -> None:
    n = normalize_id(value)  # type: ignore[arg-type]
    assert n.wire_id is None and n.vocabulary is None and not n.ok


def test_id_kind_is_strict() -> None:
    assert id_kind("UBERON_0000945") is None
    assert id_kind("uberon:0000945") is None
    assert id_kind("09606") is None
    assert id_kind("BATF") is None
    assert id_kind(42) is None  # type: ignore[arg-type]


def test_fields() -> None:
    assert FIELD_VOCABULARIES["tissue_ontology_id"] == ("UBERON",)
    assert field_vocabularies("perturbation") == ("ENSEMBL", "CHEBI", "CHEMBL", "NCBITAXON")
    assert field_vocabularies("cell_line") == ("CVCL",)
    with pytest.raises(UnknownFieldError, match="tisue"):
        field_vocabularies("tisue")
    with pytest.raises(UnknownFieldError):
        normalize_id("UBERON:0000945", field="nope")
    assert normalize_id("UBERON:0000945", field="tissue").wire_id == "UBERON:0000945"


wire_ids = st.one_of(
    *[
        st.from_regex(f"^{pattern}$", fullmatch=True).map(lambda s: s.strip("\n"))
        for pattern in WIRE_PATTERNS.values()
    ]
)


@settings(max_examples=300, deadline=None)
@given(wire_ids)
def test_normalising_a_wire_id_returns_it_unchanged(wire: str) -> None:
    n = normalize_id(wire)
    assert n.wire_id == wire
    assert n.changes == ()
    assert id_kind(wire) == n.vocabulary


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_never_raises_and_output_is_a_fixed_point(text: str) -> None:
    n = normalize_id(text)
    if n.wire_id is None:
        assert n.vocabulary is None
        return
    assert id_kind(n.wire_id) == n.vocabulary
    again = normalize_id(n.wire_id)
    assert (again.wire_id, again.changes) == (n.wire_id, ())


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["UBERON", "CL", "MONDO", "CHEBI"]), st.integers(0, 9_999_999))
def test_obo_variants_normalise_to_the_same_wire_id(prefix: str, number: int) -> None:
    local = f"{number:07d}"
    wire = f"{prefix}:{local}"
    for variant in (
        f"{prefix}_{local}",
        f"{prefix.lower()}:{local}",
        f"http://purl.obolibrary.org/obo/{prefix}_{local}",
        f" {wire} ",
    ):
        n = normalize_id(variant)
        assert n.wire_id == wire, variant
        assert n.changes


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789:_./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
def test_id_like_text_never_raises(text: str) -> None:
    n = normalize_id(text)
    assert n.wire_id is None or id_kind(n.wire_id) == n.vocabulary
