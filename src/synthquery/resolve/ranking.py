"""Shaping the answer list of one query: the order of the scored terms, the broader and
narrower alternatives offered beside the best answer, and the moves that put a candidate the
text supports better just above or below it."""

from __future__ import annotations

import functools
import re
from collections.abc import Set as AbstractSet
from typing import NamedTuple

from synthquery.resolve.index import VocabIndex
from synthquery.resolve.lexicon import (
    ANATOMICAL_ADJECTIVES,
    MARKER_NAME,
    ORDINAL_WORDS,
    SPECIES,
    SPECIES_WORDS,
    STRUCTURE_NOUNS,
)
from synthquery.resolve.normalize import normalize, tokens
from synthquery.resolve.score import USAGE_WEIGHT, Match

__all__ = ["BARE_HEADS", "KEEP", "Scored", "literal_second", "offer_common_ancestor", "rank"]

#: candidates kept per field before the caller trims to ``limit``
KEEP = 25
#: raw score below the best answer at which its direct parents are offered
BROADER_PENALTY = 0.15
#: parents offered, at most
MAX_BROADER = 3
#: raw score a parent named with a word of the best answer's label gains over its other parents
KIN_BONUS = 1e-3
#: ... and further below in vocabularies whose parents are classes nobody applies ("alpha-amino
#: acid" above cysteine): there the near misses of the fuzzy stage come first
CLASS_PARENT_PENALTY: dict[str, float] = {"CHEBI": 0.3}
#: how far down the fuzzy ranking an ancestor of the top answer is looked for
GENERAL_WINDOW = 6
#: raw-score gap an ancestor may close to overtake a descendant
GENERAL_MARGIN = 0.15
#: query coverage from which a fuzzy answer counts as accounting for every query word
FULL_COVERAGE = 0.999


class Scored(NamedTuple):
    """A term with its best match (before calibration); a named tuple, as it is built for
    most names a query reaches."""

    term_id: str
    label: str
    raw: float
    match: Match
    how: str  # Candidate.match text
    vocabulary: str
    version: str
    coverage: float = 1.0  # share of the query's words the name accounts for
    name: str = ""  # the normalised name matched ("" for offers derived from another answer)


def leader(best: dict[str, Scored]) -> Scored:
    """The best answer so far (``best`` not empty): highest score, then the central concept."""
    return max(best.values(), key=lambda s: (s.raw, s.match.prior))


def rank(
    best: dict[str, Scored], index: VocabIndex | None = None, query_norm: str = ""
) -> list[Scored]:
    """The answers best first, at most :data:`KEEP`. With the ``index``, the best answer's
    parents and the ancestors the text names (``query_norm``) join the list below it, and the
    candidates the text supports better are moved (see the ``_prefer_*`` functions)."""
    if query_norm and _ANIMAL.search(query_norm) is None:
        _demote_other_species(best, index)
    if index is not None and best:
        top = leader(best)
        if top.match.relation != "id":  # an id names exactly the term it wants
            _add_broader(index, best, top)
            if query_norm:
                _add_named_ancestors(index, best, top, query_norm)
                _prefer_shared_parent(index, best, query_norm)
    ranked = sorted(best.values(), key=lambda s: (-s.raw, -s.match.prior, s.term_id))
    if index is not None:
        ranked = _prefer_general(index, ranked)
        if query_norm:
            ranked = _prefer_untagged(index, ranked, query_norm)
            ranked = _prefer_supported(index, ranked, query_norm)
            ranked = _prefer_narrower(index, ranked, query_norm)
            ranked = _prefer_spelt_label(index, ranked, query_norm)
            ranked = _prefer_gene_named(index, ranked, query_norm)
            ranked = _prefer_stated_form(ranked, query_norm)
            ranked = _prefer_agent(index, ranked, query_norm)
            ranked = _prefer_unnumbered(ranked, query_norm)
    return _few_broader(ranked)[:KEEP]


#: a numbered subtype's label: "retinitis pigmentosa 1", "supranuclear palsy, progressive, 1"
_NUMBERED = re.compile(r"^(?P<base>.+?),?\s+(?:type\s+)?\d+[A-Z]?$")


def _prefer_unnumbered(ranked: list[Scored], query_norm: str) -> list[Scored]:
    """A bare abbreviation that a source files on the first numbered subtype ("PSP", "RP":
    progressive supranuclear palsy 1, retinitis pigmentosa 1) names the disease: the term
    the subtype's label names without its number goes first when it is among the answers."""
    if len(ranked) < 2 or " " in query_norm or ranked[0].match.relation == "fuzzy":
        return ranked
    top = ranked[0]
    numbered = _NUMBERED.match(top.label)
    if numbered is None or top.match.kind == "label" or any(ch.isdigit() for ch in query_norm):
        return ranked
    base = sorted(tokens(normalize(numbered["base"])))
    for other in ranked[1:GENERAL_WINDOW]:
        if sorted(tokens(normalize(other.label))) == base:
            return _lift(ranked, other, top, "unnumbered")
    return ranked


