"""Chemical formulas of simple inorganic compounds as ChEBI-style names: ``KCl`` -> ``potassium
chloride``, ``CdCl2`` -> ``cadmium dichloride``, ``CuSO4`` -> ``copper(II) sulfate``.

The packaged ChEBI data has no formulas, and people write salts, oxidants and gases by formula
("KNO3", "H2O2", "NaAsO2"). A salt is one cation (a metal, ammonium or hydrogen) followed by
one anion, each with an optional count; a few molecules are named directly. The names follow
ChEBI's habits in several spellings, since ChEBI itself is not consistent ("zinc dichloride",
"zinc chloride" as a synonym; "silver(1+) nitrate"); the grounder keeps those that exist.
"""

from __future__ import annotations

import math
import re

__all__ = [
    "counted",
    "element_name",
    "formula_names",
    "formula_names_any_case",
    "hydrate_name",
    "hydrate_names",
    "ion_names",
    "stock_names",
]

#: cation symbol -> (name, usual charges; the first is assumed when the formula is balanced
#: another way)
_CATIONS: dict[str, tuple[str, tuple[int, ...]]] = {
    "H": ("hydrogen", (1,)),
    "Li": ("lithium", (1,)),
    "Na": ("sodium", (1,)),
    "K": ("potassium", (1,)),
    "Rb": ("rubidium", (1,)),
    "Cs": ("caesium", (1,)),
    "Ag": ("silver", (1,)),
    "NH4": ("ammonium", (1,)),
    "Be": ("beryllium", (2,)),
    "Mg": ("magnesium", (2,)),
    "Ca": ("calcium", (2,)),
    "Sr": ("strontium", (2,)),
    "Ba": ("barium", (2,)),
    "Zn": ("zinc", (2,)),
    "Cd": ("cadmium", (2,)),
    "Hg": ("mercury", (2, 1)),
    "Cu": ("copper", (2, 1)),
    "Fe": ("iron", (3, 2)),
    "Co": ("cobalt", (2, 3)),
    "Ni": ("nickel", (2,)),
    "Mn": ("manganese", (2, 3, 4)),
    "Cr": ("chromium", (3, 2, 6)),
    "Pb": ("lead", (2, 4)),
    "Sn": ("tin", (2, 4)),
    "Al": ("aluminium", (3,)),
    "Ga": ("gallium", (3,)),
    "Tl": ("thallium", (1, 3)),
    "Au": ("gold", (3, 1)),
    "Pt": ("platinum", (2, 4)),
    "Pd": ("palladium", (2,)),
    "La": ("lanthanum", (3,)),
    "Gd": ("gadolinium", (3,)),
    # metalloids toxicology doses by their oxidation state ("As(III)", "Sb(III)")
    "As": ("arsenic", (3, 5)),
    "Sb": ("antimony", (3,)),
}

#: (cation symbol, charge) -> the older name MeSH and vendors use ("ferrous sulfate")
_CLASSICAL: dict[tuple[str, int], str] = {
    ("Fe", 2): "ferrous", ("Fe", 3): "ferric", ("Cu", 1): "cuprous", ("Cu", 2): "cupric",
    ("Sn", 2): "stannous", ("Sn", 4): "stannic", ("Hg", 1): "mercurous", ("Hg", 2): "mercuric",
    ("Co", 2): "cobaltous", ("Co", 3): "cobaltic", ("Mn", 2): "manganous", ("Mn", 3): "manganic",
    ("Cr", 2): "chromous", ("Cr", 3): "chromic", ("Pb", 2): "plumbous", ("Pb", 4): "plumbic",
    ("Au", 1): "aurous", ("Au", 3): "auric",
}  # fmt: skip

