"""units.py: dose/time spellings -> the API's canonical "number unit" strings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synthquery.units import (
    DOSE_UNITS,
    TIME_UNITS,
    extract_quantities,
    normalize_dose,
    normalize_time,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10uM", "10 um"),
        ("10 µM", "10 um"),
        ("10 μM", "10 um"),
        ("10 micromolar", "10 um"),
        ("0.5 nM", "0.5 nm"),
        ("1 mg/kg", "1 mg/kg"),
        ("100ng/mL", "100 ng/ml"),
        ("2,5 mM", "2.5 mm"),
        ("1e-6 M", "1 um"),  # a power of ten in the nearest molar unit
        ("10^-7 M", "100 nm"),
        ("1x10-7M", "100 nm"),
        ("5 × 10^-6 M", "5 um"),
        ("10.0 uM", "10 um"),
        ("  5 %  ", "5 %"),
    ],
)
def test_normalize_dose(text: str, expected: str) -> None:
    assert normalize_dose(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24h", "24 hours"),
        ("24 hr", "24 hours"),
        ("24 hours", "24 hours"),
        ("1 day", "1 days"),
        ("30 min", "30 minutes"),
        ("2 wk", "2 weeks"),
        ("96-h", "96 hours"),
    ],
)
def test_normalize_time(text: str, expected: str) -> None:
    assert normalize_time(text) == expected


@pytest.mark.parametrize(
    "text", ["", "abc", "uM", "10", "-5 uM", "ten uM", "10 parsecs", "1e999 um", "nan uM"]
)
def test_not_a_dose(text: str) -> None:
    assert normalize_dose(text) is None


def test_huge_numbers_in_text_are_left_alone() -> None:
    assert extract_quantities("drug 1e999 uM") == ("drug 1e999 uM", None, None)


def test_non_string_is_none() -> None:
    assert normalize_dose(10) is None  # type: ignore[arg-type]
    assert normalize_time(None) is None  # type: ignore[arg-type]
    assert extract_quantities(None) == ("", None, None)  # type: ignore[arg-type]


def test_bare_m_is_molar_as_dose_and_minutes_as_time() -> None:
    assert normalize_dose("5 m") == "5 m"
    assert normalize_time("5 m") == "5 minutes"
    assert parse_quantity("5 m").kind == "dose"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.5 milligrams per kilogram per day", "0.5 mg/kg"),
        ("0.5 milligrams per kilogram", "0.5 mg/kg"),
        ("3 mg per kg", "3 mg/kg"),
        ("1 mg/kg per day", "1 mg/kg"),
        ("20 micrograms per kilogram per day", "20 ug/kg"),
        ("10 micrograms per millilitre", "10 ug/ml"),
        ("10 micrograms per milliliter", "10 ug/ml"),
        ("2 nanograms per millilitre", "2 ng/ml"),
        ("1 gram per liter", "1 g/l"),
        ("1.5 grams per litre", "1.5 g/l"),
        ("5 millimoles per litre", "5 mm"),
        ("10 units per ml", "10 u/ml"),
        ("5 volume percent", "5 %"),
        ("5 percent by volume", "5 %"),
        ("5% v/v", "5 %"),
        ("0.1 % (v/v)", "0.1 %"),
        ("2% w/v", "2 %"),
        ("0.313 parts per million", "0.313 ppm"),
        ("1 part per billion", "1 ppb"),
        ("50 PPM", "50 ppm"),
    ],
)
def test_unit_phrases(text: str, expected: str) -> None:
    assert normalize_dose(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10 per day", None),  # "per" alone names no unit
        ("3 parts per hundred", None),
        ("5 grams per", None),
    ],
)
def test_incomplete_unit_phrases_are_not_doses(text: str, expected: str | None) -> None:
    assert normalize_dose(text) == expected


@pytest.mark.parametrize(
    ("text", "rest", "dose", "time"),
    [
        ("rifampicin 14 micromolar", "rifampicin", "14 um", None),
        ("imatinib at 10 uM for 24 h", "imatinib", "10 um", "24 hours"),
        ("cisplatin (5 uM, 48 hr)", "cisplatin", "5 um", "48 hours"),
        ("LPS 100 ng/ml 6 hours", "LPS", "100 ng/ml", "6 hours"),
        ("H2O2 10 mM", "H2O2", "10 mm", None),
        ("vitamin D3", "vitamin D3", None, None),
        ("5-fluorouracil", "5-fluorouracil", None, None),
        ("2 grams per liter galactose", "galactose", "2 g/l", None),
        ("ethanol 0.5% v/v for 24 h", "ethanol", "0.5 %", "24 hours"),
        ("drug 0.5 milligrams per kilogram per day for 3 days", "drug", "0.5 mg/kg", "3 days"),
        ("fenpropimorph 0.3 parts per million", "fenpropimorph", "0.3 ppm", None),
        ("tamoxifen 10^-7 M", "tamoxifen", "100 nm", None),
        ("dexamethasone 10-6 M", "dexamethasone", "1 um", None),  # the caret left out
        ("cisplatin-10uM", "cisplatin", "10 um", None),  # joined by hyphens
        ("olaparib-2.5uM-24h", "olaparib", "2.5 um", "24 hours"),
        ("IL-6h", "IL-6h", None, None),  # a short name before the hyphen is the name's
        ("CHIR-99021-3uM", "CHIR-99021-3uM", None, None),  # ... as is a code's number
        ("10-20 mM glucose", "10-20 mM glucose", None, None),  # a range is no power of ten
        ("15d-PGJ2", "15d-PGJ2", None, None),  # a locant of the name, not 15 days
        ("[3H]thymidine", "[3H]thymidine", None, None),  # an isotope label
        ("1H-indole-3-acetic acid 10 uM", "1H-indole-3-acetic acid", "10 um", None),
        ("24h-treated cells", "treated cells", None, "24 hours"),  # a time still
        ("cisplatin 10 mg kg-1", "cisplatin", "10 mg/kg", None),  # "per" as an exponent
        ("doxycycline 5 \u00b5g mL\u22121", "doxycycline", "5 ug/ml", None),
        ("LPS 1 mg\u00b7kg\u22121", "LPS", "1 mg/kg", None),
        ("CCl4 0.5 ml/kg", "CCl4", "0.5 ml/kg", None),
        ("ethanol 2 g/kg", "ethanol", "2 g/kg", None),
        ("estradiol 10E-8M", "estradiol", "100 nm", None),  # 10 x 10^-8 M
        ("IL-1 beta 10 ng/ml", "IL-1 beta", "10 ng/ml", None),
        ("insulin 0.75 IU/kg", "insulin", "0.75 u/kg", None),  # international units
        ("heparin 10 IU", "heparin", "10 u", None),
        ("cisplatin [5 mM]", "cisplatin", "5 mm", None),  # spaced: a dose, not an isotope
        # the brackets a quantity stood in go; the name's own brackets stay
        ("imatinib (STI571) 10 uM", "imatinib (STI571)", "10 um", None),
        ("(-)-blebbistatin 50 uM", "(-)-blebbistatin", "50 um", None),
        ("poly(I:C) 10 ug/ml", "poly(I:C)", "10 ug/ml", None),
        ("(R)-2-hydroxyglutarate 1 mM", "(R)-2-hydroxyglutarate", "1 mm", None),
        ("estradiol (E2; 10 nM)", "estradiol (E2)", "10 nm", None),
        ("LPS (100 ng/ml", "LPS", "100 ng/ml", None),  # an unclosed bracket
        # the medium a dose was given in keeps its "in": a vehicle clause, not a connector
        ("tamoxifen 75 mg/kg in corn oil", "tamoxifen in corn oil", "75 mg/kg", None),
        ("imatinib 10 uM in DMSO", "imatinib in DMSO", "10 um", None),
        ("10 uM of imatinib", "imatinib", "10 um", None),
        ("cells treated with 10 uM imatinib for 6h", "cells imatinib", "10 um", "6 hours"),
        ("for 24 h with imatinib", "imatinib", None, "24 hours"),
    ],
)
def test_extract_quantities(text: str, rest: str, dose: str | None, time: str | None) -> None:
    got_rest, got_dose, got_time = extract_quantities(text)
    assert got_rest == rest
    assert (got_dose.text if got_dose else None) == dose
    assert (got_time.text if got_time else None) == time


def test_canonical_forms_are_fixed_points() -> None:
    for unit in DOSE_UNITS:
        assert normalize_dose(f"3 {unit}") == f"3 {unit}"
    for unit in TIME_UNITS:
        assert normalize_time(f"3 {unit}") == f"3 {unit}"


@given(st.text(max_size=60))
def test_never_raises_and_canonical_is_idempotent(text: str) -> None:
    for fn in (normalize_dose, normalize_time):
        out = fn(text)
        if out is not None:
            assert fn(out) == out
    rest, _, _ = extract_quantities(text)
    assert isinstance(rest, str)


@pytest.mark.parametrize(
    ("text", "rest", "dose", "time"),
    [
        ("ethanol 2000 micromonar", "ethanol", "2000 um", None),
        ("alendronate 1 micromloar", "alendronate", "1 um", None),  # a swap
        ("Dasatinib 1.5 naonmolar", "Dasatinib", "1.5 nm", None),
        ("Benzene 100 mlligrams per kilogram", "Benzene", "100 mg/kg", None),  # a dropped letter
        ("methanol 0.25 volume perecnt", "methanol", "0.25 %", None),
        ("H2O2 for 60 miiutes", "H2O2", None, "60 minutes"),
    ],
)
def test_one_typo_in_a_long_unit_word_is_read(
    text: str, rest: str, dose: str | None, time: str | None
) -> None:
    got_rest, got_dose, got_time = extract_quantities(text)
    assert got_rest == rest
    assert (got_dose.text if got_dose else None) == dose
    assert (got_time.text if got_time else None) == time


@pytest.mark.parametrize(
    "text",
    [
        "particles 10 micron",  # a size: "microm" is too short to be corrected
        "drug 10 secondary",  # two edits from "seconds"
        "10 nicromolar",  # the first letter is never corrected
        "micromonar",  # no number before it
    ],
)
def test_unit_look_alikes_are_not_quantities(text: str) -> None:
    rest, dose, time = extract_quantities(text)
    assert dose is None and time is None and rest == text


_SPELLINGS = sorted({s for table in (DOSE_UNITS, TIME_UNITS) for v in table.values() for s in v})


@given(st.sampled_from(_SPELLINGS))
def test_every_spelling_is_still_read_as_itself(spelling: str) -> None:
    # the typo reading never replaces a unit spelling that is right as written
    quantity = parse_quantity(f"3 {spelling}")
    assert quantity is not None
    table = DOSE_UNITS if quantity.kind == "dose" else TIME_UNITS
    assert spelling in table[quantity.unit]
