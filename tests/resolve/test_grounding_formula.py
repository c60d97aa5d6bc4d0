"""Formulas of simple inorganic compounds: parsed into ChEBI-style names, then grounded."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synthquery.resolve import lookup
from synthquery.resolve.formula import formula_names


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
    names = formula_names(text)
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
    ],
)
def test_formulas_ground_to_chebi(text: str, expected: str) -> None:
    result = lookup(text, "compound")
    assert result.best is not None and result.best.id == expected, result.candidates[:3]
    # a formula is a rewrite: never as sure as the name itself
    assert not result.best.exact
    assert result.best.score < lookup(result.best.label, "compound").best.score
