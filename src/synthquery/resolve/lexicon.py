"""General biomedical word tables used by the query rewrites (never built from evaluation data).

``ANATOMICAL_ADJECTIVES`` pairs the adjective people write with the organ noun ontologies
often use instead (and the other way round): ``hepatic`` / ``liver``, ``renal`` / ``kidney``.
"""

from __future__ import annotations

import re

__all__ = [
    "ANATOMICAL_ADJECTIVES",
    "CELL_SHORTHANDS",
    "DISEASE_ADJECTIVES",
    "GENE_METHOD",
    "GENE_PREFIXED",
    "MARKER_INTENSITIES",
    "MARKER_NAME",
    "MARKER_PREFIX",
    "METADATA_KEY",
    "NEGATED_ADJECTIVE",
    "OPPOSITES",
    "OPPOSITE_PAIRS",
    "ORDINAL_WORDS",
    "ORGAN_ADJECTIVES",
    "ORGAN_WORDS",
    "SPECIES",
    "SPECIES_WORDS",
    "TISSUE_KIND_ADJECTIVES",
    "disease_noun",
    "swap_adjectives",
    "swap_last_adjective",
    "swap_nouns",
    "trait_value",
]

#: words that say how a gene was perturbed, not which gene ("TP53 knockout", "siRNA #2 against
#: KRAS", "dCas9-KRAB targeting GATA1", "MYC overexpression", "Pten-/-", "KRAS G12D": a protein
#: change), or that its protein was added ("recombinant human EGF": a treatment named for it)
GENE_METHOD = re.compile(
    r"(?<![\w-])(?:knock[- ]?(?:out|down|in)|KO|KD|OE|over[- ]?expression|over[- ]?expressed|"
    r"overexpressing|(?:si|sh|sg|g)RNAs?(?:[-\s]?#?\d{1,2})?|CRISPR[ia]?|d?Cas9(?:-[A-Za-z0-9]+)?|"
    r"exon\s?\d{1,3}|deletion|insertion|skipping|deleted|null|mutants?|mutations?|"
    r"mutated|silencing|silenced|"
    r"recombinant(?:\s+(?:human|mouse|murine|rat))?|(?:human|mouse|murine|rat)\s+recombinant|"
    r"(?-i:(?:p\.)?[ACDEFGHIKLMNPQRSTVWY]\d{1,4}(?:[ACDEFGHIKLMNPQRSTVWY*]|fs\*?\d*|del))|"
    # which reagent of several: "sgTP53 #2", "siMYC pool"; a tag on the protein: "HA-tagged"
    r"#\s?\d{1,2}|(?:smart)?pool(?:ed)?|tagged)"
    r"(?![\w-])|(?<=\w)[-+]/[-+]|(?<=[A-Za-z0-9])_\d{1,2}(?![\w-])|(?<=\w)-(?:KO|KD|OE)(?![\w-])|"
    r"(?<![\w-])(?-i:E?GFP|FLAG|HA|V5|mCherry|tdTomato)-(?:tagged\s+)?(?=[A-Za-z])",
    re.IGNORECASE,
)

#: "shTP53", "sgKRAS", "si-MYC": the RNA that knocks a gene down or out, named for it; "rhEGF",
#: "rmIL-4": the recombinant human or mouse protein; "hTERT", "mIL-4": the human or mouse gene
GENE_PREFIXED = re.compile(
    r"(?:(?:si|sh|sg|rh|rm)[-_]?|[hm](?=[A-Z][A-Z0-9-]{2,}))"
    # a control reagent is named for no gene: siCTRL, shScr, sgNT, siGFP, sgAAVS1
    r"(?P<symbol>(?!(?:RNA|CTRL|Ctrl|ctrl|Control|NT|NC|Neg|NEG|Scr|SCR|Scramble|GFP|Luc|LUC|"
    r"AAVS1|Rosa26|ROSA26)\d*\b)[A-Z][A-Za-z0-9-]*)"
)

