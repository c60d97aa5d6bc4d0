"""Offline grounding of one text against one vocabulary index: keys first, fuzzy second."""

from __future__ import annotations

import dataclasses
import itertools
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from synthquery.ontology.ids import normalize_id
from synthquery.resolve.fields import FIELD_VOCABULARY
from synthquery.resolve.fuzzy import MAX_CANDIDATES, MIN_WORD_RATIO, fuzzy_search
from synthquery.resolve.index import SITE_SOURCE, NameRow, VocabIndex
from synthquery.resolve.lexicon import (
    MARKER_INTENSITIES,
    NEGATED_ADJECTIVE,
    OPPOSITES,
    ORGAN_WORDS,
    STRUCTURE_NOUNS,
    split_marker_runs,
)
from synthquery.resolve.normalize import (
    IDENTIFIER_VOCABULARIES,
    compact_key,
    normalize,
    rotation_sign,
    sorted_key,
    tokens,
)
from synthquery.resolve.ranking import (
    BARE_HEADS,
    FULL_COVERAGE,
    NOTE_WORDS,
    Scored,
    leader,
    literal_second,
    offer_common_ancestor,
    prefer_marked,
    prefer_refinement,
    rank,
)
from synthquery.resolve.score import (
    CURATED_SHARE_PENALTY,
    PLURAL_CLASS_PENALTY,
    RULE_PENALTY,
    SCOPE_WEIGHT,
    SHARED_INEXACT_PENALTY,
    Match,
    describe,
    fuzzy_similarity,
    raw_score,
    raw_score_with_penalty,
    rule_penalty,
)
from synthquery.resolve.spelling import respell
from synthquery.resolve.variants import (
    ADDS_WORDS,
    WORD_UNDERSCORE,
    Variant,
    cells_and_source,
    code_singular,
    compound_parts,
    conjunct_readings,
    head_phrases,
    lead_phrases,
    peer_variants,
    query_variants,
    side_after_name,
    spelt_out,
    taken_from_place,
    without_negative_markers,
    without_sample_words,
)

__all__ = ["FUZZY_TRIGGER", "Grounder", "Scored"]

#: below this raw score of the best key match the fuzzy stage runs too
FUZZY_TRIGGER = 0.97
#: how many query variants the fuzzy stage tries (the original first)
FUZZY_VARIANTS = 2
#: ... but only the text itself once a rewrite reached this raw score (measured: no dev-set
#: answer changes, 6% fewer fuzzy searches)
ONE_FUZZY_VARIANT = 0.9
#: fuzzy hits per query variant that become candidates
OFFERED = 12
#: word-overlap alternatives fetched beside a good key match
ALTERNATIVES = 8
#: raw-score gap a fuzzy answer explaining the words before a head phrase may close on the
#: head's term ("Rectum Enterocyte": enterocyte of anorectum); wider than a "Head - Tail"
#: tail's, whose answers are raised first, and narrow enough to keep contradicted names out
MODIFIER_MARGIN = 0.35
#: raw score added to an answer that lies under the head of "Head - Tail" ("Brain - Cortex":
#: cerebral cortex, part of brain, rather than cortex in general)
BRANCH_BONUS = 0.06
#: ... but never up to where exact matches score: the head only hints
BRANCH_CAP = 0.96
#: hops up from an answer searched for the head term
BRANCH_DISTANCE = 6
#: fields whose sources write "Organ - part (detail)" (GTEx) or "organ - cell"
BRANCH_FIELDS = frozenset({"tissue", "cell_type"})
_DASH = re.compile(r"\s+[-–—]\s+")
# "fibroblast (dermal)", "T cell (CD8+)": a head refined by the detail in parentheses
_HEAD_DETAIL = re.compile(r"^(?P<head>[^()\[\]]+?)\s*\((?P<detail>[^()]+)\)$")
_PARENS = re.compile(r"\s*\([^()]*\)\s*")
# "Loop of Henle (Thick Limb/Medulla)": a slash divides the detail into several
_SLASHED_DETAIL = re.compile(r"^(?P<head>[^()\[\]]+?)\s*\((?P<detail>[^()/]+(?:/[^()/]+)+)\)$")
#: fields whose texts put the head noun last and may be matched by it ("... plasma cells",
#: "other nonmalignant breast conditions"); a chemical name is no noun phrase of that kind
HEAD_FIELDS = frozenset({"tissue", "cell_type", "disease"})
#: fields whose texts may join several terms whose shared ancestor is offered ("brain and
#: spinal cord": central nervous system) ...
PART_FIELDS = frozenset({"tissue", "cell_type"})
#: ... when every joined name matches a term by key at least this well
PART_MIN_RAW = 0.85
#: below this raw score of the best key match the head phrases of the text are tried
HEAD_TRIGGER = 0.6
#: UBERON's "tissue": a head under it names what was sampled, a place after it where from
TISSUE_ROOT = "UBERON:0000479"
TISSUE_DEPTH = 10
#: an abbreviation as it is written alone ("UMNs", "IHC", "SCPs"), its letters kept
_ACRONYM = re.compile(r"([a-z]?[A-Z]{2,5})s?")
#: what parts the words of a text as written: spaces, a hyphen between letters (not a code's
#: number, "THP-1"), a bracket opened on a word
_WORD_PARTS = re.compile(r"\s+|(?<=[A-Za-z])-(?=[A-Za-z])|(?<=[A-Za-z])\(|\)")
#: ... after the side it is on ("Right IJV", "L CCA")
_SIDE_FIRST = re.compile(r"(left|right|[LlRr]t?)\.?\s+", re.IGNORECASE)
#: how near a name whose initials an abbreviation is counts (a fuzzy similarity)
INITIALS_SIMILARITY = 0.7
#: ... less when the abbreviation leaves the name's head word unsaid ("BMM": a bone marrow
#: macrophage before a bone marrow mononuclear cell), or the name the text's side ("Left
#: IJV": the left internal jugular vein before the vein), more than any term prior weighs
UNSAID_HEAD_PENALTY = 0.03
#: fields whose names are phrases an abbreviation takes the initials of (a chemical's or a
#: line's abbreviation rarely is: "BA" is benzyladenine, no "b... a..."), each with the head
#: word its abbreviations may leave unsaid ("ICM": inner cell mass cell; "AVE cells")
INITIALS_FIELDS: dict[str, str] = {"tissue": "", "cell_type": "cell", "disease": ""}
#: fields whose texts put a sample's state or source before the head ("ischemic brain",
#: "peripheral blood B cells"): a near name that drops them and adds words of its own (brain
#: stem) lets the head phrases be tried too; a disease's leading words more often name a kind
STATE_FIELDS = frozenset({"tissue", "cell_type"})
#: ... except where a near name under the head is a kind of it, which the head would only
#: undo (a cell's subtypes); an organ's are its parts, which the text did not name (brain stem)
KIND_FIELDS = frozenset({"cell_type"})


#: raw score taken from a name that contradicts the query
CONTRADICTION_PENALTY = 0.2
#: raw score taken from a fuzzy name with a number the query lacks: another member of a series
#: ("speech-language disorder 1" for "speech and language disorder", "PBS-44" for "PBS")
OTHER_NUMBER_PENALTY = 0.05


_DIGIT = re.compile(r"\d")
# a capital opening a word of a text written in title case ("Hepatic Flexure", "Heart - Left
# Ventricle"): lower-cased, it compares as the name would be written in a sentence
_TITLE_WORD = re.compile(r"(?<![\w'])([A-Z])(?=[a-z])")


def _unstyled(text: str) -> str:
    """``text`` without the capitals of its style: the first letter's, and in a text whose
    every word opens with a capital, each word's ("basal Ganglia" keeps its odd G)."""
    words = [w for w in text.split() if w[:1].isalpha()]
    if words and all(w[0].isupper() for w in words):
        return _TITLE_WORD.sub(lambda m: m[1].lower(), text)
    return text[:1].lower() + text[1:]


_NONE: frozenset[str] = frozenset()


def _digit_words(norm: str, keep: Callable[[str], object]) -> frozenset[str]:
    """The words of ``norm`` that ``keep`` accepts, among those with a digit."""
    if _DIGIT.search(norm) is None:  # most names: no need to split them
        return _NONE
    return frozenset(w for w in norm.split() if keep(w))


def _located(row: NameRow, norm: str) -> bool:
    """Whether ``row`` is a label or exact synonym that is ``norm`` followed by "of <place>"
    (an eponym's capital, "stellate cell of von Kupffer", is no place)."""
    if not row.norm.startswith(norm + " of ") or (row.kind != "label" and row.scope != "EXACT"):
        return False
    place = row.text.rpartition(" of ")[2]
    return place == place.lower()


