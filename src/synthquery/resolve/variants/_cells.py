"""Cell-type rewrites: marker notation, lineages, shorthands, places cells were taken from,
head phrases (``CD4+ T cells``, ``retinal ganglion`` -> ``retinal ganglion cell``)."""

from __future__ import annotations

import re

from synthquery.resolve.lexicon import (
    CELL_SHORTHANDS,
    MARKER_INTENSITIES,
    MARKER_NAME,
    REGION_ABBREVIATIONS,
    SPECIES_WORDS,
)
from synthquery.resolve.variants._anatomy import anatomy_variants
from synthquery.resolve.variants._text import (
    BARE_PART,
    CELL_SUFFIX,
    EMPTY,
    clean,
    code_plural_variants,
    conjunct_variants,
    without_sample_words,
)

_CELL_WORD = re.compile(r"\bcells?$", re.IGNORECASE)
_GLIA = re.compile(r"\bglia$", re.IGNORECASE)  # "radial glia": radial glial cell


_CELLISH = re.compile(
    r"(cells?|cytes?|blasts?|phages?|phils?|crines?|glia|neurons?|fibers?|fibres?|ocytes?)$",
    re.IGNORECASE,
)
_MARKER = re.compile(
    r"\b(CD\d+[a-z]?)(?![+\-\w])(?!\s*(?:positive|negative|high|low|hi|lo))", re.IGNORECASE
)
# CL files CD4/CD8, memory, effector... T cells under "alpha-beta T cell": users leave that out
_T_CELL = re.compile(r"\bT[- ]?(cells?|lymphocytes?)\b", re.IGNORECASE)
_T_CELL_KIND = re.compile(
    r"\b(alpha|beta|gamma|delta|ab|gd|nk|nkt|natural killer)\b", re.IGNORECASE
)
_CL_CONTEXT = re.compile(
    rf"\b({SPECIES_WORDS}|primary|cultured|(?:freshly )?isolated|derived|transformed|cultures?|"
    r"tumou?r[- ]infiltrating|"
    # how the cells were made or kept: "in vitro polarized Th1", "ex vivo expanded Tregs"
    r"monolayers?|(?:in vitro|ex vivo)(?: (?:polari[sz]ed|differentiated|generated|expanded|"
    r"activated|matured|induced|stimulated|cultured))?)\b\s*",
    re.IGNORECASE,
)


#: lineage markers: every cell of the type carries them, so "CD3+ T cell" is just a T cell
#: (CD4, CD8, CD14, CD16, CD25 ... mark subsets and stay). marker number -> words of the type
_LINEAGE_TYPES: dict[str, tuple[str, ...]] = {
    "3": ("t cell", "t lymphocyte", "t-cell", "t-lymphocyte"),
    "19": ("b cell", "b lymphocyte", "b-cell", "b-lymphocyte"),
    "20": ("b cell", "b lymphocyte", "b-cell", "b-lymphocyte"),
    "79a": ("b cell", "b lymphocyte", "b-cell", "b-lymphocyte"),
    "45": ("leukocyte", "white blood cell", "immune cell"),
    "56": ("nk cell", "natural killer cell", "nk-cell"),
}
#: ... and markers a type is sorted by that add nothing before the type's own name, though
#: other cells carry them too ("CD34+ HSPCs", "CD31+ endothelial cells")
_MARKED_TYPES: dict[str, tuple[str, ...]] = {
    **_LINEAGE_TYPES,
    "34": ("hematopoietic", "haematopoietic", "hemopoietic", "hsc", "hspc"),
    "31": ("endothelial",),
}
_LINEAGE_MARKER = re.compile(
    rf"\bCD({'|'.join(_MARKED_TYPES)})(?:\s*\+|\s*-?\s*positive|\s*pos\b|(?=\s))[,\s]*",
    re.IGNORECASE,
)


