"""Cell-line rewrites: catalogue and repository forms, experiment tags, the word "cells",
derived lines (``HEK293-EV`` -> ``HEK293``, ``Hep G2 cells`` -> ``Hep G2``)."""

from __future__ import annotations

import re

from synthquery.resolve.lexicon import SPECIES, SPECIES_WORDS
from synthquery.resolve.variants._text import CELL_SUFFIX, PAREN

# a word shaped like a cell line's name: a digit, a capital after a small letter, or three
# capitals ("A549", "THP-1", "HaCaT", "RKO"), unlike the words that describe it
_CODE_WORD = re.compile(r".*\d|.*[a-z].*[A-Z]|[A-Z]{3,}")


# what a sample title adds after the line's name: the experiment, not the line ("MCF-7 rep1",
# "HCT116 WT", "HeLa shGFP", "THP-1 + LPS", "Jurkat stimulated with PMA")
#: the control arms an experiment names its lines by, after a space or a hyphen
_CONTROL_ARMS = r"WT|wild[- ]?type|parental|control|ctrl|mock"
_LINE_CONTEXT = re.compile(
    rf"(?:[\s_]+(?:{_CONTROL_ARMS}|untreated|vehicle|DMSO|"
    r"rep(?:licate)?[\s_-]?\d+|r\d|[pP]\d{1,3}|passage[\s_-]?\d+|clone[\s_-]?\d+|#\d+|"
    r"(?:sh|si|sg)[A-Za-z][\w-]*|(?:treated|stimulated|infected|transfected|transduced|"
    r"incubated|exposed)\b.*)|\s*\+\s*\S.*)$",
)
_PARENTAL = re.compile(r"^parental\s+", re.IGNORECASE)


def _plain(words: list[str]) -> bool:
    """Words that describe a line ("lung", "T", "Keratinocytes"), unlike "KO", "TG" or "GLx",
    which after a name are more of its code ("HeLa TG a", "HCT 116 GLx KO")."""
    return all(w.isalpha() and (w.islower() or w.istitle()) for w in words)


# CCLE's names: the line's name in capitals without punctuation, then its lineage
# ("K562_HAEMATOPOIETIC_AND_LYMPHOID_TISSUE", "NCIH1299_LUNG"; underscores between words may
# already be spaces: "FADU UPPER AERODIGESTIVE TRACT")
_CCLE_NAME = re.compile(r"^(?P<name>[A-Z0-9]+)[_ ][A-Z]{4,}(?:[_ ][A-Z]{2,})*$")


def _named_first(words: list[str]) -> bool:
    """Whether the first word may be a line's name and the others describe it: a capital
    first, no species word ("Human neuroblastoma"), plain words after it (hyphens allowed:
    "T-cell leukemia")."""
    first, rest = words[0], words[1:]
    return (
        first[0].isupper()
        and SPECIES.fullmatch(first) is None
        and all(w.replace("-", "").isalpha() and (w.islower() or w.istitle()) for w in rest)
    )


# what a stem-cell line's name is followed by: "H9 hESC", "R1 ES cells", "WTC-11 iPSCs",
# "H9 human embryonic stem cells"
_STEM_TAIL = re.compile(
    r"(?:(?:human|mouse|murine)\s+)?(?P<kind>(?:[hm]i?)?(?:es|ips)c?s?|"
    r"(?:embryonic|induced pluripotent)\s+stem(?:\s+cells?)?|(?:es|ips)\s+cells?)"
    r"(?:\s+(?:cells?|lines?|cell lines?))?",
    re.IGNORECASE,
)


def _stem_line(words: list[str]) -> list[tuple[str, str]] | None:
    """``H9 hESC`` -> ``H9 ESC`` and ``ES-H9``: a stem-cell line's name, then the words saying
    it is one, as Cellosaurus names embryonic stem-cell lines (WA09's "H9 ESC", ES-R1); None
    for another text. Such a name alone is often a homonym's (H9 is also a T-cell line)."""
    if len(words) < 2:
        return None
    # ... or the words first ("hESC H9")
    for name, rest in ((words[0], words[1:]), (words[-1], words[:-1])):
        found = _STEM_TAIL.fullmatch(" ".join(rest)) if _CODE_WORD.match(name) else None
        if found is not None:
            break
    else:
        return None
    # (iPSC, hiPSCs, iPS cells, induced pluripotent stem cells: all say "ip")
    kind = "iPSC" if "ip" in found["kind"].casefold() else "ESC"
    out = [(f"{name} {kind}", "stem_line")]
    if kind == "ESC":
        out.append((f"ES-{name}", "stem_line"))
    else:
        # an iPSC line goes by its code alone ("WTC-11"), which no other line shares as a rule
        out.append((name, "lead_code"))
    return out