#: the key a metadata export writes before each value ("tissue: liver", GEO's
#: "characteristics_ch1: cell type: monocyte", "organism part=lung"): it names the field, not
#: the sample, and says nothing the lookup's field does not
METADATA_KEY = re.compile(
    r"^(?:characteristics?(?:_ch\d)?\s*[:=]\s*)?"
    r"(?:(?:tissue|organ|organism|cell|cell[ _-]?line|cell[ _-]?type|disease|perturbation)"
    r"(?:_ontology_id|_id)?|tissue (?:type|source)|organism part|body site|sample site|"
    r"anatomical site|site|source(?: name| tissue)?|biosource|biomaterial|cells|"
    r"disease (?:state|status)|diagnosis|condition|phenotype|treatment|compound|drug|agent|"
    r"chemical|perturbagen|stimulus|stimulation|strain|species|target gene)"
    r"\s*[:=]\s*(?=\S)",
    re.IGNORECASE,
)

#: UK Biobank's field names before a disease ("Diagnoses - main ICD10: K90 Intestinal
#: malabsorption", "Non-cancer illness code, self-reported: asthma", "Illnesses of father:
#: ..."), with the ICD-10 code that may follow: a key, not words of the disease
_TRAIT_FIELD = re.compile(
    r"^(?:diagnoses\s*-\s*(?:main|secondary)\s+icd10|"
    r"(?:underlying\s*\(primary\)\s*cause|contributory\s*\(secondary\)\s*causes?)\s+of\s+death"
    r"(?:\s*:\s*icd10)?|"
    r"(?:non-cancer\s+illness|cancer)\s+code,?\s*self-reported|"
    r"type\s+of\s+cancer\s*:\s*icd10|"
    r"illnesses\s+of\s+(?:father|mother|siblings)|"
    r"[^:]{3,120}?\s+diagnosed\s+by\s+doctor|"
    r"(?:eye|mouth/teeth\s+dental|vascular/heart)\s+problems(?:/disorders)?)"
    r"\s*:\s*(?:(?P<code>[A-Z]\d{2})(?:\.\d{1,2})?\s+)?(?=\S)",
    re.IGNORECASE,
)
# ... or an ICD-10 code alone before the title it codes ("F10 Mental and behavioural
# disorders due to use of alcohol", "I27.0 Primary pulmonary hypertension"); case-sensitive,
# as the codes and titles are written, so a name such as "A20 haploinsufficiency" stays whole
_ICD_TITLE = re.compile(r"^(?P<code>[A-Z]\d{2})(?:\.\d{1,2})?\s+(?=[A-Z][a-z])")
# ... whose chapter C code names a cancer even where the text names only the site
_CANCER_WORD = re.compile(
    r"cancer|carcinoma|neoplasm|tumou?r|malignan|sarcoma|lymphoma|leuka?emia|melanoma|"
    r"myeloma|blastoma|metasta|hodgkin",
    re.IGNORECASE,
)


def trait_value(text: str) -> str | None:
    """The disease a UK Biobank field name introduces, without the field name and its
    ICD-10 code ("Diagnoses - main ICD10: K90 Intestinal malabsorption" -> "Intestinal
    malabsorption"); a chapter C code names a cancer of the site that follows ("... C18.9
    Colon, unspecified" -> "malignant neoplasm of Colon, unspecified"). None without one."""
    found = _TRAIT_FIELD.match(text) or _ICD_TITLE.match(text)
    if found is None:
        return None
    rest = text[found.end() :]
    if (found["code"] or "").upper().startswith("C") and not _CANCER_WORD.search(rest):
        return f"malignant neoplasm of {rest}"
    return rest


#: head nouns that make a name another structure than the one it refines, not a piece of it
#: ("Villus (Small Intestine)" is no small intestine villus arteriole), and that a name must
#: keep to be the structure a text ends with ("Umbilical Cord Vein" is no umbilical cord)
STRUCTURE_NOUNS = frozenset("artery arteriole vein venule capillary nerve".split())

