"""Dose and time quantities: parse free text into the API's "number unit" strings.

The API documents ``perturbation_dose`` as e.g. ``"10 um"`` or ``"1 mg/kg"`` and
``perturbation_time`` as e.g. ``"24 hours"``: a plain number, one space, a lower-case unit. This
module maps the many spellings people use (``10uM``, ``10 µM``, ``10 micromolar``, ``24h``,
``1 day``) onto those canonical forms, and can pull such phrases out of compound text
(``"rifampicin 14 micromolar"`` -> ``"rifampicin"`` + dose ``14 um``).

Standard library only: the grounding layer and the query layer both use it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "DOSE_UNITS",
    "TIME_UNITS",
    "Quantity",
    "extract_quantities",
    "normalize_dose",
    "normalize_time",
    "parse_dose",
    "parse_quantity",
    "parse_time",
]

Kind = Literal["dose", "time"]

#: canonical dose unit -> accepted spellings (compared case-insensitively after µ/μ -> u)
DOSE_UNITS: dict[str, tuple[str, ...]] = {
    "pm": ("pm", "picomolar", "pmol/l"),
    "nm": ("nm", "nanomolar", "nmol/l", "nmol"),
    "um": ("um", "micromolar", "umol/l", "umol", "micromol/l", "micromoles/l", "microm"),
    "mm": ("mm", "millimolar", "mmol/l", "mmol"),
    "m": ("m", "molar", "mol/l"),
    "g/kg": ("g/kg", "g/kg/day"),
    "mg/kg": ("mg/kg", "mgkg", "mg/kg/day", "mpk"),
    "ug/kg": ("ug/kg", "mcg/kg", "ug/kg/day", "mcg/kg/day"),
    "ml/kg": ("ml/kg",),
    "g/l": ("g/l",),
    "mg/ml": ("mg/ml",),
    "ug/ml": ("ug/ml", "mcg/ml", "mg/l"),
    "ng/ml": ("ng/ml", "ug/l"),
    "pg/ml": ("pg/ml", "ng/l"),
    "g": ("g", "gram", "grams"),
    "mg": ("mg", "milligram", "milligrams"),
    "ug": ("ug", "mcg", "microgram", "micrograms"),
    "ng": ("ng", "nanogram", "nanograms"),
    "u/ml": ("u/ml", "iu/ml", "units/ml", "unit/ml"),
    "u/kg": ("u/kg", "iu/kg", "units/kg", "unit/kg"),  # hormones, heparin, vitamins in diet
    "u": ("u", "iu", "units", "international units"),
    "%": ("%", "percent", "pct"),
    "ppm": ("ppm", "parts per million", "part per million"),  # diet and soil doses
    "ppb": ("ppb", "parts per billion", "part per billion"),
    "moi": ("moi",),
    "pfu": ("pfu", "pfu/ml"),
    "gy": ("gy", "gray"),
}

#: canonical time unit -> accepted spellings
TIME_UNITS: dict[str, tuple[str, ...]] = {
    "seconds": ("s", "sec", "secs", "second", "seconds"),
    "minutes": ("min", "mins", "minute", "minutes", "m"),
    "hours": ("h", "hr", "hrs", "hour", "hours", "hpi", "hpt", "hpf"),
    "days": ("d", "day", "days", "dpi"),
    "weeks": ("w", "wk", "wks", "week", "weeks"),
    "months": ("mo", "mon", "month", "months"),
    "years": ("y", "yr", "yrs", "year", "years"),
}


def _reverse(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {spelling: canonical for canonical, spellings in table.items() for spelling in spellings}


_DOSE_LOOKUP = _reverse(DOSE_UNITS)
_TIME_LOOKUP = _reverse(TIME_UNITS)
# "m" is both molar and minutes: in a time context it is minutes, in a dose context molar.

_NUMBER = r"(?P<num>[+-]?(?:\d+(?:[.,]\d+)?|\.\d+)(?:e[+-]?\d+)?)"


def _alternation(spellings: dict[str, str]) -> str:
    # longest first so "mg/kg" wins over "mg" and "hours" over "h"
    return "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))


_DOSE_RE = re.compile(
    _NUMBER + r"\s*(?P<unit>" + _alternation(_DOSE_LOOKUP) + r")(?![a-z0-9])", re.IGNORECASE
)
_TIME_RE = re.compile(
    _NUMBER + r"\s*-?\s*(?P<unit>" + _alternation(_TIME_LOOKUP) + r")(?![a-z0-9])",
    re.IGNORECASE,
)
# inside free text a bare "m" after a number is too ambiguous (molar? minutes?) to read as time
_TIME_LOOKUP_TEXT = {k: v for k, v in _TIME_LOOKUP.items() if k != "m"}
_TIME_TEXT_RE = re.compile(
    _NUMBER + r"\s*-?\s*(?P<unit>" + _alternation(_TIME_LOOKUP_TEXT) + r")(?![a-z0-9])",
    re.IGNORECASE,
)
#: where a quantity was taken out of the text (until its connectors are trimmed)
_GAP = "\x00"
# connector words left dangling once a quantity is removed ("imatinib at 10 uM for 24 h"):
# before where the quantity was, or at either end of what is left
_CONNECTOR = r"(?:at|for|of|in|with|x|@|treated|treatment|dose|post)"
_DANGLING = re.compile(rf"(?:(?:^|\s){_CONNECTOR})+(?=\s*{_GAP}|\s*$)")
_LEADING = re.compile(rf"^(?:\s*{_CONNECTOR}(?=\s))+")
# ... and after it only the words that tie it to what it measures ("10 uM of imatinib"): an
# "in" there starts the medium it was given in ("75 mg/kg in corn oil"), which stays
_DANGLING_AFTER = re.compile(rf"(?<={_GAP})\s*(?:of|x|post)(?=\s|$)")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A parsed quantity; ``text`` is the canonical wire string (``"10 um"``, ``"24 hours"``)."""

    value: float
    unit: str
    kind: Kind
    text: str