# a sorting gate written as markers alone: "CD3+ cells", "CD3+ CD4+", "CD45+CD3+CD8+ cells"
_GATE_MARKER = re.compile(
    rf"({MARKER_NAME})(\+|[- ]?positive\b|[- ]?negative\b|-|(?:{MARKER_INTENSITIES})\b|(?=\s))",
    re.IGNORECASE,
)
_GATE = re.compile(rf"(?:{_GATE_MARKER.pattern}[,\s]*)+(?:cells?)?", re.IGNORECASE)


def _names_cells(words: str) -> bool:
    """Whether ``words`` name cells themselves ("Mono", "T cell"), not where they came from."""
    return _CELLISH.search(words) is not None or any(
        w.casefold() in CELL_SHORTHANDS for w in re.split(r"[\s_-]+", words)
    )


# a place, then a gate of markers: "spleen CD4+", "mesenteric LN_CD4+CD25+"
_PLACE_GATE = re.compile(
    rf"^(?P<place>[a-z][a-z _-]*?)[\s_]+(?P<gate>(?:{_GATE_MARKER.pattern}[,\s]*)+(?:cells?)?)$",
    re.IGNORECASE,
)
_PAN_LEUKOCYTE = "45"  # every leukocyte carries CD45: any other lineage says more
#: markers a gate sorts one kind of cell by, where no lineage marker says it ("CD14+ cells":
#: monocytes, "CD4+ cells": CD4+ T cells); unlike a lineage marker each stays in the reading,
#: as the ontology's names carry them (CD14-positive monocyte). marker number -> the kind
_SORTED_TYPES: dict[str, str] = {
    "4": "T cell",
    "8": "T cell",
    "14": "monocyte",
    "31": "endothelial cell",
    "34": "hematopoietic precursor cell",
    "41": "megakaryocyte",
    "66b": "granulocyte",
    "68": "macrophage",
    "138": "plasma cell",
    "235a": "erythrocyte",
}


def _lineage_named(text: str) -> list[tuple[str, str]]:
    """``CD3+ cells`` -> ``T cell``, ``CD3+ CD4+`` -> ``CD4+ T cell``: a gate of markers alone
    names the one lineage its positive lineage markers agree on, with the other markers.
    A kind told only by the markers it is sorted by is also read bare, for the ontology may
    name it without them ("CD34+ cells": hematopoietic precursor cell)."""
    text = text.strip()
    if _GATE.fullmatch(text) is None:
        return []
    lineages: set[str] = set()
    sorted_by: set[str] = set()
    rest = []
    for found in _GATE_MARKER.finditer(text):
        name = found[1].casefold()
        number = name[2:] if name.startswith("cd") else ""
        positive = found[2] in ("+", "") or found[2].casefold().endswith("positive")
        if positive and number in _LINEAGE_TYPES:
            lineages.add(number)
        else:
            rest.append(found[0])
            if positive and number in _SORTED_TYPES:
                sorted_by.add(_SORTED_TYPES[number])
    if len(lineages) > 1:
        lineages.discard(_PAN_LEUKOCYTE)
    kinds = {_LINEAGE_TYPES[n][0] for n in lineages}  # CD19 and CD20 both say B cell
    if not kinds or (lineages == {_PAN_LEUKOCYTE} and sorted_by):
        kinds = sorted_by  # "CD45+CD14+ cells": monocytes, which every leukocyte marker fits
    if len(kinds) != 1:
        return []
    # one marker only, so no other word is lost (one that adds nothing before its kind's
    # name is dropped from the marked reading instead, at the cost of that rule)
    bare = kinds is sorted_by and len(rest) == 1 and not _LINEAGE_MARKER.match(rest[0])
    kind = kinds.pop()
    out = [(" ".join([*rest, kind]), "lineage_cells")]
    if bare:
        out.append((kind, "sorted_kind"))
    return out


def lineage_stripped(text: str) -> str | None:
    """``CD3+ T cells`` -> ``T cells``: a lineage marker before its own cell type adds nothing."""
    found = _LINEAGE_MARKER.search(text)
    if found is None:
        return None
    rest = clean(text[: found.start()] + " " + text[found.end() :])
    low = rest.casefold()
    if not any(t in low for t in _MARKED_TYPES[found.group(1).casefold()]):
        return None
    return rest


