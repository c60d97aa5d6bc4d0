"""synthquery: describe samples in words, get a GEM-1 query the API accepts.

Only the names exported here are the stable public API; modules whose names start with an
underscore, and submodules not re-exported, may change without notice.

Heavy modules (pydantic models, pandas, httpx) load on first use, so ``import synthquery``
stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it (loaded lazily on first attribute access)
_EXPORTS: dict[str, str] = {
    # errors
    "DataError": "synthquery._errors",
    "IndexCorruptError": "synthquery._errors",
    "OLSError": "synthquery._errors",
    "QueryError": "synthquery._errors",
    "QueryLintError": "synthquery._errors",
    "SnapshotError": "synthquery._errors",
    "SynthqueryError": "synthquery._errors",
    "TermNotFoundError": "synthquery._errors",
    "UnknownFieldError": "synthquery._errors",
    "UnknownModelError": "synthquery._errors",
    "UnknownVocabularyError": "synthquery._errors",
    "UsageError": "synthquery._errors",
    # vocabulary layer
    "IdStatus": "synthquery.ontology",
    "IdValidation": "synthquery.ontology",
    "IdNormalization": "synthquery.ontology",
    "Synonym": "synthquery.ontology",
    "Term": "synthquery.ontology",
    "Vocabulary": "synthquery.ontology",
    "normalize_id": "synthquery.ontology",
    "validate_id": "synthquery.ontology",
    "vocab": "synthquery.ontology",
    "vocabularies": "synthquery.ontology",
    # grounding
    "Candidate": "synthquery.resolve",
    "LookupResult": "synthquery.resolve",
    "lookup": "synthquery.resolve",
    # profiles
    "Profile": "synthquery.profiles",
    "get_profile": "synthquery.profiles",
    # query
    "Query": "synthquery.query",
    "get_example_query": "synthquery.query",
    # lint
    "Diagnostic": "synthquery.lint",
    "Fix": "synthquery.lint",
    "Report": "synthquery.lint",
    "lint": "synthquery.lint",
    # prediction client
    "AuthenticationError": "synthquery.client",
    "Client": "synthquery.client",
    "NotFoundError": "synthquery.client",
    "PredictionFailed": "synthquery.client",
    "PredictionTimeout": "synthquery.client",
    "Result": "synthquery.client",
    "SynthesizeAPIError": "synthquery.client",
    "ValidationError": "synthquery.client",
    "list_models": "synthquery.client",
    "predict_query": "synthquery.client",
}

__all__ = sorted(_EXPORTS, key=str.lower)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'synthquery' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later accesses skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