# Coriell's DNA sample of a line: "NA12878" is the DNA of GM12878, the line Cellosaurus names
_CORIELL_DNA = re.compile(r"\bNA(?=\d{5}\b)")
# cells made from a line: "THP1-derived macrophages", "HepaRG derived hepatocytes"
_DERIVED_FROM = re.compile(r"^(?P<name>\S*\d\S*?)[- ]derived\b", re.IGNORECASE)
# ... or a line with a reporter or an editing tool hyphened on: "U2OS-Fucci", "U87-luc"
_TAGGED = re.compile(
    r"^(?P<name>\S*\d\S*?)(?:-(?:luc2?|luciferase|fucci|[ey]?gfp|rfp|mcherry|tdtomato|d?cas9|"
    r"krab|vpr))+$",
    re.IGNORECASE,
)
# "MCF7_BRCA1_KO": a sample sheet's underscores between the words of a line's name and tags
_LINE_UNDERSCORE = re.compile(r"(?<=[A-Za-z0-9])_+(?=[A-Za-z0-9])")


# ... or how the experiment changed the line, hyphened on: "HeLa-WT", "HEK293-EV",
# "HCT116-sgNT", "A549-shCtrl" (a derivative Cellosaurus names so still wins by its own name)
_TAGGED_EXPERIMENT = re.compile(
    rf"^(?P<name>\S+?)-(?:{_CONTROL_ARMS}|EV|KO|vector|NT|scr|scrambled?|"
    r"(?:sh|si|sg)[A-Za-z0-9][\w-]*)$",
    re.IGNORECASE,
)


_LEADING_SPECIES = re.compile(
    rf"^(?:(?:african green|green|vervet)\s+)?(?:{SPECIES_WORDS})\s+(?P<rest>\S.*)$", re.IGNORECASE
)


def cell_line_variants(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if _CORIELL_DNA.search(text):
        return [(_CORIELL_DNA.sub("GM", text), "coriell_line")]
    stem = _stem_line(PAREN.sub(" ", text).split())  # "H9 hESCs (WiCell)"
    if stem is not None:
        return stem
    species = _LEADING_SPECIES.match(text.strip())
    if species is not None:
        # "Drosophila S2R+", "African green monkey Vero cells": the animal, then the line
        out.append((species["rest"], "drop_species"))
        text = species["rest"]
    spaced = _LINE_UNDERSCORE.sub(" ", text)
    if spaced != text:
        out.append((spaced, "underscore_to_space"))
        text = spaced
    derived = _DERIVED_FROM.match(text.strip()) or _TAGGED.match(text.strip())
    if derived is not None:
        out.append((derived["name"], "lead_code"))
    stripped = CELL_SUFFIX.sub("", text)
    if stripped != text:
        out.append((stripped, "strip_cell_suffix"))
    bare = _PARENTAL.sub("", text)
    while (shorter := _LINE_CONTEXT.sub("", bare)) != bare and shorter.strip():
        bare = shorter
    hyphened = _TAGGED_EXPERIMENT.match(bare.strip())
    if hyphened is not None:
        bare = hyphened["name"]
    if bare != text:
        out.append((bare, "drop_experiment"))
    # "HaCaT keratinocytes", "A549 lung cancer cells", "Hep G2 hepatoma": the name, then words
    # saying what the line is; "human lung adenocarcinoma A549", "breast cancer line MCF7":
    # those words first
    ccle = _CCLE_NAME.match(text.strip())
    if ccle is not None:
        out.append((ccle["name"], "ccle_name"))
    words = CELL_SUFFIX.sub("", text).split()
    codes = [i for i, w in enumerate(words) if _CODE_WORD.match(w)]
    if not codes and len(words) > 1 and _named_first(words):
        # "SK-N-SH neuroblastoma", "Raji Burkitt lymphoma": a name without digits, then
        # words saying what the line is
        out.append((words[0], "lead_name"))
    if codes:
        first, last = codes[0], codes[-1]
        head, tail = words[:first], words[last + 1 :]
        if tail and _plain(tail):
            out.append((" ".join(words[: last + 1]), "lead_name"))
        elif head and _plain(head) and (len(head) > 1 or head[0].islower()):
            # one capitalised word before a code may be the name's own ("Hep G2", "Hs 578T")
            out.append((" ".join(words[first : last + 1]), "described_name"))
        # "HEK293T Cas9", "C2C12 differentiated myotubes day 4": the name, then how the line
        # was changed or grown; a derivative Cellosaurus names that way wins by its own name,
        # and without one the text is the parent line, not a near name of another's derivative
        named = first == 0 or (
            first == 1 and (words[0].istitle() or words[0].isupper()) and len(words[0]) <= 4
        )
        lead = " ".join(words[: first + 1])
        if named and first + 1 < len(words) and all(v != lead for v, _ in out):
            out.append((lead, "lead_code"))
    return out