#: anion formula -> (name, charge); longer formulas are tried first
_ANIONS: dict[str, tuple[str, int]] = {
    "F": ("fluoride", 1),
    "Cl": ("chloride", 1),
    "Br": ("bromide", 1),
    "I": ("iodide", 1),
    "O": ("oxide", 2),
    "S": ("sulfide", 2),
    "OH": ("hydroxide", 1),
    "CN": ("cyanide", 1),
    "SCN": ("thiocyanate", 1),
    "N3": ("azide", 1),
    "NO3": ("nitrate", 1),
    "NO2": ("nitrite", 1),
    "SO4": ("sulfate", 2),
    "SO3": ("sulfite", 2),
    "HSO4": ("hydrogensulfate", 1),
    "S2O3": ("thiosulfate", 2),
    "PO4": ("phosphate", 3),
    "HPO4": ("hydrogenphosphate", 2),
    "H2PO4": ("dihydrogenphosphate", 1),
    "CO3": ("carbonate", 2),
    "HCO3": ("hydrogencarbonate", 1),
    "ClO4": ("perchlorate", 1),
    "ClO3": ("chlorate", 1),
    "ClO": ("hypochlorite", 1),
    "IO3": ("iodate", 1),
    "BrO3": ("bromate", 1),
    "MnO4": ("permanganate", 1),
    "CrO4": ("chromate", 2),
    "Cr2O7": ("dichromate", 2),
    "AsO2": ("arsenite", 1),
    "AsO3": ("arsenite", 3),
    "AsO4": ("arsenate", 3),
    "SeO3": ("selenite", 2),
    "SeO4": ("selenate", 2),
    "MoO4": ("molybdate", 2),
    "WO4": ("tungstate", 2),
    "VO3": ("metavanadate", 1),
    "VO4": ("orthovanadate", 3),
    "BO3": ("borate", 3),
    "SiO3": ("silicate", 2),
    "C2H3O2": ("acetate", 1),
    "CH3COO": ("acetate", 1),
    "OAc": ("acetate", 1),
    "HCOO": ("formate", 1),
    "C2O4": ("oxalate", 2),
}

#: molecules people write by formula that are not salts of the tables above
_MOLECULES: dict[str, tuple[str, ...]] = {
    "H2O": ("water",),
    "H2O2": ("hydrogen peroxide",),
    "CO2": ("carbon dioxide",),
    "CO": ("carbon monoxide",),
    "NO": ("nitric oxide", "nitrogen monoxide"),
    "NO2": ("nitrogen dioxide",),
    "N2O": ("nitrous oxide",),
    "O2": ("dioxygen", "oxygen"),
    "O3": ("ozone",),
    "N2": ("dinitrogen", "nitrogen"),
    "H2": ("dihydrogen", "hydrogen"),
    "NH3": ("ammonia",),
    "H2S": ("hydrogen sulfide",),
    "SO2": ("sulfur dioxide",),
    "HCl": ("hydrogen chloride", "hydrochloric acid"),
    "HNO3": ("nitric acid",),
    "H2SO4": ("sulfuric acid",),
    "H3PO4": ("phosphoric acid",),
    "HF": ("hydrogen fluoride",),
    "As2O3": ("arsenic trioxide",),
    "CdSe": ("cadmium selenide",),
    "TiO2": ("titanium dioxide",),
    "ZnO": ("zinc oxide",),
    "SiO2": ("silicon dioxide", "silica"),
}

#: how many, as chemical names say it ("di"chloride, "hexa"hydrate; halves for hydrates)
_MULTIPLIERS = {
    "0.5": "hemi", "1": "mono", "1.5": "sesqui", "2": "di", "2.5": "hemipenta", "3": "tri",
    "3.5": "hemihepta", "4": "tetra", "5": "penta", "6": "hexa", "7": "hepta", "8": "octa",
    "9": "nona", "10": "deca", "12": "dodeca",
}  # fmt: skip


def _times(n: int) -> str:
    """The prefix for ``n`` ions in a salt name; a salt of these ions balances with at most
    six of either, so larger counts (a formula such as Na7Cl7) get none."""
    return _MULTIPLIERS[str(n)] if 1 < n <= 6 else ""


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}
#: a trailing hydrate ("CuSO4·5H2O", "CdCl2.2.5H2O", "MgCl2 6H2O"): ChEBI names hydrates
#: apart, but users mostly mean the salt (the hydrate's own names come after it:
#: :func:`hydrate_names`)
# the water of a hydrate after a separator: "CuSO4·5H2O", "CuSO4.5H2O", "MgCl2 6H2O"
_HYDRATE = re.compile(r"(?:\s*[·.•*]\s*|\s+)(?P<n>\d+(?:\.\d+)?\s*)?H2O$")
_SHAPE = re.compile(r"[A-Z(][A-Za-z0-9()]*")
_COUNT = re.compile(r"\d*")
_CATION_KEYS = sorted(_CATIONS, key=len, reverse=True)
_ANION_KEYS = sorted(_ANIONS, key=len, reverse=True)


def _count(text: str, at: int) -> tuple[int, int]:
    digits = _COUNT.match(text, at)
    assert digits is not None  # \d* always matches
    return (int(digits.group()) if digits.group() else 1), digits.end()


def _cation(text: str) -> tuple[str, int, int] | None:
    """(symbol, count, end) of the cation the formula starts with ("(NH4)2SO4" too)."""
    if text.startswith("("):
        close = text.find(")")
        symbol = text[1:close] if close > 0 else ""
        if symbol in _CATIONS:
            n, end = _count(text, close + 1)
            return symbol, n, end
        return None
    for symbol in _CATION_KEYS:
        if text.startswith(symbol):
            n, end = _count(text, len(symbol))
            return symbol, n, end
    return None


