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
from dataclasses import dataclass

from synthquery.resolve.formula import (
    counted,
    element_name,
    formula_names,
    formula_names_any_case,
    hydrate_name,
    ion_names,
    is_cation_name,
    stock_names,
)
from synthquery.resolve.lexicon import (
    ANATOMICAL_ADJECTIVES,
    CELL_SHORTHANDS,
    DISEASE_ADJECTIVES,
    FAT_DEPOT_CODES,
    GENE_METHOD,
    GENE_PREFIXED,
    MARKER_INTENSITIES,
    MARKER_NAME,
    NEGATED_ADJECTIVE,
    OPPOSITES,
    ORGAN_ADJECTIVES,
    RESECTED_ORGANS,
    SPECIES,
    SPECIES_WORDS,
    TISSUE_KIND_ADJECTIVES,
    swap_adjectives,
    swap_nouns,
)
from synthquery.resolve.normalize import KARYOTYPE_CHANGES, fold_unicode

__all__ = [
    "ADDS_WORDS",
    "WORD_UNDERSCORE",
    "Variant",
    "cell_line_variants",
    "cell_type_variants",
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
    "without_sample_words",
]


#: rules that add a word the user did not write: good for exact keys ("adipose" -> "adipose
#: tissue"), misleading for word overlap, so the fuzzy stage skips their results
ADDS_WORDS = frozenset(
    {"add_tissue_suffix", "add_cell_suffix", "formula", "formula_case", "formula_word"}
)


@dataclass(frozen=True, slots=True)
class Variant:
    """A rewritten query; ``rules`` names the rewrites applied, in order."""

    text: str
    rules: tuple[str, ...] = ()


_SPACES = re.compile(r"\s+")
# a remark in parentheses; not a part of a name written against it: "(S)-ketamine",
# "(+)-JQ1" (stereo descriptors), "zinc(2+)", "iron(III)" (charges), nor a karyotype's
# "t(9;22)", "inv(16)", "del(5q)" (see normalize.join_karyotype)
_PAREN = re.compile(
    "(?i:" + "".join(rf"(?<!\b{change})" for change in KARYOTYPE_CHANGES) + ")"
    r"\s*\((?!(?:[\dIVXivx]+\+?|[+\-±]|\d*[RSEZ](?:,\s?\d*[RSEZ])*)\))([^()]*)\)(?![-\w])\s*"
)
_BRACKET = re.compile(r"\s*\[[^\[\]]*\]\s*")
_DASH_SPLIT = re.compile(r"\s+[-–—:]\s+")
_SLASH = re.compile(r"\s*/\s*")
_OTHER = re.compile(r"^\s*other\s+(?P<rest>\w.*)$", re.IGNORECASE)
# UK Biobank field names: "Date L40 first reported (psoriasis)" and "Source of report of F10
# (mental and behavioural disorders due to use of alcohol)" are about the disease in the
# parentheses
_FIELD_NAME = re.compile(
    r"^(?:date|age|source of report of)\s+[A-Z]\d{2}(?:\.\d{1,2})?(?:\s+first reported)?\s*"
    r"\((?P<what>[^()]+)\)$",
    re.IGNORECASE,
)
#: a rewrite left with only these words names no particular term ("T12 tissue" less its
#: code-like word is just "tissue")
_EMPTY = re.compile(
    r"[\W_]*(?:(?:diseases?|disorders?|conditions?|syndromes?|tissues?|cells?|organs?|"
    r"structures?|parts?|regions?|and|or|of|the)[\W_]*)*",
    re.IGNORECASE,
)
_AND_OR = re.compile(r"\band/or\b", re.IGNORECASE)
#: an underscore joining two words ("Psoriasis_with_arthropathy", GTEx's tissue ids)
WORD_UNDERSCORE = re.compile(r"(?<=[A-Za-z])_+(?=[A-Za-z])")
_WORD_SLASH = re.compile(r"(?<![\w/])[A-Za-z][\w'-]*(?:/[A-Za-z][\w'-]*)+(?![\w/])")
_SHARE = re.compile(r"(\d+(?:\.\d+)?)\s*%\s*([^/;,+%]+?)(?=\s*(?:[/;,+]|\d+(?:\.\d+)?\s*%|$))")
_NOISE = re.compile(
    r"\b(nos|nec|not otherwise specified|not elsewhere classified|unspecified|other and "
    r"unspecified|other specified|other|site unspecified|unspecified site|of unspecified site|"
    r"without mention of complications?|without complications?|self[- ]reported|"
    r"diagnosed by doctor|doctor diagnosed|date|first reported|"
    r"(?:in )?diseases classified elsewhere|"
    r"classified elsewhere|(?:in )?conditions classified elsewhere|disorder\)|disease\)|finding\)|"
    # ICD-10 chapter wording: "Stroke, not specified as haemorrhage or infarction", "Neoplasm of
    # uncertain or unknown behaviour", "Benign neoplasm without specification of site"
    r"not specified as (?:\w+ or )?[\w-]+|without specification of site|"
    r"of uncertain (?:or unknown )?behaviou?r|(?:personal )?history of|sequelae of|"
    # who had it: "patients with type 2 diabetes", "COPD patients", "RA patient"
    r"(?:patients?|subjects?|individuals?|donors?|cases?) with|patients?|subjects?|donors?|"
    r"(?:acute )?exacerbations? of|"
    # ICD-10's chapter and block numbering: "Chapter II Neoplasms" (no cranial nerve II)
    r"chapter [ivxl]+|chapter \d+|block [a-z]\d\d-[a-z]\d\d)(?![\w-])",
    re.IGNORECASE,
)
# ICD-10 codes ("C43", "I25.1") are noise in disease text; elsewhere the same shape is a
# name ("T12" vertebra, "E14.5" stage, "U87" cell line)
_ICD = re.compile(r"\b[A-Z]\d{2}(?:\.\d{1,2})?\b")
_QUESTION = re.compile(
    # "Age at diagnosis?: ...", "Disease state: ...", and short classification tags with their
    # code ("FAB: L2 acute lymphoblastic leukemia", "WHO: ...")
    r"^[^:]{3,}\?\s*:?|^[^:]{8,}:\s+(?=\S)|^[A-Z]{2,6}:\s+(?:[A-Z]\d{1,2}[a-z]?\s+)?(?=\S)"
)
_KIND_WORD = re.compile(r"\s+(?:sub)?types?$|\s+variants?$", re.IGNORECASE)
_CELL_SUFFIX = re.compile(r"\s+(cells?|cell lines?|cell type)$", re.IGNORECASE)
_CELL_WORD = re.compile(r"\bcells?$", re.IGNORECASE)
_GLIA = re.compile(r"\bglia$", re.IGNORECASE)  # "radial glia": radial glial cell
# "ILC2s", "Th17s", and short acronyms the plural rule leaves alone ("DCs", "ECs")
_CODE_PLURAL = re.compile(r"\b([A-Za-z]{2,}\d+[A-Za-z]?|[A-Z]{2,3})s\b")


def _code_plural(text: str) -> list[tuple[str, str]]:
    """The text with its codes in the singular ("ILC2s", "Th17s", "LNs": the letter s counts
    them)."""
    plural = _CODE_PLURAL.sub(r"\1", text)
    return [(plural, "code_plural")] if plural != text else []


def code_singular(word: str) -> str | None:
    """The singular of a code written in the plural ("DCs" -> "DC", "ILC2s" -> "ILC2")."""
    found = _CODE_PLURAL.fullmatch(word)
    return None if found is None else found[1]


_CELLISH = re.compile(
    r"(cells?|cytes?|blasts?|phages?|phils?|crines?|glia|neurons?|fibers?|fibres?|ocytes?)$",
    re.IGNORECASE,
)
_MARKER = re.compile(
    r"\b(CD\d+[a-z]?)(?![+\-\w])(?!\s*(?:positive|negative|high|low|hi|lo))", re.IGNORECASE
)
# what was taken, and how: "liver biopsy", "bone marrow aspirate", "nasal swab", "blood spot"
_TISSUE_SUFFIX = re.compile(
    r"\s+(tissues?|samples?|(?:(?:punch|needle|core|wedge)\s+)?biops(?:y|ies)|specimens?|region|"
    r"aspirates?|swabs?|brushings?|resections?|scrapings?|explants?|spots?|"
    # how a lab keeps it: "precision-cut lung slices", "hippocampal slice culture"
    r"slices?(?: cultures?)?|sections?|(?:organ |explant |tissue )?cultures?)$",
    re.IGNORECASE,
)
_QUALIFIERS = re.compile(
    rf"\b({SPECIES_WORDS}|normal|healthy|whole[- ]mount(?:ed)?|whole|total|adult|primary|"
    r"cultured|isolated|"
    r"fresh|frozen|dried|entire|left|right|mid|bilateral|ipsilateral|contralateral|"
    r"organotypic|precision[- ]cut|ex vivo|"
    # a biopsy's relation to the lesion: "non-lesional skin", "uninvolved mucosa"
    r"non-?lesional|lesional|uninvolved)\b\s*",
    re.IGNORECASE,
)


def without_sample_words(text: str) -> str:
    """``muscle biopsy`` -> ``muscle``: the words saying how a tissue was taken or kept."""
    return _TISSUE_SUFFIX.sub("", text) or text


