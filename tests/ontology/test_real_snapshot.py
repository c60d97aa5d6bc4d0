"""The shipped snapshots (skipped until ``ontologies/manifest.json`` exists)."""

from __future__ import annotations

from pathlib import Path

import pytest

from synthquery.ontology import IdStatus, validate_id, vocab, vocabularies


@pytest.fixture(autouse=True)
def _real(real_snapshot: Path) -> None:
    pass


def test_all_vocabularies_are_there() -> None:
    assert set(vocabularies()) >= {"UBERON", "CL", "MONDO", "CHEBI", "CVCL", "ENSEMBL", "NCBITAXON"}


@pytest.mark.parametrize(
    ("vocabulary", "term_id", "label"),
    [
        ("UBERON", "UBERON:0002048", "lung"),
        ("CL", "CL:0000236", "B cell"),
        ("MONDO", "MONDO:0005061", "lung adenocarcinoma"),
        ("CHEBI", "CHEBI:45783", "imatinib"),
        ("CVCL", "CVCL_0030", "HeLa"),
        ("ENSEMBL", "ENSG00000156127", "BATF"),
        ("NCBITAXON", "9606", "Homo sapiens"),
    ],
)
def test_known_terms(vocabulary: str, term_id: str, label: str) -> None:
    assert vocab(vocabulary).term(term_id).label == label


def test_lung_hierarchy() -> None:
    u = vocab("UBERON")
    lung = u.term("UBERON:0002048")
    assert "UBERON:0000171" in lung.parents  # respiration organ
    assert u.is_descendant("UBERON:0002048", "UBERON:0000062")  # organ
    assert "UBERON:0002048" in u.descendants("UBERON:0001004")  # respiratory system


def test_obsolete_mondo_term_names_its_replacement() -> None:
    result = validate_id("MONDO:0000002", "disease")
    assert result.status is IdStatus.OBSOLETE
    assert "MONDO:0009299" in result.replacements


def test_exact_names() -> None:
    assert vocab("UBERON").find_exact("Lung")[0].term.id == "UBERON:0002048"
    assert any(h.term.id == "ENSG00000156127" for h in vocab("ENSEMBL").find_exact("b-atf"))


def test_taxon_ids_beyond_the_names_subset() -> None:
    taxa = vocab("NCBITAXON")
    assert len(taxa) > 2_000_000
    for taxon in ("562", "9606", "10090", "2697049"):
        assert taxon in taxa


def test_counts_match_the_manifest() -> None:
    from synthquery.ontology import index_info

    info = index_info()
    for name, v in info["vocabularies"].items():
        if "terms" in v["counts"] and v["indexed"]:
            assert v["indexed"]["terms"] == v["counts"]["terms"], name