def _anion(text: str) -> tuple[str, int] | None:
    """(formula, count) of the anion that makes up all of ``text``."""
    if text.startswith("(") and ")" in text:
        close = text.index(")")
        inner = text[1:close]
        n, end = _count(text, close + 1)
        if inner in _ANIONS and end == len(text):
            return inner, n
        return None
    for formula in _ANION_KEYS:
        if text.startswith(formula):
            n, end = _count(text, len(formula))
            if end == len(text):
                return formula, n
    return None


def hydrate_names(text: str) -> list[str]:
    """The hydrate's own names when ``text`` is a salt's formula with its water counted
    ("MgCl2·6H2O": magnesium dichloride hexahydrate); ``[]`` otherwise."""
    water = _HYDRATE.search(text.strip())
    word = hydrate_name(water["n"].strip() if water["n"] else "1") if water else None
    if water is None or word is None:
        return []
    return [f"{name} {word}" for name in formula_names(text)]


def formula_names(text: str) -> list[str]:
    """ChEBI-style names for ``text`` if it is the formula of a simple inorganic compound;
    ``[]`` otherwise. Formulas are case-sensitive ("Co" is cobalt, "CO" carbon monoxide)."""
    text = _HYDRATE.sub("", text.strip())
    if not text or len(text) > 24 or not _SHAPE.fullmatch(text):
        return []
    if text in _MOLECULES:
        return list(_MOLECULES[text])
    found = _cation(text)
    if found is None:
        return []
    symbol, n_cation, end = found
    anion = _anion(text[end:])
    if anion is None:
        return []
    formula, n_anion = anion
    cation_name, charges = _CATIONS[symbol]
    anion_name, anion_charge = _ANIONS[formula]
    total = n_anion * anion_charge
    if total % n_cation:
        return []
    charge = total // n_cation
    if charge not in charges:
        return []
    if symbol == "H":
        return [f"hydrogen {anion_name}"]
    names = [f"{cation_name} {anion_name}"]
    if n_anion > 1:
        names.append(f"{cation_name} {_times(n_anion)}{anion_name}")
    if n_cation > 1:
        names.append(f"{_times(n_cation)}{cation_name} {anion_name}")
    if len(charges) > 1 or charge > 1:
        roman = _ROMAN[charge]
        names.append(f"{cation_name}({roman}) {anion_name}")
        names.append(f"{cation_name}({charge}+) {anion_name}")
        if (symbol, charge) in _CLASSICAL:
            names.append(f"{_CLASSICAL[symbol, charge]} {anion_name}")
    elif charge == 1:
        names.append(f"{cation_name}(1+) {anion_name}")
    return list(dict.fromkeys(names))


#: element symbols the tables use: a formula typed in one case is split into these
_ELEMENTS = frozenset(re.findall(r"[A-Z][a-z]?", " ".join([*_CATIONS, *_ANIONS, *_MOLECULES])))
_ONE_CASE = re.compile(r"[a-z0-9]{3,12}|[A-Z0-9]{3,12}")


def _capitalisations(text: str) -> list[str]:
    """Every way to read ``text`` (one case) as element symbols and counts."""
    lower = text.lower()
    out: list[str] = []

    def walk(at: int, built: str) -> None:
        if at == len(lower):
            out.append(built)
            return
        if lower[at].isdigit():
            walk(at + 1, built + lower[at])
            return
        for size in (1, 2):
            symbol = lower[at : at + size].capitalize()
            if len(symbol) == size and symbol in _ELEMENTS:
                walk(at + size, built + symbol)

    walk(0, "")
    return out


def cation_name(symbol: str) -> str | None:
    """The metal a symbol names as a salt's cation, one letter too ("K" -> potassium, "Na" ->
    sodium, "NH4" -> ammonium), written in its own case; None otherwise."""
    found = _CATIONS.get(symbol)
    return None if found is None or symbol == "H" else found[0]


def element_name(text: str) -> str | None:
    """The element a two-letter symbol written in its own case names ("Zn" -> "zinc", "Hg" ->
    "mercury"); None otherwise ("HG", "hg" and one-letter symbols are other things too)."""
    text = text.strip()
    return cation_name(text) if len(text) == 2 else None


def formula_names_any_case(text: str) -> list[str]:
    """:func:`formula_names` for a formula typed in one case ("kcl", "NACL", "h2o2"), when
    exactly one capitalisation of it is such a formula ("co" is left alone: cobalt or carbon
    monoxide, and too short to tell)."""
    text = text.strip()
    if not _ONE_CASE.fullmatch(text) or not any(c.isalpha() for c in text):
        return []
    readings = {tuple(names) for c in _capitalisations(text) if (names := formula_names(c))}
    return list(readings.pop()) if len(readings) == 1 else []