# spelled-out unit words, for "X per Y" phrases ("milligrams per kilogram" -> "mg/kg")
_UNIT_WORDS = {
    "kilogram": "kg",
    "gram": "g",
    "milligram": "mg",
    "microgram": "ug",
    "nanogram": "ng",
    "picogram": "pg",
    "liter": "l",
    "litre": "l",
    "milliliter": "ml",
    "millilitre": "ml",
    "microliter": "ul",
    "microlitre": "ul",
    "mole": "mol",
    "millimole": "mmol",
    "micromole": "umol",
    "nanomole": "nmol",
    "unit": "units",
}
_UNIT_WORD = (
    r"(?:"
    + "|".join(sorted(_UNIT_WORDS, key=len, reverse=True))
    + r")s?|kg|mg|ug|mcg|ng|pg|g|ml|ul|l|mmol|umol|nmol|mol"
)
_PER_DAY = r"(?:\s*(?:/|\s+per\s+)(?:day|d))?"
_PER_PHRASE = re.compile(
    rf"\b(?P<a>{_UNIT_WORD})\s+per\s+(?P<b>{_UNIT_WORD})(?P<day>{_PER_DAY})\b", re.IGNORECASE
)
# "5% v/v", "5 % (w/v)", "5 volume percent", "5 percent by volume": all plain percentages
_PERCENT_KIND = re.compile(
    r"%\s*(?:\(\s*)?(?:v/v|w/v|w/w|vol/vol|wt/vol|wt/wt)(?:\s*\))?", re.IGNORECASE
)
_PERCENT_WORDS = re.compile(
    r"\b(?:(?:volume|vol\.?|weight|wt\.?|mass)\s+percent|percent\s+by\s+(?:volume|weight|mass))"
    r"(?:\s*(?:\(\s*)?(?:v/v|w/v|w/w)(?:\s*\))?)?",
    re.IGNORECASE,
)


