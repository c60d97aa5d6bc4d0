"""Scoring: pure functions over a :class:`Match` record, with named weights and a calibration.

``raw_score`` combines how the query reached the name (exact text, normalised key, word order,
compact key, fuzzy), what the name is to its term (label, synonym scope), which rewrites of the
query were needed and whether an obsolete term had to be replaced. ``calibrate`` maps that raw
score monotonically onto the precision measured on the development set, so 0.9 means "right
about nine times in ten" whatever the vocabulary.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from typing import Any

__all__ = [
    "CALIBRATION",
    "CURATED_SHARE_PENALTY",
    "PLURAL_CLASS_PENALTY",
    "RELATION_WEIGHT",
    "RULE_PENALTY",
    "SCOPE_WEIGHT",
    "SHARED_INEXACT_PENALTY",
    "USAGE_WEIGHT",
    "VOCABULARY_CALIBRATION",
    "VOCABULARY_SCOPE_WEIGHT",
    "Match",
    "calibrate",
    "describe",
    "fuzzy_similarity",
    "raw_score",
    "raw_score_with_penalty",
    "string_similarity",
    "word_score",
]

#: how the (rewritten) query met the name
RELATION_WEIGHT: dict[str, float] = {
    "id": 1.0,  # the text was the term's id
    "exact": 1.0,  # same text ignoring case
    "normalized": 0.98,  # same normalised key
    "compact": 0.96,  # same key ignoring spaces (HL60 = HL-60)
    "word_order": 0.94,  # same words in another order
    # the text is the name without its closing "of <place>": "follicle cell" is the follicle
    # cell of egg chamber when no term has that name alone
    "located": 0.90,
    "fuzzy": 0.90,  # multiplied by the string similarity
}

#: per-vocabulary exceptions: cell line names differ in punctuation and case only by
#: accident ("HL60" = "HL-60" = "hl-60"), so those keys count as exact there
VOCABULARY_RELATION_WEIGHT: dict[str, dict[str, float]] = {
    "CVCL": {"normalized": 0.999, "compact": 0.998},  # ... the exact spelling by a hair
}

#: what the matched name is to its term: label, or synonym by scope
SCOPE_WEIGHT: dict[str, float] = {
    "label": 1.0,
    "EXACT": 0.98,
    "ABBREVIATION": 0.95,
    "RELATED": 0.93,
    "PREVIOUS": 0.9,
    "NARROW": 0.88,
    "BROAD": 0.86,
    "": 0.93,
}
#: ... per vocabulary: a Cellosaurus synonym is as much the line's name as its label (short of
#: it by a hair, for lines of equal standing), so the prior decides between them ("H1" is WA01,
#: the all-digit accession everyone uses, not the little-known line labelled H1)
VOCABULARY_SCOPE_WEIGHT: dict[str, dict[str, float]] = {"CVCL": {"RELATED": 0.998, "EXACT": 0.998}}
#: a synonym shared by several terms is scored with the strongest scope any of them gives it
#: (see ``grounder._shared_synonym_scopes``); a term that lists it as EXACT still goes first,
#: by less than any real difference in fit ("red blood cell": erythrocyte, not its subtypes)
SHARED_INEXACT_PENALTY = 0.003
#: ... and a synonym the maintainers curated for one of the terms sharing it puts that term
#: first, whatever the others' priors (the genus Rattus also lists "rat")
CURATED_SHARE_PENALTY = 0.015

#: per vocabulary, cost of reaching a plural name from a singular text: ChEBI names its
#: classes in the plural ("jasmonates", "abscisic acids"), and whoever writes the singular
#: means the compound
PLURAL_CLASS_PENALTY: dict[str, float] = {"CHEBI": 0.06}

#: cost of each query rewrite (see :mod:`.variants`)
RULE_PENALTY: dict[str, float] = {
    "dose_time": 0.0,
    "spelling": 0.05,
    "strip_cell_suffix": 0.02,
    "code_plural": 0.01,  # "ILC2s" -> ILC2: how one writes the plural of a code
    "lead_name": 0.06,  # a cell line's name before words describing it
    "described_name": 0.06,  # ... or after them
    "short_words": 0.02,  # "vit. D3", "ZnO NPs", "25-OH vitamin D3": the words in full
    "lead_code": 0.1,  # "HEK293T Cas9": the line's name, then how it was changed or grown
    "stem_line": 0.04,  # "H9 hESC" -> "H9 ESC", "ES-H9": how Cellosaurus names stem-cell lines
    "coriell_line": 0.02,  # "NA12878": Coriell's DNA of the line GM12878
    "ccle_name": 0.02,  # "K562_HAEMATOPOIETIC_AND_LYMPHOID_TISSUE": CCLE's name, the lineage after
    "drop_experiment": 0.04,  # "MCF-7 rep1", "HeLa shGFP": the sample, then the line
    "add_cell_suffix": 0.02,
    "marker_positive": 0.02,
    "lineage_marker": 0.01,
    "lineage_cells": 0.04,  # "CD3+ cells", "CD3+ CD4+": T cells, by what every one carries
    "sorted_kind": 0.1,  # "CD34+ cells": hematopoietic precursor cell, the marker unsaid
    "drop_place_sorted_kind": 0.14,  # "cord blood CD34+ cells": both of the above
    "double_marker": 0.02,
    "marker_state": 0.04,  # "CD45RA-CCR7+": central memory, as CL names the state
    "cancer_to_carcinoma": 0.04,
    "strip_tissue_suffix": 0.02,
    "add_tissue_suffix": 0.05,
    "drop_brackets": 0.02,
    "drop_noise_words": 0.04,
    "drop_question": 0.12,
    "drop_parenthetical": 0.04,
    "parenthetical_only": 0.10,
    "axis_word": 0.03,  # "rostral part": anterior part, in the other axis word
    "spelt_out": 0.01,  # "HSCs (hepatic stellate cells)": the words, the abbreviation checked
    "slashed_detail": 0.03,  # "X (Thick Limb/Medulla)": the parts that only place X go
    "parenthetical_modifier": 0.01,  # keeps every word, only reorders
    "parenthetical_part": 0.01,  # "liver (right lobe)": right lobe of liver
    "derived_product": 0.04,  # "iPSC-derived hepatocytes": hepatocyte
    "like_cell": 0.06,  # "hepatocyte-like cells": like, not quite
    "marker_intensity": 0.01,  # "CD14dim": CD14-dim, only spelt out
    "marker_sign": 0.01,  # "CD4pos": CD4+, only spelt out
    "marker_raised": 0.03,  # "CD25high": CD25+, a little less said
    "tcr_chains": 0.01,  # "TCRab T cells": alpha-beta T cells
    "gd_segments": 0.03,  # "Vδ2+ T cells": gamma-delta T cells (below "Vd1 T cell", a name)
    "metastasis_site": 0.03,  # "brain metastases": metastatic ... in the brain
    "parenthetical_alternative": 0.05,
    "comma_inversion": 0.03,
    "comma_inversion_head": 0.06,  # the first two of three inverted, the last left out
    "comma_head": 0.12,
    "comma_tail": 0.08,  # a little above dash_tail: "skin, buttock" is skin of buttock
    "comma_tail_of_head": 0.05,
    "list_first": 0.08,
    "list_item": 0.12,
    "dash_tail": 0.06,
    "dash_tail_of_head": 0.05,
    "dash_join": 0.05,
    "dash_head": 0.15,
    "slash_part": 0.12,
    "slash_umbrella": 0.06,  # "a/b/other c": c covers the list
    "drop_species": 0.02,  # "rat liver", "Drosophila S2R+": the organ or line, not the animal
    "drop_qualifiers": 0.07,
    "sample_state": 0.03,  # "normal gastric tissue adjacent to tumor": the stomach
    "drop_stage": 0.08,  # a stage-specific structure may have a name of its own
    "drop_sample_note": 0.03,  # "thyroid, adult", "Skin 1": a sample sheet's note
    "age_stage": 0.04,  # "E12.5", "P7": the stage the age falls in
    "drop_sample_site": 0.04,  # "ALS spinal cord": the patient's disease, the sample's site
    "disease_adjective": 0.04,  # "diabetic patient": the patient has diabetes mellitus
    "gene_named": 0.02,  # "LRRK2-associated Parkinson disease": LRRK2 Parkinson disease
    "infection_status": 0.02,  # "HCV-infected": hepatitis C virus infection
    "fat_depot": 0.02,  # "inguinal WAT": inguinal fat pad, in the ontology's words
    "fat_kind": 0.1,  # ... or, with no term for the depot, the kind of fat alone
    "drop_acuity": 0.09,  # "acute" or "chronic" is often part of the disease's name
    "drop_context_words": 0.02,
    "drop_role": 0.04,
    "letter_to_greek": 0.01,
    "strip_salt": 0.08,
    "drop_salt_word": 0.01,  # "tamoxifen citrate salt": the salt's name says it is one
    "cation_after": 0.04,  # "indoxyl sulfate potassium salt": the anion, its cation left out
    "counter_ion_spelling": 0.01,  # "imatinib mesilate": ChEBI's imatinib methanesulfonate
    "salt_name": 0.01,  # "HCl" after a drug: the hydrochloride, as vendors abbreviate it
    "formula": 0.03,
    "formula_hydrate": 0.06,  # "MgCl2·6H2O": the hexahydrate, below the salt users mean
    "element_symbol": 0.01,  # "Zn": zinc, the symbol in its own case
    "ion_name": 0.02,  # "Zn2+": zinc(2+), ChEBI's name of the ion
    "stock_name": 0.03,  # iron(III) chloride: named as its formula (FeCl3) is
    "formula_word": 0.08,
    "formula_case": 0.06,
    "strip_stereo": 0.1,
    "mixture_part": 0.10,
    "drop_vehicle": 0.02,  # "tamoxifen in corn oil": what was given, not in what
    "drop_purpose": 0.02,  # "MPTP-induced parkinsonism": what was given, not why
    "majority_component": 0.04,
    "ate_to_acid": 0.04,
    "locants_inside": 0.02,  # the same name in IUPAC order
    "hydrate_count": 0.02,  # 6-hydrate: the same name as ChEBI spells it (hexahydrate)
    "drop_exposure": 0.02,  # "IFNG treated", "SARS-CoV-2 infection": how it was applied
    "drop_method": 0.02,  # "TP53 knockout": the gene, its perturbation said apart
    "greek_symbol": 0.04,
    "adjective_to_noun": 0.04,
    "adjective_stem": 0.04,  # a lone adjective read as the noun it is made from
    "resected_organ": 0.04,  # "nephrectomy specimen": the kidney it removed
    "whole_animal": 0.02,  # "whole fish": the whole organism
    "sampled_surface": 0.04,  # "buccal swab": the buccal mucosa it samples
    "noun_to_adjective": 0.04,
    "drop_cause": 0.06,
    "substance_use": 0.04,  # "disorders due to use of alcohol: dependence syndrome"
    "form_letter": 0.04,  # "sALS": sporadic ALS
    "cortical_layer": 0.02,  # "Layer 5 IT": L5 IT
    "drop_donor_age": 0.06,  # "adult ventricular cardiomyocytes"
    "sample_of": 0.04,  # "tumour tissue of stomach", "mucosal biopsy of colon"
    "sample_site": 0.05,  # ... and the organ alone, a little below the words before kept
    "position_abbreviation": 0.01,  # "Ant. Cerebral Artery", "femoral a."
    "drop_side_word": 0.03,  # "amygdala, bilateral": the amygdala
    "brodmann_area": 0.01,  # "BA 9": Brodmann (1909) area 9
    "genus_initial": 0.01,  # "C. albicans infection": Candida albicans infection
    "named_twice": 0.01,  # "H9 (WA09)": the line both name
    "implied_alpha_beta": 0.03,
    "parenthetical_head": 0.06,
    "first_conjunct": 0.08,
    "underscore_to_space": 0.0,
    "omim_inversion": 0.04,
    "drop_clause": 0.08,
    "named_part": 0.05,
    "position_first": 0.07,  # a reorder: costs more than a word-order key match (0.06)
    "drop_position": 0.08,
    "drop_negated": 0.1,
    "vague_to_disorder": 0.05,
    "shared_words": 0.06,
    "synonym_swap": 0.08,
    "restated_code": 0.02,  # "Conventional Dendritic Cell cDC1": the code says it again
    "slash_alternative": 0.08,
    "subtype_letter": 0.04,
    "subtype_number": 0.04,
    "both_sides": 0.03,
    "side_letter": 0.02,  # "R lung": the right lung, as charts abbreviate it
    "drop_place": 0.06,  # "spleen CD4+": the gate's cells, taken from the spleen
    "drop_source": 0.06,  # "T cells from PBMCs": the cells, not where they came from
    "species_letter": 0.02,  # "hES cells": ES cells, the h only says human
    "drop_day": 0.02,  # "day 14 hESC-CMs": when in the culture
    "precursor_progenitor": 0.03,  # "neural precursor cells": neural progenitor cell
    "region_abbreviation": 0.02,  # "CA1 pyramidal neurons": hippocampal pyramidal neuron
    "initials": 0.05,  # "UMNs": upper motor neuron, by its words' first letters
    "semicolon_head": 0.06,  # "glaucoma; optic nerve head": the first of two entries
    "tumour_cells": 0.06,  # "melanoma cells": the tumour's malignant cells
    "ampersand": 0.0,  # "head & neck": and, as names spell it
    "ordinal_word": 0.01,  # "1st branchial arch": first, as anatomy names spell it
    "segment_range": 0.03,  # "L4-L5 spinal cord": the lumbar spinal cord the run lies in
    "source_first": 0.04,  # "fibroblasts from skin": skin fibroblast, a name CL gives many
    "cell_shorthand": 0.04,  # "Mono_CD14": an atlas's cluster name for CD14 monocytes
    "field_name": 0.02,
    "head_phrase": 0.15,
    "lead_phrase": 0.2,
}
_DEFAULT_RULE_PENALTY = 0.08

#: an answer reached through ``replaced_by`` of an obsolete term
REPLACED_PENALTY = 0.03
#: the term prior (see ``index._term_prior``) breaks near-ties between key matches ...
PRIOR_WEIGHT = 0.01
#: ... and weighs a little more among fuzzy matches, where central concepts win
FUZZY_PRIOR_WEIGHT = 0.02
#: exact case agreement breaks ties between names equal up to case
CASE_BONUS = 0.004
#: raw score added to a term in a usage subset (the EFO-linked terms that Expression Atlas,
#: Open Targets and the UK Biobank mappings file data under), per vocabulary: among disease
#: names of near-equal fit, the established concept is the one curators choose
USAGE_WEIGHT: dict[str, float] = {"MONDO": 0.09}


@dataclass(frozen=True, slots=True)
class Match:
    """Everything the scorer knows about one (query, name) pair."""

    relation: str
    kind: str = "label"
    scope: str = ""
    source: str = ""
    similarity: float = 1.0  # string similarity in [0, 1] (1 for key matches)
    rules: tuple[str, ...] = ()
    replaced: bool = False
    prior: float = 0.0
    case_exact: bool = False
    vocabulary: str = ""
    usage: float = 0.0  # 1.0 for a term in a usage subset


def rule_penalty(rules: tuple[str, ...]) -> float:
    return sum(RULE_PENALTY.get(r, _DEFAULT_RULE_PENALTY) for r in rules)


def raw_score(match: Match) -> float:
    """An uncalibrated score, about [0, 1] (tie-breakers may lift it a little above 1);
    larger is better. :func:`calibrate` maps it into [0, 1]."""
    return raw_score_with_penalty(
        match.relation,
        match.kind,
        match.scope,
        match.similarity,
        rule_penalty(match.rules),
        match.replaced,
        match.prior,
        match.case_exact,
        match.vocabulary,
        match.usage,
    )


def raw_score_with_penalty(
    relation: str,
    kind: str,
    scope: str,
    similarity: float,
    penalty: float,
    replaced: bool,
    prior: float,
    case_exact: bool,
    vocabulary: str,
    usage: float = 0.0,
) -> float:
    """:func:`raw_score` of the fields of a :class:`Match`, without building one (the grounder
    scores many names only to keep a few), with the :func:`rule_penalty` of the rules already
    summed (it is the same for every name one query variant reaches)."""
    override = VOCABULARY_RELATION_WEIGHT.get(vocabulary)
    score = RELATION_WEIGHT.get(relation, 0.5)
    if override is not None:
        score = override.get(relation, score)
    if relation == "fuzzy":
        score *= similarity
    scope = "label" if kind == "label" else scope
    weights = VOCABULARY_SCOPE_WEIGHT.get(vocabulary, SCOPE_WEIGHT)
    score *= weights.get(scope, SCOPE_WEIGHT.get(scope, SCOPE_WEIGHT[""]))
    score -= penalty
    if replaced:
        score -= REPLACED_PENALTY
    prior_weight = FUZZY_PRIOR_WEIGHT if relation == "fuzzy" else PRIOR_WEIGHT
    score += prior_weight * prior + (CASE_BONUS if case_exact else 0.0)
    if usage:
        score += USAGE_WEIGHT.get(vocabulary, 0.0) * usage
    return max(0.0, score)


#: (raw score, precision) knots of a monotone (isotonic, pool-adjacent-violators) fit of top-1
#: correctness on raw score over the development set (2,287 texts, all fields), smoothed;
#: linear in between. Refit with ``scripts/eval_grounding.py TSV --calibrate``.
#: Exact label matches sit above raw 1.0 (95-97% right); exact synonyms about 0.98 (80%);
#: normalised and word-order matches 0.93-0.99 (72-88%); fuzzy matches below 0.9 (at most 60%).
CALIBRATION: tuple[tuple[float, float], ...] = (
    (0.0, 0.0),
    (0.35, 0.05),
    (0.45, 0.25),
    (0.55, 0.45),
    (0.65, 0.5),
    (0.8, 0.55),
    (0.89, 0.62),
    (0.93, 0.72),
    (0.98, 0.8),
    (1.0, 0.88),
    (1.007, 0.95),
    (1.014, 0.98),
)


#: vocabularies whose own fit differs clearly from the global one: disease names on the
#: development set (trait strings, curators' broader choices) are right less often at the
#: same raw score. MONDO raw scores include the usage weight, so an exact label of a term
#: outside the EFO subset (raw about 1.0) is right about two times in three, an exact
#: label in it (about 1.09) more than nine times in ten.
VOCABULARY_CALIBRATION: dict[str, tuple[tuple[float, float], ...]] = {
    # compound names: an exact label is right about nine times in ten (curators often chose a
    # salt, hydrate or stereoisomer of the named compound)
    "CHEBI": (
        (0.0, 0.0),
        (0.4, 0.05),
        (0.55, 0.5),
        (0.65, 0.7),
        (0.9, 0.8),
        (0.97, 0.88),
        (1.0, 0.91),
        (1.012, 0.94),
        (1.02, 0.97),
    ),
    "MONDO": (
        (0.0, 0.0),
        (0.4, 0.1),
        (0.5, 0.3),
        (0.6, 0.5),
        (0.8, 0.6),
        (0.95, 0.64),
        (1.0, 0.67),
        (1.012, 0.78),
        (1.03, 0.84),
        (1.05, 0.87),
        (1.085, 0.9),
        (1.1, 0.96),
    ),
}


def calibrate(
    raw: float,
    knots: tuple[tuple[float, float], ...] | None = None,
    vocabulary: str | None = None,
) -> float:
    """Piecewise-linear monotone map of a raw score to an estimated precision in [0, 1]."""
    if knots is None:
        knots = VOCABULARY_CALIBRATION.get(vocabulary or "", CALIBRATION)
    xs = _knot_xs(knots)
    i = bisect.bisect_right(xs, raw)
    if i <= 0:
        return knots[0][1]
    if i >= len(knots):
        return knots[-1][1]
    (x0, y0), (x1, y1) = knots[i - 1], knots[i]
    if x1 == x0:
        return y1
    return round(y0 + (y1 - y0) * (raw - x0) / (x1 - x0), 4)


@functools.lru_cache(maxsize=64)
def _knot_xs(knots: tuple[tuple[float, float], ...]) -> list[float]:
    """The x values of a knot table (a few tables, each calibrating thousands of scores)."""
    return [k[0] for k in knots]


def describe(match: Match) -> str:
    """The ``Candidate.match`` text: ``label``, ``synonym:EXACT``, ``synonym:RELATED(mesh)``,
    ``normalized label``, ``fuzzy synonym:EXACT`` ..."""
    return _describe(match.relation, match.kind, match.scope, match.source)


@functools.lru_cache(maxsize=4096)  # a few dozen combinations, described for every winner
def _describe(relation: str, kind: str, scope: str, source: str) -> str:
    if relation == "id":
        return "id"
    what = "label" if kind == "label" else f"synonym:{scope or 'RELATED'}"
    if kind != "label" and source and scope not in ("EXACT", ""):
        what += f"({source})"
    prefix = {
        "exact": "",
        "normalized": "normalized ",
        "compact": "normalized ",
        "word_order": "word order ",
        "located": "located ",
        "fuzzy": "fuzzy ",
    }.get(relation, "")
    return prefix + what


def string_similarity(query: str, name: str) -> float:
    """Similarity in [0, 1] of two normalised texts, for the fuzzy stage.

    The best of character-level ratio and a word-order-insensitive ratio, so typos and
    reordered words both score high; a name that merely contains the query scores lower
    the more extra words it has.
    """
    fuzz = _FUZZ or _load_fuzz()
    ratio = fuzz.ratio(query, name)
    sort = fuzz.token_sort_ratio(query, name)
    return max(ratio, sort) / 100.0


#: rapidfuzz's ``fuzz`` module once loaded (an import statement per call costs more than
#: the comparison itself; importing it at module level would slow ``import synthquery``)
_FUZZ: Any = None


def _load_fuzz() -> Any:
    global _FUZZ
    from rapidfuzz import fuzz

    _FUZZ = fuzz
    return fuzz


#: weight of the word score against the character similarity in the fuzzy stage
WORD_WEIGHT = 0.7
#: > 1 favours covering the query over covering the name (F-beta of word coverage)
COVERAGE_BETA = 1.0


def word_score(query_coverage: Any, name_coverage: Any) -> Any:
    """F-beta of the idf-weighted share of the query and of the name that the shared words
    cover; works on floats and on numpy arrays."""
    b2 = COVERAGE_BETA * COVERAGE_BETA
    denominator = b2 * name_coverage + query_coverage
    return (1 + b2) * query_coverage * name_coverage / (denominator + 1e-9)


def fuzzy_similarity(similarity: float, query_coverage: float, name_coverage: float) -> float:
    """One similarity in [0, 1] from the fuzzy stage's word coverage and string similarity."""
    words = float(word_score(query_coverage, name_coverage))
    return max(0.0, min(1.0, WORD_WEIGHT * words + (1 - WORD_WEIGHT) * similarity))