#: parents of the best answer the text does not name, listed before the other readings
MAX_BROADER_AHEAD = 2
_BROADER = "broader than "


def _few_broader(ranked: list[Scored]) -> list[Scored]:
    """Past the first :data:`MAX_BROADER_AHEAD` parents of the best answer the text does not
    name, more parents say less than another reading of the text ("neural crest stem cell":
    a third parent of neural crest cell, below migratory neural crest cell): they go to the
    end, scored just below the last answer kept ahead of them."""
    kept: list[Scored] = []
    later: list[Scored] = []
    ahead = 0
    for i, s in enumerate(ranked):
        broader = i > 0 and s.how.startswith(_BROADER)
        if broader and ahead >= MAX_BROADER_AHEAD:
            later.append(s)
            continue
        ahead += broader
        kept.append(s)
    if not later:
        return ranked
    floor = kept[-1].raw
    return kept + [s._replace(raw=min(s.raw, floor - 1e-6 * (n + 1))) for n, s in enumerate(later)]


#: an animal's name: the species a sample sheet names, and those MONDO files diseases under
_ANIMAL_WORDS = rf"{SPECIES_WORDS}|cats?|buffalo(?:es)?|minks?|tilapia|animals?|non-human animal"
_ANIMAL = re.compile(rf"\b(?:{_ANIMAL_WORDS})\b", re.IGNORECASE)
#: a label naming the animal the term is for, after a comma ("atopy, dog", "atopy, domestic
#: cat", "X, non-human animal": MONDO's non-human animal diseases)
_SPECIES_TAIL = re.compile(rf",(?:\s+[\w-]+)*?\s+(?:{_ANIMAL_WORDS})$", re.IGNORECASE)
_HUMAN = frozenset({"human", "humans", "sapiens"})
#: raw score such a term loses when the text names no animal: as much as a contradiction
OTHER_SPECIES_PENALTY = 0.2
#: MONDO's "non-human animal disease", and how far up its terms' ancestors it is looked for
ANIMAL_DISEASE = "MONDO:0005583"
ANIMAL_DEPTH = 4
#: UBERON's ranges for the terms of one group of animals, imported from their anatomy
#: ontologies: teleosts (2), amphibians (3), fish skeleton (4300000s), insects (6)
_TAXON_RANGE = re.compile(r"UBERON:(?:[236]\d{6}|43\d{5})$")
#: ... which lose only a tie-breaker: a text that names no animal may still be about one
#: ("fat body", "wing disc")
TAXON_RANGE_PENALTY = 0.003


def _demote_other_species(best: dict[str, Scored], index: VocabIndex | None = None) -> None:
    """A text naming no animal means the human disease: the terms for one animal's
    ("allergic rhinitis, cattle", or any MONDO files under non-human animal disease:
    "mucopolysaccharidosis II, Kaka") fall below the answers for it; and a human part, where a
    term for fish, frogs or insects is named the same ("Operculum": of the brain, not the
    teleost's opercle), goes first."""
    for term_id, s in list(best.items()):
        tail = _SPECIES_TAIL.search(s.label) if "," in s.label else None
        animal = tail is not None and tail.group().split()[-1].casefold() not in _HUMAN
        if not animal and index is not None and term_id.startswith("MONDO:1"):
            # (MONDO's animal diseases sit in its 1xxxxxx ids, as do some of its own new terms)
            animal = ANIMAL_DISEASE in index.ancestors(term_id, distance=ANIMAL_DEPTH)
        if animal:
            best[term_id] = s._replace(raw=max(0.0, s.raw - OTHER_SPECIES_PENALTY))
        elif _TAXON_RANGE.match(term_id):
            best[term_id] = s._replace(raw=max(0.0, s.raw - TAXON_RANGE_PENALTY))


#: raw-score gap an ancestor whose every word the query names may close on a fuzzy answer
#: that adds words the query does not have
SUPPORTED_MARGIN = 0.05


