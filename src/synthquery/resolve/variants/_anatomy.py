"""Tissue rewrites: organ parts, sides and positions, sample wording, fat depots, organ
adjectives (``Artery - Aorta`` -> ``aorta``, ``left lobe of liver`` -> ``liver``)."""

from __future__ import annotations

import re

from synthquery.resolve.lexicon import (
    FAT_DEPOT_CODES,
    OPPOSITES,
    ORDINAL_WORDS,
    RESECTED_ORGANS,
    SPECIES,
    SPECIES_WORDS,
    TISSUE_KIND_ADJECTIVES,
    swap_adjectives,
    swap_last_adjective,
    swap_nouns,
)
from synthquery.resolve.variants._text import (
    BARE_PART,
    CELL_SUFFIX,
    JOINED,
    POSITION_NOUNS,
    POSITIONS,
    clean,
    code_plural_variants,
    conjunct_variants,
    is_note,
    trailing_clause,
    without_sample_words,
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
        # ... or the structure's only, the place before it as its name has it ("pulmonary
        # arterial tissue": pulmonary artery, not lung artery)
        structure = swap_last_adjective(text)
        if structure not in (text, nouns, organ):
            out.append((structure, "adjective_to_noun"))
    adjectives = swap_nouns(text)
    if adjectives != text:
        out.append((adjectives, "noun_to_adjective"))
    # "1st branchial arch": the first, as anatomy names spell it
    spelt = _ORDINAL.sub(lambda m: ORDINAL_WORDS.get(m[0].lower(), m[0]), text)
    if spelt != text:
        out.append((spelt, "ordinal_word"))
    return out


_ORDINAL = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)\b", re.IGNORECASE)


_BOTH_SIDES = re.compile(
    r"^(?P<a>[A-Za-z]+)(?:\s+and\s+|\s*[&/]\s*)(?P<b>[A-Za-z]+)\s+(?P<rest>\S.*)$"
)


# "liver with tumor", "lung including bronchi": what else the sample held
_TISSUE_CLAUSE = trailing_clause(
    "with", "without", "including", "containing", r"incl\.?", "plus", "on"
)
_TRAILING_POSITION = re.compile(
    rf"^(?P<head>[a-z][\w -]*?)\s+(?P<pos>{POSITIONS})"
    rf"(?:\s+(?P<noun>{POSITION_NOUNS}))?$",
    re.IGNORECASE,
)
# ... and before one word: "terminal ileum", "distal femur" (a longer head may be a structure
# whose part has a name of its own, better found by the fuzzy stage with every word)
_LEADING_POSITION = re.compile(
    rf"^(?:{POSITIONS}|terminal|rostral|caudal)\s+(?P<head>[a-z][\w-]*)$", re.IGNORECASE
)
# "insula, caudal (posterior) part": atlas style for "posterior insula"
_NAMED_PART = re.compile(
    r"^(?P<whole>[^,]+),\s*(?P<side>[a-z]+)(?:\s*\((?P<alt>[a-z]+)\))?\s+"
    r"(?:part|portion|division|segment|region)$",
    re.IGNORECASE,
)


# the side in a letter or two: "R lung", "Lt breast"
_SIDE_LETTER = re.compile(r"^(?P<side>L|R|[LlRr]t)\.?\s+(?=[a-z])")
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
_TRAILING_SIDE = re.compile(
    r"^(?P<rest>.*?[a-z].*?)(?:[\s_,]+\(?|\s*\()(?P<side>L|R|[LlRr]t)\.?\)?$"
)


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