# "1 mg/kg per day": a daily rate written half in symbols
_SLASH_PER_DAY = re.compile(r"(?<=/kg)\s+per\s+day\b", re.IGNORECASE)


def _unit_abbreviation(word: str) -> str:
    word = word.lower()
    if word in _UNIT_WORDS:
        return _UNIT_WORDS[word]
    if word.endswith("s") and word[:-1] in _UNIT_WORDS:
        return _UNIT_WORDS[word[:-1]]
    return "ug" if word == "mcg" else word


def _per_phrase(match: re.Match[str]) -> str:
    a, b = _unit_abbreviation(match["a"]), _unit_abbreviation(match["b"])
    return f"{a}/{b}" + ("/day" if match["day"] else "")


#: unit words long enough that one typing error in them is still unmistakable (not "microm":
#: "10 micron" is a size)
_LONG_UNITS = tuple(
    sorted(
        {
            s
            for table in (DOSE_UNITS, TIME_UNITS)
            for spellings in table.values()
            for s in spellings
            if s.isalpha() and len(s) >= 7
        }
        | {w + suffix for w in _UNIT_WORDS if len(w) >= 7 for suffix in ("", "s")}
    )
)
# a word right after a number, or after a number and one more word ("0.25 volume percent")
_UNIT_SLOT = re.compile(r"(?P<pre>\d\s*(?:[a-z]+\s+)?)(?P<word>[a-z]{6,})(?![\w/])", re.IGNORECASE)


def _unit_typo(match: re.Match[str]) -> str:
    word = match["word"].lower()
    if word in _LONG_UNITS:
        return match.group()
    # one insertion, deletion, substitution or swap of neighbouring letters (as spelling.py)
    from rapidfuzz.distance import OSA  # here: importing synthquery should not load it

    for unit in _LONG_UNITS:
        if unit[0] == word[0] and OSA.distance(word, unit, score_cutoff=1) == 1:
            return match["pre"] + unit
    return match.group()


# a molar concentration in powers of ten: "10^-7 M", "1x10-7M", "5 × 10^-6 M", "1e-6 M",
# "10-6 M" (the caret dropped, as many sample sheets do)
_POWER_MOLAR = re.compile(
    r"(?<![\w.])(?:(?P<mant>\d+(?:\.\d+)?)\s*[x×*·]\s*)?(?P<base>10\s*(?:\^|\*\*)?\s*|"
    r"(?P<emant>\d+(?:\.\d+)?)[eE])\(?(?P<exp>[-−]\d{1,2})\)?\s*(?P<unit>M|mol/l)(?![\w/])"
)
# a unit "per" written as an exponent: "10 mg kg-1", "5 ug mL−1", "10 mg·kg−1" -> "mg/kg"
_PER_EXPONENT = re.compile(
    r"\b(?P<amount>[mun]?g|m?l|[mun]?mol)\s*[·*\s]\s*(?P<per>kg|g|ml|l)\s*[-−]1(?![\w.])",
    re.IGNORECASE,
)
_MOLAR_STEPS = ((1.0, "M"), (1e-3, "mM"), (1e-6, "uM"), (1e-9, "nM"), (1e-12, "pM"))


# the multiplicity of infection is written before its number: "MOI 0.1", "MOI of 5", "moi=10"
_MOI_FIRST = re.compile(r"\bMOI\s*(?:of\s+|[:=]\s*)?(\d+(?:\.\d+)?)(?![\w.])", re.IGNORECASE)


def _power_molar(match: re.Match[str]) -> str:
    mantissa = float(match["mant"] or match["emant"] or 1)
    molar = mantissa * 10.0 ** int(match["exp"].replace("−", "-"))
    for step, unit in _MOLAR_STEPS:
        if molar >= step * 0.999:
            return f"{_format_number(round(molar / step, 6))} {unit}"
    return match.group()