#: the organ a surgical removal takes out, by the procedure's name ("nephrectomy specimen":
#: kidney; "carotid endarterectomy": the artery's plaque, sampled as the artery)
RESECTED_ORGANS: dict[str, str] = {
    "tonsillectomy": "tonsil",
    "adenoidectomy": "adenoid",
    "nephrectomy": "kidney",
    "nephroureterectomy": "kidney",
    "hepatectomy": "liver",
    "gastrectomy": "stomach",
    "colectomy": "colon",
    "hemicolectomy": "colon",
    "sigmoidectomy": "sigmoid colon",
    "proctectomy": "rectum",
    "proctocolectomy": "large intestine",
    "ileectomy": "ileum",
    "splenectomy": "spleen",
    "thyroidectomy": "thyroid gland",
    "hemithyroidectomy": "thyroid gland",
    "parathyroidectomy": "parathyroid gland",
    "adrenalectomy": "adrenal gland",
    "pancreatectomy": "pancreas",
    "pancreaticoduodenectomy": "pancreas",
    "cholecystectomy": "gallbladder",
    "appendectomy": "vermiform appendix",
    "appendicectomy": "vermiform appendix",
    "prostatectomy": "prostate gland",
    "mastectomy": "breast",
    "lumpectomy": "breast",
    "hysterectomy": "uterus",
    "oophorectomy": "ovary",
    "salpingectomy": "fallopian tube",
    "orchiectomy": "testis",
    "orchidectomy": "testis",
    "cystectomy": "urinary bladder",
    "esophagectomy": "esophagus",
    "oesophagectomy": "esophagus",
    "pneumonectomy": "lung",
    "lobectomy": "lung",
    "thymectomy": "thymus",
    "lymphadenectomy": "lymph node",
    "laryngectomy": "larynx",
    "glossectomy": "tongue",
    "synovectomy": "synovial membrane",
    "meniscectomy": "meniscus",
    "vasectomy": "vas deferens",
    "endarterectomy": "artery",
}

#: the places physiology papers glue before WAT or BAT ("ingWAT", "pgWAT", "iBAT"); a code
#: that means one place for white fat and another for brown maps the kind ("W"/"B") to each
FAT_DEPOT_CODES: dict[str, str | dict[str, str]] = {
    "ing": "inguinal",
    "i": {"W": "inguinal", "B": "interscapular"},
    "sc": "subcutaneous",
    "s": "subcutaneous",
    "epi": "epididymal",
    "e": "epididymal",
    "pg": "perigonadal",
    "g": "gonadal",
    "m": "mesenteric",
    "mes": "mesenteric",
    "rp": "retroperitoneal",
    "r": "retroperitoneal",
    "pr": "perirenal",
    "o": "omental",
    "om": "omental",
    "v": "visceral",
}

#: the animal a sample came from, as people write it before the organ ("rat liver", "porcine
#: heart", "Mus musculus brain"): the organ is the same term in a cross-species ontology
SPECIES_WORDS = (
    r"human|humans|homo sapiens|mouse|mice|murine|mus musculus|rat|rats|rattus norvegicus|"
    r"porcine|pig|swine|sus scrofa|bovine|cow|calf|bos taurus|ovine|sheep|caprine|goat|"
    r"equine|horse|canine|dog|feline|monkey|macaque|rhesus|cynomolgus|macaca mulatta|"
    r"primate|chimpanzee|zebrafish|danio rerio|chicken|chick|gallus gallus|avian|rabbit|"
    r"hamster|guinea pig|xenopus|frog|drosophila|drosophila melanogaster|fruit fly|fly|flies|"
    r"honey ?bee|trout|rainbow trout|salmon|medaka|marmoset|cattle|duck|goose|yak|ferret|"
    r"quail|mosquito|turkey|alpaca|llama|gerbil|opossum|hen"
)
#: ... as a pattern, matched as whole words in any case
SPECIES = re.compile(rf"\b(?:{SPECIES_WORDS})\b", re.IGNORECASE)

#: how strongly a sorted population carries a marker, glued to it or after it ("CD14dim",
#: "CD56 bright", "Ly6Chi")
MARKER_INTENSITIES = "dim|bright|hi|lo|high|low"
#: a surface marker's name as sorting panels write it ("cd4", "cd45ra", "ccr7", "ly6c",
#: "sca1"), lower case (match case-insensitively elsewhere) ...
MARKER_PREFIX = r"(?:cd|ccr|cxcr|cx3cr|ly|sca|thy|tcr|il|gr)"
#: ... and with its number and a letter or two
MARKER_NAME = rf"{MARKER_PREFIX}\d{{1,3}}[a-z]{{0,2}}"
# a marker's sign or intensity run into the next marker: "CD56dimCD16+", "CD4+CD25hiCD127lo"
_MARKER_RUN = re.compile(
    rf"((?<![a-z0-9]){MARKER_NAME}(?:{MARKER_INTENSITIES}|\+\+|\+|-))(?={MARKER_PREFIX}\d)",
    re.IGNORECASE,
)