#: rewrites that leave a refining detail out
_DETAIL_DROPPED = frozenset({"dash_head", "drop_parenthetical", "head_phrase"})
#: ... or a word that places or refines it ("Distal Femur", "Heart Valve, Mitral")
_WORDS_DROPPED = _DETAIL_DROPPED | {"drop_position", "comma_head"}
#: vocabularies whose texts' dropped details refine the term (anatomy: "Spleen (Red Pulp)");
#: a disease text's ("Keratitis, infectious") more often qualifies a term curators keep
REFINED_FIRST = frozenset({"UBERON", "CL"})
#: words that name a group of animals in anatomy terms ("insect adult brain")
_TAXON_WORDS = frozenset("insect arthropod teleost fish amphibian avian".split())


def _taxon_named(words: list[str]) -> bool:
    return not _TAXON_WORDS.isdisjoint(words) or SPECIES.search(" ".join(words)) is not None


def _another_structure(name: str, said: AbstractSet[str]) -> bool:
    """``name``'s head noun is another structure the text does not name ("small intestine
    arteriole"; "smooth muscle cell of the carotid artery" is still a cell)."""
    words = name.casefold().split(" of ")[0].split()
    return bool(words) and words[-1] in STRUCTURE_NOUNS and words[-1] not in said


#: words a detail in parentheses uses to note the sample, not a part ("Brain (Adult)")
NOTE_WORDS = frozenset(
    "adult fetal foetal embryonic larval juvenile neonatal newborn male female normal".split()
)


def _prefer_supported(index: VocabIndex, ranked: list[Scored], query_norm: str) -> list[Scored]:
    """A fuzzy answer that adds words the user did not write ("CD11c+ dendritic cell":
    CD11c-negative plasmacytoid dendritic cell) yields to an ancestor all of whose words the
    user did write (dendritic cell), when the two score about the same."""
    head = ranked[:GENERAL_WINDOW]
    if len(head) < 2 or head[0].match.relation != "fuzzy":
        return ranked
    top = head[0]
    words = set(query_norm.split())
    if set(normalize(top.label).split()) <= words:
        return ranked
    ancestors = index.ancestors(top.term_id)
    for other in head[1:]:
        if (
            other.term_id in ancestors
            and top.raw - other.raw <= SUPPORTED_MARGIN
            and set(normalize(other.label).split()) <= words
            # "Fibroblast - Lymphatic", "fibroblast (dermal)": the head alone leaves out the
            # detail the user wrote
            and _DETAIL_DROPPED.isdisjoint(other.match.rules)
        ):
            return _lift(ranked, other, top)
    return ranked


#: near names that must each put their own word in the place of one of the text's ...
RIVALS = 3
#: ... scoring within this of the best
RIVAL_SPREAD = 0.08


def _prefer_shared_parent(index: VocabIndex, best: dict[str, Scored], query_norm: str) -> None:
    """Near names that each put their own word where the text has another ("Plasmodium
    knowlesi malaria": falciparum, vivax, malariae malaria) are siblings the text is none
    of: their shared parent, when the text names every word of it (malaria), goes first."""
    top = leader(best)
    if top.match.relation != "fuzzy":
        return  # (most texts: a name met by its key leads)
    # (the parents just offered below the best answer are no near names)
    rivals = sorted(
        (s for s in best.values() if s.match.relation == "fuzzy"),
        key=lambda s: (-s.raw, -s.match.prior, s.term_id),
    )[:RIVALS]
    words = set(query_norm.split())
    if len(rivals) < RIVALS or rivals[0] is not top or top.raw - rivals[-1].raw > RIVAL_SPREAD:
        return
    # ... a word of the text that none of them has
    if words <= set().union(*(normalize(s.label).split() for s in rivals)):
        return
    shared = set.intersection(*({p[0] for p in index.parents(s.term_id)} for s in rivals))
    for parent_id, label, prior, usage in index.parents(top.term_id):
        if parent_id in shared and set(normalize(label).split()) <= words:
            how = "shared by " + ", ".join(s.term_id for s in rivals)
            _offer_broader(index, best, top, parent_id, label, prior, usage, top.raw + 1e-4, how)
            return


def _add_broader(index: VocabIndex, best: dict[str, Scored], top: Scored) -> None:
    """Offer the direct parents of the best answer as lower-ranked alternatives: curators
    often file "CD19+ B cell" or "autoimmune pancreatitis" under the broader term."""
    weight = USAGE_WEIGHT.get(index.vocabulary, 0.0)
    extra = CLASS_PARENT_PENALTY.get(index.vocabulary, 0.0)
    base = top.raw - BROADER_PENALTY - extra - weight * top.match.usage
    words = _label_words(top.label)
    parents = index.parents(top.term_id)
    # a whole the part is named in ("caudate-putamen" above putamen) is the one a curator files
    # under, before classes such as "nucleus of brain": offered first, and just above them
    kin = {p[0] for p in parents if not words.isdisjoint(_label_words(p[1]))}
    for parent_id, label, prior, usage in sorted(parents, key=lambda p: p[0] not in kin)[
        :MAX_BROADER
    ]:
        raw = base + weight * usage + KIN_BONUS * (parent_id in kin)
        how = f"broader than {top.term_id}"
        _offer_broader(index, best, top, parent_id, label, prior, usage, raw, how)


