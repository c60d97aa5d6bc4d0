"""Open-ended input never crashes lookup(): a result or a clear usage error."""

from __future__ import annotations

import pytest
from _resolve_fixtures import requires_snapshots
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthquery._errors import UsageError
from synthquery.resolve import FIELDS, lookup

pytestmark = requires_snapshots

_texts = st.one_of(
    st.text(max_size=80),
    st.binary(max_size=80).map(lambda b: b.decode("latin-1")),
    st.text(alphabet="abcdefghij -+()[],/0123456789µαβ", max_size=60),
    st.sampled_from(["lung", "CD4+ T cells", "HL60", "10 uM imatinib 24h", "BATF", "human"]).map(
        lambda s: s * 3
    ),
    # texts that reach the mixture, head-phrase, subtype-number and both-sides rewrites
    st.lists(
        st.sampled_from(
            ["20 %", "liver", "/", "and", "left", "right", "cells", "from", "blood", "CD138+", "2"]
        ),
        max_size=9,
    ).map(" ".join),
    # ... and the negation, marker, peer, clause and role rewrites
    st.lists(
        st.sampled_from(
            [
                "non",
                "non-",
                "CD4+",
                "CD8-",
                "CD19+",
                "B cell",
                "cancer",
                "breast",
                "with",
                "including",
                "MEK inhibitor",
                "node-negative",
                "cortex",
                "(",
                ")",
                "duct",
            ]
        ),
        max_size=8,
    ).map(" ".join),
    # ... and the joined-names, gene-method, Greek-symbol and locant rewrites
    st.lists(
        st.sampled_from(
            [
                "brain",
                "and",
                "&",
                "+",
                ",",
                "spinal cord",
                "B",
                "T cells",
                "knockout",
                "siRNA against",
                "shTP53",
                "IFN-gamma",
                "2,5-",
                "piperazinedione",
                "-/-",
                "subcutaneous",
            ]
        ),
        max_size=8,
    ).map(" ".join),
)


def _check(result, limit: int) -> None:
    assert len(result.candidates) <= limit
    scores = [c.score for c in result.candidates]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)
    assert len({c.id for c in result.candidates}) == len(result.candidates)
    result.to_dict()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts, field=st.sampled_from(FIELDS), limit=st.integers(1, 8))
def test_any_text_any_field(text: str, field: str, limit: int) -> None:
    _check(lookup(text, field, limit=limit, online=False), limit)


@settings(max_examples=40, deadline=None)
@given(text=_texts, ptype=st.one_of(st.none(), st.text(max_size=12)))
def test_any_perturbation_type(text: str, ptype: str | None) -> None:
    _check(lookup(text, "perturbation", perturbation_type=ptype, online=False), 5)


@settings(max_examples=30, deadline=None)
@given(field=st.text(max_size=20).filter(lambda f: f.strip().lower() not in FIELDS))
def test_bad_field_is_a_usage_error(field: str) -> None:
    try:
        lookup("lung", field)
    except UsageError:
        return
    # an alias of a real field is fine too
    assert field.strip().lower().replace("-", "_").replace(" ", "_") in {
        "tissue_ontology_id",
        "cell_type_ontology_id",
        "disease_ontology_id",
        "cell_line_ontology_id",
        "perturbation_ontology_id",
        "celltype",
        "cellline",
        "drug",
        "chemical",
        "taxon",
        "species",
    }


@pytest.mark.parametrize("field", ["tissue", "cell_type"])
@pytest.mark.parametrize("text", ["xqzv (wqpz)", "qq (zz)", "zzqx, qqzz"])
def test_a_head_and_detail_naming_nothing_give_no_answer(text: str, field: str) -> None:
    # "Head (detail)" and "Head, tail" read their parts only against answers found
    _check(lookup(text, field, limit=5, online=False), 5)