def split_marker_runs(text: str) -> str:
    """``CD56dimCD16+ NK cells`` -> ``CD56dim CD16+ NK cells``: a sorted population's markers,
    written without spaces, one word each (as the spaced form reads)."""
    return _MARKER_RUN.sub(r"\1 ", text) if any(c.isdigit() for c in text) else text


#: the short words single-cell atlases name their clusters with ("Mono_CD14", "Mac_LYVE1",
#: "CD8 TEM", "Endo_art", "Ex neurons") -> the words of the ontology's names
CELL_SHORTHANDS: dict[str, str] = {
    "mono": "monocyte",
    "monos": "monocyte",
    "mac": "macrophage",
    "macs": "macrophage",
    "mph": "macrophage",
    "mphs": "macrophage",
    "myof": "myofibroblast",
    "fib": "fibroblast",
    "fibs": "fibroblast",
    "fibro": "fibroblast",
    "endo": "endothelial cell",
    "peri": "pericyte",
    "neu": "neutrophil",
    "neut": "neutrophil",
    "astro": "astrocyte",
    "oligo": "oligodendrocyte",
    "epi": "epithelial cell",
    "kera": "keratinocyte",
    "exc": "excitatory",
    "ex": "excitatory",
    "inh": "inhibitory",
    "art": "arterial",
    "ven": "venous",
    "cap": "capillary",
    "em": "effector memory",
    "cm": "central memory",
    "tem": "effector memory T cell",
    "tcm": "central memory T cell",
    "trm": "tissue-resident memory T cell",
}

#: an ordinal in digits -> in words, as anatomy names spell it ("1st branchial arch")
ORDINAL_WORDS: dict[str, str] = {
    f"{n}{suffix}": word
    for n, suffix, word in zip(
        range(1, 13),
        "st nd rd th th th th th th th th th".split(),
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(),
        strict=True,
    )
}

#: brain and nerve regions by the abbreviations neuroscience writes before a cell's name ("CA1
#: pyramidal neurons", "SNc dopaminergic neurons") -> the words CL's names use for them
REGION_ABBREVIATIONS: dict[str, str] = {
    "CA1": "hippocampal",
    "CA2": "hippocampal",
    "CA3": "hippocampal",
    "CA4": "hippocampal",
    "DG": "dentate gyrus",
    "SNc": "substantia nigra",
    "SN": "substantia nigra",
    "VTA": "ventral tegmental area",
    "OB": "olfactory bulb",
    "ENS": "enteric",
    "LC": "locus coeruleus",
    "SCN": "suprachiasmatic nucleus",
    "PFC": "prefrontal cortex",
    "NAc": "nucleus accumbens",
    "BLA": "basolateral amygdala",
}