# the life stage: dropped last, as an ontology may name the organ at that stage ("embryonic
# kidney": pronephros)
_STAGE = re.compile(
    r"\b(?:"
    # the age of the animal: "embryonic day 14.5 brain", "E 12.5 limb bud", "P7 cortex",
    # "PND21 hippocampus", "GD18 placenta", "HH20 limb", "48 hpf", "8-week-old liver", "8 wk"
    r"(?:embryonic|postnatal|post-natal|gestational) days? \d{1,2}(?:\.\d{1,2})?|"
    r"days? \d{1,3} post[- ]?(?:fertili[sz]ation|coitum|partum)|"
    r"fetal|foetal|embryonic|neonatal|newborn|juvenile|infant|aged|"
    r"(?:E|P|PND|GD|HH) ?\d{1,2}(?:\.\d{1,2})?|"
    r"\d+(?:\.\d+)? ?(?:hpf|dpf|dpc)|"
    r"\d+(?:\.\d+)?[- ]?(?:days?|weeks?|wks?|months?|years?|d|wk|mo|yr)(?:[- ]old)?"
    r")\b\s*",
    re.IGNORECASE,
)
# (receptor or node status such as "ER-positive" or "lymph node-negative" qualifies the
# disease; Gram staining names the kind of infection and stays)
_DISEASE_QUALIFIERS = re.compile(
    r"(\b[\w-]+-induced\b|\binduced by \w+|"
    r"\b(?:lymph node|(?!gram\b)\w+)[- ](?:negative|positive)\b|"
    # "EGFR-mutant", "ALK-rearranged", "HER2-amplified", "MMR-deficient": the tumour's genotype
    r"\b[\w-]+[- ](?:mutant|mutated|driven|amplified|rearranged|deficient|proficient|"
    r"wild[- ]?type)\b|"
    # what treatment it withstands: "treatment-resistant depression", "steroid-refractory
    # asthma" ("castration-resistant prostate carcinoma" is a term of its own)
    r"\b(?:treatment|therapy|drug|multi-?drug|steroid|glucocorticoid|corticosteroid|chemo|"
    r"chemotherapy)[- ](?:resistant|refractory)\b|"
    # the cause or setting: "HBV-related hepatocellular carcinoma", "smoking-associated COPD"
    # ("age-related macular degeneration" is a name of its own)
    r"\b(?!age-)[\w-]+-(?:related|associated)\b|"
    # the age it began at: "adult-onset asthma" (a term with it is found before any rewrite)
    r"\b(?:adult|late|early|childhood|juvenile|young|infantile|neonatal)[- ]onset\b|"
    # ("metastatic" stays before "in/to" a site: "metastatic carcinoma in the liver" is no
    # liver carcinoma)
    r"\b(primary|metastatic(?![^,;]*\b(?:in|to)\s)|recurrent|advanced|(?:end|late|early)[- ]stage|"
    r"early|late|mild|moderate|severe|mild-moderate|refractory|relapsed|untreated|treated|established|"
    r"(?:treatment|therapy|drug)[- ]na[iï]ve|newly diagnosed|unknown|suspected|"
    r"high[- ]risk|low[- ]risk|stage [0-9iv]+[abc]?|grade [0-9iv]+|familial|sporadic|"
    # staging and grading systems: "Gleason 4+3", "T2N0M0", "WHO grade II", "NYHA class III"
    r"gleason(?: score)?\s*\d+(?:\s*\+\s*\d+)?(?:\s*=\s*\d+)?|p?t[0-4x][a-d]?n[0-3x][a-c]?m[01x]|"
    r"(?:who|figo|nyha|gold|binet|rai|child[- ]pugh)\s+(?:stage\s+|class\s+|grade\s+)?"
    r"[0-9ivx]+[abc]?|"
    # the sample's state: "lesional psoriasis", "active ulcerative colitis"
    r"non-?lesional|lesional|active|inactive|quiescent|flare|(?:non-?)?muscle[- ]invasive)\b)",
    re.IGNORECASE,
)
# ... and, only after those, the course words that are part of many names ("chronic
# lymphocytic leukemia"): dropped together, these would leave a broader disease
_ACUITY = re.compile(r"\b(chronic|acute)\b", re.IGNORECASE)
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


# a code's minus sign ending the text: "CD133-", "CD4+CD45RA-CCR7-" (no separator to strip)
_SIGNED_END = re.compile(r"[A-Za-z]\d+[A-Za-z]*-$")


def _clean(text: str) -> str:
    text = _SPACES.sub(" ", text)
    cleaned = text.strip(" ,;:-/")
    if cleaned and _SIGNED_END.search(text.rstrip(" ,;:/")):
        return cleaned + "-"
    return cleaned


def _add(out: list[Variant], seen: set[str], text: str, rules: tuple[str, ...]) -> None:
    text = _clean(text)
    key = text.lower()
    if text and key not in seen and len(text) >= 1:
        seen.add(key)
        out.append(Variant(text, rules))


def _components(text: str) -> list[str]:
    """``20 % heart / 65 % kidney / 15 % spleen`` -> ``kidney``, ``heart``, ``spleen``: the
    parts of a mixture, the largest share first."""
    parts = _SHARE.findall(text)
    if len(parts) < 2:
        return []
    ordered = sorted(parts, key=lambda p: -float(p[0]))  # stable: equal shares keep order
    return [name.strip() for _share, name in ordered if name.strip()]


_POSITIONS = (
    "superior|inferior|upper|lower|anterior|posterior|lateral|medial|distal|proximal|dorsal|"
    "ventral|left|right"
)
# "Nephron (Medulla)", "kidney [left]", "liver (right lobe)": a one-word detail, or a
# position and a part, in parentheses or brackets after the whole it refines (other longer
# ones, as in "putamen (basal ganglia)" or "(lower leg)", more often say where it lies)
#: the nouns that name a piece of a structure by where it is ("upper part", "left side")
_POSITION_NOUNS = "segment|part|portion|region|side|pole|third|half"
_PARTS = f"{_POSITION_NOUNS}|lobe|wall|horn|end"
_DETAIL = rf"[a-z]{{3,}}|(?:{_POSITIONS}) (?:{_PARTS})"
_TRAILING_PAREN = re.compile(
    rf"^(?P<head>[^()\[\]]+?)\s*(?:\((?P<inner>{_DETAIL})\)|\[(?P<binner>{_DETAIL})\])$",
    re.IGNORECASE,
)


_JOINED = re.compile(r"\s(?:and|&)\s", re.IGNORECASE)

# "HSCs (hepatic stellate cells)", "Inferior Vena Cava (IVC)": an abbreviation and, beside it
# in parentheses, the words it abbreviates
_ABBREVIATED = re.compile(
    r"^(?:(?P<abbr>[A-Za-z][A-Za-z0-9]{1,9})\s*\((?P<words>[^()]{4,})\)"
    r"|(?P<words2>[^()]{4,}?)\s*\((?P<abbr2>[A-Za-z][A-Za-z0-9]{1,9})\))$"
)
_LINKING_WORDS = frozenset({"of", "and", "the", "in", "with", "to", "for"})


def spelt_out(text: str) -> tuple[str, str] | None:
    """The abbreviation and the words beside it that it spells out ("HSCs (hepatic stellate
    cells)" -> ("HSCs", "hepatic stellate cells")), checked by their initials (linking words
    may be skipped, a plural "s" ends the abbreviation); None when the text is no such pair."""
    found = _ABBREVIATED.match(text.strip())
    if found is None:
        return None
    written = found["abbr"] or found["abbr2"]
    abbr = written.casefold()
    words_text = (found["words"] or found["words2"]).strip()
    words = [w for w in re.split(r"[\s-]+", words_text.casefold()) if w]
    if len(words) == 1 and len(abbr) >= 3 and words[0].startswith(abbr.rstrip("s")):
        # ... or clips it ("Dox (doxycycline)", "doxycycline (Dox)")
        return written, words_text
    if len(words) < 2:
        return None
    every = "".join(w[0] for w in words)
    content = "".join(w[0] for w in words if w not in _LINKING_WORDS)
    spellings = {abbr, abbr[:-1]} if abbr.endswith("s") and len(abbr) > 2 else {abbr}
    return (written, words_text) if spellings & {every, content} else None


# what a sample sheet says about the donor or the replicate after the name ("amygdala -
# adult", "thyroid, adult", "Skin 1", "Skeletal Muscle Male"): never the thing named
_NOTE_WORD = (
    r"(?:adult|fetal|foetal|embryonic|neonatal|newborn|juvenile|infant|aged|young|old|"
    r"male|female|normal|healthy|control|pool(?:ed)?(?: ?\d+)?|donor ?\d+|"
    r"rep(?:licate)? ?\d+|sample ?\d+|\d{1,2})"
)
_SAMPLE_NOTE = re.compile(rf"{_NOTE_WORD}(?:[\s,;/]+{_NOTE_WORD})*", re.IGNORECASE)


def _is_note(text: str, *, disease: bool = False) -> bool:
    """Whether ``text`` only notes the sample ("adult", "donor 2"); of a disease, a life stage
    says which ("Sepsis, neonatal": neonatal sepsis)."""
    if disease and _STAGE_NOTE.fullmatch(text.strip()):
        return False
    return _SAMPLE_NOTE.fullmatch(text.strip()) is not None


_STAGE_NOTE = re.compile(
    r"(?:adult|fetal|foetal|embryonic|neonatal|newborn|juvenile|infant|aged|young|old)"
    r"(?:[\s-]onset)?",
    re.IGNORECASE,
)


