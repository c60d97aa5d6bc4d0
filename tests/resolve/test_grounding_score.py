"""The scorer alone: orderings between kinds of match, calibration, descriptions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synthquery.resolve.score import (
    CALIBRATION,
    USAGE_WEIGHT,
    VOCABULARY_CALIBRATION,
    Match,
    calibrate,
    describe,
    fuzzy_similarity,
    raw_score,
    string_similarity,
    word_score,
)


def test_kind_of_match_orders_scores() -> None:
    label = raw_score(Match("exact", "label"))
    exact_synonym = raw_score(Match("exact", "synonym", "EXACT"))
    related = raw_score(Match("exact", "synonym", "RELATED", "mesh"))
    broad = raw_score(Match("exact", "synonym", "BROAD"))
    normalized = raw_score(Match("normalized", "label"))
    word_order = raw_score(Match("word_order", "label"))
    fuzzy = raw_score(Match("fuzzy", "label", similarity=0.9))
    assert label > exact_synonym > related > broad
    assert label > normalized > word_order > fuzzy


def test_rewrites_and_replacement_cost() -> None:
    plain = raw_score(Match("exact", "label"))
    assert raw_score(Match("exact", "label", rules=("dash_tail",))) < plain
    assert raw_score(Match("exact", "label", rules=("dash_tail", "drop_parenthetical"))) < (
        raw_score(Match("exact", "label", rules=("dash_tail",)))
    )
    assert raw_score(Match("exact", "label", replaced=True)) < plain


def test_prior_breaks_ties_only() -> None:
    a = raw_score(Match("normalized", "label", prior=1.0))
    b = raw_score(Match("normalized", "label", prior=0.0))
    assert a > b
    assert a < raw_score(Match("exact", "label", prior=0.0)) + 0.02


def test_cell_line_punctuation_counts_as_exact() -> None:
    exact = raw_score(Match("exact", "label", vocabulary="CVCL", case_exact=True))
    compact = raw_score(Match("compact", "label", vocabulary="CVCL", prior=1.0))
    assert compact > exact  # HT-29 (CVCL_0320) beats a newer entry spelled HT29


@given(st.floats(min_value=-1, max_value=2, allow_nan=False))
def test_calibrate_bounded(raw: float) -> None:
    assert 0.0 <= calibrate(raw) <= 1.0


@given(st.floats(0, 1), st.floats(0, 1))
def test_calibrate_monotone(a: float, b: float) -> None:
    lo, hi = sorted((a, b))
    assert calibrate(lo) <= calibrate(hi)


@pytest.mark.parametrize("knots", [CALIBRATION, *VOCABULARY_CALIBRATION.values()])
def test_calibration_knots_are_monotone(knots) -> None:
    xs = [k[0] for k in knots]
    ys = [k[1] for k in knots]
    assert xs == sorted(xs)
    assert ys == sorted(ys)
    assert 0.0 <= ys[0] and ys[-1] <= 1.0


def test_calibration_per_vocabulary() -> None:
    assert calibrate(1.0, vocabulary="MONDO") < calibrate(1.0, vocabulary="UBERON")
    assert calibrate(1.0, vocabulary="NOPE") == calibrate(1.0)


@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1))
def test_fuzzy_similarity_bounded(sim: float, q: float, n: float) -> None:
    assert 0.0 <= fuzzy_similarity(sim, q, n) <= 1.0
    assert 0.0 <= word_score(q, n) <= 1.0 + 1e-9


def test_string_similarity() -> None:
    assert string_similarity("kidney cortex", "cortex kidney") == 1.0
    assert string_similarity("fluourouracil", "fluorouracil") > 0.9
    assert string_similarity("lung", "liver") < 0.5


@pytest.mark.parametrize(
    ("match", "text"),
    [
        (Match("exact", "label"), "label"),
        (Match("exact", "synonym", "EXACT", "cl"), "synonym:EXACT"),
        (Match("exact", "synonym", "RELATED", "mesh"), "synonym:RELATED(mesh)"),
        (Match("normalized", "label"), "normalized label"),
        (Match("word_order", "synonym", "EXACT"), "word order synonym:EXACT"),
        (Match("fuzzy", "label", similarity=0.8), "fuzzy label"),
        (Match("id"), "id"),
    ],
)
def test_describe(match: Match, text: str) -> None:
    assert describe(match) == text


def test_usage_subset_lifts_only_where_weighted() -> None:
    plain = raw_score(Match("exact", "synonym", "EXACT", vocabulary="MONDO"))
    used = raw_score(Match("exact", "synonym", "EXACT", vocabulary="MONDO", usage=1.0))
    assert used == pytest.approx(plain + USAGE_WEIGHT["MONDO"])
    # enough to pass a same-kind match of a term nobody files data under ...
    assert used > raw_score(Match("exact", "label", vocabulary="MONDO"))
    # ... never an exact label over a fuzzy guess
    assert raw_score(Match("fuzzy", "label", similarity=0.8, vocabulary="MONDO", usage=1.0)) < (
        raw_score(Match("exact", "label", vocabulary="MONDO"))
    )
    # vocabularies without a weight ignore the subset
    assert raw_score(Match("exact", "label", vocabulary="CL", usage=1.0)) == raw_score(
        Match("exact", "label", vocabulary="CL")
    )