#: adjective -> organ or structure noun (one noun per adjective; ambiguous ones left out:
#: "cervical" is neck or cervix, "spinal" is spine or spinal cord)
ANATOMICAL_ADJECTIVES: dict[str, str] = {
    "hepatic": "liver",
    "renal": "kidney",
    "nephric": "kidney",
    "cardiac": "heart",
    "pulmonary": "lung",
    "gastric": "stomach",
    "intestinal": "intestine",
    "enteric": "intestine",
    "cerebral": "brain",
    "cortical": "cortex",
    "neuronal": "neuron",
    "colonic": "colon",
    "rectal": "rectum",
    "splenic": "spleen",
    "pancreatic": "pancreas",
    "ovarian": "ovary",
    "uterine": "uterus",
    "testicular": "testis",
    "prostatic": "prostate",
    "cutaneous": "skin",
    "dermal": "dermis",
    "esophageal": "esophagus",
    "duodenal": "duodenum",
    "ileal": "ileum",
    "jejunal": "jejunum",
    "bronchial": "bronchus",
    "tracheal": "trachea",
    "laryngeal": "larynx",
    "pharyngeal": "pharynx",
    "nasopharyngeal": "nasopharynx",
    "oropharyngeal": "oropharynx",
    "nasal": "nose",
    "ocular": "eye",
    "retinal": "retina",
    "placental": "placenta",
    "arterial": "artery",
    "venous": "vein",
    "osseous": "bone",
    "myocardial": "myocardium",
    "thymic": "thymus",
    "tonsillar": "tonsil",
    "gingival": "gingiva",
    "lingual": "tongue",
    "synovial": "synovium",
    "vertebral": "vertebra",
    "pleural": "pleura",
    "peritoneal": "peritoneum",
    "pericardial": "pericardium",
    "endometrial": "endometrium",
    "mucosal": "mucosa",
    "epithelial": "epithelium",
    "endothelial": "endothelium",
    "glomerular": "glomerulus",
    "alveolar": "alveolus",
    "ventricular": "ventricle",
    "atrial": "atrium",
    "aortic": "aorta",
    "cerebellar": "cerebellum",
    "hippocampal": "hippocampus",
    "thalamic": "thalamus",
    "hypothalamic": "hypothalamus",
    "striatal": "striatum",
    "medullary": "medulla",
    "follicular": "follicle",
    "ductal": "duct",
    "glandular": "gland",
    "vesical": "bladder",
    "biliary": "bile duct",
    "mammary": "breast",
    "adipose": "fat",
    "muscular": "muscle",
    "lymphatic": "lymph vessel",
    "nodal": "lymph node",
    "adrenal": "adrenal gland",
    "thyroidal": "thyroid",
    "hepatocellular": "liver",
    "oesophageal": "esophagus",
    "pontine": "pons",
    "vaginal": "vagina",
    "penile": "penis",
    "epididymal": "epididymis",
    "vulvar": "vulva",
    "vulval": "vulva",
    "epicardial": "epicardium",
    "amniotic": "amnion",
    "cochlear": "cochlea",
    "corneal": "cornea",
    "conjunctival": "conjunctiva",
    "tendinous": "tendon",
    "cartilaginous": "cartilage",
    "meningeal": "meninx",
    # livestock and other animals' organs ("ruminal papillae", "abomasal mucosa")
    "ruminal": "rumen",
    "abomasal": "abomasum",
    "omasal": "omasum",
    "cecal": "cecum",
    "caecal": "caecum",
    "cloacal": "cloaca",
    "hepatopancreatic": "hepatopancreas",
    "oviductal": "oviduct",
    "scleral": "sclera",
    "choroidal": "choroid",
    "amygdaloid": "amygdala",
}

#: adjectives naming a kind of tissue rather than an organ ("epithelial cell of esophagus")
TISSUE_KIND_ADJECTIVES = frozenset(
    "epithelial endothelial mucosal muscular glandular ductal follicular adipose lymphatic "
    "arterial venous".split()
)

# adjectives that are not the usual wording of their noun, or a second spelling of one
_NOT_USUAL = frozenset(
    "nephric enteric hepatocellular dermal vesical thyroidal adipose oesophageal vulval".split()
)


#: noun -> adjective, for the organs whose adjective is the usual ontology wording
ORGAN_ADJECTIVES: dict[str, str] = {
    noun: adjective
    for adjective, noun in ANATOMICAL_ADJECTIVES.items()
    if " " not in noun and adjective not in _NOT_USUAL
}

#: what a patient or a sample "is" -> the disease ("diabetic", "septic"; the regular ones,
#: such as "psoriatic" and "cirrhotic", are derived by :func:`disease_noun`)
DISEASE_ADJECTIVES: dict[str, str] = {
    "diabetic": "diabetes mellitus",
    "anemic": "anemia",
    "anaemic": "anemia",
    "hypertensive": "hypertension",
    "autistic": "autism",
    "schizophrenic": "schizophrenia",
    "septic": "sepsis",
    "arthritic": "arthritis",
    "leukemic": "leukemia",
    "leukaemic": "leukemia",
    "cachectic": "cachexia",
    "emphysematous": "emphysema",
    "asthmatic": "asthma",
    "epileptic": "epilepsy",
    "obese": "obesity",
    "dystrophic": "dystrophy",
    "ischemic": "ischemia",
    "ischaemic": "ischemia",
    "hypothyroid": "hypothyroidism",
    "hyperthyroid": "hyperthyroidism",
    "dyslipidemic": "dyslipidemia",
    "uremic": "uremia",
    "cancerous": "cancer",
    "preeclamptic": "preeclampsia",
}

#: (adjective ending, noun ending) of the diseases the lexicon does not list: "endometriotic"
#: endometriosis, "sarcoidotic" sarcoidosis, "psoriatic" psoriasis
_DISEASE_ENDINGS = (("otic", "osis"), ("iatic", "iasis"))


