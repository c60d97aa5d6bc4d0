"""Typo- and wording-tolerant candidates: cheap inverted indexes first, rapidfuzz last.

1. Each query word is looked up in the word index; a word the vocabulary does not know is
   matched to known words sharing character trigrams (``fluourouracil`` -> ``fluorouracil``);
   related words count for less: the same stem (``obese`` -> ``obesity``) or the word left
   after a locative prefix (``subcutaneous`` -> ``cutaneous``).
2. Every name containing one of those words gets the summed rarity (idf) of the query words
   it contains; with the idf mass of the query and of the name this gives how much of each the
   shared words cover (recall and precision of words), vectorised with numpy.
3. Only the best :data:`MAX_CANDIDATES` names by that word score reach rapidfuzz, which adds
   a character-level similarity.

No step loops in Python over every name: postings are numpy arrays read from the index.
"""

from __future__ import annotations

import heapq
import math
import sys
from array import array
from typing import Any, NamedTuple

from synthquery.resolve.index import NameRow, VocabIndex
from synthquery.resolve.normalize import STOPWORDS, compact_key, light_stem
from synthquery.resolve.score import COVERAGE_BETA, string_similarity, word_score

__all__ = ["MAX_CANDIDATES", "FuzzyHit", "fuzzy_search", "look_alike_words"]

#: names rescored with rapidfuzz per query
MAX_CANDIDATES = 16
#: known words considered as spellings of one unknown query word
MAX_NEIGHBOURS = 4
#: minimal rapidfuzz ratio (0-100) for an unknown word to count as a typo of a known one
MIN_WORD_RATIO = 78.0
#: a known word two or more edits away is a look-alike more than a typo ("herbacetin" for
#: "Herceptin"): its ratio counts this much (one edit away it counts whole)
LOOKALIKE_WEIGHT = 0.9
#: words shorter than this are never typo-matched (too many neighbours)
MIN_TYPO_LENGTH = 4
#: known words with a trigram in common that are compared with an unknown word, at most
MAX_TYPO_PROBES = 150
#: words related by a shared stem ("obese" -> "obesity") count this much of a real match
DERIVED_WEIGHT = 0.8
#: derived words considered per query word, at most
MAX_DERIVED = 3
#: indexed words starting with the stem that are examined, at most
MAX_PREFIX_PROBES = 16
#: a word's remainder after a locative or counting prefix counts this much ("subcutaneous" ->
#: "cutaneous"): related, but another place; "pre"/"post" name another stage, so not those
PREFIXED_WEIGHT = 0.6
_PREFIXES = (
    "extra", "infra", "inter", "intra", "multi", "para", "peri", "poly", "retro", "supra",
    "trans", "sub",
)  # fmt: skip
#: shortest remainder that counts ("extranodal" -> "nodal")
MIN_REMAINDER = 5
#: shorter stems are too ambiguous to expand ("limbus" -> "limb")
MIN_STEM = 5
#: query words shorter than this get no derived words
MIN_DERIVED_LENGTH = 5

#: total posting length up to which plain Python accumulates once numpy is loaded ...
SMALL_POSTINGS = 600
#: ... and before it is: importing numpy costs more than adding up this many ids in Python
COLD_POSTINGS = 3000
#: a posting longer than this ("cell", "acid") is first read only up to :data:`HEAD_NAMES`
BIG_POSTING = 2048
#: ... names (its shortest): the rest can only matter through the other query words
HEAD_NAMES = 64
#: the same threshold for scoring names (numpy's scatter/gather count is cheap; measured)
SMALL_NAME_POSTINGS = 120

#: a word in more than this share of the names ("acid", "cell") is not fetched when the query
#: has a rarer known word: it would cost the most and decide the least
COMMON_WORD_SHARE = 0.02


class _Part(NamedTuple):
    """The names holding one word, and what that word is worth to the query and to a name.

    The two differ only for a typo: an unknown query word is as rare as a word can be, so
    every known spelling of it repays its full weight (times how alike they look), while a
    name is credited with what the known word weighs in it. Otherwise a rare look-alike
    ("iridoblast") would beat a common one ("fibroblast") for "firboblast"."""

    post: bytes
    query_weight: float
    name_weight: float


