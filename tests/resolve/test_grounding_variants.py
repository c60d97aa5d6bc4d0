"""Query rewrites: each rule named, the original first, information-keeping rules early."""

from __future__ import annotations

import pytest

from synthquery.resolve.variants import compound_parts, compound_variants, query_variants


def _texts(text: str, field: str) -> dict[str, tuple[str, ...]]:
    return {v.text: v.rules for v in query_variants(text, field)}


def test_original_comes_first_without_rules() -> None:
    variants = query_variants("lung", "tissue")
    assert variants[0].text == "lung"
    assert variants[0].rules == ()


@pytest.mark.parametrize(
    ("text", "field", "expected", "rules"),
    [
        ("Artery - Aorta", "tissue", "Aorta", ("dash_tail",)),
        (
            "Brain - Caudate (basal ganglia)",
            "tissue",
            "Caudate",
            ("drop_parenthetical", "dash_tail"),
        ),
        (
            "medulloblastoma, large-cell",
            "disease",
            "large-cell medulloblastoma",
            ("comma_inversion",),
        ),
        ("Facial nerve disorders [CN7]", "disease", "Facial nerve disorders", ("drop_brackets",)),
        (
            "C43 Malignant melanoma of skin",
            "disease",
            "Malignant melanoma of skin",
            ("drop_noise_words",),
        ),
        ("acute DSS-induced colitis", "disease", "colitis", ("drop_qualifiers",)),
        ("alveolar epithelial", "cell_type", "alveolar epithelial cell", ("add_cell_suffix",)),
        ("CD8 T cell", "cell_type", "CD8-positive T cell", ("marker_positive",)),
        ("HeLa cells", "cell_line", "HeLa", ("strip_cell_suffix",)),
        ("adipose", "tissue", "adipose tissue", ("add_tissue_suffix",)),
        ("17a-ethynylestradiol", "compound", "17alpha-ethynylestradiol", ("letter_to_greek",)),
        ("imatinib mesylate", "compound", "imatinib", ("strip_salt",)),
        ("kainate", "compound", "kainic acid", ("ate_to_acid",)),
    ],
)
def test_rules(text: str, field: str, expected: str, rules: tuple[str, ...]) -> None:
    assert _texts(text, field).get(expected) == rules


def test_no_duplicates_and_bounded() -> None:
    text = "a - b - c (d) [e], f / g / h (i) (j) (k)" * 5
    variants = query_variants(text, "disease")
    keys = [v.text.lower() for v in variants]
    assert len(keys) == len(set(keys))
    assert len(variants) <= 40


def test_compound_parts() -> None:
    assert compound_parts("androgen + letrozole") == ["androgen", "letrozole"]
    assert compound_parts("hydrogen peroxide and brassinolide") == [
        "hydrogen peroxide",
        "brassinolide",
    ]
    assert compound_parts("1,2-dibromoethane") == ["1,2-dibromoethane"]


def test_compound_context_words_dropped() -> None:
    out = dict(compound_variants("quercetin diet"))
    assert "drop_context_words" in out.values()
    assert any(text.strip() == "quercetin" for text in out)


@pytest.mark.parametrize(
    ("text", "field", "expected", "rule"),
    [
        ("CD8 T cell", "cell_type", "CD8 alpha-beta T cell", "implied_alpha_beta"),
        ("Skin - Sun Exposed (Lower leg)", "tissue", "Lower leg Skin", "parenthetical_head"),
        ("Stomatitis and mucositis", "disease", "Stomatitis", "first_conjunct"),
    ],
)
def test_new_rewrites(text: str, field: str, expected: str, rule: str) -> None:
    rules = _texts(text, field)
    assert expected in rules, list(rules)
    assert rules[expected][-1] == rule


@pytest.mark.parametrize(
    ("text", "field", "rule"),
    [
        ("gamma-delta T cell", "cell_type", "implied_alpha_beta"),
        ("NK T cell", "cell_type", "implied_alpha_beta"),
        ("Mental and behavioural disorders due to use of opioids", "disease", "first_conjunct"),
    ],
)
def test_rewrite_not_applied(text: str, field: str, rule: str) -> None:
    assert all(rule not in rules for rules in _texts(text, field).values())