# glued to the marker, so "high" must be tried before "hi" ("CD44hiCD62Llo" has no \b)
_LONGEST_FIRST_INTENSITIES = "|".join(sorted(MARKER_INTENSITIES.split("|"), key=len, reverse=True))
# the markers whose two signs together say how far a T cell has come since it met antigen
_STATE_MARKER = re.compile(
    r"(?:(?<![a-z0-9])|(?<=hi)|(?<=lo))(CD45RA|CCR7|CD44|CD62L)\s*"
    rf"([- ]?positive|[- ]?negative|\+|-|−|{_LONGEST_FIRST_INTENSITIES})[,\s]*",
    re.IGNORECASE,
)
#: (marker, sign, marker, sign) -> the state CL's names give ("CD45RA-CCR7+": central memory)
_MARKER_STATES: dict[tuple[str, str, str, str], str] = {
    ("cd45ra", "+", "ccr7", "+"): "naive",
    ("cd45ra", "-", "ccr7", "+"): "central memory",
    ("cd45ra", "-", "ccr7", "-"): "effector memory",
    ("cd45ra", "+", "ccr7", "-"): "terminally differentiated effector memory",
    ("cd44", "-", "cd62l", "+"): "naive",
    ("cd44", "+", "cd62l", "+"): "central memory",
    ("cd44", "+", "cd62l", "-"): "effector memory",
}
#: the signs that say a marker is there (the rest say it is missing or low)
_RAISED = frozenset({"+", "positive", "hi", "high", "bright"})
_T_NOUN = re.compile(r"\b(?:T[- ]?cells?|T[- ]?lymphocytes?|thymocytes?)\b", re.IGNORECASE)


def _marker_state(text: str) -> str | None:
    """``CD8+CD45RA-CCR7-`` -> ``effector memory CD8+ T cell``: a pair of state markers
    stands for the word CL's T cell names use."""
    found = list(_STATE_MARKER.finditer(text))
    if len(found) != 2:
        return None
    signs = {m[1].casefold(): "+" if m[2].casefold().strip(" -") in _RAISED else "-" for m in found}
    pair = sorted(signs.items(), key=lambda kv: kv[0] not in ("cd45ra", "cd44"))
    state = _MARKER_STATES.get((*pair[0], *pair[1])) if len(pair) == 2 else None
    if state is None:
        return None
    rest = clean(_STATE_MARKER.sub(" ", text))
    if set(state.split()) <= set(rest.casefold().split()):
        return None  # "CD44hi CD62Llo effector memory T cells" says it in words too
    if not _T_NOUN.search(rest):
        rest = clean(f"{CELL_SUFFIX.sub('', rest)} T cell")
    named = f"{state} {rest}"
    return lineage_stripped(named) or named  # "CD3+CD8+ T cell": CD3 adds nothing


# "Innate lymphoid cell 2", "Descending Thin Limb Cell Type 1": a trailing number indexes a
# subtype, which CL names "group 2 innate lymphoid cell" or "type 1 ..."
_TRAILING_NUMBER = re.compile(
    r"^(?P<name>.*?[A-Za-z].*?)\s+(?:type\s+)?(?P<num>\d{1,2}|[IV]{1,3})$", re.IGNORECASE
)


# "CD4+CD8+ thymocyte", "CD4- CD8- T cell": CL names the pairs double-positive / double negative
_SIGN = r"(?:\s*-?\s*(?P<{0}w>positive|negative)\b|\s*(?P<{0}>\+|-|−))"
_DOUBLE_MARKER = re.compile(
    r"\bCD4" + _SIGN.format("a") + r"[,\s]*CD8(?:a|alpha)?" + _SIGN.format("b"), re.IGNORECASE
)


