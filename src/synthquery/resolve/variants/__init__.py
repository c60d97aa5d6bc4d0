"""Query rewrites: each generator returns ``(candidate text, rule)`` pairs, like gilda's.

Rewrites turn what people write into what ontologies say: ``Artery - Aorta`` -> ``aorta``,
``lymphoma, follicular`` -> ``follicular lymphoma``, ``retinal ganglion`` ->
``retinal ganglion cell``, ``17a-ethynylestradiol`` -> ``17alpha-ethynylestradiol``,
``imatinib mesylate`` -> ``imatinib``; trait strings lose their field-name and ICD wording
(``Date K35 first reported (acute appendicitis)`` -> ``acute appendicitis``, ``Gout without
tophi`` -> ``Gout``, ``kidney problem`` -> ``kidney disorder``). Every rule has a named
penalty in :mod:`.score`, so a match that needed more rewriting ranks below one that needed
less.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from synthquery.resolve.formula import element_name
from synthquery.resolve.lexicon import SPECIES_WORDS
from synthquery.resolve.variants._anatomy import (
    adjective_stems,
    age_stage,
    side_after_name,
    tissue_variants,
)
from synthquery.resolve.variants._cells import (
    cell_type_variants,
    cells_and_source,
    head_phrases,
    lead_phrases,
    lineage_stripped,
    taken_from_place,
    tumour_cells,
    without_leading_day,
    without_negative_markers,
)
from synthquery.resolve.variants._compounds import compound_parts, compound_variants
from synthquery.resolve.variants._disease import CANCER, disease_variants
from synthquery.resolve.variants._genes import gene_variants, organism_variants
from synthquery.resolve.variants._lines import cell_line_variants
from synthquery.resolve.variants._text import (
    ADDS_WORDS,
    EMPTY,
    NOISE,
    WORD_UNDERSCORE,
    Variant,
    add_variant,
    clean,
    code_singular,
    conjunct_readings,
    generic_variants,
    spelt_out,
    without_donor_note,
    without_sample_words,
)

__all__ = [
    "ADDS_WORDS",
    "WORD_UNDERSCORE",
    "Variant",
    "cell_line_variants",
    "cell_type_variants",
    "cells_and_source",
    "code_singular",
    "compound_parts",
    "compound_variants",
    "conjunct_readings",
    "disease_variants",
    "gene_variants",
    "generic_variants",
    "head_phrases",
    "lead_phrases",
    "peer_variants",
    "query_variants",
    "side_after_name",
    "spelt_out",
    "taken_from_place",
    "tissue_variants",
    "without_leading_day",
    "without_negative_markers",
    "without_sample_words",
]


# UK Biobank field names: "Date L40 first reported (psoriasis)" and "Source of report of F10
# (mental and behavioural disorders due to use of alcohol)" are about the disease in the
# parentheses
_FIELD_NAME = re.compile(
    r"^(?:date|age|source of report of)\s+[A-Z]\d{2}(?:\.\d{1,2})?(?:\s+first reported)?\s*"
    r"\((?P<what>[^()]+)\)$",
    re.IGNORECASE,
)


def peer_variants(text: str, field: str) -> list[Variant]:
    """Rewrites that name what the text names in the words curators file it under, tried
    beside the text itself rather than only when it finds nothing: "gastric cancer" is an
    exact MONDO label, but EFO-based resources file it as gastric carcinoma (the usage
    weight then decides between the two); "CD19+ B cell" is a CL synonym of "B cell,
    CD19-positive", but a lineage marker adds nothing to its own cell type."""
    if field == "disease" and CANCER.search(text):
        return [Variant(CANCER.sub("carcinoma", text), ("cancer_to_carcinoma",))]
    if field == "cell_type" and tumour_cells(text):
        return [Variant("cancer cells", ("tumour_cells",))]
    if field == "cell_type" and (lineage := lineage_stripped(text)):
        # "CD19+ B cell": every B cell is CD19-positive, so the marker adds nothing
        return [Variant(lineage, ("lineage_marker",))]
    if field == "tissue":
        # "epidermal": the organ part a lone adjective is made from (exact keys only); "E12.5",
        # "P7": the stage a text that is only an age falls in (never a part of a longer text:
        # "limb bud, E11.5" is the limb bud)
        stage = age_stage(text)
        stages = [Variant(stage, ("age_stage",))] if stage is not None else []
        return stages + [Variant(noun, (rule,)) for noun, rule in adjective_stems(text)]
    if field == "compound":
        # "Hg": mercury, beside any name that only matches it ignoring case ("HG": glucose);
        # "Co chloride": cobalt chloride (not carbon monoxide's "CO" and a chloride)
        symbol, _, anion = text.strip().partition(" ")
        element = element_name(symbol)
        if element is not None and (not anion or _ANION.fullmatch(anion)):
            return [Variant(f"{element} {anion}".strip(), ("element_symbol",))]
    return []


#: the anion's name in a salt's ("acetate trihydrate", "chloride hexahydrate", "sulfide")
_ANION = re.compile(r"[a-z]+(?:ide|ate|ite)(?:\s+(?:mono|di|tri|tetra|penta|hexa|hepta)?hydrate)?")


