"""Fixtures for the OLS tests: the loopback server (see ``server.py``) and isolated clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ols.server import FakeOLS, ols_env, ols_server
from synthquery.ols import BREAKER, OLSClient

__all__ = ["make_client", "ols_env", "ols_server"]


@pytest.fixture
def make_client(ols_env: FakeOLS, tmp_path: Path) -> Iterator[Callable[..., OLSClient]]:
    """Build clients against the loopback server with a private cache dir (closed afterwards)."""
    made: list[OLSClient] = []

    def build(**options: Any) -> OLSClient:
        options.setdefault("cache_dir", tmp_path / "cache")
        options.setdefault("connect_timeout", 2.0)
        options.setdefault("read_timeout", 2.0)
        client = OLSClient(ols_env.url, **options)
        made.append(client)
        return client

    BREAKER.reset()
    yield build
    for client in made:
        client.close()
    BREAKER.reset()