def generic_variants(text: str, *, codes: bool = False) -> list[tuple[str, str]]:
    """Rewrites any field benefits from, as ``(text, rule)`` pairs (the input excluded), the
    ones that keep the most of the text first. ``codes``: ICD-10 codes are noise too."""
    out: list[tuple[str, str]] = []
    if "%" in text:
        # the largest share names the sample; the others are candidates too
        for i, part in enumerate(_components(text)):
            out.append((part, "majority_component" if i == 0 else "mixture_part"))
    noisy = _NOISE.sub(" ", text)
    if codes:
        noisy = _ICD.sub(" ", noisy)
    if _clean(noisy) != _clean(text) and _clean(noisy):
        out.append((noisy, "drop_noise_words"))
    if "[" in text:
        out.append((_BRACKET.sub(" ", text), "drop_brackets"))
    pieces = [p.strip() for p in text.split(",") if p.strip()] if "," in text else []
    if len(pieces) == 2 and _JOINED.search(pieces[1]):
        pieces = []  # "heart, lung and kidney": a series, not an inversion or a head
    if len(pieces) == 2 and _is_note(pieces[1], disease=codes):
        out.append((pieces[0], "drop_sample_note"))
        pieces = []
    if len(pieces) == 3 and not any(_JOINED.search(p) or _is_note(p) for p in pieces):
        # MeSH inverts twice: "Carcinoma, Hepatocellular, HBV-related" is HBV-related
        # hepatocellular carcinoma, and a hepatocellular carcinoma first
        out.append((f"{pieces[2]} {pieces[1]} {pieces[0]}", "comma_inversion"))
        out.append((f"{pieces[1]} {pieces[0]}", "comma_inversion_head"))
    if len(pieces) == 2:
        out.append((f"{pieces[1]} {pieces[0]}", "comma_inversion"))
        # "lung cancer, small cell type": the kind, without the word saying it is one
        kind = _KIND_WORD.sub("", pieces[1])
        if kind != pieces[1] and _clean(kind):
            out.append((f"{kind} {pieces[0]}", "comma_inversion"))
    parts = _DASH_SPLIT.split(text)
    if len(parts) == 2 and _is_note(parts[1]):
        out.append((parts[0], "drop_sample_note"))
        parts = [text]
    if len(parts) == 2:
        head, tail = parts
        out.append((f"{head} {tail}", "dash_join"))
        out.append((f"{tail} of {head}", "dash_tail_of_head"))
    if "(" in text:
        out.append((_PAREN.sub(" ", text), "drop_parenthetical"))
        if len(parts) == 2:
            # GTEx "Skin - Sun Exposed (Lower leg)": the detail names where in the head
            for inner in _PAREN.findall(parts[1]):
                if len(inner) > 2:
                    out.append((f"{inner} {_PAREN.sub(' ', parts[0])}", "parenthetical_head"))
        for inner in _PAREN.findall(text):
            if len(inner) > 2:
                out.append((inner, "parenthetical_only"))
    if "(" in text or "[" in text:
        out += _modifier_variants(text, parts)
    question = _QUESTION.sub("", text)
    if question != text and _clean(question):
        out.append((question, "drop_question"))
    if len(parts) == 2:
        out.append((parts[1], "dash_tail"))
        out.append((parts[0], "dash_head"))
    if len(pieces) == 2:
        out.append((pieces[0], "comma_head"))
    # a slash inside parentheses divides the detail, not the name ("Loop of Henle (Thick
    # Limb/Medulla)")
    if "/" in _AND_OR.sub(" ", _PAREN.sub(" ", text)) and not re.search(r"\d/\d", text):
        # "bowel/intestinal problem", "alzheimer's disease/dementia": one word has alternatives,
        # the rest of the phrase is shared
        for alt in _WORD_SLASH.finditer(text):
            if alt.start() == 0 and alt.end() == len(text):
                break
            for word in alt[0].split("/"):
                out.append((text[: alt.start()] + word + text[alt.end() :], "slash_alternative"))
            break
        listed = [p for p in _SLASH.split(text) if p]
        for part in listed:
            umbrella = _OTHER.match(part) if len(listed) > 1 else None
            if umbrella is not None:
                # "anorexia/bulimia/other eating disorder": the list's own umbrella term
                out.append((umbrella["rest"], "slash_umbrella"))
            out.append((part, "slash_part"))
    return out


def _modifier_variants(text: str, parts: list[str]) -> list[tuple[str, str]]:
    """A short trailing detail says which kind or where: "Nephron (Medulla)" -> medulla
    nephron, "kidney [left]" -> left kidney, "liver (right lobe)" -> right lobe of liver."""
    modifier = _TRAILING_PAREN.match(text.strip())
    if modifier is None or len(parts) == 2:
        return []
    head, inner = modifier["head"], modifier["inner"]
    if inner is None:
        inner = modifier["binner"]
        if not inner.islower():
            return []  # "[HeLa]": a bracketed name (Cellosaurus), not a detail
    out = [
        (f"{inner} {head}", "parenthetical_modifier"),
        (f"{inner} of {head}", "parenthetical_part"),
    ]
    words = head.split()
    if len(words) > 1 and " " not in inner:
        # ... or the other word for the head's last one: "olfactory bulb (tract)"
        out.append((" ".join([*words[:-1], inner]), "parenthetical_alternative"))
    return out


def anatomy_variants(text: str) -> list[tuple[str, str]]:
    """Organ adjective <-> noun: ``hepatic plate`` -> ``liver plate``, ``cancer of stomach``
    -> ``gastric cancer``, ``pulmonary cell`` -> ``lung cell``."""
    out: list[tuple[str, str]] = []
    nouns = swap_adjectives(text)
    if nouns != text:
        out.append((nouns, "adjective_to_noun"))
        # ... the organ's only, when the text also names a kind of tissue: "esophageal
        # epithelial cell" is an epithelial cell of esophagus, not of "esophagus epithelium"
        organ = swap_adjectives(text, keep=TISSUE_KIND_ADJECTIVES)
        if organ not in (text, nouns):
            out.append((organ, "adjective_to_noun"))
    adjectives = swap_nouns(text)
    if adjectives != text:
        out.append((adjectives, "noun_to_adjective"))
    return out


# "bleomycin induced pulmonary fibrosis": the words after "induced" name the disease
_INDUCED = re.compile(r"^.+?\binduced\s+(?!by\b)(?P<rest>\w.*)$", re.IGNORECASE)

# ICD-10's F10-F19 subcategories: "Mental and behavioural disorders due to use of alcohol:
# dependence syndrome" is alcohol dependence (the title alone is a curated synonym)
_SUBSTANCE_USE = re.compile(
    r"^(?:mental and behaviou?ral\s+)?disorders?\s+due\s+to\s+(?:the\s+)?use\s+of\s+"
    r"(?P<what>[\w -]+?)\s*:\s*(?P<kind>dependence syndrome|harmful use|withdrawal state|"
    r"acute intoxication)$",
    re.IGNORECASE,
)
_SUBSTANCE_USE_KIND = {
    "dependence syndrome": "dependence",
    "harmful use": "abuse",
    "withdrawal state": "withdrawal",
    "acute intoxication": "intoxication",
}


_CONJUNCTION = re.compile(r"\s+(?:and/or|and|or|&)\s+|\s*,\s+(?=\w)", re.IGNORECASE)
# "and" inside a name ("Mental and behavioural disorders due to ...") is not a list of diseases
_NOT_A_LIST = re.compile(r"\b(due to|of|in|with|without|by)\b", re.IGNORECASE)
# "Acute and subacute hepatic failure", "Diabetic kidney and/or eye disease": two words share
# the rest of the name; each alternative is a disease name of its own
_SHARED = re.compile(
    r"^(?P<pre>(?:[\w'-]+ )*?)(?P<a>[\w'-]+) (?:and/or|and|or|&) (?P<b>[\w'-]+)"
    r"(?P<post>(?: [\w'-]+)+)$",
    re.IGNORECASE,
)
# words that read as adjectives ("mental", "acute", "conductive", "atrioventricular")
_ADJECTIVE = re.compile(r"(?:al|ic|ous|ive|ary|ar|ory|ed|ing|ent|ant|ile|oid|ute)$", re.IGNORECASE)
# OMIM-style inverted, numbered names: "Deafness, autosomal recessive, 12" -> "autosomal
# recessive deafness"; curated mappings file the numbered subtypes under the family
_OMIM = re.compile(
    r"^(?P<head>[^,]+),\s*(?!\s|(?:type|group|class|grade|stage)\b)(?P<mod>[^,]+?),?\s+"
    r"(?P<num>\d+[a-z]?|[IVX]+[a-z]?)$",
    re.IGNORECASE,
)
# "Glycogen storage disease, type IIIa", "Usher syndrome type 1B": the letter names a subtype of
# the numbered type, which is often the finest term an ontology has
_SUBTYPE_LETTER = re.compile(
    r"^(?P<head>.+?),?\s+(?P<type>type|group|class)\s+(?P<num>\d+|[IVX]+)(?-i:[a-z]|(?<=\d)[A-Z])$",
    re.IGNORECASE,
)


# "Rheumatic fever without heart involvement", "Psoriasis with arthropathy", "Anaemia due to
# blood loss", "Poisoning by barbiturates": the condition comes first, the clause after it
# qualifies it
def _trailing_clause(*openers: str) -> re.Pattern[str]:
    """ "<head> <opener> ...": the head, when one of ``openers`` starts a trailing clause."""
    words = "|".join(openers)
    return re.compile(rf"^(?P<head>.+?)\s+(?:{words})\s+\w.*$", re.IGNORECASE)


_CLAUSE = _trailing_clause("with", "without", "due to", "secondary to", "by")
#: a head that says nothing of which disease without its clause ("mental and behavioural
#: disorders due to use of alcohol" is about the alcohol)
_GENERIC_HEAD = re.compile(
    r"(?:an? )?(?:(?:mental|behaviou?ral|psychiatric)\s+(?:and\s+)?)*"
    r"(?:infections?|infestations?|diseases?|disorders?|conditions?|patients?|"
    r"syndromes?|illness(?:es)?|individuals?|subjects?|donors?|people|persons?)",
    re.IGNORECASE,
)
# UK Biobank self-report ("kidney problem", "bowel complications"): the vague noun means what
# ontologies call a disorder
_VAGUE_NOUNS = r"problems?|complications?|conditions?|disturbances?|troubles?"
_VAGUE = re.compile(rf"\b({_VAGUE_NOUNS}|changes|involvement)\b(?!\s+(?:of|in)\b)", re.IGNORECASE)
_VAGUE_OF = re.compile(
    rf"^(?:{_VAGUE_NOUNS}|diseases?|disorders?)\s+of\s+(?:the\s+)?(?P<what>.+)$", re.IGNORECASE
)


_CANCER = re.compile(r"\bcancers?\b", re.IGNORECASE)


