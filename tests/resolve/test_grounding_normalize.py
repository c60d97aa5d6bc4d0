"""Table tests for the pure normalisation steps (gilda's test_process.py style)."""

from __future__ import annotations

import pytest

from synthquery.resolve.normalize import (
    compact_key,
    drop_marker_positive,
    fold_unicode,
    light_stem,
    mark_signs,
    normalize,
    replace_punctuation,
    roman_to_arabic,
    rotation_sign,
    singularize,
    sorted_key,
    split_greek,
    strip_possessive,
    tokens,
    us_spelling,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("α-GalCer", "alpha-GalCer"),
        ("TNFβ", "TNFbeta"),
        ("Sjögren", "Sjogren"),
        ("Crohn\u2019s", "Crohn's"),
        ("Alzheimer\u00b4s", "Alzheimer's"),
        ("5\u2032-AMP", "5'-AMP"),
        ("10 µM", "10 muM"),  # NFKC turns the micro sign into Greek mu
        ("a–b—c", "a-b-c"),
        ("plain", "plain"),
        ("Gleevec\u2122", "Gleevec "),  # a trade mark is no "TM" on the word
        ("na??ve", "nave"),
        ("what? yes", "what? yes"),
    ],
)
def test_fold_unicode(text: str, expected: str) -> None:
    assert fold_unicode(text) == expected


@pytest.mark.parametrize(
    ("step", "text", "expected"),
    [
        (strip_possessive, "crohn's disease", "crohn disease"),
        (strip_possessive, "5'-amp", "5-amp"),
        (mark_signs, "cd4+ t cell", "cd4 positive  t cell"),
        (mark_signs, "cd4+cd25+", "cd4 positive cd25 positive "),
        (mark_signs, "cd8- t cell", "cd8 negative t cell"),
        (mark_signs, "il-2", "il-2"),
        (mark_signs, "cd4-cd8- t cell", "cd4 negative cd8 negative t cell"),
        (mark_signs, "cd45ra-ccr7+", "cd45ra negative ccr7 positive "),
        (mark_signs, "nkx2-1", "nkx2-1"),  # a gene, not two markers
        (mark_signs, "il-6", "il-6"),
        (replace_punctuation, "cd4-positive, alpha-beta", "cd4 positive alpha beta"),
        (drop_marker_positive, "cd4 positive t cell", "cd4 t cell"),
        (drop_marker_positive, "double positive T cell", "double positive T cell"),
        (split_greek, "17alpha ethynylestradiol", "17 alpha ethynylestradiol"),
        (split_greek, "alpha1 antitrypsin", "alpha 1 antitrypsin"),
        (roman_to_arabic, "type ii diabetes", "type 2 diabetes"),
        (roman_to_arabic, "type i interferon", "type 1 interferon"),
        (roman_to_arabic, "vitamin i", "vitamin i"),
        (roman_to_arabic, "chromosome x", "chromosome x"),
        (us_spelling, "haematopoietic tumour", "hematopoietic tumor"),
        (us_spelling, "oesophagus oestrogen", "esophagus estrogen"),
        (us_spelling, "haem haemin", "heme hemin"),
        (us_spelling, "ileocaecal caecum goitre", "ileocecal cecum goiter"),
        (
            us_spelling,
            "caesarean faecal naevus amoebic apnoea",
            "cesarean fecal nevus amebic apnea",
        ),
        (us_spelling, "oxidised centre", "oxidized center"),
        (singularize, "t cells", "t cell"),
        (singularize, "antibodies", "antibody"),
        (singularize, "nuclei vertebrae cortices", "nucleus vertebra cortex"),
        (singularize, "diabetes mellitus sepsis genetics", "diabete mellitus sepsis genetics"),
        (singularize, "anemias leukemias hernias", "anemia leukemia hernia"),
        (singularize, "hypospadias epispadias bias alias", "hypospadias epispadias bias alias"),
        (singularize, "ms gas", "ms gas"),
        (singularize, "carcinomas aortas corneas areas", "carcinoma aorta cornea area"),
        (
            singularize,
            "pancreas psoas atlas cavitas pseudomonas",
            "pancreas psoas atlas cavitas pseudomonas",
        ),
        (singularize, "kidneys assays alloys", "kidney assay alloy"),
        (singularize, "polys cys", "polys cys"),
    ],
)
def test_steps(step, text: str, expected: str) -> None:
    assert step(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("CD4+ T cells", "CD4-positive T cell"),
        ("CD4 T lymphocyte", "CD4+ T-lymphocytes"),
        ("Haematopoietic stem cells", "hematopoietic stem cell"),
        ("17α-ethynylestradiol", "17 alpha-ethynylestradiol"),
        ("type II diabetes", "Type 2 Diabetes"),
        ("Crohn's disease", "crohn disease"),
        ("lymph nodes", "Lymph node"),
        ("leukaemia", "leukemia"),
        ("AUTONOMIC_GANGLIA", "autonomic ganglion"),
        ("cardiac atria", "cardiac atrium"),
        ("testes", "testis"),
        ("femoral diaphyses", "femoral diaphysis"),  # Greek -yses, not a British verb
        ("epididymides", "epididymis"),
        ("renal calyces", "renal calyx"),
        ("corpora cavernosa", "corpus cavernosum"),
        ("body of the pancreas", "body of pancreas"),
        ("CD4-CD8- T cells", "CD4-negative CD8-negative T cell"),
    ],
)
def test_same_key(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("CD4-negative T cell", "CD4 T cell"),
        ("type I diabetes", "type II diabetes"),
        ("HL-60", "HL-61"),
    ],
)
def test_different_key(a: str, b: str) -> None:
    assert normalize(a) != normalize(b)


