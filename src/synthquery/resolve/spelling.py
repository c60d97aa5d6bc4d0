"""Spelling correction: a word the vocabulary does not know, one keystroke away from one it
does, is read as that word ("Lanegrhans cell" -> Langerhans cell).

The corrected text then stands in for the text in every later stage (keys, rewrites, fuzzy,
head phrases), so a typo in a qualifier no longer hides the rest ("activaed B-cell" ->
"activated B-cell" -> B cell) and the answers rank as for the text spelt right.

A correction is made only when it is clear: one known word is nearest by optimal string
alignment (a swap of two neighbouring letters is one edit, as typists make it), one edit away
(:data:`MAX_EDITS`), and any other word as near is in far fewer names (:data:`COMMONER`:
"alenosine" -> adenosine, not alanosine; "caemium" is cadmium or caesium, so neither).
One vowel for another near either end of a word changes an affix, not a letter ("bisulphite"
is not "bisulphate"), and so does one chemical suffix for another ("octanamine" is not
"octanamide"): neither is ever a correction.
The first letter must agree: few typos fall there, and it is where real words of other
fields differ ("ventral"/"central", "pediatric"/"geriatric"). Short words are left alone:
too many real words lie one edit apart, and so are words with a capital after the first letter
(abbreviations and symbols: "dsRNA", "SMAD"). Nor is a word of common English corrected ("started"
is not a typo of "stated" because MONDO lacks it): the snapshots carry an English word list.
An unknown word in -s whose singular the vocabulary knows is read as that singular ("fibulas":
the normaliser keeps words in -as, for "pancreas").
"""

from __future__ import annotations

import functools
import gzip
import re

from synthquery._paths import snapshot_dir
from synthquery.resolve.fuzzy import look_alike_words
from synthquery.resolve.index import VocabIndex
from synthquery.resolve.normalize import normalize

__all__ = [
    "CHEMICAL_VOCABULARIES",
    "COMMONER",
    "ENGLISH_FILE",
    "MAX_EDITS",
    "MIN_LENGTH",
    "is_english",
    "respell",
]

#: words shorter than this are never corrected
MIN_LENGTH = 6
#: of two words equally near, the one in this many times more names is taken; else neither
COMMONER = 3
#: edits between a word and its correction, at most: real words unknown to one vocabulary
#: lie two edits from others ("myelogenic" / "myogenic") more often than typos do
MAX_EDITS = 1

_WORD = re.compile(r"[A-Za-z]+")
#: the snapshots' English word list (words of :data:`MIN_LENGTH` letters or more)
ENGLISH_FILE = "english-words.txt.gz"


@functools.lru_cache(maxsize=1)
def _english() -> str:
    """The word list as one newline-framed string: searched only for words the vocabulary
    lacks, it costs a megabyte instead of the ten a set of 100,000 strings would."""
    try:
        return "\n" + gzip.decompress((snapshot_dir() / ENGLISH_FILE).read_bytes()).decode()
    except (OSError, EOFError, UnicodeDecodeError):
        return ""  # no list (a custom snapshot directory): correct without the guard


def is_english(word: str) -> bool:
    """Whether ``word`` (lower case) is in the English word list."""
    return f"\n{word}\n" in _english()


def respell(index: VocabIndex, text: str) -> str | None:
    """``text`` with each unknown word replaced by its unambiguous correction, or None when
    no word needed (or allowed) one."""
    changed = False
    pieces: list[str] = []
    last = 0
    for m in _WORD.finditer(text):
        fixed = _correct(index, m.group())
        if fixed is not None:
            pieces += [text[last : m.start()], _same_case(m.group(), fixed)]
            last = m.end()
            changed = True
    if not changed:
        return None
    pieces.append(text[last:])
    return "".join(pieces)