def _double_marker(text: str) -> str | None:
    found = _DOUBLE_MARKER.search(text)
    if found is None:
        return None
    positive = {found[m] == "+" or (found[m + "w"] or "").lower() == "positive" for m in ("a", "b")}
    if len(positive) != 1:
        return None  # CD4+CD8-: a single-positive cell, named by its markers
    words = "double-positive" if positive == {True} else "double negative"
    return clean(text[: found.start()] + f" {words} " + text[found.end() :])


# a shorthand as a word of its own (not "Mac" in "MacDonald", nor "ex" in "ex vivo")
_SHORTHANDS = "|".join(sorted(CELL_SHORTHANDS, key=len, reverse=True))
_SHORTHAND = re.compile(rf"(?<![\w-])(?:{_SHORTHANDS})(?![\w-])(?!\s+vivo)", re.IGNORECASE)


# a cortical layer spelt out ("Layer 5 IT", "layer 2/3 intratelencephalic neuron") or run
# together ("L23 IT"), where CL writes "L5", "L2/3"
_LAYER_WORD = re.compile(r"\blayer\s+(?P<n>[1-6](?:\s*[/-]\s*[1-6])?[ab]?)\b", re.IGNORECASE)
_LAYER_RUN = re.compile(r"\bL(?P<a>[1-5])(?P<b>[2-6])\b")


_SOURCE_PLACE = re.compile(
    r"^(?:(?:peripheral|cord|umbilical cord|whole)\s+)?(?P<place>bone marrow|BM|blood|spleen|"
    r"splenic|lymph nodes?|LN|thymus|thymic|peritoneal|PEC|BAL|bronchoalveolar lavage|"
    r"large intestine|small intestine|intestinal|colonic|lamina propria|tumou?r|"
    r"tumou?r[- ]infiltrating)\s+(?P<cells>\S.*)$",
    re.IGNORECASE,
)


def taken_from_place(text: str) -> bool:
    """Whether the text names where cells were taken from, then the cells ("bone marrow
    plasma cells", "blood DCs", "splenic DCs"): the grounder reads the cells as the head."""
    sourced = _SOURCE_PLACE.match(text.strip())
    return sourced is not None and _names_cells(sourced["cells"])


_DONOR_AGE = re.compile(r"^(?:adult|aged|old|young)\s+(?P<rest>\S.*)$", re.IGNORECASE)


def _cortical_layer(text: str) -> str | None:
    written = _LAYER_WORD.sub(lambda m: "L" + re.sub(r"\s+", "", m["n"]), text)
    written = _LAYER_RUN.sub(
        lambda m: f"L{m['a']}/{m['b']}" if int(m["b"]) == int(m["a"]) + 1 else m[0], written
    )
    return written if written != text else None


# (before more words: "DG" alone is a cell's own abbreviation elsewhere)
_REGION = re.compile(rf"(?<![\w-])(?:{'|'.join(REGION_ABBREVIATIONS)})(?=\s+\w)")
# (a human's "h" before any code; a mouse's or rat's only before stem-cell codes: "mTAL",
# "mTEC", "mDC" are medullary and myeloid)
_SPECIES_LETTER = re.compile(
    r"(?<![\w-])(?:h(?=i?[A-Z]{2})|[mr](?=(?:ES|iPS|EF|MSC|NPC|NSC|HSC)s?(?![a-z])))"
)
# "melanoma cells", "hepatocellular carcinoma cells": a tumour's own cells, CL's malignant cell
# (as "cancer cells" is); a lineage before the tumour names them ("T lymphoma cell": T cell)
_TUMOUR_CELLS = re.compile(
    r"^(?!(?:T|B|NK|T[- ]cell|B[- ]cell|plasma[- ]cell|mast[- ]cell)\s)(?:[\w-]+\s+){0,3}?"
    r"(?:\w*(?:carcinoma|sarcoma|blastoma)|melanoma|glioma|lymphoma|leuka?emia|myeloma|"
    r"mesothelioma|tumou?r)s?\s+cells?$",
    re.IGNORECASE,
)