#: the rewrite dropping a text's species and culture words ("primary human ...")
_PLAIN = "drop_qualifiers"
#: the rewrite that reads the part after "Whole, Part" on its own
COMMA_TAIL = "comma_tail"
#: ... and the rewrite reading both ("stomach, corpus": corpus of stomach)
_COMMA_BOTH = "comma_tail_of_head"
#: the rewrites that read a parenthesis ("Renal Pyramid (Medulla)": renal medulla)
_PARENTHETICAL_RULES = frozenset(
    {
        "parenthetical_only",
        "parenthetical_alternative",
        "parenthetical_modifier",
        "parenthetical_part",
        "parenthetical_head",
    }
)


def _hint(best: dict[str, Scored], term_ids: AbstractSet[str], how: str) -> None:
    """Raise the answers ``term_ids`` by what a head's hint is worth (:data:`BRANCH_BONUS`,
    never above :data:`BRANCH_CAP`), saying why in ``how``."""
    for term_id in term_ids:
        s = best[term_id]
        best[term_id] = s._replace(
            raw=max(s.raw, min(s.raw + BRANCH_BONUS, BRANCH_CAP)), how=s.how + how
        )


# GTEx's "Brain-Hippocampus" ...
_CAPITAL_HYPHEN = re.compile(r"\b[A-Z][a-z]+-[A-Z][a-z]+\b")
# ... but a text with punctuation of its own is written another way ("small intestine,
# terminal ileum")
_PUNCTUATED = re.compile(r"[,;:()\[\]/]")


_UNDERSCORED = "underscore_to_space"


def _site_shaped(q: _Query) -> bool:
    """Whether a query's text is written as GTEx writes sampling sites: "Organ - site", the
    tissue id made of it ("Brain_Putamen_basal_ganglia", read with spaces), "Brain-Hippocampus",
    or the whole name with its punctuation lost ("Skin Sun Exposed Lower Leg"; two words,
    "Muscle Skeletal", say no more than skeletal muscle)."""
    variant = q.variant
    return (
        _DASH.search(variant.text) is not None
        or WORD_UNDERSCORE.search(variant.text) is not None
        or _UNDERSCORED in q.rules  # respelt before the stages, or as a rewrite
        or _CAPITAL_HYPHEN.search(variant.text) is not None
        or (
            not variant.rules
            and len(variant.text.split()) >= 3
            and not _PUNCTUATED.search(variant.text)
        )
    )


def _lying_in(
    index: VocabIndex, terms: AbstractSet[str], wholes: AbstractSet[str], best: dict[str, Scored]
) -> list[Scored]:
    """The answers among ``terms`` that lie in one of ``wholes`` or in a kind of one (is_a
    or part_of)."""
    return [
        best[t]
        for t in terms
        if t in best and not wholes.isdisjoint(index.ancestors(t, distance=BRANCH_DISTANCE))
    ]


def _under(index: VocabIndex, heads: AbstractSet[str], best: dict[str, Scored]) -> set[str]:
    """The answers found so far that lie under one of the ``heads`` (is_a or part_of)."""
    found = _lying_in(index, best.keys() - heads, heads, best)
    return {s.term_id for s in found if s.match.relation != "id"}


_NON_WORD = re.compile(r"[\W_]+")


def _plural_of(name: str, text: str) -> bool:
    """Whether ``name`` is ``text`` in the plural ("jasmonates" of "jasmonate", "indole-3-acetic
    acids" of "indole 3 acetic acid"), punctuation aside."""
    name, text = _NON_WORD.sub("", name.casefold()), _NON_WORD.sub("", text.casefold())
    return not text.endswith("s") and name in (text + "s", text + "es")


def _numbers(norm: str) -> frozenset[str]:
    return _digit_words(norm, str.isdigit)


#: raw score taken from a fuzzy name that swaps a code of the query for another: "CD8-positive
#: regulatory T cell" for "CD4+CD25+ Treg", "L4 dorsal root ganglion" for "L5 DRG"
OTHER_CODE_PENALTY = 0.15
#: raw score taken from a fuzzy name that leaves out the vessel or nerve ending the text
OTHER_STRUCTURE_PENALTY = 0.03
_CODE = re.compile(r"[a-z]{1,5}\d+[a-z]{0,2}")


def _codes(norm: str) -> frozenset[str]:
    return _digit_words(norm, _CODE.fullmatch)


#: a genus and its species as a disease text names a pathogen ("Trypanosoma brucei infection",
#: "Candida albicans"), by the shapes of Latin names
_BINOMIAL = re.compile(
    r"\b([A-Z][a-z]+(?:a|us|um|as|er|es|ia))\s+([a-z]+(?:i|ae|e|is|us|um|es|ans|ens|a|x|or))\b"
)


def _species(text: str, genera: AbstractSet[str] | None = None) -> dict[str, str]:
    """Genus -> species named in ``text`` (of ``genera`` only, in any case, when given; also
    inverted: "pneumoniae infection, Streptococcus")."""
    if genera is None:
        return {g.casefold(): s for g, s in _BINOMIAL.findall(text)}
    words = _NON_WORD.sub(" ", text.casefold()).split()
    pairs = [(g, s) for g, s in itertools.pairwise(words) if g in genera]
    if "," in text and words and words[-1] in genera:
        pairs.append((words[-1], words[0]))
    return {g: s for g, s in pairs if _BINOMIAL.fullmatch(f"{g.title()} {s}")}


def _other_species(said: dict[str, str], name: str) -> bool:
    """Whether ``name`` names another species of a genus the text names one of ("Trypanosoma
    cruzi infection" for "Trypanosoma brucei infection": another disease, however close)."""
    named = _species(name, said.keys())
    return any(named.get(genus, species) != species for genus, species in said.items())


#: the source of the maintainers' own synonyms (scripts/data/curated_synonyms.tsv)
CURATED_SOURCE = "curated"


#: synonym scopes that name a term outright, so a text ending in one is read with its label
_SWAPPED_SCOPES = frozenset({"EXACT", "ABBREVIATION"})


def _abbreviated(word: str) -> bool:
    """Whether ``word`` is written like an abbreviation: capitals after its first letter."""
    return any(c.isupper() for c in word[1:])


def _short_code(text: str) -> bool:
    """Whether ``text`` is a short code ("TCS", "Ex-4", "3-BP", "sCJD"): at most six letters
    and digits, with a digit or two capitals. One character off, it is another code."""
    compact = "".join(c for c in text if c.isalnum())
    return (
        2 <= len(compact) <= 6
        and len(text) <= 8
        and (any(c.isdigit() for c in compact) or sum(c.isupper() for c in compact) >= 2)
    )


def _acronym(name: str) -> bool:
    """Whether ``name`` is a short code written in capitals ("DRG", "iLN", "CA1")."""
    return 2 <= len(name) <= 6 and name.isalnum() and sum(c.isupper() for c in name) >= 2


#: marks a word the query negates ("non squamous ..."): ``NEGATED + "squamous"``
NEGATED = "!"


#: marks the organ a query names: ``ORGAN + "liver"``
ORGAN = "%"


#: marks a surface marker the query names with its sign: ``MARKER + "cd34" + "-"``
MARKER = "@"
# a marker's name in a normalised text ("cd34", "cd45ra", "ccr7", "ly6c"), with an intensity
# glued on ("cd14dim", "cd127lo") and the word after it that says its sign
_MARKER_WORD = re.compile(rf"([a-z]{{1,5}}\d{{1,3}}[a-z]?)({MARKER_INTENSITIES})?")
_GREEK_PART = frozenset({"alpha", "beta", "gamma", "delta"})  # "cd8 alpha negative"
#: the word (or glued ending) after a marker -> its sign; any other is "+"
_SIGN = {"negative": "-", "neg": "-", "low": "~", "lo": "~", "dim": "~"}
#: sign pairs that deny each other: CL keeps CD14-low and CD14-positive monocytes apart
_CONFLICTING = frozenset({frozenset("+-"), frozenset("+~")})
#: co-receptors that split T cells into two lineages: a name giving one positive without the
#: other denies a text that gives the other positive ("CD4+ Tregs": not the CD8 Treg)
_LINEAGE_OTHER = {"cd4": "cd8", "cd8": "cd4"}


def _marker_signs(norm: str) -> dict[str, str]:
    """Marker -> "+" (positive or high), "-" (negative) or "~" (low or dim) for the markers
    a normalised name or text gives a sign (a bare marker is positive)."""
    words = norm.split()
    out: dict[str, str] = {}
    for i, word in enumerate(words):
        found = _MARKER_WORD.fullmatch(word)
        if found is None:
            continue
        j = i + 1
        while j < len(words) and words[j] in _GREEK_PART:
            j += 1
        after = found[2] or (words[j] if j < len(words) else "")
        out[found[1]] = _SIGN.get(after, "+")
    return out