def _offer_broader(
    index: VocabIndex,
    best: dict[str, Scored],
    top: Scored,
    term_id: str,
    label: str,
    prior: float,
    usage: float,
    raw: float,
    how: str,
) -> None:
    """Put ``term_id``, broader than ``top`` (the best answer), among the answers at ``raw``
    (unless it is there already with a better score); ``how`` says why."""
    current = best.get(term_id)
    if current is not None and current.raw >= raw:
        return
    match = Match("broader", prior=prior, vocabulary=index.vocabulary, usage=usage)
    best[term_id] = Scored(
        term_id,
        label,
        raw,
        match,
        how,
        index.vocabulary,
        index.version,
        top.coverage,
    )


#: raw score below the best answer at which an ancestor the text names is offered
NAMED_PENALTY = 0.1
#: named ancestors offered, at most
MAX_NAMED = 2
#: hops up from the best answer searched for ancestors the text names
NAMED_DISTANCE = 5
#: single words that name no kind on their own ("CD8+ T cell" names cell, but says more)
BARE_HEADS = frozenset({"cell", "tissue", "organ", "structure", "part", "region", "disease"})
#: vocabularies whose curators file under a broader term the text names, with the fewest
#: words such a name must have (a chemical's named ancestors are classes such as "carboxylic
#: acid", never what was applied; a disease's one-word ones are "leukemia" or "neoplasm")
NAMED_MIN_WORDS = {"UBERON": 1, "CL": 1, "MONDO": 2}


def _add_named_ancestors(
    index: VocabIndex, best: dict[str, Scored], top: Scored, query_norm: str
) -> None:
    """Offer the ancestors of the best answer that the text itself names by a subset of its
    words: "CD8-positive T cell" names T cell, "L5 dorsal root ganglion" names dorsal root
    ganglion, "left eye" names eye. Curators who file under the broader term choose these,
    not the direct parents."""
    fewest = NAMED_MIN_WORDS.get(index.vocabulary)
    words = set(tokens(query_norm))
    if fewest is None or len(words) < 2:
        return
    named = [
        name
        for name in index.ancestor_names(top.term_id, distance=NAMED_DISTANCE)
        if name.skey not in BARE_HEADS
        and len(name_words := name.skey.split()) >= fewest
        and words.issuperset(name_words)
    ]
    # the most specific first: the name with the most of the text's words
    named.sort(key=lambda name: (-len(name.skey.split()), name.term_id))
    for rank, name in enumerate(named[:MAX_NAMED]):
        raw = top.raw - NAMED_PENALTY - 0.01 * rank
        _offer_broader(
            index,
            best,
            top,
            name.term_id,
            name.label,
            name.prior,
            name.usage,
            raw,
            f"named in the text, broader than {top.term_id}",
        )


#: hops up from each named part searched for the one term they all fall under
COMMON_DISTANCE = 3
#: raw score below the best answer at which that term is offered: above the second name
#: named (a list item costs 0.04 more than the first), which is only part of the sample
COMMON_PENALTY = 0.03
# how far above another shared ancestor one may lie and still be found above it
_ABOVE = 2 * COMMON_DISTANCE


def offer_common_ancestor(index: VocabIndex, best: dict[str, Scored], part_ids: list[str]) -> None:
    """For a text naming several terms ("brain and spinal cord", "B and T cells"), offer the
    lowest term all of them fall under (central nervous system, lymphocyte) beside them:
    curators file such a sample under the whole. Lowest: no other shared ancestor lies below
    it; then the fewest hops from the farthest part, then from all. It goes below the best
    answer so far, as an ancestor the text names would."""
    ids = list(dict.fromkeys(part_ids))
    if len(ids) < 2:
        return
    hops = [_hops(index, term_id) for term_id in ids]
    common = set(hops[0]).intersection(*hops[1:])
    if not common or common.intersection(ids):
        return  # nothing shared near, or one part names the whole ("bladder / urinary tract")
    above_another = set().union(*(index.ancestors(other, distance=_ABOVE) for other in common))
    lowest = common - above_another
    chosen = min(lowest, key=lambda c: (max(h[c] for h in hops), sum(h[c] for h in hops), c))
    named = {a.term_id: a for a in index.ancestor_names(ids[0], distance=COMMON_DISTANCE)}
    found = named.get(chosen)
    if found is None:
        return  # obsolete
    top = max(best.values(), key=lambda s: s.raw, default=None)
    if top is not None:
        raw = top.raw - COMMON_PENALTY
        how = "common to " + ", ".join(ids)
        _offer_broader(index, best, top, chosen, found.label, found.prior, found.usage, raw, how)


