"""Gene and organism rewrites: protein names with Greek letters, method words, exposure notes."""

from __future__ import annotations

import re

from synthquery.resolve.lexicon import GENE_METHOD, GENE_PREFIXED
from synthquery.resolve.normalize import fold_unicode
from synthquery.resolve.variants._text import clean

_METHOD_JOINERS = re.compile(r"^(?:of|against|targeting|for|on)\s+", re.IGNORECASE)
# "IFN-gamma", "TGF-beta1", "IL-1beta", "HIF-1alpha": protein names spell the Greek letter
# that the HGNC symbol abbreviates (IFNG, TGFB1, IL1B, HIF1A)
_GREEK_PROTEIN = re.compile(
    r"^(?P<stem>[A-Za-z]{2,}?)-?(?P<num>\d*)[- ]?"
    r"(?P<greek>alpha|beta|gamma|delta|epsilon|zeta|eta|theta|kappa|lambda)[- ]?(?P<tail>\d*)$",
    re.IGNORECASE,
)


# what was done with the agent, said around its name: "IFNG treated", "SARS-CoV-2 infection",
# "infected with HIV-1 NL4-3", "stimulation with LPS"
_EXPOSURE = re.compile(
    r"(?:^|[-\s])(?:treated|treatment|stimulated|stimulation|infected|infection|exposed|"
    r"exposure|challenged|challenge|inoculated|inoculation)(?:\s+(?:with|by|to))?(?=\s|$)",
    re.IGNORECASE,
)


def _exposure_dropped(text: str) -> list[tuple[str, str]]:
    bare = _EXPOSURE.sub(" ", text)
    return [(bare, "drop_exposure")] if clean(bare) and clean(bare) != clean(text) else []


def gene_variants(text: str) -> list[tuple[str, str]]:
    """The gene a perturbation names: method words dropped (``TP53 knockout`` -> TP53,
    ``shTP53`` -> TP53), Greek protein names read as symbols (``IFN-gamma`` -> IFNG), and
    how it was applied left out (``IFNG treated``)."""
    out: list[tuple[str, str]] = []
    exposure = _exposure_dropped(text)
    if not text.isascii():
        spelled = fold_unicode(text)  # "IFN-γ" -> "IFN-gamma", read by the rules below
        out.append((spelled, "greek_symbol"))
        text = spelled
    bare = clean(GENE_METHOD.sub(" ", text))
    if bare != clean(text):  # "siRNA against KRAS": the words joining method and gene too
        bare = clean(_METHOD_JOINERS.sub(" ", bare))
    if bare and bare != clean(text):
        out.append((bare, "drop_method"))
    else:
        bare = clean(text)
    rna = GENE_PREFIXED.fullmatch(bare)
    if rna is not None:
        out.append((rna["symbol"], "drop_method"))
    greek = _GREEK_PROTEIN.match(bare)
    if greek is not None:
        letter = greek["greek"][0].upper()
        out.append(
            (f"{greek['stem']}{greek['num']}{letter}{greek['tail']}".upper(), "greek_symbol")
        )
    return out + exposure


def organism_variants(text: str) -> list[tuple[str, str]]:
    """The organism an infection names ("SARS-CoV-2 infection", "infected with HIV-1")."""
    return _exposure_dropped(text)