_RUN_IN_NEGATION = re.compile(f"non{NEGATED_ADJECTIVE}")


def _polar_words(norm: str) -> frozenset[str]:
    """The words of a normalised query that have an opposite (see ``OPPOSITES``), the organs
    it names (``ORGAN`` + organ), the words it negates with "non" (``NEGATED`` + word), and
    its signed markers (``MARKER`` + marker + sign)."""
    words = norm.split()
    polar = {w for w in words if w in OPPOSITES}
    polar.update(ORGAN + ORGAN_WORDS[w] for w in words if w in ORGAN_WORDS)
    polar.update(NEGATED + b for a, b in itertools.pairwise(words) if a == "non")
    # ... or with "non" run in ("nontoxic goiter" is no toxic goiter)
    polar.update(NEGATED + w[3:] for w in words if _RUN_IN_NEGATION.fullmatch(w))
    if _DIGIT.search(norm) is not None:
        polar.update(MARKER + m + sign for m, sign in _marker_signs(norm).items())
    return frozenset(polar)


def _contradicts(polar: frozenset[str], name_norm: str, label: str) -> bool:
    """The name says the opposite of a polar word, says a negated word without "non", or
    gives a marker the query signs otherwise ("CD34- CD38+" against "CD34-positive,
    CD38-negative ...", "CD14lo" against "CD14-positive")."""
    placed = {w[1:] for w in polar if w.startswith(ORGAN)}
    if placed:
        # the name reached, not the label: "cirrhosis" places cirrhosis of liver nowhere
        organs = {ORGAN_WORDS[w] for w in name_norm.split() if w in ORGAN_WORDS}
        if organs and organs.isdisjoint(placed):
            return True  # another organ than any the text names
        if len(placed) == len(polar):
            return False  # nothing else to check: no need for the label's words
    words = set(name_norm.split()) | set(label.casefold().replace("-", " ").split())
    signs: tuple[dict[str, str], ...] | None = None
    for w in polar:
        if w.startswith(MARKER):
            marker, sign = w[1:-1], w[-1]
            lineage = _LINEAGE_OTHER.get(marker) if sign == "+" else None
            if lineage is None and sign == "+" and words.isdisjoint(_SIGN):
                continue  # only a name with a negative or low marker can deny a positive one
            if signs is None:  # the name's and its term's label's ("CD16+ monocyte")
                signs = (_marker_signs(name_norm), _marker_signs(normalize(label)))
            for found in signs:
                other = found.get(marker)
                if other is not None and frozenset((other, sign)) in _CONFLICTING:
                    return True
                if lineage is not None and other is None and found.get(lineage) == "+":
                    return True
        elif w.startswith(ORGAN):
            continue  # decided above, for all the text's organs together
        elif w.startswith(NEGATED):
            if w[1:] in words and "non" not in words:
                return True
        elif w not in words and not OPPOSITES[w].isdisjoint(words):
            return True
    return False


@dataclass
class _Query:
    variant: Variant
    norm: str
    skey: str
    ckey: str
    base_rules: tuple[str, ...] = field(default_factory=tuple)
    #: words of the user's text with an opposite ("acute"): names with the opposite lose
    polar: frozenset[str] = frozenset()
    #: computed once: every name the query reaches is scored with them
    rules: tuple[str, ...] = field(init=False)
    penalty: float = field(init=False)
    #: " after rule+rule" for the match text: the rewrites (with a cost) the text needed
    after: str = field(init=False)
    #: the sign of optical rotation the text opens with ("(-)-JQ1"), which keys leave out
    rotation: str = field(init=False)

    def __post_init__(self) -> None:
        self.rules = self.base_rules + self.variant.rules
        self.penalty = rule_penalty(self.rules)
        rewrites = [r for r in self.rules if RULE_PENALTY.get(r, 1.0) > 0.0]
        self.after = " after " + "+".join(rewrites) if rewrites else ""
        self.rotation = rotation_sign(self.variant.text)


def _other_rotation(said: str, named: str) -> bool:
    """Whether a name with rotation ``named`` is another form than the text's ``said``: a
    racemate ("±") is also the name that gives no sign."""
    return named != said and not (said == "±" and not named)


def _make_query(
    variant: Variant,
    base_rules: tuple[str, ...],
    identifier: bool = False,
    polar: frozenset[str] = frozenset(),
) -> _Query | None:
    norm = normalize(variant.text, identifier=identifier)
    if not norm:
        return None
    ckey = compact_key(norm, identifier=identifier)
    return _Query(variant, norm, sorted_key(norm), ckey, base_rules, polar)


def _make_queries(
    variants: list[Variant],
    base_rules: tuple[str, ...],
    identifier: bool = False,
    polar: frozenset[str] = frozenset(),
) -> list[_Query]:
    """:func:`_make_query` for each variant, leaving out those that normalise to nothing."""
    return [q for v in variants if (q := _make_query(v, base_rules, identifier, polar)) is not None]


def _head_then_lead_phrases(text: str, field_name: str) -> Iterator[tuple[str, str]]:
    """``(phrase, rule)``: the head phrases first (for a sorted population, its positive
    markers with their cells); the lead phrases only if those run out."""
    if field_name == "cell_type" and (gated := without_negative_markers(text)) is not None:
        yield gated, "head_phrase"
    yield from ((p, "head_phrase") for p in head_phrases(text, field_name))
    yield from ((p, "lead_phrase") for p in lead_phrases(text))


def _top(best: dict[str, Scored]) -> float:
    return max((s.raw for s in best.values()), default=0.0)


def _partial_fuzzy(best: dict[str, Scored], query_norm: str) -> bool:
    """Whether the best answer so far is a near name that both leaves words of the text out
    and adds its own ("ischemic brain": brain stem), so the text's head may read it better."""
    if not best:
        return False
    top = leader(best)
    if top.match.relation != "fuzzy" or top.coverage >= FULL_COVERAGE or not top.name:
        return False
    from rapidfuzz import fuzz

    words = tokens(query_norm)
    said = set(words) | BARE_HEADS
    named = set(tokens(top.name))
    # a word the text spells with a typo ("frontl cortex": frontal) is no word of its own
    adds = any(
        w not in said and all(fuzz.ratio(w, q) < MIN_WORD_RATIO for q in said) for w in named
    )
    # ... and a short word left out may be the one that says which ("bone marrow T cells":
    # bone marrow cell)
    drops = any(len(w) <= 2 and w.isalpha() and w not in named for w in words)
    # ... as does the text's last word, its head noun ("knee cartilage": knee)
    headless = (
        bool(words)
        and words[-1] not in BARE_HEADS
        and all(fuzz.ratio(words[-1], n) < MIN_WORD_RATIO for n in named)
    )
    return adds or drops or headless


def _names_outright(row: NameRow) -> bool:
    """Whether ``row`` names its term outright: its label or an exact synonym (a broad or
    related one may name a part or a kind: "urothelium" of urinary bladder urothelium)."""
    return row.kind == "label" or row.scope == "EXACT"


def _labelled(index: VocabIndex, text: str) -> set[str]:
    """The live terms of ``index`` that ``text``, normalised, names outright."""
    q = _make_query(Variant(text), ())
    if q is None:
        return set()
    return {
        row.term_id
        for row in index.by_keys({q.norm})
        if _names_outright(row) and not row.obsolete and row.norm == q.norm
    }


def _says_head(best: dict[str, Scored], text: str) -> bool:
    """Whether the best answer's label has the words of the text's head ("plasma cell" in
    "bone marrow plasma cells"; not "bone marrow cell"), the word before "cell" included."""
    if not best:
        return False
    words = normalize(text).split()
    head = words[-2:] if words[-1:] == ["cell"] and len(words) > 1 else words[-1:]
    return set(head) <= set(normalize(leader(best).label).split())


def _line_named_twice(index: VocabIndex, text: str) -> str | None:
    """The label of the one line both names of "Name (Other name)" name ("H9 (WA09)": WA09,
    not the H9 T-cell line), or None."""
    pair = _ALIAS_PAIR.match(text)
    if pair is None:
        return None
    both = _line_named(index, pair["a"]) & _line_named(index, pair["b"])
    found = index.term_by_id(next(iter(both))) if len(both) == 1 else None
    return None if found is None else found[2]


def _line_named(index: VocabIndex, text: str) -> set[str]:
    """The live cell lines ``text`` is a name of, in any scope (Cellosaurus files the other
    names of a line as RELATED), punctuation aside ("HepG2" names Hep-G2)."""
    q = _make_query(Variant(text), (), True)
    if q is None:
        return set()
    return {
        row.term_id
        for row in index.by_keys({q.norm, q.ckey})
        if not row.obsolete and q.ckey == compact_key(row.norm, identifier=True)
    }