def _correct(index: VocabIndex, raw: str) -> str | None:
    if len(raw) < MIN_LENGTH or not raw[1:].islower():
        return None  # short, or a capital inside ("dsRNA", "mTORC", "SNAIL"): a name, not a typo
    # cached per vocabulary and word, known words too: the same words recur query after query
    return index.neighbours.get_or_compute(  # type: ignore[no-any-return]
        ("spell", raw.lower()), lambda: _correction(index, raw), lambda _found: 64
    )


def _correction(index: VocabIndex, raw: str) -> str | None:
    word = normalize(raw)
    if " " in word or not word.isalpha() or index.word(word) is not None:
        return None
    # a plural the normaliser must keep ("embryos": it cannot tell it from "pancreatitis")
    if word.endswith("s") and index.word(word[:-1]) is not None:
        return word[:-1]
    found = _nearest(index, word)
    if found is None and raw.isalpha() and raw.lower() != word:
        # the normaliser read the typo's ending as a plural ("pacnreas" -> "pacnrea"): the word
        # as written is the one a keystroke away ("pancreas")
        found = _nearest(index, raw.lower())
    if found is not None and (is_english(raw.lower()) or is_english(word)):
        return None  # a real word the vocabulary lacks, not a typo (asked last: it scans)
    return found


def _nearest(index: VocabIndex, word: str) -> str | None:
    from rapidfuzz.distance import OSA

    best: list[str] = []
    best_distance = MAX_EDITS + 1
    chemistry = index.vocabulary in CHEMICAL_VOCABULARIES
    for _tokid, text in look_alike_words(index, word):
        if not text.isalpha() or text[0] != word[0] or _changes_affix(word, text, chemistry):
            continue
        distance = OSA.distance(word, text, score_cutoff=MAX_EDITS)
        if distance > MAX_EDITS:
            continue
        if distance < best_distance:
            best, best_distance = [text], distance
        elif distance == best_distance:
            best.append(text)
    if len(best) < 2:
        return best[0] if best else None
    # equally near: the far more common word is the likelier intent (as in any spell checker)
    counts = sorted(((_df(index, text), text) for text in best), reverse=True)
    return counts[0][1] if counts[0][0] >= COMMONER * counts[1][0] else None


_VOWELS = frozenset("aeiouy")


#: chemical suffixes that name different compounds on the same stem (octanamine, octanamide)
_CHEMICAL_SUFFIXES = ("amine", "amide", "imine", "imide", "ide", "ine", "ite", "ate")


def _chemical_suffix(word: str) -> tuple[str, str] | None:
    """(stem, suffix) for a word ending in one of :data:`_CHEMICAL_SUFFIXES`."""
    for suffix in _CHEMICAL_SUFFIXES:  # longest first
        if word.endswith(suffix):
            return word[: -len(suffix)], suffix
    return None


#: vocabularies whose names change compound with one vowel near the end ("dextran" /
#: "dextrin"); elsewhere such a change is a typo ("skeletel" / "skeletal")
CHEMICAL_VOCABULARIES = frozenset({"CHEBI"})


def _changes_affix(word: str, other: str, chemistry: bool = True) -> bool:
    """One vowel for another near the start (or, in ``chemistry``, near the end), or one
    chemical suffix for another: a different prefix or suffix, not a typo
    ("microcalcification" / "macro...", "bisulphite" / "bisulphate", "dextran" / "dextrin",
    "octanamine" / "octanamide")."""
    mine, theirs = _chemical_suffix(word), _chemical_suffix(other)
    if mine is not None and theirs is not None and mine[0] == theirs[0] and mine != theirs:
        return True
    if len(word) != len(other):
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
    if len(diff) != 1:
        return False
    i = diff[0]
    near_end = chemistry and i >= len(word) - 3
    return word[i] in _VOWELS and other[i] in _VOWELS and (i <= 1 or near_end)


def _df(index: VocabIndex, word: str) -> int:
    hit = index.word(word)
    return 0 if hit is None else hit[1]


def _same_case(raw: str, word: str) -> str:
    return word[0].upper() + word[1:] if raw[0].isupper() else word