class FuzzyHit(NamedTuple):  # a named tuple: cheap to build, one per rescored name
    row: NameRow
    similarity: float  # character-level similarity of query and name, [0, 1]
    query_coverage: float  # share of the query's idf mass found in the name
    name_coverage: float  # share of the name's idf mass found in the query


def _plain_python(size: int, small: int = SMALL_POSTINGS) -> bool:
    """Whether ``size`` ids are cheaper to add up in Python than with numpy right now."""
    return size <= small or ("numpy" not in sys.modules and size <= COLD_POSTINGS)


def _count(ids: Any, weights: Any | None, size: int) -> tuple[Any, Any]:
    """(unique ids, summed weights): dense bincount for big inputs, sort for small ones."""
    import numpy as np

    # measured: the dense count (O(size)) beats the sort (O(n log n)) from about size/12 ids
    if ids.size * 12 > size:
        acc = np.bincount(ids, weights=weights, minlength=size)
        uniq = np.flatnonzero(acc)
        return uniq, acc[uniq]
    uniq, inverse = np.unique(ids, return_inverse=True)
    return uniq, np.bincount(inverse, weights=weights)


def _accumulate(index: VocabIndex, ids: Any, *weights: Any) -> tuple[Any, ...]:
    """(distinct ids, summed weights, ...) in O(len(ids)), one sum per weight array: neither
    a sort nor a pass over every name. Each id's slot in a scratch array records the position
    of one of its occurrences, which picks exactly one representative per id; the sums run
    in input order, as ``np.bincount`` over a sorted inverse would."""
    import numpy as np

    pos, slot, _mask = index.scratch()
    order = np.arange(ids.size)
    pos[ids] = order
    first = np.flatnonzero(pos[ids] == order)
    uniq = ids[first]
    slot[uniq] = np.arange(first.size)
    slots = slot[ids]
    return (uniq, *(np.bincount(slots, weights=w, minlength=first.size) for w in weights))


def _cached(kind: str, index: VocabIndex, word: str, find: Any) -> list[tuple[float, bytes, int]]:
    """``find(index, word)`` through the index's neighbour cache (words recur across queries)."""
    return index.neighbours.get_or_compute(  # type: ignore[no-any-return]
        (kind, word),
        lambda: find(index, word),
        lambda found: 64 + sum(len(post) for _, post, _ in found),
    )


def _typo_neighbours(index: VocabIndex, word: str) -> list[tuple[float, bytes, int]]:
    """Known words that look like ``word``: ``(ratio 0-1, posting, df)``, best first."""
    return _cached("typo", index, word, _find_typo_neighbours)


def _find_typo_neighbours(index: VocabIndex, word: str) -> list[tuple[float, bytes, int]]:
    from rapidfuzz import fuzz
    from rapidfuzz.distance import OSA

    close = []
    for tokid, text in look_alike_words(index, word):
        ratio = fuzz.ratio(word, text)
        if ratio >= MIN_WORD_RATIO and text != word:
            far = OSA.distance(word, text, score_cutoff=1) > 1
            close.append((ratio / 100.0 * (LOOKALIKE_WEIGHT if far else 1.0), tokid))
    close.sort(key=lambda x: -x[0])
    ratios = dict((tokid, r) for r, tokid in close[:MAX_NEIGHBOURS])
    out = [(ratios[tokid], post, df) for tokid, _t, df, post in index.words_by_id(ratios)]
    out.sort(key=lambda x: -x[0])
    return out


def look_alike_words(index: VocabIndex, word: str) -> list[tuple[int, str]]:
    """``(tokid, text)`` of the indexed words sharing the most character trigrams with
    ``word``: at most :data:`MAX_TYPO_PROBES`, each sharing at least 0.4 trigrams per letter
    of ``word`` (cached: spelling correction and the typo search both ask)."""
    return index.neighbours.get_or_compute(  # type: ignore[no-any-return]
        ("look", word),
        lambda: _look_alike_words(index, word),
        lambda found: 64 + sum(48 + len(text) for _, text in found),
    )


