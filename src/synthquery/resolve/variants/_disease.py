"""Disease rewrites: inverted names, qualifiers, causes and forms, negations, ICD-10 titles
(``lymphoma, follicular`` -> ``follicular lymphoma``, ``Gout without tophi`` -> ``Gout``)."""

from __future__ import annotations

import re

from synthquery.resolve.lexicon import (
    ANATOMICAL_ADJECTIVES,
    NEGATED_ADJECTIVE,
    ORGAN_ADJECTIVES,
    disease_noun,
)
from synthquery.resolve.variants._anatomy import anatomy_variants
from synthquery.resolve.variants._text import clean, trailing_clause

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
    # ... "Braak stage V-VI", "Hoehn and Yahr stage 2", and the manual a diagnosis follows
    r"(?:who|figo|nyha|gold|binet|rai|child[- ]pugh|braak|thal|cerad|vonsattel|ilae|"
    r"hoehn (?:and |& )?yahr|h&y)\s+(?:stage\s+|class\s+|grade\s+|phase\s+|type\s+)?"
    r"[0-9ivx]+[abc]?(?:\s*[-/]\s*[0-9ivx]+[abc]?)?|dsm-?(?:iii|iv|5)(?:-tr)?|icd-?(?:9|10|11)|"
    # the sample's state: "lesional psoriasis", "active ulcerative colitis"
    r"non-?lesional|lesional|active|inactive|quiescent|flare|(?:non-?)?muscle[- ]invasive)\b)",
    re.IGNORECASE,
)
# ... and, only after those, the course words that are part of many names ("chronic
# lymphocytic leukemia"): dropped together, these would leave a broader disease
_ACUITY = re.compile(r"\b(chronic|acute)\b", re.IGNORECASE)


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


_CLAUSE = trailing_clause("with", "without", "due to", "secondary to", "by")
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


CANCER = re.compile(r"\bcancers?\b", re.IGNORECASE)


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
        clean(" ".join([before, *rest[n:]]))
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


# the gene a form of the disease is caused by, as texts say it ("LRRK2-associated Parkinson
# disease", "Lynch syndrome (MLH1)", "FTLD-TDP with GRN mutation"); MONDO names such a form
# "<GENE> <disease>" ("LRRK2 Parkinson disease"). A virus's initials are a cause, not a gene
_GENE = r"(?!(?:HIV|HBV|HCV|HPV|EBV|CMV|HSV|HTLV|KSHV|RSV|SARS|COVID)\b)[A-Z][A-Z0-9]{1,9}"
_GENE_SAID = (
    r"(?:mutations?|mutated|mutant|variants?|deficiency|deficient|germline mutation|carrier)"
)
_GENE_FIRST = re.compile(
    rf"^(?P<gene>{_GENE})[- ](?:related|associated|linked|{_GENE_SAID})\s+(?P<disease>\w.*)$"
)
_GENE_AFTER = re.compile(
    rf"^(?P<disease>.+?)(?:\s*\(\s*(?P<bracket>{_GENE})(?:\s+{_GENE_SAID})?\s*\)"
    rf"|,\s*(?P<comma>{_GENE})(?:\s+\S+)?\s+{_GENE_SAID}"
    rf"|\s+with\s+(?P<with>{_GENE})\s+{_GENE_SAID})$"
)


def gene_named(text: str) -> list[str]:
    """``text`` as MONDO names the form of a disease a gene causes ("LRRK2 Parkinson
    disease", "MLH1-related Lynch syndrome", "... caused by mutation in GENE"); ``[]`` when
    the text names no gene that way."""
    found = _GENE_FIRST.match(text)
    if found is not None:
        gene, disease = found["gene"], found["disease"]
    elif (found := _GENE_AFTER.match(text)) is not None:
        gene = found["bracket"] or found["comma"] or found["with"]
        disease = clean(found["disease"])
    else:
        return []
    return [
        f"{gene} {disease}",
        f"{gene}-related {disease}",
        f"{disease} caused by mutation in {gene}",
    ]


def disease_variants(text: str) -> list[tuple[str, str]]:
    """Clinical qualifiers and causes dropped: ``DSS-induced colitis`` -> ``colitis``."""
    out: list[tuple[str, str]] = [(t, "drop_negated") for t in _negated_dropped(text) if t]
    out += [(named, "gene_named") for named in gene_named(text.strip())]
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
    if clean(plain) and clean(plain) != clean(text):
        out.append((plain, "drop_qualifiers"))
    # (from the text itself: with its qualifiers dropped too it takes both rules' cost)
    bare = _ACUITY.sub(" ", text)
    if clean(bare) and clean(bare) != clean(text):
        out.append((bare, "drop_acuity"))
    # "X cancer" is how people say what EFO-based resources file as "X carcinoma"
    carcinoma = CANCER.sub("carcinoma", text)
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
    conjuncts = [c for c in _CONJUNCTION.split(text) if len(clean(c)) > 2]
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
    noun = None if said is None else disease_noun(said["adj"])
    if said is not None and noun is not None:
        # "diabetic patient", "psoriatic skin", "cirrhotic liver": the disease itself
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
