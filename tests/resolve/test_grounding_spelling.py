"""Spelling correction of unknown words, and typo'd texts through the whole lookup."""

from __future__ import annotations

from pathlib import Path

import pytest
from _resolve_fixtures import T, TinyVocab, requires_snapshots
from hypothesis import given, settings
from hypothesis import strategies as st

from synthquery.resolve import lookup
from synthquery.resolve.grounder import Grounder
from synthquery.resolve.index import open_index
from synthquery.resolve.spelling import is_english, respell


def _cells() -> TinyVocab:
    return TinyVocab(
        "CL",
        [
            T("CL:0000000", "cell"),
            T("CL:0000057", "fibroblast", parents=("CL:0000000",)),
            T("CL:0005001", "iridoblast", parents=("CL:0000000",)),
            T("CL:0000062", "osteoblast", parents=("CL:0000000",)),
            T("CL:0000092", "osteoclast", parents=("CL:0000000",)),
            T("CL:0000453", "Langerhans cell", parents=("CL:0000000",)),
            T("CL:0000236", "B cell", parents=("CL:0000000",)),
            T("CL:0002627", "activated astrocyte", parents=("CL:0000000",)),
            T("CL:0000127", "central neuron", parents=("CL:0000000",)),
            T("CL:0000128", "basal cell", parents=("CL:0000000",)),
            T("CL:0000129", "geriatric cell", parents=("CL:0000000",)),
            T("CL:0000130", "mast cell", parents=("CL:0000000",)),
            T("CL:0000131", "last cell", parents=("CL:0000000",)),
            T("CL:0002518", "kidney epithelial cell", parents=("CL:0000000",)),
        ],
    )


@pytest.fixture()
def cells(tmp_path: Path):  # type: ignore[no-untyped-def]
    return open_index(_cells(), tmp_path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("firboblasts", "fibroblast"),  # a swap is one edit: fibroblast, not iridoblast
        ("primary osteolbast", "primary osteoblast"),  # and not osteoclast (two edits)
        ("Lanegrhans cell", "Langerhan cell"),  # the index's spelling: normalised again later
        ("activaed B-cell", "activated B-cell"),  # punctuation and other words kept
        # two letters swapped in a short word share few trigrams with it, all its letters
        ("kindey epithelial cell", "kidney epithelial cell"),
        ("fibroblast", None),  # known words are left alone
    ],
)
def test_unknown_words_are_respelt(cells, text: str, expected: str | None) -> None:  # type: ignore[no-untyped-def]
    assert respell(cells, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ventral neuron",  # one edit from "central", but the first letter differs
        "pediatric cell",  # two edits from "geriatric", first letter differs too
        "nasal cell",  # short words are never corrected ("basal")
        "mosst cell",  # short words are never corrected ("mast"? "most"?)
        "fibroblastoma",  # more edits than allowed
        "osteo1blast",  # not a plain word
    ],
)
def test_risky_or_ambiguous_words_are_not_respelt(cells, text: str) -> None:  # type: ignore[no-untyped-def]
    assert respell(cells, text) is None


def test_two_equally_near_words_leave_the_text_alone(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "CL",
        [T("CL:1", "cell"), T("CL:2", "stellate cell"), T("CL:3", "stellite cell")],
    )
    index = open_index(vocab, tmp_path)
    assert respell(index, "stellxte cell") is None  # stellate or stellite: not ours to pick
    assert respell(index, "stellatte cell") == "stellate cell"


def test_respelt_text_is_grounded_through_the_rewrites(cells) -> None:  # type: ignore[no-untyped-def]
    grounder = Grounder(lambda name: cells)
    best = grounder.ground("firboblasts", "cell_type")[0]
    assert best.term_id == "CL:0000057"
    assert "spelling" in best.match.rules
    # the typo sits in the qualifier: the corrected text loses it like the clean text does
    assert grounder.ground("Lanegrhans cell", "cell_type")[0].term_id == "CL:0000453"
    # costs a little against the same text spelt right
    clean = grounder.ground("fibroblast", "cell_type")[0]
    assert clean.term_id == best.term_id and clean.raw > best.raw