def _look_alike_words(index: VocabIndex, word: str) -> list[tuple[int, str]]:
    blobs, swapped = index.typo_postings(word)
    # the words with the same letters first: a swap of two is one keystroke ("kindey")
    swapped = swapped[:MAX_TYPO_PROBES]
    if not blobs:
        return index.word_texts(swapped) if swapped else []
    need = max(2, math.ceil(len(word) * 0.4))
    size = sum(len(b) for b in blobs) // 4
    if _plain_python(size):
        counts: dict[int, int] = {}
        for blob in blobs:
            ids = array("I")
            ids.frombytes(blob)
            for tokid in ids:
                counts[tokid] = counts.get(tokid, 0) + 1
        probes = heapq.nlargest(MAX_TYPO_PROBES, ((c, -t) for t, c in counts.items() if c >= need))
        candidates = [-neg for _, neg in probes]
    else:
        import numpy as np

        all_ids = np.concatenate([np.frombuffer(b, dtype=np.uint32) for b in blobs])
        uniq, tally = _count(all_ids, None, index.n_words + 1)
        mask = tally >= need
        uniq, tally = uniq[mask], tally[mask]
        if uniq.size > MAX_TYPO_PROBES:
            order = np.lexsort((uniq, -tally))[:MAX_TYPO_PROBES]
            uniq = uniq[order]
        candidates = uniq.tolist()
    seen = set(swapped)
    candidates = [*swapped, *(c for c in candidates if c not in seen)]
    return index.word_texts(candidates) if candidates else []


def _unprefixed_words(index: VocabIndex, word: str) -> list[tuple[float, bytes, int]]:
    """The indexed word left when a locative or counting prefix is taken off ``word``."""
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_REMAINDER:
            hit = index.word(word[len(prefix) :])
            return [] if hit is None else [(PREFIXED_WEIGHT, hit[2], hit[1])]
    return []


def _derived_words(index: VocabIndex, word: str) -> list[tuple[float, bytes, int]]:
    """Indexed words sharing ``word``'s light stem: ``(weight, posting, df)``."""
    return _cached("derived", index, word, _find_derived_words)


def _find_derived_words(index: VocabIndex, word: str) -> list[tuple[float, bytes, int]]:
    stem = light_stem(word)
    if len(stem) < MIN_STEM:
        return []
    close = []
    for tokid, text, _df in index.words_with_prefix(stem, limit=MAX_PREFIX_PROBES):
        if text == word or not text.isalpha():
            continue
        if light_stem(text) == stem or len(text) - len(stem) <= 4:
            close.append((abs(len(text) - len(word)), tokid))
    close.sort()
    wanted = [tokid for _, tokid in close[:MAX_DERIVED]]
    return [(DERIVED_WEIGHT, post, df) for _tokid, _t, df, post in index.words_by_id(wanted)]