def _hops(index: VocabIndex, term_id: str) -> dict[str, int]:
    """``term_id`` and its ancestors up to :data:`COMMON_DISTANCE` hops, with their hops."""
    out = {term_id: 0}
    for distance in range(1, COMMON_DISTANCE + 1):
        for ancestor in index.ancestors(term_id, distance=distance):
            out.setdefault(ancestor, distance)
    return out


#: hops down from the best answer within which a candidate naming the words it leaves out
#: is moved up to second place
NARROWER_DISTANCE = 3
#: how far down the ranking such a candidate is looked for
NARROWER_WINDOW = 12
#: words that leave nothing out when an answer lacks them
_UNINFORMATIVE = BARE_HEADS | {"cells", "human", "normal", "primary", "type", "whole", "area"}


#: words that mean the same in the names the rewrites reach ("cancer_to_carcinoma")
_SAME_WORD = {**ANATOMICAL_ADJECTIVES, **ORDINAL_WORDS, "cancer": "carcinoma"}


@functools.lru_cache(maxsize=1 << 16)
def _label_words(label: str) -> frozenset[str]:
    """The words of a term's label as keys have them (cached: the best answers' parents
    come back query after query)."""
    return frozenset(tokens(normalize(label)))


@functools.lru_cache(maxsize=1 << 16)
def _stem_words(norm: str) -> frozenset[str]:
    """Words of a normalised name, organ adjectives read as their nouns (cortical = cortex)."""
    return frozenset(_SAME_WORD.get(w, w) for w in tokens(norm))


def _names_word(words: AbstractSet[str], word: str) -> bool:
    """``word`` is among ``words``, or a long word contains or is contained in one of them
    (periprostatic, prostatic) other than as its negation (nonsenile, senile)."""
    if word in words:
        return True
    return len(word) >= 6 and any(
        len(w) >= 6 and (word in w or w in word) and "non" + w != word and "non" + word != w
        for w in words
    )


def _unexplained(top: Scored, said: AbstractSet[str]) -> list[str]:
    """The informative words of the text (``said``) that the name reaching ``top`` lacks."""
    explained = _stem_words(top.name)
    return [w for w in said if w not in _UNINFORMATIVE and not _names_word(explained, w)]


_BOTH_SIDES = frozenset({"bilateral", "both"})


def _prefer_narrower(index: VocabIndex, ranked: list[Scored], query_norm: str) -> list[Scored]:
    """When the name that reached the best answer leaves words of the text unexplained
    ("left thyroid": thyroid gland, no left), the first candidate below that is a
    descendant of it and whose matched name explains those words (left lobe of thyroid
    gland) moves up to second place. It stays below: curators split on how specific to go,
    and the words left out may be noise. In anatomy (:data:`REFINED_FIRST`), when the best
    answer was reached by dropping those words ("Spleen (Red Pulp)", "Distal Femur") and the
    descendant adds at most one word of its own (red pulp of spleen, distal epiphysis of
    femur), it goes first: it is what the text says."""
    if len(ranked) < 3 or not ranked[0].name:
        return ranked
    top = ranked[0]
    said = _stem_words(query_norm)
    left = _unexplained(top, said)
    if left:
        # a word naming a whole the answer lies in places it, refining nothing ("Bronchiole
        # (lung)": the bronchiole, not the left lung's)
        wholes = {
            w
            for a in index.ancestor_names(top.term_id, distance=NARROWER_DISTANCE)
            for w in _stem_words(normalize(a.label))
        }
        # ... nor does "bilateral" ("amygdala, bilateral" is no lateral amygdaloid nucleus)
        left = [w for w in left if w not in wholes and w not in _BOTH_SIDES]
    if not left:
        return ranked
    dropped = (
        index.vocabulary in REFINED_FIRST
        and not _WORDS_DROPPED.isdisjoint(top.match.rules)
        and not set(left) <= NOTE_WORDS  # "Brain (Adult)": a note on the sample
    )
    fits = []  # (words the name adds, its place, the answer)
    for place, other in enumerate(ranked[1:NARROWER_WINDOW], 1):
        words = _stem_words(other.name)
        if all(_names_word(words, w) for w in left) and top.term_id in index.ancestors(
            other.term_id, distance=NARROWER_DISTANCE
        ):
            added = [w for w in words - said if w not in _UNINFORMATIVE]
            strange = _taxon_named(added) or _another_structure(other.name, said)
            fits.append((len(added) + 2 * strange, place, other))
    if not fits:
        return ranked
    extra, place, chosen = min(fits) if dropped else fits[0]
    how = f"{chosen.how}, narrower than {top.term_id}"
    if dropped and extra <= 1:
        return _lift(ranked, chosen._replace(how=how), top)
    second = [f for f in fits if f[1] >= 2]
    return _as_second(ranked, second[0][2], how) if second else ranked


