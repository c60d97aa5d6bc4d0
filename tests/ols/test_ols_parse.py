"""Reading OLS4 JSON defensively and building query text (pure functions, no server)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ols.server import _unescape, term_doc
from synthquery.ols import OLSTerm
from synthquery.ols._parse import (
    MalformedResponse,
    canonical_obo_id,
    escape_exact,
    escape_ranked,
    exact_only,
    parse_search,
    parse_terms,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("UBERON:0000948", "UBERON:0000948"),
        ("UBERON_0000948", "UBERON:0000948"),
        ("uberon:0000948", "UBERON:0000948"),
        ("http://purl.obolibrary.org/obo/CL_0000236", "CL:0000236"),
        ("9606", "NCBITaxon:9606"),
        (9606, "NCBITaxon:9606"),
        ("ncbitaxon_9606", "NCBITaxon:9606"),
        ("CHEBI:45783", "CHEBI:45783"),
        ("", None),
        ("heart", None),
        ("https://example.org/thing", None),
        (None, None),
        (12.5, None),
        (True, None),
    ],
)
def test_canonical_obo_id(value: object, expected: str | None) -> None:
    assert canonical_obo_id(value) == expected


def test_escape_exact_protects_the_quoted_phrase() -> None:
    assert escape_exact('5" \\ long  bone') == '5\\" \\\\ long bone'


def test_escape_ranked_escapes_solr_operators() -> None:
    assert escape_ranked("heart (organ): AND-ish?") == "heart \\(organ\\)\\: AND\\-ish\\?"


@given(st.text(min_size=1, max_size=40))
def test_exact_escaping_round_trips(text: str) -> None:
    # what a Solr phrase parser unescapes is exactly the user's text (whitespace collapsed)
    assert _unescape(escape_exact(text)) == " ".join(text.split())


def _search(*docs: object) -> dict[str, object]:
    return {"response": {"numFound": len(docs), "start": 0, "docs": list(docs)}}


HEART = {
    "iri": "http://purl.obolibrary.org/obo/UBERON_0000948",
    "obo_id": "UBERON:0000948",
    "short_form": "UBERON_0000948",
    "label": "heart",
    "synonym": ["chambered heart", "branchial heart"],
    "ontology_name": "uberon",
    "is_defining_ontology": True,
}


def test_parse_search_list_fields() -> None:
    (hit,) = parse_search(_search(HEART), "uberon")
    assert hit == OLSTerm(
        "UBERON:0000948", "heart", ("chambered heart", "branchial heart"), ontology="uberon"
    )


def test_parse_search_scalar_fields() -> None:
    doc = {**HEART, "label": ["heart"], "synonym": "chambered heart"}
    (hit,) = parse_search(_search(doc), "uberon")
    assert (hit.label, hit.synonyms) == ("heart", ("chambered heart",))


def test_parse_search_id_from_short_form_or_iri() -> None:
    no_obo = {k: v for k, v in HEART.items() if k != "obo_id"}
    only_iri = {k: v for k, v in no_obo.items() if k != "short_form"}
    assert [h.obo_id for h in parse_search(_search(no_obo), "uberon")] == ["UBERON:0000948"]
    assert [h.obo_id for h in parse_search(_search(only_iri), "uberon")] == ["UBERON:0000948"]


def test_parse_search_skips_unusable_docs() -> None:
    junk = [
        "a bare string",
        None,
        {"label": "no id"},
        {"obo_id": "UBERON:0000001", "label": None},
        {"obo_id": "UBERON:0000002", "label": 42},
        {"obo_id": 12.5, "label": "bad id type"},
        {**HEART, "obo_id": "CL:0000236", "short_form": None, "iri": None},  # imported term
        {**HEART, "obo_id": "UBERON:0000003", "is_defining_ontology": False},
        {**HEART, "synonym": None},  # duplicate id: first one wins
    ]
    hits = parse_search(_search(*junk, HEART), "uberon")
    assert [h.obo_id for h in hits] == ["UBERON:0000948"]
    assert hits[0].synonyms == ()


@pytest.mark.parametrize(
    "payload",
    [None, [], "text", {}, {"response": None}, {"response": {"docs": "nope"}}],
)
def test_parse_search_rejects_wrong_shapes(payload: object) -> None:
    with pytest.raises(MalformedResponse):
        parse_search(payload, "uberon")


def test_parse_search_single_doc_object_and_missing_docs() -> None:
    assert [h.label for h in parse_search({"response": {"docs": HEART}}, "uberon")] == ["heart"]
    assert parse_search({"response": {"numFound": 0}}, "uberon") == ()


def _terms(*docs: object) -> dict[str, object]:
    return {"_embedded": {"terms": list(docs)}, "page": {"size": len(docs)}}


def test_parse_terms_typed_synonyms_and_status() -> None:
    doc = term_doc(
        "UBERON:0000948", "heart", [("chambered heart", "EXACT"), ("cardium", "RELATED")]
    )
    doc["obo_synonym"].append(
        {"name": "cor", "scope": "http://www.geneontology.org/formats/oboInOwl#hasNarrowSynonym"}
    )
    doc["obo_synonym"].append({"name": "cardia", "scope": "BROAD"})
    doc["obo_synonym"].append({"name": "ticker", "scope": None})
    (term,) = parse_terms(_terms(doc), "uberon", "UBERON:0000948")
    assert term.typed_synonyms == (
        ("chambered heart", "EXACT"),
        ("cardium", "RELATED"),
        ("cor", "NARROW"),
        ("cardia", "BROAD"),
        ("ticker", "RELATED"),
    )
    assert term.synonyms == ("chambered heart", "cardium", "cor", "cardia", "ticker")
    assert (term.obsolete, term.replaced_by) == (False, ())


def test_parse_terms_obsolete_with_replacement_as_string_flags() -> None:
    doc = term_doc("UBERON:0009999", "old heart", obsolete=True)
    doc.update(
        is_obsolete="true",
        term_replaced_by=["http://purl.obolibrary.org/obo/UBERON_0000948", "UBERON:0000948", 7],
        obo_synonym={"name": "former heart", "scope": "hasExactSynonym"},  # scalar, not list
        synonyms="former heart",
        label=["old heart"],
    )
    (term,) = parse_terms(_terms(doc), "uberon")
    assert term.obsolete is True
    assert term.replaced_by == ("UBERON:0000948",)
    assert term.typed_synonyms == (("former heart", "EXACT"),)
    assert term.label == "old heart"


def test_parse_terms_filters_to_the_asked_id_and_skips_junk() -> None:
    heart = term_doc("UBERON:0000948", "heart")
    lung = term_doc("UBERON:0002048", "lung")
    payload = _terms("junk", {"label": "no id"}, {**lung, "label": None}, lung, heart)
    assert [t.obo_id for t in parse_terms(payload, "uberon", "uberon:0000948")] == [
        "UBERON:0000948"
    ]
    assert parse_terms({"page": {"totalElements": 0}}, "uberon") == ()
    with pytest.raises(MalformedResponse):
        parse_terms(["not", "an", "object"], "uberon")


def test_ncbitaxon_wire_id() -> None:
    (term,) = parse_terms(_terms(term_doc("NCBITaxon:9606", "Homo sapiens")), "ncbitaxon")
    assert (term.obo_id, term.wire_id) == ("NCBITaxon:9606", "9606")
    assert OLSTerm("UBERON:0000948", "heart").wire_id == "UBERON:0000948"


def test_exact_only_keeps_label_or_synonym_equality() -> None:
    heart = OLSTerm("UBERON:0000948", "heart", ("Chambered  Heart",))
    valve = OLSTerm("UBERON:0000946", "cardiac valve", ("heart valve",))
    assert exact_only([heart, valve], "HEART") == (heart,)
    assert exact_only([heart, valve], " chambered heart ") == (heart,)
    assert exact_only([heart, valve], "valve") == ()


_KEYS = st.sampled_from(
    "response docs _embedded terms obo_id label synonym synonyms obo_synonym name scope "
    "is_obsolete term_replaced_by short_form iri is_defining_ontology ontology_name".split()
)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(_KEYS | st.text(max_size=5), children, max_size=6)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_json)
def test_parsers_never_fail_with_anything_but_malformed(payload: object) -> None:
    for parse in (parse_search, parse_terms):
        try:
            hits = parse(payload, "uberon")
        except MalformedResponse:
            continue
        assert all(isinstance(h.label, str) and h.obo_id.startswith("UBERON:") for h in hits)
