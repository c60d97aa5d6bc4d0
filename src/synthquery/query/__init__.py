"""Queries for the GEM-1 models: pydantic wire models, the fluent builder, examples, schema.

``Query`` is the entry point::

    from synthquery import Query
    q = Query("gem-1-bulk").seed(42).add(tissue="lung", sex="female", age=63, n=5)
    q.to_dict()   # the exact JSON body of the API
    q.review()    # what each word resolved to, and how sure we are

See :mod:`synthquery.query.builder` (defaults, immutability), :mod:`synthquery.query.resolution`
(ambiguity policy) and :mod:`synthquery.query.reader` (what ``from_dict`` tolerates).
"""

from __future__ import annotations

from synthquery.query._problems import QueryProblem
from synthquery.query.builder import Query
from synthquery.query.examples import get_example_query
from synthquery.query.models import METADATA_KEYS, InputModel, Metadata, QueryModel
from synthquery.query.resolution import Alternative, Resolution
from synthquery.query.schema import json_schema

__all__ = [
    "METADATA_KEYS",
    "Alternative",
    "InputModel",
    "Metadata",
    "Query",
    "QueryModel",
    "QueryProblem",
    "Resolution",
    "get_example_query",
    "json_schema",
]
