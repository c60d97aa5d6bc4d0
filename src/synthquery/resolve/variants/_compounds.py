"""Compound rewrites: salts and hydrates, stereo and Greek prefixes, vehicles and sources,
mixtures (``imatinib mesylate`` -> ``imatinib``, ``17a-ethynylestradiol``)."""

from __future__ import annotations

import re

from synthquery.resolve.formula import (
    cation_name,
    counted,
    element_name,
    formula_names,
    formula_names_any_case,
    hydrate_name,
    hydrate_names,
    ion_names,
    is_cation_name,
    stock_names,
)
from synthquery.resolve.variants._text import clean

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
# ... and a lone letter opening a name: "b-carotene", "g-aminobutyric acid" (never "d-", which
# says dextro; a capital opens a code: "A-769662")
_LONE_GREEK = re.compile(r"(?<![\w-])([abg])-(?=[a-z]{3})")
_GREEK_WORDS = {"a": "alpha", "b": "beta", "g": "gamma"}
# "doxorubicin HCl", "MK-2206 2HCl", "fluoxetine·HCl": a salt as vendors abbreviate it
_ACID_SALT = re.compile(
    r"(?:\s*[·•-]\s*|(?<=[a-z])\.|\s+)(?P<n>\d)?\s?(?P<acid>HCl|HBr)(?:\s+salt)?$", re.IGNORECASE
)
_ACID_SALT_NAMES = {"hcl": "hydrochloride", "hbr": "hydrobromide"}
_SALT_WORDS = re.compile(
    r"\b(\d|mono|di|tri|tetra|hemi|sesqui)?(hydrochloride|hydrobromide|hydroiodide|mesylate|"
    r"mesilate|methanesulfonate|besylate|besilate|tosylate|maleate|fumarate|tartrate|"
    r"bitartrate|citrate|succinate|acetate|phosphate|sulfate|sulphate|nitrate|lactate|"
    r"gluconate|malate|oxalate|pamoate|stearate|isethionate|dihydrate|trihydrate|monohydrate|"
    r"hydrate|hemihydrate|sodium|potassium|calcium|magnesium|salt|chloride|bromide|hcl|"
    # "imatinib free base": the drug itself, said not to be a salt
    r"free base|freebase)\b",
    re.IGNORECASE,
)
# "tamoxifen citrate salt", "pravastatin sodium salt hydrate": the word, before any water
_SALT_TAIL = re.compile(
    r"\s+salt(?=(?:\s+(?:mono|di|tri|tetra|penta|hexa|hemi|sesqui)?hydrate)?$)", re.IGNORECASE
)
# an inorganic anion's name ("dichromate", "arsenite", "molybdate"; no water's "hexahydrate")
_ANION_NAME = re.compile(r"(?![a-z]*hydrate$)[a-z]+(?:ate|ite|ide)", re.IGNORECASE)
_HYDRATE_WORD = re.compile(
    r"\b(?:mono|di|tri|tetra|penta|hexa|hepta|hemi|sesqui)?hydrate\b", re.IGNORECASE
)
#: the cations vendors name a salt by ("valproic acid sodium salt", "butyrate (sodium salt)")
_SALT_CATIONS = "sodium|potassium|calcium|magnesium|lithium|ammonium"
_ACID_SALT_NAME = re.compile(
    r"^(?P<stem>\S.*?)ic acid,?\s+(?P<n>mono|di|tri|hemi)?"
    rf"(?P<cation>{_SALT_CATIONS}|zinc)\s+salt$",
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
    r"^(?:\([+\-±]\)|\((?:[RSEZ]|\d+[RSEZ])(?:,\s?\d*[RSEZ])*\)|[+\-±]|[LDld]|dl|DL|rac|RS|R,\s?S|cis|trans|"
    r"all-trans|\d+-cis|R|S)-",
)


def compound_parts(text: str) -> list[str]:
    """Mixtures ("tamoxifen + palbociclib", "X and Y") split into their parts; [text] otherwise."""
    parts = [p for p in (clean(x) for x in _SPLIT_COMPOUNDS.split(text)) if p]
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


_SYMBOL_SALT = re.compile(r"^(?P<symbol>[A-Z][a-z]?|NH4)-(?P<anion>[a-z]{3,}\S*)$")
# "atorvastatin Ca", "fluvastatin Na": a drug's salt, its cation by its symbol after the name
_SALT_SYMBOL = re.compile(r"^(?P<drug>.*[a-z]{4,})\s+(?P<symbol>[A-Z][a-z]?)$")
_BRACKETED_SALT = re.compile(
    rf"\s*\(\s*((?:mono|di|tri)?(?:{_SALT_CATIONS})\s+salt)\s*\)\s*$",
    re.IGNORECASE,
)
# "quetiapine hemifumarate": one counter-ion to two drug molecules, which ChEBI's salt names
# leave unsaid (quetiapine fumarate)
_HEMI_COUNTER_ION = re.compile(r"\bhemi(?=[a-z]{3,}ate\b)", re.IGNORECASE)


