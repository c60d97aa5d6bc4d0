"""The offline switch every networked part obeys: ``SYNTHQUERY_OFFLINE`` set to 1/true/yes/on.

Read at each call, so a test or a long-lived process can change it."""

from __future__ import annotations

import os

__all__ = ["OFFLINE_ENV", "offline_mode"]

OFFLINE_ENV = "SYNTHQUERY_OFFLINE"
_TRUE = frozenset({"1", "true", "yes", "on"})


def offline_mode() -> bool:
    """Whether ``SYNTHQUERY_OFFLINE`` asks that no network be touched."""
    return os.environ.get(OFFLINE_ENV, "").strip().lower() in _TRUE