def fuzzy_search(
    index: VocabIndex,
    query_norm: str,
    *,
    limit: int = MAX_CANDIDATES,
    typos: bool = True,
    identifier: bool = False,
) -> list[FuzzyHit]:
    """The names of ``index`` sharing the most (idf-weighted) words with the normalised query.

    ``identifier``: the names are codes (cell lines), so a typo may also hide in the words run
    together ("bipsc a2" -> "bcipsc a2").
    """
    words = [w for w in dict.fromkeys(query_norm.split()) if w not in STOPWORDS]
    if not words:
        return []
    n_names = max(index.n_names, 1)
    max_idf = math.log(1 + n_names)
    parts: list[_Part] = []
    total = 0.0
    hits = {word: index.word(word) for word in words}
    known_df = [h[1] for h in hits.values() if h is not None]
    common = COMMON_WORD_SHARE * n_names
    # only for the cheap alternatives pass (no typo search): the full pass keeps every word
    skip_common = not typos and bool(known_df) and min(known_df) <= common
    for word in words:
        hit = hits[word]
        typo_weight = 0.0
        if hit is not None:
            total += math.log(1 + n_names / max(hit[1], 1))
            matches = [] if skip_common and hit[1] > common else [(1.0, hit[2], hit[1])]
        else:
            total += max_idf
            matches = []
            if typos and len(word) >= MIN_TYPO_LENGTH and not word.isdigit():
                matches = list(_typo_neighbours(index, word))
                typo_weight = max_idf
        if typos and len(word) >= MIN_DERIVED_LENGTH and word.isalpha():
            matches = matches + _derived_words(index, word) + _unprefixed_words(index, word)
        for ratio, post, df in matches:
            weight = math.log(1 + n_names / max(df, 1))
            query_weight = typo_weight if typo_weight and ratio < 1.0 else weight
            parts.append(_Part(post, query_weight * ratio * ratio, weight * ratio * ratio))
    if len(words) > 1:
        # the words run together ("gall bladder" -> "gallbladder", "k alb" -> "k-balb") stand
        # for the whole query; short names are indexed that way too
        compact = compact_key(query_norm, identifier=identifier)
        hit = index.word(compact)
        if hit is not None:
            parts.append(_Part(hit[2], total, total))
        elif typos and identifier and MIN_TYPO_LENGTH <= len(compact) <= 24:
            parts += [
                _Part(post, total * r * r, total * r * r)
                for r, post, _df in _typo_neighbours(index, compact)
            ]
    if not parts or total <= 0:
        return []
    size = sum(len(part.post) for part in parts) // 4
    if len(parts) == 1:
        chosen = _best_single(index, parts[0], total, limit)
    elif _plain_python(size, SMALL_NAME_POSTINGS):
        chosen = _best_small(index, parts, total, limit)
    else:
        chosen = _best_numpy(index, parts, total, limit, n_names)
    out = []
    for row in index.by_nids(chosen):
        q_cov, n_cov = chosen[row.nid]
        out.append(FuzzyHit(row, string_similarity(query_norm, row.norm), q_cov, n_cov))
    return out


def _best_single(
    index: VocabIndex, part: _Part, total: float, limit: int
) -> dict[int, tuple[float, float]]:
    """One posting: every name gets the same weight, so the word score falls with the name's
    idf mass, and postings are stored shortest name first: the head is the answer."""
    head = array("I")
    head.frombytes(part.post[: 4 * limit])
    mass = index.name_values("mass")
    q_cov = min(part.query_weight / total, 1.0)
    weight = part.name_weight
    return {nid: (q_cov, min(weight / max(mass[nid], 1e-6), 1.0)) for nid in head}


def _best_small(
    index: VocabIndex, parts: list[_Part], total: float, limit: int
) -> dict[int, tuple[float, float]]:
    """Plain-Python accumulation for short postings (no numpy import on the common path)."""
    acc: dict[int, float] = {}
    get = acc.get
    typo = [part for part in parts if part.query_weight != part.name_weight]
    for post, _query_weight, weight in parts:
        ids = array("I")
        ids.frombytes(post)
        for nid in ids:
            acc[nid] = get(nid, 0.0) + weight
    # the query side differs from the name side only by the typos' extra credit
    extra: dict[int, float] = {}
    for post, query_weight, weight in typo:
        ids = array("I")
        ids.frombytes(post)
        for nid in ids:
            extra[nid] = extra.get(nid, 0.0) + query_weight - weight
    mass = index.name_values("mass")
    scored: list[tuple[float, int, float, float]] = []
    append = scored.append
    b2 = COVERAGE_BETA * COVERAGE_BETA  # word_score() inlined: this loop is hot
    for nid, value in acc.items():
        q_cov = (value + extra.get(nid, 0.0)) / total if extra else value / total
        if q_cov > 1.0:
            q_cov = 1.0
        m = mass[nid]
        n_cov = value / m if m > 1e-6 else 1.0
        if n_cov > 1.0:
            n_cov = 1.0
        append(((1 + b2) * q_cov * n_cov / (b2 * n_cov + q_cov + 1e-9), -nid, q_cov, n_cov))
    best = heapq.nlargest(limit, scored)
    return {-neg: (q_cov, n_cov) for _, neg, q_cov, n_cov in best}


def _best_numpy(
    index: VocabIndex, parts: list[_Part], total: float, limit: int, n_names: int
) -> dict[int, tuple[float, float]]:
    """Vectorised accumulation for long postings ("acid" in ChEBI)."""
    import numpy as np

    id_parts = [np.frombuffer(part.post, dtype=np.uint32) for part in parts]
    weights = _Weights([p.query_weight for p in parts], [p.name_weight for p in parts])
    if len(parts) > 1 and any(ids.size > BIG_POSTING for ids in id_parts):
        chosen = _best_pruned(index, id_parts, weights, total, limit)
        if chosen is not None:
            return chosen
    return _select(index, id_parts, weights, total, limit)