def peer_variants(text: str, field: str) -> list[Variant]:
    """Rewrites that name what the text names in the words curators file it under, tried
    beside the text itself rather than only when it finds nothing: "gastric cancer" is an
    exact MONDO label, but EFO-based resources file it as gastric carcinoma (the usage
    weight then decides between the two); "CD19+ B cell" is a CL synonym of "B cell,
    CD19-positive", but a lineage marker adds nothing to its own cell type."""
    if field == "disease" and _CANCER.search(text):
        return [Variant(_CANCER.sub("carcinoma", text), ("cancer_to_carcinoma",))]
    if field == "cell_type" and (lineage := _lineage_stripped(text)):
        # "CD19+ B cell": every B cell is CD19-positive, so the marker adds nothing
        return [Variant(lineage, ("lineage_marker",))]
    if field == "tissue":
        # "epidermal": the organ part a lone adjective is made from (exact keys only)
        return [Variant(noun, (rule,)) for noun, rule in _adjective_stems(text)]
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


# "non squamous cell lung carcinoma": which of the next words "non" negates is unknown, so
# each extent is a rewrite; what is left names the class the text narrows (lung carcinoma).
# "non" may be run into the word it negates ("nonallergic rhinitis")
_NEGATION = re.compile(rf"\bnon(?:[- ](?=\w)|(?={NEGATED_ADJECTIVE}\b))", re.IGNORECASE)


def _negated_dropped(text: str) -> list[str]:
    found = _NEGATION.search(text)
    if found is None:
        return []
    before, rest = text[: found.start()], text[found.end() :].split()
    # the shortest extent always; longer ones only while two words are left to name a class
    return [
        _clean(" ".join([before, *rest[n:]]))
        for n in range(1, min(len(rest), 4))
        if n == 1 or len(rest) - n >= 2
    ]


# "bone metastases", "brain metastasis", "lymph node mets": where a cancer has spread to
_METASTASES = re.compile(r"^(?P<where>[a-z][a-z ]+?)\s+(?:metastas[ie]s|mets)$", re.IGNORECASE)


# the site a sample was taken from, after the disease: "ALS spinal cord", "RA synovial tissue",
# "AML bone marrow", "HCC tumor tissue" (the disease is the patient's, the site the sample's)
_SITE_WORD = "|".join(
    sorted(
        {*ANATOMICAL_ADJECTIVES, *ANATOMICAL_ADJECTIVES.values()}
        | {"bone marrow", "spinal cord", "islets?", "glands?", "lymph nodes?"},
        key=len,
        reverse=True,
    )
)
_SAMPLE_SITE = re.compile(
    rf"^(?P<disease>.*?\S)\s+(?:(?:{_SITE_WORD})\s*)*"
    r"(?:(?:tumou?r\s+)?(?:tissues?|biops(?:y|ies)|samples?))?(?<=\w)$",
    re.IGNORECASE,
)
# a word that governs the site, so the site is the disease's own ("cancer of the liver")
_GOVERNED = re.compile(r"(?:\b(?:of|in|on|the|and|or|to|with|without|from|due)|[;,:/(-])$", re.I)


# "sALS", "fALS", "pSS": a small letter before a disease's abbreviation says which form
_FORM_LETTER = re.compile(r"^(?P<form>[sfp])(?P<abbr>[A-Z]{2,5})$")
_FORM_WORDS = {"s": "sporadic", "f": "familial", "p": "primary"}


def disease_variants(text: str) -> list[tuple[str, str]]:
    """Clinical qualifiers and causes dropped: ``DSS-induced colitis`` -> ``colitis``."""
    out: list[tuple[str, str]] = [(t, "drop_negated") for t in _negated_dropped(text) if t]
    form = _FORM_LETTER.match(text.strip())
    if form is not None:
        out.append((f"{_FORM_WORDS[form['form']]} {form['abbr']}", "form_letter"))
    site = _SAMPLE_SITE.match(text.strip())
    # "cancer of the liver", "Cancer of bronchus; lung": the organ is the disease's own
    if site is not None and not _GOVERNED.search(site["disease"]):
        out.append((site["disease"], "drop_sample_site"))
    omim = _OMIM.match(text.strip())
    if omim is not None:
        out.append((f"{omim['mod']} {omim['head']}", "omim_inversion"))
    subtype = _SUBTYPE_LETTER.match(text.strip())
    if subtype is not None:
        out.append((f"{subtype['head']} {subtype['type']} {subtype['num']}", "subtype_letter"))
    spread = _METASTASES.match(text.strip())
    if spread is not None:
        # "brain metastases": MONDO names them "metastatic malignant neoplasm in the brain"
        where = spread["where"]
        out += [
            (f"metastatic {kind} in {where}", "metastasis_site")
            for kind in ("malignant neoplasm", "carcinoma")
        ]
    plain = _DISEASE_QUALIFIERS.sub(" ", text)
    if _clean(plain) and _clean(plain) != _clean(text):
        out.append((plain, "drop_qualifiers"))
    bare = _ACUITY.sub(" ", plain)
    if _clean(bare) and _clean(bare) != _clean(plain):
        out.append((bare, "drop_acuity"))
    # "X cancer" is how people say what EFO-based resources file as "X carcinoma"
    carcinoma = _CANCER.sub("carcinoma", text)
    if carcinoma != text:
        out.append((carcinoma, "cancer_to_carcinoma"))
    clause = _CLAUSE.match(text.strip())
    if clause is not None and not _GENERIC_HEAD.fullmatch(clause["head"].strip()):
        # ... but "infection with Plasmodium vivax" is about the parasite, not infection
        out.append((clause["head"], "drop_clause"))
    vague = _VAGUE.sub("disorder", text)
    if vague != text:
        out.append((vague, "vague_to_disorder"))
    vague_of = _VAGUE_OF.match(text.strip())
    if vague_of is not None:
        out.append((f"{vague_of['what']} disorder", "vague_to_disorder"))
    shared = _SHARED.match(text.strip())
    if shared is not None and not shared["pre"] and not _ADJECTIVE.search(shared["a"]):
        shared = None  # "Epilepsy and other seizure disorders": a list of diseases
    if shared is not None and (shared["pre"] or shared["post"]):
        for word in (shared["a"], shared["b"]):
            out.append((f"{shared['pre']}{word}{shared['post']}", "shared_words"))
        # "atrioventricular and left bundle-branch block": the second word starts a longer
        # name; the first shares only the head noun
        head_noun = shared["post"].split()[-1]
        if not shared["pre"] and len(shared["post"].split()) > 1:
            out.append((f"{shared['a']} {head_noun}", "shared_words"))
    # "Bronchitis and tracheitis", "X, Y and Z": the first named condition leads
    conjuncts = [c for c in _CONJUNCTION.split(text) if len(_clean(c)) > 2]
    # ... unless the words joined are modifiers of one noun ("Mental and behavioural disorders")
    modifiers = shared is not None and not shared["pre"] and bool(shared["post"])
    if len(conjuncts) > 1 and omim is None and not modifiers and not _NOT_A_LIST.search(text):
        out.append((conjuncts[0], "first_conjunct"))
    induced = _INDUCED.match(text.strip())
    if induced is not None:
        out.append((induced["rest"], "drop_cause"))
    use = _SUBSTANCE_USE.match(text.strip())
    if use is not None:
        kind = _SUBSTANCE_USE_KIND[use["kind"].lower()]
        out.append((f"{use['what']} {kind}", "substance_use"))
    said = _DISEASED.match(text.strip())
    if said is not None and said["adj"].lower() in DISEASE_ADJECTIVES:
        # "diabetic patient", "psoriatic skin", "cirrhotic liver": the disease itself
        noun = DISEASE_ADJECTIVES[said["adj"].lower()]
        where = (said["where"] or "").lower()
        organ = where in ORGAN_ADJECTIVES or where.rstrip("s") in ORGAN_ADJECTIVES
        if organ:
            out.append((f"{where} {noun}", "disease_adjective"))
        if not where or where in _WHO or organ:
            # ... but "psoriatic arthropathy" is a disease of its own, not psoriasis
            out.append((noun, "disease_adjective"))
    infected = _INFECTED.match(text.strip())
    if infected is not None:
        out.append((f"{infected['agent']} infection", "infection_status"))
    return out + anatomy_variants(text)


# who or what the adjective describes ("diabetic patients", "psoriatic skin")
_WHO = frozenset(
    "patient patients subject subjects individual individuals donor donors case cases "
    "people person sample samples tissue tissues lesion lesions biopsy biopsies".split()
)
_DISEASED = re.compile(r"^(?P<adj>[A-Za-z]+)(?:\s+(?P<where>[A-Za-z]+))?$")
# "HIV-1 infected", "HCV-positive", "SARS-CoV-2 seropositive patients": having the infection
# (positive only after a virus's code, "HCV", "HIV-1", "SARS-CoV-2": "ER positive" is a status)
_INFECTED = re.compile(
    r"^(?P<agent>.+?)(?:[- ]?infected|(?:(?<=V)|(?<=V-\d))[- ]?(?:sero)?positive)"
    r"(?:\s+(?:patients?|subjects?|individuals?|donors?|cases?|cells?))?$",
    re.IGNORECASE,
)


_BOTH_SIDES = re.compile(
    r"^(?P<a>[A-Za-z]+)(?:\s+and\s+|\s*[&/]\s*)(?P<b>[A-Za-z]+)\s+(?P<rest>\S.*)$"
)


# "liver with tumor", "lung including bronchi": what else the sample held
_TISSUE_CLAUSE = _trailing_clause(
    "with", "without", "including", "containing", r"incl\.?", "plus", "on"
)
_TRAILING_POSITION = re.compile(
    rf"^(?P<head>[a-z][\w -]*?)\s+(?P<pos>{_POSITIONS})"
    rf"(?:\s+(?P<noun>{_POSITION_NOUNS}))?$",
    re.IGNORECASE,
)
# ... and before one word: "terminal ileum", "distal femur" (a longer head may be a structure
# whose part has a name of its own, better found by the fuzzy stage with every word)
_LEADING_POSITION = re.compile(
    rf"^(?:{_POSITIONS}|terminal|rostral|caudal)\s+(?P<head>[a-z][\w-]*)$", re.IGNORECASE
)
# "insula, caudal (posterior) part": atlas style for "posterior insula"
_NAMED_PART = re.compile(
    r"^(?P<whole>[^,]+),\s*(?P<side>[a-z]+)(?:\s*\((?P<alt>[a-z]+)\))?\s+"
    r"(?:part|portion|division|segment|region)$",
    re.IGNORECASE,
)