def test_identifier_vocabularies_are_not_respelt(tmp_path: Path) -> None:
    vocab = TinyVocab("CVCL", [T("CVCL_0030", "HeLa"), T("CVCL_0031", "Hepalin")])
    grounder = Grounder(lambda name: open_index(vocab, tmp_path))
    found = grounder.ground("Hepalim", "cell_line")
    assert all("spelling" not in s.match.rules for s in found)


@requires_snapshots
@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("Lanegrhans cell", "cell_type", "CL:0000453"),
        ("firboblasts", "cell_type", "CL:0000057"),
        ("activaed B-cell", "cell_type", "CL:0000236"),
        ("primary osteolbast", "cell_type", "CL:0000062"),
        ("Manlignant melanoma", "disease", "MONDO:0005105"),
        ("hipocampus", "tissue", "UBERON:0002421"),
        ("dicolfenac", "compound", "CHEBI:47381"),
        # an ending the normaliser would read as a plural ("pacnreas": not "pacnrea")
        ("pacnreas", "tissue", "UBERON:0001264"),
        # a misspelt synonym withdrawn from the snapshot no longer makes the typo a word
        ("thryoid", "tissue", "UBERON:0002046"),
    ],
)
def test_typos_in_real_vocabularies(text: str, field: str, expected: str) -> None:
    result = lookup(text, field, online=False)
    assert result.best is not None and result.best.id == expected


_WORDS = ["fibroblast", "osteoblast", "Langerhans"]


@requires_snapshots
@settings(max_examples=40, deadline=None)
@given(
    word=st.sampled_from(_WORDS),
    data=st.data(),
)
def test_one_swap_inside_a_word_is_forgiven(word: str, data: st.DataObject) -> None:
    # any swap of two neighbouring letters after the first: the cell is still found
    i = data.draw(st.integers(1, len(word) - 2))
    typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    text = f"{typo} cell" if word == "Langerhans" else typo
    expected = {"fibroblast": "CL:0000057", "osteoblast": "CL:0000062", "Langerhans": "CL:0000453"}
    result = lookup(text, "cell_type", online=False)
    assert result.best is not None and result.best.id == expected[word], text


def test_of_two_equally_near_words_the_far_commoner_is_taken(tmp_path: Path) -> None:
    common = [T(f"CHEBI:{i}", f"adenosine {i}-phosphate") for i in range(2, 8)]
    vocab = TinyVocab("CHEBI", [T("CHEBI:1", "alanosine"), T("CHEBI:16335", "adenosine"), *common])
    index = open_index(vocab, tmp_path)
    assert respell(index, "alenosine") == "adenosine"  # in 7 names against 1
    few = TinyVocab("CHEBI", [T("CHEBI:1", "alanosine"), T("CHEBI:16335", "adenosine")])
    assert respell(open_index(few, tmp_path / "few"), "alenosine") is None  # 1 against 1


_CLEAN = [
    ("hepatocellular carcinoma", "disease"),
    ("chronic myeloid leukemia", "disease"),
    ("idiopathic pulmonary fibrosis", "disease"),
    ("urinary bladder epithelium", "tissue"),
    ("cerebellar cortex", "tissue"),
    ("dendritic cell", "cell_type"),
    ("hematopoietic stem cell", "cell_type"),
]


@requires_snapshots
@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_CLEAN), st.data())
def test_a_typo_ranks_like_the_text_spelt_right(case: tuple[str, str], data: st.DataObject) -> None:
    text, field = case
    words = text.split()
    k = data.draw(st.sampled_from([i for i, w in enumerate(words) if len(w) >= 8]))
    word = words[k]
    i = data.draw(st.integers(1, len(word) - 3))
    if word[i] == word[i + 1]:
        return
    typo = " ".join([*words[:k], word[:i] + word[i + 1] + word[i] + word[i + 2 :], *words[k + 1 :]])
    clean = lookup(text, field, online=False, limit=3)
    typoed = lookup(typo, field, online=False, limit=3)
    assert typoed.best is not None and clean.best is not None
    assert typoed.best.id == clean.best.id, typo
    assert typoed.best.score <= clean.best.score