def _fold(text: str) -> str:
    text = text.replace("µ", "u").replace("μ", "u").replace("\u00a0", " ").strip()
    if "-1" in text or "\u22121" in text:
        text = _PER_EXPONENT.sub(r"\g<amount>/\g<per>", text)
    if "10" in text or "e-" in text or "E-" in text:
        text = _POWER_MOLAR.sub(_power_molar, text)
    if "moi" in text.lower():
        text = _MOI_FIRST.sub(r"\1 moi", text)
    # "10 micromloar", "60 minuets": a typo'd unit would leave the quantity in the name
    text = _UNIT_SLOT.sub(_unit_typo, text)
    if " per " in text.lower():
        text = _SLASH_PER_DAY.sub("/day", _PER_PHRASE.sub(_per_phrase, text))
    if "%" in text:
        text = _PERCENT_KIND.sub("%", text)
    if "percent" in text.lower():
        text = _PERCENT_WORDS.sub("percent", text)
    return text


def _format_number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


_THOUSANDS = re.compile(r"[+-]?\d{1,3},\d{3}(?!\d)")


def _to_float(num: str) -> float | None:
    # "0,5" is a decimal comma, but "1,000" is a thousand to some readers and one to others:
    # refuse rather than turn 1,000 nM into 1 nm
    if _THOUSANDS.match(num):
        return None
    try:
        value = float(num.replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None  # "1e999 um" is not a dose


def _parse_full(
    text: str, regex: re.Pattern[str], lookup: dict[str, str], kind: Kind
) -> Quantity | None:
    folded = _fold(text)
    match = regex.fullmatch(folded)
    if match is None:
        return None
    value = _to_float(match["num"])
    if value is None or value < 0:
        return None
    unit = lookup[match["unit"].lower()]
    return Quantity(value, unit, kind, f"{_format_number(value)} {unit}")


def parse_dose(text: str) -> Quantity | None:
    """``"10uM"`` -> ``Quantity(10.0, "um", "dose", "10 um")``; None if not a dose."""
    if not isinstance(text, str):
        return None
    return _parse_full(text, _DOSE_RE, _DOSE_LOOKUP, "dose")


def parse_time(text: str) -> Quantity | None:
    """``"24h"`` -> ``Quantity(24.0, "hours", "time", "24 hours")``; None if not a time."""
    if not isinstance(text, str):
        return None
    return _parse_full(text, _TIME_RE, _TIME_LOOKUP, "time")


def parse_quantity(text: str) -> Quantity | None:
    """A dose or a time, whichever ``text`` is (dose first: ``"5 m"`` reads as molar)."""
    return parse_dose(text) or parse_time(text)


def normalize_dose(text: str) -> str | None:
    """Canonical dose string, or None when ``text`` is not a recognisable dose."""
    quantity = parse_dose(text)
    return quantity.text if quantity else None


def normalize_time(text: str) -> str | None:
    """Canonical time string, or None when ``text`` is not a recognisable time."""
    quantity = parse_time(text)
    return quantity.text if quantity else None


# a name of three letters or more, or another quantity, right before a hyphen and a quantity
# ("cisplatin-10uM-24h"); a shorter name is more often part of the name ("IL-6", "PD-1")
_NAME_BEFORE = re.compile(r"(?:(?<![\w-])[A-Za-z]{3,}|\d[A-Za-z/%]{1,6})$")


# a hyphen and a letter right after a quantity: maybe part of a chemical name
_IN_NAME = re.compile(r"-[A-Za-z]")


def _take(
    text: str, regex: re.Pattern[str], lookup: dict[str, str], kind: Kind
) -> tuple[str, Quantity | None]:
    for match in regex.finditer(text):
        start, end = match.span()
        # the number must start a word: "H2O2 10 mM" must not read "2 O2", nor "IL-6 h" six
        # hours; a quantity written whole after a hyphen is one ("cisplatin-10uM-24h")
        glued = not any(c.isspace() for c in match.group())  # "24h", not "24 h"
        if match["unit"] == "D" and glued:
            continue  # "2D culture", "3D spheroids": dimensions, not days
        if glued and start > 0 and text[start - 1] == "[":
            continue  # "[3H]thymidine", "[14C]glucose": an isotope label
        if glued and _IN_NAME.match(text, end):
            # "15d-PGJ2", "1H-indole", "9H-fluorene": a locant or hydrogen count of the name
            if match["unit"].isupper() or text[end + 1].isupper():
                continue
        num = match["num"]
        # the number pattern takes a hyphen before it as a minus sign
        joined = num.startswith("-") and glued and _NAME_BEFORE.search(text, 0, start) is not None
        if joined:
            num, start = num[1:], start + 1  # the hyphen joins, it is no minus sign
        elif start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".-"):
            continue
        value = _to_float(num)
        if value is None or value < 0:
            continue
        unit = lookup[match["unit"].lower()]
        quantity = Quantity(value, unit, kind, f"{_format_number(value)} {unit}")
        return text[:start] + f" {_GAP} " + text[end:], quantity
    return text, None


