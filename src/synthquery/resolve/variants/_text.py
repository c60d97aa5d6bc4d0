"""Rewrites and pieces every field shares: the ``Variant`` record, cleaning, notes in
parentheses, dash and slash forms, ICD wording, conjunctions, plural codes, sample words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from synthquery.resolve.lexicon import OPPOSITES
from synthquery.resolve.normalize import KARYOTYPE_CHANGES

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
PAREN = re.compile(
    "(?i:" + "".join(rf"(?<!\b{change})" for change in KARYOTYPE_CHANGES) + ")"
    r"\s*\((?!(?:[\dIVXivx]+\+?|[+\-±]|\d*[RSEZ](?:,\s?\d*[RSEZ])*)\))([^()]*)\)(?![-\w])\s*"
)
_BRACKET = re.compile(r"\s*\[[^\[\]]*\]\s*")
_DASH_SPLIT = re.compile(r"\s+[-–—:]\s+")
_SLASH = re.compile(r"\s*/\s*")
_OTHER = re.compile(r"^\s*other\s+(?P<rest>\w.*)$", re.IGNORECASE)
#: a rewrite left with only these words names no particular term ("T12 tissue" less its
#: code-like word is just "tissue")
EMPTY = re.compile(
    r"[\W_]*(?:(?:diseases?|disorders?|conditions?|syndromes?|tissues?|cells?|organs?|"
    r"structures?|parts?|regions?|and|or|of|the)[\W_]*)*",
    re.IGNORECASE,
)
_AND_OR = re.compile(r"\band/or\b", re.IGNORECASE)
#: an underscore joining two words ("Psoriasis_with_arthropathy", GTEx's tissue ids), or a
#: marker and a word (an atlas's "CD8_TEM")
WORD_UNDERSCORE = re.compile(r"(?<=[A-Za-z0-9])_+(?=[A-Za-z])")
_WORD_SLASH = re.compile(r"(?<![\w/])[A-Za-z][\w'-]*(?:/[A-Za-z][\w'-]*)+(?![\w/])")
_SHARE = re.compile(r"(\d+(?:\.\d+)?)\s*%\s*([^/;,+%]+?)(?=\s*(?:[/;,+]|\d+(?:\.\d+)?\s*%|$))")
NOISE = re.compile(
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
CELL_SUFFIX = re.compile(r"\s+(cells?|cell lines?|cell type)$", re.IGNORECASE)
# "ILC2s", "Th17s", and short acronyms the plural rule leaves alone ("DCs", "ECs")
_CODE_PLURAL = re.compile(r"\b([A-Za-z]{2,}\d+[A-Za-z]?|[A-Z]{2,3})s\b")


def code_plural_variants(text: str) -> list[tuple[str, str]]:
    """The text with its codes in the singular ("ILC2s", "Th17s", "LNs": the letter s counts
    them)."""
    plural = _CODE_PLURAL.sub(r"\1", text)
    return [(plural, "code_plural")] if plural != text else []


def code_singular(word: str) -> str | None:
    """The singular of a code written in the plural ("DCs" -> "DC", "ILC2s" -> "ILC2")."""
    found = _CODE_PLURAL.fullmatch(word)
    return None if found is None else found[1]


# what was taken, and how: "liver biopsy", "bone marrow aspirate", "nasal swab", "blood spot"
_TISSUE_SUFFIX = re.compile(
    r"\s+(tissues?|samples?|(?:(?:punch|needle|core|wedge)\s+)?biops(?:y|ies)|specimens?|region|"
    r"aspirates?|swabs?|brushings?|resections?|scrapings?|explants?|spots?|"
    # how a lab keeps it: "precision-cut lung slices", "hippocampal slice culture"
    r"slices?(?: cultures?)?|sections?|(?:organ |explant |tissue )?cultures?)$",
    re.IGNORECASE,
)


def without_sample_words(text: str) -> str:
    """``muscle biopsy`` -> ``muscle``: the words saying how a tissue was taken or kept."""
    return _TISSUE_SUFFIX.sub("", text) or text


# a code's minus sign ending the text: "CD133-", "CD4+CD45RA-CCR7-" (no separator to strip)
_SIGNED_END = re.compile(r"[A-Za-z]\d+[A-Za-z]*-$")


def clean(text: str) -> str:
    text = _SPACES.sub(" ", text)
    cleaned = text.strip(" ,;:-/")
    if cleaned and _SIGNED_END.search(text.rstrip(" ,;:/")):
        return cleaned + "-"
    return cleaned


def add_variant(out: list[Variant], seen: set[str], text: str, rules: tuple[str, ...]) -> None:
    text = clean(text)
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


POSITIONS = (
    "superior|inferior|upper|lower|anterior|posterior|lateral|medial|distal|proximal|dorsal|"
    "ventral|left|right"
)
# "Nephron (Medulla)", "kidney [left]", "liver (right lobe)": a one-word detail, or a
# position and a part, in parentheses or brackets after the whole it refines (other longer
# ones, as in "putamen (basal ganglia)" or "(lower leg)", more often say where it lies)
#: the nouns that name a piece of a structure by where it is ("upper part", "left side")
POSITION_NOUNS = "segment|part|portion|region|side|pole|third|half"
_PARTS = f"{POSITION_NOUNS}|lobe|wall|horn|end"
_DETAIL = rf"[a-z]{{3,}}|(?:{POSITIONS}) (?:{_PARTS})"
_TRAILING_PAREN = re.compile(
    rf"^(?P<head>[^()\[\]]+?)\s*(?:\((?P<inner>{_DETAIL})\)|\[(?P<binner>{_DETAIL})\])$",
    re.IGNORECASE,
)


JOINED = re.compile(r"\s(?:and|&)\s", re.IGNORECASE)

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
#: the life stages a note on a sample or a disease's name says ("adult", "neonatal")
_LIFE_STAGES = r"adult|fetal|foetal|embryonic|neonatal|newborn|juvenile|infant|aged|young|old"
_NOTE_WORD = (
    rf"(?:{_LIFE_STAGES}|"
    r"male|female|normal|healthy|control|pool(?:ed)?(?: ?\d+)?|donor ?\d+|"
    r"rep(?:licate)? ?\d+|sample ?\d+|\d{1,2})"
)
_SAMPLE_NOTE = re.compile(rf"{_NOTE_WORD}(?:[\s,;/]+{_NOTE_WORD})*", re.IGNORECASE)


def is_note(text: str, *, disease: bool = False) -> bool:
    """Whether ``text`` only notes the sample ("adult", "donor 2"); of a disease, a life stage
    says which ("Sepsis, neonatal": neonatal sepsis)."""
    if disease and _STAGE_NOTE.fullmatch(text.strip()):
        return False
    return _SAMPLE_NOTE.fullmatch(text.strip()) is not None


_STAGE_NOTE = re.compile(rf"(?:{_LIFE_STAGES})(?:[\s-]onset)?", re.IGNORECASE)

# the donor after the name with no comma or dash: sex, life stage and age ("thyroid gland
# tissue female adult (53 years)", ENCODE's summaries; "Skeletal Muscle Male")
_STAGE = rf"(?:{_LIFE_STAGES}|embryo|child)"
_AGE = r"\(\s*\d+(?:\.\d+)?\s*(?:years?|months?|weeks?|days?)(?:\s+old)?\s*\)"
_DONOR_NOTE = re.compile(
    rf"^(?P<head>.*?[a-z].*?)[\s,;]+(?:(?:(?:male|female)(?:[\s,;]+{_STAGE})?"
    rf"|{_STAGE}[\s,;]+(?:male|female))(?:\s*{_AGE})?|{_STAGE}\s*{_AGE})\s*$",
    re.IGNORECASE,
)


def without_donor_note(text: str) -> str | None:
    """``text`` without the donor's sex, life stage and age after the name, or None."""
    found = _DONOR_NOTE.match(text)
    return None if found is None else found["head"]