class _Weights(NamedTuple):
    """Per posting: its word's worth to the query and to a name (see :class:`_Part`)."""

    query: list[float]
    name: list[float]


def _best_pruned(
    index: VocabIndex, id_parts: list[Any], weights: _Weights, total: float, limit: int
) -> dict[int, tuple[float, float]] | None:
    """:func:`_select` over fewer names, or None when that could change the answer.

    The candidates are every name of the short postings and the first :data:`HEAD_NAMES`
    (shortest) names of each long one. A name left out occurs only in long postings, past
    their heads: its summed weight is at most that of the long postings and its idf mass at
    least the smallest mass past a head, which bounds its word score. When ``limit``
    candidates score clearly above that bound the left-out names cannot reach (or tie at)
    the cut, so the result is the full computation's."""
    import numpy as np

    big = [ids.size > BIG_POSTING for ids in id_parts]
    _pos, _slot, mask = index.scratch()
    wanted = np.concatenate(
        [ids[:HEAD_NAMES] if is_big else ids for ids, is_big in zip(id_parts, big, strict=True)]
    )
    mask[wanted] = True
    try:
        kept = [
            ids[mask[ids]] if is_big else ids for ids, is_big in zip(id_parts, big, strict=True)
        ]
    finally:
        mask[wanted] = False
    mass = index.name_array("mass")
    big_query = sum(w for w, is_big in zip(weights.query, big, strict=True) if is_big)
    big_name = sum(w for w, is_big in zip(weights.name, big, strict=True) if is_big)
    least_mass = min(
        float(mass[ids[HEAD_NAMES]]) for ids, is_big in zip(id_parts, big, strict=True) if is_big
    )
    # word_score grows with both coverages, so the summed weights bound it
    bound = float(
        word_score(min(big_query / total, 1.0), min(big_name / max(least_mass, 1e-6), 1.0))
    )
    chosen, ranks = _select(index, kept, weights, total, limit, with_ranks=True)
    # a relative margin far above float rounding keeps near-ties on the safe side
    if len(chosen) < limit or min(ranks) <= bound * (1 + 1e-9) + 1e-12:
        return None
    return chosen


def _select(
    index: VocabIndex,
    id_parts: list[Any],
    weights: _Weights,
    total: float,
    limit: int,
    *,
    with_ranks: bool = False,
) -> Any:
    """The best ``limit`` names by word score over the postings ``id_parts`` (and, with
    ``with_ranks``, their scores)."""
    import numpy as np

    sizes = [ids.size for ids in id_parts]
    ids = np.concatenate(id_parts)
    name_w = np.repeat(np.array(weights.name, dtype=np.float64), sizes)
    if weights.query == weights.name:
        uniq, name_acc = _accumulate(index, ids, name_w)
        query_acc = name_acc
    else:
        query_w = np.repeat(np.array(weights.query, dtype=np.float64), sizes)
        uniq, query_acc, name_acc = _accumulate(index, ids, query_w, name_w)
    mass = index.name_array("mass")[uniq]
    query_cov = np.minimum(query_acc / total, 1.0)
    name_cov = np.minimum(name_acc / np.maximum(mass, 1e-6), 1.0)
    rank = word_score(query_cov, name_cov)
    keep = min(limit, uniq.size)
    if uniq.size > keep:
        # deterministic at the cut: equal scores go to the smaller name id, as in _best_small
        kth = np.partition(rank, uniq.size - keep)[uniq.size - keep]
        above = np.flatnonzero(rank > kth)
        equal = np.flatnonzero(rank == kth)
        equal = equal[np.argsort(uniq[equal], kind="stable")][: keep - above.size]
        top = np.concatenate([above, equal])
    else:
        top = np.arange(uniq.size)
    chosen = {int(uniq[i]): (float(query_cov[i]), float(name_cov[i])) for i in top}
    if with_ranks:
        return chosen, [float(rank[i]) for i in top]
    return chosen