_LEADING_AND = re.compile(r"^(?:and|or|&)\s+", re.IGNORECASE)
# what joins names: "liver and spleen", "B & T cells", "CD4+ + CD8+", "heart, lung, and kidney",
# "Esophagus/Stomach" (a slash between words; "CD4+/CD8+" are signs)
_JOINERS = re.compile(
    r"\s*,\s*(?:(?:and|&)\s+)?|\s+and\s+|\s*&\s*|\s+\+\s+|(?<=[a-z])\s*/\s*(?=[a-z])", re.IGNORECASE
)
_PLUS = re.compile(r"\s\+\s")
_NOT_TWO = re.compile(r"\b(?:due to|of|in|with|without|by|from|and|or)\b|[,&]|\s\+\s", re.I)


def conjunct_readings(text: str) -> list[list[str]]:
    """The ways to read a text as names joined by "and", "&" or "+" (each of at most four
    words), or as a comma list of three or more: ``liver and spleen`` -> [liver, spleen].
    When the first name is one word and the second longer, the first may share the second's
    head, and that reading comes first: ``B and T cells`` -> [B cells, T cells], then
    [B, T cells]; ``brain and spinal cord`` -> [brain cord, spinal cord], then [brain,
    spinal cord]. Callers keep the first reading whose every name they know. [] when the
    text is no such list, or says "left and right X" (one organ, both sides). (Disease texts
    are not read so: "Cardiomyopathy, familial hypertrophic, 1" is one name in OMIM's order.)"""
    stripped = text.strip()
    # "Leydig cell, Sertoli cell, spermatogonium": three or more short names between commas
    listed = [_LEADING_AND.sub("", p.strip()) for p in stripped.split(",") if p.strip()]
    if len(listed) >= 3 and all(len(p.split()) <= 4 for p in listed):
        return [listed]
    pieces = [_clean(p) for p in _JOINERS.split(stripped)]
    # a series ("heart, lung and kidney") has commas and three names or more; else just two
    if len(pieces) < 2 or (len(pieces) > 2) != ("," in stripped):
        return []
    words = [p.split() for p in pieces]
    if not all(0 < len(w) <= 4 for w in words) or _NOT_TWO.search(" ".join(pieces)):
        return []
    if len(pieces) > 2:  # a series is joined by commas and "and", never by "+"
        return [] if _PLUS.search(stripped) else [pieces]
    (a, b), (a_words, b_words) = pieces, words
    if b_words[0].lower() in OPPOSITES.get(a_words[-1].lower(), ()):
        return []
    if len(a_words) == 1 and len(b_words) > 1:
        return [[f"{a} {' '.join(b_words[1:])}", b], [a, b]]
    return [[a, b]]


def _conjuncts(text: str) -> list[tuple[str, str]]:
    """Every name of every reading of :func:`conjunct_readings`, the first named first."""
    out: dict[str, str] = {}
    for reading in conjunct_readings(text):
        for i, name in enumerate(reading):
            out.setdefault(name, "list_first" if i == 0 else "list_item")
    return list(out.items())


# the side in a letter or two: "R lung", "Lt breast"
_SIDE_LETTER = re.compile(r"^(?P<side>L|R|Lt|Rt)\.?\s+(?=[a-z])")
_SIDES = {"l": "left", "r": "right"}
# ... or spelt out after a comma or in parentheses: "amygdala, bilateral", "hippocampus (left)"
_TRAILING_SIDE_WORD = re.compile(
    r"^(?P<rest>\S.*?)(?:\s*,\s*|\s*\()(?P<side>left|right|bilateral)\)?$", re.IGNORECASE
)


def side_after_name(text: str) -> tuple[str, str] | None:
    """``(name, side)`` of a text ending in a side spelt out after a comma or in parentheses
    ("amygdala, bilateral", "hippocampus (left)"); None otherwise. The grounder reads no part
    or whole into such a tail."""
    sided = _TRAILING_SIDE_WORD.match(text.strip())
    return None if sided is None else (sided["rest"], sided["side"])


# ... or after the organ, as reference-organ and sheet names put it ("Kidney_L", "Lung (R)",
# "breast, Rt")
_TRAILING_SIDE = re.compile(r"^(?P<rest>.*?[a-z].*?)(?:[\s_,]+\(?|\s*\()(?P<side>L|R|Lt|Rt)\.?\)?$")


# a fat depot as physiology papers write it: the place, then WAT or BAT ("inguinal WAT",
# "interscapular BAT"); the ontology names the depot's fat pad, fat or adipose tissue (spelt
# out, "epididymal white adipose tissue" is filed under the kind of fat by curators)
_FAT_DEPOT = re.compile(r"^(?P<depot>.*?[a-z].*?)\s+(?P<kind>[WB])AT$", re.IGNORECASE)
# ... or with the place shortened and glued on ("ingWAT", "pgWAT", "iBAT")
_FAT_DEPOT_CODE = re.compile(rf"^(?P<place>{'|'.join(FAT_DEPOT_CODES)})(?P<kind>[WB])AT$")
_FAT_KIND = {"w": "white", "b": "brown"}


# "radical prostatectomy", "tonsillectomy tissue": the operation names the organ it removed
_RESECTION = re.compile(
    r"(?:\b(?:radical|partial|total|subtotal|simple|completion|laparoscopic|robotic|open)\s+)*"
    rf"\b(?P<procedure>{'|'.join(sorted(RESECTED_ORGANS, key=len, reverse=True))})\b",
    re.IGNORECASE,
)


def _resected_organ(text: str) -> list[tuple[str, str]]:
    found = _RESECTION.search(text)
    if found is None:
        return []
    organ = RESECTED_ORGANS[found["procedure"].lower()]
    return [(f"{text[: found.start()]}{organ}{text[found.end() :]}", "resected_organ")]


def _fat_depot(text: str) -> list[tuple[str, str]]:
    text = text.strip()
    coded = _FAT_DEPOT_CODE.match(text)
    if coded is not None:
        place = FAT_DEPOT_CODES[coded["place"]]
        depot = place.get(coded["kind"], "") if isinstance(place, dict) else place
        text = f"{depot} {coded['kind']}AT" if depot else text
    found = _FAT_DEPOT.match(text)
    if found is None:
        return []
    depot, kind = found["depot"], _FAT_KIND[found["kind"].lower()]
    names = (f"{depot} adipose tissue", f"{depot} fat pad", f"{depot} fat")
    return [(name, "fat_depot") for name in names] + [
        (f"{kind} adipose tissue", "fat_kind")  # no term for the depot: the kind of fat
    ]


# the same note with no comma or dash before it: a replicate number or the donor's sex
_TRAILING_NOTE = re.compile(
    r"^(?P<head>.*[a-z].*?)\s+(?:\d{1,2}|male|female|pooled)$", re.IGNORECASE
)


#: (adjective ending, noun ending) pairs anatomical adjectives are made with ("epidermal":
#: epidermis, "pharyngeal": pharynx, "perineal": perineum, "axillary": axilla)
_ADJECTIVE_ENDINGS = (
    ("eal", "x"), ("eal", "eum"), ("eal", "ea"), ("ial", "ium"), ("ial", "ia"), ("al", "is"),
    ("al", "a"), ("al", "um"), ("al", "us"), ("al", "e"), ("al", ""), ("ary", "a"), ("ar", "a"),
    ("ic", ""), ("ical", "ix"), ("iceal", "ix"),
)  # fmt: skip


def _adjective_stems(text: str) -> list[tuple[str, str]]:
    """The nouns a lone adjective the lexicon lacks may come from ("epidermal" -> "epidermis",
    "scrotal" -> "scrotum"): only for the whole text, as a peer of it (inside a longer text
    the adjective may be the text's own: "larval gut" is no larva)."""
    word = text.strip()
    if not word.isalpha() or swap_adjectives(word) != word:
        return []
    lower = word.lower()
    return [
        (lower[: -len(ending)] + noun, "adjective_stem")
        for ending, noun in _ADJECTIVE_ENDINGS
        if lower.endswith(ending) and len(lower) - len(ending) >= 3
    ]


# a sample taken off a surface: a swab takes up the mucosa ("buccal swab"), a brush or a
# scraper the epithelium ("bronchial brushing")
_SAMPLED_SURFACE = re.compile(
    r"^(?P<where>.*\S)\s+(?:(?P<swab>swabs?)|brushings?|scrapings?)$", re.IGNORECASE
)


# the axis words of the nervous system and of the body, one for the other: names use either
# ("paracentral lobule, rostral part" is its anterior part)
_AXIS_WORDS = {"rostral": "anterior", "caudal": "posterior"}
_AXIS = re.compile(r"\b(rostral|caudal)\b", re.IGNORECASE)


# "whole fish", "whole adult zebrafish": the animal, whole, is the sample; so are the animals
# alone, which no part of one is named for ("worms", "mixed-stage worms"); a whole plant or
# seedling is the organism too (UBERON names no plant part)
_WHOLE_ANIMAL = re.compile(
    r"^(?:(?:whole|entire|intact)\s+(?:(?:adult|larval|juvenile|embryonic|male|female)\s+)?"
    rf"(?:{SPECIES_WORDS}|fish|fishes|animals?|worms?|plants?|seedlings?)"
    r"|(?:mixed[- ]stages?\s+)?(?:worms|nematodes|animals|flies|fish|fishes))$",
    re.IGNORECASE,
)


# "tumour tissue of stomach", "biopsy from the colon", "mucosal biopsy of colon": the sample
# of the organ after "of"; words before the sample word describe it or name its layer
_SAMPLE_OF = re.compile(
    r"^(?P<pre>(?:[\w-]+\s+){0,3}?)(?:tissues?|samples?|biops(?:y|ies)|specimens?|sections?|"
    r"brushings?|resections?|explants?)\s+(?:of|from)\s+(?:the\s+)?(?P<organ>\S.*)$",
    re.IGNORECASE,
)