def _named_for_both(
    index: VocabIndex,
    best: dict[str, Scored],
    head_norm: str,
    detail_norm: str,
    *,
    within: AbstractSet[str],
) -> dict[str, str]:
    """The answers, other than the terms ``within``, that lie under one of them (is_a or
    part_of) and whose label or matched name says every word of head and detail -> their
    normalised label."""
    said = set(head_norm.split()) | set(detail_norm.split())
    found = {}
    for t, s in best.items():
        if t in within:
            continue
        label = normalize(s.label)
        if said <= set(label.split()) | set(s.name.split()) and not within.isdisjoint(
            index.ancestors(t, distance=BRANCH_DISTANCE)
        ):
            found[t] = label
    return found


def _cells_under(
    index: VocabIndex, heads: AbstractSet[str], head_norm: str, best: dict[str, Scored]
) -> set[str]:
    """The answers that refine a cell type the text's head names: those under ``heads``, and
    those whose label starts with the head's words, as CL files many organs' cells beside the
    kind they are named for ("basal cell of prostate epithelium" is no basal cell there)."""
    return _under(index, heads, best) | {
        t
        for t, s in best.items()
        if t not in heads and f"{normalize(s.label)} ".startswith(f"{head_norm} ")
    }


def _put_first(
    best: dict[str, Scored], chosen: list[Scored], top: Scored, why: str | None = None
) -> None:
    """The best of ``chosen`` goes just above ``top`` (the answer that led), placed in it
    (or as ``why`` says)."""
    if not chosen:
        return
    first = max(chosen, key=lambda s: (s.raw, s.term_id))
    if first.term_id != top.term_id:
        why = f" in {top.term_id}" if why is None else why
        best[first.term_id] = first._replace(raw=top.raw + 1e-4, how=f"{first.how}{why}")


def _another_sense(index: VocabIndex, abbreviation: str, words: str) -> bool:
    """Whether the words an abbreviation beside them spells out name a term outright that is not
    what the abbreviation names, nor above or below it ("HSCs (hepatic stellate cells)": not
    the hematopoietic stem cell); when they agree, the text is read as it stands."""
    spelt = _labelled(index, words)
    if not spelt:
        return False
    singular = code_singular(abbreviation)
    named = _labelled(index, abbreviation) | (_labelled(index, singular) if singular else set())
    for term_id in named:
        if term_id in spelt or not spelt.isdisjoint(index.ancestors(term_id, distance=3)):
            return False
        if any(term_id in index.ancestors(s, distance=3) for s in spelt):
            return False
    return True


# "H9 (WA09)", "WA09 (H9)": a name, and another in parentheses
_ALIAS_PAIR = re.compile(r"^(?P<a>[^()]+?)\s*\((?P<b>[^()]+)\)$")
# "C. albicans infection", "P. berghei ANKA": a genus cut to its initial, as papers write a
# species after its first mention; the vocabulary's own names say which genus it is
_GENUS_INITIAL = re.compile(r"\b(?P<initial>[A-Z])\.\s*(?P<epithet>[a-z]{3,})\b")
#: names read per species epithet, at most
_GENUS_NAMES = 400


def _genera(index: VocabIndex, initial: str, epithet: str) -> Counter[str]:
    """The genera ``index``'s names put before ``epithet`` that start with ``initial``, with
    how many names do."""
    hit = index.word(normalize(epithet))
    if hit is None:
        return Counter()
    nids = array("I")
    nids.frombytes(hit[2][: 4 * _GENUS_NAMES])
    named = re.compile(rf"\b({initial}[a-z]+)\s+{epithet}\b", re.IGNORECASE)
    return Counter(
        m[1].capitalize() for row in index.by_nids(nids) if (m := named.search(row.text))
    )


def _genus_spelt(index: VocabIndex, taxa: Callable[[], VocabIndex], text: str) -> str | None:
    """The text with each genus initial spelt out ("C. albicans" -> "Candida albicans"): the
    genus the field's own names most often put before the epithet, or else the taxonomy's
    genus with that epithet the field's names say most often ("Candida" in candidiasis's
    synonyms; the taxonomy's index, from ``taxa``, is opened only then); None when no
    initial is spelt out."""

    def spell(found: re.Match[str]) -> str:
        initial, epithet = found["initial"], found["epithet"]
        genera = _genera(index, initial, epithet)
        if not genera:
            said = {
                g: hit[1]
                for g in _genera(taxa(), initial, epithet)
                if (hit := index.word(normalize(g)))
            }
            genera = Counter(said)
        if not genera:
            return found[0]
        genus = min(genera, key=lambda g: (-genera[g], g))
        return f"{genus} {epithet}"

    spelt = _GENUS_INITIAL.sub(spell, text)
    return spelt if spelt != text else None


def _read_slashed(index: VocabIndex, text: str) -> str | None:
    """ "Head (A/B)" as the one detail that refines the head: a part that is some term's own
    name ("Cortex", "Medulla") or a side only says where the head lies ("Loop of Henle (Thick
    Limb/Medulla)": Loop of Henle (Thick Limb)); with no such detail, the head alone. None when
    the text has no slashed detail or several parts could refine."""
    slashed = _SLASHED_DETAIL.match(text.strip())
    if slashed is None:
        return None
    parts = [p.strip() for p in slashed["detail"].split("/") if p.strip()]
    refining = [p for p in parts if normalize(p) not in OPPOSITES and not _labelled(index, p)]
    if len(refining) > 1:
        return None
    return f"{slashed['head']} ({refining[0]})" if refining else slashed["head"]


def _is_kind_of(index: VocabIndex, near: Scored, heads: dict[str, Scored]) -> bool:
    """Whether the near name already names one of the ``heads`` or lies under one ("naive
    CD4+ T cell" under CD4+ T cell): a kind the head reading would only undo."""
    words = set(tokens(near.name))
    return (
        near.term_id in heads
        or bool(_under(index, set(heads), {near.term_id: near}))
        or any(s.name and set(tokens(s.name)) <= words for s in heads.values())
    )


def _merge(best: dict[str, Scored], found: dict[str, Scored]) -> None:
    """Each answer of ``found`` into ``best``, where it scores more than it does there."""
    for term_id, s in found.items():
        current = best.get(term_id)
        if current is None or current.raw < s.raw:
            best[term_id] = s


def _shared_synonym_scopes(rows: list[NameRow]) -> dict[str, str]:
    """Names that are synonyms of two or more terms, as written (any case) -> the strongest
    scope among them. Two names equal only once normalised ("renal tubules" RELATED, "renal
    tubule" EXACT) are two names, the plural no stronger for the singular's scope.

    When several terms share a synonym ("hippocampus": Ammon's horn, hippocampal formation,
    archicortex), the scope each source gave it says little about which term the writer meant;
    scored with one scope, the terms are told apart by their prior (the central concept wins),
    after any term that lists the name as EXACT (``SHARED_INEXACT_PENALTY``).
    """
    terms: dict[str, set[int]] = {}
    scopes: dict[str, str] = {}
    for row in rows:
        term = row.target if row.obsolete else row.tid
        if row.kind != "synonym" or term is None:
            continue  # an obsolete name without a replacement is never an answer
        name = row.text.casefold()
        terms.setdefault(name, set()).add(term)
        held = scopes.get(name)
        weight = SCOPE_WEIGHT.get(row.scope, SCOPE_WEIGHT[""])
        if held is None or weight > SCOPE_WEIGHT.get(held, SCOPE_WEIGHT[""]):
            scopes[name] = row.scope
    return {name: scopes[name] for name, tids in terms.items() if len(tids) > 1}


