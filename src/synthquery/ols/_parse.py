"""Pure helpers: build OLS query text and read OLS4 JSON defensively (no I/O).

OLS answers vary between releases and self-hosted instances: fields go missing, lists arrive as
scalars, booleans as strings. Every reader here skips what it cannot use instead of raising, so
one odd document never costs the whole answer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from synthquery.ols._model import OBO_PREFIX, OLSTerm

__all__ = [
    "MalformedResponse",
    "canonical_obo_id",
    "escape_exact",
    "escape_ranked",
    "exact_only",
    "parse_search",
    "parse_terms",
]

_PREFIX_OF: dict[str, str] = {prefix.upper(): prefix for prefix in OBO_PREFIX.values()}
_ONTOLOGY_OF_PREFIX: dict[str, str] = {prefix.upper(): ont for ont, prefix in OBO_PREFIX.items()}
_OBO_IRI = re.compile(r"^https?://purl\.obolibrary\.org/obo/([A-Za-z][A-Za-z0-9]*)_(\S+)$")
_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9]*)[:_]([^\s/]\S*)$")
# Solr query syntax characters; escaped so edismax reads the user's text as words
_SOLR_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_SCOPES = {
    "hasexactsynonym": "EXACT",
    "hasrelatedsynonym": "RELATED",
    "hasnarrowsynonym": "NARROW",
    "hasbroadsynonym": "BROAD",
    "exact": "EXACT",
    "related": "RELATED",
    "narrow": "NARROW",
    "broad": "BROAD",
}


class MalformedResponse(ValueError):
    """The JSON does not have the overall shape of an OLS answer (never cached)."""


def escape_exact(text: str) -> str:
    """Text for an ``exact=true`` search: OLS wraps it in quotes itself, so only the characters
    that would end or break that quoted phrase are escaped."""
    return _collapse(text).replace("\\", "\\\\").replace('"', '\\"')


def escape_ranked(text: str) -> str:
    """Text for a ranked (edismax) search with Solr operators escaped."""
    return _SOLR_SPECIAL.sub(r"\\\1", _collapse(text))


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _fold(text: str) -> str:
    return _collapse(unicodedata.normalize("NFC", text)).casefold()


def canonical_obo_id(value: Any) -> str | None:
    """``UBERON_0000948``, ``uberon:0000948``, an OBO PURL or ``9606`` (a taxon) -> OBO CURIE."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.isdigit():
        return f"NCBITaxon:{text}"
    match = _OBO_IRI.match(text) or _CURIE.match(text)
    if match is None:
        return None
    prefix, local = match.group(1), match.group(2)
    return f"{_PREFIX_OF.get(prefix.upper(), prefix)}:{local}"


def ontology_of_id(obo_id: str) -> str | None:
    """The OLS ontology whose own terms carry this CURIE prefix, if synthquery knows it."""
    return _ONTOLOGY_OF_PREFIX.get(obo_id.partition(":")[0].upper())


def _string(value: Any) -> str | None:
    """A non-empty string from a string or the first usable string of a list."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        for item in value:
            if isinstance(item, str) and item.strip():
                return item.strip()
    return None


def _strings(value: Any) -> Iterator[str]:
    """Strings from a list, a scalar string, or a list of ``{"name"|"value": ...}`` objects."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, dict):
            item = item.get("name", item.get("value"))
        if isinstance(item, str) and item.strip():
            yield item.strip()


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return False


def _unique(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))


def _belongs(obo_id: str, ontology: str) -> bool:
    expected = OBO_PREFIX.get(ontology)
    return expected is None or obo_id.partition(":")[0].upper() == expected.upper()


def _doc_id(doc: dict[str, Any]) -> str | None:
    for key in ("obo_id", "short_form", "iri"):
        found = canonical_obo_id(_string(doc.get(key)))
        if found:
            return found
    return None