#: raw score an answer under the head that explains the tail may lack and still go above
#: the head's own term ("Fibroblast - Lymphatic": fibroblast of lymphatic vessel): what the
#: head itself lost for leaving the tail out (dash_head)
REFINED_MARGIN = 0.15


def prefer_refinement(
    best: dict[str, Scored],
    heads: AbstractSet[str],
    under: AbstractSet[str],
    tail_norm: str,
    margin: float = REFINED_MARGIN,
) -> None:
    """ "Head - Tail": the tail refines the head, so when the head's own term leads, the best
    answer under the head whose name explains every word of the tail goes just above it
    (the head was reached only by leaving the tail out), if it scores within ``margin`` of
    the head."""
    if not best or not under:
        return
    top = leader(best)
    said = _stem_words(tail_norm)
    wanted = [w for w in said if w not in _UNINFORMATIVE]
    if top.term_id not in heads or not wanted:
        return
    fits = [
        s
        for term_id, s in best.items()
        if term_id in under
        and any(
            all(_names_word(_stem_words(name), w) for w in wanted)
            and not _another_structure(name, said)
            for name in {s.name, s.label}  # reached by a loose name, its label may say it
            if name
        )
    ]
    if not fits:
        return
    chosen = max(fits, key=lambda s: (s.raw, s.match.prior))
    if top.raw - chosen.raw <= margin:
        best[chosen.term_id] = chosen._replace(raw=top.raw + 1e-4)


# a surface marker and what a sorting gate or a CL name says of it: "CD4+", "CD25hi",
# "CD45RA-", "CD56bright" in a text; "CD4-positive", "CD56-bright" in a name
_MARKED = re.compile(
    rf"(?<![\w-])({MARKER_NAME})(?:[- ]?(positive|negative|pos|neg|bright|dim|high|low)\b|"
    r"(\+\+|\+|-(?![a-z0-9])|−|hi\b|lo\b|high\b|low\b|bright\b|dim\b))",
    re.IGNORECASE,
)
#: what a sign or intensity says, in one of four degrees
_DEGREE = {
    **dict.fromkeys(("+", "positive", "pos"), "+"),
    **dict.fromkeys(("++", "hi", "high", "bright"), "hi"),
    **dict.fromkeys(("lo", "low", "dim"), "lo"),
    **dict.fromkeys(("-", "−", "negative", "neg"), "-"),
}
#: degrees a text's marker may have for a name's to hold ("CD4-positive" holds of "CD4hi")
_HOLDS = {"+": {"+", "hi", "lo"}, "hi": {"hi"}, "lo": {"lo"}, "-": {"-"}}
#: words CL puts in the names of sorted populations that a gate leaves unsaid
_GATED_NAME_WORDS = frozenset("alpha beta thymus derived human mouse cell cells".split())


def _markers(text: str) -> dict[str, str]:
    return {m[1].casefold(): _DEGREE[(m[2] or m[3]).casefold()] for m in _MARKED.finditer(text)}


def prefer_marked(
    best: dict[str, Scored], heads: AbstractSet[str], under: AbstractSet[str], gate: str
) -> None:
    """A gate of markers before the name of a population ("CD4+CD45RA+CCR7+ naive T cells")
    picks, among the answers under the population's own term, the one CL names by the most
    of those markers and by no marker the gate lacks or contradicts (naive thymus-derived
    CD4-positive, alpha-beta T cell); it goes first when that term leads."""
    said = _markers(gate)
    if not best or not said or not under:
        return
    top = leader(best)
    if top.term_id not in heads:
        return
    allowed = set(tokens(normalize(top.label))) | set(tokens(normalize(gate))) | _GATED_NAME_WORDS
    fits = []
    for term_id in under:
        s = best[term_id]
        named = _markers(s.label)
        if not named or any(said.get(m) not in _HOLDS[d] for m, d in named.items()):
            continue
        words = _MARKED.sub(" ", s.label.replace(",", " "))
        if set(tokens(normalize(words))) <= allowed:
            fits.append((len(named), s.raw, s))
    if fits:
        chosen = max(fits, key=lambda f: (f[0], f[1]))[2]
        best[chosen.term_id] = chosen._replace(raw=top.raw + 1e-4, how=f"{chosen.how}, gated")