def _named_salt(name: str) -> bool:
    """Whether ``name`` ends in a counter-ion ("tamoxifen citrate", "pravastatin sodium")."""
    words = name.split()
    return bool(words) and bool(_SALT_WORDS.fullmatch(words[-1]) or is_cation_name(words[-1]))


def compound_variants(text: str) -> list[tuple[str, str]]:
    """Formulas, context words, Greek letter abbreviations, salts and stereo prefixes."""
    out: list[tuple[str, str]] = []
    full = _spelt_in_full(text)
    if full != text:
        text = full
        out.append((text, "short_words"))
    # "Na-pyruvate", "K-acetate": the salt's cation by its symbol
    by_symbol = _SYMBOL_SALT.match(text.strip())
    if by_symbol is not None and (cation := cation_name(by_symbol["symbol"])) is not None:
        out.append((f"{cation} {by_symbol['anion']}", "element_symbol"))
    after = _SALT_SYMBOL.match(text.strip())
    if after is not None and (cation := cation_name(after["symbol"])) is not None:
        out.append((f"{after['drug']} {cation}", "element_symbol"))
    whole = _HEMI_COUNTER_ION.sub("", text)
    if whole != text:
        out.append((whole, "salt_name"))
        text = whole
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
        if found is not None and clean(text[: found.start()]):
            text = clean(text[: found.start()])
            out.append((text, rule))
    formulas = [(name, "formula") for name in formula_names(text)]
    # the hydrate a formula counts the water of, behind the salt users mostly mean
    formulas += [(name, "formula_hydrate") for name in hydrate_names(text)]
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
    # "butyrate (sodium salt)": the salt said in brackets
    text = _BRACKETED_SALT.sub(r" \1", text)
    salt_word = _SALT_TAIL.search(text)
    if salt_word is not None and _named_salt(text[: salt_word.start()]):
        # "tamoxifen citrate salt", "pravastatin sodium salt": the salt's name says it is one
        text = text[: salt_word.start()] + text[salt_word.end() :]
        out.append((text, "drop_salt_word"))
        anion, _, cation = text.rpartition(" ")
        if anion.strip() and is_cation_name(cation):
            # "butyrate sodium": sodium butyrate, as ChEBI names a salt, or the anion itself
            # ("indoxyl sulfate potassium": indoxyl sulfate, not the indoxyl its salt
            # words would leave)
            out.append((f"{cation} {anion.strip()}", "salt_name"))
            out.append((anion.strip(), "cation_after"))
    words = text.split()
    vendor_salt = _ACID_SALT.search(text)
    if vendor_salt is not None and clean(text[: vendor_salt.start()]):
        acid_name = _ACID_SALT_NAMES[vendor_salt["acid"].lower()]
        name = counted(vendor_salt["n"] or "1", acid_name)
        if name is not None:
            drug = text[: vendor_salt.start()]
            out.append((f"{drug} {name.removeprefix('mono')}", "salt_name"))
    elif (spelt := _COUNTER_ION.search(text)) is not None and clean(text[: spelt.start()]):
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
    if clean(context) and clean(context) != clean(text):
        out.append((context, "drop_context_words"))
        text = clean(context)
    greek = _LETTER_GREEK.sub(lambda m: m[1] + _GREEK_WORDS[m[2]], text)
    greek = _LONE_GREEK.sub(lambda m: _GREEK_WORDS[m[1]] + "-", greek)
    if greek != text:
        out.append((greek, "letter_to_greek"))
    hydrate = _HYDRATE_COUNT.sub(lambda m: hydrate_name(m[1]) or m[0], text)
    if hydrate != text:
        out.append((hydrate, "hydrate_count"))
    salt = _SALT_WORDS.sub(" ", text)
    left = clean(salt)
    if is_cation_name(left) or ion_names(left) or _ANION_NAME.fullmatch(left):
        # "lead acetate trihydrate", "lead(II) acetate trihydrate", "sodium dichromate
        # dihydrate": what is left is one of the salt's own ions, not a drug in it; only the
        # water goes (lead acetate, sodium dichromate)
        salt = _HYDRATE_WORD.sub(" ", text)
    if clean(salt) and clean(salt) != clean(text):
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
