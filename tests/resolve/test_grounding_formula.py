"""Formulas of simple inorganic compounds: parsed into ChEBI-style names, then grounded."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synthquery.resolve import lookup
from synthquery.resolve.formula import (
    element_name,
    formula_names,
    formula_names_any_case,
    hydrate_names,
    ion_names,
    stock_names,
)


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
        ("CuSO4.5H2O", "copper(II) sulfate"),  # a dot before the water, not a decimal
        ("MgCl2 6H2O", "magnesium dichloride"),
        ("H2O", "water"),  # water itself is no hydrate of nothing
        ("FeSO4", "ferrous sulfate"),  # the older name, as MeSH has it
        ("FeCl3", "ferric chloride"),
        ("HgCl2", "mercuric chloride"),
        ("H2O2", "hydrogen peroxide"),
        ("CO", "carbon monoxide"),
    ],
)
def test_formula_names(formula: str, name: str) -> None:
    assert name in formula_names(formula)


@pytest.mark.parametrize(
    "text",
    [
        "Co",
        "HeLa",
        "A549",
        "DMSO",
        "NaX",
        "KCl3",
        "kcl",
        "sodium chloride",
        "",
        "((",
        "Na2Cl",
        "5H2O",
    ],
)
def test_not_formulas(text: str) -> None:
    # unknown symbols, unbalanced charges, lower case and words are left alone
    assert formula_names(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("iron(III) chloride", "iron trichloride"),
        ("mercury (II) chloride", "mercury dichloride"),
        ("Iron(II) Sulfate", "ferrous sulfate"),
        ("cobalt(2+) nitrate", "cobalt dinitrate"),
        ("iron(III) oxide", "iron(III) oxide"),  # Fe2O3: two cations, three anions
        ("aluminum(III) chloride", "aluminium trichloride"),
        ("lead(II) acetate", "lead diacetate"),
    ],
)
def test_stock_names_are_read_as_their_formula(text: str, name: str) -> None:
    assert name in stock_names(text)


@pytest.mark.parametrize(
    "text",
    ["iron chloride", "foo(II) chloride", "iron(VII) chloride", "iron(II) widget", "(II) chloride",
     "hydrogen(I) chloride", "vitamin (D) chloride", "iron(II)"],
)  # fmt: skip
def test_not_stock_names(text: str) -> None:
    assert stock_names(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mercury(II) chloride", "CHEBI:31823"),  # not mercury(0), the metal left when the
        ("iron(III) chloride", "CHEBI:30808"),  # charge was dropped as a parenthetical
        ("iron(II) sulfate", "CHEBI:75832"),
        ("cobalt (II) chloride", "CHEBI:35696"),
    ],
)
def test_stock_names_ground_to_the_salt(text: str, expected: str) -> None:
    result = lookup(text, "compound")
    assert result.best is not None and result.best.id == expected, result.candidates[:3]
    assert "stock_name" in result.best.match


@given(st.text(max_size=40))
def test_any_text_is_safe(text: str) -> None:
    assert isinstance(stock_names(text), list)
    for names in (formula_names(text), formula_names_any_case(text)):
        assert isinstance(names, list) and len(names) == len(set(names))
        assert all(n and n == n.strip() for n in names)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("MgCl2·6H2O", ["magnesium dichloride hexahydrate", "magnesium chloride hexahydrate"]),
        ("CaCl2.2H2O", ["calcium dichloride dihydrate", "calcium chloride dihydrate"]),
        ("CuSO4 5H2O", ["copper(II) sulfate pentahydrate"]),
        ("NaCl·H2O", ["sodium chloride monohydrate"]),
    ],
)
def test_a_counted_water_names_the_hydrate(text: str, names: list[str]) -> None:
    found = hydrate_names(text)
    assert all(name in found for name in names), found
    assert all(name.endswith("hydrate") for name in found)


@pytest.mark.parametrize("text", ["MgCl2", "CuSO4·xH2O", "caffeine·6H2O", "H2O", "2H2O"])
def test_no_hydrate_without_a_salt_and_a_count_of_water(text: str) -> None:
    assert hydrate_names(text) == []


@pytest.mark.parametrize(
    ("text", "plain"),
    [("NiCl₂", "NiCl2"), ("NaAsO₂", "NaAsO2"), ("Ca²⁺", "Ca2+"), ("CoCl₂·6H₂O", "CoCl2·6H2O")],
)
def test_digits_written_small_read_as_ordinary_digits(text: str, plain: str) -> None:
    small, ordinary = lookup(text, "compound"), lookup(plain, "compound")
    assert small.best is not None and ordinary.best is not None
    assert [c.id for c in small.candidates] == [c.id for c in ordinary.candidates]
    assert small.query == text  # the result still says what was asked


@pytest.mark.parametrize(
    ("text", "salt", "hydrate"),
    [
        ("MgCl2·6H2O", "CHEBI:6636", "CHEBI:86345"),
        ("CuSO4·5H2O", "CHEBI:23414", "CHEBI:31440"),
        ("CaCl2.2H2O 1.8 mM", "CHEBI:3312", "CHEBI:86158"),
    ],
)
def test_a_hydrates_formula_gives_the_salt_then_the_hydrate(
    text: str, salt: str, hydrate: str
) -> None:
    ids = [c.id for c in lookup(text, "compound").candidates]
    assert ids[:2] == [salt, hydrate]


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zn2+", ["zinc(2+)"]),
        ("Zn(2+)", ["zinc(2+)"]),
        ("Ca++", ["calcium(2+)"]),
        ("Mg+2", ["magnesium(2+)"]),
        ("Fe3+", ["iron(3+)"]),
        ("Fe(II)", ["iron(2+)"]),
        ("copper(II)", ["copper(2+)"]),
        ("Na+ ions", ["sodium(1+)"]),
        ("NH4+", ["ammonium"]),
    ],
)
def test_ion_names(text: str, expected: list[str]) -> None:
    assert ion_names(text) == expected


@pytest.mark.parametrize("text", ["zinc+", "Fe7+", "Na2+", "Xx2+", "IL2+", "CD4+", "Zn"])
def test_no_ion_name_without_a_metal_and_a_charge_it_takes(text: str) -> None:
    assert ion_names(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Zn", "zinc"), ("Hg", "mercury"), ("Cu", "copper"), ("HG", None), ("hg", None)],
)
def test_an_element_symbol_in_its_own_case_names_the_element(
    text: str, expected: str | None
) -> None:
    assert element_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hg", "CHEBI:25195"),  # mercury atom, not glucose by its "HG" (high glucose)
        ("Zn 50 uM", "CHEBI:27363"),
        ("Fe", "CHEBI:18248"),
    ],
)
def test_element_symbols_ground_to_the_element(text: str, expected: str) -> None:
    result = lookup(text, "compound")
    assert result.best is not None and result.best.id == expected, result.candidates[:3]
    assert lookup("HG", "compound").best.id == "CHEBI:17234"  # the capitals stay glucose's


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Co chloride", "CHEBI:35696"),  # cobalt dichloride, not carbon monoxide's "CO"
        ("Hg chloride", "CHEBI:31823"),  # mercury dichloride, not glucose's "HG"
        ("Pb acetate", "CHEBI:31767"),  # lead diacetate, not the lead atom
        ("Na butyrate", "CHEBI:64103"),
    ],
)
def test_an_element_symbol_before_an_anion_names_the_salt(text: str, expected: str) -> None:
    result = lookup(text, "compound")
    assert result.best is not None and result.best.id == expected, result.candidates[:3]
    assert "element_symbol" in result.best.match


def test_an_element_symbol_before_other_words_is_left_alone() -> None:
    # "Co culture" is no salt: the symbol is only read as the element before an anion's name
    assert all("element_symbol" not in c.match for c in lookup("Co culture", "compound").candidates)


@given(st.text(max_size=6))
def test_element_name_is_none_or_a_word(text: str) -> None:
    name = element_name(text)
    assert name is None or (name.isalpha() and name.islower())


@pytest.mark.parametrize(
    ("symbol", "name"),
    [("Na", "sodium"), ("K", "potassium"), ("NH4", "ammonium"), ("As", "arsenic")],
)
def test_cation_names(symbol: str, name: str) -> None:
    from synthquery.resolve.formula import cation_name

    assert cation_name(symbol) == name


@pytest.mark.parametrize("symbol", ["H", "na", "NA", "L", "D", "Xx", ""])
def test_not_cation_names(symbol: str) -> None:
    # hydrogen is no salt's metal; a symbol is written in its own case; "L-", "D-" are
    # configurations
    from synthquery.resolve.formula import cation_name

    assert cation_name(symbol) is None
