"""The fuzzy stage's shortcuts give exactly what the plain computations give."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import synthquery.resolve.lookup  # noqa: F401  (the package re-exports a function of that name)
from synthquery.resolve import fuzzy
from synthquery.resolve.fuzzy import (
    _accumulate,
    _best_numpy,
    _best_pruned,
    _best_small,
    _Part,
    _select,
    _Weights,
)
from synthquery.resolve.normalize import normalize

_lookup_module = sys.modules["synthquery.resolve.lookup"]


def _index(vocabulary: str):  # type: ignore[no-untyped-def]
    return _lookup_module._index_for(vocabulary)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(1, 400), unique=True, max_size=60), min_size=1, max_size=5))
def test_accumulate_matches_sorted_count(postings: list[list[int]]) -> None:
    index = _index("UBERON")
    ids = np.array([n for p in postings for n in p], dtype=np.uint32)
    weights = np.repeat(np.arange(1.0, len(postings) + 1) / 7, [len(p) for p in postings])
    uniq, acc = _accumulate(index, ids, weights)
    expect_ids, inverse = np.unique(ids, return_inverse=True)
    expect = np.bincount(inverse, weights=weights, minlength=expect_ids.size)
    got = dict(zip(uniq.tolist(), acc.tolist(), strict=True))
    assert got == dict(zip(expect_ids.tolist(), expect.tolist(), strict=True))


def _parts(index, text: str) -> tuple[list[_Part], float]:  # type: ignore[no-untyped-def]
    """One part per known word of ``text``, as fuzzy_search builds them."""
    import math

    n = max(index.n_names, 1)
    parts = []
    total = 0.0
    for word in normalize(text).split():
        hit = index.word(word)
        if hit is None:
            continue
        weight = math.log(1 + n / max(hit[1], 1))
        total += weight
        parts.append(_Part(hit[2], weight, weight))
    return parts, total


@pytest.mark.parametrize(
    ("vocabulary", "text"),
    [
        ("MONDO", "squamous cell carcinoma of the lung"),
        ("MONDO", "chronic kidney disease stage 3"),
        ("MONDO", "disease of the heart"),
        ("CL", "CD4-positive alpha-beta memory T cell"),
        ("CL", "cell of the kidney"),
        ("CHEBI", "acetic acid"),
    ],
)
@pytest.mark.parametrize("limit", [8, 16])
def test_pruned_selection_is_the_full_selection(vocabulary: str, text: str, limit: int) -> None:
    index = _index(vocabulary)
    parts, total = _parts(index, text)
    assert len(parts) > 1
    if not any(len(p.post) // 4 > fuzzy.BIG_POSTING for p in parts):
        pytest.skip("no long posting for this text in this snapshot")
    id_parts = [np.frombuffer(p.post, dtype=np.uint32) for p in parts]
    weights = _Weights([p.query_weight for p in parts], [p.name_weight for p in parts])
    full = _select(index, id_parts, weights, total, limit)
    # the shortcut answers these texts itself (it does not fall back) ...
    assert _best_pruned(index, id_parts, weights, total, limit) == full
    # ... and the entry point agrees
    assert _best_numpy(index, parts, total, limit, index.n_names) == full
    assert len(full) == limit


def test_pruning_gives_way_when_the_bound_is_not_met(monkeypatch: pytest.MonkeyPatch) -> None:
    # heads of a single name cannot guarantee the cut: the fallback must give the same answer
    monkeypatch.setattr(fuzzy, "HEAD_NAMES", 1)
    index = _index("MONDO")
    parts, total = _parts(index, "disease of the heart")
    id_parts = [np.frombuffer(p.post, dtype=np.uint32) for p in parts]
    weights = _Weights([p.query_weight for p in parts], [p.name_weight for p in parts])
    full = _select(index, id_parts, weights, total, 16)
    assert _best_numpy(index, parts, total, 16, index.n_names) == full


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.integers(1, 300), unique=True, min_size=1, max_size=40),
            st.floats(0.5, 9.0),
            st.floats(0.0, 1.0),
        ),
        min_size=2,
        max_size=5,
    ),
    st.integers(3, 12),
)
def test_query_and_name_weights_are_summed_apart(
    postings: list[tuple[list[int], float, float]], limit: int
) -> None:
    # a typo's part credits the query more than the name: both paths keep the two sums apart
    index = _index("CL")
    parts = [
        _Part(np.array(ids, dtype=np.uint32).tobytes(), name_w + extra, name_w)
        for ids, name_w, extra in postings
    ]
    total = sum(p.query_weight for p in parts) * 1.5
    mass = index.name_values("mass")
    query_sum: dict[int, float] = {}
    name_sum: dict[int, float] = {}
    for (ids, _w, _e), part in zip(postings, parts, strict=True):
        for nid in ids:
            query_sum[nid] = query_sum.get(nid, 0.0) + part.query_weight
            name_sum[nid] = name_sum.get(nid, 0.0) + part.name_weight
    expect = {
        nid: (min(query_sum[nid] / total, 1.0), min(name_sum[nid] / max(mass[nid], 1e-6), 1.0))
        for nid in query_sum
    }
    id_parts = [np.frombuffer(p.post, dtype=np.uint32) for p in parts]
    weights = _Weights([p.query_weight for p in parts], [p.name_weight for p in parts])
    for chosen in (
        _select(index, id_parts, weights, total, limit),
        _best_small(index, parts, total, limit),
    ):
        assert len(chosen) == min(limit, len(expect))
        for nid, (q_cov, n_cov) in chosen.items():
            assert q_cov == pytest.approx(expect[nid][0])
            assert n_cov == pytest.approx(expect[nid][1])
            assert q_cov >= min(name_sum[nid] / total, 1.0) - 1e-12  # the query gets more


def test_memoised_rows_equal_fresh_rows() -> None:
    index = _index("CL")
    first = index.by_keys({"t cell", "cell t", "tcell"})
    assert first
    again = index.by_keys({"t cell", "cell t", "tcell"})
    assert again == first
    assert index.by_nids([r.nid for r in first]) == first
    assert index.parents(first[0].term_id) == index.parents(first[0].term_id)


@pytest.mark.parametrize("n", [0, 1, 499, 500, 501, 1234])
def test_rows_by_id_span_statements(n: int) -> None:
    """More ids than one ``IN (...)`` statement binds are fetched in several, losing none."""
    from synthquery.resolve.index import VocabIndex

    index = VocabIndex(_index("CL").path)  # a fresh handle: nothing memoised
    wanted = list(range(1, 2 * n + 1, 2))  # odd name ids: every other row
    rows = index.by_nids(wanted)
    assert [r.nid for r in rows] == wanted
    again = VocabIndex(index.path)
    assert [r.term_id for r in again.by_nids(wanted[::-1])] == [r.term_id for r in rows]


def test_mapped_index_reads_what_an_unmapped_one_reads() -> None:
    """A batch worker maps the index file (``forget_open(mapped=True)``): its connections use
    SQLite's memory map and return the same rows; a library process's connections do not."""
    from synthquery.resolve import index as index_module
    from synthquery.resolve.index import VocabIndex

    path = _index("UBERON").path
    plain = VocabIndex(path)
    try:
        index_module.forget_open(mapped=True)
        mapped = VocabIndex(path)
        index_module.forget_open()  # None: the choice stands
        still = VocabIndex(path)
    finally:
        index_module.forget_open(mapped=False)
    size = "PRAGMA mmap_size"
    assert plain._con().execute(size).fetchone()[0] == 0
    assert mapped._con().execute(size).fetchone()[0] > 0
    assert still._con().execute(size).fetchone()[0] > 0
    assert VocabIndex(path)._con().execute(size).fetchone()[0] == 0
    keys = {"lung", "left eye", "eye left", "lefteye", "kidney"}
    rows = plain.by_keys(keys)
    assert rows and mapped.by_keys(keys) == rows
    wanted = list(range(1, 3000, 3))
    assert mapped.by_nids(wanted) == plain.by_nids(wanted)


def test_a_look_alike_counts_less_than_a_typo() -> None:
    """One edit away a known word is a typo and counts by its likeness alone; two or more
    edits away ('herbacetin' for the brand name 'Herceptin') it is a look-alike, worth less."""
    from rapidfuzz import fuzz

    index = _index("CHEBI")
    far = [r for r, _post, _df in fuzzy._find_typo_neighbours(index, "herceptin")]
    expected = fuzz.ratio("herceptin", "herbacetin") / 100 * fuzzy.LOOKALIKE_WEIGHT
    assert any(abs(r - expected) < 1e-9 for r in far), far
    near = [r for r, _post, _df in fuzzy._find_typo_neighbours(index, "imatinb")]
    assert max(near) == fuzz.ratio("imatinb", "imatinib") / 100


def test_a_brand_name_is_not_trusted_to_its_look_alike() -> None:
    from synthquery.resolve import lookup

    # brands the vocabulary lacks (Herceptin, Lipitor, Zoloft, Lexapro and Crestor are now
    # curated names)
    for brand in ("Xanax", "Singulair", "Nexium"):
        best = lookup(brand, "compound", online=False).best
        assert best is None or best.score < 0.6, (brand, best)
