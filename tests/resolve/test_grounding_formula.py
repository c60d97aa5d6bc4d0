"""Formulas of simple inorganic compounds: parsed into ChEBI-style names, then grounded."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synthquery.resolve import lookup
from synthquery.resolve.formula import formula_names, formula_names_any_case


@pytest.mark.parametrize(
    ("formula", "name"),
    [
        ("NaCl", "sodium chloride"),
        ("LiCl", "lithium chloride"),
        ("ZnCl2", "zinc dichloride"),
        ("FeCl3", "iron trichloride"),
        ("CuSO4", "copper(II) sulfate"),
        ("(NH4)2SO4", "ammonium sulfate"),
        ("Pb(NO3)2", "lead dinitrate"),
        ("Na2HPO4", "disodium hydrogenphosphate"),
        ("MgCl2·6H2O", "magnesium dichloride"),  # a hydrate means the salt
        ("H2O2", "hydrogen peroxide"),
        ("CO", "carbon monoxide"),
    ],
)
def test_formula_names(formula: str, name: str) -> None:
    assert name in formula_names(formula)


@pytest.mark.parametrize(
    "text",
    ["Co", "HeLa", "A549", "DMSO", "NaX", "KCl3", "kcl", "sodium chloride", "", "((", "Na2Cl"],
)
def test_not_formulas(text: str) -> None:
    # unknown symbols, unbalanced charges, lower case and words are left alone
    assert formula_names(text) == []


@given(st.text(max_size=40))
def test_any_text_is_safe(text: str) -> None:
    for names in (formula_names(text), formula_names_any_case(text)):
        assert isinstance(names, list) and len(names) == len(set(names))
        assert all(n and n == n.strip() for n in names)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NaCl 150 mM", "CHEBI:26710"),
        ("CdCl2", "CHEBI:35456"),
        ("KCl", "CHEBI:32588"),
        ("AgNO3", "CHEBI:32130"),
        ("pulsed KNO3", "CHEBI:63043"),  # a formula after words that describe the treatment
        ("kcl", "CHEBI:32588"),  # typed in one case
        ("NACL 150 MM", "CHEBI:26710"),
        ("treated with cocl2", "CHEBI:35696"),
    ],
)
def test_formulas_ground_to_chebi(text: str, expected: str) -> None:
    result = lookup(text, "compound")
    assert result.best is not None and result.best.id == expected, result.candidates[:3]
    # a formula is a rewrite: never as sure as the name itself
    assert not result.best.exact
    assert result.best.score < lookup(result.best.label, "compound").best.score


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kcl", "potassium chloride"),
        ("NACL", "sodium chloride"),
        ("h2o2", "hydrogen peroxide"),
        ("cocl2", "cobalt chloride"),  # the only capitalisation our tables read (CoCl2)
        ("caco3", "calcium carbonate"),  # CaCO3, not CAcO3 or CaCo3
    ],
)
def test_one_case_formulas_are_read_when_only_one_capitalisation_fits(
    text: str, expected: str
) -> None:
    assert expected in formula_names_any_case(text)


@pytest.mark.parametrize(
    "text",
    [
        "co",  # cobalt or carbon monoxide: too short to tell
        "no",  # a word
        "NaCl",  # mixed case is a formula as written, or nothing
        "lung",
        "sodium",
        "kcl2",  # KCl2 does not balance
    ],
)
def test_one_case_reading_declines(text: str) -> None:
    assert formula_names_any_case(text) == []


@given(st.sampled_from(["KCl", "NaCl", "H2O2", "CuSO4", "HgCl2", "ZnO", "KNO3", "NH4Cl"]))
def test_one_case_reading_agrees_with_the_written_formula(formula: str) -> None:
    names = formula_names(formula)
    assert formula_names_any_case(formula.lower()) == names
    assert formula_names_any_case(formula.upper()) == names