def test_identifier_mode_only_folds_case_and_punctuation() -> None:
    assert normalize("C-4-II", identifier=True) == "c 4 ii"
    assert normalize("C4-2", identifier=True) == "c4 2"
    assert normalize("MOLT4 CELLS", identifier=True) == "molt4 cells"
    assert normalize("MOLT4 CELLS") == "molt4 cell"  # prose mode reads a plural


def test_keys() -> None:
    assert sorted_key(normalize("cortex of kidney")) == sorted_key(normalize("kidney cortex"))
    assert compact_key(normalize("HL-60")) == compact_key(normalize("HL60")) == "hl60"
    assert compact_key(normalize("gall bladder")) == compact_key(normalize("gallbladder"))
    # the words run together are one word, in the singular as that word is ("RR-MS": RRMS) ...
    assert compact_key(normalize("RR-MS")) == compact_key(normalize("RRMS"))
    # ... but a letter "s" of its own is no plural ("bisphenol S" is not bisphenol)
    assert compact_key(normalize("bisphenol S")) != compact_key(normalize("bisphenol"))
    # a prefix's "a" before "em" is no British spelling ("haem"): kept, as the hyphen keeps it
    assert compact_key(normalize("extra-embryonic")) == normalize("extraembryonic")
    assert tokens("the cortex of the kidney") == ["cortex", "kidney"]
    assert tokens("of the") == ["of", "the"]
    # a name's first "on" is the ON of an ON-center cell, not a preposition
    assert tokens("on bipolar cell") == ["on", "bipolar", "cell"]
    assert tokens("cell on a slide") == ["cell", "a", "slide"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("myocardial", "myocardium"),
        ("obese", "obesity"),
        ("injured", "injury"),
        ("colonic", "colon"),
    ],
)
def test_light_stem_pairs(a: str, b: str) -> None:
    assert light_stem(a) == light_stem(b)


def test_light_stem_keeps_short_stems() -> None:
    assert light_stem("cells") == "cell"
    assert light_stem("eyes") == "eyes"  # "ey" would be too short


def test_a_lone_article_is_kept() -> None:
    # "the" goes only beside other words: a text of just "the" is still a word
    assert normalize("The") == "the"
    assert normalize("The Bends") == "bend"


@pytest.mark.parametrize("text", ["", "   ", "!!!", "—", "\x00\x01"])
def test_nothing_left(text: str) -> None:
    assert normalize(text) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("t(9;22) ALL", "t9x22 all"),  # not "t 9 22": a "t" left alone reads as T-cell
        ("AML with inv(16)(p13;q22)", "aml with inv16 p13 q22"),
        ("del(5q) MDS", "del5q mds"),
        ("copper(II) sulfate", "copper 2 sulfate"),  # a charge, no karyotype
        ("Ins(1,4,5)P3", "ins 1 4 5 p3"),  # inositol trisphosphate's locants, no insertion
        ("der(22)t(9;22)", "der22 t9x22"),  # two changes, two words
        ("melanocytic naevi", "melanocytic nevus"),
    ],
)
def test_a_karyotype_is_one_word(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("(-)-nicotine", "-"),
        ("(\u2212)-JQ1", "-"),  # a minus sign, in one spelling
        ("(+/-)-blebbistatin", "±"),
        ("(R)-JQ1", ""),  # a configuration, not a rotation
        ("nicotine", ""),
    ],
)
def test_rotation_sign(text: str, sign: str) -> None:
    assert rotation_sign(text) == sign
    assert normalize(text).endswith(("nicotine", "jq1", "blebbistatin"))  # the key drops it