def tumour_cells(text: str) -> bool:
    """Whether ``text`` names a tumour's own cells ("glioma cells"), read only as written:
    its head phrase ("lymphoma cell" of "T lymphoma cell") may drop the lineage."""
    return _TUMOUR_CELLS.match(text.strip()) is not None


_LEADING_DAY = re.compile(r"^\s*(?:day|d|week|wk)[- ]?\d{1,3}\s+", re.IGNORECASE)


def without_leading_day(text: str) -> str | None:
    """``text`` less the culture day it starts with ("day 14 hESC-CMs", "D30 neurons"), or
    None (no such day, or nothing after it)."""
    timed = _LEADING_DAY.sub("", text)
    return timed if timed != text and clean(timed) else None


_PRECURSOR = re.compile(r"\b(precursor|progenitor)(s?)\b", re.IGNORECASE)
_PRECURSOR_SWAP = {"precursor": "progenitor", "progenitor": "precursor"}


def cell_type_variants(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = conjunct_variants(text)
    layer = _cortical_layer(text)
    if layer is not None:
        out.append((layer, "cortical_layer"))
    # "adult ventricular cardiomyocytes": the donor's age, which CL's names rarely say (a name
    # that does, "adult stem cell", is matched whole first)
    aged = _DONOR_AGE.match(text.strip())
    if aged is not None:
        out.append((aged["rest"], "drop_donor_age"))
    # "CA1 pyramidal neurons", "SNc dopaminergic neurons": the region, as CL's names say it
    regions = _REGION.sub(lambda m: REGION_ABBREVIATIONS[m[0]], text)
    if regions != text:
        out.append((regions, "region_abbreviation"))
    # "hES cells", "mES cells", "hiPS cells", "hNPCs": a species' letter before a code
    unlettered = _SPECIES_LETTER.sub("", text)
    if unlettered != text:
        out.append((unlettered, "species_letter"))
    # "neural precursor cells": CL's neural progenitor cell, and the other way round
    swapped = _PRECURSOR.sub(lambda m: _PRECURSOR_SWAP[m[1].lower()] + m[2], text)
    if swapped != text:
        out.append((swapped, "precursor_progenitor"))
    # "T cells from PBMCs", "B cells purified from spleen": the cells, not their source
    sourced = cells_and_source(text)
    if sourced is not None:
        cells, place = sourced
        out.append((cells, "drop_source"))
        if place:
            # ... or named for it, as CL names many ("smooth muscle cells from aorta": aorta
            # smooth muscle cell; "fibroblasts from skin biopsy": skin fibroblast)
            out.append((f"{place} {cells}", "source_first"))
    double = _double_marker(text)
    if double is not None:
        out.append((double, "double_marker"))
    numbered = _TRAILING_NUMBER.match(text.strip())
    if numbered is not None:
        name, num = numbered["name"], numbered["num"]
        for form in (f"group {num} {name}", f"type {num} {name}", f"{name} type {num}"):
            out.append((form, "subtype_number"))
    lineage = lineage_stripped(text)
    if lineage:
        out.append((lineage, "lineage_marker"))
    out += _lineage_named(text)
    placed = _PLACE_GATE.match(text.strip())
    if placed is not None and not _names_cells(placed["place"]):
        # "spleen CD4+", "bone marrow CD34+": the gate names the cells, the words before it
        # where they were taken from
        gate = placed["gate"]
        out.append((gate, "drop_place"))
        out += [
            (named, "drop_place" if rule == "lineage_cells" else "drop_place_sorted_kind")
            for named, rule in _lineage_named(gate)
        ]
    state = _marker_state(text)
    if state:
        out.append((state, "marker_state"))
    stripped = CELL_SUFFIX.sub("", text)
    if stripped != text:
        out.append((stripped, "strip_cell_suffix"))
    out += code_plural_variants(text)
    if not _CELL_WORD.search(text.strip()):
        # "trophoblasts", "rods": many kinds are named "X cell" (trophoblast cell, rod cell)
        out.append((f"{_GLIA.sub('glial', text.strip())} cell", "add_cell_suffix"))
    marked = _MARKER.sub(r"\1-positive", text)
    if marked != text:
        out.append((marked, "marker_positive"))
    if _T_CELL.search(text) and not _T_CELL_KIND.search(text) and clean(_T_CELL.sub("", text)):
        out.append((_T_CELL.sub(r"alpha-beta T \1", text, count=1), "implied_alpha_beta"))
    context = _CL_CONTEXT.sub("", text)
    if clean(context) and context != text:
        out.append((context, "drop_qualifiers"))
    expanded = _SHORTHAND.sub(lambda m: CELL_SHORTHANDS[m[0].lower()], text)
    if expanded != text:
        out.append((expanded, "cell_shorthand"))
    glued = _GLUED_INTENSITY.sub(
        lambda m: f"{m[1]}-{_INTENSITY_SHORT.get(m[2].lower(), m[2].lower())}", text
    )
    if glued != text:
        out.append((glued, "marker_intensity"))
    # CL says "CD56-bright" and "CD56-dim" where papers say hi and lo
    bright = _SPELT_INTENSITY.sub(lambda m: f"{m[1]}-{_BRIGHTNESS[m[2].lower()]}", glued)
    if bright != glued:
        out.append((bright, "marker_intensity"))
    raised = _RAISED_INTENSITY.sub(r"\1+", text)
    if raised != text:
        out.append((raised, "marker_raised"))  # "CD25high": CL names most such cells positive
    signed = _WORD_SIGN.sub(lambda m: m[1] + ("+" if m[2].lower() == "pos" else "-"), text)
    if signed != text:
        out.append((signed, "marker_sign"))  # "CD4pos", "CD8-neg"
    # "TCRab T cells": alpha-beta T cells ("TCRgd+ cells": the cells are T cells); "Vδ2+ T
    # cells": a segment only a gamma-delta receptor has, below a name CL gives its own cells
    for pattern, chain, rule in (
        (_TCR_CHAINS, _chains, "tcr_chains"),
        (_GD_SEGMENTS, "gamma-delta ", "gd_segments"),
    ):
        chains = pattern.sub(chain, text)
        if chains != text:
            out.append((_CHAINS_THEN_CELLS.sub(r"\1 T \2", chains), rule))
    product = _DERIVED.match(text.strip())
    if product is not None:
        out.append((product["product"], "derived_product"))
    like = _LIKE.search(text)
    if like is not None:
        # "hepatocyte-like cells" -> hepatocyte, "beta-like cells" -> beta cell
        kind = like[1] if _CELLISH.search(like[1]) else f"{like[1]} cell"
        out.append((text[: like.start()] + kind + text[like.end() :], "like_cell"))
    return out + anatomy_variants(text)


# "CD14dim", "CD127lo", "Ly6Chi": an intensity glued to its marker, spelt as CL does
_GLUED_INTENSITY = re.compile(rf"\b({MARKER_NAME})({MARKER_INTENSITIES})\b", re.IGNORECASE)
_INTENSITY_SHORT = {"hi": "high", "lo": "low"}
_SPELT_INTENSITY = re.compile(rf"\b({MARKER_NAME})-(high|low)\b", re.IGNORECASE)
_BRIGHTNESS = {"high": "bright", "low": "dim"}
_RAISED_INTENSITY = re.compile(
    rf"\b({MARKER_NAME})(?:[- ]?(?:hi|high|bright)\b|\+\+(?![\w+]))", re.IGNORECASE
)
_WORD_SIGN = re.compile(rf"\b({MARKER_NAME})[- ]?(pos|neg)\b", re.IGNORECASE)
# the T cell receptor's chains: "TCRab", "TCR-αβ+", "TCR gamma delta"
_TCR_CHAINS = re.compile(
    r"\bTCR[- ]?(ab|αβ|alpha[- ]?beta|gd|γδ|gamma[- ]?delta)\+?\s*", re.IGNORECASE
)
_ALPHA_BETA = frozenset({"ab", "αβ", "alphabeta"})
# ... or the variable segments only a gamma-delta receptor has: "Vδ2+", "Vγ9Vδ2", "Vd1"
_GD_SEGMENTS = re.compile(r"(?:\bV(?:δ|γ|d|g|delta|gamma)[- ]?\d{1,2}\+?\s*)+", re.IGNORECASE)
_CHAINS_THEN_CELLS = re.compile(r"\b(alpha-beta|gamma-delta)\s+(cells?)\b", re.IGNORECASE)


def _chains(found: re.Match[str]) -> str:
    spelt = found[1].lower().replace("-", "").replace(" ", "")
    return ("alpha-beta" if spelt in _ALPHA_BETA else "gamma-delta") + " "


# "iPSC-derived hepatocytes", "hESC-CMs", "monocyte-derived macrophages", "bone marrow-derived
# mast cells": a sample is the cell made from a stem cell, a blood cell or the marrow's
# precursors, not the one it was made from (a lineage such as
# "neural crest-derived neuron" names a kind of its own, and is left alone)
_STEM = r"h?i?PSCs?|h?ESCs?|h?iPS|mESCs?"
_DERIVED = re.compile(
    rf"^(?:(?:{_STEM}|(?:ES|iPS)(?: cells?)?|"
    r"(?:embryonic |pluripotent |induced pluripotent )?stem cells?|"
    rf"monocytes?|fibroblasts?)[- ]derived|{_STEM}|"
    # ... but marrow's stem and stromal cells are isolated from it, not made from it
    r"bone[- ]marrow[- ]derived(?!.*\b(?:stem|stromal|progenitor|precursor)))"
    # (the day of differentiation ends many such texts: "hESC-CMs (day 20)", "... day 12")
    # ("iPSCs derived from fibroblasts" are the iPSCs: what follows "from" is the source)
    r"[- ](?!(?:derived\s+|differentiated\s+)?from\b)"
    r"(?P<product>\S.*?)(?:\s*\((?:day|d)\s?\d+\)|[\s,]+(?:day|d)\s?\d+)?$",
    re.IGNORECASE,
)
# "hepatocyte-like cells", "beta-like cells": curators file them under the cell they resemble
# (a term with "-like" in its name, "enterochromaffin-like cell", is found before any rewrite)
_LIKE = re.compile(r"\b([a-z]\w+)-like\s+cells?\b", re.IGNORECASE)


# "B cells from peripheral blood", "T cells isolated from spleen": where the cells came from
# the words opening a source clause, and those of it that say whose or how old it was
_SOURCE_WORDS = re.compile(
    r"^\s*(?:(?:isolated|derived|purified|sorted|obtained|collected|harvested)\s+)?(?:from|in)\s+",
    re.IGNORECASE,
)
_SOURCE_NOTE = re.compile(
    rf"\b(?:{SPECIES_WORDS}|the|an?|patients?|donors?|healthy|normal|primary|neonatal|newborn|"
    r"fetal|foetal|adult|embryonic|juvenile|postnatal|aged|young|old)\b",
    re.IGNORECASE,
)
_SOURCE_CLAUSE = re.compile(
    r"\s+(?:(?:isolated|derived|purified|sorted|obtained|collected)\s+)?(?:from|in)\s+\S.*$",
    re.IGNORECASE,
)


def cells_and_source(text: str) -> tuple[str, str] | None:
    """``("smooth muscle cells", "aorta")`` for "smooth muscle cells isolated from the aorta":
    the cells, and the place they came from less the words on whose it was or how old
    ("neonatal foreskin" -> foreskin; "" when nothing else is left); None without a source."""
    source = _SOURCE_CLAUSE.search(text)
    if source is None or not clean(text[: source.start()]):
        return None
    place = _SOURCE_WORDS.sub("", text[source.start() :])
    return clean(text[: source.start()]), clean(_SOURCE_NOTE.sub(" ", without_sample_words(place)))


# one word that names a kind of cell by its abbreviation, after the markers it was sorted by
# ("CD4+CD25+FoxP3+ Tregs", "CD4+ CXCR5+ PD-1+ Tfh", "LSK CD34- Flt3- LT-HSC"): a capital
# first (after one small letter: "pDC"), and more capitals or digits, or a short word ("Tfh",
# "Tregs"); not a marker's name
_ABBREVIATION_SHAPE = re.compile(r"[a-z]?[A-Z](?:[a-z]{1,3}s?|[A-Za-z]*[A-Z0-9][A-Za-z0-9-]*)")
_BARE_MARKER = re.compile(MARKER_NAME, re.IGNORECASE)
_MARKER_END = re.compile(rf"(?:[+-]|{MARKER_INTENSITIES})$", re.IGNORECASE)


def _cell_abbreviation(word: str) -> bool:
    """Whether ``word`` may abbreviate a kind of cell, unlike a marker ("CD25+", "CD127low")."""
    return (
        _ABBREVIATION_SHAPE.fullmatch(word) is not None
        and _MARKER_END.search(word) is None
        and _GATE_MARKER.fullmatch(word) is None
        and _BARE_MARKER.fullmatch(word) is None
    )


def head_phrases(text: str, field: str) -> list[str]:
    """The phrases that end the text, longest first (the text itself left out), after a
    trailing "from/in ..." clause is dropped: English puts the head noun last, so
    "B220- CD138+ bone marrow plasma cells" is about plasma cells. One word is a phrase only
    when it names a kind of cell ("thymocytes"); an anatomical "layer" or "nucleus" alone
    says too little."""
    core = clean(_SOURCE_CLAUSE.sub("", text))
    words = core.split()
    out = [core] if core != clean(text) else []
    # ... but an anatomical "X of Y" puts it first: what follows "of" only places it
    # ("subventricular zone of the lateral ventricle" is no ventricle); the lead phrases read
    # it. (A disease's "Disorders of lipid metabolism" is about what follows.)
    of = len(words)
    if field in ("tissue", "cell_type"):
        of = next((i for i, w in enumerate(words) if w.casefold() == "of"), of)
    out += [" ".join(words[i:]) for i in range(1, min(of, len(words)))]
    # an abbreviation ending the text names the cells, after markers ("CD4+ CD25+ Tregs") or
    # a place ("splenic DCs"); the longer phrases go first, and the grounder spells one that
    # is a longer name out ("plasmacytoid DCs") before it reads the abbreviation alone
    return [
        p
        for p in out
        if not EMPTY.fullmatch(p)
        and (
            " " in p
            or (field == "cell_type" and _CELLISH.search(p) is not None)
            or (field == "cell_type" and _cell_abbreviation(p))
            or (field == "tissue" and BARE_PART.fullmatch(p) is None)
        )
        and not CELL_SUFFIX.fullmatch(" " + p)
    ]


_NEGATIVE_MARKER = re.compile(
    rf"(?<![\w+-]){MARKER_NAME}(?:\s*[-−]|[- ]?neg(?:ative)?\b)(?=[\s,;/]|$)", re.IGNORECASE
)


def without_negative_markers(text: str) -> str | None:
    """``CD4+ CD25- T cells`` -> ``CD4+ T cells``: a marker the cells lack says what they are
    not, the rest names them; None when the text has no such marker or nothing else."""
    if "-" not in text and "−" not in text and "neg" not in text.casefold():
        return None
    kept = clean(_NEGATIVE_MARKER.sub(" ", text))
    return kept if kept and kept != clean(text) else None


def lead_phrases(text: str) -> list[str]:
    """The phrases that start the text, longest first (the text itself left out): the head
    of "Injury of the knee ligament" or "disorders of the bile secretion" comes first."""
    words = clean(text).split()
    return [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)]