# what a sample sheet says of the tissue's state beside the organ ("normal gastric tissue
# adjacent to tumor", "non-malignant pancreas", "breast tumour"): no anatomy term's name uses
# these words, so they go before any rewrite, as spelling does, and the rewrites that read
# the organ compose from there
_SAMPLE_STATE = re.compile(
    r"\b(?:(?:histologically|morphologically|macroscopically|apparently)\s+)?(?:"
    r"normal|healthy|benign|malignant|non-?malignant|uninvolved|unaffected|(?:non-?)?diseased|"
    r"(?:non-?|peri-?|para-?)?tumou?r(?:al|ous|s)?|(?:non-?)?neoplastic|neoplasms?|"
    r"(?:non-?)?cancerous|cancers?|carcinomas?|matched|"
    r"adjacent(?:\s+to(?:\s+the)?)?)\b",
    re.IGNORECASE,
)


def _sample_state_dropped(text: str) -> str | None:
    """``text`` without the words saying what state the sampled tissue was in, or None."""
    dropped = _SAMPLE_STATE.sub(" ", text)
    if dropped == text:
        return None
    dropped = _DANGLING.sub("", clean(_HYPHEN_LEFT.sub(" ", dropped)))
    return None if EMPTY.fullmatch(dropped) else dropped


# "liver with tumor": the word that tied the state to the organ goes with it
_DANGLING = re.compile(r"(?:\s+(?:with|without|from|near|next|to|and|or|of|the|in|at))+$", re.I)
# "tumor-adjacent" leaves a hyphen between words with nothing on one side of it
_HYPHEN_LEFT = re.compile(r"(?<![\w])-|-(?![\w])")

# "leg bud (chick)", "T cells [human]": the animal in brackets is a note on the sample
_SPECIES_NOTE = re.compile(
    rf"\s*(?:\(\s*(?:{SPECIES_WORDS})\s*\)|\[\s*(?:{SPECIES_WORDS})\s*\])", re.IGNORECASE
)


def _species_note_dropped(text: str) -> str | None:
    """``text`` without a bracketed species note, or None (no note, or nothing else)."""
    dropped = clean(_SPECIES_NOTE.sub(" ", text))
    return dropped if dropped and dropped != clean(text) else None


_Prelude = tuple[Callable[[str], str | None], str]
#: per field, the rewrites every other rule starts from, in turn (see ``query_variants``):
#: notes that never name a term, so no reading of the text keeps them
_FIELD_PRELUDE: dict[str, tuple[_Prelude, ...]] = {
    "tissue": (
        (_species_note_dropped, "drop_species"),
        (_sample_state_dropped, "sample_state"),
        (without_donor_note, "drop_sample_note"),
    ),
    "cell_type": ((_species_note_dropped, "drop_species"), (without_leading_day, "drop_day")),
}

_FIELD_RULES = {
    "disease": disease_variants,
    "tissue": tissue_variants,
    "cell_type": cell_type_variants,
    "cell_line": cell_line_variants,
    "compound": compound_variants,
    "gene": gene_variants,
    "organism": organism_variants,
}


def query_variants(text: str, field: str, *, depth: int = 2) -> list[Variant]:
    """The query and its rewrites for ``field``, the original first, without duplicates.

    Rules compose up to ``depth`` times (``Brain - Caudate (basal ganglia)`` -> drop the
    parenthetical -> take the dash tail -> ``Caudate``).
    """
    out: list[Variant] = []
    seen: set[str] = set()
    add_variant(out, seen, text, ())
    if not out:
        return out  # nothing to rewrite: an empty or blank text
    # spelling of the whole text, not a rewrite step of its own: the other rules start there
    if "_" in text.strip("_"):
        # "Psoriasis_with_arthropathy": words, so that the other rules see them
        text = WORD_UNDERSCORE.sub(" ", text)
        add_variant(out, seen, text, ("underscore_to_space",))
    field_name = _FIELD_NAME.match(text.strip())
    if field_name is not None:
        add_variant(out, seen, field_name["what"], (*out[-1].rules, "field_name"))
    for rewrite, rule in _FIELD_PRELUDE.get(field, ()):
        kept = rewrite(out[-1].text)
        if kept is not None:
            add_variant(out, seen, kept, (*out[-1].rules, rule))
    field_rules = _FIELD_RULES.get(field)
    frontier = [out[-1]]  # the text as respelt: rewriting the raw form too would repeat it
    for _ in range(depth):
        nxt: list[Variant] = []
        for variant in frontier:
            pairs = generic_variants(variant.text, disease=field == "disease")
            if field_rules is not None:
                pairs += field_rules(variant.text)
            for new_text, rule in pairs:
                if EMPTY.fullmatch(NOISE.sub(" ", new_text)):
                    continue  # "Other", "disorder": nothing left to name a term
                before = len(out)
                add_variant(out, seen, new_text, (*variant.rules, rule))
                if len(out) > before:
                    nxt.append(out[-1])
        frontier = nxt
        if len(out) > 40:  # pathological inputs: enough is enough
            break
    return out[:40]