def _prefer_general(index: VocabIndex, ranked: list[Scored]) -> list[Scored]:
    """Among fuzzy answers that all account for every word of the query, put an ancestor
    above its descendants: the extra words of the descendant are a guess the user did not
    make ("CD4+ T cells": CD4-positive, alpha-beta T cell, not its child CD4-positive helper
    T cell)."""
    head = ranked[:GENERAL_WINDOW]
    if not head or head[0].match.relation != "fuzzy":
        return ranked
    full = [s for s in head if s.coverage >= FULL_COVERAGE and s.match.relation == "fuzzy"]
    if len(full) < 2:
        return ranked
    top = full[0]
    lifted = None
    ancestors = index.ancestors(top.term_id)
    for other in full[1:]:
        if other.term_id in ancestors and top.raw - other.raw <= GENERAL_MARGIN:
            lifted = other
            break
    if lifted is None:
        return ranked
    return _lift(ranked, lifted, top)


#: a label ending in one species' tag: atlas terms for one species' data ("striatal VIP
#: GABAergic interneuron (Primate)", "... (Mmus)"), next to the general kind they refine
_TAXON_TAG = re.compile(
    r"\((?:Mmus|Hsap|Primate|Homo sapiens|Mus musculus|Callithrix jacchus|Macaca \w+)\)\s*$"
)


def _prefer_untagged(index: VocabIndex, ranked: list[Scored], query_norm: str) -> list[Scored]:
    """A text naming no species ("Vip", "Sst Chodl") means the general kind, not one
    species' atlas term that happens to list the name: the nearest untagged ancestor among
    the answers goes above it."""
    head = ranked[:GENERAL_WINDOW]
    if len(head) < 2 or not _TAXON_TAG.search(head[0].label):
        return ranked
    if SPECIES.search(query_norm):
        return ranked
    ancestors = index.ancestors(head[0].term_id)
    for other in head[1:]:
        if other.term_id in ancestors and not _TAXON_TAG.search(other.label):
            return _lift(ranked, other, head[0])
    return ranked


#: per vocabulary, the root of the terms naming what a chemical does rather than a chemical
ROLE_ROOTS = {"CHEBI": "CHEBI:50906"}
#: ... and of the terms naming an element's atom, which a text names for the salt beside it
#: ("copper (CuSO4·5H2O)", "Cd (CdCl2)")
ELEMENT_ROOTS = {"CHEBI": "CHEBI:33250"}
#: the rules that read a text's parenthesis apart from the rest
_PARENTHESIS_READ = frozenset({"parenthetical_only", "drop_parenthetical"})
#: hops up from a term to its role root (ChEBI's roles nest about ten deep)
ROLE_DISTANCE = 16


def _prefer_agent(index: VocabIndex, ranked: list[Scored], query_norm: str) -> list[Scored]:
    """A text naming a role, class or element and, in parentheses, a compound or the other way
    round ("auxin (IAA)", "MG132 (proteasome inhibitor)", "copper (CuSO4·5H2O)") was treated
    with the compound: when the best answer is a role, an element or a class of the compound,
    and another answer's name says every word the best one left out and no other (or reads
    the parenthesis), that answer goes first. (Written without the parentheses, "calcium
    ionophore A23187", curators keep the role as often.)"""
    root = ROLE_ROOTS.get(index.vocabulary)
    if root is None or len(ranked) < 2 or not ranked[0].name:
        return ranked
    top = ranked[0]
    said = _stem_words(query_norm)
    left = _unexplained(top, said)
    if not left:
        return ranked
    roots = {root, ELEMENT_ROOTS.get(index.vocabulary, root)}
    role = not roots.isdisjoint(index.ancestors(top.term_id, distance=ROLE_DISTANCE))
    for other in ranked[1:NARROWER_WINDOW]:
        words = _stem_words(other.name) if other.name else frozenset()
        # ... or it is the parenthesis's own reading ("CuSO4·5H2O": copper(II) sulfate)
        read = "parenthetical_only" in other.match.rules
        if not read and (not words or not words.issuperset(left) or not words <= said):
            continue
        if _PARENTHESIS_READ.isdisjoint((*top.match.rules, *other.match.rules)):
            continue
        ancestors = index.ancestors(other.term_id, distance=ROLE_DISTANCE)
        if roots.isdisjoint(ancestors) and (role or top.term_id in ancestors):
            return _lift(ranked, other, top, f"named with {top.term_id}")
    return ranked