def disease_noun(adjective: str) -> str | None:
    """The disease a patient or sample said to be ``adjective`` has, or None."""
    lower = adjective.lower()
    noun = DISEASE_ADJECTIVES.get(lower)
    if noun is not None:
        return noun
    for ending, noun_ending in _DISEASE_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 4:
            return lower[: -len(ending)] + noun_ending
    return None


_ADJ_RE = re.compile(r"\b(" + "|".join(ANATOMICAL_ADJECTIVES) + r")\b", re.IGNORECASE)
_NOUNS = "|".join(sorted(ORGAN_ADJECTIVES, key=len, reverse=True))
# a noun that modifies a following word ("kidney cortex"), or the object of "of"
_NOUN_MODIFIER = re.compile(rf"\b({_NOUNS})\b(?=\s+\w)", re.IGNORECASE)
_OF_NOUN = re.compile(rf"^(?P<head>.+?)\s+of\s+(?:the\s+)?(?P<noun>{_NOUNS})$", re.IGNORECASE)


def swap_adjectives(text: str, keep: frozenset[str] = frozenset()) -> str:
    """``hepatic plate`` -> ``liver plate``; ``text`` itself when it has no such adjective.
    Adjectives in ``keep`` stay as they are."""
    return _ADJ_RE.sub(
        lambda m: m[1] if m[1].lower() in keep else ANATOMICAL_ADJECTIVES[m[1].lower()], text
    )


def swap_last_adjective(text: str) -> str:
    """``pulmonary arterial`` -> ``pulmonary artery``: of two or more adjectives, the last,
    which names the structure, the others staying how its name spells them; ``text`` itself
    otherwise."""
    found = list(_ADJ_RE.finditer(text))
    if len(found) < 2:
        return text
    last = found[-1]
    noun = ANATOMICAL_ADJECTIVES[last[1].lower()]
    return text[: last.start()] + noun + text[last.end() :]


def swap_nouns(text: str) -> str:
    """``stomach cancer`` and ``cancer of stomach`` -> ``gastric cancer``; the organ noun
    only turns into its adjective where it qualifies another word."""
    found = _OF_NOUN.match(text.strip())
    if found is not None:
        return f"{ORGAN_ADJECTIVES[found['noun'].lower()]} {found['head']}"
    return _NOUN_MODIFIER.sub(lambda m: ORGAN_ADJECTIVES[m[1].lower()], text)


#: word pairs of opposites. A name carrying one while the query carries the other (and not the
#: first) is penalised, so "B-cell acute lymphocytic leukemia" stripped of "acute" cannot land
#: on chronic lymphocytic leukemia; "medial and lateral gastrocnemius" names both sides of one
#: structure, the gastrocnemius
OPPOSITE_PAIRS = (
    ("acute", "chronic"),
    ("benign", "malignant"),
    ("juvenile", "adult"),
    ("congenital", "acquired"),
    ("left", "right"),
    ("upper", "lower"),
    ("anterior", "posterior"),
    ("proximal", "distal"),
    ("superior", "inferior"),
    ("medial", "lateral"),
    ("dorsal", "ventral"),
    ("inner", "outer"),
    ("male", "female"),
    ("childhood", "adult"),
    ("early", "late"),
    ("high", "low"),
)
#: whole organs, none part of another, by the words that name them: a name placing a cell or
#: a disease in one organ denies a text that places it in another ("liver-resident memory T
#: cell" is no lung resident memory T cell) -> the organ
ORGAN_WORDS: dict[str, str] = {
    word: organ
    for organ in (
        "lung liver kidney heart brain spleen pancreas stomach skin breast prostate ovary "
        "testis uterus thymus thyroid placenta esophagus"
    ).split()
    for word in (organ, ORGAN_ADJECTIVES.get(organ))
    if word
}

#: word -> the words that say its opposite
OPPOSITES: dict[str, frozenset[str]] = {
    word: frozenset(b for a, b in OPPOSITE_PAIRS if a == word)
    | frozenset(a for a, b in OPPOSITE_PAIRS if b == word)
    for pair in OPPOSITE_PAIRS
    for word in pair
}


#: an adjective "non" is run into and negates ("nonallergic", "noninfectious"); "nonsense"
#: and "nonane" are words of their own
NEGATED_ADJECTIVE = r"[a-z]{2,}(?:ic|al|ive|ous|ory|ant|ent|ile|ary|ed|ing|oid|ar)"
