"""The vocabulary layer: shipped ontology snapshots, the compiled index, ids and terms.

>>> import synthquery.ontology as onto
>>> onto.normalize_id("UBERON_0002048").wire_id
'UBERON:0002048'
>>> onto.id_kind("CVCL_0030")
'CVCL'

``vocab("UBERON").term("UBERON:0002048")`` reads the compiled index, building it from the
snapshots on first use (see :func:`build_index`).
"""

from __future__ import annotations

from synthquery.ontology._terms import ExactHit, Synonym, Term
from synthquery.ontology.ids import (
    FIELD_VOCABULARIES,
    IdNormalization,
    field_vocabularies,
    id_kind,
    normalize_id,
)
from synthquery.ontology.index import build_index, index_info
from synthquery.ontology.validate import IdStatus, IdValidation, validate_id
from synthquery.ontology.vocabulary import Vocabulary, vocab, vocabularies

__all__ = [
    "FIELD_VOCABULARIES",
    "ExactHit",
    "IdNormalization",
    "IdStatus",
    "IdValidation",
    "Synonym",
    "Term",
    "Vocabulary",
    "build_index",
    "field_vocabularies",
    "id_kind",
    "index_info",
    "normalize_id",
    "validate_id",
    "vocab",
    "vocabularies",
]