# "iron(III) chloride", "mercury (II) chloride", "cobalt(2+) nitrate": a metal, its charge, an anion
_STOCK = re.compile(
    r"^(?P<metal>[a-z]+)\s*\(\s*(?P<charge>i{1,3}|iv|v|vi|[1-6]\+)\s*\)\s*(?P<anion>[a-z]+)$",
    re.IGNORECASE,
)
_CATION_BY_NAME = {name: symbol for symbol, (name, _charges) in _CATIONS.items()}
_CATION_BY_NAME["cesium"] = "Cs"
_CATION_BY_NAME["aluminum"] = "Al"


def is_cation_name(text: str) -> bool:
    """Whether ``text`` is the name of a cation salts are named for ("lead", "sodium")."""
    return text.strip().casefold() in _CATION_BY_NAME


# anion name -> formula; where two formulas share a name ("arsenite") the first is the usual one
_ANION_BY_NAME = {name: formula for formula, (name, _charge) in reversed(_ANIONS.items())}
_CHARGE = {roman.lower(): n for n, roman in _ROMAN.items()}


def stock_names(text: str) -> list[str]:
    """The names of a salt written with its metal's charge ("iron(III) chloride" -> iron
    trichloride, ...): ChEBI labels many such salts by their counts instead, and dropping the
    charge as a parenthetical would leave only the metal. ``[]`` for anything else."""
    match = _STOCK.match(text.strip())
    if match is None:
        return []
    symbol = _CATION_BY_NAME.get(match["metal"].lower())
    anion = _ANION_BY_NAME.get(match["anion"].lower())
    written = match["charge"].lower()
    charge = int(written[0]) if written.endswith("+") else _CHARGE[written]
    if symbol is None or anion is None or symbol in ("H", "NH4"):
        return []
    anion_charge = _ANIONS[anion][1]
    common = charge * anion_charge // math.gcd(charge, anion_charge)
    n_cation, n_anion = common // charge, common // anion_charge
    many = "(" + anion + ")" if n_anion > 1 and len(re.findall(r"[A-Z]", anion)) > 1 else anion
    formula = symbol + (str(n_cation) if n_cation > 1 else "") + many
    formula += str(n_anion) if n_anion > 1 else ""
    return formula_names(formula)


# "Zn2+", "Zn(2+)", "Fe+++", "Ca++", "K+", "Mg+2", "Zn(II)", "zinc(II)": a metal ion and its charge
_ION = re.compile(
    r"^(?P<metal>NH4|[A-Z][a-z]?|[a-z]{4,})\s*(?:\(\s*)?(?:(?P<n>[1-6])?\s*(?P<plus>\+{1,3})|"
    r"\+\s*(?P<n_after>[1-6])|(?P<roman>I{1,3}|IV|V|VI))(?:\s*\))?(?:\s+ions?)?$",
    re.IGNORECASE,
)


def ion_names(text: str) -> list[str]:
    """ChEBI's name of a metal ion written by its symbol or name and charge ("Zn2+", "Fe3+",
    "K+", "zinc(II)" -> zinc(2+), iron(3+), potassium(1+)); ``[]`` for anything else."""
    match = _ION.match(text.strip())
    if match is None:
        return []
    metal = match["metal"]
    symbol = metal if metal in _CATIONS else _CATION_BY_NAME.get(metal.lower())
    if symbol is None or (metal.islower() and match["roman"] is None):
        return []  # a name takes a Roman charge ("zinc(II)"); "zinc+" is no way to write one
    if match["roman"] is not None:
        charge = _CHARGE[match["roman"].lower()]
    elif match["n"] or match["n_after"]:
        charge = int(match["n"] or match["n_after"])
    else:
        charge = len(match["plus"])
    if charge not in _CATIONS[symbol][1]:
        return []
    name = _CATIONS[symbol][0]
    return [name if symbol == "NH4" else f"{name}({charge}+)"]


def hydrate_name(count: str) -> str | None:
    """ChEBI's word for a hydrate of ``count`` waters ("6" -> hexahydrate, "2.5" ->
    hemipentahydrate); None for a count it has no word for."""
    return counted(count, "hydrate")


def counted(count: str, word: str) -> str | None:
    """``word`` with the prefix chemical names give ``count`` of it ("2", "hydrochloride" ->
    dihydrochloride); None for a count they have no word for."""
    prefix = _MULTIPLIERS.get(count)
    return None if prefix is None else f"{prefix}{word}"
