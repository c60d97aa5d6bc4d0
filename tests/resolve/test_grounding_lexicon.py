"""lexicon.py: organ adjective <-> noun rewrites."""

from __future__ import annotations

import pytest

from synthquery.resolve.lexicon import (
    disease_noun,
    split_marker_runs,
    swap_adjectives,
    swap_last_adjective,
    swap_nouns,
)
from synthquery.resolve.variants import query_variants


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hepatic plate", "liver plate"),
        ("Cardiac cells", "heart cells"),
        ("renal papilla", "kidney papilla"),
        ("lung", "lung"),
    ],
)
def test_swap_adjectives(text: str, expected: str) -> None:
    assert swap_adjectives(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stomach cancer", "gastric cancer"),
        ("Cancer of stomach", "gastric Cancer"),
        ("kidney cortex", "renal cortex"),
        ("cortex of kidney", "renal cortex"),
        # a noun that is the head of the phrase stays: "liver" is not "hepatic"
        ("liver", "liver"),
        ("fetal liver", "fetal liver"),
    ],
)
def test_swap_nouns(text: str, expected: str) -> None:
    assert swap_nouns(text) == expected


def test_disease_cause_is_dropped() -> None:
    texts = {v.text for v in query_variants("bleomycin induced pulmonary fibrosis", "disease")}
    assert "pulmonary fibrosis" in texts
    # "induced by" names the cause after it: nothing to take
    by = {v.text for v in query_variants("fibrosis induced by bleomycin", "disease")}
    assert "bleomycin" not in by


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CD56dimCD16+ NK cells", "CD56dim CD16+ NK cells"),
        ("CD4+CD25hiCD127lo Tregs", "CD4+ CD25hi CD127lo Tregs"),
        ("CD4-CD8- thymocytes", "CD4- CD8- thymocytes"),
        ("Ly6ChiCX3CR1lo monocytes", "Ly6Chi CX3CR1lo monocytes"),
        ("mesenteric LN_CD4+CD25+", "mesenteric LN_CD4+ CD25+"),  # after a place and "_"
        # not markers: left alone
        ("HCD4+CD8", "HCD4+CD8"),
        ("CD4 T cells", "CD4 T cells"),
        ("COVID-19", "COVID-19"),
    ],
)
def test_marker_runs_split_into_one_word_per_marker(text: str, expected: str) -> None:
    assert split_marker_runs(text) == expected


@pytest.mark.parametrize(
    ("adjective", "noun"),
    [
        ("diabetic", "diabetes mellitus"),  # listed: no ending makes it
        ("Endometriotic", "endometriosis"),
        ("psoriatic", "psoriasis"),
        ("preeclamptic", "preeclampsia"),
        ("otic", None),  # too short to be derived
        ("chaotic", None),  # "cha" is no disease stem
        ("lung", None),
    ],
)
def test_disease_noun(adjective: str, noun: str | None) -> None:
    assert disease_noun(adjective) == noun


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pulmonary arterial tissue", "pulmonary artery tissue"),  # the structure's only
        ("renal arterial", "renal artery"),
        ("arterial tissue", "arterial tissue"),  # one adjective: swap_adjectives' work
        ("lung", "lung"),
    ],
)
def test_swap_last_adjective(text: str, expected: str) -> None:
    assert swap_last_adjective(text) == expected