def generic_variants(text: str, *, disease: bool = False) -> list[tuple[str, str]]:
    """Rewrites any field benefits from, as ``(text, rule)`` pairs (the input excluded), the
    ones that keep the most of the text first. ``disease``: a disease's text, whose ICD-10
    codes are noise, whose life stage is no note, and whose first entry before a semicolon is
    the disease."""
    out: list[tuple[str, str]] = []
    if "%" in text:
        # the largest share names the sample; the others are candidates too
        for i, part in enumerate(_components(text)):
            out.append((part, "majority_component" if i == 0 else "mixture_part"))
    if "&" in text:
        # "head & neck": the word names spell
        out.append((_AMPERSAND.sub(" and ", text), "ampersand"))
    noisy = NOISE.sub(" ", text)
    if disease:
        noisy = _ICD.sub(" ", noisy)
    if clean(noisy) != clean(text) and clean(noisy):
        out.append((noisy, "drop_noise_words"))
    if "[" in text:
        out.append((_BRACKET.sub(" ", text), "drop_brackets"))
    pieces = [p.strip() for p in text.split(",") if p.strip()] if "," in text else []
    if len(pieces) == 2 and JOINED.search(pieces[1]):
        pieces = []  # "heart, lung and kidney": a series, not an inversion or a head
    if len(pieces) == 2 and is_note(pieces[1], disease=disease):
        out.append((pieces[0], "drop_sample_note"))
        pieces = []
    if len(pieces) == 3 and not any(JOINED.search(p) or is_note(p) for p in pieces):
        # MeSH inverts twice: "Carcinoma, Hepatocellular, HBV-related" is HBV-related
        # hepatocellular carcinoma, and a hepatocellular carcinoma first
        out.append((f"{pieces[2]} {pieces[1]} {pieces[0]}", "comma_inversion"))
        out.append((f"{pieces[1]} {pieces[0]}", "comma_inversion_head"))
    if len(pieces) == 2:
        out.append((f"{pieces[1]} {pieces[0]}", "comma_inversion"))
        # "lung cancer, small cell type": the kind, without the word saying it is one
        kind = _KIND_WORD.sub("", pieces[1])
        if kind != pieces[1] and clean(kind):
            out.append((f"{kind} {pieces[0]}", "comma_inversion"))
    parts = _DASH_SPLIT.split(text)
    if len(parts) == 2 and is_note(parts[1]):
        out.append((parts[0], "drop_sample_note"))
        parts = [text]
    if len(parts) == 2:
        head, tail = parts
        out.append((f"{head} {tail}", "dash_join"))
        out.append((f"{tail} of {head}", "dash_tail_of_head"))
    if "(" in text:
        out.append((PAREN.sub(" ", text), "drop_parenthetical"))
        if len(parts) == 2:
            # GTEx "Skin - Sun Exposed (Lower leg)": the detail names where in the head
            for inner in PAREN.findall(parts[1]):
                if len(inner) > 2:
                    out.append((f"{inner} {PAREN.sub(' ', parts[0])}", "parenthetical_head"))
        for inner in PAREN.findall(text):
            if len(inner) > 2:
                out.append((inner, "parenthetical_only"))
    if "(" in text or "[" in text:
        out += _modifier_variants(text, parts)
    question = _QUESTION.sub("", text)
    if question != text and clean(question):
        out.append((question, "drop_question"))
    if len(parts) == 2:
        out.append((parts[1], "dash_tail"))
        out.append((parts[0], "dash_head"))
    if len(pieces) == 2:
        out.append((pieces[0], "comma_head"))
    # "glaucoma; optic nerve head", "hepatocellular carcinoma; HCV+": what a sheet joined with
    # a semicolon is two entries, the first what the field asks for, the rest notes on it
    # (in anatomy a semicolon inverts as a comma does: "amygdala; basolateral")
    listed = [p.strip() for p in text.split(";") if p.strip()] if disease and ";" in text else []
    if len(listed) > 1:
        out.append((listed[0], "semicolon_head"))
    # a slash inside parentheses divides the detail, not the name ("Loop of Henle (Thick
    # Limb/Medulla)")
    if "/" in _AND_OR.sub(" ", PAREN.sub(" ", text)) and not re.search(r"\d/\d", text):
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