def extract_quantities(text: str) -> tuple[str, Quantity | None, Quantity | None]:
    """Split ``"rifampicin 14 micromolar 24h"`` into ``("rifampicin", dose, time)``.

    Time is taken first so that ``"30 m"`` inside a time phrase is not read as a dose.
    The remaining text has connector words and stray punctuation trimmed.
    """
    if not isinstance(text, str):
        return "", None, None
    folded = _fold(text)
    rest, time = _take(folded, _TIME_TEXT_RE, _TIME_LOOKUP_TEXT, "time")
    rest, dose = _take(rest, _DOSE_RE, _DOSE_LOOKUP, "dose")
    if dose is None and time is None:
        return text.strip(), None, None
    rest = _DANGLING_AFTER.sub(" ", _DANGLING.sub(" ", rest)).replace(_GAP, " ")
    rest = _LEADING.sub(" ", rest)
    rest = re.sub(r"\s{2,}", " ", _trim_brackets(rest)).strip(" -,;")
    return rest, dose, time


# brackets the quantities were taken from: "(10 uM)", "(10 uM, 24 h)"
_EMPTY_BRACKETS = re.compile(r"\(\s*[,;:]?\s*\)|\[\s*[,;:]?\s*\]")
_OPENER = {")": "(", "]": "["}
_CLOSER = {"(": ")", "[": "]"}
# ... and the separator the quantity leaves inside them: "(E2; 10 nM)"
_INSIDE_EDGES = re.compile(r"[\s,;:]+([)\]])|(?<=[(\[])[\s,;:]+")


def _trim_brackets(rest: str) -> str:
    """``rest`` without the brackets and separators a quantity left behind. A bracket at
    either end goes only when it pairs with nothing, so the compound's own brackets stay
    ("(-)-blebbistatin", "poly(I:C)", "imatinib (STI571)")."""
    rest = _INSIDE_EDGES.sub(r"\1", _EMPTY_BRACKETS.sub(" ", rest)).strip(" \t,;:")
    while rest and (rest[-1] in _CLOSER or _unpaired(rest, rest[-1], _OPENER)):
        rest = rest[:-1].rstrip(" \t,;:")  # an opening bracket at the end opens nothing
    while rest and (rest[0] in _OPENER or _unpaired(rest, rest[0], _CLOSER)):
        rest = rest[1:].lstrip(" \t,;:")
    return rest


def _unpaired(text: str, bracket: str, partner: dict[str, str]) -> bool:
    """Whether ``text`` has more of ``bracket`` than of its partner."""
    return bracket in partner and text.count(bracket) > text.count(partner[bracket])
