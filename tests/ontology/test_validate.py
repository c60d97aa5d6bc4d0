"""validate_id: each status, with replacements, considers and normalisation notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthquery import UnknownFieldError
from synthquery.ontology import IdStatus, validate_id


@pytest.fixture(autouse=True)
def _fixture(fixture_snapshot: Path) -> None:
    pass


@pytest.mark.parametrize(
    ("value", "field", "status"),
    [
        ("UBERON:0002048", "tissue_ontology_id", IdStatus.VALID),
        ("UBERON:0002048", "tissue", IdStatus.VALID),
        ("CL:0000236", "cell_type", IdStatus.VALID),
        ("MONDO:0011719", "disease", IdStatus.VALID),
        ("CVCL_0030", "cell_line", IdStatus.VALID),
        ("ENSG00000156127", "perturbation", IdStatus.VALID),
        ("CHEBI:45783", "perturbation_ontology_id", IdStatus.VALID),
        ("9606", "perturbation", IdStatus.VALID),
        ("9605", "perturbation", IdStatus.VALID),  # a taxon without a shipped name
        ("CHEMBL25", "compound", IdStatus.VALID),  # in the ChEMBL->ChEBI table
        ("CHEMBL99999", "compound", IdStatus.UNVERIFIABLE),
        ("lung", "tissue", IdStatus.MALFORMED),
        ("UBERON:2048", "tissue", IdStatus.MALFORMED),
        ("", "tissue", IdStatus.MALFORMED),
        (None, "tissue", IdStatus.MALFORMED),
        ("CL:0000236", "tissue", IdStatus.WRONG_VOCABULARY),
        ("UBERON:0002048", "perturbation", IdStatus.WRONG_VOCABULARY),
        ("ENSG00000156127", "compound", IdStatus.WRONG_VOCABULARY),
        ("UBERON:1234567", "tissue", IdStatus.UNKNOWN),
        ("ENSG00000000001", "gene", IdStatus.UNKNOWN),
        ("9604", "organism", IdStatus.UNKNOWN),
        ("MONDO:0000002", "disease", IdStatus.OBSOLETE),
    ],
)
def test_statuses(value: object, field: str, status: IdStatus) -> None:
    result = validate_id(value, field)
    assert result.status is status, result.message
    assert result.message
    assert result.ok is (status is IdStatus.VALID)


def test_valid_after_normalisation_lists_changes() -> None:
    result = validate_id("http://purl.obolibrary.org/obo/UBERON_0002048", "tissue")
    assert result.status is IdStatus.VALID
    assert result.wire_id == "UBERON:0002048" and result.term is not None
    assert result.changes and "IRI" in result.changes[0]
    assert validate_id("UBERON:0002048", "tissue").changes == ()


def test_obsolete_with_replacement() -> None:
    result = validate_id("MONDO:0000002", "disease")
    assert result.replacements == ("MONDO:0009299",)
    assert "MONDO:0009299" in result.message and "46 XX gonadal dysgenesis" in result.message


def test_obsolete_replacement_chain_is_followed_to_a_live_term() -> None:
    result = validate_id("UBERON:0000027", "tissue")
    assert result.status is IdStatus.OBSOLETE
    assert result.replacements == ("UBERON:0002048",)


def test_obsolete_with_consider_only() -> None:
    result = validate_id("CL:0000004", "cell_type")
    assert result.status is IdStatus.OBSOLETE
    assert result.replacements == ()
    assert result.consider == ("CL:0000000", "CL:0000003")
    assert "consider CL:0000000 (cell)" in result.message


def test_wrong_vocabulary_names_the_expected_kind() -> None:
    result = validate_id("CL:0000236", "tissue_ontology_id")
    assert (result.wire_id, result.vocabulary) == ("CL:0000236", "CL")
    assert "UBERON" in result.message


def test_chembl_maps_to_chebi() -> None:
    result = validate_id("chembl.compound:CHEMBL25", "perturbation")
    assert result.term is not None and result.term.id == "CHEBI:15365"
    assert result.changes


def test_unknown_field() -> None:
    with pytest.raises(UnknownFieldError):
        validate_id("UBERON:0002048", "organ")


def test_to_dict() -> None:
    d = validate_id("MONDO:0000002", "disease").to_dict()
    assert d["status"] == "obsolete" and d["replacements"] == ["MONDO:0009299"]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.text(),
        st.from_regex(r"\A(UBERON|CL|MONDO|CHEBI|uberon)[:_][0-9]{5,9}\Z"),
        st.from_regex(
            r"\A(CVCL_[A-Z0-9]{4}|ENSG[0-9]{11}(\.[0-9])?|CHEMBL[0-9]{1,7}|[0-9]{1,25})\Z"
        ),
    ),
    st.sampled_from(["tissue", "cell_type", "disease", "cell_line", "perturbation"]),
)
def test_validate_never_raises(value: str, field: str) -> None:
    result = validate_id(value, field)
    assert isinstance(result.status, IdStatus) and result.message
    assert (result.status is IdStatus.MALFORMED) == (result.wire_id is None)
    if result.status is IdStatus.VALID:
        assert result.term is not None