# a position shortened with a full stop, as anatomy tables write it ("Ant. Cerebral Artery",
# "Int. Jugular Vein", "L. internal jugular vein" is the side's: see _SIDE_LETTER)
_POSITION_ABBREVIATION = re.compile(r"\b(ant|post|sup|inf|int|ext|med|lat|prox|dist)\.\s*", re.I)
_POSITION_WORDS = {
    "ant": "anterior",
    "post": "posterior",
    "sup": "superior",
    "inf": "inferior",
    "int": "internal",
    "ext": "external",
    "med": "medial",
    "lat": "lateral",
    "prox": "proximal",
    "dist": "distal",
}


# "BA 9", "BA46", "Brodmann area 11": a Brodmann area by its number, as UBERON names it
_BRODMANN = re.compile(r"\b(?:BA|Brodmann(?:'s)?\s+area)\s*(?P<n>\d{1,2})\b", re.IGNORECASE)


def tissue_variants(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = _conjuncts(text)
    area = _BRODMANN.sub(lambda m: f"Brodmann (1909) area {m['n']}", text)
    if area != text:
        out.append((area, "brodmann_area"))
    spelt = _POSITION_ABBREVIATION.sub(lambda m: _POSITION_WORDS[m[1].lower()] + " ", text)
    if spelt != text:
        out.append((spelt, "position_abbreviation"))
    sample = _SAMPLE_OF.match(text.strip())
    if sample is not None:
        out.append((sample["organ"], "sample_of"))
        if sample["pre"].strip():
            out.append((f"{sample['organ']} {sample['pre'].strip()}", "sample_of"))
    if _WHOLE_ANIMAL.match(text.strip()):
        out.append(("whole organism", "whole_animal"))
    if _AXIS.search(text):
        out.append((_AXIS.sub(lambda m: _AXIS_WORDS[m[1].lower()], text), "axis_word"))
    surface = _SAMPLED_SURFACE.match(text.strip())
    if surface is not None:
        lining = "mucosa" if surface["swab"] else "epithelium"
        out.append((f"{surface['where']} {lining}", "sampled_surface"))
    note = _TRAILING_NOTE.match(text.strip())
    if note is not None:
        out.append((note["head"], "drop_sample_note"))
    out += _fat_depot(text)
    out += _resected_organ(text)
    out += _code_plural(text)
    side = _SIDE_LETTER.match(text.strip())
    if side is not None:
        rest = text.strip()[side.end() :]
        out.append((f"{_SIDES[side['side'][0].lower()]} {rest}", "side_letter"))
    side = _TRAILING_SIDE.match(text.strip())
    if side is not None:
        out.append((f"{_SIDES[side['side'][0].lower()]} {side['rest']}", "side_letter"))
    sided = side_after_name(text)
    if sided is not None:
        # "globus pallidus, internal segment, left", "amygdala, bilateral": the side after a
        # name that has its own comma or parenthesis; the name alone (no "lateral" amygdala)
        rest, side_word = sided
        out.append((rest, "drop_side_word"))
        if side_word.lower() != "bilateral":
            out.append((f"{side_word} {rest}", "side_letter"))
    clause = _TISSUE_CLAUSE.match(text.strip())
    if clause is not None:
        out.append((clause["head"], "drop_clause"))
    leading = _LEADING_POSITION.match(text.strip())
    if leading is not None and _BARE_PART.fullmatch(leading["head"]) is None:
        # no term for the part: the whole (but "dorsal horn" is no kind of horn)
        out.append((leading["head"], "drop_position"))
    position = _TRAILING_POSITION.match(text.strip())
    if position is not None:
        # "stomach upper part", "tongue posterior": names put the position first
        pos, head, noun = position["pos"], position["head"], position["noun"] or "part"
        out.append((f"{pos} {head}", "position_first"))
        out.append((f"{pos} {noun} of {head}", "position_first"))  # posterior part of tongue
        out.append((head, "drop_position"))
    part = _NAMED_PART.match(text.strip())
    if part is not None:
        out += [
            (f"{side} {part['whole']}", "named_part")
            for side in (part["alt"], part["side"])
            if side is not None
        ]
    pieces = [p.strip() for p in text.split(",")]
    if (
        len(pieces) == 2
        and all(pieces)
        and not _JOINED.search(pieces[1])
        and not _is_note(pieces[1])
    ):
        # "Heart, mitral valve": the atlas form of "Heart - Mitral valve", the part after the
        # whole (the inverted reading, "sigmoid colon", is a generic rewrite)
        out.append((pieces[1], "comma_tail"))
        out.append((f"{pieces[1]} of {pieces[0]}", "comma_tail_of_head"))
    sides = _BOTH_SIDES.match(text.strip())
    if sides is not None and sides["b"].lower() in OPPOSITES.get(sides["a"].lower(), ()):
        out.append((sides["rest"], "both_sides"))  # "left and right lung": the lung
    stripped = without_sample_words(text)
    if stripped != text:
        out.append((stripped, "strip_tissue_suffix"))
        if surface is None:
            # "cervical tissue", "appendiceal biopsy": the adjective left is the whole text
            # now (a scraping or swab says more: the lining it took up)
            out += [(noun, "adjective_stem") for noun, _rule in _adjective_stems(stripped)]
    else:
        out.append((f"{text} tissue", "add_tissue_suffix"))
    # the animal the organ came from: noise to a cross-species ontology ("rat liver")
    species = SPECIES.sub("", text)
    if _clean(species) and species != text:
        out.append((species, "drop_species"))
    qualified = _QUALIFIERS.sub("", text)
    if _clean(qualified) and qualified != text:
        out.append((qualified, "drop_qualifiers"))
    staged = _STAGE.sub("", qualified)
    if _clean(staged) and staged != qualified:
        out.append((staged, "drop_stage"))
    if re.search(r"\bcells?$", text, re.IGNORECASE):
        out.append((_CELL_SUFFIX.sub("", text), "strip_cell_suffix"))
    return out + anatomy_variants(text)


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


def _lineage_stripped(text: str) -> str | None:
    """``CD3+ T cells`` -> ``T cells``: a lineage marker before its own cell type adds nothing."""
    found = _LINEAGE_MARKER.search(text)
    if found is None:
        return None
    rest = _clean(text[: found.start()] + " " + text[found.end() :])
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
    rest = _clean(_STATE_MARKER.sub(" ", text))
    if set(state.split()) <= set(rest.casefold().split()):
        return None  # "CD44hi CD62Llo effector memory T cells" says it in words too
    if not _T_NOUN.search(rest):
        rest = _clean(f"{_CELL_SUFFIX.sub('', rest)} T cell")
    named = f"{state} {rest}"
    return _lineage_stripped(named) or named  # "CD3+CD8+ T cell": CD3 adds nothing


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
    return _clean(text[: found.start()] + f" {words} " + text[found.end() :])


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


def cell_type_variants(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = _conjuncts(text)
    layer = _cortical_layer(text)
    if layer is not None:
        out.append((layer, "cortical_layer"))
    # "adult ventricular cardiomyocytes": the donor's age, which CL's names rarely say (a name
    # that does, "adult stem cell", is matched whole first)
    aged = _DONOR_AGE.match(text.strip())
    if aged is not None:
        out.append((aged["rest"], "drop_donor_age"))
    # "T cells from PBMCs", "B cells purified from spleen": the cells, not their source
    source = _SOURCE_CLAUSE.search(text)
    if source is not None and _clean(text[: source.start()]):
        out.append((text[: source.start()], "drop_source"))
    double = _double_marker(text)
    if double is not None:
        out.append((double, "double_marker"))
    numbered = _TRAILING_NUMBER.match(text.strip())
    if numbered is not None:
        name, num = numbered["name"], numbered["num"]
        for form in (f"group {num} {name}", f"type {num} {name}", f"{name} type {num}"):
            out.append((form, "subtype_number"))
    lineage = _lineage_stripped(text)
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
    stripped = _CELL_SUFFIX.sub("", text)
    if stripped != text:
        out.append((stripped, "strip_cell_suffix"))
    out += _code_plural(text)
    if not _CELL_WORD.search(text.strip()):
        # "trophoblasts", "rods": many kinds are named "X cell" (trophoblast cell, rod cell)
        out.append((f"{_GLIA.sub('glial', text.strip())} cell", "add_cell_suffix"))
    marked = _MARKER.sub(r"\1-positive", text)
    if marked != text:
        out.append((marked, "marker_positive"))
    if _T_CELL.search(text) and not _T_CELL_KIND.search(text) and _clean(_T_CELL.sub("", text)):
        out.append((_T_CELL.sub(r"alpha-beta T \1", text, count=1), "implied_alpha_beta"))
    context = _CL_CONTEXT.sub("", text)
    if _clean(context) and context != text:
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
_SOURCE_CLAUSE = re.compile(
    r"\s+(?:(?:isolated|derived|purified|sorted|obtained|collected)\s+)?(?:from|in)\s+\S.*$",
    re.IGNORECASE,
)


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
    core = _clean(_SOURCE_CLAUSE.sub("", text))
    words = core.split()
    out = [core] if core != _clean(text) else []
    # ... but an anatomical "X of Y" puts it first: what follows "of" only places it
    # ("subventricular zone of the lateral ventricle" is no ventricle); the lead phrases read
    # it. (A disease's "Disorders of lipid metabolism" is about what follows.)
    of = len(words)
    if field in ("tissue", "cell_type"):
        of = next((i for i, w in enumerate(words) if w.casefold() == "of"), of)
    out += [" ".join(words[i:]) for i in range(1, min(of, len(words)))]
    # only markers before an abbreviation: it names the cells they were sorted by ("CD4+ CD25+
    # Tregs"); after other words it may be a piece of a longer name ("plasmacytoid DCs")
    gated = not any(w.replace("-", "").isalpha() and w.islower() for w in words[:-1])
    return [
        p
        for p in out
        if not _EMPTY.fullmatch(p)
        and (
            " " in p
            or (field == "cell_type" and _CELLISH.search(p) is not None)
            or (field == "cell_type" and gated and _cell_abbreviation(p))
            or (field == "tissue" and _BARE_PART.fullmatch(p) is None)
        )
        and not _CELL_SUFFIX.fullmatch(" " + p)
    ]


_NEGATIVE_MARKER = re.compile(
    rf"(?<![\w+-]){MARKER_NAME}(?:\s*[-−]|[- ]?neg(?:ative)?\b)(?=[\s,;/]|$)", re.IGNORECASE
)


def without_negative_markers(text: str) -> str | None:
    """``CD4+ CD25- T cells`` -> ``CD4+ T cells``: a marker the cells lack says what they are
    not, the rest names them; None when the text has no such marker or nothing else."""
    if "-" not in text and "−" not in text and "neg" not in text.casefold():
        return None
    kept = _clean(_NEGATIVE_MARKER.sub(" ", text))
    return kept if kept and kept != _clean(text) else None


# one word that names no organ by itself, only a piece of one ("layer", "nucleus", "cortex")
_BARE_PART = re.compile(
    r"(?:layers?|nucle(?:us|i)|zones?|areas?|regions?|parts?|portions?|segments?|walls?|"
    r"lobes?|lobules?|tissues?|organs?|structures?|cortex|cortices|surfaces?|sides?|ends?|"
    r"tracts?|fib(?:er|re)s?|bod(?:y|ies)|gyr(?:us|i)|sulc(?:us|i)|horns?|roots?|branch(?:es)?|"
    r"ducts?|vessels?|glands?|muscles?|bones?|membranes?|epithelium|mucosa|stroma|matrix|"
    r"plates?|folds?|process(?:es)?|cells?|fluid|blood|\W*\w{1,3})",
    re.IGNORECASE,
)


def lead_phrases(text: str) -> list[str]:
    """The phrases that start the text, longest first (the text itself left out): the head
    of "Injury of the knee ligament" or "disorders of the bile secretion" comes first."""
    words = _clean(text).split()
    return [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)]


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
    r"^(?P<name>\S*\d\S*?)-(?:luc2?|luciferase|fucci|[ey]?gfp|rfp|mcherry|tdtomato|d?cas9)$",
    re.IGNORECASE,
)


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
    stem = _stem_line(_PAREN.sub(" ", text).split())  # "H9 hESCs (WiCell)"
    if stem is not None:
        return stem
    species = _LEADING_SPECIES.match(text.strip())
    if species is not None:
        # "Drosophila S2R+", "African green monkey Vero cells": the animal, then the line
        out.append((species["rest"], "drop_species"))
        text = species["rest"]
    derived = _DERIVED_FROM.match(text.strip()) or _TAGGED.match(text.strip())
    if derived is not None:
        out.append((derived["name"], "lead_code"))
    stripped = _CELL_SUFFIX.sub("", text)
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
    words = _CELL_SUFFIX.sub("", text).split()
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
        named = first == 0 or (first == 1 and words[0].istitle() and len(words[0]) <= 4)
        lead = " ".join(words[: first + 1])
        if named and first + 1 < len(words) and all(v != lead for v, _ in out):
            out.append((lead, "lead_code"))
    return out