def _prefer_spelt_label(index: VocabIndex, ranked: list[Scored], query_norm: str) -> list[Scored]:
    """One name given to a term and to its descendant ("amygdala central nucleus": a synonym
    of amygdala in EFO, of central amygdaloid nucleus in MeSH) means the descendant when the
    text spells out every word of the descendant's own label, which says more."""
    if len(ranked) < 2 or not ranked[0].name or ranked[0].name != ranked[1].name:
        return ranked
    top, second = ranked[0], ranked[1]
    said = _stem_words(query_norm)
    own = _stem_words(normalize(second.label)) - _UNINFORMATIVE
    if len(own) <= len(_stem_words(normalize(top.label)) - _UNINFORMATIVE):
        return ranked
    if not all(_names_word(said, w) for w in own):
        return ranked
    if top.term_id not in index.ancestors(second.term_id, distance=NARROWER_DISTANCE):
        return ranked
    return _lift(ranked, second, top, "its own label spelt")


def _prefer_gene_named(index: VocabIndex, ranked: list[Scored], query_norm: str) -> list[Scored]:
    """A form of the best answer named for the gene the text says causes it ("LRRK2-associated
    Parkinson disease": LRRK2 Parkinson disease) goes first: a gene is never a note."""
    if len(ranked) < 2:
        return ranked
    top = ranked[0]
    said = set(tokens(query_norm)) - set(tokens(top.name))
    for other in ranked[1:NARROWER_WINDOW]:
        if (
            "gene_named" in other.match.rules
            and other.match.relation != "fuzzy"
            and not said.isdisjoint(tokens(other.name))
            and top.term_id in index.ancestors(other.term_id, distance=NARROWER_DISTANCE)
        ):
            return _lift(ranked, other, top, f"narrower than {top.term_id}")
    return ranked


#: the words of a stereo descriptor as keys spell them ("L-", "(S,R)-", "cis-")
_STEREO_WORDS = frozenset("l d dl r s rs e z cis trans".split())


def _prefer_stated_form(ranked: list[Scored], query_norm: str) -> list[Scored]:
    """The text names a form ("L-buthionine sulfoximine") and the best answer was reached by
    leaving it out (the DL mixture's "buthionine sulfoximine"): a name with the same words
    that opens with the text's descriptor (L-buthionine-(S,R)-sulfoximine) goes first."""
    if len(ranked) < 2 or "strip_stereo" not in ranked[0].match.rules:
        return ranked
    said, rest = _stereo_lead(tokens(query_norm))
    if not said or not rest:
        return ranked
    for other in ranked[1:GENERAL_WINDOW]:
        if _stereo_lead(tokens(other.name)) == (said, rest):
            return _lift(ranked, other, ranked[0], "the form the text names")
    return ranked


def _stereo_lead(words: list[str]) -> tuple[list[str], list[str]]:
    """The descriptor words a name opens with, and its other words without descriptors."""
    n = next((i for i, w in enumerate(words) if w not in _STEREO_WORDS), len(words))
    return words[:n], [w for w in words[n:] if w not in _STEREO_WORDS]


def _lift(ranked: list[Scored], lifted: Scored, above: Scored, why: str = "") -> list[Scored]:
    """``ranked`` with ``lifted`` moved just before ``above``, scoring a hair more (``why``,
    when given, is added to how it was matched)."""
    rest = [s for s in ranked if s.term_id != lifted.term_id]
    at = rest.index(above)
    how = f"{lifted.how}, {why}" if why else lifted.how
    return [*rest[:at], lifted._replace(raw=above.raw + 1e-4, how=how), *rest[at:]]


def _as_second(ranked: list[Scored], chosen: Scored, how: str | None = None) -> list[Scored]:
    """``ranked`` with ``chosen`` moved to second place, scoring a hair more than the old
    second but never more than the first."""
    rest = [s for s in ranked if s.term_id != chosen.term_id]
    raw = min(rest[0].raw, rest[1].raw + 1e-4)
    return [rest[0], chosen._replace(raw=raw, how=chosen.how if how is None else how), *rest[1:]]


def literal_second(ranked: list[Scored], rules: tuple[str, ...]) -> list[Scored]:
    """When a peer rewrite won ("gastric cancer" read as gastric carcinoma), the term whose
    label the text spells goes right below it: the user may have meant just that."""
    if len(ranked) < 3 or ranked[0].match.rules == rules:
        return ranked
    for other in ranked[2:]:
        if (
            other.match.rules == rules
            and other.match.kind == "label"
            and other.match.relation in ("exact", "normalized")
        ):
            return _as_second(ranked, other)
    return ranked