class Grounder:
    """Grounds texts with indexes obtained from ``index_for(vocabulary_name)``."""

    def __init__(self, index_for: Callable[[str], VocabIndex]) -> None:
        self._index_for = index_for

    def index(self, vocabulary: str) -> VocabIndex:
        return self._index_for(vocabulary)

    def ground(
        self, text: str, field_name: str, *, base_rules: tuple[str, ...] = ()
    ) -> list[Scored]:
        """Ranked terms of the field's vocabulary for ``text`` (already cleaned of dose/time).

        The text's own keys come first, with its peer rewrites (``variants.peer_variants``);
        the other rewrites are only tried when those find nothing good,
        and the fuzzy stage then tries the text and its first rewrites. A good key match still
        gets word-overlap alternatives so that near misses show up among the candidates.
        """
        vocabulary = FIELD_VOCABULARY[field_name]
        index = self._index_for(vocabulary)
        if WORD_UNDERSCORE.search(text) is not None and vocabulary not in IDENTIFIER_VOCABULARIES:
            # "Heart_LV", "Brain_Myeloid": words, as every stage should read them
            text, base_rules = WORD_UNDERSCORE.sub(" ", text), (*base_rules, _UNDERSCORED)
        pair = spelt_out(text) if "(" in text else None
        if pair is not None and _another_sense(index, *pair):
            # the words an abbreviation beside them spells out say which of its senses
            text, base_rules = pair[1], (*base_rules, "spelt_out")
        if field_name in BRANCH_FIELDS and "/" in text:
            read = _read_slashed(index, text)
            if read is not None:
                text, base_rules = read, (*base_rules, "slashed_detail")
        if field_name == "cell_line" and "(" in text:
            label = _line_named_twice(index, text)
            if label is not None:
                text, base_rules = label, (*base_rules, "named_twice")
        if field_name == "disease" and _GENUS_INITIAL.search(text):
            spelt = _genus_spelt(index, lambda: self._index_for("NCBITAXON"), text)
            if spelt is not None:
                text, base_rules = spelt, (*base_rules, "genus_initial")
        best: dict[str, Scored] = {}
        by_id = self._by_id(index, text)
        if by_id is not None:
            best[by_id.term_id] = by_id
        identifier = vocabulary in IDENTIFIER_VOCABULARIES
        first = _make_query(Variant(text), base_rules, identifier)
        if first is None:
            return list(best.values())
        polar = _polar_words(first.norm)
        if polar:
            first = dataclasses.replace(first, polar=polar)
        peers = _make_queries(peer_variants(text, field_name), base_rules, identifier, polar)
        self._key_stage(index, [first, *peers], best)
        if _top(best) >= FUZZY_TRIGGER:
            self._fuzzy_stage(index, [first], best, typos=False, limit=ALTERNATIVES)
            return literal_second(rank(best, index, first.norm), first.rules)
        # a typo'd word: from here on the corrected text stands in for the text, rewrites and
        # all, at one cost (ranked as the text spelt right would be)
        lead = first
        respelt = None if identifier else respell(index, text)
        if respelt is not None:
            base_rules = (*base_rules, "spelling")
            text = respelt
            lead = _make_query(Variant(text), base_rules, identifier, polar) or first
        parts = compound_parts(text) if field_name == "compound" else [text]
        bases = [(text, base_rules)]
        if len(parts) > 1:
            bases += [(p, (*base_rules, "mixture_part")) for p in parts]
        queries = [lead]
        seen = {first.norm, lead.norm, *(q.norm for q in peers)}
        for base, rules in bases:
            for variant in query_variants(base, field_name):
                q = _make_query(variant, rules, identifier, polar)
                if q is not None and q.norm not in seen:
                    seen.add(q.norm)
                    queries.append(q)
        # the text's own query went through the key stage above; a respelt one has not
        self._key_stage(index, queries[1:] if lead is first else queries, best)
        swapped = []
        if _top(best) < FUZZY_TRIGGER and not identifier:
            swapped = self._swap_stage(index, lead, field_name, best)
            # ... and on the text without the words that only say where the sample came
            # from ("human dermal lymphatic endothelial cells")
            plain = next((q for q in queries[1:] if q.variant.rules[-1:] == (_PLAIN,)), None)
            if plain is not None and _top(best) < FUZZY_TRIGGER:
                swapped += self._swap_stage(index, plain, field_name, best)
        if _top(best) >= FUZZY_TRIGGER:
            self._fuzzy_stage(index, [lead], best, typos=False, limit=ALTERNATIVES)
        else:
            fuzzy_queries = [lead] + [
                q for q in queries[1:] if not ADDS_WORDS.intersection(q.variant.rules)
            ]
            # a rewrite that already matched well leaves the fuzzy stage only the text itself
            n = 1 if _top(best) >= ONE_FUZZY_VARIANT else FUZZY_VARIANTS
            self._fuzzy_stage(index, fuzzy_queries[:n], best, typos=True)
            if swapped and _top(best) < HEAD_TRIGGER:
                # with nothing better, the label read in may itself be a near name ("CD1c+
                # DCs": CD1c+ dendritic cell, CL's CD1c-positive myeloid dendritic cell)
                self._fuzzy_stage(index, swapped[:1], best, typos=False)
        if field_name in HEAD_FIELDS and (
            _top(best) < HEAD_TRIGGER
            # "bone marrow plasma cells": the place's own cells ("bone marrow cell") match
            # more words than the cells the text is about, whose head they leave out
            or (field_name == "cell_type" and taken_from_place(text) and not _says_head(best, text))
        ):
            self._head_stage(index, text, field_name, base_rules, identifier, polar, best)
        elif field_name in STATE_FIELDS and _partial_fuzzy(best, lead.norm):
            # a near name that drops words of the text and adds its own ("ischemic brain":
            # brain stem): the text's head joins the answers, unless it would undo a kind
            found: dict[str, Scored] = {}
            self._head_stage(index, text, field_name, base_rules, identifier, polar, found)
            if not (field_name in KIND_FIELDS and _is_kind_of(index, leader(best), found)):
                _merge(best, found)
        if field_name == "compound":
            self._salt_of_named_base(index, queries, best)
        if field_name in BRANCH_FIELDS:
            self._prefer_branch(index, text, field_name, queries, best)
        if field_name in PART_FIELDS:
            self._common_stage(index, text, field_name, best)
        if field_name in INITIALS_FIELDS and _top(best) < HEAD_TRIGGER:
            self._initials_readings(index, text, field_name, lead, best)
        return literal_second(rank(best, index, lead.norm), first.rules)

    def key_match(self, index: VocabIndex, text: str, field_name: str) -> Scored | None:
        """The best term of ``index`` (the field's) whose name is the text or one of its first
        rewrites, by key alone (no fuzzy stage): cheap enough to ask of another field."""
        identifier = index.vocabulary in IDENTIFIER_VOCABULARIES
        queries = _make_queries(query_variants(text, field_name, depth=1), (), identifier)
        best: dict[str, Scored] = {}
        self._key_stage(index, queries, best)
        return max(best.values(), key=lambda s: (s.raw, s.term_id), default=None)

    def _prefer_branch(
        self,
        index: VocabIndex,
        text: str,
        field_name: str,
        queries: list[_Query],
        best: dict[str, Scored],
    ) -> None:
        """ "Head - Tail (detail)": the tail names a part or kind of the head, so answers under
        the head's terms (is_a or part_of) go up; the tail alone is searched word by word too
        ("Brain - Caudate" -> caudate nucleus)."""
        if not best or side_after_name(text) is not None:
            return  # "amygdala, bilateral": a side, neither a part nor a whole
        if text.count(",") == 1 and "(" not in text:
            self._placed_by_comma(index, text, best)
            return
        parts = _DASH.split(_PARENS.sub(" ", text).strip())
        source = cells_and_source(text) if field_name == "cell_type" else None
        if source is not None and len(parts) == 1:
            self._refined_by_source(index, *source, best)
            return
        detail: set[str] = set()
        refined = _HEAD_DETAIL.match(text.strip()) if len(parts) != 2 else None
        if refined is not None:
            detail = _labelled(index, refined["detail"])
            named = _labelled(index, refined["head"])
            if self._named_twice(named, detail, text, best):
                return
            if self._placed_by_parenthesis(index, named, detail, best):
                return
            if detail or field_name == "cell_type":
                # "fibroblast (dermal)" reads the same; a tissue's parenthesis more often
                # glosses or locates ("frontal cortex (BA9)", "breast (mammary tissue)"),
                # unless it is the very label of a part or whole ("Skin (Dermis)")
                parts = [refined["head"], refined["detail"]]
            else:
                # ... or a term under the head is named for head and detail both
                # ("Germinal Center (Dark Zone)": lymph node germinal center dark zone)
                self._refined_by_both(index, refined["head"], named, refined["detail"], best)
                return
        if len(parts) != 2:
            return
        # what was taken says nothing of where: "muscle biopsy (vastus lateralis)"
        head_q = _make_query(Variant(without_sample_words(parts[0])), ())
        if head_q is None:
            return
        rows = [
            row
            for row in index.by_keys({head_q.norm, head_q.skey})
            if not row.obsolete and row.norm == head_q.norm
        ]
        heads = {row.term_id for row in rows}
        outright = {row.term_id for row in rows if _names_outright(row)}
        # a parenthesis naming the head's own term, or the whole that term lies in, places the
        # head and refines nothing: "Renal pelvis (kidney)" is the renal pelvis, and a part
        # of it matched only near the words ("Bronchiole (lung)": left lung bronchiole) took
        # the whole's name for a refinement
        placed = {
            h
            for h in outright
            if h in detail or not detail.isdisjoint(index.ancestors(h, distance=BRANCH_DISTANCE))
        }
        detail_norm = normalize(parts[1])
        noted = set(detail_norm.split()) <= NOTE_WORDS  # "Brain (Adult)": a note on the sample
        if detail and not placed and not noted:
            # ... or, when the head's own term lies elsewhere, the answer named for both that
            # lies in the whole goes above the head's own term ("Isthmus (fallopian tube)":
            # isthmus of fallopian tube; "Urothelium (Bladder)": urinary bladder urothelium)
            inside = _named_for_both(index, best, head_q.norm, detail_norm, within=detail)
            if inside:
                prefer_refinement(best, heads, inside.keys(), detail_norm)
                return
        if placed:
            _hint(best, placed & best.keys(), " in " + "/".join(sorted(detail)))
            for term_id in _under(index, placed, best):
                s = best[term_id]
                if s.match.relation == "fuzzy":
                    best[term_id] = s._replace(raw=s.raw - BRANCH_BONUS)
            return
        # a term the head names only loosely may lie under one it names outright, as a part
        # the detail picks out, if its label says the head too ("urothelium" of urinary bladder
        # urothelium; not "brain" of insect adult cerebral ganglion)
        head_words = set(head_q.norm.split())
        loose = {
            t
            for t in heads - outright
            if t in best
            and not outright.isdisjoint(index.ancestors(t, distance=BRANCH_DISTANCE))
            and head_words <= set(normalize(best[t].label).split())
        }
        tail = _make_query(Variant(parts[1], ("dash_tail",)), head_q.base_rules)
        if tail is not None:
            self._fuzzy_stage(index, [tail], best, typos=False, limit=ALTERNATIVES)
        if not heads:
            return
        if field_name == "cell_type":
            under = _cells_under(index, heads, head_q.norm, best) | loose
        else:
            under = _under(index, heads, best) | loose
        _hint(best, under, " under " + "/".join(sorted(heads)))
        if tail is not None:
            prefer_refinement(best, heads, under, tail.norm)

    def _salt_of_named_base(
        self, index: VocabIndex, queries: list[_Query], best: dict[str, Scored]
    ) -> None:
        """ "flavopiridol HCl": the salt leads when the text names its base by another name
        (alvocidib) and ChEBI names the salt by the base's label (alvocidib hydrochloride;
        "sodium butanoate": sodium butyrate): the text's salt readings are tried again on
        that label."""
        if not best:
            return
        top = leader(best)
        stripped = next((q for q in queries if q.variant.rules[-1:] == ("strip_salt",)), None)
        if stripped is None or "strip_salt" not in top.match.rules:
            return
        base = stripped.variant.text.strip()
        if normalize(base) == normalize(top.label):
            return  # named by the label: the salt's own name was already tried
        relabelled = []
        for q in queries:
            said = q.variant.text.strip()
            at = said.casefold().find(base.casefold())
            if q is stripped or at < 0:
                continue
            # the counter-ion after the base or before it ("sodium butanoate")
            named = said[:at] + top.label + said[at + len(base) :]
            rules = (*q.variant.rules, "synonym_swap")
            swapped = _make_query(Variant(named, rules), q.base_rules)
            if swapped is not None:
                relabelled.append(swapped)
        self._key_stage(index, relabelled, best)

    def _initials_readings(
        self, index: VocabIndex, text: str, field_name: str, lead: _Query, best: dict[str, Scored]
    ) -> None:
        """A text that is an abbreviation, after the field's head word ("AVE cells") or a side
        ("Right IJV"), read as the initials of names (:meth:`_initials_stage`)."""
        head = INITIALS_FIELDS[field_name]
        said = text.strip()
        if head and said.casefold().endswith((f" {head}", f" {head}s")):
            said = said.rsplit(None, 1)[0]
        side = _SIDE_FIRST.match(said) if field_name == "tissue" else None
        if side is not None:
            said = said[side.end() :]
        letters = _ACRONYM.fullmatch(said)
        if letters is None:
            return
        if side is not None:
            # "Right IJV": the right internal jugular vein, or the vein the side is of
            sided = side[1][0].lower() + letters[1]
            self._initials_stage(index, lead, sided, head, best)
            self._initials_stage(index, lead, letters[1], head, best, side_unsaid=True)
        else:
            self._initials_stage(index, lead, letters[1], head, best)

    def _initials_stage(
        self,
        index: VocabIndex,
        q: _Query,
        letters: str,
        head: str,
        best: dict[str, Scored],
        *,
        side_unsaid: bool = False,
    ) -> None:
        """An abbreviation no name spells, read as the initials of names ("UMNs": upper motor
        neuron; "ORNs"): a guess, scored as a weak near name, ties left as ties. With
        ``side_unsaid`` the names leave out the side the text put first, half of its words."""
        guess = _make_query(
            Variant(q.variant.text, (*q.variant.rules, "initials")), q.base_rules, False, q.polar
        )
        if guess is None:
            return
        letters = letters.lower()
        for row in index.by_initials(letters, head):
            # a name with a word per letter; the others leave the head word unsaid
            whole = len(row.norm.split()) == len(letters)
            cost = (0.0 if whole else UNSAID_HEAD_PENALTY) + (
                UNSAID_HEAD_PENALTY if side_unsaid else 0.0
            )
            coverage = 0.5 if side_unsaid else 1.0
            self._offer(
                index, row, guess, "fuzzy", INITIALS_SIMILARITY, best, coverage, penalty=cost
            )

    def _refined_by_source(
        self, index: VocabIndex, cells: str, source: str, best: dict[str, Scored]
    ) -> None:
        """ "Cells from Place": the cells' own term leads, unless a term under it is named for
        the place too ("smooth muscle cells from aorta": aortic smooth muscle cell), which
        goes just above it; a place naming none ("T cells from PBMCs") changes nothing."""
        head = self.key_match(index, cells, "cell_type")
        place = _make_query(Variant(source), ())
        if head is None or place is None:
            return
        heads = {head.term_id}
        under = _cells_under(index, heads, normalize(head.label), best)
        prefer_refinement(best, heads, under, place.norm)

    def _placed_by_comma(self, index: VocabIndex, text: str, best: dict[str, Scored]) -> None:
        """ "Head, Whole": when the term the tail names leads and the head's own term lies in
        it or in what it is a kind of, the tail only places the head ("Retina, left eye":
        retina, in the eye the left eye is one of), which goes first."""
        head, tail = (p.strip() for p in text.split(","))
        if not head or not tail:
            return
        top = leader(best)
        wholes = _labelled(index, tail)
        if top.term_id not in wholes:
            self._part_after_comma(index, head, top, best)
            return
        heads = _labelled(index, head)
        for w in list(wholes):
            wholes |= index.ancestors(w, distance=1)
        placed = _lying_in(index, heads, wholes, best)
        if placed or heads.isdisjoint(best) or _lying_in(index, {top.term_id}, heads, best):
            _put_first(best, placed, top)
            return
        # ... and when the head's term lies in no term the tail names, nor that term in the
        # head's, the tail names a part of the head read alone elsewhere ("stomach, corpus":
        # a corpus, but the body of stomach): a reading of both that lies in the head leads
        both = [s for t, s in best.items() if _COMMA_BOTH in s.match.rules and t not in heads]
        parts = _lying_in(index, {s.term_id for s in both}, heads, best)
        if parts:
            _put_first(best, parts, top, " part of " + "/".join(sorted(heads)))
            return
        # ... and a tissue read in the head is what was sampled, the tail only where from
        # ("bone marrow, femur", "articular cartilage, knee")
        tissues = [
            best[h]
            for h in heads & best.keys()
            if TISSUE_ROOT in index.ancestors(h, distance=TISSUE_DEPTH)
        ]
        _put_first(best, tissues, top, " from " + top.term_id)

    def _named_twice(
        self, named: set[str], detail: set[str], text: str, best: dict[str, Scored]
    ) -> bool:
        """ "Head (Alias)": when the parenthesis is another name of a term the head names
        (``named``; "Bone Marrow Cavity (Medullary Cavity)"), that term is what the text
        says, every word of it: it goes first and no narrower term refines it."""
        twice = [t for t in named & detail if t in best]
        if not twice:
            return False
        chosen = max((best[t] for t in twice), key=lambda s: (s.raw, s.term_id))
        top = leader(best)
        best[chosen.term_id] = chosen._replace(
            raw=max(chosen.raw, top.raw + 1e-4),
            name=normalize(text),  # every word of the text is the term's
            how=f"{chosen.how}, named twice",
        )
        return True

    def _placed_by_parenthesis(
        self, index: VocabIndex, named: set[str], detail: set[str], best: dict[str, Scored]
    ) -> bool:
        """ "Head (Whole)": a parenthesis naming the whole the head's term lies in only
        places it ("Renal Pyramid (Medulla)": the kidney pyramid, in the renal medulla), as
        "Head, Whole" does; a part in the parenthesis still refines ("Skin (Dermis)")."""
        top = leader(best)
        # the whole: what the parenthesis names outright, or the leading answer read from it
        # ("Medulla" next to a renal pyramid: the renal medulla)
        wholes = set(detail)
        if not _PARENTHETICAL_RULES.isdisjoint(top.match.rules):
            wholes.add(top.term_id)
        placed = _lying_in(index, named - wholes, wholes, best)
        _put_first(best, placed, top)
        return bool(placed)

    def _part_after_comma(
        self, index: VocabIndex, head: str, top: Scored, best: dict[str, Scored]
    ) -> None:
        """ "Whole, Part": when the head's own term leads and the tail, read as it stands or
        nearly, names a part or kind of it, the part goes first ("small intestine, terminal
        ileum": the ileum)."""
        heads = _labelled(index, head)
        if top.term_id not in heads:
            return
        tails = {t for t, s in best.items() if t not in heads and COMMA_TAIL in s.match.rules}
        _put_first(best, _lying_in(index, tails, heads, best), top)

    def _refined_by_both(
        self,
        index: VocabIndex,
        head: str,
        heads: set[str],
        detail: str,
        best: dict[str, Scored],
    ) -> None:
        """An answer under the head's own terms (``heads``) whose name says every word of
        head and detail goes above the head's term (see ``prefer_refinement``)."""
        head_q = _make_query(Variant(head), ())
        detail_norm = normalize(detail)
        if head_q is None or set(detail_norm.split()) <= NOTE_WORDS:
            return
        # ... whose own head noun is the head's or the detail's, not a third structure's
        # ("outer medulla outer stripe loop of Henle" is no part of "Outer Stripe (Outer
        # Medulla)")
        nouns = {head_q.norm.split()[-1], detail_norm.split()[-1]}
        both = {
            t
            for t, label in _named_for_both(
                index, best, head_q.norm, detail_norm, within=heads
            ).items()
            if label.split(" of ")[0].split()[-1] in nouns
        }
        prefer_refinement(best, heads, both, detail_norm, MODIFIER_MARGIN)

    # -- stages ----------------------------------------------------------------------------
    def _head_stage(
        self,
        index: VocabIndex,
        text: str,
        field_name: str,
        base_rules: tuple[str, ...],
        identifier: bool,
        polar: frozenset[str],
        best: dict[str, Scored],
    ) -> None:
        """No key matches the whole text: the longest phrase ending it that a key matches
        names the head ("colonic mucosal CD4+ T cell" -> CD4+ T cell); failing that, the
        longest phrase starting it ("Injury of the knee ligament in sport" -> injury:
        the head of "N of M" comes first)."""
        for phrase, rule in _head_then_lead_phrases(text, field_name):
            found: dict[str, Scored] = {}
            variants = query_variants(phrase, field_name, depth=1)
            queries = [
                q
                for q in _make_queries(variants, (*base_rules, rule), identifier, polar)
                if q.norm not in BARE_HEADS
            ]
            self._key_stage(index, queries, found)
            if not found and queries and " " in phrase and field_name == "cell_type":
                # a phrase naming its cells by an abbreviation ("plasmacytoid DC") is tried
                # spelt out before the abbreviation alone is
                self._swap_stage(index, queries[0], field_name, found)
            if found:
                _merge(best, found)
                if (
                    rule == "head_phrase"
                    and field_name in BRANCH_FIELDS
                    and text.endswith(phrase)
                    and text != phrase
                ):
                    self._refine_by(index, text[: -len(phrase)], set(found), best)
                return

    def _refine_by(
        self, index: VocabIndex, modifier: str, heads: set[str], best: dict[str, Scored]
    ) -> None:
        """The words left before a head phrase refine it as a "Head - Tail" tail does
        ("Rectum Enterocyte": enterocyte of anorectum, under enterocyte)."""
        q = _make_query(Variant(modifier), ())
        if q is not None:
            under = _under(index, heads, best)
            prefer_refinement(best, heads, under, q.norm, MODIFIER_MARGIN)
            prefer_marked(best, heads, under, split_marker_runs(modifier))

    def _common_stage(
        self, index: VocabIndex, text: str, field_name: str, best: dict[str, Scored]
    ) -> None:
        """A text joining names ("liver and spleen") gets the term they share (see
        ``ranking.offer_common_ancestor``), for the first reading whose every name is a term."""
        for reading in conjunct_readings(text):
            found = [self.key_match(index, name, field_name) for name in reading]
            parts = [s for s in found if s is not None and s.raw >= PART_MIN_RAW]
            if len(parts) == len(reading):
                offer_common_ancestor(index, best, [s.term_id for s in parts])
                return

    def _swap_stage(
        self, index: VocabIndex, q: _Query, field_name: str, best: dict[str, Scored]
    ) -> list[_Query]:
        """A phrase ending the text that is an EXACT synonym of a term is read as that term's
        label ("T-cell acute lymphocytic leukemia" -> T-cell acute lymphoblastic leukemia):
        a narrower term's name is usually built on its parent's label, not on each synonym.
        An abbreviation is expanded wherever it stands ("cervical LN biopsy"). Returns the
        rewritten queries (the fuzzy stage may try the first when nothing matched well)."""
        words = q.norm.split()
        if len(words) < 2:
            return []
        # phrase -> (words before, words after) of each place it stands in the text
        spans: dict[str, list[tuple[str, str]]] = {}
        for i in range(1, len(words) - 1):
            spans.setdefault(" ".join(words[i:]), []).append((" ".join(words[:i]), ""))
        text_words = q.variant.text.split()
        # one word: the head ending the text ("ventricular cardiomyocyte", "CD4+CD25+ Treg"),
        # or an abbreviation written with capitals anywhere ("LV", "iLN"), a hyphen or a
        # bracket written on it parting it from the next word ("myo-mTEC", "mTEC(I)"); another
        # plain lower-case word is more often a synonym by accident
        parts = [w for w in _WORD_PARTS.split(q.variant.text) if w]
        single = {normalize(w) for w in parts if w.isalnum() and _abbreviated(w)}
        last = text_words[-1]  # the norm has words, so the text does
        if last.isalnum():
            single.add(normalize(last))
        # a code in the plural stands for its singular ("CD1c+ DCs": DC, dendritic cell)
        plural = {normalize(w): normalize(one) for w in text_words if (one := code_singular(w))}
        # an abbreviation ending the text may restate the words before it
        restating = set()
        if last.isalnum() and _abbreviated(last):
            restating = {normalize(last), plural.get(normalize(last), normalize(last))}
        for i, word in enumerate(words):
            if word in single:
                before, after = " ".join(words[:i]), " ".join(words[i + 1 :])
                spans.setdefault(plural.get(word, word), []).append((before, after))
        queries = []
        rows = index.by_keys(set(spans))
        owners = Counter(norm for norm, _ in {(r.norm, r.term_id) for r in rows if not r.obsolete})
        for row in rows:
            if row.kind != "synonym" or row.obsolete:
                continue
            if row.scope not in _SWAPPED_SCOPES and not (
                # sources file many acronyms as RELATED ("DRG"): one only a single term holds
                # names that term as an abbreviation would
                _acronym(row.text) and owners[row.norm] == 1
            ):
                continue
            places = spans.get(row.norm)
            if places is None or normalize(row.label) == row.norm:
                continue
            for before, after in places:
                if (
                    row.norm in restating
                    and before
                    and not after
                    # (more than "cell": "T cells from PBMCs" restates no PBMC)
                    and not (set(tokens(normalize(row.label))) - BARE_HEADS).isdisjoint(
                        tokens(before)
                    )
                ):
                    # a code after the words it stands for restates them: "Conventional
                    # Dendritic Cell cDC1" is the cDC1
                    restated = _make_query(
                        Variant(row.label, (*q.variant.rules, "synonym_swap", "restated_code")),
                        q.base_rules,
                        False,
                        q.polar,
                    )
                    if restated is not None:
                        queries.append(restated)
                # the label's own rewrites too: "CD4+CD25+ regulatory T cell" is CL's
                # "CD4-positive, CD25-positive, alpha-beta regulatory T cell"
                swapped_text = " ".join(p for p in (before, row.label, after) if p)
                for variant in query_variants(swapped_text, field_name, depth=1):
                    rules = (*q.variant.rules, "synonym_swap", *variant.rules)
                    swapped = _make_query(
                        Variant(variant.text, rules), q.base_rules, False, q.polar
                    )
                    if swapped is not None:
                        queries.append(swapped)
        if queries:
            self._key_stage(index, queries, best)
        return queries

    def _by_id(self, index: VocabIndex, text: str) -> Scored | None:
        # every shape an id is written in: "uberon:0002048", an OBO PURL, "RRID:CVCL_0030",
        # "ENSG00000141510.17" (its version dropped)
        read = normalize_id(text)
        if read.wire_id is None or read.vocabulary != index.vocabulary:
            return None
        found = index.term_by_id(read.wire_id)
        if found is None:
            return None
        _tid, term_id, label, obsolete, target = found
        match = Match("id")
        how = "id"
        if obsolete:
            if target is None:
                return None
            old = term_id
            term_id, label = index.term_by_tid(target)
            match = Match("id", replaced=True)
            how = f"id via replacement of {old}"
        return Scored(term_id, label, raw_score(match), match, how, index.vocabulary, index.version)

    def _key_stage(self, index: VocabIndex, queries: list[_Query], best: dict[str, Scored]) -> None:
        keys = {k for q in queries for k in (q.norm, q.skey, q.ckey)}
        rows = index.by_keys(keys)
        shared = _shared_synonym_scopes(rows)
        # a name the maintainers curated for one term ("rat": Rattus norvegicus) is that
        # term's first among the terms sharing it (the genus Rattus)
        curated = {
            r.norm for r in rows if r.source == CURATED_SOURCE and r.text.casefold() in shared
        }
        # ... and first before another term whose label it is: a thin duplicate entry
        # ("MeJA", "Gibberellic acid") or a form the curators did not mean ("NAC")
        labels = {r.norm: r.tid for r in rows if r.kind == "label"}
        over_label = {
            r.norm
            for r in rows
            if r.source == CURATED_SOURCE and labels.get(r.norm, r.tid) != r.tid
        }
        plural_class = PLURAL_CLASS_PENALTY.get(index.vocabulary, 0.0)
        identifier = index.vocabulary in IDENTIFIER_VOCABULARIES
        for row in rows:
            name = row.text.casefold()
            scope = shared.get(name, row.scope) if row.kind == "synonym" else row.scope
            # one term listing the name as EXACT still goes first among the sharers
            tie = SHARED_INEXACT_PENALTY if scope == "EXACT" and row.scope != "EXACT" else 0.0
            if row.norm in curated and row.kind == "synonym" and row.source != CURATED_SOURCE:
                tie += CURATED_SHARE_PENALTY
            if row.norm in over_label:
                if row.source == CURATED_SOURCE:
                    scope = "label"
                elif row.kind == "label":
                    tie += CURATED_SHARE_PENALTY
            row_skey = sorted_key(row.norm)
            row_ckey = compact_key(row.norm, identifier=identifier)
            # a sampling site's name is GTEx's only as GTEx writes it, "Organ - site", or as
            # its tissue ids do ("Brain_Putamen_basal_ganglia"): "muscle skeletal" or "brain
            # (cortex)" say no more than skeletal muscle or cortex of brain
            site = row.source == SITE_SOURCE
            for q in queries:
                if site and not _site_shaped(q):
                    continue
                if q.variant.text.casefold() == row.text.casefold():
                    relation = "exact"
                elif q.norm == row.norm:
                    relation = "normalized"
                elif q.ckey == row_ckey:
                    relation = "compact"
                elif q.skey == row_skey:
                    relation = "word_order"
                else:
                    continue
                penalty = tie
                if plural_class and relation != "exact" and _plural_of(row.text, q.variant.text):
                    penalty += plural_class
                self._offer(
                    index, row, q, relation, 1.0, best, scope_for_score=scope, penalty=penalty
                )

    def _fuzzy_stage(
        self,
        index: VocabIndex,
        queries: list[_Query],
        best: dict[str, Scored],
        *,
        typos: bool,
        limit: int = MAX_CANDIDATES,
    ) -> None:
        identifier = index.vocabulary in IDENTIFIER_VOCABULARIES
        for q in queries:
            hits = fuzzy_search(index, q.norm, typos=typos, limit=limit, identifier=identifier)
            scored = [
                (fuzzy_similarity(h.similarity, h.query_coverage, h.name_coverage), h) for h in hits
            ]
            # only the best few can reach the answer list; the rest would only cost time
            scored.sort(key=lambda x: (-x[0], x[1].row.nid))
            numbers = _numbers(q.norm)
            # in a vocabulary of codes (cell lines) a code off by a character is a typo to
            # forgive, not another member of a series
            codes = _NONE if identifier else _codes(q.norm)
            short = not identifier and _short_code(q.variant.text)
            q_words = frozenset(q.norm.split())
            # a text ending in a vessel or nerve names that structure: a near name without it
            # is the place the vessel runs through ("Umbilical Cord Vein": not umbilical cord)
            last = q.norm.rpartition(" ")[2]
            vessel = last if " " in q.norm and last in STRUCTURE_NOUNS else ""
            species = _species(q.variant.text) if index.vocabulary == "MONDO" else {}
            if typos:
                located = [h.row for _, h in scored if _located(h.row, q.norm)]
                # one term whose name only adds where it is ("follicle cell": follicle cell of
                # egg chamber) is a reading of the text, not a near miss; several ("raphe" of
                # the penis, of the pons ...) are guesses, left to fuzzy scores
                if len({row.tid for row in located}) == 1:
                    for row in located:
                        self._offer(index, row, q, "located", 1.0, best)
            for similarity, hit in scored[:OFFERED]:
                penalty = OTHER_NUMBER_PENALTY if _numbers(hit.row.norm) - numbers else 0.0
                if codes:
                    name_codes = _codes(hit.row.norm)
                    if codes - name_codes and name_codes - codes:
                        penalty += OTHER_CODE_PENALTY
                name_words = hit.row.norm.split() if short or vessel else []
                if short and _short_code(hit.row.text) and not q_words.issuperset(name_words):
                    penalty += OTHER_CODE_PENALTY  # "TCSQ" is no typo of "TCS": another code
                if vessel and vessel not in name_words:
                    penalty += OTHER_STRUCTURE_PENALTY
                if species and _other_species(species, hit.row.text):
                    penalty += OTHER_CODE_PENALTY
                self._offer(
                    index,
                    hit.row,
                    q,
                    "fuzzy",
                    similarity,
                    best,
                    hit.query_coverage,
                    penalty=penalty,
                )

    def _offer(
        self,
        index: VocabIndex,
        row: NameRow,
        q: _Query,
        relation: str,
        similarity: float,
        best: dict[str, Scored],
        coverage: float = 1.0,
        scope_for_score: str | None = None,
        penalty: float = 0.0,
    ) -> None:
        term_id, label, replaced = row.term_id, row.label, False
        if row.obsolete:
            if row.target is None:
                return  # obsolete without a live replacement: never an answer
            term_id, label = index.term_by_tid(row.target)
            replaced = True
        rules = q.rules
        # a capital opening the text, or each of its words, is the sheet's style, not the
        # name's ("Basal ganglia"; "Hepatic Flexure" agrees with "hepatic flexure" as well as
        # with MeSH's "Hepatic Flexure")
        case_exact = relation == "exact" and _unstyled(q.variant.text) == _unstyled(row.text)
        raw = raw_score_with_penalty(
            relation,
            row.kind,
            row.scope if scope_for_score is None else scope_for_score,
            similarity,
            q.penalty,
            replaced,
            row.prior,
            case_exact,
            index.vocabulary,
            row.usage,
        )
        raw -= penalty
        if q.rotation and _other_rotation(q.rotation, rotation_sign(row.text)):
            # the key left the sign out: a name without it is the text's stereo prefix dropped
            raw -= RULE_PENALTY["strip_stereo"]
        if q.polar and _contradicts(q.polar, row.norm, label):
            raw = max(0.0, raw - CONTRADICTION_PENALTY)
        current = best.get(term_id)
        if current is not None and current.raw >= raw:
            return  # most offers lose: the Match record is only built for a winner
        match = Match(
            relation=relation,
            kind=row.kind,
            scope=row.scope,
            source=row.source,
            similarity=similarity,
            rules=rules,
            replaced=replaced,
            prior=row.prior,
            case_exact=case_exact,
            vocabulary=index.vocabulary,
            usage=row.usage,
        )
        how = describe(match) + q.after
        if replaced:
            how += f" via replacement of {row.term_id}"
        best[term_id] = Scored(
            term_id, label, raw, match, how, index.vocabulary, index.version, coverage, row.norm
        )
