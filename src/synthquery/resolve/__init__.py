"""Grounding: free text to ontology ids, offline first, with calibrated scores.

>>> from synthquery.resolve import lookup
>>> lookup("CD4+ T cells", "cell_type").best.id  # doctest: +SKIP
'CL:0000624'

Modules: :mod:`.normalize` (pure text steps and keys), :mod:`.variants` (query rewrites),
:mod:`.index` (the derived SQLite search index per vocabulary), :mod:`.fuzzy` (typo-tolerant
candidates), :mod:`.score` (match scoring and calibration), :mod:`.grounder` (one vocabulary),
:mod:`.lookup` (the public entry point, routing and the OLS fallback).
"""

from __future__ import annotations

from synthquery.resolve.fields import FIELDS
from synthquery.resolve.lookup import build_index, lookup
from synthquery.resolve.result import CONFIDENT, Candidate, LookupResult

__all__ = ["CONFIDENT", "FIELDS", "Candidate", "LookupResult", "build_index", "lookup"]