def _docs(payload: Any, *path: str) -> list[Any]:
    node = payload
    for key in path:
        if not isinstance(node, dict):
            raise MalformedResponse(f"expected an object at {'.'.join(path)}")
        node = node.get(key)
        if node is None:
            return []
    if isinstance(node, dict):  # one document where a list was expected
        return [node]
    if not isinstance(node, list):
        raise MalformedResponse(f"expected a list at {'.'.join(path)}")
    return node


def parse_search(payload: Any, ontology: str) -> tuple[OLSTerm, ...]:
    """Hits of ``/api/search`` that belong to ``ontology``; unusable documents are skipped."""
    if not isinstance(payload, dict) or not isinstance(payload.get("response"), dict):
        raise MalformedResponse("no 'response' object in the search answer")
    hits = []
    for doc in _docs(payload, "response", "docs"):
        if not isinstance(doc, dict) or doc.get("is_defining_ontology") is False:
            continue
        obo_id, label = _doc_id(doc), _string(doc.get("label"))
        if obo_id is None or label is None or not _belongs(obo_id, ontology):
            continue
        hits.append(
            OLSTerm(
                obo_id=obo_id,
                label=label,
                synonyms=_unique(s for s in _strings(doc.get("synonym")) if s != label),
                ontology=_string(doc.get("ontology_name")) or ontology,
            )
        )
    return _dedupe(hits)


def parse_terms(payload: Any, ontology: str, obo_id: str | None = None) -> tuple[OLSTerm, ...]:
    """Terms of ``/api/ontologies/{ont}/terms`` (only ``obo_id`` when given)."""
    if not isinstance(payload, dict):
        raise MalformedResponse("the term answer is not a JSON object")
    hits = []
    for doc in _docs(payload, "_embedded", "terms"):
        if not isinstance(doc, dict):
            continue
        found, label = _doc_id(doc), _string(doc.get("label"))
        if found is None or label is None or not _belongs(found, ontology):
            continue
        if obo_id is not None and found.upper() != obo_id.upper():
            continue
        typed = _unique(_typed_synonyms(doc.get("obo_synonym")))
        plain = [*_strings(doc.get("synonyms")), *(text for text, _ in typed)]
        replaced = (canonical_obo_id(v) for v in _strings(doc.get("term_replaced_by")))
        hits.append(
            OLSTerm(
                obo_id=found,
                label=label,
                synonyms=_unique(s for s in plain if s != label),
                typed_synonyms=typed,
                obsolete=_flag(doc.get("is_obsolete")),
                replaced_by=_unique(r for r in replaced if r and r != found),
                ontology=_string(doc.get("ontology_name")) or ontology,
            )
        )
    return _dedupe(hits)


def _typed_synonyms(value: Any) -> Iterator[tuple[str, str]]:
    items = value if isinstance(value, list) else [value]
    for item in items:
        if not isinstance(item, dict):
            continue
        text = _string(item.get("name"))
        scope = _string(item.get("scope")) or ""
        if text:
            # "hasExactSynonym", an oboInOwl IRI ending in it, or a bare "EXACT"
            short = scope.rsplit("#", 1)[-1].rsplit("/", 1)[-1].lower()
            yield text, _SCOPES.get(short, "RELATED")


def _dedupe(hits: list[OLSTerm]) -> tuple[OLSTerm, ...]:
    seen: dict[str, OLSTerm] = {}
    for hit in hits:
        seen.setdefault(hit.obo_id, hit)
    return tuple(seen.values())


def exact_only(hits: Iterable[OLSTerm], text: str) -> tuple[OLSTerm, ...]:
    """Hits whose label or a synonym equals ``text`` ignoring case and spacing: OLS has returned
    non-exact hits for exact queries (ols4 #950, #1296)."""
    wanted = _fold(text)
    return tuple(
        hit
        for hit in hits
        if _fold(hit.label) == wanted or any(_fold(s) == wanted for s in hit.synonyms)
    )