def adjective_stems(text: str) -> list[tuple[str, str]]:
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
    r"^(?P<pre>(?:[\w-]+\s+){0,3}?)(?P<what>tissues?|samples?|biops(?:y|ies)|specimens?|"
    r"sections?|brushings?|resections?|explants?)\s+(?:of|from)\s+(?:the\s+)?(?P<organ>\S.*)$",
    re.IGNORECASE,
)
# "tissue of X" is a sample of X only after words that say what state it was in ("normal
# adjacent tissue of colon"); after others it is a kind of tissue ("adipose tissue from the
# abdomen", "synovial tissue of knee joint")
_SAMPLE_STATE_WORDS = re.compile(
    r"(?:(?:normal|adjacent|healthy|diseased|tumou?r|tumou?ral|cancerous|cancer|malignant|"
    r"benign|non[- ]?tumou?r(?:al)?|non[- ]?lesional|lesional|uninvolved|involved|fresh|frozen|"
    r"paired|control|resected|surgical|matched)\s+)*",
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
# "femoral a.", "hepatic vv.", "a. radialis": anatomy's abbreviations of the structure, in lower
# case and with the stop ("A." would more often be a name's initial); first, before a Latin
# name, they are Latin themselves
_STRUCTURE_ABBREVIATION = re.compile(r"(?<![\w.])(aa|a|vv|v|nn|n|mm|m|ligg|lig)\.(?=\s|$)")
_STRUCTURE_WORDS = {  # abbreviation: (English, Latin)
    "a": ("artery", "arteria"),
    "aa": ("arteries", "arteriae"),
    "v": ("vein", "vena"),
    "vv": ("veins", "venae"),
    "n": ("nerve", "nervus"),
    "nn": ("nerves", "nervi"),
    "m": ("muscle", "musculus"),
    "mm": ("muscles", "musculi"),
    "lig": ("ligament", "ligamentum"),
    "ligg": ("ligaments", "ligamenta"),
}


# "BA 9", "BA46", "Brodmann area 11": a Brodmann area by its number, as UBERON names it
_BRODMANN = re.compile(r"\b(?:BA|Brodmann(?:'s)?\s+area)\s*(?P<n>\d{1,2})\b", re.IGNORECASE)


# a run of spinal segments within one region ("L4-L5 spinal cord", "L4-6 DRG", "C5 and C6"):
# the region they lie in
_SEGMENT_RANGE = re.compile(
    r"\b(?P<r>[CTLS])(?P<a>\d{1,2})\s*(?:-|–|to|and|&|/|,)\s*(?:(?P=r))?(?P<b>\d{1,2})\b"
)
_SEGMENT_REGIONS = {"C": "cervical", "T": "thoracic", "L": "lumbar", "S": "sacral"}


def _spelt_structures(text: str) -> str:
    """``text`` with anatomy's a./v./n. spelt out: in Latin when one opens a longer text."""

    def word(found: re.Match[str]) -> str:
        english, latin = _STRUCTURE_WORDS[found[1]]
        return latin if found.start() == 0 and found.end() < len(text) else english

    return _STRUCTURE_ABBREVIATION.sub(word, text)


# a text that is only an age, as sample sheets give the stage in the organism-part column:
# the embryonic day ("E12.5", "12.5 dpc", "24 hpf") or the postnatal day ("P7", "PND21")
_EMBRYONIC_AGE = re.compile(
    r"^(?:e\s?\d{1,2}(?:\.5)?|embryonic day\s*e?\d{1,2}(?:\.5)?"
    r"|\d{1,2}(?:\.5)?\s*"
    r"(?:dpc|days? post[- ]co(?:itum|itus)|hpf|hours? post[- ]fertili[sz]ation))$",
    re.IGNORECASE,
)
_POSTNATAL_AGE = re.compile(r"^(?:p|pnd|postnatal day\s*)(?P<day>\d{1,3})$", re.IGNORECASE)
#: postnatal days counted as the neonate stage (mouse and rat: the first week)
NEONATE_DAYS = 7


def age_stage(text: str) -> str | None:
    """The life-cycle stage a text that is only an age names ("E12.5": embryo stage, "P3":
    neonate stage, "P21": post-embryonic stage), or None."""
    text = text.strip()
    if _EMBRYONIC_AGE.match(text):
        return "embryo stage"
    postnatal = _POSTNATAL_AGE.match(text)
    if postnatal is None:
        return None
    return "neonate stage" if int(postnatal["day"]) < NEONATE_DAYS else "post-embryonic stage"


def tissue_variants(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = conjunct_variants(text)
    region = _SEGMENT_RANGE.sub(lambda m: _SEGMENT_REGIONS[m["r"]], text)
    if region != text:
        out.append((region, "segment_range"))
    area = _BRODMANN.sub(lambda m: f"Brodmann (1909) area {m['n']}", text)
    if area != text:
        out.append((area, "brodmann_area"))
    spelt = _POSITION_ABBREVIATION.sub(lambda m: _POSITION_WORDS[m[1].lower()] + " ", text)
    spelt = _spelt_structures(spelt)
    if spelt != text:
        out.append((spelt, "position_abbreviation"))
    sample = _SAMPLE_OF.match(text.strip())
    if sample is not None:
        organ, pre = sample["organ"], sample["pre"].strip()
        if sample["what"].lower().startswith("tissue") and not _SAMPLE_STATE_WORDS.fullmatch(
            sample["pre"]
        ):
            # a kind of tissue of the organ: the two together, never the organ alone
            out.append((f"{organ} {pre} {sample['what']}", "sample_of"))
        else:
            # the organ alone leaves out what the words before said of it ("skin biopsy from
            # forearm": the forearm's skin first)
            out.append((organ, "sample_site" if pre else "sample_of"))
            if pre:
                out.append((f"{organ} {pre}", "sample_of"))
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
    out += code_plural_variants(text)
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
    if leading is not None and BARE_PART.fullmatch(leading["head"]) is None:
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
    if len(pieces) == 2 and all(pieces) and not JOINED.search(pieces[1]) and not is_note(pieces[1]):
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
            out += [(noun, "adjective_stem") for noun, _rule in adjective_stems(stripped)]
    else:
        out.append((f"{text} tissue", "add_tissue_suffix"))
    # the animal the organ came from: noise to a cross-species ontology ("rat liver")
    species = SPECIES.sub("", text)
    if clean(species) and species != text:
        out.append((species, "drop_species"))
    qualified = _QUALIFIERS.sub("", text)
    if clean(qualified) and qualified != text:
        out.append((qualified, "drop_qualifiers"))
    # the stage alone first: the side stays ("fetal left ventricle": the left ventricle)
    for kept in dict.fromkeys((text, qualified)):
        staged = _STAGE.sub("", kept)
        if clean(staged) and staged != kept:
            out.append((staged, "drop_stage"))
    if re.search(r"\bcells?$", text, re.IGNORECASE):
        out.append((CELL_SUFFIX.sub("", text), "strip_cell_suffix"))
    return out + anatomy_variants(text)