# -- compounds -------------------------------------------------------------------------------

_SPLIT_COMPOUNDS = re.compile(r"\s+(?:and|plus|with|\+|&)\s+|\s*[+;]\s*|,\s+(?=[a-zA-Z])")
_COMPOUND_CONTEXT = re.compile(
    r"\b(diet|dietary|treated|treatment|treatments|exposure|exposed|stimulated|stimulation|"
    r"supplemented|supplementation|supplement|grown in|grown on|baseline|continuous|transitory|"
    r"steady state|control|vehicle|high|low|chronic|acute|pretreatment|pretreated|"
    r"administration|administered|injection|injected|infusion|incubation|incubated|"
    r"solution|medium|media|only|alone|dose|doses|dosed|before|after|post|pre|"
    r"at zt\d+|zt\d+|per \w+|volume|weight|"
    # a nutrient's state rather than a compound given: "glutamine deprivation", "zinc excess"
    r"deprivation|deprived|starvation|starved|deficiency|deficient|depletion|depleted|"
    r"restriction|restricted|excess|withdrawal|limitation|induction|"
    # ... or what it does to the cells or plants given it: "NaCl stress", "KCl depolarization"
    r"stress|shock|toxicity|challenge|challenged|depolari[sz]ation|overload|loading|"
    # ... or what it is used as, after its name: "2,4-D herbicide"
    r"herbicides?|fungicides?|insecticides?|pesticides?|"
    r"priming|primed|pulse|pulsed|feeding|fed|application|applied|sprayed|spray|soaked|"
    # how and how often it was given: "in drinking water", "i.p.", "by oral gavage"
    r"in (?:the )?drinking water|drinking water|in (?:the )?diet|(?:by )?(?:oral )?gavage|"
    r"i\.p|i\.v|s\.c|p\.o|intraperitoneal(?:ly)?|subcutaneous(?:ly)?|intravenous(?:ly)?|"
    r"oral(?:ly)?|(?:once |twice |three times )?(?:daily|weekly)|body weight|b\.w)\b\.?",
    re.IGNORECASE,
)
_ATE = re.compile(r"^([a-z][a-z-]{2,})ate$", re.IGNORECASE)
# "1,5-naphthalenediamine", "2-butanone": locants before the name, as CAS and vendors write
# them; ChEBI's IUPAC names put them before the suffix (naphthalene-1,5-diamine, butan-2-one)
_LOCANTS_FIRST = re.compile(
    r"^(\d+[a-z]?'*(?:,\d+[a-z]?'*)*)-([a-z]{3,}?)"
    r"((?:di|tri|tetra)?(?:amine|ol|one|thiol|oic acid|carboxylic acid|sulfonic acid|nitrile))$",
    re.IGNORECASE,
)
_LETTER_GREEK = re.compile(r"\b(\d+)([ab])(?=-|\s|$)")
# "doxorubicin HCl", "MK-2206 2HCl", "fluoxetine·HCl": a salt as vendors abbreviate it
_ACID_SALT = re.compile(
    r"(?:\s*[·•-]\s*|\s+)(?P<n>\d)?\s?(?P<acid>HCl|HBr)(?:\s+salt)?$", re.IGNORECASE
)
_ACID_SALT_NAMES = {"hcl": "hydrochloride", "hbr": "hydrobromide"}
_SALT_WORDS = re.compile(
    r"\b(\d|mono|di|tri|tetra|hemi|sesqui)?(hydrochloride|hydrobromide|hydroiodide|mesylate|"
    r"mesilate|methanesulfonate|besylate|besilate|tosylate|maleate|fumarate|tartrate|"
    r"bitartrate|citrate|succinate|acetate|phosphate|sulfate|sulphate|nitrate|lactate|"
    r"gluconate|malate|oxalate|pamoate|stearate|dihydrate|trihydrate|monohydrate|hydrate|"
    r"hemihydrate|sodium|potassium|calcium|magnesium|salt|chloride|bromide|hcl)\b",
    re.IGNORECASE,
)
_SALT_TAIL = re.compile(r"\s+salt$", re.IGNORECASE)
_HYDRATE_WORD = re.compile(
    r"\b(?:mono|di|tri|tetra|penta|hexa|hepta|hemi|sesqui)?hydrate\b", re.IGNORECASE
)
_ACID_SALT_NAME = re.compile(
    r"^(?P<stem>\S.*?)ic acid,?\s+(?P<n>mono|di|tri|hemi)?"
    r"(?P<cation>sodium|potassium|calcium|magnesium|lithium|ammonium|zinc)\s+salt$",
    re.IGNORECASE,
)
#: the spellings of one counter-ion that salt names use (INN, USAN, systematic, vendor)
_COUNTER_ION_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("mesylate", "mesilate", "methanesulfonate"),
    ("besylate", "besilate", "benzenesulfonate"),
    ("tosylate", "tosilate", "p-toluenesulfonate"),
    ("esylate", "esilate", "ethanesulfonate"),
    ("isethionate", "2-hydroxyethanesulfonate"),
    ("hydrochloride", "HCl"),
)
_COUNTER_ION = re.compile(
    rf"(?<=\s)(?:{'|'.join(re.escape(w) for g in _COUNTER_ION_SPELLINGS for w in g)})$",
    re.IGNORECASE,
)
# "6-hydrate", "2.5 hydrate": ChEBI names hydrates by a number word (hexahydrate, hemipentahydrate)
_HYDRATE_COUNT = re.compile(r"(?<![\d.])\b(\d+(?:\.5)?)[-\s]?hydrate\b", re.IGNORECASE)
# "CDK4/6 inhibitor PD 0332991", "MEK inhibitor U0126": what the compound does, then its name
_ROLE_PREFIX = re.compile(
    r"^(?:(?:synthetic|natural|selective)\s+)?"
    r"(?:(?:\S+\s+){1,3}?(?:inhibitor|antagonist|agonist|activator|blocker|inducer|modulator|"
    r"analog|analogue|mimetic)s?"
    # ... or the class a treatment belongs to, said before it ("glucocorticoid dexamethasone",
    # "antioxidant NAC"), when what follows is no word about the class itself
    r"|(?:glucocorticoid|corticosteroid|androgen|estrogen|oestrogen|antioxidant|antibiotic|"
    r"auxin|cytokinin|"
    r"antifungal|antiviral|chemotherapeutic|carcinogen|mutagen|herbicide|"
    r"fungicide|insecticide|pesticide)s?(?!\s+(?:receptors?|deprivation|treatment|therapy|"
    r"withdrawal|depletion|signal(?:l?ing)?|response|stress|exposure|and|or|plus|with)\b))"
    r"\s+(?=[^\s+&,;/])",
    re.IGNORECASE,
)
_STEREO_PREFIX = re.compile(
    r"^(?:\([+\-±]\)|\((?:[RSEZ]|\d+[RSEZ])(?:,\s?\d*[RSEZ])*\)|[+\-±]|[LDld]|dl|DL|rac|cis|trans|"
    r"all-trans|\d+-cis|R|S)-",
)