# "Rheumatic fever without heart involvement", "Psoriasis with arthropathy", "Anaemia due to
# blood loss", "Poisoning by barbiturates": the condition comes first, the clause after it
# qualifies it
def trailing_clause(*openers: str) -> re.Pattern[str]:
    """ "<head> <opener> ...": the head, when one of ``openers`` starts a trailing clause."""
    words = "|".join(openers)
    return re.compile(rf"^(?P<head>.+?)\s+(?:{words})\s+\w.*$", re.IGNORECASE)


_LEADING_AND = re.compile(r"^(?:and|or|&)\s+", re.IGNORECASE)
# what joins names: "liver and spleen", "B & T cells", "CD4+ + CD8+", "heart, lung, and kidney",
# "Esophagus/Stomach" (a slash between words; "CD4+/CD8+" are signs)
_AMPERSAND = re.compile(r"\s*&\s*")
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
    pieces = [clean(p) for p in _JOINERS.split(stripped)]
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


def conjunct_variants(text: str) -> list[tuple[str, str]]:
    """Every name of every reading of :func:`conjunct_readings`, the first named first."""
    out: dict[str, str] = {}
    for reading in conjunct_readings(text):
        for i, name in enumerate(reading):
            out.setdefault(name, "list_first" if i == 0 else "list_item")
    return list(out.items())


# one word that names no organ by itself, only a piece of one ("layer", "nucleus", "cortex")
BARE_PART = re.compile(
    r"(?:layers?|nucle(?:us|i)|zones?|areas?|regions?|parts?|portions?|segments?|walls?|"
    r"lobes?|lobules?|tissues?|organs?|structures?|cortex|cortices|surfaces?|sides?|ends?|"
    r"tracts?|fib(?:er|re)s?|bod(?:y|ies)|gyr(?:us|i)|sulc(?:us|i)|horns?|roots?|branch(?:es)?|"
    r"ducts?|vessels?|glands?|muscles?|bones?|membranes?|epithelium|mucosa|stroma|matrix|"
    r"plates?|folds?|process(?:es)?|cells?|fluid|blood|\W*\w{1,3})",
    re.IGNORECASE,
)
