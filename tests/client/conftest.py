"""Fixtures: a real loopback prediction API per test, and clients pointed at it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthesize_server import API_KEY, FAST_RETRY, FakeAPI

from synthquery.client import Client

FIXTURE_SNAPSHOT = Path(__file__).resolve().parents[1] / "data" / "snapshots"


@pytest.fixture(autouse=True)
def _fixture_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    # the linter runs before every submit: give it the tiny, always-present fixture snapshot
    monkeypatch.setenv("SYNTHQUERY_ONTOLOGIES_DIR", str(FIXTURE_SNAPSHOT))


@pytest.fixture
def api() -> Iterator[FakeAPI]:
    server = FakeAPI().start()
    yield server
    server.stop()


@pytest.fixture
def api_env(api: FakeAPI, monkeypatch: pytest.MonkeyPatch) -> FakeAPI:
    """The environment a user would set: key and base URL pointing at the loopback API."""
    monkeypatch.setenv("SYNTHESIZE_API_KEY", API_KEY)
    monkeypatch.setenv("SYNTHESIZE_API_BASE_URL", api.url)
    monkeypatch.delenv("SYNTHESIZE_SELF_HOSTED", raising=False)
    return api


@pytest.fixture
def client(api: FakeAPI) -> Iterator[Client]:
    with Client(api_key=API_KEY, base_url=api.url, max_retries=FAST_RETRY) as c:
        yield c
