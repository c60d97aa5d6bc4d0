"""Fixtures for the grounding tests."""

from __future__ import annotations

import pytest
from _resolve_fixtures import TinyVocab, tiny_uberon


@pytest.fixture
def tiny() -> TinyVocab:
    return tiny_uberon()
