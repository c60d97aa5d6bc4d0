"""Example queries, shaped as the API's ``GET /api/models/{id}/example-query`` answer."""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["get_example_query"]


def get_example_query(model_id: str, online: bool = False) -> dict[str, Any]:
    """``{"example_query": {...}}`` for ``model_id``, like pysynthbio's function of that name.

    Offline (the default) it comes from the model's profile, with no network call; each call
    returns a fresh deep copy, so editing it is safe. ``online=True`` asks the API through
    :class:`synthquery.Client` (needs an API key).
    """
    if online:
        from synthquery.client import Client

        answer = Client().example_query(model_id)
        if isinstance(answer, dict) and "example_query" in answer:
            return answer
        return {"example_query": answer}
    from synthquery.profiles import get_profile

    return {"example_query": copy.deepcopy(get_profile(model_id).example_query)}