def test_a_plural_in_s_the_normaliser_keeps_is_read_as_its_singular(tmp_path: Path) -> None:
    vocab = TinyVocab("UBERON", [T("UBERON:1", "embryo"), T("UBERON:2", "pancreas")])
    index = open_index(vocab, tmp_path)
    assert respell(index, "whole embryos") == "whole embryo"
    assert respell(index, "pancreas") is None  # a known word ending in -s stays


@requires_snapshots
def test_common_english_words_are_never_corrected(tmp_path: Path) -> None:
    vocab = TinyVocab("MONDO", [T("MONDO:1", "stated disorder"), T("MONDO:2", "formed tumor")])
    index = open_index(vocab, tmp_path)
    # "started" and "former" are one edit from words MONDO has, but they are English words
    assert respell(index, "Age started") is None
    assert respell(index, "former smoker") is None
    assert is_english("started") and not is_english("statred")
    assert respell(index, "statred") == "stated"  # a typo still is


@pytest.mark.parametrize(
    ("typed", "known"),
    [
        ("bisulphite", "bisulphate"),  # -ite / -ate: another compound
        ("microcalcification", "macrocalcification"),  # micro / macro
        ("nitrote", "nitrate"),  # the vowel before the last two letters
    ],
)
def test_one_vowel_for_another_near_an_end_is_an_affix_not_a_typo(
    tmp_path: Path, typed: str, known: str
) -> None:
    index = open_index(TinyVocab("CHEBI", [T("CHEBI:1", known)]), tmp_path)
    assert respell(index, typed) is None


def test_one_vowel_for_another_near_the_end_is_a_typo_outside_chemistry(tmp_path: Path) -> None:
    index = open_index(TinyVocab("UBERON", [T("UBERON:1", "skeletal muscle")]), tmp_path)
    assert respell(index, "skeletel muscle") == "skeletal muscle"
    # near the start it still changes a prefix
    index = open_index(TinyVocab("UBERON", [T("UBERON:2", "macrocalcification")]), tmp_path)
    assert respell(index, "microcalcification") is None


@pytest.mark.parametrize(
    ("typed", "known"),
    [
        ("octanamine", "octanamide"),  # amine / amide
        ("sulfanilimide", "sulfanilamide"),  # imide / amide
        ("bromite", "bromide"),  # -ite / -ide
        ("tyramide", "tyramine"),
    ],
)
def test_one_chemical_suffix_for_another_is_another_compound(
    tmp_path: Path, typed: str, known: str
) -> None:
    index = open_index(TinyVocab("CHEBI", [T("CHEBI:1", known)]), tmp_path)
    assert respell(index, typed) is None


def test_a_slip_before_a_chemical_suffix_is_still_a_typo(tmp_path: Path) -> None:
    index = open_index(TinyVocab("CHEBI", [T("CHEBI:1", "octanamide")]), tmp_path)
    assert respell(index, "octanemide") == "octanamide"  # same suffix, stem slip


@pytest.mark.parametrize(
    ("typed", "known"),
    [("bisalphate", "bisulphate"), ("macrocalcefication", "macrocalcification")],
)
def test_the_same_vowel_slip_inside_the_word_is_corrected(
    tmp_path: Path, typed: str, known: str
) -> None:
    index = open_index(TinyVocab("CHEBI", [T("CHEBI:1", known)]), tmp_path)
    assert respell(index, typed) == known


@pytest.mark.parametrize(("text", "known"), [("SMADDD", "smaddx"), ("mTORCXX", "mtorcxy")])
def test_words_with_an_inner_capital_are_names_not_typos(
    tmp_path: Path, text: str, known: str
) -> None:
    index = open_index(TinyVocab("CHEBI", [T("CHEBI:1", known)]), tmp_path)
    assert respell(index, text) is None  # an abbreviation or symbol: left as written
    assert respell(index, text.lower()) == known  # the same letters in lower case are a typo
