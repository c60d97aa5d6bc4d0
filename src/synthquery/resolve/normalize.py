"""Text normalisation for grounding, in the spirit of gilda's ``process.py``.

Every step is a pure ``str -> str`` function; :func:`normalize` composes them into the key under
which names are indexed and queries are looked up. Because the same function runs on both sides,
a step may be aggressive (``tumour`` and ``tumor`` both become ``tumor``): it only has to map
spellings of the same name together without merging different names.

Three keys come out of a name:

- :func:`normalize`: case, unicode, Greek letters, dashes and punctuation, ``CD4+`` =
  ``CD4-positive``, Roman numerals, British spelling, plurals;
- :func:`sorted_key`: the normalised tokens, sorted, without stop words (word order);
- :func:`compact_key`: the normalised text without spaces (``HL60`` = ``HL-60``,
  ``gall bladder`` = ``gallbladder``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from synthquery.resolve.lexicon import MARKER_NAME, MARKER_PREFIX

__all__ = [
    "IDENTIFIER_VOCABULARIES",
    "KARYOTYPE_CHANGES",
    "NORMALIZER_VERSION",
    "STOPWORDS",
    "compact_key",
    "drop_marker_positive",
    "fold_unicode",
    "light_stem",
    "mark_signs",
    "normalize",
    "replace_punctuation",
    "roman_to_arabic",
    "rotation_sign",
    "singularize",
    "sorted_key",
    "split_greek",
    "strip_possessive",
    "tokens",
    "us_spelling",
]

#: bump whenever a step changes what a key looks like: cached indexes are keyed by it
NORMALIZER_VERSION = 27

#: vocabularies whose names are identifiers: normalised with ``identifier=True``
IDENTIFIER_VOCABULARIES = frozenset({"CVCL", "ENSEMBL"})

#: Greek letters (lower and upper case) -> spelled-out Latin names
GREEK: dict[str, str] = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "ζ": "zeta",
    "η": "eta",
    "θ": "theta",
    "ι": "iota",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "ν": "nu",
    "ξ": "xi",
    "ο": "omicron",
    "π": "pi",
    "ρ": "rho",
    "σ": "sigma",
    "ς": "sigma",
    "τ": "tau",
    "υ": "upsilon",
    "φ": "phi",
    "χ": "chi",
    "ψ": "psi",
    "ω": "omega",
}
GREEK.update({k.upper(): v for k, v in list(GREEK.items()) if k != "ς"})
# the German sharp s stands in for beta in pasted protein names ("ß-catenin", "TGF-ß1")
GREEK["ß"] = "beta"

_GREEK_NAMES = sorted(set(GREEK.values()), key=len, reverse=True)
_GREEK_ALT = "|".join(_GREEK_NAMES)

#: words ignored by the word-order key and by fuzzy word matching: function words (not "a":
#: vitamin A, hepatitis A and protein A need it) and the filler of classification titles
#: ("Other and unspecified ... not elsewhere classified")
STOPWORDS = frozenset(
    {
        "of",
        "the",
        "and",
        "in",
        "an",
        "to",
        "for",
        "with",
        "by",
        "on",
        "or",
        "from",
        "at",
        "other",
        "unspecified",
        "specified",
        "classified",
        "elsewhere",
        "nos",
        "nec",
        "mention",
    }
)

#: Roman numerals that are safe to convert wherever they stand as a word
_ROMAN = {
    "ii": "2",
    "iii": "3",
    "iv": "4",
    "vi": "6",
    "vii": "7",
    "viii": "8",
    "ix": "9",
    "xi": "11",
    "xii": "12",
    "xiii": "13",
    "xiv": "14",
    "xv": "15",
    "xvi": "16",
    "xvii": "17",
    "xviii": "18",
    "xix": "19",
    "xx": "20",
}
#: single-letter numerals are words too ("vitamin x"?), so only after a counting word
_ROMAN_SINGLE = {"i": "1", "v": "5", "x": "10"}
_COUNTING_WORDS = frozenset(
    {
        "type",
        "grade",
        "class",
        "stage",
        "phase",
        "complex",
        "group",
        "factor",
        "form",
        "subtype",
        "level",
        "layer",
        "lamina",
        "collagen",
        "nerve",
        "region",
        "segment",
        "zone",
        "category",
    }
)

#: British -> American spelling, applied to whole words (the table covers what the
#: generic rules below would get wrong or miss)
_SPELLING_WORDS: dict[str, str] = {
    "oesophagus": "esophagus",
    "oesophageal": "esophageal",
    "oestrogen": "estrogen",
    "oestradiol": "estradiol",
    "haem": "heme",  # (the rule below would make "hem")
    "foetus": "fetus",
    "foetal": "fetal",
    "grey": "gray",
    "sulphate": "sulfate",
    "sulphide": "sulfide",
    "sulphur": "sulfur",
    "aluminium": "aluminum",
    "caesium": "cesium",
    "tyre": "tire",
    "programme": "program",
    "mould": "mold",
    "ageing": "aging",
}
#: generic word-internal rules; each pair is (regex, replacement)
_SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(an|h|leuk|septic|isch|hyperlipid|glyc|lipid|uric|tox|ur|pyel)ae"), r"\1e"),
    # haematopoietic, anaemia, leukaemia, ischaemia; not a prefix's "a" (extraembryonic)
    (re.compile(r"(?<!extr|intr|infr|supr|ultr)aem"), "em"),
    (re.compile(r"^paed"), "ped"),
    (re.compile(r"^orthopaed"), "orthoped"),
    (re.compile(r"^(o)e(dema|soph|strog|strad|stro)"), r"e\2"),
    (re.compile(r"^coel"), "cel"),
    (re.compile(r"^diarrhoea"), "diarrhea"),
    (re.compile(r"rrhoe(a|al|ic)$"), r"rrhe\1"),  # gonorrhoea, diarrhoeal, seborrhoeic
    (re.compile(r"^(tum|col|behavi|hum|od|fav|rum|lab|neighb)our"), r"\1or"),
    (re.compile(r"(.{3,})(is)(e|ed|es|ing|ation|ations)$"), r"\1iz\3"),
    (re.compile(r"(.{2,})(ys)(e|ed|es|ing)$"), r"\1yz\3"),
    (
        re.compile(r"^(cent|fib|lit|met|lust|calib|sab|theat|micromet|millilit|goit)re(s?)$"),
        r"\1er\2",
    ),
    (re.compile(r"caec"), "cec"),  # caecum, ileocaecal
    (re.compile(r"^(c|f|n)ae(s|c|v)"), r"\1e\2"),  # caesarean, faeces, naevus
    (re.compile(r"^amoeb"), "ameb"),
    (re.compile(r"pnoea"), "pnea"),  # apnoea, dyspnoea
    (re.compile(r"^(an|gyn|hem)aec"), r"\1ec"),
    (re.compile(r"^gynaec"), "gynec"),
    (re.compile(r"^(pa)ed"), "ped"),
    (re.compile(r"^haem"), "hem"),
)

_MOJIBAKE = re.compile(r"(?<=[^\W\d_])[?\ufffd]+(?=[^\W\d_])")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"(?<=[a-z0-9])['’`´]s\b")
_APOSTROPHE = re.compile(r"['’`´]")
_PLUS = re.compile(r"(?<=[a-z0-9)])\s?\+")
_MINUS = re.compile(r"(?<=[a-z0-9])-(?=[\s,;/)]|$)")
# ... and a minus joining two markers: "cd4-cd8-" is CD4-negative, CD8-negative
_MINUS_JOINED = re.compile(rf"\b({MARKER_NAME})-(?={MARKER_PREFIX}\d)")
# a marker name (letters then digits: cd4, cd45ra, il7r) followed by "positive"
_MARKER_POSITIVE = re.compile(r"\b([a-z]{1,6}\d+[a-z0-9]*) positive\b")
_DIGIT_GREEK = re.compile(rf"(?<=\d)({_GREEK_ALT})")
_GREEK_DIGIT = re.compile(rf"\b({_GREEK_ALT})(?=\d)")


#: typographic apostrophes and primes ("Crohn’s", "5′-AMP"); NFKC splits the acute accent
#: into a space and a combining mark, so it is read before that
_APOSTROPHES = "\u2018\u2019\u02bc\u2032\u00b4"


def fold_unicode(text: str) -> str:
    """NFKC, Greek letters spelled out, accents dropped, other non-ASCII characters to spaces;
    a mis-decoded letter inside a word (``na??ve``, ``na\ufffdve``) is dropped so the rest of the
    word can still meet its spelling by typo tolerance."""
    if "\u00b4" in text:
        text = text.replace("\u00b4", "'")
    if "\u2122" in text or "\u2120" in text:
        # a trade mark sign is no letters ("Gleevec\u2122", "ATCC\u00ae CCL-2\u2122"): NFKC
        # would spell it "TM" onto the word
        text = text.replace("\u2122", " ").replace("\u2120", " ")
    text = unicodedata.normalize("NFKC", text)
    if "?" in text or "\ufffd" in text:
        text = _MOJIBAKE.sub("", text)
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        greek = GREEK.get(ch)
        if greek is not None:
            out.append(greek)
            continue
        if ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212":  # the many dashes
            out.append("-")
            continue
        if ch in _APOSTROPHES:
            out.append("'")
            continue
        decomposed = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in decomposed if c.isascii())
        out.append(base if base else " ")
    return "".join(out)


def strip_possessive(text: str) -> str:
    """``crohn's disease`` -> ``crohn disease``; other apostrophes vanish (``5'`` -> ``5``)."""
    return _APOSTROPHE.sub("", _POSSESSIVE.sub("", text))


def mark_signs(text: str) -> str:
    """``cd4+`` -> ``cd4 positive``, trailing ``cd8-`` -> ``cd8 negative``, and the first of
    ``cd4-cd8-`` likewise (lower-case input)."""
    if "+" in text:
        text = _PLUS.sub(" positive ", text)
    if "-" in text:
        text = _MINUS_JOINED.sub(r"\1 negative ", _MINUS.sub(" negative", text))
    return text


def drop_marker_positive(text: str) -> str:
    """``cd4 positive t cell`` -> ``cd4 t cell``: a bare marker means the positive population
    (``CD4 T cell`` = ``CD4+ T cell`` = ``CD4-positive T cell``); negatives stay explicit."""
    if "positive" not in text:
        return text
    return _MARKER_POSITIVE.sub(r"\1", text)


def replace_punctuation(text: str) -> str:
    """Every run of characters other than ``a-z0-9`` becomes one space (lower-case input)."""
    return _NON_ALNUM.sub(" ", text).strip()


#: the chromosome changes written "t(9;22)", "inv(16)", "del(5q)" (variants keeps them too)
KARYOTYPE_CHANGES = ("t", "inv", "del", "der", "dup", "idic", "i")
_KARYOTYPE = re.compile(
    rf"\b({'|'.join(KARYOTYPE_CHANGES)})\(\s*([0-9xy]+[pq]?[0-9.]*(?:\s*;\s*[0-9xy]+[pq]?[0-9.]*)*)"
    r"\s*\)"
)
_KARYOTYPE_SEP = re.compile(r"\s*;\s*")


def join_karyotype(text: str) -> str:
    """``t(9;22)`` -> ``t9x22``, ``del(5q)`` -> ``del5q``: one word, as the change is one
    thing (split, "t 9 22" leaves a "t" that reads as T-cell)."""
    return _KARYOTYPE.sub(lambda m: " " + m[1] + _KARYOTYPE_SEP.sub("x", m[2]) + " ", text)


def split_greek(text: str) -> str:
    """``17alpha`` -> ``17 alpha`` and ``alpha1`` -> ``alpha 1``, so both spacings match."""
    if not any(g in text for g in ("alpha", "beta", "gamma", "delta", "kappa", "omega")):
        return text
    return _GREEK_DIGIT.sub(r"\1 ", _DIGIT_GREEK.sub(r" \1", text))


def roman_to_arabic(text: str) -> str:
    """``type ii`` -> ``type 2``; single letters only after a counting word (``type i``)."""
    words = text.split(" ")
    changed = False
    for i, word in enumerate(words):
        arabic = _ROMAN.get(word)
        if arabic is None and i > 0 and words[i - 1] in _COUNTING_WORDS:
            arabic = _ROMAN_SINGLE.get(word)
        if arabic is not None:
            words[i] = arabic
            changed = True
    return " ".join(words) if changed else text


def _american(word: str) -> str:
    fixed = _SPELLING_WORDS.get(word)
    if fixed is not None:
        return fixed
    if len(word) < 4 or not any(x in word for x in ("ae", "oe", "our", "is", "ys", "re")):
        return word
    for pattern, repl in _SPELLING_RULES:
        word = pattern.sub(repl, word)
    return word


def us_spelling(text: str) -> str:
    """British -> American spelling word by word (``haematopoietic`` -> ``hematopoietic``)."""
    return " ".join(_american(w) for w in text.split(" "))


_SINGULAR_KEEP = ("ss", "us", "is", "ys", "os", "as", "ous", "ics")
#: ... but a vowel before "ys" makes a plain plural: kidneys, assays, alloys
_VOWEL_YS = ("ays", "eys", "oys", "uys")
#: Latin plurals common in anatomy: nuclei, bronchi, vertebrae, cortices
_LATIN_PLURALS = (("rices", "rix"), ("ices", "ex"), ("ae", "a"), ("i", "us"))


#: Latin and Greek plurals the suffix rules cannot undo (``ganglia`` is not ``ganglium``)
_IRREGULAR_PLURALS: dict[str, str] = {
    "ganglia": "ganglion",
    "nevi": "nevus",  # too short for the Latin rule
    "epithelia": "epithelium",
    "endothelia": "endothelium",
    "mesothelia": "mesothelium",
    "atria": "atrium",
    "septa": "septum",
    "bacteria": "bacterium",
    "cilia": "cilium",
    "mitochondria": "mitochondrion",
    "spermatozoa": "spermatozoon",
    "testes": "testis",
    "phalanges": "phalanx",
    "corpora": "corpus",
    "viscera": "viscus",
    "foramina": "foramen",
    "lumina": "lumen",
    "diverticula": "diverticulum",
    "ostia": "ostium",
    "labia": "labium",
    "crura": "crus",
    "epididymides": "epididymis",
    "calyces": "calyx",
    "cavernosa": "cavernosum",  # corpora cavernosa
    "spongiosa": "spongiosum",
}


#: singular words in "-ias" (hypospadias, the fish genus Oryzias)
_IAS_SINGULAR = ("spadias", "oryzias")
#: a plural of an "-a" noun (carcinomas, aortas, corneas, areas): its "s" goes, except in
#: the singulars that end so (pancreas, psoas, atlas, Latin's cavitas, the genus Pseudomonas)
_AS_SINGULAR = (
    "pancreas", "psoas", "atlas", "itas", "erysipelas", "chagas", "melas", "canvas", "alias",
    "monas", "texas", "kansas", "christmas", "pampas", "madras", "douglas", "thomas", "nicholas",
    "lucas", "judas", "midas", "vegas",
)  # fmt: skip


def _singular(word: str) -> str:
    irregular = _IRREGULAR_PLURALS.get(word)
    if irregular is not None:
        return irregular
    if len(word) >= 5 and word[-1] in "ies" and word.isalpha():
        for plural, singular in _LATIN_PLURALS:
            if word.endswith(plural):
                return word[: -len(plural)] + singular
    if len(word) >= 7 and word.endswith("ias") and not word.endswith(_IAS_SINGULAR):
        return word[:-1]  # anemias, hernias, leukemias ("alias", "bias" are too short)
    if len(word) >= 5 and word.endswith("as") and not word.endswith(("ias", *_AS_SINGULAR)):
        return word[:-1]
    if len(word) <= 3 or word[-1] != "s" or not word[-2].isalpha():
        return word
    if word.endswith(_SINGULAR_KEEP) and not word.endswith(_VOWEL_YS):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "uses", "ches", "shes", "xes")):
        return word[:-2]
    return word[:-1]


def singularize(text: str) -> str:
    """Plural words to singular with gilda's rules (``cells`` -> ``cell``, ``bodies`` -> ``body``).

    Deterministic so it can run on both sides: words in ``-ss``/``-us``/``-is``/``-ics``
    (``mellitus``, ``sepsis``, ``genetics``) and short words are left alone.
    """
    return " ".join(_singular(w) for w in text.split(" "))


@lru_cache(maxsize=1 << 16)
def _word(word: str) -> str:
    """Roman numeral, spelling and plural steps of one word (cached: names share words)."""
    if len(word) >= 7 and word.endswith("yses"):
        return word[:-2] + "is"  # Greek plurals (diaphyses), before "-yse" reads as British
    return _singular(_american(_ROMAN.get(word, word)))


def normalize(text: str, *, identifier: bool = False) -> str:
    """The index key of ``text``; ``""`` when nothing word-like is left.

    ``identifier=True`` is for names that are codes rather than prose (cell lines, gene
    symbols): only case, unicode and punctuation are normalised, so ``C-4-II`` stays apart
    from ``C4-2`` and ``NRAS`` is not read as a plural.

    Equivalent to applying :func:`fold_unicode`, lower-casing, :func:`strip_possessive`,
    :func:`mark_signs`, :func:`replace_punctuation`, :func:`drop_marker_positive`,
    :func:`split_greek`,
    :func:`roman_to_arabic`, :func:`us_spelling` and :func:`singularize` in turn, with the
    article "the" dropped beside other words.
    """
    text = fold_unicode(text).lower()
    if "'" in text or "`" in text or "\u00b4" in text:
        text = strip_possessive(text)
    if not identifier:
        text = mark_signs(text)
        if "(" in text:
            text = join_karyotype(text)
    text = replace_punctuation(text)
    if not text or identifier:
        return text
    text = drop_marker_positive(text)
    text = split_greek(text)
    out = []
    prev = ""
    words = text.split()
    for word in words:
        if word == "the" and len(words) > 1:
            continue  # "body of the pancreas" is the body of pancreas
        single = _ROMAN_SINGLE.get(word) if prev in _COUNTING_WORDS else None
        out.append(single if single is not None else _word(word))
        prev = word
    return " ".join(out)


#: derivational suffixes stripped by :func:`light_stem`, longest first
_STEM_SUFFIXES = tuple(
    sorted(
        (
            "ically",
            "ical",
            "ation",
            "ities",
            "ity",
            "ial",
            "ium",
            "ious",
            "ous",
            "ness",
            "ment",
            "ing",
            "ed",
            "ic",
            "al",
            "um",
            "us",
            "ly",
            "y",
            "e",
            "s",
            "ar",
            "ary",
        ),
        key=len,
        reverse=True,
    )
)


@lru_cache(maxsize=1 << 14)
def light_stem(word: str) -> str:
    """A crude derivational stem for word matching: ``myocardial``/``myocardium`` ->
    ``myocard``, ``obese``/``obesity`` -> ``obes``, ``injured``/``injury`` -> ``injur``.

    Only used to find related words in the fuzzy stage, never as a key; stems shorter than
    four letters are not produced.
    """
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


#: stop words that open no phrase as a preposition would: a name's first "on" is the ON of
#: an "ON-bipolar cell" (an ON-center cell), not a function word
_CONTENT_FIRST = frozenset({"on"})


def tokens(norm: str) -> list[str]:
    """Content words of a normalised text (stop words dropped unless nothing else is left)."""
    words = norm.split()
    content = [
        w for i, w in enumerate(words) if w not in STOPWORDS or (i == 0 and w in _CONTENT_FIRST)
    ]
    return content or words


def sorted_key(norm: str) -> str:
    """Word-order-insensitive key: ``kidney cortex`` = ``cortex of kidney``."""
    return " ".join(sorted(set(tokens(norm))))


#: "(+)-", "(-)-", "(±)-", "(+/-)-": the sign of optical rotation opening a compound's name,
#: which keys leave out ("(-)-nicotine" is a name of (S)-nicotine, "nicotine" of both)
_ROTATION = re.compile(r"^\s*\((\+|-|−|±|\+/-|\+-)\)")
_ROTATION_SIGNS = {"−": "-", "+/-": "±", "+-": "±"}


def rotation_sign(text: str) -> str:
    """The sign of optical rotation ``text`` opens with, in one spelling; "" when none."""
    found = _ROTATION.match(text)
    return "" if found is None else _ROTATION_SIGNS.get(found[1], found[1])


@lru_cache(maxsize=1 << 16)  # a name's key is asked for every query that reaches it
def compact_key(norm: str, *, identifier: bool = False) -> str:
    """Spacing-insensitive key: ``hl 60`` -> ``hl60``; the words run together are one word, in
    the singular as that word would be (``rr ms`` -> ``rrm``, the key of ``RRMS``), unless
    the "s" is a word of its own (``bisphenol s``) or the names are codes (``identifier``,
    as :func:`normalize` has it)."""
    if " " not in norm:
        return norm
    joined = norm.replace(" ", "")
    return joined if identifier or norm.endswith(" s") else _singular(joined)