def compound_parts(text: str) -> list[str]:
    """Mixtures ("tamoxifen + palbociclib", "X and Y") split into their parts; [text] otherwise."""
    parts = [p for p in (_clean(x) for x in _SPLIT_COMPOUNDS.split(text)) if p]
    return parts if len(parts) > 1 else [text]


# why it was given, after what was given: "thapsigargin to induce ER stress", "MPTP-induced
# parkinsonism", "CoCl2 hypoxia mimetic"
_PURPOSE = re.compile(
    r"(?:\s+(?:to|for)\s+(?:induce|inhibit|block|activate|mimic|stimulate|trigger|model)\b"
    r"|[- ]induced\b|\s+\w+[- ](?:mimetic|inducer)$).*$",
    re.IGNORECASE,
)


# "heparin from porcine intestinal mucosa", "lipopolysaccharide from Escherichia coli O55:B5":
# a vendor's product name says what the substance was purified from
_SOURCE_ORGANISM = re.compile(
    r"(?<=\S)\s+(?:(?:purified|isolated|extracted)\s+)?from\s+\S.*$", re.I
)
# what it was given in: "tamoxifen in corn oil", "cisplatin dissolved in 0.9% NaCl"
_VEHICLE = re.compile(
    r"(?<=\S)\s+(?:(?:dissolved|diluted|suspended|resuspended|prepared|formulated)\s+)?in\s+"
    # ... not what else was given with it: "cisplatin in combination with paclitaxel"
    r"(?!combination\b|the presence\b|presence\b|addition\b|vitro\b|vivo\b)\S.*$",
    re.IGNORECASE,
)


# words that sheets and vendors shorten: "vit. D3", "VitD3", "ZnO NPs", "25-OH vitamin D3"
_SHORT_WORDS = (
    (re.compile(r"\bvit\.?\s*(?=[A-K]\d{0,2}\b)", re.IGNORECASE), "vitamin "),
    (re.compile(r"(?<=\S)(?:\s+|(?<=[a-z0-9]))NPs?\b"), " nanoparticle"),
    (re.compile(r"\b(\d{1,2})-OH(?:-|\s+|$)"), r"\1-hydroxy"),
)


def _spelt_in_full(text: str) -> str:
    for pattern, full in _SHORT_WORDS:
        text = pattern.sub(full, text)
    return text


def compound_variants(text: str) -> list[tuple[str, str]]:
    """Formulas, context words, Greek letter abbreviations, salts and stereo prefixes."""
    out: list[tuple[str, str]] = []
    full = _spelt_in_full(text)
    if full != text:
        text = full
        out.append((text, "short_words"))
    made_of, _, kind = text.rpartition(" ")
    if kind.casefold() in ("nanoparticle", "nanoparticles") and " " not in made_of:
        # "ZnO nanoparticles": ChEBI names them by the substance (zinc oxide nanoparticle)
        element = element_name(made_of)
        names = [element] if element is not None else formula_names(made_of)
        out += [(f"{name} nanoparticle", "formula") for name in names]
    for tail, rule in (
        (_PURPOSE, "drop_purpose"),
        (_VEHICLE, "drop_vehicle"),
        (_SOURCE_ORGANISM, "drop_source"),
    ):
        found = tail.search(text)
        if found is not None and _clean(text[: found.start()]):
            text = _clean(text[: found.start()])
            out.append((text, rule))
    formulas = [(name, "formula") for name in formula_names(text)]
    formulas += [(name, "stock_name") for name in stock_names(text)]
    formulas += [(name, "ion_name") for name in ion_names(text)]
    if not formulas:
        # "kcl", "NACL": a formula typed in one case, read when only one way fits
        formulas = [(name, "formula_case") for name in formula_names_any_case(text)]
    out += formulas
    acid_salt = _ACID_SALT_NAME.match(text)
    if acid_salt is not None:
        # "valproic acid sodium salt", as vendors list it: ChEBI names the salt sodium valproate
        cation = f"{acid_salt['n'] or ''}{acid_salt['cation']}".lower()
        out.append((f"{cation} {acid_salt['stem']}ate", "salt_name"))
    plain_salt = _SALT_TAIL.sub("", text)
    if plain_salt != text and _SALT_WORDS.fullmatch(plain_salt.split()[-1]) is not None:
        # "tamoxifen citrate salt": the salt's name says it is one
        text = plain_salt
        out.append((text, "drop_salt_word"))
    words = text.split()
    vendor_salt = _ACID_SALT.search(text)
    if vendor_salt is not None and _clean(text[: vendor_salt.start()]):
        acid_name = _ACID_SALT_NAMES[vendor_salt["acid"].lower()]
        name = counted(vendor_salt["n"] or "1", acid_name)
        if name is not None:
            drug = text[: vendor_salt.start()]
            out.append((f"{drug} {name.removeprefix('mono')}", "salt_name"))
    elif (spelt := _COUNTER_ION.search(text)) is not None and _clean(text[: spelt.start()]):
        # "imatinib mesilate": ChEBI names the salt with another spelling of its counter-ion
        said = spelt[0].lower()
        spellings = next(g for g in _COUNTER_ION_SPELLINGS if said in (w.lower() for w in g))
        for other in spellings:
            if other.lower() != said:
                out.append((f"{text[: spelt.start()]}{other}", "counter_ion_spelling"))
    elif len(words) > 1 and not formulas:
        # "continuous KNO3": a formula after words that only describe the treatment
        last = formula_names(words[-1]) or formula_names_any_case(words[-1])  # "... kno3"
        out += [(name, "formula_word") for name in last]
    named = _ROLE_PREFIX.sub("", text)
    if named != text:
        out.append((named, "drop_role"))
        text = named
    context = _COMPOUND_CONTEXT.sub(" ", text)
    if _clean(context) and _clean(context) != _clean(text):
        out.append((context, "drop_context_words"))
        text = _clean(context)
    greek = _LETTER_GREEK.sub(lambda m: m[1] + ("alpha" if m[2] == "a" else "beta"), text)
    if greek != text:
        out.append((greek, "letter_to_greek"))
    hydrate = _HYDRATE_COUNT.sub(lambda m: hydrate_name(m[1]) or m[0], text)
    if hydrate != text:
        out.append((hydrate, "hydrate_count"))
    salt = _SALT_WORDS.sub(" ", text)
    if is_cation_name(_clean(salt)):
        # "lead acetate trihydrate": the metal is the salt's own cation, not a drug in it; only
        # the water goes (lead acetate)
        salt = _HYDRATE_WORD.sub(" ", text)
    if _clean(salt) and _clean(salt) != _clean(text):
        out.append((salt, "strip_salt"))
    stereo = _STEREO_PREFIX.sub("", text)
    if stereo != text and stereo:
        out.append((stereo, "strip_stereo"))
    # conjugate bases are named for their acids: kainate -> kainic acid, palmitate -> palmitic acid
    acid = _ATE.sub(r"\1ic acid", text)
    if acid != text:
        out.append((acid, "ate_to_acid"))
    iupac = _LOCANTS_FIRST.sub(r"\2-\1-\3", text)
    if iupac != text:
        out.append((iupac, "locants_inside"))
    return out


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
    return [(bare, "drop_exposure")] if _clean(bare) and _clean(bare) != _clean(text) else []


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
    bare = _clean(GENE_METHOD.sub(" ", text))
    if bare != _clean(text):  # "siRNA against KRAS": the words joining method and gene too
        bare = _clean(_METHOD_JOINERS.sub(" ", bare))
    if bare and bare != _clean(text):
        out.append((bare, "drop_method"))
    else:
        bare = _clean(text)
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
    dropped = _DANGLING.sub("", _clean(_HYPHEN_LEFT.sub(" ", dropped)))
    return None if _EMPTY.fullmatch(dropped) else dropped


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
    dropped = _clean(_SPECIES_NOTE.sub(" ", text))
    return dropped if dropped and dropped != _clean(text) else None


_Prelude = tuple[Callable[[str], str | None], str]
#: per field, the rewrites every other rule starts from, in turn (see ``query_variants``):
#: notes that never name a term, so no reading of the text keeps them
_FIELD_PRELUDE: dict[str, tuple[_Prelude, ...]] = {
    "tissue": (
        (_species_note_dropped, "drop_species"),
        (_sample_state_dropped, "sample_state"),
    ),
    "cell_type": ((_species_note_dropped, "drop_species"),),
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
    _add(out, seen, text, ())
    # spelling of the whole text, not a rewrite step of its own: the other rules start there
    if "_" in text.strip("_"):
        # "Psoriasis_with_arthropathy": words, so that the other rules see them
        text = WORD_UNDERSCORE.sub(" ", text)
        _add(out, seen, text, ("underscore_to_space",))
    field_name = _FIELD_NAME.match(text.strip())
    if field_name is not None:
        _add(out, seen, field_name["what"], (*out[-1].rules, "field_name"))
    for rewrite, rule in _FIELD_PRELUDE.get(field, ()):
        kept = rewrite(out[-1].text)
        if kept is not None:
            _add(out, seen, kept, (*out[-1].rules, rule))
    field_rules = _FIELD_RULES.get(field)
    frontier = [out[-1]]  # the text as respelt: rewriting the raw form too would repeat it
    for _ in range(depth):
        nxt: list[Variant] = []
        for variant in frontier:
            pairs = generic_variants(variant.text, codes=field == "disease")
            if field_rules is not None:
                pairs += field_rules(variant.text)
            for new_text, rule in pairs:
                if _EMPTY.fullmatch(_NOISE.sub(" ", new_text)):
                    continue  # "Other", "disorder": nothing left to name a term
                before = len(out)
                _add(out, seen, new_text, (*variant.rules, rule))
                if len(out) > before:
                    nxt.append(out[-1])
        frontier = nxt
        if len(out) > 40:  # pathological inputs: enough is enough
            break
    return out[:40]
